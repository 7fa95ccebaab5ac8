/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-ical"

/* The diary as an iCalendar file (RFC 5545), for a clinician's own
 * calendar program.
 *
 * Times are written as the practice's clocks read them: local times
 * with TZID=Europe/London, never instants, so a 09:00 clinic stays at
 * 09:00 across the clock changes. The file carries its own VTIMEZONE
 * for Europe/London, libical's built-in one, so a reader need not know
 * the zone.
 *
 * Cancelled and did-not-attend appointments stay in the file, as
 * STATUS:CANCELLED and TRANSP:TRANSPARENT with the status in the
 * summary: a calendar that took in an earlier export under the same
 * UIDs then shows the change, instead of keeping a booking that no
 * longer stands, and a calendar that ignores STATUS still says so.
 *
 * Without HARLEY_ICAL_INCLUDE_PATIENT_NAMES nothing in the file
 * identifies a patient: no name, date of birth or NHS number, and no
 * notes, which often name the patient. The date of birth and the NHS
 * number are never written. */

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libical/ical.h>

#include "harley-audit.h"
#include "harley-diary.h"
#include "harley-ical.h"

#define LONDON  "Europe/London"
#define PRODID  "-//Harley//Diary//EN"

G_DEFINE_QUARK (harley-ical-error-quark, harley_ical_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

/* Times {{{1 */

/* Midnight UTC @days after @date (before it, if negative). */
static struct icaltimetype
utc_midnight (const GDate *date,
              int          days)
{
  struct icaltimetype t = icaltime_null_time ();
  GDate day = *date;

  if (days >= 0)
    g_date_add_days (&day, days);
  else if (g_date_get_julian (&day) > (guint) -days)
    g_date_subtract_days (&day, -days);
  t.year = g_date_get_year (&day);
  t.month = g_date_get_month (&day);
  t.day = g_date_get_day (&day);
  t.is_date = 0;
  t.zone = icaltimezone_get_utc_timezone ();
  return t;
}

/* A wall time with no zone of its own: its TZID parameter says which. */
static struct icaltimetype
wall_time (const GDate *date,
           int          minutes)
{
  struct icaltimetype t = icaltime_null_time ();

  t.year = g_date_get_year (date);
  t.month = g_date_get_month (date);
  t.day = g_date_get_day (date);
  t.hour = minutes / 60;
  t.minute = minutes % 60;
  t.is_date = 0;
  return t;
}

static icalproperty *
in_london (icalproperty *property)
{
  icalproperty_add_parameter (property, icalparameter_new_tzid (LONDON));
  return property;
}

/* @iso as stored: ISO 8601 with its zone. */
static gboolean
parse_utc (const char          *iso,
           struct icaltimetype *t)
{
  g_autoptr(GDateTime) when = NULL;

  if (iso == NULL || (when = g_date_time_new_from_iso8601 (iso, NULL)) == NULL)
    return FALSE;
  *t = icaltime_from_timet_with_zone ((time_t) g_date_time_to_unix (when), 0,
                                      icaltimezone_get_utc_timezone ());
  return TRUE;
}

/* The time zone {{{1 */

/* libical 3.0 names its built-in zone "/freeassociation.sourceforge.net/
 * Europe/London" and, built against the system's tzdata as Debian's is,
 * spells out every change since 1847: some 380 lines, the first offset
 * in seconds. The file gets a copy cut down to the exported days
 * (icaltimezone_truncate_vtimezone, since 3.0.6) under the plain name
 * every calendar program knows. ms_compatible keeps the yearly rules
 * (RRULE) with their first DTSTART, the form Outlook reads. */
static icalcomponent *
new_london_timezone (const GDate  *from,
                     const GDate  *to,
                     GError      **error)
{
  icaltimezone *zone = icaltimezone_get_builtin_timezone (LONDON);
  icalcomponent *builtin = zone != NULL ? icaltimezone_get_component (zone) : NULL;
  icalcomponent *vtimezone;
  icalproperty *tzid;

  if (builtin == NULL)
    {
      g_set_error (error, HARLEY_ICAL_ERROR, HARLEY_ICAL_ERROR_FAILED,
                   _("This computer does not know the time zone Europe/London. Install the "
                     "“tzdata” package and try again."));
      return NULL;
    }
  vtimezone = icalcomponent_new_clone (builtin);
  icaltimezone_truncate_vtimezone (vtimezone, utc_midnight (from, -1), utc_midnight (to, 2), 1);
  tzid = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);
  icalproperty_set_tzid (tzid, LONDON);
  return vtimezone;
}

