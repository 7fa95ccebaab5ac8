/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-validate"

/* UK phone numbers: checking and grouping what is typed, and the digits
 * that search compares. */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harley-validate-private.h"

#define MIN_INTL_DIGITS    8
#define MAX_INTL_DIGITS    15

/* Checking {{{1 */

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
  return _harley_validate_fail (error, HARLEY_VALIDATE_ERROR_INVALID,
                                _("Type a UK phone number, for example "
                                  "07700 900123 or 020 7946 0123."));
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

  trimmed = _harley_validate_dup_trimmed (input);
  if (*trimmed == '\0')
    return _harley_validate_fail (error, HARLEY_VALIDATE_ERROR_REQUIRED,
                                  _("Enter the phone number."));

  plus = trimmed[0] == '+';
  digits = _harley_validate_collect_digits (trimmed + (plus ? 1 : 0), "()");
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

/* Search key {{{1 */

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

  trimmed = _harley_validate_dup_trimmed (input);
  digits = ascii_digits (trimmed);

  return dialled_digits (digits, trimmed[0] == '+', &international);
}
