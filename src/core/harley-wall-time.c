/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-wall-time"

/* Appointments are kept as the practice's clocks read them, a local
 * date and a time of day in Europe/London, never as an instant: a
 * 09:00 appointment booked in February is still at 09:00 after the
 * clocks go forward. This file turns those wall times into instants
 * and back, and finds the two awkward hours of the year: the one that
 * never happens in March and the one that happens twice in October.
 *
 * The zone is always Europe/London, whatever TZ says, so a machine set
 * to another zone still books the practice's hours. */

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harley-validate.h"
#include "harley-wall-time.h"

#define MINUTES_PER_DAY  (24 * 60)
#define SECONDS_PER_DAY  (24 * 60 * 60)

/* g_date_get_julian() of 01/01/1970: day 1 is 01/01/0001. */
#define UNIX_EPOCH_JULIAN  719163

G_DEFINE_QUARK (harley-wall-time-error-quark, harley_wall_time_error)

/* Helpers {{{1 */

/* The offset from UTC, in seconds, in force at the instant @utc. */
static gint32
offset_at (gint64 utc)
{
  GTimeZone *tz = harley_london_time_zone ();
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, utc);

  return g_time_zone_get_offset (tz, interval);
}

/* The wall time as seconds since 1970 on a clock that never changes:
 * what the instant would be if London kept UTC all year. */
static gint64
wall_seconds (const GDate *date,
              int          minutes)
{
  gint64 days = (gint64) g_date_get_julian (date) - UNIX_EPOCH_JULIAN;

  return days * SECONDS_PER_DAY + (gint64) minutes * 60;
}

static gboolean
valid_minutes (int minutes)
{
  return minutes >= 0 && minutes < MINUTES_PER_DAY;
}

/* Finds the instants at which London's clocks read @wall, earliest
 * first: none in the spring gap, two in the autumn overlap, one
 * otherwise. The offsets worth trying are those in force a day either
 * side; London changes at most once in that span. */
static guint
find_instants (gint64 wall,
               gint64 instants[2])
{
  gint32 offsets[3] = { offset_at (wall - SECONDS_PER_DAY),
                        offset_at (wall + SECONDS_PER_DAY),
                        offset_at (wall) };
  guint n = 0;

  /* The larger offset gives the earlier instant. */
  if (offsets[0] < offsets[1])
    {
      gint32 tmp = offsets[0];
      offsets[0] = offsets[1];
      offsets[1] = tmp;
    }

  for (guint i = 0; i < G_N_ELEMENTS (offsets) && n < 2; i++)
    {
      gint64 utc = wall - offsets[i];

      if (offset_at (utc) != offsets[i])
        continue;
      if (n > 0 && instants[n - 1] == utc)
        continue;
      instants[n++] = utc;
    }

  if (n == 2 && instants[0] > instants[1])
    {
      gint64 tmp = instants[0];
      instants[0] = instants[1];
      instants[1] = tmp;
    }

  return n;
}

static char *
format_clock (gint64 wall)
{
  gint64 seconds = wall % SECONDS_PER_DAY;

  if (seconds < 0)
    seconds += SECONDS_PER_DAY;

  return g_strdup_printf ("%02d:%02d",
                          (int) (seconds / 3600),
                          (int) (seconds / 60 % 60));
}

/* Explains a wall time that falls in the spring gap, naming the hour
 * the clocks jump from and to. The change happens at some instant
 * between the two readings of @wall; halving finds it to the second. */
static void
set_nonexistent_error (const GDate  *date,
                       int           minutes,
                       gint64        wall,
                       GError      **error)
{
  gint32 before = offset_at (wall - SECONDS_PER_DAY);
  gint32 after = offset_at (wall + SECONDS_PER_DAY);
  gint64 lo = wall - after;
  gint64 hi = wall - before;
  g_autofree char *asked = NULL;
  g_autofree char *day = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  while (hi - lo > 1)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (offset_at (mid) == before)
        lo = mid;
      else
        hi = mid;
    }

  asked = format_clock ((gint64) minutes * 60);
  day = harley_format_gdate (date);
  from = format_clock (hi + before);
  to = format_clock (hi + after);

  if (after - before == 3600)
    g_set_error (error, HARLEY_WALL_TIME_ERROR,
                 HARLEY_WALL_TIME_ERROR_NONEXISTENT,
                 /* Translators: for example "01:30 on 29/03/2026 does not
                  * exist: the clocks go forward an hour at 01:00. Choose
                  * 02:00 or later." */
                 _("%s on %s does not exist: the clocks go forward an hour "
                   "at %s. Choose %s or later."),
                 asked, day, from, to);
  else
    g_set_error (error, HARLEY_WALL_TIME_ERROR,
                 HARLEY_WALL_TIME_ERROR_NONEXISTENT,
                 _("%s on %s does not exist: the clocks go forward at %s. "
                   "Choose %s or later."),
                 asked, day, from, to);
}

