/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ical"

/* The diary as an iCalendar file: exported from a real database, read
 * back with libical, and checked for what a calendar program and a
 * data-protection officer would each look at. */

#include <libical/ical.h>
#include <string.h>
#include <sys/stat.h>

#include "harley-cli.h"
#include "harley-contact.h"
#include "harley-diary.h"
#include "harley-ical.h"
#include "harley-register.h"
#include "harley-test-util.h"
#include "harley-wall-time.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

#define NOTES "Allergic to plasters; her daughter Priscilla drives, so book mornings"

/* The two patients' names and notes: only in a file written with
 * HARLEY_ICAL_INCLUDE_PATIENT_NAMES. */
static const char * const named[] = {
  "Imogen", "Featherstonehaugh", "Bartholomew", "Quennell", "Priscilla", "Allergic", "prefers mornings",
};

/* Their dates of birth, NHS numbers and a cancellation's reason: never. */
static const char * const never_written[] = {
  "1970-05-01", "19700501", "01/05/1970", "1982-11-23", "19821123",
  "9434765919", "943 476 5919", "4857773457", "485 777 3457", "Tenerife",
};

typedef struct
{
  HarleyTestDb  db;
  gint64        imogen;
  gint64        bartholomew;
  gint64        consultant;
  gint64        nurse;
  gint64        follow_up;
  gint64        location;
} Fixture;

/* Set-up {{{1 */

static void
date_set (GDate      *date,
          const char *iso)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strconcat (iso, " 00:00", NULL);
  int minutes;

  g_assert_true (harley_wall_time_parse (text, date, &minutes, &error));
  g_assert_no_error (error);
}

static gint64
add_patient (HarleyStore *store,
             const char  *given,
             const char  *family,
             const char  *dob,
             const char  *nhs)
{
  g_autoptr(HarleyPatient) p = harley_test_patient (given, family, dob, nhs);
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_register_save (store, p, HARLEY_REGISTER_SAVE_ALLOW_SAME_NAME_DOB, &error));
  g_assert_no_error (error);
  return harley_patient_get_id (p);
}

static gint64
add_location (HarleyStore *store,
              const char  *name)
{
  g_autoptr(HarleyContact) place = harley_contact_new (HARLEY_CONTACT_HOSPITAL, name);
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_contact_save (store, place, &error));
  g_assert_no_error (error);
  return harley_contact_get_id (place);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) clinicians = NULL;
  g_autoptr(GError) error = NULL;

  harley_test_db_set_up (&f->db, data);
  f->imogen = add_patient (f->db.store, "Imogen", "Featherstonehaugh", "1970-05-01", "9434765919");
  f->bartholomew = add_patient (f->db.store, "Bartholomew", "Quennell", "1982-11-23", "4857773457");
  clinicians = harley_diary_list_clinicians (f->db.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clinicians->len, ==, 1);
  f->consultant = ((HarleyClinician *) g_ptr_array_index (clinicians, 0))->id;
  f->nurse = harley_diary_add_clinician (f->db.store, "Sister Mary Jones", "nurse", &error);
  g_assert_no_error (error);
  f->follow_up = harley_diary_find_type (f->db.store, "Follow-up");
  g_assert_cmpint (f->follow_up, >, 0);
  f->location = add_location (f->db.store, "The London Clinic, 20 Devonshire Place");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  harley_test_db_tear_down (&f->db, data);
}

