/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-recurrence"

/* When clinic sessions happen: once, every n weeks, or on the nth
 * weekday of each month, between a start date and an optional end
 * date, skipping holidays. Only dates are handled here; the session's
 * time of day is a wall time (see harley-wall-time.c) put on each date,
 * which is what keeps a 09:00 clinic at 09:00 when the clocks change.
 *
 * Dates are worked on as GDate julian days, so stepping a week or
 * finding the next month is arithmetic, never a walk day by day. */

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "harley-recurrence.h"
#include "harley-validate.h"

#define MAX_INTERVAL_WEEKS  52

static const char * const weekday_names[] = {
  NULL, N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
  N_("Friday"), N_("Saturday"), N_("Sunday"),
};

/* As stored in the rule text: not translated. */
static const char * const weekday_keys[] = {
  NULL, "mon", "tue", "wed", "thu", "fri", "sat", "sun",
};

static const char * const ordinal_names[] = {
  NULL, N_("first"), N_("second"), N_("third"), N_("fourth"),
};

G_DEFINE_QUARK (harley-recurrence-error-quark, harley_recurrence_error)

/* Helpers {{{1 */

static HarleyRecurrence *
recurrence_new (HarleyRecurrenceKind  kind,
                const GDate          *start)
{
  HarleyRecurrence *r = g_new0 (HarleyRecurrence, 1);

  r->kind = kind;
  r->interval = 1;
  r->week = 1;
  r->weekday = g_date_get_weekday (start);
  r->start = *start;
  g_date_clear (&r->end, 1);
  r->exceptions = g_array_new (FALSE, FALSE, sizeof (guint32));

  return r;
}

static gboolean
has_end (const HarleyRecurrence *r)
{
  return g_date_valid (&r->end);
}

static int
compare_julian (gconstpointer a,
                gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

static gboolean
is_exception (const HarleyRecurrence *r,
              guint32                 julian)
{
  /* An empty GArray may have no data at all, which bsearch() must not
   * be given. */
  if (r->exceptions->len == 0)
    return FALSE;

  return bsearch (&julian, r->exceptions->data, r->exceptions->len,
                  sizeof (guint32), compare_julian) != NULL;
}

/* The julian day of the @week-th @weekday of a month (or the last one
 * for %HARLEY_RECURRENCE_LAST_WEEK), or 0 past the end of the calendar. */
static guint32
nth_weekday_of_month (guint         year,
                      GDateMonth    month,
                      int           week,
                      GDateWeekday  weekday)
{
  GDate date;
  int shift;

  if (year > G_MAXUINT16)
    return 0;

  g_date_clear (&date, 1);
  if (week == HARLEY_RECURRENCE_LAST_WEEK)
    {
      g_date_set_dmy (&date, g_date_get_days_in_month (month, year),
                      month, year);
      shift = ((int) g_date_get_weekday (&date) - (int) weekday + 7) % 7;
      return g_date_get_julian (&date) - shift;
    }

  g_date_set_dmy (&date, 1, month, year);
  shift = ((int) weekday - (int) g_date_get_weekday (&date) + 7) % 7;
  return g_date_get_julian (&date) + shift + 7 * (week - 1);
}

static guint32
next_monthly (const HarleyRecurrence *r,
              guint32                 from)
{
  GDate date;
  guint year;
  GDateMonth month;
  guint32 found;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, from);
  year = g_date_get_year (&date);
  month = g_date_get_month (&date);

  found = nth_weekday_of_month (year, month, r->week, r->weekday);
  if (found != 0 && found >= from)
    return found;

  if (month == G_DATE_DECEMBER)
    return nth_weekday_of_month (year + 1, G_DATE_JANUARY, r->week, r->weekday);

  return nth_weekday_of_month (year, month + 1, r->week, r->weekday);
}

/* Finds the first date of the pattern on or after @from, within the
 * start and end dates but whether or not it is an exception.
 * Returns: %TRUE and sets @out if there is one */
