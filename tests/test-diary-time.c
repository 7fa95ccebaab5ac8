/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-diary-time"

#include <string.h>

#include "harley-recurrence.h"
#include "harley-wall-time.h"

/* Helpers {{{1 */

static GDate
dmy (int day,
     int month,
     int year)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return date;
}

static int
hm (int hours,
    int minutes)
{
  return hours * 60 + minutes;
}

static void
assert_date (const GDate *date,
             int          day,
             int          month,
             int          year)
{
  g_assert_true (g_date_valid (date));
  g_assert_cmpint (g_date_get_day (date), ==, day);
  g_assert_cmpint (g_date_get_month (date), ==, month);
  g_assert_cmpint (g_date_get_year (date), ==, year);
}

/* Checks the instant @date @minutes maps to, as "yyyy-mm-ddThh:mm" UTC. */
static void
assert_utc (GDate       date,
            int         minutes,
            const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) utc = harley_wall_time_to_utc (&date, minutes, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (utc);
  g_assert_cmpint (g_date_time_get_utc_offset (utc), ==, 0);
  text = g_date_time_format (utc, "%Y-%m-%dT%H:%M");
  g_assert_cmpstr (text, ==, expected);
}

static void
assert_parse_fails (const char *text,
                    const char *mentions)
{
  g_autoptr(GError) error = NULL;
  GDate date = dmy (1, 1, 2000);
  int minutes = 123;

  g_assert_false (harley_wall_time_parse (text, &date, &minutes, &error));
  g_assert_error (error, HARLEY_WALL_TIME_ERROR, HARLEY_WALL_TIME_ERROR_INVALID);
  if (mentions != NULL && strstr (error->message, mentions) == NULL)
    g_error ("“%s”: expected “%s” in “%s”", text, mentions, error->message);
  /* Nothing written on failure. */
  assert_date (&date, 1, 1, 2000);
  g_assert_cmpint (minutes, ==, 123);
}

/* Wall times {{{1 */

static void
test_parse (void)
{
  GDate date;
  int minutes = -1;

  g_assert_true (harley_wall_time_parse ("2026-03-29 09:00", &date, &minutes, NULL));
  assert_date (&date, 29, 3, 2026);
  g_assert_cmpint (minutes, ==, hm (9, 0));

  g_assert_true (harley_wall_time_parse ("  25/10/2026 23:59 ", &date, &minutes, NULL));
  assert_date (&date, 25, 10, 2026);
  g_assert_cmpint (minutes, ==, hm (23, 59));

  g_assert_true (harley_wall_time_parse ("01/01/2026 0:05", &date, &minutes, NULL));
  g_assert_cmpint (minutes, ==, 5);

  g_assert_true (harley_wall_time_parse ("29/02/2028 00:00", &date, &minutes, NULL));
  assert_date (&date, 29, 2, 2028);
  g_assert_cmpint (minutes, ==, 0);
}

static void
test_parse_errors (void)
{
  assert_parse_fails ("2026-02-30 09:00", "30/02/2026");
  assert_parse_fails ("31/02/2026 09:00", "There is no 31/02/2026");
  assert_parse_fails ("29/02/2026 09:00", "29/02/2026");
  assert_parse_fails ("01/04/2026 25:00", "hour 25");
  assert_parse_fails ("01/04/2026 24:00", "hour 24");
  assert_parse_fails ("01/04/2026 09:60", "minute 60");
  assert_parse_fails ("25:00", "dd/mm/yyyy hh:mm");
  assert_parse_fails ("09:60", "dd/mm/yyyy hh:mm");
  assert_parse_fails ("01/04/2026", "dd/mm/yyyy hh:mm");
  assert_parse_fails ("01/04/2026 9", "dd/mm/yyyy hh:mm");
  assert_parse_fails ("01/04/2026 9:5", "dd/mm/yyyy hh:mm");
  assert_parse_fails ("01/04/2026 123:00", "dd/mm/yyyy hh:mm");
  assert_parse_fails ("01/04/2026 -1:00", "dd/mm/yyyy hh:mm");
  assert_parse_fails ("01/04/2026 09:00pm", "dd/mm/yyyy hh:mm");
  assert_parse_fails ("", NULL);
  assert_parse_fails (NULL, NULL);
}