/* Books a follow-up at @start on @iso_day, whatever the clinics. */
static gint64
book (Fixture    *f,
      gint64      patient,
      gint64      clinician,
      const char *iso_day,
      int         start,
      const char *notes)
{
  g_autoptr(GError) error = NULL;
  HarleyBooking b = { 0 };
  gint64 id;

  b.patient_id = patient;
  b.clinician_id = clinician;
  b.location_id = f->location;
  b.type_id = f->follow_up;
  date_set (&b.date, iso_day);
  b.start = start;
  b.end = start + 15;
  b.notes = notes;
  id = harley_diary_book (f->db.store, &b,
                          HARLEY_BOOK_ALLOW_OUTSIDE_SESSION | HARLEY_BOOK_ALLOW_SAME_DAY | HARLEY_BOOK_OVERBOOK,
                          &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static char *
export (Fixture         *f,
        gint64           clinician,
        const char      *from_iso,
        const char      *to_iso,
        HarleyIcalFlags  flags,
        guint           *n_events)
{
  g_autoptr(GError) error = NULL;
  GDate from, to;
  char *text;

  date_set (&from, from_iso);
  date_set (&to, to_iso);
  text = harley_ical_export (f->db.store, clinician, &from, &to, flags, n_events, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

/* Reading the file back {{{1 */

static icalcomponent *
parse (const char *text)
{
  icalcomponent *calendar = icalparser_parse_string (text);

  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  return calendar;
}

/* The calendar's events, in the file's order. */
static GPtrArray *
list_events (icalcomponent *calendar)
{
  GPtrArray *events = g_ptr_array_new ();

  for (icalcomponent *e = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT); e != NULL;
       e = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    g_ptr_array_add (events, e);
  return events;
}

static icalcomponent *
find_event (icalcomponent *calendar,
            gint64         id)
{
  g_autofree char *prefix = g_strdup_printf ("appointment-%" G_GINT64_FORMAT "-", id);
  g_autoptr(GPtrArray) events = list_events (calendar);

  for (guint i = 0; i < events->len; i++)
    if (g_str_has_prefix (icalcomponent_get_uid (g_ptr_array_index (events, i)), prefix))
      return g_ptr_array_index (events, i);
  return NULL;
}

static const char *
property_text (icalcomponent *component,
               icalproperty_kind kind)
{
  icalproperty *p = icalcomponent_get_first_property (component, kind);

  return p != NULL ? icalproperty_get_value_as_string (p) : NULL;
}

/* The lines as a reader sees them, folds undone. */
static char *
unfold (const char *text)
{
  g_autoptr(GRegex) fold = g_regex_new ("\r\n[ \t]", 0, 0, NULL);

  return g_regex_replace_literal (fold, text, -1, 0, "", 0, NULL);
}

static void
assert_local_time (icalcomponent     *event,
                   icalproperty_kind  kind,
                   int                year,
                   int                month,
                   int                day,
                   int                hour,
                   int                minute)
{
  icalproperty *p = icalcomponent_get_first_property (event, kind);
  icalparameter *tzid = icalproperty_get_first_parameter (p, ICAL_TZID_PARAMETER);
  struct icaltimetype t = icalvalue_get_datetime (icalproperty_get_value (p));

  g_assert_nonnull (tzid);
  g_assert_cmpstr (icalparameter_get_tzid (tzid), ==, "Europe/London");
  g_assert_false (icaltime_is_utc (t));
  g_assert_false (icaltime_is_date (t));
  g_assert_cmpint (t.year, ==, year);
  g_assert_cmpint (t.month, ==, month);
  g_assert_cmpint (t.day, ==, day);
  g_assert_cmpint (t.hour, ==, hour);
  g_assert_cmpint (t.minute, ==, minute);
  g_assert_cmpint (t.second, ==, 0);
}

/* The event's start as an instant, by the VTIMEZONE in the file itself,
 * never libical's own copy of the zone. */
static struct icaltimetype
start_in_utc (icalcomponent *calendar,
              icalcomponent *event)
{
  icaltimezone *london = icalcomponent_get_timezone (calendar, "Europe/London");
  struct icaltimetype t = icalproperty_get_dtstart (icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY));

  g_assert_nonnull (london);
  g_assert_true (london != icaltimezone_get_builtin_timezone ("Europe/London"));
  t.zone = london;
  return icaltime_convert_to_zone (t, icaltimezone_get_utc_timezone ());
}

static void
assert_text_lacks (const char *text,
                   const char *needle)
{
  g_autofree char *folded_text = g_utf8_casefold (text, -1);
  g_autofree char *folded_needle = g_utf8_casefold (needle, -1);

  if (strstr (folded_text, folded_needle) != NULL)
    g_error ("“%s” is in the export:\n%s", needle, text);
}

/* Also with the folds undone, where a name split across two lines
 * would show. */
static void
assert_lacks_all (const char         *text,
                  const char * const *needles,
                  gsize               n_needles)
{
  g_autofree char *unfolded = unfold (text);

  for (gsize i = 0; i < n_needles; i++)
    {
      assert_text_lacks (text, needles[i]);
      assert_text_lacks (unfolded, needles[i]);
    }
}

/* Events in range and times {{{1 */

static void
assert_calendar_properties (icalcomponent *calendar)
{
  icalcomponent *vtimezone = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);

  g_assert_cmpstr (property_text (calendar, ICAL_PRODID_PROPERTY), ==, "-//Harley//Diary//EN");
  g_assert_cmpstr (property_text (calendar, ICAL_VERSION_PROPERTY), ==, "2.0");
  g_assert_cmpstr (property_text (calendar, ICAL_CALSCALE_PROPERTY), ==, "GREGORIAN");
  g_assert_cmpint (icalcomponent_get_method (calendar), ==, ICAL_METHOD_PUBLISH);
  g_assert_nonnull (vtimezone);
  g_assert_cmpstr (property_text (vtimezone, ICAL_TZID_PROPERTY), ==, "Europe/London");
  g_assert_null (icalcomponent_get_next_component (calendar, ICAL_VTIMEZONE_COMPONENT));
  g_assert_nonnull (icalcomponent_get_first_component (vtimezone, ICAL_XSTANDARD_COMPONENT));
  g_assert_nonnull (icalcomponent_get_first_component (vtimezone, ICAL_XDAYLIGHT_COMPONENT));
  /* Cut to the exported days, not libical's whole history since 1847. */
  g_assert_cmpint (icalcomponent_count_components (vtimezone, ICAL_ANY_COMPONENT), <=, 4);
}

static void
test_events_in_range (Fixture       *f,
                      gconstpointer  data)
{
  gint64 before = book (f, f->imogen, f->consultant, "2030-03-30", 9 * 60, NULL);
  gint64 spring = book (f, f->imogen, f->consultant, "2030-03-31", 9 * 60, NULL);
  gint64 summer = book (f, f->bartholomew, f->consultant, "2030-07-15", 14 * 60 + 45, NULL);
  gint64 autumn = book (f, f->bartholomew, f->consultant, "2030-10-27", 9 * 60, NULL);
  gint64 after = book (f, f->imogen, f->consultant, "2030-10-28", 9 * 60, NULL);
  g_autofree char *text = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  g_autoptr(GPtrArray) events = NULL;
  struct icaltimetype utc;
  guint n = 0;

  text = export (f, 0, "2030-03-31", "2030-10-27", HARLEY_ICAL_DEFAULT, &n);
  calendar = parse (text);
  assert_calendar_properties (calendar);
  events = list_events (calendar);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_null (find_event (calendar, before));
  g_assert_null (find_event (calendar, after));

  assert_local_time (find_event (calendar, spring), ICAL_DTSTART_PROPERTY, 2030, 3, 31, 9, 0);
  assert_local_time (find_event (calendar, spring), ICAL_DTEND_PROPERTY, 2030, 3, 31, 9, 15);
  assert_local_time (find_event (calendar, summer), ICAL_DTSTART_PROPERTY, 2030, 7, 15, 14, 45);
  assert_local_time (find_event (calendar, autumn), ICAL_DTSTART_PROPERTY, 2030, 10, 27, 9, 0);
  assert_local_time (find_event (calendar, autumn), ICAL_DTEND_PROPERTY, 2030, 10, 27, 9, 15);

  /* The clocks went forward at 01:00 that morning, back at 02:00 on the other. */
  utc = start_in_utc (calendar, find_event (calendar, spring));
  g_assert_true (icaltime_is_utc (utc));
  g_assert_cmpint (utc.day, ==, 31);
  g_assert_cmpint (utc.hour, ==, 8);
  utc = start_in_utc (calendar, find_event (calendar, summer));
  g_assert_cmpint (utc.hour, ==, 13);
  utc = start_in_utc (calendar, find_event (calendar, autumn));
  g_assert_cmpint (utc.day, ==, 27);
  g_assert_cmpint (utc.hour, ==, 9);

  for (guint i = 0; i < events->len; i++)
    {
      icalproperty *stamp = icalcomponent_get_first_property (g_ptr_array_index (events, i), ICAL_DTSTAMP_PROPERTY);

      g_assert_nonnull (stamp);
      g_assert_true (icaltime_is_utc (icalproperty_get_dtstamp (stamp)));
      g_assert_cmpstr (icalcomponent_get_location (g_ptr_array_index (events, i)), ==,
                       "The London Clinic, 20 Devonshire Place");
    }
}

/* The VTIMEZONE in the file is cut to the exported days: it must still
 * give London's offset on every one of them, across the most days an
 * export may hold and across 2037-38, where tzdata's rules change form. */
static void
assert_zone_right (Fixture    *f,
                   const char *from_iso,
                   const char *to_iso)
{
  g_autofree char *text = export (f, 0, from_iso, to_iso, HARLEY_ICAL_DEFAULT, NULL);
  g_autoptr(icalcomponent) calendar = parse (text);
  icaltimezone *london = icalcomponent_get_timezone (calendar, "Europe/London");
  GDate day, to;
  guint checked = 0;
  guint n_days;

  g_assert_nonnull (london);
  date_set (&day, from_iso);
  date_set (&to, to_iso);
  n_days = g_date_days_between (&day, &to) + 1;
  for (; g_date_compare (&day, &to) <= 0; g_date_add_days (&day, 1))
    for (int minutes = 0; minutes < 24 * 60; minutes += 9 * 60)
      {
        g_autoptr(GDateTime) expected = harley_wall_time_to_utc (&day, minutes, NULL);
        struct icaltimetype t = icaltime_null_time ();

        if (expected == NULL)
          continue;
        t.year = g_date_get_year (&day);
        t.month = g_date_get_month (&day);
        t.day = g_date_get_day (&day);
        t.hour = minutes / 60;
        t.zone = london;
        t = icaltime_convert_to_zone (t, icaltimezone_get_utc_timezone ());
        g_assert_cmpint (icaltime_as_timet (t), ==, g_date_time_to_unix (expected));
        checked++;
      }
  g_assert_cmpuint (checked, ==, 3 * n_days);
}

static void
test_timezone_covers_range (Fixture       *f,
                            gconstpointer  data)
{
  assert_zone_right (f, "2029-06-01", "2032-05-31");
  assert_zone_right (f, "2036-06-15", "2039-06-14");
  assert_zone_right (f, "2030-07-01", "2030-07-01");
}

/* UIDs {{{1 */

static GPtrArray *
list_uids (const char *text)
{
  g_autoptr(icalcomponent) calendar = parse (text);
  g_autoptr(GPtrArray) events = list_events (calendar);
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (uids, g_strdup (icalcomponent_get_uid (g_ptr_array_index (events, i))));
  return uids;
}

/* The file without its time stamps, which say when it was written. */
static char *
without_stamps (const char *text)
{
  g_autoptr(GRegex) stamp = g_regex_new ("^DTSTAMP:[0-9T]+Z\r\n", G_REGEX_MULTILINE, 0, NULL);

  return g_regex_replace_literal (stamp, text, -1, 0, "", 0, NULL);
}

static void
test_uids_stable (Fixture       *f,
                  gconstpointer  data)
{
  gint64 first = book (f, f->imogen, f->consultant, "2030-01-14", 9 * 60, NULL);
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autofree char *moved = NULL;
  g_autoptr(GPtrArray) uids = NULL;
  g_autoptr(GPtrArray) uids_again = NULL;
  g_autoptr(GPtrArray) uids_moved = NULL;
  g_autofree char *text_unstamped = NULL;
  g_autofree char *again_unstamped = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GDate day;

  book (f, f->bartholomew, f->consultant, "2030-01-14", 9 * 60, NULL);
  book (f, f->imogen, f->nurse, "2030-01-14", 9 * 60, NULL);
  book (f, f->bartholomew, f->nurse, "2030-01-15", 11 * 60, NULL);
  text = export (f, 0, "2030-01-01", "2030-01-31", HARLEY_ICAL_DEFAULT, NULL);
  again = export (f, 0, "2030-01-01", "2030-01-31", HARLEY_ICAL_DEFAULT, NULL);
  uids = list_uids (text);
  uids_again = list_uids (again);

  g_assert_cmpuint (uids->len, ==, 4);
  for (guint i = 0; i < uids->len; i++)
    {
      const char *uid = g_ptr_array_index (uids, i);

      g_assert_true (g_regex_match_simple ("^appointment-[0-9]+-[0-9]{8}T[0-9]{6}Z@harley$", uid, 0, 0));
      g_assert_true (g_hash_table_add (seen, (char *) uid));
      g_assert_cmpstr (uid, ==, g_ptr_array_index (uids_again, i));
    }
  /* Nothing else changes between two exports either. */
  text_unstamped = without_stamps (text);
  again_unstamped = without_stamps (again);
  g_assert_cmpstr (text_unstamped, ==, again_unstamped);
  g_assert_cmpstr (text, !=, text_unstamped);

  /* An appointment moved to another day keeps its UID, so a calendar
   * that took in the first export moves it too. */
  date_set (&day, "2030-01-21");
  g_assert_true (harley_diary_move (f->db.store, first, f->consultant, &day, 10 * 60, 10 * 60 + 15,
                                    HARLEY_BOOK_ALLOW_OUTSIDE_SESSION, &error));
  g_assert_no_error (error);
  moved = export (f, 0, "2030-01-01", "2030-01-31", HARLEY_ICAL_DEFAULT, NULL);
  uids_moved = list_uids (moved);
  g_assert_cmpuint (uids_moved->len, ==, 4);
  g_assert_true (g_hash_table_contains (seen, g_ptr_array_index (uids_moved, 3)));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (uids_moved, 3), "appointment-1-"));
}

