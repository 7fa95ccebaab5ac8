/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-validate"

/* Dates as typed and as stored: reading "dd/mm/yyyy", checking a date
 * of birth, showing stored dates and moments, and ages. "Today" is
 * always today in Europe/London, whatever the machine's zone. */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harley-validate-private.h"

#define MIN_YEAR           1880
#define MAX_YEAR           2200
#define MAX_AGE            130
#define LONDON             "Europe/London"

static const char * const month_names[] = {
  N_("January"), N_("February"), N_("March"), N_("April"),
  N_("May"), N_("June"), N_("July"), N_("August"),
  N_("September"), N_("October"), N_("November"), N_("December"),
};

/* Helpers {{{1 */

static int
parse_digits (const char *text,
              int         n_digits)
{
  int value = 0;

  for (int i = 0; i < n_digits; i++)
    value = value * 10 + (text[i] - '0');

  return value;
}

/**
 * harley_london_time_zone:
 *
 * The practice's time zone, made once and kept for the life of the
 * process: GLib 2.74 reads and parses the tzdata file on every
 * g_time_zone_new_identifier (), which cost each date of birth check
 * some 145 µs.
 *
 * Returns: (transfer none): Europe/London, or local time without tzdata
 */
GTimeZone *
harley_london_time_zone (void)
{
  static gsize zone = 0;

  if (g_once_init_enter (&zone))
    {
      GTimeZone *tz = g_time_zone_new_identifier (LONDON);

      /* Only a system without tzdata lacks it; local time is the best
       * guess then, and better than refusing to work. */
      if (tz == NULL)
        tz = g_time_zone_new_local ();

      g_once_init_leave (&zone, (gsize) tz);
    }

  return (GTimeZone *) zone;
}