static void
test_format (void)
{
  GDate date = dmy (29, 3, 2026);
  g_autofree char *shown = harley_wall_time_format (&date, hm (9, 5));
  g_autofree char *iso = harley_wall_time_to_iso (&date, hm (9, 5));
  g_autofree char *late = harley_wall_time_to_iso (&date, hm (23, 59));
  GDate back;
  int minutes;

  g_assert_cmpstr (shown, ==, "29/03/2026 09:05");
  g_assert_cmpstr (iso, ==, "2026-03-29 09:05");
  g_assert_cmpstr (late, ==, "2026-03-29 23:59");

  g_assert_true (harley_wall_time_parse (iso, &back, &minutes, NULL));
  g_assert_cmpint (g_date_compare (&back, &date), ==, 0);
  g_assert_cmpint (minutes, ==, hm (9, 5));
}

static void
test_ordinary_days (void)
{
  assert_utc (dmy (15, 1, 2026), hm (9, 0), "2026-01-15T09:00");
  assert_utc (dmy (15, 7, 2026), hm (9, 0), "2026-07-15T08:00");
  assert_utc (dmy (15, 7, 2026), hm (0, 30), "2026-07-14T23:30");
}

/* Each March change day: 00:59 is GMT, 01:00-01:59 do not exist, 02:00
 * is BST, and 09:00 is 08:00 UTC. */
static void
check_spring_forward (int day,
                      int year)
{
  GDate date = dmy (day, 3, year);
  g_autofree char *expected = g_strdup_printf (
      "01:30 on %02d/03/%d does not exist: the clocks go forward an hour "
      "at 01:00. Choose 02:00 or later.", day, year);
  g_autofree char *at_0059 = g_strdup_printf ("%d-03-%02dT00:59", year, day);
  g_autofree char *at_0200 = g_strdup_printf ("%d-03-%02dT01:00", year, day);
  g_autofree char *at_0900 = g_strdup_printf ("%d-03-%02dT08:00", year, day);
  g_autofree char *day_before = g_strdup_printf ("%d-03-%02dT09:00", year, day - 1);
  int gap[] = { hm (1, 0), hm (1, 30), hm (1, 59) };

  for (guint i = 0; i < G_N_ELEMENTS (gap); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) utc = harley_wall_time_to_utc (&date, gap[i], &error);

      g_assert_null (utc);
      g_assert_error (error, HARLEY_WALL_TIME_ERROR,
                      HARLEY_WALL_TIME_ERROR_NONEXISTENT);
      if (gap[i] == hm (1, 30))
        g_assert_cmpstr (error->message, ==, expected);
      g_assert_false (harley_wall_time_is_ambiguous (&date, gap[i]));
    }

  assert_utc (date, hm (0, 59), at_0059);
  assert_utc (date, hm (2, 0), at_0200);
  assert_utc (date, hm (9, 0), at_0900);
  g_assert_false (harley_wall_time_is_ambiguous (&date, hm (9, 0)));

  /* The day before is still GMT. */
  assert_utc (dmy (day - 1, 3, year), hm (9, 0), day_before);
}

static void
test_spring_forward (void)
{
  check_spring_forward (29, 2026);
  check_spring_forward (30, 2025);
}

/* Each October change day: 01:00-01:59 happen twice, the first time in
 * BST (00:xx UTC); 09:00 is 09:00 UTC. */
static void
check_fall_back (int day,
                 int year)
{
  GDate date = dmy (day, 10, year);
  g_autofree char *at_0130 = g_strdup_printf ("%d-10-%02dT00:30", year, day);
  g_autofree char *at_0100 = g_strdup_printf ("%d-10-%02dT00:00", year, day);
  g_autofree char *at_0059 = g_strdup_printf ("%d-10-%02dT23:59", year, day - 1);
  g_autofree char *at_0200 = g_strdup_printf ("%d-10-%02dT02:00", year, day);
  g_autofree char *at_0900 = g_strdup_printf ("%d-10-%02dT09:00", year, day);
  g_autofree char *day_before = g_strdup_printf ("%d-10-%02dT08:00", year, day - 1);

  g_assert_true (harley_wall_time_is_ambiguous (&date, hm (1, 0)));
  g_assert_true (harley_wall_time_is_ambiguous (&date, hm (1, 30)));
  g_assert_true (harley_wall_time_is_ambiguous (&date, hm (1, 59)));
  g_assert_false (harley_wall_time_is_ambiguous (&date, hm (0, 59)));
  g_assert_false (harley_wall_time_is_ambiguous (&date, hm (2, 0)));
  g_assert_false (harley_wall_time_is_ambiguous (&date, hm (9, 0)));

  assert_utc (date, hm (1, 30), at_0130);
  assert_utc (date, hm (1, 0), at_0100);
  assert_utc (date, hm (0, 59), at_0059);
  assert_utc (date, hm (2, 0), at_0200);
  assert_utc (date, hm (9, 0), at_0900);

  /* The day before is still BST. */
  assert_utc (dmy (day - 1, 10, year), hm (9, 0), day_before);
}