/* Patient data {{{1 */

static void
book_with_everything (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 cancelled;

  book (f, f->imogen, f->consultant, "2030-05-13", 9 * 60, NOTES);
  cancelled = book (f, f->bartholomew, f->consultant, "2030-05-13", 10 * 60, "Quennell prefers mornings");
  g_assert_true (harley_diary_set_status (f->db.store, cancelled, HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT,
                                          "Gone to Tenerife", &error));
  g_assert_no_error (error);
}

static void
test_no_patient_data (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  g_autoptr(GPtrArray) events = NULL;

  book_with_everything (f);
  text = export (f, 0, "2030-05-01", "2030-05-31", HARLEY_ICAL_DEFAULT, NULL);
  assert_lacks_all (text, named, G_N_ELEMENTS (named));
  assert_lacks_all (text, never_written, G_N_ELEMENTS (never_written));
  calendar = parse (text);
  events = list_events (calendar);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (icalcomponent_get_summary (g_ptr_array_index (events, 0)), ==, "Follow-up");
  for (guint i = 0; i < events->len; i++)
    {
      g_assert_null (icalcomponent_get_first_property (g_ptr_array_index (events, i), ICAL_DESCRIPTION_PROPERTY));
      g_assert_null (icalcomponent_get_first_property (g_ptr_array_index (events, i), ICAL_CLASS_PROPERTY));
    }
}

