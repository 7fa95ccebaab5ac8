/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-template"

/* The merge context: the values of a letter template's merge fields,
 * set one by one or read from the store for a patient, and the long
 * dates written in letters.
 */

#include <glib/gi18n-lib.h>

#include "harley-contact.h"
#include "harley-diary.h"
#include "harley-register.h"
#include "harley-template.h"
#include "harley-validate.h"
#include "harley-wall-time.h"

struct _HarleyMergeContext
{
  GHashTable *values;   /* field name → plain text */
};

/* Merge context {{{1 */

static const char * const weekdays[] = {
  NULL, "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
};
static const char * const months[] = {
  NULL, "January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December"
};

/**
 * harley_format_long_date:
 * @date: a valid date
 * @with_weekday: start with the day of the week
 *
 * Writes a date as a British letter does, in English whatever the
 * language of the desktop: "Monday 14 January 2030", "24 November 2026".
 *
 * Returns: (transfer full): the date
 */
char *
harley_format_long_date (const GDate *date,
                         gboolean     with_weekday)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  if (with_weekday)
    return g_strdup_printf ("%s %u %s %u", weekdays[g_date_get_weekday (date)], (guint) g_date_get_day (date),
                            months[g_date_get_month (date)], (guint) g_date_get_year (date));
  return g_strdup_printf ("%u %s %u", (guint) g_date_get_day (date), months[g_date_get_month (date)],
                          (guint) g_date_get_year (date));
}

/**
 * harley_merge_context_new:
 *
 * Makes a set of field values that holds only today's date, for filling
 * in with harley_merge_context_set().
 *
 * Returns: (transfer full): the context
 */
HarleyMergeContext *
harley_merge_context_new (void)
{
  HarleyMergeContext *self = g_new0 (HarleyMergeContext, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = NULL;
  GDate date;
  int minutes;

  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (harley_wall_time_from_utc (now, &date, &minutes))
    {
      today = harley_format_long_date (&date, FALSE);
      harley_merge_context_set (self, "today", today);
    }
  return self;
}

/**
 * harley_merge_context_set:
 * @self: a context
 * @field: a field's name, "patient.dob"
 * @value: (nullable): its value as plain text; %NULL or "" for none
 */
void
harley_merge_context_set (HarleyMergeContext *self,
                          const char         *field,
                          const char         *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (field != NULL);

  if (value == NULL || value[0] == '\0')
    g_hash_table_remove (self->values, field);
  else
    g_hash_table_replace (self->values, g_strdup (field), g_strdup (value));
}

/**
 * harley_merge_context_get:
 * @self: a context
 * @field: a field's name
 *
 * Returns: (transfer none) (nullable): its value, unescaped
 */
const char *
harley_merge_context_get (HarleyMergeContext *self,
                          const char         *field)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  return g_hash_table_lookup (self->values, field);
}

void
harley_merge_context_free (HarleyMergeContext *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->values);
  g_free (self);
}

/* Reading the store {{{2 */

static void
append_line (GString    *lines,
             const char *line)
{
  if (line == NULL || line[0] == '\0')
    return;
  if (lines->len > 0)
    g_string_append_c (lines, '\n');
  g_string_append (lines, line);
}

static char *
dup_contact_address (HarleyContact *contact)
{
  GString *lines = g_string_new (NULL);

  append_line (lines, harley_contact_get_address_lines (contact));
  append_line (lines, harley_contact_get_post_town (contact));
  append_line (lines, harley_contact_get_postcode (contact));
  return g_string_free (lines, FALSE);
}

static void
set_patient (HarleyMergeContext *self,
             HarleyPatient      *patient)
{
  const HarleyPatientText address[] = {
    HARLEY_PATIENT_ADDRESS_LINE1, HARLEY_PATIENT_ADDRESS_LINE2, HARLEY_PATIENT_ADDRESS_LINE3,
    HARLEY_PATIENT_POST_TOWN, HARLEY_PATIENT_POSTCODE,
  };
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *full_name = harley_patient_dup_full_name (patient);
  g_autofree char *dob = harley_format_date (harley_patient_get_text (patient, HARLEY_PATIENT_DATE_OF_BIRTH));
  const char *nhs = harley_patient_get_text (patient, HARLEY_PATIENT_NHS_NUMBER);
  g_autofree char *nhs_shown = nhs != NULL ? harley_format_nhs_number (nhs) : NULL;
  GPtrArray *numbers = harley_patient_get_hospital_numbers (patient);

  harley_merge_context_set (self, "patient.full_name", full_name);
  harley_merge_context_set (self, "patient.title", harley_patient_get_text (patient, HARLEY_PATIENT_TITLE));
  harley_merge_context_set (self, "patient.given_name",
                            harley_patient_get_text (patient, HARLEY_PATIENT_GIVEN_NAME));
  harley_merge_context_set (self, "patient.family_name",
                            harley_patient_get_text (patient, HARLEY_PATIENT_FAMILY_NAME));
  harley_merge_context_set (self, "patient.dob", dob);
  harley_merge_context_set (self, "patient.nhs_number", nhs_shown);
  for (guint i = 0; i < G_N_ELEMENTS (address); i++)
    append_line (lines, harley_patient_get_text (patient, address[i]));
  harley_merge_context_set (self, "patient.address", lines->str);
  if (numbers != NULL && numbers->len > 0)
    harley_merge_context_set (self, "patient.hospital_number",
                              ((HarleyHospitalNumber *) g_ptr_array_index (numbers, 0))->number);
  harley_merge_context_set (self, "insurer.membership_number",
                            harley_patient_get_text (patient, HARLEY_PATIENT_INSURANCE_MEMBERSHIP));
}