/* Reading {{{1 */

static gboolean
fail_format (GError **error)
{
  g_set_error_literal (error, HARLEY_WALL_TIME_ERROR,
                       HARLEY_WALL_TIME_ERROR_INVALID,
                       _("Type the date and time as dd/mm/yyyy hh:mm, "
                         "for example 29/03/2026 09:00."));
  return FALSE;
}

/* Reads "9:05" or "09:05" on the 24-hour clock. */
static gboolean
parse_clock (const char  *text,
             int         *minutes,
             GError     **error)
{
  const char *colon = strchr (text, ':');
  size_t hour_digits = colon != NULL ? (size_t) (colon - text) : 0;
  int hour, minute;

  if (colon == NULL || hour_digits < 1 || hour_digits > 2 ||
      strlen (colon + 1) != 2)
    return fail_format (error);

  for (const char *p = text; *p != '\0'; p++)
    if (p != colon && !g_ascii_isdigit (*p))
      return fail_format (error);

  hour = atoi (text);
  minute = atoi (colon + 1);

  if (hour > 23)
    {
      g_set_error (error, HARLEY_WALL_TIME_ERROR,
                   HARLEY_WALL_TIME_ERROR_INVALID,
                   _("There is no hour %d. Use the 24-hour clock, from "
                     "00:00 to 23:59."),
                   hour);
      return FALSE;
    }

  if (minute > 59)
    {
      g_set_error (error, HARLEY_WALL_TIME_ERROR,
                   HARLEY_WALL_TIME_ERROR_INVALID,
                   _("There is no minute %d: minutes go from 00 to 59."),
                   minute);
      return FALSE;
    }

  *minutes = hour * 60 + minute;
  return TRUE;
}

/**
 * harley_wall_time_parse:
 * @text: (nullable): a date and time as typed or stored
 * @date: (out caller-allocates) (optional): where to store the date
 * @minutes: (out) (optional): where to store the minutes since midnight
 * @error: return location for a #GError
 *
 * Reads a wall time in London: "29/03/2026 09:00" as typed, or
 * "2026-03-29 09:00" as stored. The date is read as harley_parse_date()
 * reads it; the time is on the 24-hour clock, to the minute. Whether
 * the time happens on that day is not checked here: see
 * harley_wall_time_to_utc().
 *
 * On failure @date and @minutes are left as they were and @error, in
 * %HARLEY_WALL_TIME_ERROR, says what to fix.
 *
 * Returns: %TRUE if @text is a date and a time of day
 */
gboolean
harley_wall_time_parse (const char  *text,
                        GDate       *date,
                        int         *minutes,
                        GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GError) date_error = NULL;
  char *space;
  GDate parsed;
  int parsed_minutes;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  space = strchr (trimmed, ' ');
  if (space == NULL)
    return fail_format (error);

  *space = '\0';
  if (!harley_parse_date (trimmed, &parsed, &date_error))
    {
      g_set_error_literal (error, HARLEY_WALL_TIME_ERROR,
                           HARLEY_WALL_TIME_ERROR_INVALID,
                           date_error->message);
      return FALSE;
    }

  if (!parse_clock (g_strchug (space + 1), &parsed_minutes, error))
    return FALSE;

  if (date != NULL)
    *date = parsed;
  if (minutes != NULL)
    *minutes = parsed_minutes;

  return TRUE;
}

/* Instants {{{1 */

/**
 * harley_wall_time_to_utc:
 * @date: a day
 * @minutes: minutes since midnight on the clock, 0 to 1439
 * @error: return location for a #GError
 *
 * Finds the instant at which London's clocks read @minutes on @date.
 *
 * On the day the clocks go forward, the hour they skip does not exist
 * and this fails with %HARLEY_WALL_TIME_ERROR_NONEXISTENT and a message
 * naming the first time that does. On the day they go back, the hour
 * they repeat happens twice: this gives the first time, in British
 * Summer Time, and harley_wall_time_is_ambiguous() says so.
 *
 * Returns: (transfer full) (nullable): the instant, in UTC, or %NULL
 *   with @error set
 */
