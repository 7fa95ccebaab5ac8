/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-sample"

/* When a result is due, and when it is overdue.
 *
 * Laboratories quote their turnaround in working days, which leave out
 * weekends and the bank holidays of England and Wales. Those are
 * computed for any year by the rules in force since 1978 (the Banking
 * and Financial Dealings Act 1971 and the proclamations since): New
 * Year's Day, Good Friday, Easter Monday, the early May holiday (the
 * first Monday of May), the spring holiday (the last Monday of May),
 * the summer holiday (the last Monday of August), Christmas Day and
 * Boxing Day, with a weekday in lieu when one falls at a weekend; and
 * the years a holiday was moved or one added, listed below, as gov.uk
 * lists them. A holiday proclaimed for a future year needs a line here.
 *
 * The day after n working days is counted as a spreadsheet's WORKDAY()
 * counts: from the day sent, the nth working day after it. */

#include <glib/gi18n-lib.h>

#include "harley-diary-private.h"
#include "harley-sample-private.h"

#define DEFAULT_TURNAROUND_DAYS 7   /* working days, for a laboratory that has none */

typedef struct
{
  guint16 year;
  guint8  month;
  guint8  day;
} Day;

/* Holidays of one year only */
static const Day extra_holidays[] = {
  { 1981, 7, 29 },    /* the wedding of the Prince of Wales */
  { 1999, 12, 31 },   /* the millennium */
  { 2002, 6, 3 },     /* the Golden Jubilee */
  { 2011, 4, 29 },    /* the wedding of Prince William */
  { 2012, 6, 5 },     /* the Diamond Jubilee */
  { 2022, 6, 3 },     /* the Platinum Jubilee */
  { 2022, 9, 19 },    /* the state funeral of Queen Elizabeth II */
  { 2023, 5, 8 },     /* the coronation of King Charles III */
};

/* The early May holiday, moved for the anniversaries of VE Day */
static const Day early_may_moved[] = {
  { 1995, 5, 8 },
  { 2020, 5, 8 },
};

/* The spring holiday, moved for the jubilees */
static const Day spring_moved[] = {
  { 2002, 6, 4 },
  { 2012, 6, 4 },
  { 2022, 6, 2 },
};

static gboolean
is_day (const GDate *date,
        const Day   *day)
{
  return g_date_get_year (date) == day->year && g_date_get_month (date) == day->month
         && g_date_get_day (date) == day->day;
}

static gboolean
in_list (const GDate *date,
         const Day   *days,
         gsize        n)
{
  for (gsize i = 0; i < n; i++)
    if (is_day (date, &days[i]))
      return TRUE;
  return FALSE;
}

/* The year's entry in @days, if it has one */
static const Day *
moved_in (GDateYear  year,
          const Day *days,
          gsize      n)
{
  for (gsize i = 0; i < n; i++)
    if (days[i].year == year)
      return &days[i];
  return NULL;
}

/* Easter Sunday in the Gregorian calendar (the anonymous algorithm in
 * Meeus, Astronomical Algorithms), as a day of the year. */
static guint
easter_day_of_year (GDateYear year)
{
  int y = year;
  int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = (h + l - 7 * m + 114) % 31 + 1;
  GDate easter;

  g_date_clear (&easter, 1);
  g_date_set_dmy (&easter, (GDateDay) day, (GDateMonth) month, year);
  return g_date_get_day_of_year (&easter);
}

static GDateDay
first_monday (GDateYear  year,
              GDateMonth month)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, month, year);
  return 1 + (G_DATE_MONDAY - g_date_get_weekday (&date) + 7) % 7;
}

static GDateDay
last_monday (GDateYear  year,
             GDateMonth month)
{
  GDateDay last = g_date_get_days_in_month (month, year);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, last, month, year);
  return last - (g_date_get_weekday (&date) - G_DATE_MONDAY + 7) % 7;
}

/* The fixed-date holidays with their days in lieu: New Year's Day on a
 * Saturday or Sunday gives the Monday after; Christmas and Boxing Day
 * at a weekend give the Monday and Tuesday, or the Monday alone. */