/* The GP may be a doctor in the address book, whose practice is the
 * organisation they belong to, or the practice itself. */
static gboolean
set_gp (HarleyMergeContext  *self,
        HarleyStore         *store,
        gint64               id,
        GError             **error)
{
  g_autoptr(HarleyContact) gp = harley_contact_load (store, id, error);
  g_autoptr(HarleyContact) practice = NULL;
  g_autofree char *address = NULL;
  gint64 organisation;

  if (gp == NULL)
    return FALSE;
  if (harley_contact_get_kind (gp) == HARLEY_CONTACT_GP_PRACTICE)
    practice = g_object_ref (gp);
  else
    {
      harley_merge_context_set (self, "gp.name", harley_contact_get_name (gp));
      organisation = harley_contact_get_organisation_id (gp);
      if (organisation > 0 && (practice = harley_contact_load (store, organisation, error)) == NULL)
        return FALSE;
    }
  address = dup_contact_address (practice != NULL ? practice : gp);
  if (practice != NULL)
    harley_merge_context_set (self, "gp.practice_name", harley_contact_get_name (practice));
  harley_merge_context_set (self, "gp.practice_address", address);
  return TRUE;
}

static gboolean
set_contact_name (HarleyMergeContext  *self,
                  HarleyStore         *store,
                  gint64               id,
                  const char          *field,
                  GError             **error)
{
  g_autoptr(HarleyContact) contact = NULL;

  if (id <= 0)
    return TRUE;
  if ((contact = harley_contact_load (store, id, error)) == NULL)
    return FALSE;
  harley_merge_context_set (self, field, harley_contact_get_name (contact));
  return TRUE;
}

static gboolean
set_appointment (HarleyMergeContext  *self,
                 HarleyStore         *store,
                 gint64               patient_id,
                 gint64               id,
                 GError             **error)
{
  g_autoptr(HarleyAppointment) appointment = harley_diary_load (store, id, error);
  const HarleyAppointmentInfo *info;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (appointment == NULL)
    return FALSE;
  info = harley_appointment_get_info (appointment);
  if (info->patient_id != patient_id)
    {
      g_set_error_literal (error, HARLEY_TEMPLATE_ERROR, HARLEY_TEMPLATE_ERROR_WRONG_PATIENT,
                           _("That appointment is another patient's: choose one of this patient's "
                             "appointments for the letter."));
      return FALSE;
    }
  date = harley_format_long_date (&info->date, TRUE);
  time = harley_format_minutes (info->start);
  harley_merge_context_set (self, "appointment.date", date);
  harley_merge_context_set (self, "appointment.time", time);
  harley_merge_context_set (self, "appointment.location", info->location_name);
  harley_merge_context_set (self, "appointment.type", info->type_name);
  harley_merge_context_set (self, "clinician.name", info->clinician_name);
  return TRUE;
}

static void
set_practice (HarleyMergeContext *self,
              HarleyStore        *store)
{
  const char * const keys[][2] = {
    { "practice.name", "name" },
    { "practice.address", "address" },
    { "practice.phone", "phone" },
    { "clinician.name", "consultant" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *value = harley_store_get_practice_detail (store, keys[i][1]);

      harley_merge_context_set (self, keys[i][0], value);
    }
}

/**
 * harley_merge_context_new_for_patient:
 * @store: the practice database
 * @patient_id: the patient the letter is about
 * @appointment_id: the appointment it is about, or 0
 * @error: why the values could not be read
 *
 * Reads the values of every field from the patient's record, the address
 * book entries it links to, the appointment and the practice's details.
 * The clinician is the appointment's, or else the practice's consultant.
 *
 * Returns: (transfer full) (nullable): the context
 */
HarleyMergeContext *
harley_merge_context_new_for_patient (HarleyStore  *store,
                                      gint64        patient_id,
                                      gint64        appointment_id,
                                      GError      **error)
{
  g_autoptr(HarleyMergeContext) self = NULL;
  g_autoptr(HarleyPatient) patient = NULL;
  gint64 gp;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((patient = harley_register_load (store, patient_id, error)) == NULL)
    return NULL;
  self = harley_merge_context_new ();
  set_practice (self, store);
  set_patient (self, patient);
  gp = harley_patient_get_link (patient, HARLEY_PATIENT_GP);
  if (gp > 0 && !set_gp (self, store, gp, error))
    return NULL;
  if (!set_contact_name (self, store, harley_patient_get_link (patient, HARLEY_PATIENT_REFERRER),
                         "referrer.name", error)
      || !set_contact_name (self, store, harley_patient_get_link (patient, HARLEY_PATIENT_INSURER),
                            "insurer.name", error))
    return NULL;
  if (appointment_id > 0 && !set_appointment (self, store, patient_id, appointment_id, error))
    return NULL;
  return g_steal_pointer (&self);
}
