/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_PATIENT_LETTERS (harley_patient_letters_get_type ())

G_DECLARE_FINAL_TYPE (HarleyPatientLetters, harley_patient_letters, HARLEY, PATIENT_LETTERS, GtkWidget)

GtkWidget *harley_patient_letters_new  (void);
void       harley_patient_letters_show (HarleyPatientLetters *self,
                                        HarleyStore          *store,
                                        gint64                patient_id);

G_END_DECLS
