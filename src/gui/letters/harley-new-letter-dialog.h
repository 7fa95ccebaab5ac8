/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-letter.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_NEW_LETTER_DIALOG (harley_new_letter_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HarleyNewLetterDialog, harley_new_letter_dialog, HARLEY, NEW_LETTER_DIALOG, AdwWindow)

HarleyNewLetterDialog *harley_new_letter_dialog_new          (GtkWindow             *parent,
                                                              HarleyStore           *store,
                                                              gint64                 patient_id);
void                   harley_new_letter_dialog_set_template (HarleyNewLetterDialog *self,
                                                              gint64                 template_id);
void                   harley_new_letter_dialog_set_to       (HarleyNewLetterDialog *self,
                                                              HarleyRecipientKind    to);
const char            *harley_new_letter_dialog_get_problem  (HarleyNewLetterDialog *self);
GtkEditable           *harley_new_letter_dialog_get_search   (HarleyNewLetterDialog *self);

G_END_DECLS
