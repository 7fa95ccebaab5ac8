/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "harley-register.h"

G_BEGIN_DECLS

/* The most rows one search shows; more means "keep typing" (a name and a
 * date of birth together narrow any surname). GTK 4.8's list view asks for
 * every new row of a changed list, so this bounds a keystroke's work. */
#define HARLEY_PATIENT_LIST_LIMIT 50
/* With nothing typed, the most recently changed records. */
#define HARLEY_PATIENT_LIST_RECENT 30

#define HARLEY_TYPE_PATIENT_LIST (harley_patient_list_get_type ())

G_DECLARE_FINAL_TYPE (HarleyPatientList, harley_patient_list, HARLEY, PATIENT_LIST, GObject)

HarleyPatientList *harley_patient_list_new           (HarleyStore        *store);
const char        *harley_patient_list_get_query     (HarleyPatientList  *self);
void               harley_patient_list_set_query     (HarleyPatientList  *self,
                                                      const char         *query);
gboolean           harley_patient_list_get_show_archived (HarleyPatientList *self);
void               harley_patient_list_set_show_archived (HarleyPatientList *self,
                                                      gboolean            show_archived);
HarleySearchKind   harley_patient_list_get_kind      (HarleyPatientList  *self);
gboolean           harley_patient_list_get_more      (HarleyPatientList  *self);
gint64             harley_patient_list_get_id        (HarleyPatientList  *self,
                                                      guint               position);
guint              harley_patient_list_find          (HarleyPatientList  *self,
                                                      gint64              id);
void               harley_patient_list_refresh       (HarleyPatientList  *self);
void               harley_patient_list_forget        (HarleyPatientList  *self,
                                                      gint64              id);
guint              harley_patient_list_get_n_built   (HarleyPatientList  *self);

G_END_DECLS