static gboolean
next_occurrence (const HarleyRecurrence *r,
                 guint32                 from,
                 guint32                *out)
{
  guint32 start = g_date_get_julian (&r->start);
  guint32 lo = MAX (from, start);
  guint32 found = 0;
  guint32 step;

  switch (r->kind)
    {
    case HARLEY_RECURRENCE_ONCE:
      found = start >= from ? start : 0;
      break;

    case HARLEY_RECURRENCE_WEEKLY:
      step = 7 * r->interval;
      found = start + (lo - start + step - 1) / step * step;
      break;

    case HARLEY_RECURRENCE_MONTHLY_NTH_WEEKDAY:
      found = next_monthly (r, lo);
      break;

    default:
      g_assert_not_reached ();
    }

  if (found == 0 || !g_date_valid_julian (found))
    return FALSE;
  if (has_end (r) && found > g_date_get_julian (&r->end))
    return FALSE;

  *out = found;
  return TRUE;
}

/* Keeps only the exceptions within [@lo, @hi]. */
static void
trim_exceptions (HarleyRecurrence *r,
                 guint32           lo,
                 guint32           hi)
{
  for (guint i = r->exceptions->len; i > 0; i--)
    {
      guint32 julian = g_array_index (r->exceptions, guint32, i - 1);

      if (julian < lo || julian > hi)
        g_array_remove_index (r->exceptions, i - 1);
    }
}

static char *
format_date (const GDate *date)
{
  return harley_format_gdate (date);
}

static gboolean
fail_rule (const char  *text,
           GError     **error)
{
  g_set_error (error, HARLEY_RECURRENCE_ERROR,
               HARLEY_RECURRENCE_ERROR_INVALID,
               /* Translators: %s is the stored rule, such as
                * "monthly:2:tue". */
               _("This clinic session’s repeat pattern (“%s”) cannot be "
                 "read. Open the session and choose how it repeats "
                 "again."),
               text);
  return FALSE;
}

/* Construction {{{1 */

/**
 * harley_recurrence_new_once:
 * @date: the date
 *
 * Makes a one-off session date.
 *
 * Returns: (transfer full): a new #HarleyRecurrence
 */
HarleyRecurrence *
harley_recurrence_new_once (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return recurrence_new (HARLEY_RECURRENCE_ONCE, date);
}

/**
 * harley_recurrence_new_weekly:
 * @start: the first date, which also fixes the weekday
 * @interval: weeks between dates, 1 (weekly) to 52; 2 is fortnightly
 *
 * Makes a pattern that repeats every @interval weeks on @start's
 * weekday. For fortnightly patterns @start also says which weeks.
 *
 * Returns: (transfer full): a new #HarleyRecurrence
 */
HarleyRecurrence *
harley_recurrence_new_weekly (const GDate *start,
                              guint        interval)
{
  HarleyRecurrence *r;

  g_return_val_if_fail (start != NULL && g_date_valid (start), NULL);
  g_return_val_if_fail (interval >= 1 && interval <= MAX_INTERVAL_WEEKS, NULL);

  r = recurrence_new (HARLEY_RECURRENCE_WEEKLY, start);
  r->interval = interval;

  return r;
}

/**
 * harley_recurrence_new_monthly:
 * @start: the first date the pattern may fall on
 * @week: 1 to 4, %HARLEY_RECURRENCE_LAST_WEEK, or 0 to take it from
 *   @start
 * @weekday: the weekday, or %G_DATE_BAD_WEEKDAY to take it from @start
 *
 * Makes a pattern on the @week-th @weekday of every month: "the second
 * Tuesday", "the last Friday". Taken from @start, the 1st to 7th of a
 * month is the first week, the 22nd to 28th the fourth, and the 29th
 * to 31st the last.
 *
 * Returns: (transfer full): a new #HarleyRecurrence
 */
