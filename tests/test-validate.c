/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-validate"

#include <string.h>

#include "harley-validate.h"

typedef struct
{
  const char *input;
  const char *expected;
} Case;

/* Checks the error and that it says something, then clears it. */
static void
assert_error (GError     **error,
              int          code,
              const char  *mentions)
{
  g_assert_error (*error, HARLEY_VALIDATE_ERROR, code);
  g_assert_nonnull ((*error)->message);
  g_assert_cmpuint (strlen ((*error)->message), >, 10);
  if (mentions != NULL)
    g_assert_nonnull (strstr ((*error)->message, mentions));
  g_clear_error (error);
}

static void
set_date (GDate *date,
          int    day,
          int    month,
          int    year)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

/* NHS numbers {{{1 */

static void
test_nhs_valid (void)
{
  /* 9434765870: the weighted sum is 308, a multiple of 11, so the check
   * digit is 11 - 0 = 11, written 0. 4290404790 likewise (sum 209). */
  static const char * const numbers[] = {
    "9434765919", "9434765870", "4074833786", "4925899139", "4290404790",
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalised = NULL;

      g_assert_true (harley_validate_nhs_number (numbers[i], &normalised, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (normalised, ==, numbers[i]);
    }

  /* The out parameter is optional. */
  g_assert_true (harley_validate_nhs_number ("9434765919", NULL, NULL));
}

static void
test_nhs_separators (void)
{
  static const char * const inputs[] = {
    "943 476 5919", "943-476-5919", "  943 476 5919  ", "9434 765 919",
    "943\xc2\xa0" "476\xc2\xa0" "5919",        /* non-breaking spaces */
    "943\xe2\x80\x93" "476\xe2\x80\x93" "5919", /* en dashes */
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalised = NULL;

      g_assert_true (harley_validate_nhs_number (inputs[i], &normalised, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (normalised, ==, "9434765919");
    }
}

static void
test_nhs_check_digit (void)
{
  g_autoptr(GError) error = NULL;
  char *normalised = NULL;

  g_assert_false (harley_validate_nhs_number ("9434765918", &normalised, &error));
  assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "last digit");
  g_assert_null (normalised);

  /* Two digits swapped: what modulus 11 exists to catch. */
  g_assert_false (harley_validate_nhs_number ("9434756919", &normalised, &error));
  assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "last digit");

  /* Of the ten possible last digits exactly one is right. */
  for (char last = '0'; last <= '9'; last++)
    {
      char number[] = "943476591?";

      number[9] = last;
      g_assert_cmpint (harley_validate_nhs_number (number, NULL, NULL), ==, last == '9');
    }
}

static void
test_nhs_remainder_ten (void)
{
  /* The weighted sums of these leave remainder 1 (498259791: 331 =
   * 30 × 11 + 1), so the check digit would be 11 - 1 = 10, which cannot
   * be written: no last digit makes them valid. */
  static const char * const prefixes[] = { "498259791", "476232860", "458969350" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      for (char last = '0'; last <= '9'; last++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *number = g_strdup_printf ("%s%c", prefixes[i], last);

          g_assert_false (harley_validate_nhs_number (number, NULL, &error));
          assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "last digit");
        }
    }
}

static void
test_nhs_length (void)
{
  static const char * const inputs[] = {
    "943476591", "94347659190", "943 476 591", "9", "12345678901234567890",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      char *normalised = NULL;

      g_assert_false (harley_validate_nhs_number (inputs[i], &normalised, &error));
      assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "10 digits");
      g_assert_null (normalised);
    }
}

static void
test_nhs_letters (void)
{
  static const char * const inputs[] = {
    "943476591A", "NHS 9434765919", "943/476/5919", "943.476.5919",
    "O434765919",                /* capital O for zero */
    "\xc4\xb0" "434765919",      /* U+0130, whose low byte is '0' */
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (harley_validate_nhs_number (inputs[i], NULL, &error));
      assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "10 digits");
    }
}

static void
test_nhs_required (void)
{
  static const char * const inputs[] = { "", "   ", "\t\n", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (harley_validate_nhs_number (inputs[i], NULL, &error));
      assert_error (&error, HARLEY_VALIDATE_ERROR_REQUIRED, "NHS number");
    }
}