static void
test_patient_names_on_request (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  g_autoptr(GPtrArray) events = NULL;
  icalcomponent *imogen;

  book_with_everything (f);
  text = export (f, 0, "2030-05-01", "2030-05-31", HARLEY_ICAL_INCLUDE_PATIENT_NAMES, NULL);
  calendar = parse (text);
  events = list_events (calendar);
  g_assert_cmpuint (events->len, ==, 2);
  imogen = g_ptr_array_index (events, 0);
  g_assert_cmpstr (icalcomponent_get_summary (imogen), ==, "Follow-up – Imogen Featherstonehaugh");
  g_assert_cmpstr (icalcomponent_get_description (imogen), ==, NOTES);
  g_assert_cmpint (icalproperty_get_class (icalcomponent_get_first_property (imogen, ICAL_CLASS_PROPERTY)), ==,
                   ICAL_CLASS_PRIVATE);
  g_assert_cmpstr (icalcomponent_get_summary (g_ptr_array_index (events, 1)), ==,
                   "Follow-up – Bartholomew Quennell (Cancelled by the patient)");
  g_assert_cmpstr (icalcomponent_get_description (g_ptr_array_index (events, 1)), ==, "Quennell prefers mornings");
  /* Even then: no date of birth, NHS number or cancellation reason. */
  assert_lacks_all (text, never_written, G_N_ELEMENTS (never_written));
}

