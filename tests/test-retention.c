/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-retention"

/* The retention rules (adults 8 years after the last contact; children
 * until their 25th birthday, or 26th if 17 at the last contact; no date
 * of birth as an adult; 29 February), and the report over a practice:
 * which patients are due, in which order, what counts as contact (a
 * cancelled appointment does not, a booking still to come does), and
 * that it changes nothing. harley-cli retention too. */

#include "harley-contact.h"
#include "harley-diary.h"
#include "harley-register.h"
#include "harley-retention.h"
#include "harley-sample.h"
#include "harley-test-util.h"
#include "harley-validate.h"

/* The rules {{{1 */

static GDate
day (const char *iso)
{
  GDate date;
  unsigned int y, m, d;

  g_assert_cmpint (sscanf (iso, "%4u-%2u-%2u", &y, &m, &d), ==, 3);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return date;
}

static void
assert_end (const char *dob,
            const char *last,
            const char *expected)
{
  GDate born = dob != NULL ? day (dob) : (GDate) { 0 };
  GDate contact = day (last);
  GDate end;
  g_autofree char *got = NULL;

  if (dob == NULL)
    g_date_clear (&born, 1);
  harley_retention_end (dob != NULL ? &born : NULL, &contact, &end);
  got = harley_format_gdate_iso (&end);
  g_assert_cmpstr (got, ==, expected);
}

static void
test_rule_adult (void)
{
  assert_end ("1960-07-04", "2010-05-01", "2018-05-01");
  /* 18 that very day is an adult */
  assert_end ("1992-05-01", "2010-05-01", "2018-05-01");
}

static void
test_rule_child (void)
{
  /* 10 at the last contact: the 25th birthday, long after 8 years */
  assert_end ("2000-03-10", "2010-06-01", "2025-03-10");
  /* 16, a day short of 17: still the 25th birthday */
  assert_end ("1990-06-02", "2007-06-01", "2015-06-02");
}

static void
test_rule_seventeen (void)
{
  /* 17 at the last contact: the 26th birthday, not the 25th */
  assert_end ("1990-01-15", "2007-06-01", "2016-01-15");
  /* 17 the day before turning 18: the 26th birthday is a day after 8 years */
  assert_end ("1990-06-02", "2008-06-01", "2016-06-02");
}

static void
test_rule_no_date_of_birth (void)
{
  assert_end (NULL, "2011-09-30", "2019-09-30");
}

static void
test_rule_leap_day (void)
{
  /* Born on 29 February: the 25th and 26th birthdays fall on 1 March */
  assert_end ("2004-02-29", "2010-01-01", "2029-03-01");
  assert_end ("2000-02-29", "2017-03-01", "2026-03-01");
  /* Not yet 17 on 28 February 2017: the 25th birthday */
  assert_end ("2000-02-29", "2017-02-28", "2025-03-01");
  /* Not yet 18 on 28 February 2018: still 17, the 26th birthday */
  assert_end ("2000-02-29", "2018-02-28", "2026-03-01");
  /* An adult last seen on 29 February */
  assert_end ("1970-01-01", "2016-02-29", "2024-02-29");
}

static void
test_rule_future (void)
{
  /* A contact still to come (a booking) ends later still */
  assert_end ("1970-01-01", "2031-01-05", "2039-01-05");
}

/* The report {{{1 */

typedef struct
{
  HarleyTestDb db;
  gint64       clinician;
  gint64       type;
  gint64       lab;
  gint64       adult;       /* seen 01/03/2010 */
  gint64       booked;      /* seen 2010, booked again in 2031 */
  gint64       child;       /* born 2005, seen at 6 */
  gint64       sampled;     /* a sample taken 05/05/2014 */
  gint64       cancelled;   /* only a cancelled appointment, in 2009 */
  gint64       archived;    /* seen 2009, archived */
} Fixture;

