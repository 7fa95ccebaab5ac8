/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_LETTER_EDITOR (harley_letter_editor_get_type ())

G_DECLARE_FINAL_TYPE (HarleyLetterEditor, harley_letter_editor, HARLEY, LETTER_EDITOR, AdwBin)

void      harley_letter_editor_set_store      (HarleyLetterEditor  *self,
                                               HarleyStore         *store);
gboolean  harley_letter_editor_open           (HarleyLetterEditor  *self,
                                               gint64               id,
                                               GError             **error);
gint64    harley_letter_editor_get_letter_id  (HarleyLetterEditor  *self);
gboolean  harley_letter_editor_save           (HarleyLetterEditor  *self,
                                               GError             **error);
GtkTextView *harley_letter_editor_get_text_view (HarleyLetterEditor *self);

G_END_DECLS