static void
test_nhs_format (void)
{
  static const Case cases[] = {
    { "9434765919", "943 476 5919" },
    { "4290404790", "429 040 4790" },
    { "12345", "12345" },
    { "943 476 5919", "943 476 5919" },
    { "943476591X", "943476591X" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *formatted = harley_format_nhs_number (cases[i].input);

      g_assert_cmpstr (formatted, ==, cases[i].expected);
    }

  g_assert_null (harley_format_nhs_number (NULL));
}

/* Dates {{{1 */

static void
test_date_parse (void)
{
  static const char * const inputs[] = {
    "07/03/1965", "7/3/1965", "07.03.1965", "07-03-1965", "7.3.1965",
    "1965-03-07", " 07/03/1965 ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;

      g_assert_true (harley_parse_date (inputs[i], &date, &error));
      g_assert_no_error (error);
      g_assert_true (g_date_valid (&date));
      g_assert_cmpint (g_date_get_day (&date), ==, 7);
      g_assert_cmpint (g_date_get_month (&date), ==, G_DATE_MARCH);
      g_assert_cmpint (g_date_get_year (&date), ==, 1965);
    }

  /* Day first, not American: 03/07 is the 3rd of July. */
  {
    GDate date;

    g_assert_true (harley_parse_date ("03/07/1965", &date, NULL));
    g_assert_cmpint (g_date_get_day (&date), ==, 3);
    g_assert_cmpint (g_date_get_month (&date), ==, G_DATE_JULY);
  }

  g_assert_true (harley_parse_date ("07/03/1965", NULL, NULL));
}

static void
test_date_nonexistent (void)
{
  static const Case cases[] = {
    /* input, something the message must say */
    { "31/02/2025", "31/02/2025" },
    { "29/02/2025", "28 days" },
    { "29/02/1900", "28 days" },  /* not a leap year: divisible by 100 */
    { "31/04/2025", "30 days" },
    { "2025-02-30", "30/02/2025" },
  };
  g_autoptr(GError) error = NULL;
  GDate date;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_false (harley_parse_date (cases[i].input, &date, &error));
      assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, cases[i].expected);
    }

  g_assert_false (harley_parse_date ("31/02/2025", &date, &error));
  g_assert_nonnull (strstr (error->message, "February 2025"));
  g_clear_error (&error);

  g_assert_true (harley_parse_date ("29/02/2024", &date, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_date_get_day (&date), ==, 29);
  g_assert_cmpint (g_date_get_month (&date), ==, G_DATE_FEBRUARY);

  g_assert_true (harley_parse_date ("29/02/2000", &date, &error));
  g_assert_no_error (error);
}

static void
test_date_day_range (void)
{
  static const char * const inputs[] = { "00/01/2000", "32/01/2000", "99/12/2000" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (harley_parse_date (inputs[i], NULL, &error));
      assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "31 days");
    }

  g_assert_true (harley_parse_date ("31/01/2000", NULL, NULL));
  g_assert_true (harley_parse_date ("01/01/2000", NULL, NULL));
}

static void
test_date_month (void)
{
  static const char * const inputs[] = { "12/13/2000", "01/00/2000", "2000-13-01" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (harley_parse_date (inputs[i], NULL, &error));
      assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "1 and 12");
    }
}

static void
test_date_two_digit_year (void)
{
  static const char * const inputs[] = { "07/03/65", "7/3/65", "07.03.25" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (harley_parse_date (inputs[i], NULL, &error));
      assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "in full");
    }
}

static void
test_date_year_range (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_parse_date ("01/01/1880", NULL, NULL));
  g_assert_true (harley_parse_date ("31/12/2200", NULL, NULL));

  g_assert_false (harley_parse_date ("31/12/1879", NULL, &error));
  assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "1880");

  g_assert_false (harley_parse_date ("01/01/2201", NULL, &error));
  assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "2200");

  g_assert_false (harley_parse_date ("01/01/0000", NULL, &error));
  assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "1880");
}

static void
test_date_bad_format (void)
{
  static const char * const inputs[] = {
    "07031965", "07 03 1965", "7th March 1965", "07/03-1965", "1965/03/07",
    "07/03/19655", "070/03/1965", "07/03/196", "07/03/", "/03/1965",
    "07//03/1965", "07/03/1965/", "1965-003-07", "tomorrow", "-",
    "99999999999999999999/1/1965",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;

      g_date_clear (&date, 1);
      g_assert_false (harley_parse_date (inputs[i], &date, &error));
      assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "dd/mm/yyyy");
      g_assert_false (g_date_valid (&date));
    }
}

static void
test_date_required (void)
{
  static const char * const inputs[] = { "", "  ", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (harley_parse_date (inputs[i], NULL, &error));
      assert_error (&error, HARLEY_VALIDATE_ERROR_REQUIRED, "date");
    }
}