static void
test_fall_back (void)
{
  check_fall_back (25, 2026);
  check_fall_back (26, 2025);
}

static void
test_from_utc (void)
{
  g_autoptr(GDateTime) summer = g_date_time_new_utc (2026, 7, 1, 8, 0, 59);
  g_autoptr(GDateTime) second_0130 = g_date_time_new_utc (2026, 10, 25, 1, 30, 0);
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) in_tokyo = NULL;
  GDate date;
  int minutes;

  g_assert_true (harley_wall_time_from_utc (summer, &date, &minutes));
  assert_date (&date, 1, 7, 2026);
  g_assert_cmpint (minutes, ==, hm (9, 0));

  /* The second 01:30 (GMT) still reads 01:30. */
  g_assert_true (harley_wall_time_from_utc (second_0130, &date, &minutes));
  assert_date (&date, 25, 10, 2026);
  g_assert_cmpint (minutes, ==, hm (1, 30));

  /* Whatever the zone of the instant, London's clocks are read. */
  if (tokyo != NULL)
    {
      in_tokyo = g_date_time_new (tokyo, 2026, 1, 1, 8, 0, 0);
      g_assert_true (harley_wall_time_from_utc (in_tokyo, &date, &minutes));
      assert_date (&date, 31, 12, 2025);
      g_assert_cmpint (minutes, ==, hm (23, 0));
    }
}

/* Every wall time of both 2026 change days that exists maps to an
 * instant that reads back as the same wall time. */
static void
test_round_trip_change_days (void)
{
  GDate days[] = { dmy (29, 3, 2026), dmy (25, 10, 2026) };

  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    for (int m = 0; m < 24 * 60; m++)
      {
        g_autoptr(GDateTime) utc = harley_wall_time_to_utc (&days[d], m, NULL);
        GDate back;
        int back_minutes;

        if (utc == NULL)
          {
            g_assert_cmpint (d, ==, 0);
            g_assert_cmpint (m / 60, ==, 1);
            continue;
          }
        g_assert_true (harley_wall_time_from_utc (utc, &back, &back_minutes));
        g_assert_cmpint (g_date_compare (&back, &days[d]), ==, 0);
        g_assert_cmpint (back_minutes, ==, m);
      }
}

/* Recurrence {{{1 */

static void
assert_dates (GArray      *dates,
              const char  *expected)
{
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < dates->len; i++)
    {
      const GDate *date = &g_array_index (dates, GDate, i);

      g_string_append_printf (got, "%s%02u/%02u/%04u", i > 0 ? " " : "",
                              (guint) g_date_get_day (date),
                              (guint) g_date_get_month (date),
                              (guint) g_date_get_year (date));
    }

  g_assert_cmpstr (got->str, ==, expected);
}

static GArray *
expand (const HarleyRecurrence *r,
        GDate                   from,
        GDate                   to)
{
  return harley_recurrence_expand (r, &from, &to);
}

