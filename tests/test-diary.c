/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The diary's rules, on a real database: booking, the conflicts that are
 * refused or asked about, moving, the steps from booked to seen, clinic
 * sessions changed from a date on, and finding free slots. */

#include "harley-contact.h"
#include "harley-diary.h"
#include "harley-register.h"
#include "harley-test-util.h"
#include "harley-wall-time.h"

typedef struct
{
  HarleyTestDb  db;
  gint64        patient;
  gint64        other_patient;
  gint64        clinician;
  gint64        follow_up;
  gint64        new_consultation;
  gint64        session;
} Fixture;

static void
date_set (GDate      *date,
          const char *iso)
{
  int minutes;

  g_autofree char *text = g_strconcat (iso, " 00:00", NULL);
  g_assert_true (harley_wall_time_parse (text, date, &minutes, NULL));
}

static gint64
add_patient (HarleyStore *store,
             const char  *given,
             const char  *family)
{
  g_autoptr(HarleyPatient) p = harley_test_patient (given, family, "1970-05-01", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_register_save (store, p, HARLEY_REGISTER_SAVE_ALLOW_SAME_NAME_DOB, &error));
  g_assert_no_error (error);
  return harley_patient_get_id (p);
}

/* Mondays from 07/01/2030, 09:00 to 12:00, 15-minute slots. */
static gint64
add_weekly_session (HarleyStore *store,
                    gint64       clinician,
                    const char  *first,
                    int          start,
                    int          end)
{
  g_autoptr(GError) error = NULL;
  HarleySession s = { 0 };
  GDate day;
  gint64 id;

  date_set (&day, first);
  s.clinician_id = clinician;
  s.recurrence = harley_recurrence_new_weekly (&day, 1);
  s.start = start;
  s.end = end;
  s.slot_minutes = 15;
  id = harley_diary_add_session (store, &s, &error);
  g_assert_no_error (error);
  harley_recurrence_free (s.recurrence);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) clinicians = NULL;

  harley_test_db_set_up (&f->db, data);
  f->patient = add_patient (f->db.store, "Jane", "Doe");
  f->other_patient = add_patient (f->db.store, "John", "Roe");
  clinicians = harley_diary_list_clinicians (f->db.store, NULL);
  g_assert_cmpuint (clinicians->len, ==, 1);
  f->clinician = ((HarleyClinician *) g_ptr_array_index (clinicians, 0))->id;
  f->follow_up = harley_diary_find_type (f->db.store, "follow-up");
  f->new_consultation = harley_diary_find_type (f->db.store, "New consultation");
  g_assert_cmpint (f->follow_up, >, 0);
  g_assert_cmpint (f->new_consultation, >, 0);
  f->session = add_weekly_session (f->db.store, f->clinician, "2030-01-07", 9 * 60, 12 * 60);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  harley_test_db_tear_down (&f->db, data);
}

static HarleyBooking
booking_at (Fixture    *f,
            gint64      patient,
            const char *iso_day,
            int         start,
            int         minutes)
{
  HarleyBooking b = { 0 };

  b.patient_id = patient;
  b.clinician_id = f->clinician;
  b.type_id = f->follow_up;
  date_set (&b.date, iso_day);
  b.start = start;
  b.end = start + minutes;
  return b;
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return harley_test_query_int (f->db.path, sql);
}

static void
test_schema_seeds (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) types = harley_diary_list_types (f->db.store, NULL);

  g_assert_cmpuint (types->len, ==, 5);
  g_assert_cmpstr (((HarleyAppointmentType *) g_ptr_array_index (types, 0))->name, ==, "New consultation");
  g_assert_cmpint (((HarleyAppointmentType *) g_ptr_array_index (types, 0))->minutes, ==, 30);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clinician"), ==, 1);
}