/* Cancelled appointments {{{1 */

static void
assert_status (icalcomponent          *event,
               icalproperty_status     status,
               icalproperty_transp     transp,
               const char             *summary)
{
  g_assert_nonnull (event);
  g_assert_cmpint (icalcomponent_get_status (event), ==, status);
  g_assert_cmpint (icalproperty_get_transp (icalcomponent_get_first_property (event, ICAL_TRANSP_PROPERTY)), ==,
                   transp);
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, summary);
}

static void
set_status (Fixture                 *f,
            gint64                   id,
            HarleyAppointmentStatus  status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_diary_set_status (f->db.store, id, status, "Unwell", &error));
  g_assert_no_error (error);
}

/* Cancelled and did-not-attend appointments are in the file, marked
 * CANCELLED and free time, so a calendar that had them as bookings
 * learns they are off. */
static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  gint64 booked = book (f, f->imogen, f->consultant, "2030-02-04", 9 * 60, NULL);
  gint64 seen = book (f, f->imogen, f->consultant, "2030-02-04", 9 * 60 + 15, NULL);
  gint64 by_patient = book (f, f->imogen, f->consultant, "2030-02-04", 9 * 60 + 30, NULL);
  gint64 by_practice = book (f, f->bartholomew, f->consultant, "2030-02-04", 9 * 60 + 45, NULL);
  gint64 dna = book (f, f->bartholomew, f->consultant, "2030-02-04", 10 * 60, NULL);
  g_autofree char *text = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  guint n = 0;

  set_status (f, seen, HARLEY_APPOINTMENT_ARRIVED);
  set_status (f, seen, HARLEY_APPOINTMENT_SEEN);
  set_status (f, by_patient, HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT);
  set_status (f, by_practice, HARLEY_APPOINTMENT_CANCELLED_BY_PRACTICE);
  set_status (f, dna, HARLEY_APPOINTMENT_DID_NOT_ATTEND);
  text = export (f, 0, "2030-02-04", "2030-02-04", HARLEY_ICAL_DEFAULT, &n);
  calendar = parse (text);
  g_assert_cmpuint (n, ==, 5);

  assert_status (find_event (calendar, booked), ICAL_STATUS_CONFIRMED, ICAL_TRANSP_OPAQUE, "Follow-up");
  assert_status (find_event (calendar, seen), ICAL_STATUS_CONFIRMED, ICAL_TRANSP_OPAQUE, "Follow-up");
  assert_status (find_event (calendar, by_patient), ICAL_STATUS_CANCELLED, ICAL_TRANSP_TRANSPARENT,
                 "Follow-up (Cancelled by the patient)");
  assert_status (find_event (calendar, by_practice), ICAL_STATUS_CANCELLED, ICAL_TRANSP_TRANSPARENT,
                 "Follow-up (Cancelled by the practice)");
  assert_status (find_event (calendar, dna), ICAL_STATUS_CANCELLED, ICAL_TRANSP_TRANSPARENT,
                 "Follow-up (Did not attend)");
  assert_text_lacks (text, "Unwell");
}

/* Clinicians and ranges {{{1 */