static void
test_dob_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *born_today = NULL;
  GDate today;

  set_date (&today, 15, G_DATE_JUNE, 2025);

  g_assert_true (harley_validate_date_of_birth ("7/3/1965", &today, &iso, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (iso, ==, "1965-03-07");

  g_assert_true (harley_validate_date_of_birth ("15/06/2025", &today, &born_today, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (born_today, ==, "2025-06-15");

  /* A valid date, but too long ago for anyone alive. */
  g_assert_false (harley_validate_date_of_birth ("1880-01-01", NULL, NULL, NULL));
}

static void
test_dob_future (void)
{
  g_autoptr(GError) error = NULL;
  char *iso = NULL;
  GDate today;

  set_date (&today, 15, G_DATE_JUNE, 2025);

  g_assert_false (harley_validate_date_of_birth ("16/06/2025", &today, &iso, &error));
  assert_error (&error, HARLEY_VALIDATE_ERROR_FUTURE, "future");
  g_assert_null (iso);

  g_assert_false (harley_validate_date_of_birth ("01/01/2100", &today, &iso, &error));
  assert_error (&error, HARLEY_VALIDATE_ERROR_FUTURE, NULL);

  /* Without a date given, today in London is used. */
  g_assert_false (harley_validate_date_of_birth ("31/12/2199", NULL, &iso, &error));
  assert_error (&error, HARLEY_VALIDATE_ERROR_FUTURE, NULL);
  g_assert_true (harley_validate_date_of_birth ("01/01/2000", NULL, &iso, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (iso, ==, "2000-01-01");
  g_free (iso);
}

static void
test_dob_too_old (void)
{
  g_autoptr(GError) error = NULL;
  GDate today;

  set_date (&today, 15, G_DATE_JUNE, 2025);

  /* 130 today is allowed; 131 is not. */
  g_assert_true (harley_validate_date_of_birth ("15/06/1895", &today, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (harley_validate_date_of_birth ("14/06/1894", &today, NULL, &error));
  assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "130");
}

static void
test_dob_errors_from_parse (void)
{
  g_autoptr(GError) error = NULL;
  GDate today;

  set_date (&today, 15, G_DATE_JUNE, 2025);

  g_assert_false (harley_validate_date_of_birth ("", &today, NULL, &error));
  assert_error (&error, HARLEY_VALIDATE_ERROR_REQUIRED, "date of birth");

  g_assert_false (harley_validate_date_of_birth ("31/02/2000", &today, NULL, &error));
  assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "31/02/2000");

  g_assert_false (harley_validate_date_of_birth ("07/03/65", &today, NULL, &error));
  assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "in full");
}

static void
test_date_format (void)
{
  static const Case cases[] = {
    { "1965-03-07", "07/03/1965" },
    { "2024-02-29", "29/02/2024" },
    { "2025-12-31", "31/12/2025" },
  };
  static const char * const invalid[] = {
    "", "1965-3-7", "1965-02-30", "2025-02-29", "07/03/1965", "1965-03-07T10:00",
    "1965-13-01", "0000-01-01", "not a date",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = harley_format_date (cases[i].input);

      g_assert_cmpstr (shown, ==, cases[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_null (harley_format_date (invalid[i]));

  g_assert_null (harley_format_date (NULL));
}

static void
test_date_time_format (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) winter = g_date_time_new (utc, 2025, 3, 7, 14, 5, 0);
  g_autoptr(GDateTime) summer = g_date_time_new (utc, 2025, 7, 1, 13, 5, 0);
  g_autoptr(GDateTime) late = g_date_time_new (utc, 2025, 6, 30, 23, 30, 0);
  g_autofree char *winter_text = harley_format_date_time (winter);
  g_autofree char *summer_text = harley_format_date_time (summer);
  g_autofree char *late_text = harley_format_date_time (late);

  g_assert_cmpstr (winter_text, ==, "07/03/2025 14:05");
  /* British Summer Time: one hour ahead of UTC. */
  g_assert_cmpstr (summer_text, ==, "01/07/2025 14:05");
  /* 23:30 UTC in summer is already the next day in London. */
  g_assert_cmpstr (late_text, ==, "01/07/2025 00:30");

  if (tokyo != NULL)
    {
      g_autoptr(GDateTime) in_tokyo = g_date_time_new (tokyo, 2025, 3, 8, 0, 5, 0);
      g_autofree char *text = harley_format_date_time (in_tokyo);

      g_assert_cmpstr (text, ==, "07/03/2025 15:05");
    }

  g_assert_null (harley_format_date_time (NULL));
}

static void
test_date_age (void)
{
  static const struct
  {
    const char *dob;
    int         day, month, year;
    int         age;
  } cases[] = {
    { "1965-03-07", 6, 3, 2025, 59 },
    { "1965-03-07", 7, 3, 2025, 60 },
    { "1965-03-07", 8, 3, 2025, 60 },
    { "1965-03-07", 31, 12, 2025, 60 },
    { "1965-03-07", 7, 3, 1965, 0 },
    { "1965-12-31", 1, 1, 1966, 0 },
    /* 29 February birthdays fall on 1 March in other years. */
    { "2000-02-29", 28, 2, 2001, 0 },
    { "2000-02-29", 1, 3, 2001, 1 },
    { "2000-02-29", 28, 2, 2004, 3 },
    { "2000-02-29", 29, 2, 2004, 4 },
    { "2000-02-29", 1, 3, 2100, 100 },
    { "2000-02-29", 28, 2, 2100, 99 },
    /* Not dates, or born after the day asked about. */
    { "1965-03-08", 7, 3, 1965, -1 },
    { "1965-02-30", 1, 1, 2025, -1 },
    { "07/03/1965", 1, 1, 2025, -1 },
    { "", 1, 1, 2025, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate on;

      set_date (&on, cases[i].day, cases[i].month, cases[i].year);
      g_assert_cmpint (harley_age_on (cases[i].dob, &on), ==, cases[i].age);
    }

  g_assert_cmpint (harley_age_on (NULL, NULL), ==, -1);
  g_assert_cmpint (harley_age_on ("2000-01-01", NULL), >=, 25);
}

/* Postcodes {{{1 */

static void
test_postcode_valid (void)
{
  static const Case cases[] = {
    { "M1 1AE", "M1 1AE" },       /* A9 9AA */
    { "B33 8TH", "B33 8TH" },     /* A99 9AA */
    { "W1A 0AX", "W1A 0AX" },     /* A9A 9AA */
    { "CR2 6XH", "CR2 6XH" },     /* AA9 9AA */
    { "DN55 1PT", "DN55 1PT" },   /* AA99 9AA */
    { "EC1A 1BB", "EC1A 1BB" },   /* AA9A 9AA */
    { "GIR 0AA", "GIR 0AA" },
    { "gir0aa", "GIR 0AA" },
    { "sw1a1aa", "SW1A 1AA" },
    { "Sw1a 1aA", "SW1A 1AA" },
    { "  SW1A   1AA  ", "SW1A 1AA" },
    { "m11ae", "M1 1AE" },
    { "N1C 4AG", "N1C 4AG" },
    { "SE1P 5LX", "SE1P 5LX" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalised = NULL;

      g_assert_true (harley_validate_postcode (cases[i].input, &normalised, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (normalised, ==, cases[i].expected);
    }
}

static void
test_postcode_invalid (void)
{
  static const char * const inputs[] = {
    "SW1A1A", "12345", "SW1A 1AAA", "SW1A-1AA", "1W1A 1AA", "SW1AA 1AA",
    "Q1 1AA", "V1 1AA", "X1 1AA",   /* letters never used first */
    "AI1 1AA", "BJ1 1AA", "AZ1 1AA", /* letters never used second */
    "W1I 1AA",                      /* not used after A9 */
    "EC1C 1BB",                     /* not used after AA9 */
    "SW1A 1CA", "SW1A 1AK",         /* not used in the inward code */
    "SW1A 1A", "A", "AA", "AAA", "1AA", "GIR 0AB", "SW1A 1ÅA",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      char *normalised = NULL;

      g_assert_false (harley_validate_postcode (inputs[i], &normalised, &error));
      assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "SW1A 1AA");
      g_assert_null (normalised);
    }
}

static void
test_postcode_required (void)
{
  static const char * const inputs[] = { "", "   ", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (harley_validate_postcode (inputs[i], NULL, &error));
      assert_error (&error, HARLEY_VALIDATE_ERROR_REQUIRED, "postcode");
    }
}

/* Phone numbers {{{1 */

static void
test_phone_uk (void)
{
  static const Case cases[] = {
    { "+44 7700 900123", "07700 900123" },
    { "+447700900123", "07700 900123" },
    { "0044 7700 900123", "07700 900123" },
    { "+44 (0)7700 900123", "07700 900123" },
    { "07700900123", "07700 900123" },
    { "07700-900-123", "07700 900123" },
    { "020 7946 0123", "020 7946 0123" },
    { "(020) 7946-0123", "020 7946 0123" },
    { "+44 (0)20 7946 0123", "020 7946 0123" },
    { "0044 20 7946 0123", "020 7946 0123" },
    { "029 2018 0123", "029 2018 0123" },
    { "01134960123", "0113 496 0123" },
    { "0121 496 0123", "0121 496 0123" },
    { "01632960123", "01632 960123" },
    { "0300 123 4567", "0300 123 4567" },
    { "08081570123", "0808 157 0123" },
    { "0800 123456", "0800 123456" },
    { "0163296012", "01632 96012" },
    { "  07700 900123  ", "07700 900123" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalised = NULL;

      g_assert_true (harley_validate_phone (cases[i].input, &normalised, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (normalised, ==, cases[i].expected);
    }
}

static void
test_phone_international (void)
{
  static const Case cases[] = {
    { "+33 1 23 45 67 89", "+33 1 23 45 67 89" },
    { "  +1 (555) 010-0199 ", "+1 (555) 010-0199" },
    { "0033 1 23 45 67 89", "0033 1 23 45 67 89" },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalised = NULL;

      g_assert_true (harley_validate_phone (cases[i].input, &normalised, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (normalised, ==, cases[i].expected);
    }

  g_assert_false (harley_validate_phone ("+33 1234", NULL, &error));
  assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "international");

  g_assert_false (harley_validate_phone ("+1 2345 6789 0123 4567", NULL, &error));
  assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "international");
}

static void
test_phone_invalid (void)
{
  static const char * const inputs[] = {
    "0770 090", "07700 9001", "07700 900123 4", "7700 900123", "07700 90012a",
    "phone", "+44 7700", "+44 (0)0 7700 900123", "+", "()", "07700 900123 ext 2",
    "07700/900123", "+44 +7700 900123",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      char *normalised = NULL;

      g_assert_false (harley_validate_phone (inputs[i], &normalised, &error));
      assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "07700 900123");
      g_assert_null (normalised);
    }
}

static void
test_phone_required (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (harley_validate_phone ("  ", NULL, &error));
  assert_error (&error, HARLEY_VALIDATE_ERROR_REQUIRED, "phone");

  g_assert_false (harley_validate_phone (NULL, NULL, &error));
  assert_error (&error, HARLEY_VALIDATE_ERROR_REQUIRED, "phone");
}

static void
test_phone_digits (void)
{
  static const Case cases[] = {
    { "+44 (0)7700 900-123", "07700900123" },
    { "+44 7700 900123", "07700900123" },
    { "07700 900123", "07700900123" },
    { "0044 20 7946 0123", "02079460123" },
    { "020 7946 0123", "02079460123" },
    { "+33 1 23 45 67 89", "33123456789" },
    { "0033 1 23 45 67 89", "33123456789" },
    { "077", "077" },
    { "tel: 0123", "0123" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *digits = harley_phone_digits (cases[i].input);

      g_assert_cmpstr (digits, ==, cases[i].expected);
    }

  g_assert_null (harley_phone_digits (NULL));
}

/* Email {{{1 */

static void
test_email (void)
{
  static const Case valid[] = {
    { "name@example.co.uk", "name@example.co.uk" },
    { "  Jane.Doe+gp@nhs.net  ", "Jane.Doe+gp@nhs.net" },
    { "a@b.c", "a@b.c" },
  };
  static const char * const invalid[] = {
    "name", "name@", "@example.com", "name@example", "name@@example.com",
    "na@me@example.com", "na me@example.com", "name@example..com",
    "name@.example.com", "name@example.com.", "a@b.com, c@d.com",
    "Jane <jane@example.com>", "name@exa\tmple.com",
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *normalised = NULL;

      g_assert_true (harley_validate_email (valid[i].input, &normalised, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (normalised, ==, valid[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      char *normalised = NULL;

      g_assert_false (harley_validate_email (invalid[i], &normalised, &error));
      assert_error (&error, HARLEY_VALIDATE_ERROR_INVALID, "name@example.co.uk");
      g_assert_null (normalised);
    }

  g_assert_false (harley_validate_email (" ", NULL, &error));
  assert_error (&error, HARLEY_VALIDATE_ERROR_REQUIRED, "email");
}

/* Search keys {{{1 */

static void
test_fold (void)
{
  static const Case cases[] = {
    { "Siobhán Ó Dúbhghaill", "siobhan o dubhghaill" },
    { "O'Brien", "obrien" },
    { "O’Brien", "obrien" },
    { "Smith-Jones", "smith jones" },
    { "Smith - Jones", "smith jones" },
    { "Zoë", "zoe" },
    { "Łukasz", "lukasz" },
    { "ŁUKASZ ŻÓŁW", "lukasz zolw" },
    { "王小明", "王小明" },
    { "김민준", "김민준" },        /* NFD splits Hangul; it must come back whole */
    { "Strauß", "strauss" },
    { "Bjørn Guðmundsdóttir", "bjorn gudmundsdottir" },
    { "  Mary \t  Anne  ", "mary anne" },
    { "Dr. J. Smith", "dr j smith" },
    { "St. John's Wood, NW8", "st johns wood nw8" },
    { "ÇELİK", "celik" },
    { "François", "francois" },
    { "...", "" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = harley_fold_for_search (cases[i].input);

      g_assert_cmpstr (folded, ==, cases[i].expected);
    }

  g_assert_null (harley_fold_for_search (NULL));
}

static void
test_fold_invalid_utf8 (void)
{
  g_autofree char *folded = harley_fold_for_search ("Smi\xfftH");

  g_assert_nonnull (folded);
  g_assert_true (g_utf8_validate (folded, -1, NULL));
  g_assert_true (g_str_has_prefix (folded, "smi"));
}

static void
test_compact (void)
{
  static const Case cases[] = {
    { "SW1A 1AA", "sw1a1aa" },
    { "943 476 5919", "9434765919" },
    { "943-476-5919", "9434765919" },
    { "  a B\tc- D ", "abcd" },
    { "Zoë X", "zoëx" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *compact = harley_compact_identifier (cases[i].input);

      g_assert_cmpstr (compact, ==, cases[i].expected);
    }

  g_assert_null (harley_compact_identifier (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validate/nhs/valid", test_nhs_valid);
  g_test_add_func ("/validate/nhs/separators", test_nhs_separators);
  g_test_add_func ("/validate/nhs/check-digit", test_nhs_check_digit);
  g_test_add_func ("/validate/nhs/remainder-ten", test_nhs_remainder_ten);
  g_test_add_func ("/validate/nhs/length", test_nhs_length);
  g_test_add_func ("/validate/nhs/letters", test_nhs_letters);
  g_test_add_func ("/validate/nhs/required", test_nhs_required);
  g_test_add_func ("/validate/nhs/format", test_nhs_format);

  g_test_add_func ("/validate/date/parse", test_date_parse);
  g_test_add_func ("/validate/date/nonexistent", test_date_nonexistent);
  g_test_add_func ("/validate/date/day-range", test_date_day_range);
  g_test_add_func ("/validate/date/month", test_date_month);
  g_test_add_func ("/validate/date/two-digit-year", test_date_two_digit_year);
  g_test_add_func ("/validate/date/year-range", test_date_year_range);
  g_test_add_func ("/validate/date/bad-format", test_date_bad_format);
  g_test_add_func ("/validate/date/required", test_date_required);
  g_test_add_func ("/validate/date/format", test_date_format);
  g_test_add_func ("/validate/date/format-date-time", test_date_time_format);
  g_test_add_func ("/validate/date/age", test_date_age);

  g_test_add_func ("/validate/dob/valid", test_dob_valid);
  g_test_add_func ("/validate/dob/future", test_dob_future);
  g_test_add_func ("/validate/dob/too-old", test_dob_too_old);
  g_test_add_func ("/validate/dob/parse-errors", test_dob_errors_from_parse);

  g_test_add_func ("/validate/postcode/valid", test_postcode_valid);
  g_test_add_func ("/validate/postcode/invalid", test_postcode_invalid);
  g_test_add_func ("/validate/postcode/required", test_postcode_required);

  g_test_add_func ("/validate/phone/uk", test_phone_uk);
  g_test_add_func ("/validate/phone/international", test_phone_international);
  g_test_add_func ("/validate/phone/invalid", test_phone_invalid);
  g_test_add_func ("/validate/phone/required", test_phone_required);
  g_test_add_func ("/validate/phone/digits", test_phone_digits);

  g_test_add_func ("/validate/email/check", test_email);

  g_test_add_func ("/validate/fold/names", test_fold);
  g_test_add_func ("/validate/fold/invalid-utf8", test_fold_invalid_utf8);
  g_test_add_func ("/validate/compact/codes", test_compact);

  return g_test_run ();
}
