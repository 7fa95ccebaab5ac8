/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_PATIENT_APPOINTMENTS (harley_patient_appointments_get_type ())

G_DECLARE_FINAL_TYPE (HarleyPatientAppointments, harley_patient_appointments, HARLEY, PATIENT_APPOINTMENTS, GtkWidget)

GtkWidget *harley_patient_appointments_new  (void);
void       harley_patient_appointments_show (HarleyPatientAppointments *self,
                                             HarleyStore               *store,
                                             gint64                     patient_id);

G_END_DECLS