static void
test_book_and_read_back (Fixture       *f,
                         gconstpointer  data)
{
  HarleyBooking b = booking_at (f, f->patient, "2030-01-14", 9 * 60 + 15, 15);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) week = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  const HarleyAppointmentInfo *info;
  GDate from, to;
  gint64 id;

  b.notes = "Bring the cream";
  id = harley_diary_book (f->db.store, &b, HARLEY_BOOK_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  harley_test_assert_query_text (f->db.path, "SELECT starts || '/' || ends FROM appointment", "2030-01-14 09:15/2030-01-14 09:30");
  g_assert_cmpint (count (f, "SELECT count(*) FROM appointment_event"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM patient_event WHERE kind = 'appointment'"), ==, 1);

  date_set (&from, "2030-01-14");
  date_set (&to, "2030-01-20");
  week = harley_diary_list_range (f->db.store, &from, &to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (week->len, ==, 1);
  info = harley_appointment_get_info (g_ptr_array_index (week, 0));
  g_assert_cmpstr (info->patient_name, ==, "Jane Doe");
  g_assert_cmpstr (info->type_name, ==, "Follow-up");
  g_assert_cmpstr (info->notes, ==, "Bring the cream");
  g_assert_cmpint (info->start, ==, 9 * 60 + 15);
  g_assert_cmpint (info->end, ==, 9 * 60 + 30);
  g_assert_cmpint (info->status, ==, HARLEY_APPOINTMENT_BOOKED);

  date_set (&from, "2030-01-21");
  date_set (&to, "2030-01-27");
  g_clear_pointer (&week, g_ptr_array_unref);
  week = harley_diary_list_range (f->db.store, &from, &to, &error);
  g_assert_cmpuint (week->len, ==, 0);

  mine = harley_diary_list_for_patient (f->db.store, f->patient, &error);
  g_assert_cmpuint (mine->len, ==, 1);
}

static void
assert_refused (Fixture             *f,
                const HarleyBooking *b,
                HarleyBookFlags      flags,
                HarleyDiaryError     code)
{
  g_autoptr(GError) error = NULL;
  gint64 before = count (f, "SELECT count(*) FROM appointment");

  g_assert_cmpint (harley_diary_book (f->db.store, b, flags, &error), ==, 0);
  if (code == (HarleyDiaryError) -1)
    g_assert_error (error, HARLEY_WALL_TIME_ERROR, HARLEY_WALL_TIME_ERROR_NONEXISTENT);
  else
    g_assert_error (error, HARLEY_DIARY_ERROR, code);
  g_assert_cmpint (count (f, "SELECT count(*) FROM appointment"), ==, before);
  g_assert_cmpint (count (f, "SELECT count(*) FROM appointment_event"), ==, before);
}

static void
test_double_booking (Fixture       *f,
                     gconstpointer  data)
{
  HarleyBooking first = booking_at (f, f->patient, "2030-01-14", 10 * 60, 30);
  HarleyBooking clash = booking_at (f, f->other_patient, "2030-01-14", 10 * 60 + 15, 15);
  HarleyBooking after = booking_at (f, f->other_patient, "2030-01-14", 10 * 60 + 30, 15);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (harley_diary_book (f->db.store, &first, 0, &error), >, 0);
  assert_refused (f, &clash, 0, HARLEY_DIARY_ERROR_DOUBLE_BOOKED);

  /* Back to back is not a clash. */
  g_assert_cmpint (harley_diary_book (f->db.store, &after, 0, &error), >, 0);
  g_assert_no_error (error);

  g_assert_cmpint (harley_diary_book (f->db.store, &clash, HARLEY_BOOK_OVERBOOK | HARLEY_BOOK_ALLOW_SAME_DAY,
                                      &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM appointment WHERE overbooked = 1"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM patient_event WHERE summary LIKE '%overbooked%'"), ==, 1);
}

static void
test_cancelled_frees_the_time (Fixture       *f,
                               gconstpointer  data)
{
  HarleyBooking first = booking_at (f, f->patient, "2030-01-14", 10 * 60, 15);
  HarleyBooking again = booking_at (f, f->other_patient, "2030-01-14", 10 * 60, 15);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  gint64 id = harley_diary_book (f->db.store, &first, 0, &error);

  g_assert_false (harley_diary_set_status (f->db.store, id, HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT, "", &error));
  g_assert_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (harley_diary_set_status (f->db.store, id, HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT,
                                          "On holiday", &error));
  g_assert_no_error (error);
  g_assert_cmpint (harley_diary_book (f->db.store, &again, 0, &error), >, 0);
  g_assert_no_error (error);

  /* The cancelled one stays on the patient's record, with its reason. */
  mine = harley_diary_list_for_patient (f->db.store, f->patient, &error);
  g_assert_cmpuint (mine->len, ==, 1);
  g_assert_cmpint (harley_appointment_get_info (g_ptr_array_index (mine, 0))->status, ==,
                   HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT);
  g_assert_cmpstr (harley_appointment_get_info (g_ptr_array_index (mine, 0))->cancel_reason, ==, "On holiday");
  g_assert_cmpint (count (f, "SELECT count(*) FROM patient_event WHERE summary LIKE "
                             "'Cancelled by the patient%On holiday%'"), ==, 1);

  /* A cancelled appointment is not moved or brought back. */
  g_assert_false (harley_diary_move (f->db.store, id, f->clinician, &first.date, 11 * 60, 11 * 60 + 15, 0, &error));
  g_assert_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_STATUS);
  g_clear_error (&error);
  g_assert_false (harley_diary_set_status (f->db.store, id, HARLEY_APPOINTMENT_BOOKED, NULL, &error));
  g_assert_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_STATUS);
}

static void
test_rules_asked_about (Fixture       *f,
                        gconstpointer  data)
{
  HarleyBooking outside = booking_at (f, f->patient, "2030-01-14", 14 * 60, 15);
  HarleyBooking tuesday = booking_at (f, f->patient, "2030-01-15", 9 * 60, 15);
  HarleyBooking past = booking_at (f, f->patient, "2020-01-13", 9 * 60, 15);
  HarleyBooking morning = booking_at (f, f->patient, "2030-01-21", 9 * 60, 15);
  HarleyBooking later = booking_at (f, f->patient, "2030-01-21", 11 * 60, 15);
  g_autoptr(GError) error = NULL;

  assert_refused (f, &outside, 0, HARLEY_DIARY_ERROR_OUTSIDE_SESSION);
  assert_refused (f, &tuesday, 0, HARLEY_DIARY_ERROR_OUTSIDE_SESSION);
  assert_refused (f, &past, HARLEY_BOOK_ALLOW_OUTSIDE_SESSION, HARLEY_DIARY_ERROR_IN_PAST);
  g_assert_cmpint (harley_diary_book (f->db.store, &outside, HARLEY_BOOK_ALLOW_OUTSIDE_SESSION, &error), >, 0);
  g_assert_no_error (error);

  g_assert_cmpint (harley_diary_book (f->db.store, &morning, 0, &error), >, 0);
  assert_refused (f, &later, 0, HARLEY_DIARY_ERROR_SAME_DAY);
  g_assert_cmpint (harley_diary_book (f->db.store, &later, HARLEY_BOOK_ALLOW_SAME_DAY, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_invalid_times (Fixture       *f,
                    gconstpointer  data)
{
  HarleyBooking backwards = booking_at (f, f->patient, "2030-01-14", 10 * 60, 15);
  HarleyBooking over_midnight = booking_at (f, f->patient, "2030-01-14", 23 * 60 + 50, 30);
  HarleyBooking missing_hour = booking_at (f, f->patient, "2030-03-31", 60 + 30, 15);
  HarleyBooking nobody = booking_at (f, 999, "2030-01-14", 10 * 60, 15);

  backwards.end = backwards.start - 15;
  assert_refused (f, &backwards, HARLEY_BOOK_OVERBOOK, HARLEY_DIARY_ERROR_INVALID);
  assert_refused (f, &over_midnight, HARLEY_BOOK_ALLOW_OUTSIDE_SESSION, HARLEY_DIARY_ERROR_INVALID);
  /* 01:30 on the day the clocks go forward does not exist. */
  assert_refused (f, &missing_hour, HARLEY_BOOK_ALLOW_OUTSIDE_SESSION, (HarleyDiaryError) -1);
  assert_refused (f, &nobody, 0, HARLEY_DIARY_ERROR_NOT_FOUND);
}

static void
test_blocked_time (Fixture       *f,
                   gconstpointer  data)
{
  HarleyBooking holiday = booking_at (f, f->patient, "2030-02-04", 9 * 60 + 30, 15);
  g_autoptr(GError) error = NULL;
  GDate from, to;
  g_autoptr(GPtrArray) blocked = NULL;

  g_assert_cmpint (harley_diary_add_blocked (f->db.store, 0, "holiday", "Half term", "2030-02-02 00:00",
                                             "2030-02-09 23:59", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (harley_diary_add_blocked (f->db.store, 0, "holiday", NULL, "2030-02-09 10:00",
                                             "2030-02-09 09:00", &error), ==, 0);
  g_assert_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID);
  g_clear_error (&error);

  assert_refused (f, &holiday, 0, HARLEY_DIARY_ERROR_BLOCKED);
  g_assert_cmpint (harley_diary_book (f->db.store, &holiday, HARLEY_BOOK_ALLOW_BLOCKED, &error), >, 0);
  g_assert_no_error (error);

  date_set (&from, "2030-02-04");
  date_set (&to, "2030-02-04");
  blocked = harley_diary_list_blocked (f->db.store, &from, &to, &error);
  g_assert_cmpuint (blocked->len, ==, 1);
  g_assert_cmpstr (((HarleyBlockedTime *) g_ptr_array_index (blocked, 0))->note, ==, "Half term");
}

static void
test_move_keeps_history (Fixture       *f,
                         gconstpointer  data)
{
  HarleyBooking a = booking_at (f, f->patient, "2030-01-14", 9 * 60, 15);
  HarleyBooking b = booking_at (f, f->other_patient, "2030-01-14", 10 * 60, 15);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  gint64 second_clinician;
  gint64 id = harley_diary_book (f->db.store, &a, 0, &error);
  GDate next_week;

  g_assert_cmpint (harley_diary_book (f->db.store, &b, 0, &error), >, 0);
  /* Onto the other patient: refused, and nothing changes. */
  g_assert_false (harley_diary_move (f->db.store, id, f->clinician, &a.date, 10 * 60, 10 * 60 + 15, 0, &error));
  g_assert_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_DOUBLE_BOOKED);
  g_clear_error (&error);
  harley_test_assert_query_text (f->db.path, "SELECT starts FROM appointment WHERE patient_id = 1",
                                 "2030-01-14 09:00");

  /* A week later; its own old time does not count as a clash. */
  date_set (&next_week, "2030-01-21");
  g_assert_true (harley_diary_move (f->db.store, id, f->clinician, &next_week, 9 * 60, 9 * 60 + 15, 0, &error));
  g_assert_no_error (error);
  /* Longer. */
  g_assert_true (harley_diary_move (f->db.store, id, f->clinician, &next_week, 9 * 60, 9 * 60 + 45, 0, &error));
  g_assert_no_error (error);

  /* To another clinician's column at the same time. */
  second_clinician = harley_diary_add_clinician (f->db.store, "Sister Mary Jones", "nurse", &error);
  g_assert_no_error (error);
  add_weekly_session (f->db.store, second_clinician, "2030-01-07", 9 * 60, 17 * 60);
  g_assert_true (harley_diary_move (f->db.store, id, second_clinician, &next_week, 9 * 60, 9 * 60 + 45, 0, &error));
  g_assert_no_error (error);

  harley_test_assert_query_text (f->db.path, "SELECT starts || '/' || ends || '/' || clinician_id "
                                             "FROM appointment WHERE id = 1", "2030-01-21 09:00/2030-01-21 09:45/2");
  history = harley_diary_list_history (f->db.store, id, &error);
  g_assert_cmpuint (history->len, ==, 4);
  g_assert_nonnull (strstr (g_ptr_array_index (history, 1), "from Mon 14/01/2030 09:00–09:15 to 21/01/2030 09:00"));
  g_assert_nonnull (strstr (g_ptr_array_index (history, 2), "now lasts 45 minutes"));
}

static void
test_status_steps (Fixture       *f,
                   gconstpointer  data)
{
  HarleyBooking a = booking_at (f, f->patient, "2030-01-14", 9 * 60, 15);
  g_autoptr(GError) error = NULL;
  gint64 id = harley_diary_book (f->db.store, &a, 0, &error);

  g_assert_false (harley_diary_set_status (f->db.store, id, HARLEY_APPOINTMENT_SEEN, NULL, &error));
  g_assert_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_STATUS);
  g_clear_error (&error);
  g_assert_true (harley_diary_set_status (f->db.store, id, HARLEY_APPOINTMENT_ARRIVED, NULL, &error));
  g_assert_true (harley_diary_set_status (f->db.store, id, HARLEY_APPOINTMENT_SEEN, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (harley_diary_set_status (f->db.store, id, HARLEY_APPOINTMENT_DID_NOT_ATTEND, NULL, &error));
  g_assert_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_STATUS);
  harley_test_assert_query_text (f->db.path, "SELECT status FROM appointment", "seen");
  g_assert_cmpint (count (f, "SELECT count(*) FROM appointment_event"), ==, 3);
}

static void
test_clock_changes (Fixture       *f,
                    gconstpointer  data)
{
  /* Sundays, across both 2030 changes (31 March and 27 October). */
  gint64 sunday = add_weekly_session (f->db.store, f->clinician, "2030-03-24", 9 * 60, 10 * 60);
  HarleyBooking spring = booking_at (f, f->patient, "2030-03-31", 9 * 60, 15);
  HarleyBooking autumn = booking_at (f, f->patient, "2030-10-27", 9 * 60, 15);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(GDateTime) utc = NULL;
  GDate from, to;

  g_assert_cmpint (harley_diary_book (f->db.store, &spring, 0, &error), >, 0);
  g_assert_cmpint (harley_diary_book (f->db.store, &autumn, 0, &error), >, 0);
  g_assert_no_error (error);

  date_set (&from, "2030-03-24");
  date_set (&to, "2030-04-07");
  days = harley_diary_list_sessions (f->db.store, &from, &to, &error);
  for (guint i = 0; i < days->len; i++)
    {
      const HarleySessionDay *d = &g_array_index (days, HarleySessionDay, i);

      if (d->session_id == sunday)
        g_assert_cmpint (d->start, ==, 9 * 60);
    }

  /* The same 09:00 is 09:00 GMT before and 08:00 UTC after. */
  utc = harley_wall_time_to_utc (&spring.date, spring.start, &error);
  g_assert_cmpint (g_date_time_get_hour (utc), ==, 8);
  g_clear_pointer (&utc, g_date_time_unref);
  utc = harley_wall_time_to_utc (&autumn.date, autumn.start, &error);
  g_assert_cmpint (g_date_time_get_hour (utc), ==, 9);
  harley_test_assert_query_text (f->db.path, "SELECT group_concat (starts, '|') FROM appointment", "2030-03-31 09:00|2030-10-27 09:00");
}

static void
test_change_session_from (Fixture       *f,
                          gconstpointer  data)
{
  HarleyBooking before = booking_at (f, f->patient, "2030-01-14", 9 * 60, 15);
  HarleyBooking early = booking_at (f, f->patient, "2030-01-28", 9 * 60, 15);
  HarleyBooking fine = booking_at (f, f->other_patient, "2030-01-28", 11 * 60, 15);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) misfits = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  HarleySession changed = { 0 };
  GDate from;

  g_assert_cmpint (harley_diary_book (f->db.store, &before, 0, &error), >, 0);
  g_assert_cmpint (harley_diary_book (f->db.store, &early, 0, &error), >, 0);
  g_assert_cmpint (harley_diary_book (f->db.store, &fine, 0, &error), >, 0);
  g_assert_no_error (error);

  /* From 28/01 the clinic starts at 10:00. */
  date_set (&from, "2030-01-28");
  changed.start = 10 * 60;
  changed.end = 12 * 60;
  changed.slot_minutes = 15;
  g_assert_true (harley_diary_change_session_from (f->db.store, f->session, &from, &changed, &misfits, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (misfits->len, ==, 1);
  g_assert_cmpint (harley_appointment_get_info (g_ptr_array_index (misfits, 0))->patient_id, ==, f->patient);
  /* Kept, never dropped. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM appointment WHERE status = 'booked'"), ==, 3);

  rules = harley_diary_list_session_rules (f->db.store, f->clinician, &error);
  g_assert_cmpuint (rules->len, ==, 2);
  harley_test_assert_query_text (f->db.path, "SELECT last_date FROM clinic_session WHERE id = 1", "2030-01-27");
  harley_test_assert_query_text (f->db.path, "SELECT first_date || ' ' || start_minute || ' ' || rule "
                                                       "FROM clinic_session WHERE id = 2", "2030-01-28 600 weekly:1");
}

static void
test_find_free (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) slots = NULL;
  HarleySlotQuery q;
  HarleyBooking b;

  /* 07/01/2030: 09:00 and 09:30 taken; 09:15 is too short for 30 minutes. */
  b = booking_at (f, f->patient, "2030-01-07", 9 * 60, 15);
  g_assert_cmpint (harley_diary_book (f->db.store, &b, 0, &error), >, 0);
  b = booking_at (f, f->other_patient, "2030-01-07", 9 * 60 + 30, 15);
  g_assert_cmpint (harley_diary_book (f->db.store, &b, 0, &error), >, 0);
  g_assert_cmpint (harley_diary_add_blocked (f->db.store, f->clinician, "admin", NULL, "2030-01-07 10:30",
                                             "2030-01-07 11:00", &error), >, 0);
  g_assert_no_error (error);

  harley_slot_query_init (&q, 30);
  date_set (&q.earliest, "2030-01-01");
  q.earliest_minute = 0;
  q.max_results = 4;
  slots = harley_diary_find_free (f->db.store, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (slots->len, ==, 4);
  /* 09:45, 10:00, then 11:00, 11:15, 11:30 (10:15 runs into the blocked half hour). */
  g_assert_cmpint (g_array_index (slots, HarleySlot, 0).start, ==, 9 * 60 + 45);
  g_assert_cmpint (g_array_index (slots, HarleySlot, 1).start, ==, 10 * 60);
  g_assert_cmpint (g_array_index (slots, HarleySlot, 2).start, ==, 11 * 60);
  g_assert_cmpint (g_array_index (slots, HarleySlot, 3).start, ==, 11 * 60 + 15);

  /* Afternoons only: this clinic has none, a second one does. */
  g_clear_pointer (&slots, g_array_unref);
  q.part_of_day = HARLEY_PART_OF_DAY_AFTERNOON;
  slots = harley_diary_find_free (f->db.store, &q, &error);
  g_assert_cmpuint (slots->len, ==, 0);
  add_weekly_session (f->db.store, f->clinician, "2030-01-09", 14 * 60, 15 * 60);
  g_clear_pointer (&slots, g_array_unref);
  slots = harley_diary_find_free (f->db.store, &q, &error);
  g_assert_cmpuint (slots->len, ==, 4);
  g_assert_cmpint (g_date_get_day (&g_array_index (slots, HarleySlot, 0).date), ==, 9);
  g_assert_cmpint (g_array_index (slots, HarleySlot, 0).start, ==, 14 * 60);
  g_assert_cmpint (g_array_index (slots, HarleySlot, 2).start, ==, 14 * 60 + 30);
  /* 14:45 would end after the clinic: the fourth is a week later. */
  g_assert_cmpint (g_date_get_day (&g_array_index (slots, HarleySlot, 3).date), ==, 16);

  /* A time that has passed is never offered. */
  g_clear_pointer (&slots, g_array_unref);
  add_weekly_session (f->db.store, f->clinician, "2020-01-06", 9 * 60, 12 * 60);
  date_set (&q.earliest, "2020-01-01");
  q.part_of_day = HARLEY_PART_OF_DAY_ANY;
  slots = harley_diary_find_free (f->db.store, &q, &error);
  g_assert_cmpuint (slots->len, ==, 4);
  {
    GDate today;
    int minute;
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    harley_wall_time_from_utc (now, &today, &minute);
    g_assert_cmpint (g_date_compare (&g_array_index (slots, HarleySlot, 0).date, &today), >=, 0);
  }
}

static void
test_overbooking_follows_the_diary (Fixture       *f,
                                    gconstpointer  data)
{
  HarleyBooking a = booking_at (f, f->patient, "2030-01-14", 9 * 60, 15);
  HarleyBooking b = booking_at (f, f->other_patient, "2030-01-14", 9 * 60, 15);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) day = NULL;
  g_autoptr(GPtrArray) after = NULL;
  gint64 first = harley_diary_book (f->db.store, &a, 0, &error);
  GDate monday;

  g_assert_cmpint (harley_diary_book (f->db.store, &b, HARLEY_BOOK_OVERBOOK, &error), >, 0);
  date_set (&monday, "2030-01-14");
  day = harley_diary_list_range (f->db.store, &monday, &monday, &error);
  g_assert_true (harley_appointment_get_info (g_ptr_array_index (day, 0))->overbooked);
  g_assert_true (harley_appointment_get_info (g_ptr_array_index (day, 1))->overbooked);

  /* The first one cancelled: the second is no longer overbooked. */
  g_assert_true (harley_diary_set_status (f->db.store, first, HARLEY_APPOINTMENT_CANCELLED_BY_PRACTICE,
                                          "Clinic overrun", &error));
  after = harley_diary_list_range (f->db.store, &monday, &monday, &error);
  g_assert_false (harley_appointment_get_info (g_ptr_array_index (after, 0))->overbooked);
  g_assert_false (harley_appointment_get_info (g_ptr_array_index (after, 1))->overbooked);
}

static void
test_move_takes_the_clinics_place (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(HarleyContact) rooms = harley_contact_new (HARLEY_CONTACT_HOSPITAL, "Consulting Rooms");
  g_autoptr(HarleyContact) hospital = harley_contact_new (HARLEY_CONTACT_HOSPITAL, "St Anne's");
  g_autoptr(GError) error = NULL;
  HarleyBooking b = booking_at (f, f->patient, "2030-01-14", 9 * 60, 15);
  HarleySession s = { 0 };
  GDate first;
  gint64 id;

  g_assert_true (harley_contact_save (f->db.store, rooms, &error));
  g_assert_true (harley_contact_save (f->db.store, hospital, &error));
  harley_test_assert_query_text (f->db.path, "SELECT count(*) FROM contact", "2");
  g_assert_true (harley_store_exec (f->db.store, "UPDATE clinic_session SET location_id = 1", &error));
  date_set (&first, "2030-01-07");
  s.clinician_id = f->clinician;
  s.location_id = harley_contact_get_id (hospital);
  s.recurrence = harley_recurrence_new_weekly (&first, 1);
  s.start = 14 * 60;
  s.end = 17 * 60;
  s.slot_minutes = 15;
  g_assert_cmpint (harley_diary_add_session (f->db.store, &s, &error), >, 0);
  harley_recurrence_free (s.recurrence);

  id = harley_diary_book (f->db.store, &b, 0, &error);
  harley_test_assert_query_text (f->db.path, "SELECT location_id FROM appointment", "1");
  /* The afternoon clinic of the same day is at the hospital. */
  g_assert_true (harley_diary_move (f->db.store, id, f->clinician, &b.date, 15 * 60, 15 * 60 + 15, 0, &error));
  g_assert_no_error (error);
  harley_test_assert_query_text (f->db.path, "SELECT location_id FROM appointment", "2");
}

static void
test_plain_words (Fixture       *f,
                  gconstpointer  data)
{
  HarleyBooking b = booking_at (f, f->patient, "2030-01-14", 9 * 60, 15);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) misfits = NULL;
  HarleySession changed = { 0 };
  GDate late;

  g_assert_cmpint (harley_diary_add_blocked (f->db.store, 0, "other", NULL, "2030-01-14 08:00", "2030-01-14 10:00",
                                             &error), >, 0);
  g_assert_cmpint (harley_diary_book (f->db.store, &b, 0, &error), ==, 0);
  g_assert_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_BLOCKED);
  g_assert_nonnull (strstr (error->message, "(Blocked)"));
  g_assert_null (strstr (error->message, "other"));
  g_clear_error (&error);

  g_assert_false (harley_diary_save_type (f->db.store, 0, "FOLLOW-UP", 20, "#123456", &error));
  g_assert_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already an appointment type"));
  g_clear_error (&error);

  /* A clinic that ended: nothing to change after its end. */
  g_assert_true (harley_store_exec (f->db.store, "UPDATE clinic_session SET last_date = '2030-02-25'", &error));
  date_set (&late, "2030-03-04");
  changed.start = 10 * 60;
  changed.end = 12 * 60;
  changed.slot_minutes = 15;
  g_assert_false (harley_diary_change_session_from (f->db.store, f->session, &late, &changed, &misfits, &error));
  g_assert_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no dates from then on"));
}

static void
test_change_keeps_skipped_dates (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) misfits = NULL;
  HarleySession changed = { 0 };
  GDate from, first;

  /* 01/04/2030 (Easter Monday) is skipped; from 11/03 the clinic moves
   * to Tuesdays, and keeps the skipped Monday for the record. */
  g_assert_true (harley_store_exec (f->db.store, "UPDATE clinic_session SET skipped = '2030-04-01'", &error));
  date_set (&from, "2030-03-11");
  date_set (&first, "2030-03-11");
  changed.recurrence = harley_recurrence_new_weekly (&first, 1);
  changed.start = 9 * 60;
  changed.end = 12 * 60;
  changed.slot_minutes = 15;
  g_assert_true (harley_diary_change_session_from (f->db.store, f->session, &from, &changed, &misfits, &error));
  g_assert_no_error (error);
  harley_test_assert_query_text (f->db.path, "SELECT skipped FROM clinic_session WHERE id = 2", "2030-04-01");
  harley_recurrence_free (changed.recurrence);
}

static void
test_missed_put_back (Fixture       *f,
                      gconstpointer  data)
{
  HarleyBooking a = booking_at (f, f->patient, "2030-01-14", 9 * 60, 15);
  HarleyBooking b = booking_at (f, f->other_patient, "2030-01-14", 9 * 60, 15);
  g_autoptr(GError) error = NULL;
  gint64 missed = harley_diary_book (f->db.store, &a, 0, &error);

  /* Marked as missed by mistake, and put back: the time is still free. */
  g_assert_true (harley_diary_set_status (f->db.store, missed, HARLEY_APPOINTMENT_DID_NOT_ATTEND, NULL, &error));
  g_assert_true (harley_diary_set_status (f->db.store, missed, HARLEY_APPOINTMENT_BOOKED, NULL, &error));
  g_assert_no_error (error);

  /* Missed, the time given to John, then Jane turns up late: refused. */
  g_assert_true (harley_diary_set_status (f->db.store, missed, HARLEY_APPOINTMENT_DID_NOT_ATTEND, NULL, &error));
  g_assert_cmpint (harley_diary_book (f->db.store, &b, 0, &error), >, 0);
  g_assert_false (harley_diary_set_status (f->db.store, missed, HARLEY_APPOINTMENT_BOOKED, NULL, &error));
  g_assert_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_DOUBLE_BOOKED);
  harley_test_assert_query_text (f->db.path, "SELECT status FROM appointment WHERE id = 1", "did-not-attend");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/diary/" name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("schema-seeds", test_schema_seeds);
  ADD ("book-and-read-back", test_book_and_read_back);
  ADD ("double-booking", test_double_booking);
  ADD ("cancelled-frees-the-time", test_cancelled_frees_the_time);
  ADD ("rules-asked-about", test_rules_asked_about);
  ADD ("invalid-times", test_invalid_times);
  ADD ("blocked-time", test_blocked_time);
  ADD ("move-keeps-history", test_move_keeps_history);
  ADD ("status-steps", test_status_steps);
  ADD ("clock-changes", test_clock_changes);
  ADD ("change-session-from", test_change_session_from);
  ADD ("find-free", test_find_free);
  ADD ("overbooking-follows-the-diary", test_overbooking_follows_the_diary);
  ADD ("move-takes-the-clinics-place", test_move_takes_the_clinics_place);
  ADD ("plain-words", test_plain_words);
  ADD ("change-keeps-skipped-dates", test_change_keeps_skipped_dates);
  ADD ("missed-put-back", test_missed_put_back);
#undef ADD

  return g_test_run ();
}