static gint64
book (Fixture                 *f,
      gint64                   patient,
      const char              *iso,
      HarleyAppointmentStatus  status)
{
  HarleyBooking b = { .patient_id = patient, .clinician_id = f->clinician, .type_id = f->type,
                      .start = 10 * 60, .end = 10 * 60 + 15 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  b.date = day (iso);
  id = harley_diary_book (f->db.store, &b, HARLEY_BOOK_ALLOW_PAST | HARLEY_BOOK_ALLOW_OUTSIDE_SESSION, &error);
  g_assert_no_error (error);
  /* Seen goes by way of arrived, as at the desk */
  if (status == HARLEY_APPOINTMENT_SEEN)
    g_assert_true (harley_diary_set_status (f->db.store, id, HARLEY_APPOINTMENT_ARRIVED, NULL, &error));
  if (status != HARLEY_APPOINTMENT_BOOKED)
    g_assert_true (harley_diary_set_status (f->db.store, id, status,
                                            status == HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT ? "Unwell" : NULL,
                                            &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) clinicians = NULL;
  g_autoptr(HarleyContact) lab = harley_contact_new (HARLEY_CONTACT_LABORATORY, "Northgate Dermatopathology");
  g_autoptr(GError) error = NULL;
  HarleySampleNew s = { .type = HARLEY_SAMPLE_BLOOD };

  harley_test_db_set_up (&f->db, data);
  clinicians = harley_diary_list_clinicians (f->db.store, NULL);
  f->clinician = ((HarleyClinician *) g_ptr_array_index (clinicians, 0))->id;
  f->type = harley_diary_find_type (f->db.store, "Follow-up");
  g_assert_true (harley_contact_save (f->db.store, lab, &error));
  f->lab = harley_contact_get_id (lab);

  f->adult = harley_test_add_patient (f->db.store, "Adam", "Marsh", "1961-02-03");
  book (f, f->adult, "2010-03-01", HARLEY_APPOINTMENT_SEEN);
  f->booked = harley_test_add_patient (f->db.store, "Bella", "Marsh", "1962-02-03");
  book (f, f->booked, "2010-03-02", HARLEY_APPOINTMENT_SEEN);
  book (f, f->booked, "2031-06-02", HARLEY_APPOINTMENT_BOOKED);
  f->child = harley_test_add_patient (f->db.store, "Cara", "Marsh", "2005-06-01");
  book (f, f->child, "2012-01-10", HARLEY_APPOINTMENT_SEEN);
  f->sampled = harley_test_add_patient (f->db.store, "Dev", "Marsh", "1950-11-11");
  s.patient_id = f->sampled;
  s.lab_id = f->lab;
  s.taken_on = day ("2014-05-05");
  g_assert_cmpint (harley_sample_add (f->db.store, &s, &error), >, 0);
  f->cancelled = harley_test_add_patient (f->db.store, "Evie", "Marsh", "1958-08-08");
  book (f, f->cancelled, "2009-04-04", HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT);
  f->archived = harley_test_add_patient (f->db.store, "Finn", "Marsh", "1940-01-01");
  book (f, f->archived, "2009-02-02", HARLEY_APPOINTMENT_DID_NOT_ATTEND);
  book (f, f->archived, "2009-01-05", HARLEY_APPOINTMENT_ARRIVED);
  g_assert_true (harley_register_set_archived (f->db.store, f->archived, TRUE, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  harley_test_db_tear_down (&f->db, data);
}

static GArray *
list_due (Fixture    *f,
          const char *as_of)
{
  g_autoptr(GError) error = NULL;
  GDate on = day (as_of);
  GArray *rows = harley_retention_list_due (f->db.store, &on, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
assert_row (GArray     *rows,
            guint       index,
            gint64      id,
            const char *last,
            const char *end)
{
  const HarleyRetentionRow *row = &g_array_index (rows, HarleyRetentionRow, index);
  g_autofree char *got_last = harley_format_gdate_iso (&row->last_contact);
  g_autofree char *got_end = harley_format_gdate_iso (&row->retention_end);

  g_assert_cmpint (row->patient_id, ==, id);
  g_assert_cmpstr (got_last, ==, last);
  g_assert_cmpstr (got_end, ==, end);
}

static void
test_report_due (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GArray) rows = list_due (f, "2026-11-25");
  const HarleyRetentionRow *first;

  /* Oldest first: Finn (arrived 05/01/2009; a missed appointment later is
   * no contact), Adam, Dev (a sample). Not Bella (booked again), Cara (a
   * child until 2030), nor Evie (only a cancelled appointment: her record
   * was made today). */
  g_assert_cmpuint (rows->len, ==, 3);
  assert_row (rows, 0, f->archived, "2009-01-05", "2017-01-05");
  assert_row (rows, 1, f->adult, "2010-03-01", "2018-03-01");
  assert_row (rows, 2, f->sampled, "2014-05-05", "2022-05-05");
  first = &g_array_index (rows, HarleyRetentionRow, 0);
  g_assert_true (first->archived);
  g_assert_cmpstr (first->name, ==, "Finn Marsh");
  g_assert_cmpstr (first->date_of_birth, ==, "1940-01-01");
  g_assert_false (g_array_index (rows, HarleyRetentionRow, 1).archived);
}

static void
test_report_as_of (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GArray) before = list_due (f, "2030-05-31");
  g_autoptr(GArray) on = list_due (f, "2030-06-01");
  g_autoptr(GArray) early = list_due (f, "2017-01-04");
  g_autoptr(GArray) ended = list_due (f, "2017-01-05");

  /* Cara's 25th birthday is 01/06/2030: due that day, not the day before */
  g_assert_cmpuint (before->len, ==, 3);
  g_assert_cmpuint (on->len, ==, 4);
  assert_row (on, 3, f->child, "2012-01-10", "2030-06-01");
  /* The first to end, on 05/01/2017 */
  g_assert_cmpuint (early->len, ==, 0);
  g_assert_cmpuint (ended->len, ==, 1);
}

static void
test_report_changes_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *before = harley_test_query_text (f->db.path, "SELECT group_concat (id || archived) FROM patient");
  gint64 audit = harley_test_query_int (f->db.path, "SELECT count(*) FROM audit");
  g_autoptr(GArray) rows = list_due (f, "2040-01-01");

  g_assert_cmpuint (rows->len, ==, 6);
  harley_test_assert_query_text (f->db.path, "SELECT group_concat (id || archived) FROM patient", before);
  g_assert_cmpint (harley_test_query_int (f->db.path, "SELECT count(*) FROM audit"), ==, audit);
}

/* harley-cli retention {{{1 */

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *json = NULL;

  /* harley-cli will not open a database open in another Harley */
  g_clear_object (&f->db.store);
  g_assert_cmpint (harley_test_cli (&out, NULL, "--database", f->db.path, "retention", "--as-of", "25/11/2026", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "Finn Marsh\tborn 01/01/1940\tlast contact 05/01/2009\tretention ended 05/01/2017"
                                 "\tarchived\n"));
  g_assert_nonnull (strstr (out, "3 records are past their retention period on 25/11/2026. Nothing was deleted"));
  g_assert_cmpuint (harley_test_count (out, "Marsh"), ==, 3);
  g_assert_true (strstr (out, "Finn") < strstr (out, "Adam"));

  g_assert_cmpint (harley_test_cli (&json, NULL, "--database", f->db.path, "retention", "--json", "--as-of",
                                    "01/06/2030", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (json, "{\"as_of\":\"2030-06-01\",\"count\":4,\"patients\":["));
  g_assert_nonnull (strstr (json, "{\"id\":3,\"name\":\"Cara Marsh\",\"date_of_birth\":\"2005-06-01\","
                                  "\"archived\":false,\"last_contact\":\"2012-01-10\",\"retention_end\":\"2030-06-01\"}"));
}

static void
test_cli_refuses (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  gint64 audit = harley_test_query_int (f->db.path, "SELECT count(*) FROM audit");

  g_clear_object (&f->db.store);
  g_assert_cmpint (harley_test_cli (&out, &err, "--database", f->db.path, "retention", "--as-of", "31/02/2026", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "--as-of “31/02/2026”"));
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (harley_test_cli (&out, &err, "--database", f->db.path, "retention", "now", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "takes only options"));
  g_assert_cmpint (harley_test_query_int (f->db.path, "SELECT count(*) FROM audit"), ==, audit);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/retention/rule/adult", test_rule_adult);
  g_test_add_func ("/retention/rule/child", test_rule_child);
  g_test_add_func ("/retention/rule/seventeen", test_rule_seventeen);
  g_test_add_func ("/retention/rule/no-date-of-birth", test_rule_no_date_of_birth);
  g_test_add_func ("/retention/rule/leap-day", test_rule_leap_day);
  g_test_add_func ("/retention/rule/future", test_rule_future);
  g_test_add ("/retention/report/due", Fixture, NULL, fixture_set_up, test_report_due, fixture_tear_down);
  g_test_add ("/retention/report/as-of", Fixture, NULL, fixture_set_up, test_report_as_of, fixture_tear_down);
  g_test_add ("/retention/report/changes-nothing", Fixture, NULL, fixture_set_up, test_report_changes_nothing,
              fixture_tear_down);
  g_test_add ("/retention/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  g_test_add ("/retention/cli/refuses", Fixture, NULL, fixture_set_up, test_cli_refuses, fixture_tear_down);

  return g_test_run ();
}