HarleyRecurrence *
harley_recurrence_new_monthly (const GDate  *start,
                               int           week,
                               GDateWeekday  weekday)
{
  HarleyRecurrence *r;

  g_return_val_if_fail (start != NULL && g_date_valid (start), NULL);
  g_return_val_if_fail (week == HARLEY_RECURRENCE_LAST_WEEK ||
                        (week >= 0 && week <= 4), NULL);
  g_return_val_if_fail (weekday == G_DATE_BAD_WEEKDAY ||
                        g_date_valid_weekday (weekday), NULL);

  r = recurrence_new (HARLEY_RECURRENCE_MONTHLY_NTH_WEEKDAY, start);

  if (week == 0)
    {
      week = (g_date_get_day (start) - 1) / 7 + 1;
      if (week == 5)
        week = HARLEY_RECURRENCE_LAST_WEEK;
    }
  r->week = week;

  if (weekday != G_DATE_BAD_WEEKDAY)
    r->weekday = weekday;

  return r;
}

/**
 * harley_recurrence_copy:
 * @r: a #HarleyRecurrence
 *
 * Returns: (transfer full): a copy of @r, with its own exceptions
 */
HarleyRecurrence *
harley_recurrence_copy (const HarleyRecurrence *r)
{
  HarleyRecurrence *copy;

  g_return_val_if_fail (r != NULL, NULL);

  copy = g_memdup2 (r, sizeof *r);
  copy->exceptions = g_array_copy (r->exceptions);

  return copy;
}

/**
 * harley_recurrence_free:
 * @r: (nullable): a #HarleyRecurrence
 *
 * Frees @r and its exceptions.
 */
void
harley_recurrence_free (HarleyRecurrence *r)
{
  if (r == NULL)
    return;

  g_array_unref (r->exceptions);
  g_free (r);
}

/**
 * harley_recurrence_set_end:
 * @r: a #HarleyRecurrence
 * @end: (nullable): the last date that may have a session, or %NULL
 *   for no end
 *
 * Sets or clears the end date. It is inclusive: a session on @end
 * still happens.
 */
void
harley_recurrence_set_end (HarleyRecurrence *r,
                           const GDate      *end)
{
  g_return_if_fail (r != NULL);
  g_return_if_fail (end == NULL || g_date_valid (end));

  if (end == NULL)
    g_date_clear (&r->end, 1);
  else
    r->end = *end;
}

/**
 * harley_recurrence_add_exception:
 * @r: a #HarleyRecurrence
 * @date: a date to skip, such as a bank holiday
 *
 * Skips @date. Adding a date twice, or one the pattern never falls
 * on, does no harm.
 */
void
harley_recurrence_add_exception (HarleyRecurrence *r,
                                 const GDate      *date)
{
  guint32 julian;
  guint i;

  g_return_if_fail (r != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));

  julian = g_date_get_julian (date);
  for (i = 0; i < r->exceptions->len; i++)
    {
      guint32 here = g_array_index (r->exceptions, guint32, i);

      if (here == julian)
        return;
      if (here > julian)
        break;
    }

  g_array_insert_val (r->exceptions, i, julian);
}

/* Dates {{{1 */

/**
 * harley_recurrence_expand:
 * @r: a #HarleyRecurrence
 * @from: the first date to list
 * @to: the last date to list, inclusive
 *
 * Lists the dates of @r between @from and @to, both included, in
 * order, leaving out the exceptions. The work is one step per date
 * listed, however long the span.
 *
 * Returns: (transfer full) (element-type GDate): the dates, as #GDate
 *   values; empty if there are none
 */
GArray *
harley_recurrence_expand (const HarleyRecurrence *r,
                          const GDate            *from,
                          const GDate            *to)
{
  GArray *dates;
  guint32 hi;
  guint32 julian;

  g_return_val_if_fail (r != NULL, NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);

  dates = g_array_new (FALSE, FALSE, sizeof (GDate));
  hi = g_date_get_julian (to);

  for (gboolean more = next_occurrence (r, g_date_get_julian (from), &julian);
       more && julian <= hi;
       more = next_occurrence (r, julian + 1, &julian))
    {
      GDate date;

      if (is_exception (r, julian))
        continue;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, julian);
      g_array_append_val (dates, date);
    }

  return dates;
}

