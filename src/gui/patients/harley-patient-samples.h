/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_PATIENT_SAMPLES (harley_patient_samples_get_type ())

G_DECLARE_FINAL_TYPE (HarleyPatientSamples, harley_patient_samples, HARLEY, PATIENT_SAMPLES, GtkWidget)

GtkWidget  *harley_patient_samples_new      (void);
void        harley_patient_samples_show     (HarleyPatientSamples *self,
                                             HarleyStore          *store,
                                             gint64                patient_id);
GtkListBox *harley_patient_samples_get_list (HarleyPatientSamples *self);

G_END_DECLS
