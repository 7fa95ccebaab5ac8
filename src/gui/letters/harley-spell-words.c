/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-spell-words"

/* Finds the words of prose in a piece of "Harley letter text", leaving out
 * what a dictionary would only complain about:
 *
 *  - the markup: "## " headings, "- " list items, **bold**, *italic* and
 *    backslash escapes are punctuation here, so "**Diagnosis**" gives the
 *    word "Diagnosis";
 *  - merge fields ("{{patient.dob}}", also "{{ patient.dob }}") and
 *    anything written against one ("{{patient.surname}}'s");
 *  - addresses: URLs, e-mail addresses, "example.co.uk", "e.g.";
 *  - numbers and words with digits in them: NHS and hospital numbers,
 *    dates, doses ("485 777 3456", "07/03/1965", "B12", "3rd");
 *  - abbreviations: short words in capitals (GP, NHS, BCC) and words with
 *    a capital inside (eGFR, mmHg, PhD).
 *
 * A word keeps its inner apostrophes (' and ’: "patient's", "don’t") and
 * hyphens ("follow-up"); the checker decides about a hyphenated word's
 * parts. No GTK here, so the rules are easy to test.
 */

#include "harley-spell-words.h"

/* Longer words in capitals are checked ("REFERRAL"): hunspell accepts the
 * capitals of any word it knows. */
#define MAX_ABBREVIATION 6

/* A piece of the text being scanned, as characters. */
typedef struct
{
  const gunichar *s;
  glong           n;
} Text;

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_joiner (gunichar c)
{
  return c == '\'' || c == 0x2019 /* ’ */ || c == '-';
}

/**
 * harley_spell_words_is_part:
 * @c: a character
 *
 * Whether @c can be part of a word: a letter, digit or accent, or an
 * apostrophe or hyphen that may join two parts.
 *
 * Returns: %TRUE if it can
 */
gboolean
harley_spell_words_is_part (gunichar c)
{
  return is_word_char (c) || is_joiner (c);
}

static gboolean
is_brace (gunichar c)
{
  return c == '{' || c == '}';
}

static gboolean
has_pair_at (const Text *t,
             glong       i,
             gunichar    c)
{
  return i + 1 < t->n && t->s[i] == c && t->s[i + 1] == c;
}

/* The text may begin inside a merge field when the checker cut it from a
 * long line: a "}}" before any "{{" on the first line says so. */
static gboolean
starts_inside_field (const Text *t)
{
  for (glong i = 0; i < t->n && t->s[i] != '\n'; i++)
    {
      if (has_pair_at (t, i, '{'))
        return FALSE;
      if (has_pair_at (t, i, '}'))
        return TRUE;
    }
  return FALSE;
}

/* Follows the merge fields through [start, end); TRUE when any of it is
 * inside one or touches a brace. */
static gboolean
walk_fields (const Text *t,
             glong       start,
             glong       end,
             gboolean   *in_field)
{
  gboolean touched = *in_field;

  for (glong i = start; i < end; i++)
    {
      touched |= is_brace (t->s[i]);
      if (!*in_field && has_pair_at (t, i, '{') && (i == 0 || t->s[i - 1] != '\\'))
        {
          *in_field = TRUE;
          i++;
        }
      else if (*in_field && has_pair_at (t, i, '}'))
        {
          *in_field = FALSE;
          i++;
        }
    }
  return touched;
}

static gboolean
has_ascii_at (const Text *t,
              glong       i,
              const char *ascii)
{
  for (glong k = 0; ascii[k] != '\0'; k++)
    if (i + k >= t->n || g_unichar_tolower (t->s[i + k]) != (gunichar) ascii[k])
      return FALSE;
  return TRUE;
}