/* A 09:00 Monday clinic across the March change stays at 09:00 local. */
static void
test_weekly_across_change (void)
{
  GDate start = dmy (16, 3, 2026);
  GDate end = dmy (6, 4, 2026);
  g_autoptr(HarleyRecurrence) r = harley_recurrence_new_weekly (&start, 1);
  g_autoptr(GArray) dates = NULL;
  const char *expected_utc[] = {
    "2026-03-16T09:00", "2026-03-23T09:00",
    "2026-03-30T08:00", "2026-04-06T08:00",
  };

  harley_recurrence_set_end (r, &end);
  dates = expand (r, dmy (1, 1, 2026), dmy (31, 12, 2026));
  assert_dates (dates, "16/03/2026 23/03/2026 30/03/2026 06/04/2026");

  for (guint i = 0; i < dates->len; i++)
    {
      GDate *date = &g_array_index (dates, GDate, i);
      g_autoptr(GDateTime) utc = harley_wall_time_to_utc (date, hm (9, 0), NULL);
      g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M");
      GDate back;
      int minutes;

      g_assert_cmpstr (text, ==, expected_utc[i]);
      g_assert_true (harley_wall_time_from_utc (utc, &back, &minutes));
      g_assert_cmpint (minutes, ==, hm (9, 0));
      g_assert_cmpint (g_date_compare (&back, date), ==, 0);
    }
}

static void
test_weekly_window (void)
{
  GDate start = dmy (6, 1, 2026);
  g_autoptr(HarleyRecurrence) r = harley_recurrence_new_weekly (&start, 1);
  g_autoptr(GArray) year = NULL;
  g_autoptr(GArray) window = NULL;
  g_autoptr(GArray) before_start = NULL;
  g_autoptr(GArray) decades = NULL;

  year = expand (r, dmy (1, 1, 2026), dmy (31, 12, 2026));
  g_assert_cmpuint (year->len, ==, 52);
  assert_date (&g_array_index (year, GDate, 0), 6, 1, 2026);
  assert_date (&g_array_index (year, GDate, 51), 29, 12, 2026);

  /* Both ends of the window are included. */
  window = expand (r, dmy (13, 1, 2026), dmy (27, 1, 2026));
  assert_dates (window, "13/01/2026 20/01/2026 27/01/2026");

  before_start = expand (r, dmy (1, 12, 2025), dmy (5, 1, 2026));
  g_assert_cmpuint (before_start->len, ==, 0);

  /* No end: far windows still work, one step a week. */
  decades = expand (r, dmy (1, 1, 2126), dmy (31, 1, 2126));
  g_assert_cmpuint (decades->len, >=, 4);
  for (guint i = 0; i < decades->len; i++)
    g_assert_cmpint (g_date_get_weekday (&g_array_index (decades, GDate, i)),
                     ==, G_DATE_TUESDAY);
}

static void
test_end_inclusive_and_exceptions (void)
{
  GDate start = dmy (6, 1, 2026);
  GDate end = dmy (3, 2, 2026);
  GDate holiday = dmy (20, 1, 2026);
  GDate not_a_tuesday = dmy (21, 1, 2026);
  g_autoptr(HarleyRecurrence) r = harley_recurrence_new_weekly (&start, 1);
  g_autoptr(GArray) dates = NULL;
  g_autoptr(GArray) once_dates = NULL;
  g_autoptr(GArray) last_day = NULL;
  g_autoptr(HarleyRecurrence) once = harley_recurrence_new_once (&holiday);

  harley_recurrence_set_end (r, &end);
  harley_recurrence_add_exception (r, &holiday);
  harley_recurrence_add_exception (r, &holiday);
  harley_recurrence_add_exception (r, &not_a_tuesday);
  harley_recurrence_add_exception (r, &start);
  g_assert_cmpuint (r->exceptions->len, ==, 3);

  dates = expand (r, dmy (1, 1, 2026), dmy (31, 12, 2026));
  assert_dates (dates, "13/01/2026 27/01/2026 03/02/2026");

  last_day = expand (r, dmy (3, 2, 2026), dmy (3, 2, 2026));
  assert_dates (last_day, "03/02/2026");

  once_dates = expand (once, dmy (1, 1, 2026), dmy (31, 12, 2026));
  assert_dates (once_dates, "20/01/2026");
  harley_recurrence_add_exception (once, &holiday);
  g_array_unref (once_dates);
  once_dates = expand (once, dmy (1, 1, 2026), dmy (31, 12, 2026));
  g_assert_cmpuint (once_dates->len, ==, 0);
}