/**
 * harley_recurrence_split:
 * @r: a #HarleyRecurrence
 * @from_date: the first date to change, for "this and later sessions"
 * @before: (out) (transfer full) (nullable): @r ending the day before
 *   @from_date, or %NULL if none of its dates are before @from_date
 * @after: (out) (transfer full) (nullable): @r starting at its first
 *   date on or after @from_date, or %NULL if there is none
 *
 * Cuts a pattern in two so that later sessions can be changed and
 * earlier ones kept. Both halves keep the pattern, so a fortnightly
 * session keeps its weeks, and each keeps the exceptions in its own
 * span. An exception still counts as a date of the pattern here: the
 * after half may start on a skipped date.
 *
 * Returns: %TRUE if @after was made, that is if there is anything to
 *   change from @from_date on
 */
gboolean
harley_recurrence_split (const HarleyRecurrence  *r,
                         const GDate             *from_date,
                         HarleyRecurrence       **before,
                         HarleyRecurrence       **after)
{
  guint32 from;
  guint32 start;
  guint32 found;

  g_return_val_if_fail (r != NULL, FALSE);
  g_return_val_if_fail (from_date != NULL && g_date_valid (from_date), FALSE);
  g_return_val_if_fail (before != NULL && after != NULL, FALSE);

  from = g_date_get_julian (from_date);
  start = g_date_get_julian (&r->start);
  *before = NULL;
  *after = NULL;

  if (from > start && next_occurrence (r, start, &found) && found < from)
    {
      *before = harley_recurrence_copy (r);
      if (!has_end (r) || g_date_get_julian (&r->end) >= from)
        g_date_set_julian (&(*before)->end, from - 1);
      trim_exceptions (*before, 0, from - 1);
    }

  if (next_occurrence (r, from, &found))
    {
      *after = harley_recurrence_copy (r);
      g_date_set_julian (&(*after)->start, found);
      trim_exceptions (*after, found, G_MAXUINT32);
    }

  return *after != NULL;
}

/* Words {{{1 */

static char *
describe_pattern (const HarleyRecurrence *r)
{
  const char *weekday = _(weekday_names[r->weekday]);

  switch (r->kind)
    {
    case HARLEY_RECURRENCE_ONCE:
      g_assert_not_reached ();

    case HARLEY_RECURRENCE_WEEKLY:
      if (r->interval == 1)
        /* Translators: %s is a weekday, "Every Tuesday". */
        return g_strdup_printf (_("Every %s"), weekday);
      if (r->interval == 2)
        /* Translators: %s is a weekday, "Every other Monday". */
        return g_strdup_printf (_("Every other %s"), weekday);
      /* Translators: "Every 3 weeks on Monday". */
      return g_strdup_printf (_("Every %u weeks on %s"), r->interval, weekday);

    case HARLEY_RECURRENCE_MONTHLY_NTH_WEEKDAY:
      if (r->week == HARLEY_RECURRENCE_LAST_WEEK)
        /* Translators: %s is a weekday, "The last Friday of every
         * month". */
        return g_strdup_printf (_("The last %s of every month"), weekday);
      /* Translators: "The second Tuesday of every month"; the first %s
       * is "first" to "fourth", the second a weekday. */
      return g_strdup_printf (_("The %s %s of every month"),
                              _(ordinal_names[r->week]), weekday);

    default:
      g_assert_not_reached ();
    }

  return NULL;
}

/**
 * harley_recurrence_describe:
 * @r: a #HarleyRecurrence
 *
 * Says when the sessions are, in words: "Every Tuesday from 06/01/2026
 * until 29/12/2026", "The last Friday of every month from 30/01/2026",
 * "Once, on 12/03/2026". Exceptions are not mentioned.
 *
 * Returns: (transfer full): the description
 */
char *
harley_recurrence_describe (const HarleyRecurrence *r)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *pattern = NULL;

  g_return_val_if_fail (r != NULL, NULL);

  start = format_date (&r->start);
  if (r->kind == HARLEY_RECURRENCE_ONCE)
    /* Translators: %s is a date, "Once, on 12/03/2026". */
    return g_strdup_printf (_("Once, on %s"), start);

  pattern = describe_pattern (r);
  if (!has_end (r))
    /* Translators: "Every Tuesday from 06/01/2026". */
    return g_strdup_printf (_("%s from %s"), pattern, start);

  end = format_date (&r->end);
  /* Translators: "Every Tuesday from 06/01/2026 until 29/12/2026". */
  return g_strdup_printf (_("%s from %s until %s"), pattern, start, end);
}

