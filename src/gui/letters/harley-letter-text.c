/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-letter-text"

/* The letter's text as the secretary types it: Harley letter text, the
 * same words the PDF is drawn from, shown with its headings large, bold
 * and italic runs in bold and italic, and the few marks that make them
 * ("## ", "- ", "**", "*") dimmed, as GNOME's Markdown editors do. What
 * is stored is exactly what is on screen, so nothing is lost between the
 * editor and the letter. */

#include <string.h>

#include "harley-letter-text.h"

static const char * const style_tags[] = { "heading", "bold", "italic", "mark", "field" };

void
harley_letter_text_install_tags (GtkTextBuffer *buffer)
{
  gtk_text_buffer_create_tag (buffer, "heading", "weight", PANGO_WEIGHT_BOLD, "scale", 1.2,
                              "pixels-above-lines", 6, NULL);
  gtk_text_buffer_create_tag (buffer, "bold", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "italic", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "mark", "foreground", "#9a9996", NULL);
  gtk_text_buffer_create_tag (buffer, "field", "foreground", "#1c71d8", NULL);
}

static void
tag_chars (GtkTextBuffer *buffer,
           const char    *tag,
           int            line,
           int            start,
           int            end)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_line_offset (buffer, &a, line, start);
  gtk_text_buffer_get_iter_at_line_offset (buffer, &b, line, end);
  gtk_text_buffer_apply_tag_by_name (buffer, tag, &a, &b);
}

/* Where a run of @marker ("*" or "**") closes on the line, from @from;
 * -1 if it does not. Offsets are in characters. */
static int
find_close (const gunichar *chars,
            int             n,
            int             from,
            int             width)
{
  for (int i = from; i + width <= n; i++)
    {
      if (chars[i] == '\\')
        {
          i++;
          continue;
        }
      if (chars[i] == '*' && (width == 1 || chars[i + 1] == '*')
          && (width == 2 || i + 1 >= n || chars[i + 1] != '*'))
        return i;
    }
  return -1;
}

static void
highlight_emphasis (GtkTextBuffer  *buffer,
                    int             line,
                    const gunichar *chars,
                    int             n,
                    int             from)
{
  for (int i = from; i < n; i++)
    {
      int width, close;

      if (chars[i] == '\\')
        {
          tag_chars (buffer, "mark", line, i, MIN (i + 1, n));
          i++;
          continue;
        }
      if (chars[i] == '{' && i + 1 < n && chars[i + 1] == '{')
        {
          for (close = i + 2; close + 1 < n && !(chars[close] == '}' && chars[close + 1] == '}'); close++)
            ;
          if (close + 1 < n)
            {
              tag_chars (buffer, "field", line, i, close + 2);
              i = close + 1;
            }
          continue;
        }
      if (chars[i] != '*')
        continue;
      width = i + 1 < n && chars[i + 1] == '*' ? 2 : 1;
      if ((close = find_close (chars, n, i + width, width)) < 0 || close == i + width)
        {
          i += width - 1;
          continue;
        }
      tag_chars (buffer, "mark", line, i, i + width);
      tag_chars (buffer, width == 2 ? "bold" : "italic", line, i + width, close);
      tag_chars (buffer, "mark", line, close, close + width);
      i = close + width - 1;
    }
}

static void
highlight_line (GtkTextBuffer *buffer,
                int            line,
                const char    *text)
{
  glong n = 0;
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (text, -1, &n);
  int from = 0;

  if (g_str_has_prefix (text, "## ") || g_str_has_prefix (text, "# "))
    {
      from = text[1] == '#' ? 3 : 2;
      tag_chars (buffer, "mark", line, 0, from);
      tag_chars (buffer, "heading", line, from, (int) n);
    }
  else if (g_str_has_prefix (text, "- ") || g_str_has_prefix (text, "* "))
    {
      from = 2;
      tag_chars (buffer, "mark", line, 0, 1);
    }
  highlight_emphasis (buffer, line, chars, (int) n, from);
}

/**
 * harley_letter_text_highlight:
 *
 * Styles the whole text again. A letter is a few thousand characters,
 * so this costs well under a millisecond and keeps the rules simple.
 */
