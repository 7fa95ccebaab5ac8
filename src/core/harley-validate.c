/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-validate"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harley-validate-private.h"

/*
 * Checks and normal forms for what the secretary types: NHS numbers,
 * dates, postcodes, phone numbers and email addresses, plus the folded
 * keys that search compares. Everything here is pure: no GTK, no
 * database, no global state but one cached time zone, so the tests can
 * pin each rule down.
 *
 * This file holds the error domain, the helpers the others share, NHS
 * numbers, postcodes, email addresses and search keys. Dates are in
 * harley-validate-dates.c and phone numbers in harley-validate-phone.c.
 *
 * Output parameters are only written on success; on failure they are
 * left as they were.
 */

#define NHS_NUMBER_LENGTH  10

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

gboolean
_harley_validate_fail (GError     **error,
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
char *
_harley_validate_dup_trimmed (const char *input)
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
char *
_harley_validate_collect_digits (const char *text,
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

  trimmed = _harley_validate_dup_trimmed (input);
  if (*trimmed == '\0')
    return _harley_validate_fail (error, HARLEY_VALIDATE_ERROR_REQUIRED,
                                  _("Enter the NHS number."));

  digits = _harley_validate_collect_digits (trimmed, "");
  if (!is_all_digits (digits, NHS_NUMBER_LENGTH))
    return _harley_validate_fail (error, HARLEY_VALIDATE_ERROR_INVALID,
                                  _("An NHS number has 10 digits, "
                                    "for example 943 476 5919."));

  if (nhs_check_digit (digits) != digits[9] - '0')
    return _harley_validate_fail (error, HARLEY_VALIDATE_ERROR_INVALID,
                                  _("This NHS number is not valid: its "
                                    "last digit does not match. Check it "
                                    "against the patient's letter or "
                                    "card."));

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
  return _harley_validate_fail (error, HARLEY_VALIDATE_ERROR_INVALID,
                                _("This is not a UK postcode. "
                                  "Type it like SW1A 1AA."));
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

  trimmed = _harley_validate_dup_trimmed (input);
  if (*trimmed == '\0')
    return _harley_validate_fail (error, HARLEY_VALIDATE_ERROR_REQUIRED,
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

  trimmed = _harley_validate_dup_trimmed (input);
  if (*trimmed == '\0')
    return _harley_validate_fail (error, HARLEY_VALIDATE_ERROR_REQUIRED,
                                  _("Enter the email address."));

  if (!looks_like_email (trimmed))
    return _harley_validate_fail (error, HARLEY_VALIDATE_ERROR_INVALID,
                                  _("This email address looks wrong. "
                                    "It should look like "
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