/* Stored rules {{{1 */

/**
 * harley_recurrence_rule_to_string:
 * @r: a #HarleyRecurrence
 *
 * Gives the pattern of @r as stored in the database: "once",
 * "weekly:1", "weekly:2", "monthly:2:tue", "monthly:last:fri". The
 * start and end dates and the exceptions are stored apart.
 *
 * Returns: (transfer full): the rule
 */
char *
harley_recurrence_rule_to_string (const HarleyRecurrence *r)
{
  g_return_val_if_fail (r != NULL, NULL);

  switch (r->kind)
    {
    case HARLEY_RECURRENCE_ONCE:
      return g_strdup ("once");

    case HARLEY_RECURRENCE_WEEKLY:
      return g_strdup_printf ("weekly:%u", r->interval);

    case HARLEY_RECURRENCE_MONTHLY_NTH_WEEKDAY:
      if (r->week == HARLEY_RECURRENCE_LAST_WEEK)
        return g_strdup_printf ("monthly:last:%s", weekday_keys[r->weekday]);
      return g_strdup_printf ("monthly:%d:%s", r->week,
                              weekday_keys[r->weekday]);

    default:
      g_assert_not_reached ();
    }

  return NULL;
}

/* Reads 1 to 2 digits with no sign or spaces. */
static gboolean
parse_small_number (const char *text,
                    guint       max,
                    guint      *out)
{
  size_t len = strlen (text);

  if (len < 1 || len > 2 || !g_ascii_isdigit (text[0]) ||
      (len == 2 && !g_ascii_isdigit (text[1])))
    return FALSE;

  *out = (guint) atoi (text);
  return *out >= 1 && *out <= max;
}

static GDateWeekday
parse_weekday_key (const char *text)
{
  for (int i = G_DATE_MONDAY; i <= G_DATE_SUNDAY; i++)
    if (strcmp (text, weekday_keys[i]) == 0)
      return (GDateWeekday) i;

  return G_DATE_BAD_WEEKDAY;
}

/**
 * harley_recurrence_rule_from_string:
 * @text: a rule as made by harley_recurrence_rule_to_string()
 * @start: the pattern's start date, stored apart
 * @out: (out) (transfer full): the pattern, with no end or exceptions
 * @error: return location for a #GError
 *
 * Reads back a stored rule. Anything else fails with
 * %HARLEY_RECURRENCE_ERROR_INVALID and leaves @out alone.
 *
 * Returns: %TRUE if @text is a rule
 */
gboolean
harley_recurrence_rule_from_string (const char        *text,
                                    const GDate       *start,
                                    HarleyRecurrence **out,
                                    GError           **error)
{
  g_auto(GStrv) parts = NULL;
  guint n_parts;
  guint number = 0;
  int week;
  GDateWeekday weekday;

  g_return_val_if_fail (start != NULL && g_date_valid (start), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    return fail_rule ("", error);

  parts = g_strsplit (text, ":", -1);
  n_parts = g_strv_length (parts);

  if (n_parts == 1 && strcmp (parts[0], "once") == 0)
    {
      *out = harley_recurrence_new_once (start);
      return TRUE;
    }

  if (n_parts == 2 && strcmp (parts[0], "weekly") == 0 &&
      parse_small_number (parts[1], MAX_INTERVAL_WEEKS, &number))
    {
      *out = harley_recurrence_new_weekly (start, number);
      return TRUE;
    }

  if (n_parts != 3 || strcmp (parts[0], "monthly") != 0)
    return fail_rule (text, error);

  if (strcmp (parts[1], "last") == 0)
    week = HARLEY_RECURRENCE_LAST_WEEK;
  else if (parse_small_number (parts[1], 4, &number))
    week = (int) number;
  else
    return fail_rule (text, error);

  weekday = parse_weekday_key (parts[2]);
  if (weekday == G_DATE_BAD_WEEKDAY)
    return fail_rule (text, error);

  *out = harley_recurrence_new_monthly (start, week, weekday);
  return TRUE;
}