static void
test_clinician_filter (Fixture       *f,
                       gconstpointer  data)
{
  gint64 consultants = book (f, f->imogen, f->consultant, "2030-03-04", 9 * 60, NULL);
  gint64 nurses = book (f, f->bartholomew, f->nurse, "2030-03-04", 9 * 60, NULL);
  g_autofree char *all = NULL;
  g_autofree char *nurse_only = NULL;
  g_autofree char *consultant_only = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  g_autoptr(GError) error = NULL;
  GDate day;
  guint n = 0;

  book (f, f->bartholomew, f->nurse, "2030-03-05", 9 * 60, NULL);
  all = export (f, 0, "2030-03-04", "2030-03-05", HARLEY_ICAL_DEFAULT, &n);
  g_assert_cmpuint (n, ==, 3);

  nurse_only = export (f, f->nurse, "2030-03-04", "2030-03-05", HARLEY_ICAL_DEFAULT, &n);
  calendar = parse (nurse_only);
  g_assert_cmpuint (n, ==, 2);
  g_assert_nonnull (find_event (calendar, nurses));
  g_assert_null (find_event (calendar, consultants));
  g_clear_pointer (&calendar, icalcomponent_free);

  consultant_only = export (f, f->consultant, "2030-03-04", "2030-03-05", HARLEY_ICAL_DEFAULT, &n);
  calendar = parse (consultant_only);
  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (find_event (calendar, consultants));

  date_set (&day, "2030-03-04");
  n = 99;
  g_assert_null (harley_ical_export (f->db.store, 42, &day, &day, HARLEY_ICAL_DEFAULT, &n, &error));
  g_assert_error (error, HARLEY_ICAL_ERROR, HARLEY_ICAL_ERROR_NO_CLINICIAN);
  g_assert_nonnull (strstr (error->message, "42"));
  g_assert_cmpuint (n, ==, 99);
}

static void
assert_range (const char *from_iso,
              const char *to_iso,
              gboolean    valid)
{
  g_autoptr(GError) error = NULL;
  GDate from, to;

  date_set (&from, from_iso);
  date_set (&to, to_iso);
  g_assert_cmpint (harley_ical_check_range (&from, &to, &error), ==, valid);
  if (valid)
    g_assert_no_error (error);
  else
    g_assert_error (error, HARLEY_ICAL_ERROR, HARLEY_ICAL_ERROR_INVALID_RANGE);
}

static void
test_ranges (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->db.dir, "diary.ics", NULL);
  GDate from, to;

  assert_range ("2030-01-01", "2030-01-01", TRUE);
  assert_range ("2030-01-01", "2032-12-31", TRUE);
  assert_range ("2030-01-01", "2033-01-01", FALSE);
  assert_range ("2028-02-29", "2031-02-27", TRUE);
  assert_range ("2028-02-29", "2031-02-28", FALSE);
  assert_range ("2030-01-02", "2030-01-01", FALSE);

  date_set (&from, "2030-01-01");
  date_set (&to, "2029-12-31");
  g_assert_false (harley_ical_export_to_file (f->db.store, 0, &from, &to, HARLEY_ICAL_DEFAULT, path, NULL,
                                              &error));
  g_assert_error (error, HARLEY_ICAL_ERROR, HARLEY_ICAL_ERROR_INVALID_RANGE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The file's form {{{1 */

/* RFC 5545 3.1: lines end in CRLF and are folded to at most 75 octets,
 * not inside a UTF-8 character. */
static void
assert_lines_folded (const char *text)
{
  const char *line = text;
  guint n_lines = 0;

  g_assert_true (g_str_has_suffix (text, "END:VCALENDAR\r\n"));
  while (*line != '\0')
    {
      const char *end = strstr (line, "\r\n");

      g_assert_nonnull (end);
      g_assert_cmpint (end - line, <=, 75);
      g_assert_null (memchr (line, '\n', end - line));
      g_assert_null (memchr (line, '\r', end - line));
      g_assert_true (g_utf8_validate (line, end - line, NULL));
      line = end + 2;
      n_lines++;
    }
  g_assert_cmpuint (n_lines, >, 20);
}

/* The complaints icalrestriction_check() left on @component. */
static int
count_complaints (icalcomponent *component)
{
  int n = 0;

  for (icalproperty *p = icalcomponent_get_first_property (component, ICAL_XLICERROR_PROPERTY); p != NULL;
       p = icalcomponent_get_next_property (component, ICAL_XLICERROR_PROPERTY))
    {
      const char *message = icalproperty_get_xlicerror (p);

      if (strstr (message, "ORGANIZER") == NULL)
        g_error ("libical: %s", message);
      n++;
    }
  return n;
}

/* iTIP's rules for METHOD:PUBLISH, as libical checks them. ORGANIZER is
 * left out on purpose: with one, calendar programs treat the
 * appointments as meetings someone else called. libical checks only a
 * calendar's first event, so each goes alone into a copy of the
 * calendar's properties. */
static void
assert_itip_valid (icalcomponent *calendar)
{
  g_autoptr(GPtrArray) events = list_events (calendar);

  g_assert_cmpuint (events->len, >, 0);
  for (guint i = 0; i < events->len; i++)
    {
      g_autoptr(icalcomponent) alone = icalcomponent_new_vcalendar ();
      icalcomponent *event = icalcomponent_new_clone (g_ptr_array_index (events, i));

      for (icalproperty *p = icalcomponent_get_first_property (calendar, ICAL_ANY_PROPERTY); p != NULL;
           p = icalcomponent_get_next_property (calendar, ICAL_ANY_PROPERTY))
        icalcomponent_add_property (alone, icalproperty_new_clone (p));
      icalcomponent_add_component (alone, event);
      icalrestriction_check (alone);
      g_assert_cmpint (count_complaints (alone), ==, 0);
      /* The check did run: ORGANIZER is missing. */
      g_assert_cmpint (count_complaints (event), ==, 1);
    }
}

static void
test_structure (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  g_autoptr(GString) long_notes = g_string_new ("Patch test: ");
  gint64 id;

  for (int i = 0; i < 40; i++)
    g_string_append (long_notes, "é—ü, ");
  g_string_append (long_notes, "\nSecond line; done.");
  id = book (f, f->imogen, f->consultant, "2030-05-13", 9 * 60, long_notes->str);
  book (f, f->bartholomew, f->nurse, "2030-11-13", 9 * 60, NULL);
  text = export (f, 0, "2030-05-01", "2030-11-30", HARLEY_ICAL_INCLUDE_PATIENT_NAMES, NULL);
  assert_lines_folded (text);

  calendar = parse (text);
  g_assert_cmpstr (icalcomponent_get_description (find_event (calendar, id)), ==, long_notes->str);
  assert_itip_valid (calendar);
}

/* Files in @dir named like the export, temporary ones included. */
static guint
count_exports (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "diary.ics"))
      n++;
  return n;
}