static void
test_fortnightly_split (void)
{
  GDate start = dmy (5, 1, 2026); /* a Monday */
  GDate from = dmy (14, 1, 2026); /* a Wednesday, in the "off" week */
  GDate holiday = dmy (2, 2, 2026);
  GDate early_holiday = dmy (19, 1, 2026);
  g_autoptr(HarleyRecurrence) r = harley_recurrence_new_weekly (&start, 2);
  g_autoptr(HarleyRecurrence) before = NULL;
  g_autoptr(HarleyRecurrence) after = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) before_dates = NULL;
  g_autoptr(GArray) after_dates = NULL;

  harley_recurrence_add_exception (r, &holiday);
  harley_recurrence_add_exception (r, &early_holiday);
  all = expand (r, dmy (1, 1, 2026), dmy (28, 2, 2026));
  assert_dates (all, "05/01/2026 16/02/2026");

  g_assert_true (harley_recurrence_split (r, &from, &before, &after));
  g_assert_nonnull (before);
  g_assert_nonnull (after);

  assert_date (&before->end, 13, 1, 2026);
  before_dates = expand (before, dmy (1, 1, 2026), dmy (31, 12, 2026));
  assert_dates (before_dates, "05/01/2026");
  g_assert_cmpuint (before->exceptions->len, ==, 0);

  /* 19/01 is the next date of the pattern (skipped, but in phase). */
  assert_date (&after->start, 19, 1, 2026);
  g_assert_cmpint (after->interval, ==, 2);
  g_assert_false (g_date_valid (&after->end));
  g_assert_cmpuint (after->exceptions->len, ==, 2);
  after_dates = expand (after, dmy (1, 1, 2026), dmy (31, 3, 2026));
  assert_dates (after_dates, "16/02/2026 02/03/2026 16/03/2026 30/03/2026");
}

static void
test_split_edges (void)
{
  GDate start = dmy (5, 1, 2026);
  GDate end = dmy (2, 2, 2026);
  GDate on_start = dmy (5, 1, 2026);
  GDate past_end = dmy (3, 2, 2026);
  GDate on_end = dmy (2, 2, 2026);
  g_autoptr(HarleyRecurrence) r = harley_recurrence_new_weekly (&start, 1);
  HarleyRecurrence *before = NULL;
  HarleyRecurrence *after = NULL;

  harley_recurrence_set_end (r, &end);

  /* From the first date: nothing before. */
  g_assert_true (harley_recurrence_split (r, &on_start, &before, &after));
  g_assert_null (before);
  g_assert_nonnull (after);
  assert_date (&after->start, 5, 1, 2026);
  assert_date (&after->end, 2, 2, 2026);
  g_clear_pointer (&after, harley_recurrence_free);

  /* After the end: nothing to change. */
  g_assert_false (harley_recurrence_split (r, &past_end, &before, &after));
  g_assert_nonnull (before);
  g_assert_null (after);
  assert_date (&before->end, 2, 2, 2026);
  g_clear_pointer (&before, harley_recurrence_free);

  /* On the last date: the after half is that one date. */
  g_assert_true (harley_recurrence_split (r, &on_end, &before, &after));
  assert_date (&before->end, 1, 2, 2026);
  assert_date (&after->start, 2, 2, 2026);
  assert_date (&after->end, 2, 2, 2026);
  g_clear_pointer (&before, harley_recurrence_free);
  g_clear_pointer (&after, harley_recurrence_free);
}

static void
test_monthly_second_tuesday (void)
{
  GDate start = dmy (13, 1, 2026); /* the 2nd Tuesday of January */
  g_autoptr(HarleyRecurrence) r =
    harley_recurrence_new_monthly (&start, 0, G_DATE_BAD_WEEKDAY);
  g_autoptr(GArray) dates = NULL;

  g_assert_cmpint (r->week, ==, 2);
  g_assert_cmpint (r->weekday, ==, G_DATE_TUESDAY);

  dates = expand (r, dmy (1, 1, 2026), dmy (31, 12, 2026));
  assert_dates (dates,
                "13/01/2026 10/02/2026 10/03/2026 14/04/2026 12/05/2026 "
                "09/06/2026 14/07/2026 11/08/2026 08/09/2026 13/10/2026 "
                "10/11/2026 08/12/2026");
  for (guint i = 0; i < dates->len; i++)
    {
      const GDate *date = &g_array_index (dates, GDate, i);

      g_assert_cmpint (g_date_get_weekday (date), ==, G_DATE_TUESDAY);
      g_assert_cmpint (g_date_get_day (date), >=, 8);
      g_assert_cmpint (g_date_get_day (date), <=, 14);
    }
}

