/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-validate"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harley-validate.h"

/*
 * Checks and normal forms for what the secretary types: NHS numbers,
 * dates, postcodes, phone numbers and email addresses, plus the folded
 * keys that search compares. Everything here is pure: no GTK, no
 * database, no global state but one cached time zone, so the tests can
 * pin each rule down.
 *
 * Output parameters are only written on success; on failure they are
 * left as they were.
 */

#define NHS_NUMBER_LENGTH  10
#define MIN_YEAR           1880
#define MAX_YEAR           2200
#define MAX_AGE            130
#define MIN_INTL_DIGITS    8
#define MAX_INTL_DIGITS    15
#define LONDON             "Europe/London"

static const char * const month_names[] = {
  N_("January"), N_("February"), N_("March"), N_("April"),
  N_("May"), N_("June"), N_("July"), N_("August"),
  N_("September"), N_("October"), N_("November"), N_("December"),
};

/* Letters that do not decompose under NFD, so stripping accents alone
 * would leave them unmatchable from an English keyboard. Keys are
 * already case-folded. */
static const struct
{
  gunichar    letter;
  const char *ascii;
} search_letters[] = {
  { 0x0142, "l" },  /* ł */
  { 0x00F8, "o" },  /* ø */
  { 0x0111, "d" },  /* đ */
  { 0x00F0, "d" },  /* ð */
  { 0x0127, "h" },  /* ħ */
  { 0x0131, "i" },  /* dotless ı */
  { 0x0167, "t" },  /* ŧ */
  { 0x00E6, "ae" }, /* æ */
  { 0x0153, "oe" }, /* œ */
  { 0x00FE, "th" }, /* þ */
};

G_DEFINE_QUARK (harley-validate-error-quark, harley_validate_error)

/* Helpers {{{1 */

static gboolean
fail (GError     **error,
      int          code,
      const char  *message)
{
  g_set_error_literal (error, HARLEY_VALIDATE_ERROR, code, message);
  return FALSE;
}

static gboolean
is_dash (gunichar c)
{
  /* ASCII hyphen, the Unicode hyphens and dashes, and minus: word
   * processors turn one into another behind the user's back. */
  return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

/* g_ascii_isdigit() looks only at the low byte, so a character such
 * as U+0130 would pass for "0" without the range check. */
static gboolean
is_ascii_digit (gunichar c)
{
  return c < 0x80 && g_ascii_isdigit (c);
}

static gboolean
is_ascii_alnum (gunichar c)
{
  return c < 0x80 && g_ascii_isalnum (c);
}

static gboolean
is_separator (gunichar c)
{
  return g_unichar_isspace (c) || is_dash (c);
}

/* A valid UTF-8 copy without leading or trailing white space, including
 * the non-breaking spaces that come with text pasted from web pages. */
static char *
dup_trimmed (const char *input)
{
  g_autofree char *valid = NULL;
  const char *start;
  const char *end;

  if (input == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (input, -1);

  start = valid;
  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

/* The ASCII digits of @text, skipping spaces, dashes and any ASCII
 * character in @also_skip; NULL if anything else is there. */
static char *
collect_digits (const char *text,
                const char *also_skip)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_ascii_digit (c))
        g_string_append_c (digits, (char) c);
      else if (!is_separator (c) &&
               (c > 0x7F || strchr (also_skip, (int) c) == NULL))
        return NULL;
    }

  return g_string_free (g_steal_pointer (&digits), FALSE);
}

static int
parse_digits (const char *text,
              int         n_digits)
{
  int value = 0;

  for (int i = 0; i < n_digits; i++)
    value = value * 10 + (text[i] - '0');

  return value;
}

static gboolean
is_all_digits (const char *text,
               gsize       length)
{
  if (text == NULL || strlen (text) != length)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  return TRUE;
}

/* NHS numbers {{{1 */

/* The check digit for the first nine digits, or -1 when the modulus 11
 * sum gives 10, which no issued NHS number can have. */
static int
nhs_check_digit (const char *digits)
{
  int sum = 0;
  int check;

  for (int i = 0; i < 9; i++)
    sum += (digits[i] - '0') * (10 - i);

  check = 11 - sum % 11;
  if (check == 11)
    return 0;
  if (check == 10)
    return -1;

  return check;
}