static void
get_london_today (GDate *out)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (harley_london_time_zone ());

  g_date_clear (out, 1);
  g_date_set_dmy (out,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/**
 * harley_format_gdate_iso:
 *
 * Returns: (transfer full): @date as stored, "YYYY-MM-DD"
 */
char *
harley_format_gdate_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

/* Whole years from @dob to @on. Comparing (month, day) pairs means a
 * 29 February birthday is reached on 1 March in other years. */
static int
age_between (const GDate *dob,
             const GDate *on)
{
  int age = g_date_get_year (on) - g_date_get_year (dob);
  int on_month = g_date_get_month (on);
  int dob_month = g_date_get_month (dob);

  if (on_month < dob_month ||
      (on_month == dob_month && g_date_get_day (on) < g_date_get_day (dob)))
    age--;

  return age;
}

/* Reading dates {{{1 */

typedef struct
{
  int value;
  int n_digits;
} DateField;

/* Splits "d/m/yyyy", "yyyy-mm-dd" and the like into three runs of at
 * most four digits with the same separator between them. */
static gboolean
split_date (const char *text,
            DateField   fields[3],
            char       *separator)
{
  const char *p = text;

  *separator = '\0';

  for (int i = 0; i < 3; i++)
    {
      fields[i].value = 0;
      fields[i].n_digits = 0;

      for (; g_ascii_isdigit (*p); p++)
        {
          if (++fields[i].n_digits > 4)
            return FALSE;
          fields[i].value = fields[i].value * 10 + (*p - '0');
        }

      if (fields[i].n_digits == 0)
        return FALSE;
      if (i == 2)
        break;
      if (*p == '\0' || strchr ("/.-", *p) == NULL)
        return FALSE;
      if (*separator != '\0' && *p != *separator)
        return FALSE;
      *separator = *p++;
    }

  return *p == '\0';
}

static gboolean
check_day_month_year (int      day,
                      int      month,
                      int      year,
                      GError **error)
{
  int days_in_month;

  if (month < 1 || month > 12)
    return _harley_validate_fail (error, HARLEY_VALIDATE_ERROR_INVALID,
                                  _("The month must be between 1 and 12. "
                                    "Type the day first, then the month, "
                                    "for example 07/03/1965."));

  if (year < MIN_YEAR || year > MAX_YEAR)
    {
      g_set_error (error, HARLEY_VALIDATE_ERROR, HARLEY_VALIDATE_ERROR_INVALID,
                   _("The year must be between %d and %d."),
                   MIN_YEAR, MAX_YEAR);
      return FALSE;
    }

  days_in_month = g_date_get_days_in_month (month, year);
  if (day < 1 || day > days_in_month)
    {
      g_set_error (error, HARLEY_VALIDATE_ERROR, HARLEY_VALIDATE_ERROR_INVALID,
                   /* Translators: for example "There is no 31/02/2025:
                    * February 2025 has 28 days." */
                   _("There is no %02d/%02d/%04d: %s %d has %d days."),
                   day, month, year, _(month_names[month - 1]), year,
                   days_in_month);
      return FALSE;
    }

  return TRUE;
}

static gboolean
fail_date_format (GError **error)
{
  return _harley_validate_fail (error, HARLEY_VALIDATE_ERROR_INVALID,
                                _("Type the date as dd/mm/yyyy, "
                                  "for example 07/03/1965."));
}

/**
 * harley_parse_date:
 * @input: (nullable): the date as typed
 * @out: (out caller-allocates) (optional): where to store the date
 * @error: return location for a #GError
 *
 * Reads a date the British way, day first: "07/03/1965", "7/3/1965",
 * "07.03.1965" or "07-03-1965". The ISO form "1965-03-07" is also
 * accepted, told apart by its four-digit first part. The year must be
 * typed in full and lie between 1880 and 2200, and the date must exist.
 *
 * Returns: %TRUE if @input is a date
 */
gboolean
harley_parse_date (const char  *input,
                   GDate       *out,
                   GError     **error)
{
  g_autofree char *trimmed = NULL;
  DateField fields[3];
  char separator;
  int day, month, year;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trimmed = _harley_validate_dup_trimmed (input);
  if (*trimmed == '\0')
    return _harley_validate_fail (error, HARLEY_VALIDATE_ERROR_REQUIRED,
                                  _("Enter the date."));

  if (!split_date (trimmed, fields, &separator))
    return fail_date_format (error);

  if (fields[0].n_digits == 4)
    {
      if (separator != '-' || fields[1].n_digits > 2 || fields[2].n_digits > 2)
        return fail_date_format (error);
      year = fields[0].value;
      month = fields[1].value;
      day = fields[2].value;
    }
  else
    {
      if (fields[0].n_digits > 2 || fields[1].n_digits > 2)
        return fail_date_format (error);
      if (fields[2].n_digits == 2)
        return _harley_validate_fail (error, HARLEY_VALIDATE_ERROR_INVALID,
                                      _("Type the year in full, "
                                        "for example 1965."));
      if (fields[2].n_digits != 4)
        return fail_date_format (error);
      day = fields[0].value;
      month = fields[1].value;
      year = fields[2].value;
    }

  if (!check_day_month_year (day, month, year, error))
    return FALSE;

  if (out != NULL)
    {
      g_date_clear (out, 1);
      g_date_set_dmy (out, day, month, year);
    }

  return TRUE;
}

/**
 * harley_validate_date_of_birth:
 * @input: (nullable): the date of birth as typed
 * @today: (nullable): the date to check against, or %NULL for today in
 *   Europe/London
 * @iso: (out) (optional) (transfer full): the date as "yyyy-mm-dd"
 * @error: return location for a #GError
 *
 * Reads a date of birth as harley_parse_date() does and then rejects
 * dates after @today (%HARLEY_VALIDATE_ERROR_FUTURE) and dates that
 * would make the patient older than 130.
 *
 * Returns: %TRUE if @input is a believable date of birth
 */
gboolean
harley_validate_date_of_birth (const char   *input,
                               const GDate  *today,
                               char        **iso,
                               GError      **error)
{
  g_autofree char *trimmed = NULL;
  GDate dob;
  GDate now;

  g_return_val_if_fail (today == NULL || g_date_valid (today), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trimmed = _harley_validate_dup_trimmed (input);
  if (*trimmed == '\0')
    return _harley_validate_fail (error, HARLEY_VALIDATE_ERROR_REQUIRED,
                                  _("Enter the date of birth."));

  if (!harley_parse_date (trimmed, &dob, error))
    return FALSE;

  if (today == NULL)
    {
      get_london_today (&now);
      today = &now;
    }

  if (g_date_compare (&dob, today) > 0)
    return _harley_validate_fail (error, HARLEY_VALIDATE_ERROR_FUTURE,
                                  _("A date of birth cannot be in the "
                                    "future."));

  if (age_between (&dob, today) > MAX_AGE)
    {
      g_set_error (error, HARLEY_VALIDATE_ERROR, HARLEY_VALIDATE_ERROR_INVALID,
                   _("This date of birth makes the patient older than %d. "
                     "Check the year."),
                   MAX_AGE);
      return FALSE;
    }

  if (iso != NULL)
    *iso = harley_format_gdate_iso (&dob);

  return TRUE;
}

/* Stored dates {{{1 */

/* Strictly "yyyy-mm-dd" naming a real date: the stored form, not what
 * people type. */
static gboolean
parse_iso (const char *iso,
           GDate      *out)
{
  int year, month, day;

  if (iso == NULL || strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    return FALSE;

  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (iso[i]))
      return FALSE;

  year = parse_digits (iso, 4);
  month = parse_digits (iso + 5, 2);
  day = parse_digits (iso + 8, 2);

  if (year < 1 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (out, 1);
  g_date_set_dmy (out, day, month, year);

  return TRUE;
}

/**
 * harley_format_date:
 * @iso: (nullable): a stored date, "yyyy-mm-dd"
 *
 * Shows a stored date the British way: "1965-03-07" becomes
 * "07/03/1965".
 *
 * Returns: (transfer full) (nullable): the date as "dd/mm/yyyy", or
 *   %NULL if @iso is %NULL or not a date
 */
char *
harley_format_date (const char *iso)
{
  GDate date;

  if (!parse_iso (iso, &date))
    return NULL;

  return harley_format_gdate (&date);
}

/**
 * harley_format_gdate:
 * @date: a valid date
 *
 * Returns: (transfer full): the date the British way, "07/03/1965"
 */
char *
harley_format_gdate (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%02u/%02u/%04u",
                          (guint) g_date_get_day (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_year (date));
}

/**
 * harley_format_date_time:
 * @dt: (nullable): a moment in any time zone
 *
 * Shows a moment as the practice's clocks read it, in Europe/London
 * whatever the zone of @dt: "07/03/2025 14:05".
 *
 * Returns: (transfer full) (nullable): the formatted time, or %NULL if
 *   @dt is %NULL
 */
char *
harley_format_date_time (GDateTime *dt)
{
  g_autoptr(GDateTime) local = NULL;

  if (dt == NULL)
    return NULL;

  local = g_date_time_to_timezone (dt, harley_london_time_zone ());
  if (local == NULL)
    return NULL;

  return g_date_time_format (local, "%d/%m/%Y %H:%M");
}

/**
 * harley_age_on:
 * @iso_dob: (nullable): a stored date of birth, "yyyy-mm-dd"
 * @on: (nullable): the day to give the age on, or %NULL for today in
 *   Europe/London
 *
 * Gives someone's age in whole years on a given day. Someone born on
 * 29 February has their birthday on 1 March in years that are not leap
 * years, as UK law counts it.
 *
 * Returns: the age, or -1 if @iso_dob is not a date or is after @on
 */
int
harley_age_on (const char  *iso_dob,
               const GDate *on)
{
  GDate dob;
  GDate today;

  if (!parse_iso (iso_dob, &dob))
    return -1;

  if (on == NULL)
    {
      get_london_today (&today);
      on = &today;
    }

  if (!g_date_valid (on) || g_date_compare (&dob, on) > 0)
    return -1;

  return age_between (&dob, on);
}