static void
test_monthly_last_friday (void)
{
  GDate start = dmy (1, 1, 2026);
  g_autoptr(HarleyRecurrence) r =
    harley_recurrence_new_monthly (&start, HARLEY_RECURRENCE_LAST_WEEK,
                                   G_DATE_FRIDAY);
  g_autoptr(HarleyRecurrence) from_date = NULL;
  g_autoptr(GArray) dates = NULL;
  GDate last_of_may = dmy (29, 5, 2026);

  dates = expand (r, dmy (1, 1, 2026), dmy (31, 12, 2026));
  assert_dates (dates,
                "30/01/2026 27/02/2026 27/03/2026 24/04/2026 29/05/2026 "
                "26/06/2026 31/07/2026 28/08/2026 25/09/2026 30/10/2026 "
                "27/11/2026 25/12/2026");

  /* The 29th is in the fifth week: taken as "last". */
  from_date = harley_recurrence_new_monthly (&last_of_may, 0,
                                             G_DATE_BAD_WEEKDAY);
  g_assert_cmpint (from_date->week, ==, HARLEY_RECURRENCE_LAST_WEEK);
  g_assert_cmpint (from_date->weekday, ==, G_DATE_FRIDAY);
}

static void
test_monthly_window_and_split (void)
{
  GDate start = dmy (1, 1, 2026);
  GDate from = dmy (11, 3, 2026);
  g_autoptr(HarleyRecurrence) r =
    harley_recurrence_new_monthly (&start, 2, G_DATE_TUESDAY);
  g_autoptr(HarleyRecurrence) before = NULL;
  g_autoptr(HarleyRecurrence) after = NULL;
  g_autoptr(GArray) window = NULL;
  g_autoptr(GArray) century = NULL;

  /* A window that starts after the month's date. */
  window = expand (r, dmy (15, 12, 2026), dmy (15, 1, 2027));
  assert_dates (window, "12/01/2027");

  century = expand (r, dmy (1, 1, 2026), dmy (31, 12, 2125));
  g_assert_cmpuint (century->len, ==, 1200);

  g_assert_true (harley_recurrence_split (r, &from, &before, &after));
  assert_date (&before->end, 10, 3, 2026);
  assert_date (&after->start, 14, 4, 2026);
  g_assert_cmpint (after->week, ==, 2);
}

static void
test_describe (void)
{
  GDate tue = dmy (6, 1, 2026);
  GDate end = dmy (29, 12, 2026);
  GDate mon = dmy (5, 1, 2026);
  GDate once_date = dmy (12, 3, 2026);
  g_autoptr(HarleyRecurrence) weekly = harley_recurrence_new_weekly (&tue, 1);
  g_autoptr(HarleyRecurrence) fortnightly = harley_recurrence_new_weekly (&mon, 2);
  g_autoptr(HarleyRecurrence) three = harley_recurrence_new_weekly (&mon, 3);
  g_autoptr(HarleyRecurrence) second =
    harley_recurrence_new_monthly (&tue, 2, G_DATE_TUESDAY);
  g_autoptr(HarleyRecurrence) last =
    harley_recurrence_new_monthly (&tue, HARLEY_RECURRENCE_LAST_WEEK,
                                   G_DATE_FRIDAY);
  g_autoptr(HarleyRecurrence) once = harley_recurrence_new_once (&once_date);
  struct
  {
    HarleyRecurrence *r;
    const char       *expected;
  } cases[] = {
    { weekly, "Every Tuesday from 06/01/2026 until 29/12/2026" },
    { fortnightly, "Every other Monday from 05/01/2026" },
    { three, "Every 3 weeks on Monday from 05/01/2026" },
    { second, "The second Tuesday of every month from 06/01/2026" },
    { last, "The last Friday of every month from 06/01/2026 until 29/12/2026" },
    { once, "Once, on 12/03/2026" },
  };

  harley_recurrence_set_end (weekly, &end);
  harley_recurrence_set_end (last, &end);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = harley_recurrence_describe (cases[i].r);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  harley_recurrence_set_end (weekly, NULL);
  {
    g_autofree char *open_ended = harley_recurrence_describe (weekly);

    g_assert_cmpstr (open_ended, ==, "Every Tuesday from 06/01/2026");
  }
}