static gboolean
is_fixed_holiday (const GDate *date)
{
  GDateDay day = g_date_get_day (date);
  GDateWeekday weekday = g_date_get_weekday (date);

  if (weekday >= G_DATE_SATURDAY)
    return FALSE;
  if (g_date_get_month (date) == G_DATE_JANUARY)
    return g_date_get_year (date) >= 1974
           && (day == 1 || (weekday == G_DATE_MONDAY && (day == 2 || day == 3)));
  /* 25 and 26 on weekdays; 27 and 28 stand in for whichever of them fell
   * at the weekend, and are then a Monday or a Tuesday. */
  return g_date_get_month (date) == G_DATE_DECEMBER
         && (day == 25 || day == 26
             || ((day == 27 || day == 28) && (weekday == G_DATE_MONDAY || weekday == G_DATE_TUESDAY)));
}

static gboolean
is_monday_holiday (const GDate *date)
{
  GDateYear year = g_date_get_year (date);
  GDateMonth month = g_date_get_month (date);
  GDateDay day = g_date_get_day (date);
  const Day *moved;

  if (month == G_DATE_MAY && year >= 1978)
    {
      moved = moved_in (year, early_may_moved, G_N_ELEMENTS (early_may_moved));
      if (moved != NULL ? is_day (date, moved) : day == first_monday (year, month))
        return TRUE;
    }
  moved = moved_in (year, spring_moved, G_N_ELEMENTS (spring_moved));
  if (moved != NULL ? is_day (date, moved) : (month == G_DATE_MAY && day == last_monday (year, month)))
    return TRUE;
  return month == G_DATE_AUGUST && day == last_monday (year, month);
}

/**
 * harley_date_is_bank_holiday:
 * @date: a valid date
 *
 * Returns: %TRUE when @date is a bank holiday in England and Wales, as
 *   gov.uk lists them: a holiday that falls at a weekend is not, its day
 *   in lieu is
 */
gboolean
harley_date_is_bank_holiday (const GDate *date)
{
  guint easter;
  guint day_of_year;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  if (in_list (date, extra_holidays, G_N_ELEMENTS (extra_holidays)))
    return TRUE;
  if (is_fixed_holiday (date) || is_monday_holiday (date))
    return TRUE;
  easter = easter_day_of_year (g_date_get_year (date));
  day_of_year = g_date_get_day_of_year (date);
  return day_of_year == easter - 2 || day_of_year == easter + 1;
}

static gboolean
is_working_day (const GDate *date)
{
  return g_date_get_weekday (date) < G_DATE_SATURDAY && !harley_date_is_bank_holiday (date);
}

/**
 * harley_date_add_working_days:
 * @date: a valid date, moved on
 * @days: how many
 *
 * Moves @date on to the @days th working day after it (weekends and bank
 * holidays left out). 0 leaves it as it is.
 */
void
harley_date_add_working_days (GDate *date,
                              guint  days)
{
  g_return_if_fail (date != NULL && g_date_valid (date));

  while (days > 0)
    {
      g_date_add_days (date, 1);
      if (is_working_day (date))
        days--;
    }
}

/**
 * harley_sample_expected_by:
 * @lab_id: the laboratory, or 0 when none is chosen yet
 * @sent_on: the day the sample went
 * @expected_by: (out caller-allocates): when its result is due
 *
 * The laboratory's usual turnaround from @sent_on, in working days or
 * calendar days as its entry in the address book says; 7 working days
 * for a laboratory that has none.
 */
void
harley_sample_expected_by (HarleyStore *store,
                           gint64       lab_id,
                           const GDate *sent_on,
                           GDate       *expected_by)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT turnaround_days, turnaround_working FROM contact "
                                                    "WHERE id = ? AND turnaround_days IS NOT NULL", NULL);
  guint days = DEFAULT_TURNAROUND_DAYS;
  gboolean working = TRUE;

  g_return_if_fail (sent_on != NULL && g_date_valid (sent_on));
  g_return_if_fail (expected_by != NULL);

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, lab_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          days = (guint) sqlite3_column_int (stmt, 0);
          working = sqlite3_column_int (stmt, 1) != 0;
        }
      sqlite3_reset (stmt);
    }
  *expected_by = *sent_on;
  if (working)
    harley_date_add_working_days (expected_by, days);
  else
    g_date_add_days (expected_by, days);
}

/**
 * harley_sample_is_overdue:
 * @today: the day it is
 *
 * Returns: %TRUE when @sample was sent and its result, not yet come, was
 *   due before @today
 */
gboolean
harley_sample_is_overdue (const HarleySample *sample,
                          const GDate        *today)
{
  GDate due;

  g_return_val_if_fail (sample != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  return sample->state == HARLEY_SAMPLE_SENT && _harley_diary_date_parse (sample->expected_by, &due)
         && g_date_compare (&due, today) < 0;
}