GDateTime *
harley_wall_time_to_utc (const GDate  *date,
                         int           minutes,
                         GError      **error)
{
  gint64 instants[2];
  gint64 wall;
  GDateTime *utc;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (valid_minutes (minutes), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  wall = wall_seconds (date, minutes);
  if (find_instants (wall, instants) == 0)
    {
      set_nonexistent_error (date, minutes, wall, error);
      return NULL;
    }

  utc = g_date_time_new_from_unix_utc (instants[0]);
  if (utc == NULL)
    g_set_error_literal (error, HARLEY_WALL_TIME_ERROR,
                         HARLEY_WALL_TIME_ERROR_INVALID,
                         _("That date is too far from today to book."));

  return utc;
}

/**
 * harley_wall_time_is_ambiguous:
 * @date: a day
 * @minutes: minutes since midnight on the clock, 0 to 1439
 *
 * Tells whether London's clocks read @minutes twice on @date, as they
 * do between 01:00 and 01:59 on the day the clocks go back. The diary
 * then shows "(BST)", as harley_wall_time_to_utc() picks the first.
 *
 * Returns: %TRUE if the time happens twice that day
 */
gboolean
harley_wall_time_is_ambiguous (const GDate *date,
                               int          minutes)
{
  gint64 instants[2];

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (valid_minutes (minutes), FALSE);

  return find_instants (wall_seconds (date, minutes), instants) == 2;
}

/**
 * harley_wall_time_from_utc:
 * @utc: an instant, in any zone
 * @date: (out caller-allocates): where to store the day in London
 * @minutes: (out): where to store the minutes since midnight
 *
 * Reads London's clocks at @utc, to the minute (seconds are dropped),
 * for "now" and for instants read back from elsewhere.
 *
 * Returns: %TRUE on success, %FALSE if @utc cannot be shown in London
 */
gboolean
harley_wall_time_from_utc (GDateTime *utc,
                           GDate     *date,
                           int       *minutes)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (utc != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);
  g_return_val_if_fail (minutes != NULL, FALSE);

  local = g_date_time_to_timezone (utc, harley_london_time_zone ());
  if (local == NULL)
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date,
                  g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local),
                  g_date_time_get_year (local));
  *minutes = g_date_time_get_hour (local) * 60 +
             g_date_time_get_minute (local);

  return TRUE;
}

/* Showing {{{1 */

/**
 * harley_wall_time_format:
 * @date: a day
 * @minutes: minutes since midnight, 0 to 1439
 *
 * Shows a wall time the British way: "29/03/2026 09:00".
 *
 * Returns: (transfer full): the date and time
 */
char *
harley_wall_time_format (const GDate *date,
                         int          minutes)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (valid_minutes (minutes), NULL);

  return g_strdup_printf ("%02u/%02u/%04u %02d:%02d",
                          (guint) g_date_get_day (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_year (date),
                          minutes / 60, minutes % 60);
}

/**
 * harley_wall_time_to_iso:
 * @date: a day
 * @minutes: minutes since midnight, 0 to 1439
 *
 * Gives a wall time in the stored form, "2026-03-29 09:00", which
 * sorts as text in time order and reads back with
 * harley_wall_time_parse().
 *
 * Returns: (transfer full): the date and time
 */
char *
harley_wall_time_to_iso (const GDate *date,
                         int          minutes)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (valid_minutes (minutes), NULL);

  return g_strdup_printf ("%04u-%02u-%02u %02d:%02d",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date),
                          minutes / 60, minutes % 60);
}

/**
 * harley_wall_time_parse_clock:
 * @text: a time of day as typed: "09:30", "9:30" or "9.30"
 * @minutes: (out): minutes after midnight
 *
 * Returns: %TRUE if @text is a time of day
 */
gboolean
harley_wall_time_parse_clock (const char *text,
                              int        *minutes)
{
  guint h, m;
  char tail;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (sscanf (text, "%2u:%2u %c", &h, &m, &tail) != 2 && sscanf (text, "%2u.%2u %c", &h, &m, &tail) != 2)
    return FALSE;
  if (h > 23 || m > 59)
    return FALSE;
  *minutes = (int) (h * 60 + m);
  return TRUE;
}