static void
test_rule_round_trip (void)
{
  const char *rules[] = {
    "once", "weekly:1", "weekly:2", "weekly:52",
    "monthly:1:mon", "monthly:2:tue", "monthly:4:sun", "monthly:last:fri",
  };
  GDate start = dmy (6, 1, 2026);

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HarleyRecurrence) r = NULL;
      g_autofree char *again = NULL;

      g_assert_true (harley_recurrence_rule_from_string (rules[i], &start,
                                                         &r, &error));
      g_assert_no_error (error);
      g_assert_nonnull (r);
      g_assert_cmpint (g_date_compare (&r->start, &start), ==, 0);
      g_assert_false (g_date_valid (&r->end));
      again = harley_recurrence_rule_to_string (r);
      g_assert_cmpstr (again, ==, rules[i]);
    }

  {
    g_autoptr(HarleyRecurrence) r = NULL;

    g_assert_true (harley_recurrence_rule_from_string ("monthly:last:fri",
                                                       &start, &r, NULL));
    g_assert_cmpint (r->kind, ==, HARLEY_RECURRENCE_MONTHLY_NTH_WEEKDAY);
    g_assert_cmpint (r->week, ==, HARLEY_RECURRENCE_LAST_WEEK);
    g_assert_cmpint (r->weekday, ==, G_DATE_FRIDAY);
  }
}

static void
test_rule_errors (void)
{
  const char *bad[] = {
    "", "Once", "once:1", "weekly", "weekly:", "weekly:0", "weekly:53",
    "weekly:-1", "weekly:1x", "weekly:001", "weekly: 1", "monthly",
    "monthly:2", "monthly:5:tue", "monthly:0:tue", "monthly:2:Tue",
    "monthly:2:tuesday", "monthly:first:tue", "monthly:2:tue:x",
    "daily:1", "yearly",
  };
  GDate start = dmy (6, 1, 2026);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      HarleyRecurrence *r = NULL;

      if (harley_recurrence_rule_from_string (bad[i], &start, &r, &error))
        g_error ("“%s” was accepted", bad[i]);
      g_assert_null (r);
      g_assert_error (error, HARLEY_RECURRENCE_ERROR,
                      HARLEY_RECURRENCE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i]));
      g_assert_nonnull (strstr (error->message, "choose how it repeats"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diary-time/wall/parse", test_parse);
  g_test_add_func ("/diary-time/wall/parse-errors", test_parse_errors);
  g_test_add_func ("/diary-time/wall/format", test_format);
  g_test_add_func ("/diary-time/wall/ordinary-days", test_ordinary_days);
  g_test_add_func ("/diary-time/wall/spring-forward", test_spring_forward);
  g_test_add_func ("/diary-time/wall/fall-back", test_fall_back);
  g_test_add_func ("/diary-time/wall/from-utc", test_from_utc);
  g_test_add_func ("/diary-time/wall/round-trip", test_round_trip_change_days);

  g_test_add_func ("/diary-time/recurrence/weekly-across-change",
                   test_weekly_across_change);
  g_test_add_func ("/diary-time/recurrence/weekly-window", test_weekly_window);
  g_test_add_func ("/diary-time/recurrence/end-and-exceptions",
                   test_end_inclusive_and_exceptions);
  g_test_add_func ("/diary-time/recurrence/fortnightly-split",
                   test_fortnightly_split);
  g_test_add_func ("/diary-time/recurrence/split-edges", test_split_edges);
  g_test_add_func ("/diary-time/recurrence/second-tuesday",
                   test_monthly_second_tuesday);
  g_test_add_func ("/diary-time/recurrence/last-friday", test_monthly_last_friday);
  g_test_add_func ("/diary-time/recurrence/monthly-window-split",
                   test_monthly_window_and_split);
  g_test_add_func ("/diary-time/recurrence/describe", test_describe);
  g_test_add_func ("/diary-time/recurrence/rule-round-trip", test_rule_round_trip);
  g_test_add_func ("/diary-time/recurrence/rule-errors", test_rule_errors);

  return g_test_run ();
}