/**
 * harley_validate_nhs_number:
 * @input: (nullable): the NHS number as typed
 * @normalised: (out) (optional) (transfer full): the ten digits without spaces
 * @error: return location for a #GError
 *
 * Checks an NHS number: ten digits, optionally grouped with spaces or
 * hyphens, whose last digit is the modulus 11 check digit of the first
 * nine. The number ranges of the four UK health services are not
 * checked, so test numbers starting 999 pass.
 *
 * Empty input is %HARLEY_VALIDATE_ERROR_REQUIRED; the NHS number is
 * optional for a patient, so callers skip this for empty fields.
 *
 * Returns: %TRUE if @input is a valid NHS number
 */
gboolean
harley_validate_nhs_number (const char  *input,
                            char       **normalised,
                            GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *digits = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trimmed = dup_trimmed (input);
  if (*trimmed == '\0')
    return fail (error, HARLEY_VALIDATE_ERROR_REQUIRED,
                 _("Enter the NHS number."));

  digits = collect_digits (trimmed, "");
  if (!is_all_digits (digits, NHS_NUMBER_LENGTH))
    return fail (error, HARLEY_VALIDATE_ERROR_INVALID,
                 _("An NHS number has 10 digits, for example 943 476 5919."));

  if (nhs_check_digit (digits) != digits[9] - '0')
    return fail (error, HARLEY_VALIDATE_ERROR_INVALID,
                 _("This NHS number is not valid: its last digit does not "
                   "match. Check it against the patient's letter or card."));

  if (normalised != NULL)
    *normalised = g_steal_pointer (&digits);

  return TRUE;
}

/**
 * harley_format_nhs_number:
 * @digits: (nullable): ten plain digits, as stored
 *
 * Groups an NHS number the way the NHS prints it, 3-3-4:
 * "9434765919" becomes "943 476 5919". Anything that is not exactly ten
 * digits is returned unchanged, so old or odd data still shows.
 *
 * Returns: (transfer full) (nullable): the grouped number, or %NULL if
 *   @digits is %NULL
 */
char *
harley_format_nhs_number (const char *digits)
{
  if (digits == NULL)
    return NULL;

  if (!is_all_digits (digits, NHS_NUMBER_LENGTH))
    return g_strdup (digits);

  return g_strdup_printf ("%.3s %.3s %.4s", digits, digits + 3, digits + 6);
}

/* Dates {{{1 */

/* The practice's zone, made once: GLib 2.74 reads and parses the tzdata
 * file on every g_time_zone_new_identifier(), which cost each date of
 * birth check some 145 µs. Kept for the life of the process.
 * Returns: (transfer none) */
static GTimeZone *
london_time_zone (void)
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
  g_autoptr(GDateTime) now = g_date_time_new_now (london_time_zone ());

  g_date_clear (out, 1);
  g_date_set_dmy (out,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static char *
format_iso (const GDate *date)
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
    return fail (error, HARLEY_VALIDATE_ERROR_INVALID,
                 _("The month must be between 1 and 12. Type the day first, "
                   "then the month, for example 07/03/1965."));

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
  return fail (error, HARLEY_VALIDATE_ERROR_INVALID,
               _("Type the date as dd/mm/yyyy, for example 07/03/1965."));
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

  trimmed = dup_trimmed (input);
  if (*trimmed == '\0')
    return fail (error, HARLEY_VALIDATE_ERROR_REQUIRED, _("Enter the date."));

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
        return fail (error, HARLEY_VALIDATE_ERROR_INVALID,
                     _("Type the year in full, for example 1965."));
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

  trimmed = dup_trimmed (input);
  if (*trimmed == '\0')
    return fail (error, HARLEY_VALIDATE_ERROR_REQUIRED,
                 _("Enter the date of birth."));

  if (!harley_parse_date (trimmed, &dob, error))
    return FALSE;

  if (today == NULL)
    {
      get_london_today (&now);
      today = &now;
    }

  if (g_date_compare (&dob, today) > 0)
    return fail (error, HARLEY_VALIDATE_ERROR_FUTURE,
                 _("A date of birth cannot be in the future."));

  if (age_between (&dob, today) > MAX_AGE)
    {
      g_set_error (error, HARLEY_VALIDATE_ERROR, HARLEY_VALIDATE_ERROR_INVALID,
                   _("This date of birth makes the patient older than %d. "
                     "Check the year."),
                   MAX_AGE);
      return FALSE;
    }

  if (iso != NULL)
    *iso = format_iso (&dob);

  return TRUE;
}

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

  return g_strdup_printf ("%02u/%02u/%04u",
                          (guint) g_date_get_day (&date),
                          (guint) g_date_get_month (&date),
                          (guint) g_date_get_year (&date));
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

  local = g_date_time_to_timezone (dt, london_time_zone ());
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