/* Events {{{1 */

/* Stable from one export to the next, and different for an appointment
 * that reuses the number of one in another database. */
static char *
dup_uid (const HarleyAppointmentInfo *info)
{
  GString *uid = g_string_new (NULL);

  g_string_append_printf (uid, "appointment-%" G_GINT64_FORMAT "-", info->id);
  for (const char *p = info->booked_at; p != NULL && *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (uid, *p);
  g_string_append (uid, "@harley");
  return g_string_free (uid, FALSE);
}

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static char *
dup_summary (const HarleyAppointmentInfo *info,
             HarleyIcalFlags              flags)
{
  g_autofree char *summary = g_strdup (info->type_name != NULL ? info->type_name : "");

  if ((flags & HARLEY_ICAL_INCLUDE_PATIENT_NAMES) && has_text (info->patient_name))
    {
      g_autofree char *type = g_steal_pointer (&summary);

      /* TRANSLATORS: a calendar event: "Follow-up – Jane Doe" */
      summary = g_strdup_printf (_("%s – %s"), type, info->patient_name);
    }
  if (!harley_appointment_status_is_active (info->status))
    /* TRANSLATORS: a calendar event: "Follow-up (Cancelled by the patient)" */
    return g_strdup_printf (_("%s (%s)"), summary, harley_appointment_status_label (info->status));
  return g_steal_pointer (&summary);
}

static void
add_text (icalcomponent  *event,
          icalproperty  *(*new_property) (const char *),
          const char     *text)
{
  g_autofree char *valid = NULL;

  if (!has_text (text))
    return;
  valid = g_utf8_make_valid (text, -1);
  icalcomponent_add_property (event, new_property (valid));
}

static void
add_times (icalcomponent               *event,
           const HarleyAppointmentInfo *info,
           struct icaltimetype          stamp)
{
  struct icaltimetype created;

  icalcomponent_add_property (event, icalproperty_new_dtstamp (stamp));
  if (parse_utc (info->booked_at, &created))
    icalcomponent_add_property (event, icalproperty_new_created (created));
  icalcomponent_add_property (event, in_london (icalproperty_new_dtstart (wall_time (&info->date, info->start))));
  icalcomponent_add_property (event, in_london (icalproperty_new_dtend (wall_time (&info->date, info->end))));
}

static void
add_status (icalcomponent               *event,
            const HarleyAppointmentInfo *info,
            HarleyIcalFlags              flags)
{
  gboolean active = harley_appointment_status_is_active (info->status);

  icalcomponent_add_property (event, icalproperty_new_status (active ? ICAL_STATUS_CONFIRMED
                                                                     : ICAL_STATUS_CANCELLED));
  icalcomponent_add_property (event, icalproperty_new_transp (active ? ICAL_TRANSP_OPAQUE
                                                                     : ICAL_TRANSP_TRANSPARENT));
  /* A calendar shared with others shows them the time, not who. */
  if (flags & HARLEY_ICAL_INCLUDE_PATIENT_NAMES)
    icalcomponent_add_property (event, icalproperty_new_class (ICAL_CLASS_PRIVATE));
}

static icalcomponent *
new_event (const HarleyAppointmentInfo *info,
           struct icaltimetype          stamp,
           HarleyIcalFlags              flags)
{
  icalcomponent *event = icalcomponent_new_vevent ();
  g_autofree char *uid = dup_uid (info);
  g_autofree char *summary = dup_summary (info, flags);

  icalcomponent_add_property (event, icalproperty_new_uid (uid));
  add_times (event, info, stamp);
  add_text (event, icalproperty_new_summary, summary);
  add_text (event, icalproperty_new_location, info->location_name);
  if (flags & HARLEY_ICAL_INCLUDE_PATIENT_NAMES)
    add_text (event, icalproperty_new_description, info->notes);
  add_status (event, info, flags);
  return event;
}

/* The calendar {{{1 */

static icalcomponent *
new_calendar (const GDate  *from,
              const GDate  *to,
              GError      **error)
{
  icalcomponent *vtimezone = new_london_timezone (from, to, error);
  icalcomponent *calendar;

  if (vtimezone == NULL)
    return NULL;
  calendar = icalcomponent_new_vcalendar ();
  icalcomponent_add_property (calendar, icalproperty_new_prodid (PRODID));
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (calendar, icalproperty_new_method (ICAL_METHOD_PUBLISH));
  icalcomponent_add_component (calendar, vtimezone);
  return calendar;
}

static guint
add_events (icalcomponent   *calendar,
            GPtrArray       *appointments,
            gint64           clinician_id,
            HarleyIcalFlags  flags)
{
  struct icaltimetype stamp = icaltime_current_time_with_zone (icaltimezone_get_utc_timezone ());
  guint n = 0;

  for (guint i = 0; i < appointments->len; i++)
    {
      const HarleyAppointmentInfo *info = harley_appointment_get_info (g_ptr_array_index (appointments, i));

      if (clinician_id != 0 && info->clinician_id != clinician_id)
        continue;
      if (!g_date_valid (&info->date))
        {
          g_warning ("Appointment %" G_GINT64_FORMAT " has no valid day; not exported", info->id);
          continue;
        }
      icalcomponent_add_component (calendar, new_event (info, stamp, flags));
      n++;
    }
  return n;
}

static gboolean
check_clinician (HarleyStore  *store,
                 gint64        clinician_id,
                 GError      **error)
{
  g_autoptr(GPtrArray) clinicians = NULL;
  g_autofree char *number = NULL;

  if (clinician_id == 0)
    return TRUE;
  if ((clinicians = harley_diary_list_clinicians (store, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < clinicians->len; i++)
    if (((HarleyClinician *) g_ptr_array_index (clinicians, i))->id == clinician_id)
      return TRUE;
  number = g_strdup_printf ("%" G_GINT64_FORMAT, clinician_id);
  g_set_error (error, HARLEY_ICAL_ERROR, HARLEY_ICAL_ERROR_NO_CLINICIAN,
               _("There is no clinician number %s in the diary."), number);
  return FALSE;
}

static char *
dup_text (icalcomponent  *calendar,
          GError        **error)
{
  char *text = icalcomponent_as_ical_string_r (calendar);
  char *copy;

  if (text == NULL)
    {
      g_set_error (error, HARLEY_ICAL_ERROR, HARLEY_ICAL_ERROR_FAILED,
                   _("The diary could not be written as a calendar (%s)."), icalerror_strerror (icalerrno));
      return NULL;
    }
  copy = g_strdup (text);
  icalmemory_free_buffer (text);
  return copy;
}

/* Public {{{1 */

/**
 * harley_ical_check_range:
 * @from: the first day
 * @to: the last day, inclusive
 *
 * Returns: %FALSE, with %HARLEY_ICAL_ERROR_INVALID_RANGE, if @to is
 *   before @from or the days span more than %HARLEY_ICAL_MAX_YEARS years
 */
gboolean
harley_ical_check_range (const GDate  *from,
                         const GDate  *to,
                         GError      **error)
{
  GDate limit;

  g_return_val_if_fail (from != NULL && g_date_valid (from), FALSE);
  g_return_val_if_fail (to != NULL && g_date_valid (to), FALSE);

  if (g_date_compare (to, from) < 0)
    {
      g_set_error (error, HARLEY_ICAL_ERROR, HARLEY_ICAL_ERROR_INVALID_RANGE,
                   _("The last day to export is before the first."));
      return FALSE;
    }
  limit = *from;
  g_date_add_years (&limit, HARLEY_ICAL_MAX_YEARS);
  if (g_date_compare (to, &limit) >= 0)
    {
      g_set_error (error, HARLEY_ICAL_ERROR, HARLEY_ICAL_ERROR_INVALID_RANGE,
                   _("Export at most three years of the diary at a time."));
      return FALSE;
    }
  return TRUE;
}

/**
 * harley_ical_export:
 * @store: the practice database
 * @clinician_id: whose appointments, or 0 for everyone's
 * @from: the first day
 * @to: the last day, inclusive
 * @flags: what else to write
 * @n_events: (out) (optional): how many appointments were written
 * @error: where to put a failure
 *
 * The appointments of those days, cancelled ones too (as
 * STATUS:CANCELLED), as an iCalendar object: lines folded at 75 octets,
 * ended by CRLF.
 *
 * Returns: (transfer full): the iCalendar text, or %NULL
 */
char *
harley_ical_export (HarleyStore      *store,
                    gint64            clinician_id,
                    const GDate      *from,
                    const GDate      *to,
                    HarleyIcalFlags   flags,
                    guint            *n_events,
                    GError          **error)
{
  g_autoptr(GPtrArray) appointments = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  char *text;
  guint n;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);
  g_return_val_if_fail (clinician_id >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!harley_ical_check_range (from, to, error) || !check_clinician (store, clinician_id, error))
    return NULL;
  if ((appointments = harley_diary_list_range (store, from, to, error)) == NULL)
    return NULL;
  if ((calendar = new_calendar (from, to, error)) == NULL)
    return NULL;
  n = add_events (calendar, appointments, clinician_id, flags);
  if ((text = dup_text (calendar, error)) != NULL && n_events != NULL)
    *n_events = n;
  return text;
}

/* Patient data leaving Harley goes in the audit trail. */
static gboolean
note_in_audit (HarleyStore      *store,
               const GDate      *from,
               const GDate      *to,
               HarleyIcalFlags   flags,
               const char       *path,
               guint             n,
               GError          **error)
{
  /* In the words of the audit trail's own entries, whatever the desktop's language */
  g_autofree char *what = g_strdup_printf ("Diary as iCalendar, %02u/%02u/%04u to %02u/%02u/%04u, %u %s",
                                           (guint) g_date_get_day (from), (guint) g_date_get_month (from),
                                           (guint) g_date_get_year (from), (guint) g_date_get_day (to),
                                           (guint) g_date_get_month (to), (guint) g_date_get_year (to), n,
                                           n == 1 ? "appointment" : "appointments");
  g_autofree char *details = harley_audit_details ("file", path, "patient_names",
                                                   (flags & HARLEY_ICAL_INCLUDE_PATIENT_NAMES) ? "included"
                                                                                              : "left out", NULL);

  return harley_audit_add (store, HARLEY_AUDIT_EXPORT, 0, what, details, error);
}

/**
 * harley_ical_export_to_file:
 * @path: the file to write; one already there is replaced
 * @n_events: (out) (optional): how many appointments were written
 *
 * Writes harley_ical_export() to @path, readable only by its owner: it
 * may hold patient data. The text goes to a new file beside @path,
 * which is then renamed over it, so @path never holds half an export.
 * Nothing is written if the export fails.
 *
 * Returns: %FALSE on failure
 */
gboolean
harley_ical_export_to_file (HarleyStore      *store,
                            gint64            clinician_id,
                            const GDate      *from,
                            const GDate      *to,
                            HarleyIcalFlags   flags,
                            const char       *path,
                            guint            *n_events,
                            GError          **error)
{
  g_autofree char *text = NULL;
  guint n = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((text = harley_ical_export (store, clinician_id, from, to, flags, &n, error)) == NULL)
    return FALSE;
  if (!g_file_set_contents_full (path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, error))
    {
      g_prefix_error (error, _("The calendar file was not saved. "));
      return FALSE;
    }
  if (!note_in_audit (store, from, to, flags, path, n, error))
    {
      /* An export the audit trail cannot name is not left behind. */
      g_unlink (path);
      g_prefix_error (error, _("The calendar file was not saved. "));
      return FALSE;
    }
  if (n_events != NULL)
    *n_events = n;
  return TRUE;
}
