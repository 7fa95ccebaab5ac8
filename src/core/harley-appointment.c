/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-appointment"

/* One appointment as the diary shows it: read with its patient's name,
 * type and place, so that drawing a week needs no further queries. */

#include <string.h>
#include <glib/gi18n-lib.h>

#include "harley-appointment.h"

struct _HarleyAppointment
{
  GObject                parent_instance;
  HarleyAppointmentInfo  info;
};

G_DEFINE_FINAL_TYPE (HarleyAppointment, harley_appointment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PATIENT_NAME,
  PROP_TYPE_NAME,
  PROP_WHEN,
  PROP_STATUS_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  const char *code;
  const char *label;
} statuses[HARLEY_APPOINTMENT_N_STATUSES] = {
  [HARLEY_APPOINTMENT_BOOKED] = { "booked", N_("Booked") },
  [HARLEY_APPOINTMENT_ARRIVED] = { "arrived", N_("Arrived") },
  [HARLEY_APPOINTMENT_SEEN] = { "seen", N_("Seen") },
  [HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT] = { "cancelled-by-patient", N_("Cancelled by the patient") },
  [HARLEY_APPOINTMENT_CANCELLED_BY_PRACTICE] = { "cancelled-by-practice", N_("Cancelled by the practice") },
  [HARLEY_APPOINTMENT_DID_NOT_ATTEND] = { "did-not-attend", N_("Did not attend") },
};

static void
harley_appointment_finalize (GObject *object)
{
  HarleyAppointmentInfo *info = &HARLEY_APPOINTMENT (object)->info;

  g_free (info->patient_name);
  g_free (info->date_of_birth);
  g_free (info->nhs_number);
  g_free (info->alerts);
  g_free (info->type_name);
  g_free (info->colour);
  g_free (info->clinician_name);
  g_free (info->location_name);
  g_free (info->notes);
  g_free (info->cancel_reason);
  g_free (info->booked_by);
  g_free (info->booked_at);

  G_OBJECT_CLASS (harley_appointment_parent_class)->finalize (object);
}

static void
harley_appointment_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HarleyAppointment *self = HARLEY_APPOINTMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->info.id);
      break;
    case PROP_PATIENT_NAME:
      g_value_set_string (value, self->info.patient_name);
      break;
    case PROP_TYPE_NAME:
      g_value_set_string (value, self->info.type_name);
      break;
    case PROP_WHEN:
      g_value_take_string (value, harley_appointment_dup_when (self));
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, harley_appointment_status_label (self->info.status));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harley_appointment_class_init (HarleyAppointmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = harley_appointment_finalize;
  object_class->get_property = harley_appointment_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATIENT_NAME] = g_param_spec_string ("patient-name", NULL, NULL, NULL,
                                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TYPE_NAME] = g_param_spec_string ("type-name", NULL, NULL, NULL,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WHEN] = g_param_spec_string ("when", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL,
                                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
harley_appointment_init (HarleyAppointment *self)
{
}

/**
 * harley_appointment_new:
 * @info: what was read; its strings are taken, and @info is cleared
 *
 * Returns: (transfer full): a new appointment
 */
HarleyAppointment *
harley_appointment_new (HarleyAppointmentInfo *info)
{
  HarleyAppointment *self = g_object_new (HARLEY_TYPE_APPOINTMENT, NULL);

  self->info = *info;
  memset (info, 0, sizeof *info);
  return self;
}

const HarleyAppointmentInfo *
harley_appointment_get_info (HarleyAppointment *self)
{
  g_return_val_if_fail (HARLEY_IS_APPOINTMENT (self), NULL);
  return &self->info;
}

gint64
harley_appointment_get_id (HarleyAppointment *self)
{
  g_return_val_if_fail (HARLEY_IS_APPOINTMENT (self), 0);
  return self->info.id;
}

gboolean
harley_appointment_is_active (HarleyAppointment *self)
{
  g_return_val_if_fail (HARLEY_IS_APPOINTMENT (self), FALSE);
  return harley_appointment_status_is_active (self->info.status);
}

/**
 * harley_appointment_dup_when:
 *
 * Returns: (transfer full): "Tue 03/03/2026 09:00–09:30"
 */
char *
harley_appointment_dup_when (HarleyAppointment *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *weekday = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (HARLEY_IS_APPOINTMENT (self), NULL);
  if (!g_date_valid (&self->info.date))
    return g_strdup ("");
  day = g_date_time_new_utc (g_date_get_year (&self->info.date), g_date_get_month (&self->info.date),
                             g_date_get_day (&self->info.date), 12, 0, 0);
  weekday = g_date_time_format (day, "%a %d/%m/%Y");
  start = harley_format_minutes (self->info.start);
  end = harley_format_minutes (self->info.end);
  return g_strdup_printf ("%s %s–%s", weekday, start, end);
}

const char *
harley_appointment_status_to_string (HarleyAppointmentStatus status)
{
  g_return_val_if_fail (status < HARLEY_APPOINTMENT_N_STATUSES, NULL);
  return statuses[status].code;
}

gboolean
harley_appointment_status_from_string (const char              *text,
                                       HarleyAppointmentStatus *status)
{
  for (guint i = 0; i < HARLEY_APPOINTMENT_N_STATUSES; i++)
    if (g_strcmp0 (text, statuses[i].code) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

const char *
harley_appointment_status_label (HarleyAppointmentStatus status)
{
  g_return_val_if_fail (status < HARLEY_APPOINTMENT_N_STATUSES, NULL);
  return _(statuses[status].label);
}

/* Booked, arrived and seen appointments hold their time. */
gboolean
harley_appointment_status_is_active (HarleyAppointmentStatus status)
{
  return status == HARLEY_APPOINTMENT_BOOKED
         || status == HARLEY_APPOINTMENT_ARRIVED
         || status == HARLEY_APPOINTMENT_SEEN;
}

/**
 * harley_appointment_status_can_become:
 *
 * The steps a receptionist takes: booked → arrived → seen, or booked →
 * cancelled or did not attend. Arrived and seen can be undone one step
 * (a wrong click); a did-not-attend can be put back to booked when the
 * patient turns up late. A cancelled appointment stays cancelled: book
 * again instead, so the cancellation stays on the record.
 */
gboolean
harley_appointment_status_can_become (HarleyAppointmentStatus from,
                                      HarleyAppointmentStatus to)
{
  switch (from)
    {
    case HARLEY_APPOINTMENT_BOOKED:
      return to != HARLEY_APPOINTMENT_BOOKED && to != HARLEY_APPOINTMENT_SEEN;
    case HARLEY_APPOINTMENT_ARRIVED:
      return to == HARLEY_APPOINTMENT_SEEN || to == HARLEY_APPOINTMENT_BOOKED;
    case HARLEY_APPOINTMENT_SEEN:
      return to == HARLEY_APPOINTMENT_ARRIVED;
    case HARLEY_APPOINTMENT_DID_NOT_ATTEND:
      return to == HARLEY_APPOINTMENT_BOOKED;
    case HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT:
    case HARLEY_APPOINTMENT_CANCELLED_BY_PRACTICE:
    case HARLEY_APPOINTMENT_N_STATUSES:
    default:
      return FALSE;
    }
}

/**
 * harley_format_minutes:
 * @minutes: minutes after midnight
 *
 * Returns: (transfer full): "09:30"
 */
char *
harley_format_minutes (int minutes)
{
  return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}
