/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-letter-pdf"

/* Harley letter text, read into blocks for the letter's PDF, and the
 * recipient's address put into Royal Mail style.
 *
 * Harley letter text is a small Markdown subset, in UTF-8:
 *
 *   - a blank line ends a paragraph; a single line break inside one is
 *     kept, as the secretary typed it;
 *   - a line starting "## " is a heading;
 *   - a line starting "- " is a list item; lines after it, up to a blank
 *     line or the next item, go on with it;
 *   - **bold** and *italic* inline; a mark opens only before a non-space
 *     and closes only after one, and one never closed is printed as it is
 *     ("5 * 3", "**");
 *   - a backslash prints the next character as it is (\*, \#, \-, \\,
 *     \{), so a merged value cannot change the layout.
 *
 * Spaces at the start of a line are dropped. */

#include <string.h>

#include "harley-letter-pdf-private.h"

/* Inline marks {{{1 */

typedef enum
{
  TOKEN_TEXT,
  TOKEN_BOLD,     /* ** */
  TOKEN_ITALIC,   /* *  */
} TokenKind;

typedef struct
{
  TokenKind  kind;
  GString   *text;        /* TOKEN_TEXT: the literal text */
  gboolean   can_open;    /* a non-space follows the mark */
  gboolean   can_close;   /* a non-space precedes it */
} Token;

static void
token_clear (Token *token)
{
  if (token->text != NULL)
    g_string_free (token->text, TRUE);
}

static Token *
last_text (GArray *tokens)
{
  Token *last = tokens->len > 0 ? &g_array_index (tokens, Token, tokens->len - 1) : NULL;
  Token text = { TOKEN_TEXT, NULL, FALSE, FALSE };

  if (last != NULL && last->kind == TOKEN_TEXT)
    return last;
  text.text = g_string_new (NULL);
  g_array_append_val (tokens, text);
  return &g_array_index (tokens, Token, tokens->len - 1);
}

static gboolean
is_space_at (const char *text,
             const char *p)
{
  return p < text || *p == '\0' || g_unichar_isspace (g_utf8_get_char (p));
}

static GArray *
tokenize (const char *text)
{
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  const char *p = text;

  g_array_set_clear_func (tokens, (GDestroyNotify) token_clear);
  while (*p != '\0')
    {
      if (*p == '\\' && p[1] != '\0')
        {
          const char *next = g_utf8_next_char (p + 1);

          g_string_append_len (last_text (tokens)->text, p + 1, next - (p + 1));
          p = next;
        }
      else if (*p == '*')
        {
          Token mark = { p[1] == '*' ? TOKEN_BOLD : TOKEN_ITALIC, NULL, FALSE, FALSE };
          const char *after = p + (mark.kind == TOKEN_BOLD ? 2 : 1);

          mark.can_close = p > text && !is_space_at (text, g_utf8_prev_char (p));
          mark.can_open = !is_space_at (text, after);
          g_array_append_val (tokens, mark);
          p = after;
        }
      else
        {
          const char *next = g_utf8_next_char (p);

          g_string_append_len (last_text (tokens)->text, p, next - p);
          p = next;
        }
    }
  return tokens;
}

static gboolean
closes_later (GArray    *tokens,
              guint      from,
              TokenKind  kind)
{
  for (guint i = from + 1; i < tokens->len; i++)
    {
      const Token *t = &g_array_index (tokens, Token, i);

      if (t->kind == kind && t->can_close)
        return TRUE;
    }
  return FALSE;
}

static void
append_run (GString    *markup,
            const char *text,
            gboolean    bold,
            gboolean    italic)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append_printf (markup, "%s%s%s%s%s", bold ? "<b>" : "", italic ? "<i>" : "", escaped,
                          italic ? "</i>" : "", bold ? "</b>" : "");
}

/* Each run of text carries its own tags, so marks that overlap rather
 * than nest ("**a *b** c*") still make well-formed markup. */
static char *
inline_markup (const char *text)
{
  g_autoptr(GArray) tokens = tokenize (text);
  GString *markup = g_string_new (NULL);
  gboolean open[3] = { FALSE, FALSE, FALSE };

  for (guint i = 0; i < tokens->len; i++)
    {
      const Token *t = &g_array_index (tokens, Token, i);

      if (t->kind == TOKEN_TEXT)
        append_run (markup, t->text->str, open[TOKEN_BOLD], open[TOKEN_ITALIC]);
      else if (open[t->kind] && t->can_close)
        open[t->kind] = FALSE;
      else if (!open[t->kind] && t->can_open && closes_later (tokens, i, t->kind))
        open[t->kind] = TRUE;
      else
        append_run (markup, t->kind == TOKEN_BOLD ? "**" : "*", open[TOKEN_BOLD], open[TOKEN_ITALIC]);
    }
  return g_string_free (markup, FALSE);
}

/* Blocks {{{1 */

typedef struct
{
  GArray                *blocks;
  HarleyLetterBlockKind  kind;
  GString               *text;   /* the open block's text, or NULL */
} Reader;

static void
block_clear (HarleyLetterBlock *block)
{
  g_free (block->markup);
}

static void
end_block (Reader *reader)
{
  HarleyLetterBlock block;

  if (reader->text == NULL)
    return;
  block.kind = reader->kind;
  block.markup = inline_markup (reader->text->str);
  g_string_free (g_steal_pointer (&reader->text), TRUE);
  if (block.markup[0] != '\0')
    g_array_append_val (reader->blocks, block);
  else
    g_free (block.markup);
}

