/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HARLEY_TYPE_LETTER_PREVIEW (harley_letter_preview_get_type ())

G_DECLARE_FINAL_TYPE (HarleyLetterPreview, harley_letter_preview, HARLEY, LETTER_PREVIEW, GtkWidget)

GtkWidget *harley_letter_preview_new         (void);
void       harley_letter_preview_set_pdf     (HarleyLetterPreview *self,
                                              GBytes              *pdf);
GBytes    *harley_letter_preview_get_pdf     (HarleyLetterPreview *self);
void       harley_letter_preview_set_zoom    (HarleyLetterPreview *self,
                                              double               zoom);
double     harley_letter_preview_get_zoom    (HarleyLetterPreview *self);
guint      harley_letter_preview_get_n_pages (HarleyLetterPreview *self);
gboolean   harley_letter_preview_get_busy    (HarleyLetterPreview *self);

G_END_DECLS