/* Postcodes {{{1 */

static gboolean
is_letter_not_in (char        c,
                  const char *excluded)
{
  return g_ascii_isupper (c) && strchr (excluded, c) == NULL;
}

static gboolean
is_one_of (char        c,
           const char *allowed)
{
  return c != '\0' && strchr (allowed, c) != NULL;
}

/* The outward code's six shapes with Royal Mail's letter rules: no Q, V
 * or X first, no I, J or Z second, and only some letters after a
 * digit. */
static gboolean
is_outward_code (const char *o,
                 gsize       length)
{
  gboolean two_letters;
  const char *rest;

  if (length < 2 || length > 4 || !is_letter_not_in (o[0], "QVX"))
    return FALSE;

  two_letters = g_ascii_isalpha (o[1]);
  if (two_letters && !is_letter_not_in (o[1], "IJZ"))
    return FALSE;

  rest = o + (two_letters ? 2 : 1);
  length -= two_letters ? 2 : 1;

  if (length < 1 || length > 2 || !g_ascii_isdigit (rest[0]))
    return FALSE;
  if (length == 1 || g_ascii_isdigit (rest[1]))
    return TRUE;

  return is_one_of (rest[1], two_letters ? "ABEHMNPRVWXY" : "ABCDEFGHJKPSTUW");
}

static gboolean
is_inward_code (const char *i)
{
  return g_ascii_isdigit (i[0]) &&
         is_letter_not_in (i[1], "CIKMOV") &&
         is_letter_not_in (i[2], "CIKMOV");
}

/* The letters and digits in capitals, white space removed; NULL if
 * anything else is there. */
static char *
compact_postcode (const char *text)
{
  g_autoptr(GString) code = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_ascii_alnum (c))
        g_string_append_c (code, g_ascii_toupper ((char) c));
      else if (!g_unichar_isspace (c))
        return NULL;
    }

  return g_string_free (g_steal_pointer (&code), FALSE);
}

static gboolean
fail_postcode (GError **error)
{
  return fail (error, HARLEY_VALIDATE_ERROR_INVALID,
               _("This is not a UK postcode. Type it like SW1A 1AA."));
}

/**
 * harley_validate_postcode:
 * @input: (nullable): the postcode as typed
 * @normalised: (out) (optional) (transfer full): the postcode in capitals
 *   with one space before the last three characters
 * @error: return location for a #GError
 *
 * Checks a UK postcode in any case, with or without its space:
 * "sw1a1aa" becomes "SW1A 1AA". The shapes A9 9AA, A99 9AA, A9A 9AA,
 * AA9 9AA, AA99 9AA and AA9A 9AA are accepted under Royal Mail's
 * letter rules, and GIR 0AA. Overseas territory codes such as
 * "ASCN 1ZZ" and BFPO numbers are not.
 *
 * Returns: %TRUE if @input is a UK postcode
 */
gboolean
harley_validate_postcode (const char  *input,
                          char       **normalised,
                          GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *code = NULL;
  gsize outward_length;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trimmed = dup_trimmed (input);
  if (*trimmed == '\0')
    return fail (error, HARLEY_VALIDATE_ERROR_REQUIRED,
                 _("Enter the postcode."));

  code = compact_postcode (trimmed);
  if (code == NULL)
    return fail_postcode (error);

  outward_length = strlen (code) >= 3 ? strlen (code) - 3 : 0;
  if (g_strcmp0 (code, "GIR0AA") != 0 &&
      (!is_outward_code (code, outward_length) ||
       !is_inward_code (code + outward_length)))
    return fail_postcode (error);

  if (normalised != NULL)
    *normalised = g_strdup_printf ("%.*s %s", (int) outward_length, code,
                                   code + outward_length);

  return TRUE;
}

/* Phone numbers {{{1 */

/* Digits as dialled from the UK: "44" after "+", or "0044", becomes
 * "0", dropping the "(0)" people write after +44; another international
 * prefix is removed and @international set. */
static char *
dialled_digits (const char *digits,
                gboolean    plus,
                gboolean   *international)
{
  const char *rest = NULL;

  *international = FALSE;

  if (plus && g_str_has_prefix (digits, "44"))
    rest = digits + 2;
  else if (!plus && g_str_has_prefix (digits, "0044"))
    rest = digits + 4;

  if (rest != NULL)
    return g_strconcat ("0", rest[0] == '0' ? rest + 1 : rest, NULL);

  if (plus || g_str_has_prefix (digits, "00"))
    {
      *international = TRUE;
      return g_strdup (plus ? digits : digits + 2);
    }

  return g_strdup (digits);
}