/* URLs, e-mail addresses and dotted names ("nhs.uk", "e.g."). */
static gboolean
is_address (const Text *t,
            glong       start,
            glong       end)
{
  for (glong i = start; i < end; i++)
    {
      gunichar c = t->s[i];

      if (c == '@' || has_ascii_at (t, i, "://") || has_ascii_at (t, i, "www."))
        return TRUE;
      if (c == '.' && i > start && i + 1 < end
          && g_unichar_isalnum (t->s[i - 1]) && g_unichar_isalnum (t->s[i + 1]))
        return TRUE;
    }
  return FALSE;
}

/* Capitals after the first letter of a part, with small letters too:
 * eGFR, mmHg, PhD, GP's. "Follow-Up" is fine. */
static gboolean
has_inner_capital (const Text *t,
                   glong       start,
                   glong       end)
{
  gboolean inner_upper = FALSE;
  gboolean lower = FALSE;

  for (glong i = start; i < end; i++)
    {
      gboolean part_start = i == start || t->s[i - 1] == '-';

      lower |= g_unichar_islower (t->s[i]);
      inner_upper |= !part_start && g_unichar_isupper (t->s[i]);
    }
  return inner_upper && lower;
}

static gboolean
is_prose_word (const Text *t,
               glong       start,
               glong       end)
{
  int letters = 0;
  int upper = 0;

  for (glong i = start; i < end; i++)
    {
      gunichar c = t->s[i];

      if (g_unichar_isdigit (c))
        return FALSE;
      letters += g_unichar_isalpha (c);
      upper += g_unichar_isupper (c);
    }
  if (letters >= 2 && upper == letters && end - start <= MAX_ABBREVIATION)
    return FALSE;
  return !has_inner_capital (t, start, end);
}

/* The end of the word starting at @i: word characters, joined by single
 * apostrophes or hyphens with word characters on both sides. */
static glong
word_end (const Text *t,
          glong       i,
          glong       end)
{
  while (i < end)
    {
      if (is_word_char (t->s[i]))
        i++;
      else if (is_joiner (t->s[i]) && i + 1 < end && is_word_char (t->s[i + 1]))
        i += 2;
      else
        break;
    }
  return i;
}

static void
add_words (const Text *t,
           glong       start,
           glong       end,
           GArray     *words)
{
  glong i = start;

  while (i < end)
    {
      glong stop;

      if (!is_word_char (t->s[i]))
        {
          i++;
          continue;
        }
      stop = word_end (t, i, end);
      if (is_prose_word (t, i, stop))
        {
          HarleySpellWord word = { (int) i, (int) stop };

          g_array_append_val (words, word);
        }
      i = stop;
    }
}

static glong
chunk_end (const Text *t,
           glong       i)
{
  while (i < t->n && !g_unichar_isspace (t->s[i]))
    i++;
  return i;
}

/**
 * harley_spell_words_find:
 * @text: UTF-8 letter text, one or more lines or a piece of one
 *
 * Finds the words of @text worth a spelling check (see the top of this
 * file for what is left out), working through it one run of non-spaces at
 * a time, as an address or a merge field is one such run.
 *
 * Returns: (transfer full) (element-type HarleySpellWord): the words, in
 *   order
 */
GArray *
harley_spell_words_find (const char *text)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (HarleySpellWord));
  g_autofree gunichar *chars = NULL;
  gboolean in_field;
  Text t;
  glong i = 0;

  g_return_val_if_fail (text != NULL, words);

  chars = g_utf8_to_ucs4_fast (text, -1, &t.n);
  t.s = chars;
  in_field = starts_inside_field (&t);
  while (i < t.n)
    {
      glong stop;

      if (g_unichar_isspace (t.s[i]))
        {
          /* A field left open ends with its line. */
          if (t.s[i] == '\n')
            in_field = FALSE;
          i++;
          continue;
        }
      stop = chunk_end (&t, i);
      if (!walk_fields (&t, i, stop, &in_field) && !is_address (&t, i, stop))
        add_words (&t, i, stop, words);
      i = stop;
    }
  return words;
}
