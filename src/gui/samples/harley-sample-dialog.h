/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_SAMPLE_DIALOG (harley_sample_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HarleySampleDialog, harley_sample_dialog, HARLEY, SAMPLE_DIALOG, AdwWindow)

HarleySampleDialog *harley_sample_dialog_new          (GtkWindow          *parent,
                                                       HarleyStore        *store,
                                                       gint64              patient_id);
void                harley_sample_dialog_set_patient  (HarleySampleDialog *self,
                                                       gint64              patient_id);
GtkEditable        *harley_sample_dialog_get_search   (HarleySampleDialog *self);
const char         *harley_sample_dialog_get_problem  (HarleySampleDialog *self);

/* The laboratories and hospital departments a sample may go to */
GPtrArray          *harley_sample_dialog_list_labs    (HarleyStore        *store);
GtkWidget          *harley_sample_dialog_new_lab_row  (GPtrArray          *labs,
                                                       gint64              chosen_id,
                                                       gboolean            with_none);

G_END_DECLS
