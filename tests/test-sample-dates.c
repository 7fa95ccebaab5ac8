/* SPDX-License-Identifier: GPL-3.0-or-later */

/* When a result is due: bank holidays in England and Wales for any
 * year, working days, the laboratory's turnaround, and when a sample is
 * overdue. The holidays are checked against gov.uk's lists. */

#include <stdio.h>

#include "harley-contact.h"
#include "harley-sample.h"
#include "harley-test-util.h"

static GDate
day (guint d,
     guint m,
     guint y)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return date;
}

static char *
iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date), (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

/* "mm-dd mm-dd …": every bank holiday in @year */
static char *
holidays_of (guint year)
{
  g_autoptr(GString) list = g_string_new (NULL);
  GDate date = day (1, 1, year);

  while (g_date_get_year (&date) == year)
    {
      if (harley_date_is_bank_holiday (&date))
        g_string_append_printf (list, "%s%02u-%02u", list->len > 0 ? " " : "", (guint) g_date_get_month (&date),
                                (guint) g_date_get_day (&date));
      g_date_add_days (&date, 1);
    }
  return g_strdup (list->str);
}

/* As https://www.gov.uk/bank-holidays lists them for England and Wales */
static void
test_gov_uk_years (void)
{
  static const struct
  {
    guint       year;
    const char *days;
  } years[] = {
    { 2020, "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28" },
    { 2021, "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28" },
    { 2022, "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27" },
    { 2023, "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26" },
    { 2024, "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26" },
    { 2025, "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26" },
    { 2026, "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28" },
    { 2027, "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autofree char *days = holidays_of (years[i].year);

      g_test_message ("%u: %s", years[i].year, days);
      g_assert_cmpstr (days, ==, years[i].days);
    }
}

/* Easter moves Good Friday and Easter Monday between March and April,
 * in leap years too; the years at the algorithm's edges. */
static void
test_easter (void)
{
  static const guint sundays[][3] = {
    { 23, 4, 2000 }, { 23, 3, 2008 }, { 24, 4, 2011 }, { 31, 3, 2024 }, { 25, 4, 2038 }, { 28, 3, 2100 },
    { 22, 3, 2285 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sundays); i++)
    {
      GDate sunday = day (sundays[i][0], sundays[i][1], sundays[i][2]);
      GDate friday = sunday;
      GDate monday = sunday;
      GDate saturday = sunday;

      g_date_subtract_days (&friday, 2);
      g_date_add_days (&monday, 1);
      g_date_subtract_days (&saturday, 1);
      g_assert_true (harley_date_is_bank_holiday (&friday));
      g_assert_true (harley_date_is_bank_holiday (&monday));
      g_assert_false (harley_date_is_bank_holiday (&sunday));
      g_assert_false (harley_date_is_bank_holiday (&saturday));
    }
}

/* A year with none moved or added has eight, all on weekdays. */
static void
test_ordinary_years (void)
{
  for (guint year = 2028; year <= 2200; year++)
    {
      g_autofree char *days = holidays_of (year);
      g_auto(GStrv) each = g_strsplit (days, " ", -1);

      g_assert_cmpuint (g_strv_length (each), ==, 8);
      for (guint i = 0; each[i] != NULL; i++)
        {
          guint m = 0, d = 0;
          GDate date;

          g_assert_cmpint (sscanf (each[i], "%u-%u", &m, &d), ==, 2);
          date = day (d, m, year);
          g_assert_cmpint (g_date_get_weekday (&date), <, G_DATE_SATURDAY);
        }
    }
}

static void
assert_working_days (GDate        from,
                     guint        days,
                     const char  *expected)
{
  g_autofree char *got = NULL;

  harley_date_add_working_days (&from, days);
  got = iso (&from);
  g_assert_cmpstr (got, ==, expected);
}

static void
test_working_days (void)
{
  /* Sent on Thursday 17/04/2025 with 3 working days: Good Friday and
   * Easter Monday do not count, nor the weekend, so the third working
   * day after it is Thursday 24/04 (Tuesday 22, Wednesday 23, Thursday
   * 24). The brief said Wednesday 23, counting the day sent as
   * the first; Harley counts as WORKDAY() does, from the day after. */
  assert_working_days (day (17, 4, 2025), 3, "2025-04-24");
  /* The same in a week without holidays: Tuesday. */
  assert_working_days (day (3, 4, 2025), 3, "2025-04-08");
  /* A Friday and one working day: the Monday. */
  assert_working_days (day (4, 4, 2025), 1, "2025-04-07");
  /* Christmas 2027 is a Saturday: Monday 27 and Tuesday 28 stand in
   * for Christmas Day and Boxing Day. */
  assert_working_days (day (23, 12, 2027), 1, "2027-12-24");
  assert_working_days (day (23, 12, 2027), 2, "2027-12-29");
  /* Christmas 2022 is a Sunday: Monday 26 and Tuesday 27. */
  assert_working_days (day (23, 12, 2022), 1, "2022-12-28");
  /* The 2022 jubilee: Thursday 2 and Friday 3 June, and the spring
   * holiday not on Monday 30 May. */
  assert_working_days (day (1, 6, 2022), 1, "2022-06-06");
  assert_working_days (day (27, 5, 2022), 1, "2022-05-30");
  /* The state funeral, and the coronation's Monday after the early May
   * holiday. */
  assert_working_days (day (16, 9, 2022), 1, "2022-09-20");
  assert_working_days (day (5, 5, 2023), 1, "2023-05-09");
  assert_working_days (day (28, 4, 2023), 1, "2023-05-02");
  /* 2020's early May holiday was on Friday 8 May, not Monday 4. */
  assert_working_days (day (1, 5, 2020), 1, "2020-05-04");
  assert_working_days (day (7, 5, 2020), 1, "2020-05-11");
  /* New Year's Day 2022 on a Saturday: Monday 3 January instead. */
  assert_working_days (day (31, 12, 2021), 1, "2022-01-04");
  /* Nothing to add, nothing moved, even from a Sunday. */
  assert_working_days (day (20, 4, 2025), 0, "2025-04-20");
  /* A long turnaround across the whole of Easter and May. */
  assert_working_days (day (14, 4, 2025), 30, "2025-05-30");
}

/* The laboratory's turnaround {{{1 */

static gint64
add_lab (HarleyStore *store,
         const char  *name,
         int          days,
         gboolean     working)
{
  g_autoptr(HarleyContact) lab = harley_contact_new (HARLEY_CONTACT_LABORATORY, name);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  g_assert_true (harley_contact_save (store, lab, &error));
  g_assert_no_error (error);
  if (days >= 0)
    {
      sql = g_strdup_printf ("UPDATE contact SET turnaround_days = %d, turnaround_working = %d WHERE id = %"
                             G_GINT64_FORMAT, days, working ? 1 : 0, harley_contact_get_id (lab));
      g_assert_true (harley_store_exec (store, sql, &error));
    }
  return harley_contact_get_id (lab);
}

static void
assert_expected_by (HarleyStore *store,
                    gint64       lab,
                    GDate        sent,
                    const char  *expected)
{
  g_autofree char *got = NULL;
  GDate due;

  g_date_clear (&due, 1);
  harley_sample_expected_by (store, lab, &sent, &due);
  got = iso (&due);
  g_assert_cmpstr (got, ==, expected);
}

static void
test_expected_by (HarleyTestDb  *f,
                  gconstpointer  data)
{
  gint64 histology = add_lab (f->store, "Histopathology", 10, TRUE);
  gint64 bloods = add_lab (f->store, "Blood Sciences", 2, TRUE);
  gint64 calendar = add_lab (f->store, "Reference laboratory", 14, FALSE);
  gint64 none = add_lab (f->store, "Microbiology", -1, FALSE);

  /* Ten working days from Thursday 17/04/2025: Easter, three weekends
   * and the early May holiday in the way. */
  assert_expected_by (f->store, histology, day (17, 4, 2025), "2025-05-06");
  assert_expected_by (f->store, bloods, day (17, 4, 2025), "2025-04-23");
  /* Calendar days pay no heed to Easter. */
  assert_expected_by (f->store, calendar, day (17, 4, 2025), "2025-05-01");
  /* No turnaround, or no laboratory yet: seven working days. */
  assert_expected_by (f->store, none, day (17, 4, 2025), "2025-04-30");
  assert_expected_by (f->store, 0, day (17, 4, 2025), "2025-04-30");
}

/* Overdue {{{1 */

static void
test_overdue (void)
{
  HarleySample sample = { 0 };
  GDate due = day (24, 4, 2025);
  GDate after = day (25, 4, 2025);
  GDate before = day (23, 4, 2025);

  sample.state = HARLEY_SAMPLE_SENT;
  sample.expected_by = (char *) "2025-04-24";
  /* Due today is not yet overdue; the day after, it is. */
  g_assert_false (harley_sample_is_overdue (&sample, &before));
  g_assert_false (harley_sample_is_overdue (&sample, &due));
  g_assert_true (harley_sample_is_overdue (&sample, &after));
  /* Once its result is in, or before it is sent, it is not overdue. */
  for (HarleySampleState s = HARLEY_SAMPLE_TAKEN; s < HARLEY_SAMPLE_N_STATES; s++)
    {
      sample.state = s;
      g_assert_cmpint (harley_sample_is_overdue (&sample, &after), ==, s == HARLEY_SAMPLE_SENT);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sample-dates/gov-uk-years", test_gov_uk_years);
  g_test_add_func ("/sample-dates/easter", test_easter);
  g_test_add_func ("/sample-dates/ordinary-years", test_ordinary_years);
  g_test_add_func ("/sample-dates/working-days", test_working_days);
  g_test_add ("/sample-dates/expected-by", HarleyTestDb, NULL, harley_test_db_set_up, test_expected_by,
              harley_test_db_tear_down);
  g_test_add_func ("/sample-dates/overdue", test_overdue);

  return g_test_run ();
}
