/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void  harley_letter_text_install_tags   (GtkTextBuffer *buffer);
void  harley_letter_text_highlight      (GtkTextBuffer *buffer);
void  harley_letter_text_toggle_prefix  (GtkTextBuffer *buffer,
                                         const char    *prefix);
void  harley_letter_text_toggle_wrap    (GtkTextBuffer *buffer,
                                         const char    *marker);

G_END_DECLS
