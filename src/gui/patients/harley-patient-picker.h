/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "harley-register.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_PATIENT_PICKER (harley_patient_picker_get_type ())

G_DECLARE_FINAL_TYPE (HarleyPatientPicker, harley_patient_picker, HARLEY, PATIENT_PICKER, GtkBox)

void         harley_patient_picker_set_store      (HarleyPatientPicker *self,
                                                   HarleyStore         *store);
gint64       harley_patient_picker_get_patient_id (HarleyPatientPicker *self);
void         harley_patient_picker_set_patient_id (HarleyPatientPicker *self,
                                                   gint64               patient_id);
void         harley_patient_picker_show_search    (HarleyPatientPicker *self,
                                                   gboolean             shown);
GtkEditable *harley_patient_picker_get_search     (HarleyPatientPicker *self);

G_END_DECLS