static void
test_file (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->db.dir, "diary.ics", NULL);
  g_autofree char *missing = g_build_filename (f->db.dir, "no-such-folder", "diary.ics", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *expected_unstamped = NULL;
  g_autofree char *written_unstamped = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  GDate from, to;
  guint n = 0;

  book (f, f->imogen, f->consultant, "2030-05-13", 9 * 60, NULL);
  date_set (&from, "2030-05-01");
  date_set (&to, "2030-05-31");
  /* An old export, readable by all, is replaced by one that is not. */
  g_assert_true (g_file_set_contents (path, "old", -1, &error));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_true (harley_ical_export_to_file (f->db.store, 0, &from, &to, HARLEY_ICAL_DEFAULT, path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* No temporary file left beside it. */
  g_assert_cmpuint (count_exports (f->db.dir), ==, 1);

  written = harley_test_read_file (path);
  expected = export (f, 0, "2030-05-01", "2030-05-31", HARLEY_ICAL_DEFAULT, NULL);
  written_unstamped = without_stamps (g_bytes_get_data (written, NULL));
  expected_unstamped = without_stamps (expected);
  g_assert_cmpstr (written_unstamped, ==, expected_unstamped);

  n = 99;
  g_assert_false (harley_ical_export_to_file (f->db.store, 0, &from, &to, HARLEY_ICAL_DEFAULT, missing, &n,
                                              &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_true (g_str_has_prefix (error->message, "The calendar file was not saved."));
  g_assert_cmpuint (n, ==, 99);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* harley-cli diary export-ics {{{1 */


static void
test_cli_export (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->db.dir, "diary.ics", NULL);
  g_autofree char *nurse = g_strdup_printf ("%" G_GINT64_FORMAT, f->nurse);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  const char *text;
  GStatBuf st;

  book (f, f->imogen, f->consultant, "2030-03-31", 9 * 60, NOTES);
  book (f, f->bartholomew, f->nurse, "2030-10-27", 9 * 60, NULL);
  book (f, f->bartholomew, f->nurse, "2030-11-01", 9 * 60, NULL);
  /* The program opens the database itself. */
  g_clear_object (&f->db.store);

  {
    const char *args[] = { "--database", f->db.path, "diary", "export-ics", "--from", "2030-01-01",
                           "--to", "31/10/2030", "--output", path, NULL };

    g_assert_cmpint (harley_test_run_cli (args, &out, NULL), ==, HARLEY_CLI_EXIT_OK);
  }
  g_assert_nonnull (strstr (out, "Wrote 2 appointments to"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  written = harley_test_read_file (path);
  text = g_bytes_get_data (written, NULL);
  assert_lines_folded (text);
  calendar = parse (text);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 2);
  assert_lacks_all (text, named, G_N_ELEMENTS (named));
  assert_lacks_all (text, never_written, G_N_ELEMENTS (never_written));
  g_clear_pointer (&calendar, icalcomponent_free);
  g_clear_pointer (&written, g_bytes_unref);
  g_clear_pointer (&out, g_free);

  {
    const char *args[] = { "-d", f->db.path, "diary", "export-ics", "-f", "2030-01-01", "-t", "2030-12-31",
                           "-o", path, "--clinician", nurse, "--include-patient-names", NULL };

    g_assert_cmpint (harley_test_run_cli (args, &out, &err), ==, HARLEY_CLI_EXIT_OK);
  }
  g_assert_nonnull (strstr (out, "Wrote 2 appointments"));
  g_assert_nonnull (strstr (err, "keep it as safe"));
  written = harley_test_read_file (path);
  text = g_bytes_get_data (written, NULL);
  calendar = parse (text);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 2);
  g_assert_nonnull (strstr (text, "SUMMARY:Follow-up – Bartholomew Quennell\r\n"));
  assert_text_lacks (text, "Imogen");
}

/* Each mistake exits 2, says what is wrong and writes nothing. */
static void
assert_cli_refuses (Fixture    *f,
                    const char *expected,
                    const char *option,
                    ...)
{
  g_autofree char *path = g_build_filename (f->db.dir, "diary.ics", NULL);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *err = NULL;
  va_list ap;

  g_ptr_array_add (args, (char *) "-d");
  g_ptr_array_add (args, f->db.path);
  g_ptr_array_add (args, (char *) "diary");
  g_ptr_array_add (args, (char *) "export-ics");
  va_start (ap, option);
  for (const char *arg = option; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, g_str_equal (arg, "FILE") ? path : (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_assert_cmpint (harley_test_run_cli ((const char * const *) args->pdata, NULL, &err), ==, HARLEY_CLI_EXIT_USAGE);
  if (strstr (err, expected) == NULL)
    g_error ("expected “%s” in: %s", expected, err);
  g_assert_cmpuint (count_exports (f->db.dir), ==, 0);
}

static void
test_cli_bad_input (Fixture       *f,
                    gconstpointer  data)
{
  book (f, f->imogen, f->consultant, "2030-03-31", 9 * 60, NULL);
  g_clear_object (&f->db.store);

  assert_cli_refuses (f, "“2030-02-30”", "--from", "2030-02-30", "--to", "2030-03-31", "-o", "FILE", NULL);
  assert_cli_refuses (f, "--to", "--from", "2030-01-01", "--to", "soon", "-o", "FILE", NULL);
  assert_cli_refuses (f, "before the first", "--from", "2030-04-01", "--to", "2030-03-31", "-o", "FILE", NULL);
  assert_cli_refuses (f, "three years", "--from", "2030-01-01", "--to", "2033-01-01", "-o", "FILE", NULL);
  assert_cli_refuses (f, "three years", "--from", "01/01/2030", "--to", "01/01/2040", "-o", "FILE", NULL);
  assert_cli_refuses (f, "Give --from, --to and --output", "--from", "2030-01-01", "--to", "2030-12-31", NULL);
  assert_cli_refuses (f, "Give --from, --to and --output", "--to", "2030-12-31", "-o", "FILE", NULL);
  assert_cli_refuses (f, "clinician number 42", "--from", "2030-01-01", "--to", "2030-12-31", "-o", "FILE",
                      "--clinician", "42", NULL);
  assert_cli_refuses (f, "clinician's number", "--from", "2030-01-01", "--to", "2030-12-31", "-o", "FILE",
                      "--clinician=-3", NULL);
  assert_cli_refuses (f, "only options", "--from", "2030-01-01", "--to", "2030-12-31", "-o", "FILE", "stray",
                      NULL);
  assert_cli_refuses (f, "--clinician", "--from", "2030-01-01", "--to", "2030-12-31", "-o", "FILE",
                      "--clinician", "Hartley", NULL);

  /* A good run after all that still works. */
  {
    g_autofree char *path = g_build_filename (f->db.dir, "diary.ics", NULL);
    const char *args[] = { "-d", f->db.path, "diary", "export-ics", "--from", "2030-03-31", "--to", "2030-03-31",
                           "-o", path, NULL };

    g_assert_cmpint (harley_test_run_cli (args, NULL, NULL), ==, HARLEY_CLI_EXIT_OK);
    g_assert_cmpuint (count_exports (f->db.dir), ==, 1);
  }
}

/* main {{{1 */

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ical/events-in-range", test_events_in_range);
  ADD ("/ical/timezone-covers-range", test_timezone_covers_range);
  ADD ("/ical/uids-stable", test_uids_stable);
  ADD ("/ical/no-patient-data", test_no_patient_data);
  ADD ("/ical/patient-names-on-request", test_patient_names_on_request);
  ADD ("/ical/cancelled", test_cancelled);
  ADD ("/ical/clinician-filter", test_clinician_filter);
  ADD ("/ical/ranges", test_ranges);
  ADD ("/ical/structure", test_structure);
  ADD ("/ical/file", test_file);
  ADD ("/ical/cli-export", test_cli_export);
  ADD ("/ical/cli-bad-input", test_cli_bad_input);
#undef ADD

  return g_test_run ();
}