static void
start_block (Reader                *reader,
             HarleyLetterBlockKind  kind,
             const char            *text)
{
  end_block (reader);
  reader->kind = kind;
  reader->text = g_string_new (text);
}

static void
read_line (Reader *reader,
           char   *line)
{
  const char *text = line;
  gsize len = strlen (line);

  if (len > 0 && line[len - 1] == '\r')
    line[len - 1] = '\0';
  while (*text == ' ' || *text == '\t')
    text++;
  if (*text == '\0')
    end_block (reader);
  else if (g_str_has_prefix (text, "## "))
    {
      start_block (reader, HARLEY_LETTER_BLOCK_HEADING, g_strstrip (line + (text - line) + 3));
      end_block (reader);
    }
  else if (g_str_has_prefix (text, "- "))
    start_block (reader, HARLEY_LETTER_BLOCK_ITEM, text + 2);
  else if (reader->text == NULL)
    start_block (reader, HARLEY_LETTER_BLOCK_PARAGRAPH, text);
  else
    g_string_append_printf (reader->text, "\n%s", text);
}

/*
 * _harley_letter_text_parse:
 * @text: (nullable): Harley letter text
 *
 * Returns: (transfer full): the blocks, HarleyLetterBlock, in order;
 *   empty ones are left out
 */
GArray *
_harley_letter_text_parse (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  Reader reader = { NULL, HARLEY_LETTER_BLOCK_PARAGRAPH, NULL };

  reader.blocks = g_array_new (FALSE, TRUE, sizeof (HarleyLetterBlock));
  g_array_set_clear_func (reader.blocks, (GDestroyNotify) block_clear);
  for (guint i = 0; lines[i] != NULL; i++)
    read_line (&reader, lines[i]);
  end_block (&reader);
  return reader.blocks;
}

/* Royal Mail style {{{1 */

#define POSTCODE "[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}"

static gboolean
is_postcode (const char *text)
{
  return g_regex_match_simple ("^" POSTCODE "$", text, G_REGEX_CASELESS, 0);
}

/* Spaces collapsed, and commas, full stops and semicolons dropped from
 * the ends: "  London, " → "London". */
static char *
clean_line (const char *line)
{
  g_autofree char *copy = g_strdup (line != NULL ? line : "");
  g_auto(GStrv) words = NULL;
  char *text = g_strstrip (copy);
  gsize len;

  while (*text == ',' || *text == '.' || *text == ';' || *text == ' ')
    text++;
  len = strlen (text);
  while (len > 0 && strchr (",.; \t", text[len - 1]) != NULL)
    text[--len] = '\0';
  words = g_regex_split_simple ("\\s+", text, 0, 0);
  return g_strjoinv (" ", words);
}

/* "w1g9pf" → "W1G 9PF": the inward code, always three characters, after
 * a single space. */
static char *
format_postcode (const char *text)
{
  g_autofree char *upper = g_ascii_strup (text, -1);
  GString *postcode = g_string_new (NULL);
  gsize len;

  for (const char *p = upper; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (postcode, *p);
  len = postcode->len;
  g_string_insert_c (postcode, len - 3, ' ');
  return g_string_free (postcode, FALSE);
}

/* "London W1G 9PF" on one line becomes two. */
static void
split_town_postcode (GPtrArray *lines)
{
  g_autoptr(GRegex) regex = g_regex_new ("^(.*[^ ,]),? +(" POSTCODE ")$", G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  const char *last;
  char *town;

  if (lines->len < 2)
    return;
  last = g_ptr_array_index (lines, lines->len - 1);
  if (is_postcode (last) || !g_regex_match (regex, last, 0, &match))
    return;
  town = g_match_info_fetch (match, 1);
  g_ptr_array_add (lines, g_match_info_fetch (match, 2));
  g_free (lines->pdata[lines->len - 2]);
  lines->pdata[lines->len - 2] = town;
}

/**
 * harley_format_royal_mail_address:
 * @lines: (array zero-terminated=1) (nullable): the addressee's name,
 *   then the address, with the post town and the postcode as the last two
 *   lines (or together as the last: "London W1G 9PF")
 *
 * Puts an address into Royal Mail style, to be printed left aligned a
 * line at a time: empty lines are left out; spaces are collapsed; commas,
 * full stops and semicolons at the start or end of a line are dropped
 * ("London," → "London") but those inside a line are kept, since they
 * separate parts of one line ("Flat 2, 10 High Street"); the post town
 * goes into capitals and the postcode onto a line of its own, in
 * capitals with one space before its last three characters. With no
 * postcode at the end, the last line is taken for the post town (or a
 * country, which Royal Mail also wants in capitals). The first line, the
 * addressee, is never put into capitals.
 *
 * Returns: (transfer full) (array zero-terminated=1): the lines
 */
char **
harley_format_royal_mail_address (const char * const *lines)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  guint town;

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], "\n", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          char *line = clean_line (parts[j]);

          if (line[0] != '\0')
            g_ptr_array_add (out, line);
          else
            g_free (line);
        }
    }
  split_town_postcode (out);
  if (out->len >= 2 && is_postcode (g_ptr_array_index (out, out->len - 1)))
    {
      char *postcode = format_postcode (g_ptr_array_index (out, out->len - 1));

      g_free (out->pdata[out->len - 1]);
      out->pdata[out->len - 1] = postcode;
      town = out->len - 2;
    }
  else
    town = out->len - 1;
  if (out->len >= 2 && town >= 1)
    {
      char *upper = g_utf8_strup (g_ptr_array_index (out, town), -1);

      g_free (out->pdata[town]);
      out->pdata[town] = upper;
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}