static char *
space_digits (const char *digits,
              int         first,
              int         second)
{
  GString *out = g_string_new_len (digits, first);

  g_string_append_c (out, ' ');
  if (second > 0)
    {
      g_string_append_len (out, digits + first, second);
      g_string_append_c (out, ' ');
    }
  g_string_append (out, digits + first + second);

  return g_string_free (out, FALSE);
}

/* Deliberately simple grouping: 020/023/024/028/029 as 3-4-4; 011x and
 * 01x1 city codes and 03/08/09 numbers as 4-3-4; mobiles and other
 * 11-digit numbers as 5-6; 10-digit 08 numbers (0800 123456) as 4-6
 * and other 10-digit numbers as 5-5. */
static char *
group_uk_number (const char *n)
{
  gboolean eleven = strlen (n) == 11;

  if (eleven && n[1] == '2')
    return space_digits (n, 3, 4);
  if (eleven && n[1] == '1' && (n[2] == '1' || n[3] == '1'))
    return space_digits (n, 4, 3);
  if (eleven && strchr ("389", n[1]) != NULL)
    return space_digits (n, 4, 3);
  if (eleven)
    return space_digits (n, 5, 0);
  if (n[1] == '8')
    return space_digits (n, 4, 0);

  return space_digits (n, 5, 0);
}

static gboolean
is_uk_number (const char *n)
{
  gsize length = strlen (n);

  return (length == 10 || length == 11) && n[0] == '0' && n[1] != '0';
}

static gboolean
fail_phone (GError **error)
{
  return fail (error, HARLEY_VALIDATE_ERROR_INVALID,
               _("Type a UK phone number, for example 07700 900123 or "
                 "020 7946 0123."));
}

/**
 * harley_validate_phone:
 * @input: (nullable): the phone number as typed
 * @normalised: (out) (optional) (transfer full): the number to show and store
 * @error: return location for a #GError
 *
 * Checks a phone number. Spaces, hyphens and brackets are ignored and
 * +44 or 0044 (with or without "(0)" after it) becomes 0; the result
 * must be 0 and nine or ten more digits. It is then grouped simply:
 * "07700 900123", "020 7946 0123", "0113 496 0123", "01632 960123",
 * "0300 123 4567", "0800 123456".
 *
 * A number starting with + and another country code, or with 00 and
 * one, is accepted as typed (trimmed) if it has 8 to 15 digits after
 * the prefix.
 *
 * Returns: %TRUE if @input is a phone number
 */
gboolean
harley_validate_phone (const char  *input,
                       char       **normalised,
                       GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *digits = NULL;
  g_autofree char *dialled = NULL;
  gboolean plus;
  gboolean international;
  gsize length;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trimmed = dup_trimmed (input);
  if (*trimmed == '\0')
    return fail (error, HARLEY_VALIDATE_ERROR_REQUIRED,
                 _("Enter the phone number."));

  plus = trimmed[0] == '+';
  digits = collect_digits (trimmed + (plus ? 1 : 0), "()");
  if (digits == NULL || *digits == '\0')
    return fail_phone (error);

  dialled = dialled_digits (digits, plus, &international);
  length = strlen (dialled);

  if (international && (length < MIN_INTL_DIGITS || length > MAX_INTL_DIGITS))
    {
      g_set_error (error, HARLEY_VALIDATE_ERROR, HARLEY_VALIDATE_ERROR_INVALID,
                   _("An international number has %d to %d digits after the "
                     "country prefix. Check the number."),
                   MIN_INTL_DIGITS, MAX_INTL_DIGITS);
      return FALSE;
    }

  if (!international && !is_uk_number (dialled))
    return fail_phone (error);

  if (normalised != NULL)
    *normalised = international ? g_steal_pointer (&trimmed)
                                : group_uk_number (dialled);

  return TRUE;
}

static char *
ascii_digits (const char *text)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  return g_string_free (digits, FALSE);
}

/**
 * harley_phone_digits:
 * @input: (nullable): a phone number, whole or in part, in any format
 *
 * Reduces a phone number to the key search compares: its digits only,
 * with +44 or 0044 turned into 0 and any other international prefix
 * ("+" or "00") dropped, so "+44 (0)7700 900-123" gives "07700900123".
 * Nothing is checked.
 *
 * Returns: (transfer full) (nullable): the digits, or %NULL if @input is
 *   %NULL
 */
