/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  HARLEY_APPOINTMENT_BOOKED,
  HARLEY_APPOINTMENT_ARRIVED,
  HARLEY_APPOINTMENT_SEEN,
  HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT,
  HARLEY_APPOINTMENT_CANCELLED_BY_PRACTICE,
  HARLEY_APPOINTMENT_DID_NOT_ATTEND,
  HARLEY_APPOINTMENT_N_STATUSES,
} HarleyAppointmentStatus;

#define HARLEY_TYPE_APPOINTMENT (harley_appointment_get_type ())

G_DECLARE_FINAL_TYPE (HarleyAppointment, harley_appointment, HARLEY, APPOINTMENT, GObject)

/**
 * HarleyAppointmentInfo:
 *
 * What a diary query reads for one appointment; the strings belong to
 * the #HarleyAppointment it was given to. Dates are local (Europe/London)
 * and times are minutes after local midnight.
 */
typedef struct
{
  gint64                   id;
  gint64                   patient_id;
  gint64                   clinician_id;
  gint64                   location_id;
  gint64                   type_id;
  GDate                    date;
  int                      start;
  int                      end;
  HarleyAppointmentStatus  status;
  gboolean                 overbooked;
  char                    *patient_name;
  char                    *date_of_birth;   /* ISO */
  char                    *nhs_number;
  char                    *alerts;
  char                    *type_name;
  char                    *colour;          /* "#rrggbb" */
  char                    *clinician_name;
  char                    *location_name;
  char                    *notes;
  char                    *cancel_reason;
  char                    *booked_by;
  char                    *booked_at;       /* ISO 8601 UTC */
} HarleyAppointmentInfo;

HarleyAppointment           *harley_appointment_new             (HarleyAppointmentInfo   *info);
const HarleyAppointmentInfo *harley_appointment_get_info        (HarleyAppointment       *self);
gint64                       harley_appointment_get_id          (HarleyAppointment       *self);
gboolean                     harley_appointment_is_active       (HarleyAppointment       *self);
char                        *harley_appointment_dup_when        (HarleyAppointment       *self);

const char                  *harley_appointment_status_to_string   (HarleyAppointmentStatus  status);
gboolean                     harley_appointment_status_from_string (const char              *text,
                                                                    HarleyAppointmentStatus *status);
const char                  *harley_appointment_status_label       (HarleyAppointmentStatus  status);
gboolean                     harley_appointment_status_is_active   (HarleyAppointmentStatus  status);
gboolean                     harley_appointment_status_can_become  (HarleyAppointmentStatus  from,
                                                                    HarleyAppointmentStatus  to);

char                        *harley_format_minutes              (int                      minutes);

G_END_DECLS