void
harley_letter_text_highlight (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  /* Only our own tags: the spell checker keeps its marks */
  for (guint i = 0; i < G_N_ELEMENTS (style_tags); i++)
    gtk_text_buffer_remove_tag_by_name (buffer, style_tags[i], &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  lines = g_strsplit (text, "\n", -1);
  for (int i = 0; lines[i] != NULL; i++)
    highlight_line (buffer, i, lines[i]);
}

static gboolean
line_has_prefix (GtkTextBuffer *buffer,
                 int            line,
                 const char    *prefix)
{
  GtkTextIter a, b;
  g_autofree char *start = NULL;
  glong n = g_utf8_strlen (prefix, -1);

  gtk_text_buffer_get_iter_at_line (buffer, &a, line);
  b = a;
  for (glong i = 0; i < n && !gtk_text_iter_ends_line (&b); i++)
    gtk_text_iter_forward_char (&b);
  start = gtk_text_iter_get_text (&a, &b);
  return strcmp (start, prefix) == 0;
}

/**
 * harley_letter_text_toggle_prefix:
 * @prefix: "## " for a heading, "- " for a list
 *
 * Makes each line of the selection (or the cursor's line) a heading or
 * a list item, or back to a paragraph when the first already is one.
 */
void
harley_letter_text_toggle_prefix (GtkTextBuffer *buffer,
                                  const char    *prefix)
{
  GtkTextIter start, end;
  int first, last;
  gboolean remove;
  glong n = g_utf8_strlen (prefix, -1);

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  first = gtk_text_iter_get_line (&start);
  last = gtk_text_iter_get_line (&end);
  if (last > first && gtk_text_iter_starts_line (&end))
    last--;
  remove = line_has_prefix (buffer, first, prefix);
  gtk_text_buffer_begin_user_action (buffer);
  for (int line = first; line <= last; line++)
    {
      GtkTextIter a, b;

      gtk_text_buffer_get_iter_at_line (buffer, &a, line);
      if (remove && line_has_prefix (buffer, line, prefix))
        {
          gtk_text_buffer_get_iter_at_line_offset (buffer, &b, line, (int) n);
          gtk_text_buffer_delete (buffer, &a, &b);
        }
      else if (!remove && !line_has_prefix (buffer, line, prefix))
        gtk_text_buffer_insert (buffer, &a, prefix, -1);
    }
  gtk_text_buffer_end_user_action (buffer);
}

/**
 * harley_letter_text_toggle_wrap:
 * @marker: "**" for bold, "*" for italic
 *
 * Puts the selection in bold or italic, or takes it out when the marks
 * are already around it; with no selection, places the marks and the
 * cursor between them, ready to type.
 */
void
harley_letter_text_toggle_wrap (GtkTextBuffer *buffer,
                                const char    *marker)
{
  GtkTextIter start, end, before, after;
  int n = (int) strlen (marker);
  g_autofree char *outside_before = NULL;
  g_autofree char *outside_after = NULL;
  GtkTextMark *end_mark;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  before = start;
  after = end;
  gtk_text_iter_backward_chars (&before, n);
  gtk_text_iter_forward_chars (&after, n);
  outside_before = gtk_text_iter_get_text (&before, &start);
  outside_after = gtk_text_iter_get_text (&end, &after);
  gtk_text_buffer_begin_user_action (buffer);
  if (strcmp (outside_before, marker) == 0 && strcmp (outside_after, marker) == 0
      && !gtk_text_iter_equal (&start, &end))
    {
      end_mark = gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE);
      gtk_text_buffer_delete (buffer, &before, &start);
      gtk_text_buffer_get_iter_at_mark (buffer, &end, end_mark);
      after = end;
      gtk_text_iter_forward_chars (&after, n);
      gtk_text_buffer_delete (buffer, &end, &after);
      gtk_text_buffer_delete_mark (buffer, end_mark);
    }
  else
    {
      end_mark = gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE);
      gtk_text_buffer_insert (buffer, &start, marker, -1);
      gtk_text_buffer_get_iter_at_mark (buffer, &end, end_mark);
      gtk_text_buffer_insert (buffer, &end, marker, -1);
      gtk_text_iter_backward_chars (&end, n);
      if (gtk_text_buffer_get_has_selection (buffer) == FALSE)
        gtk_text_buffer_place_cursor (buffer, &end);
      gtk_text_buffer_delete_mark (buffer, end_mark);
    }
  gtk_text_buffer_end_user_action (buffer);
}