char *
harley_phone_digits (const char *input)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *digits = NULL;
  gboolean international;

  if (input == NULL)
    return NULL;

  trimmed = dup_trimmed (input);
  digits = ascii_digits (trimmed);

  return dialled_digits (digits, trimmed[0] == '+', &international);
}

/* Email {{{1 */

/* One "@" with something before it, a dotted domain after it, and none
 * of the characters that mean two addresses or a name got pasted in. */
static gboolean
looks_like_email (const char *text)
{
  const char *at = strchr (text, '@');
  const char *domain;

  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;

  domain = at + 1;
  if (strchr (domain, '.') == NULL || domain[0] == '.' ||
      g_str_has_suffix (domain, ".") || strstr (domain, "..") != NULL)
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) ||
          (c < 0x80 && strchr (",;<>", (int) c) != NULL))
        return FALSE;
    }

  return TRUE;
}

/**
 * harley_validate_email:
 * @input: (nullable): the email address as typed
 * @normalised: (out) (optional) (transfer full): the address, trimmed
 * @error: return location for a #GError
 *
 * A sanity check, not RFC 5322: one "@", something before it, a domain
 * with a dot after it, and no spaces, commas, semicolons or angle
 * brackets. Case is kept.
 *
 * Returns: %TRUE if @input looks like an email address
 */
gboolean
harley_validate_email (const char  *input,
                       char       **normalised,
                       GError     **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trimmed = dup_trimmed (input);
  if (*trimmed == '\0')
    return fail (error, HARLEY_VALIDATE_ERROR_REQUIRED,
                 _("Enter the email address."));

  if (!looks_like_email (trimmed))
    return fail (error, HARLEY_VALIDATE_ERROR_INVALID,
                 _("This email address looks wrong. It should look like "
                   "name@example.co.uk."));

  if (normalised != NULL)
    *normalised = g_steal_pointer (&trimmed);

  return TRUE;
}

/* Search keys {{{1 */

static gboolean
is_latin_accent (gunichar c)
{
  return c >= 0x0300 && c <= 0x036F;
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == '`' || c == 0x00B4 || c == 0x02BC ||
         c == 0x2018 || c == 0x2019 || c == 0x2032;
}

static void
append_search_letter (GString  *out,
                       gunichar  c)
{
  for (guint i = 0; i < G_N_ELEMENTS (search_letters); i++)
    {
      if (search_letters[i].letter == c)
        {
          g_string_append (out, search_letters[i].ascii);
          return;
        }
    }

  g_string_append_unichar (out, c);
}

/**
 * harley_fold_for_search:
 * @text: (nullable): a name, address or other text
 *
 * Makes the key that search compares, so that what an English keyboard
 * types finds what was stored: lower case, Latin accents removed (and
 * ł, ø, đ, æ and a few other letters spelt in ASCII), apostrophes
 * removed, and hyphens and other punctuation turned into a single
 * space. "Siobhán Ó Dúbhghaill" gives "siobhan o dubhghaill",
 * "O'Brien" gives "obrien", "Smith-Jones" gives "smith jones". Other
 * scripts are kept, recomposed (NFC).
 *
 * Returns: (transfer full) (nullable): the folded text, or %NULL if
 *   @text is %NULL
 */
char *
harley_fold_for_search (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GString) out = NULL;
  gboolean pending_space = FALSE;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  decomposed = g_utf8_normalize (valid, -1, G_NORMALIZE_NFD);
  folded = g_utf8_casefold (decomposed, -1);
  out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_latin_accent (c) || is_apostrophe (c))
        continue;

      if (!g_unichar_isalnum (c) && !g_unichar_ismark (c))
        {
          pending_space = out->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      append_search_letter (out, c);
    }

  return g_utf8_normalize (out->str, -1, G_NORMALIZE_NFC);
}

/**
 * harley_compact_identifier:
 * @text: (nullable): a postcode, NHS number or similar code
 *
 * Removes white space and hyphens and lowers ASCII letters, so codes
 * match however they were spaced: "SW1A 1AA" gives "sw1a1aa" and
 * "943 476 5919" gives "9434765919".
 *
 * Returns: (transfer full) (nullable): the compact text, or %NULL if
 *   @text is %NULL
 */
char *
harley_compact_identifier (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || is_dash (c))
        continue;
      if (c < 0x80)
        g_string_append_c (out, g_ascii_tolower ((char) c));
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}
