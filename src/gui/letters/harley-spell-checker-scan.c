/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-spell-checker"

/* Finding and marking misspelt words.
 *
 * Edits tag what they touched, out to the whole words around it, with
 * the invisible "unchecked" tag; an idle source of low priority then
 * works through the unchecked text a piece at a time, for at most
 * BUDGET_USEC in each run, so that typing and drawing always come first
 * and a long letter pasted in is checked over a few frames. Setting the
 * text is one big insertion, checked the same way.
 *
 * Each piece is checked with its context, out to the start and end of
 * its line when that is near, as a merge field or an address is only
 * known from the whole of it. The word being typed is left unchecked
 * until the cursor leaves it, so that "recie" is not underlined on the
 * way to "recieve" (which is, once the space is typed).
 */

#include <string.h>

#include "harley-spell-checker-private.h"
#include "harley-spell-words.h"

#define BUDGET_USEC   (4 * 1000)
#define PIECE_CHARS   2000   /* of unchecked text in one go */
#define CONTEXT_CHARS 256    /* how far to look for the line's start or end */
#define TYPED_CHARS   4      /* an input method may commit a few at once */

/* Iterators {{{1 */

static gboolean
is_space_at (const GtkTextIter *iter)
{
  return g_unichar_isspace (gtk_text_iter_get_char (iter));
}

static void
back_to_chunk_start (GtkTextIter *iter)
{
  while (gtk_text_iter_backward_char (iter))
    if (is_space_at (iter))
      {
        gtk_text_iter_forward_char (iter);
        break;
      }
}

static void
on_to_chunk_end (GtkTextIter *iter)
{
  while (!gtk_text_iter_is_end (iter) && !is_space_at (iter))
    gtk_text_iter_forward_char (iter);
}

static void
back_to_context (GtkTextIter *iter)
{
  GtkTextIter line = *iter;

  gtk_text_iter_set_line_offset (&line, 0);
  if (gtk_text_iter_get_offset (iter) - gtk_text_iter_get_offset (&line) <= CONTEXT_CHARS)
    *iter = line;
  else
    back_to_chunk_start (iter);
}

static void
on_to_context (GtkTextIter *iter)
{
  GtkTextIter line = *iter;

  if (!gtk_text_iter_ends_line (&line))
    gtk_text_iter_forward_to_line_end (&line);
  if (gtk_text_iter_get_offset (&line) - gtk_text_iter_get_offset (iter) <= CONTEXT_CHARS)
    *iter = line;
  else
    on_to_chunk_end (iter);
}

/* The range of @tag at or after @start: moves @start to its beginning and
 * sets @end; FALSE when there is none. */
static gboolean
find_tag_range (GtkTextTag  *tag,
                GtkTextIter *start,
                GtkTextIter *end)
{
  if (!gtk_text_iter_has_tag (start, tag) && !gtk_text_iter_forward_to_tag_toggle (start, tag))
    return FALSE;
  if (!gtk_text_iter_has_tag (start, tag))
    return FALSE;
  *end = *start;
  gtk_text_iter_forward_to_tag_toggle (end, tag);
  return TRUE;
}

static gboolean
is_between (const GtkTextIter *iter,
            const GtkTextIter *start,
            const GtkTextIter *end)
{
  return gtk_text_iter_compare (start, iter) <= 0 && gtk_text_iter_compare (iter, end) <= 0;
}

static void
get_cursor (HarleySpellChecker *self,
            GtkTextIter        *cursor)
{
  gtk_text_buffer_get_iter_at_mark (self->buffer, cursor, gtk_text_buffer_get_insert (self->buffer));
}

/* The word being typed {{{1 */

static void
stop_typing (HarleySpellChecker *self)
{
  if (self->typing != NULL)
    gtk_text_buffer_delete_mark (self->buffer, self->typing);
  self->typing = NULL;
}

static void
start_typing (HarleySpellChecker *self,
              const GtkTextIter  *where)
{
  if (self->typing == NULL)
    self->typing = gtk_text_buffer_create_mark (self->buffer, NULL, where, TRUE);
  else
    gtk_text_buffer_move_mark (self->buffer, self->typing, where);
}

/* Both the cursor and where the typing was are in [start, end]. */
static gboolean
is_being_typed (HarleySpellChecker *self,
                const GtkTextIter  *start,
                const GtkTextIter  *end)
{
  GtkTextIter typing;
  GtkTextIter cursor;

  if (self->typing == NULL)
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &typing, self->typing);
  get_cursor (self, &cursor);
  return is_between (&typing, start, end) && is_between (&cursor, start, end);
}

static void
get_typed_word (HarleySpellChecker *self,
                GtkTextIter        *start,
                GtkTextIter        *end)
{
  gtk_text_buffer_get_iter_at_mark (self->buffer, start, self->typing);
  *end = *start;
  while (gtk_text_iter_backward_char (start))
    if (!harley_spell_words_is_part (gtk_text_iter_get_char (start)))
      {
        gtk_text_iter_forward_char (start);
        break;
      }
  while (!gtk_text_iter_is_end (end) && harley_spell_words_is_part (gtk_text_iter_get_char (end)))
    gtk_text_iter_forward_char (end);
}

/* Typing is a few characters, no spaces, put in at the cursor; a short
 * text set as the whole of the buffer (gtk_text_buffer_set_text ()) is
 * not, though the first letter typed into an empty one is. */
static gboolean
is_typed (HarleySpellChecker *self,
          const GtkTextIter  *end,
          const char         *text,
          int                 length)
{
  glong n_chars = g_utf8_strlen (text, length);
  GtkTextIter cursor;

  if (self->replacing || n_chars > TYPED_CHARS
      || (n_chars > 1 && n_chars == gtk_text_buffer_get_char_count (self->buffer)))
    return FALSE;
  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  get_cursor (self, &cursor);
  return gtk_text_iter_equal (&cursor, end);
}

/* Checking {{{1 */

static gboolean
is_active (HarleySpellChecker *self)
{
  return self->enabled && self->dict != NULL && self->buffer != NULL;
}

/* A hyphenated word passes whole ("follow-up") or part by part: only the
 * misspelt parts are marked. */
static void
mark_parts (HarleySpellChecker *self,
            const char         *word,
            const GtkTextIter  *start)
{
  g_auto(GStrv) parts = g_strsplit (word, "-", -1);
  GtkTextIter part_start = *start;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      GtkTextIter part_end = part_start;

      gtk_text_iter_forward_chars (&part_end, g_utf8_strlen (parts[i], -1));
      if (!harley_spell_checker_check_word (self, parts[i]))
        gtk_text_buffer_apply_tag (self->buffer, self->misspelt_tag, &part_start, &part_end);
      part_start = part_end;
      gtk_text_iter_forward_char (&part_start);
    }
}

static void
mark_if_misspelt (HarleySpellChecker *self,
                  const GtkTextIter  *start,
                  const GtkTextIter  *end)
{
  g_autofree char *word = gtk_text_iter_get_slice (start, end);

  if (harley_spell_checker_check_word (self, word))
    return;
  if (strchr (word, '-') != NULL)
    mark_parts (self, word, start);
  else
    gtk_text_buffer_apply_tag (self->buffer, self->misspelt_tag, start, end);
}

/* Checks every word in [start, end), which is out to word boundaries, and
 * leaves only the word being typed unchecked. */
static void
check_window (HarleySpellChecker *self,
              const GtkTextIter  *start,
              const GtkTextIter  *end)
{
  /* A slice, not the text: a picture in the buffer is one character of it
   * too, so offsets in the slice are offsets in the buffer. */
  g_autofree char *text = gtk_text_iter_get_slice (start, end);
  g_autoptr(GArray) words = harley_spell_words_find (text);
  GtkTextIter word_start = *start;
  int offset = 0;

  gtk_text_buffer_remove_tag (self->buffer, self->misspelt_tag, start, end);
  gtk_text_buffer_remove_tag (self->buffer, self->unchecked_tag, start, end);
  for (guint i = 0; i < words->len; i++)
    {
      const HarleySpellWord *word = &g_array_index (words, HarleySpellWord, i);
      GtkTextIter word_end;

      gtk_text_iter_forward_chars (&word_start, word->start - offset);
      word_end = word_start;
      gtk_text_iter_forward_chars (&word_end, word->end - word->start);
      offset = word->end;
      if (is_being_typed (self, &word_start, &word_end))
        gtk_text_buffer_apply_tag (self->buffer, self->unchecked_tag, &word_start, &word_end);
      else
        mark_if_misspelt (self, &word_start, &word_end);
      word_start = word_end;
    }
}

/* Checks the next piece of unchecked text from the scan mark on; FALSE
 * when there is none. */
static gboolean
check_next_piece (HarleySpellChecker *self)
{
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->scan);
  if (!find_tag_range (self->unchecked_tag, &start, &end))
    return FALSE;
  if (gtk_text_iter_get_offset (&end) - gtk_text_iter_get_offset (&start) > PIECE_CHARS)
    gtk_text_iter_set_offset (&end, gtk_text_iter_get_offset (&start) + PIECE_CHARS);
  back_to_context (&start);
  on_to_context (&end);
  check_window (self, &start, &end);
  gtk_text_buffer_move_mark (self->buffer, self->scan, &end);
  return TRUE;
}

/* A pass ends at the end of the text; text queued behind the scan mark
 * during it needs another. */
static gboolean
start_next_pass (HarleySpellChecker *self)
{
  GtkTextIter start;

  if (!self->requeued)
    return FALSE;
  self->requeued = FALSE;
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  gtk_text_buffer_move_mark (self->buffer, self->scan, &start);
  return TRUE;
}

static gboolean
check_some_cb (gpointer data)
{
  HarleySpellChecker *self = data;
  gint64 deadline = g_get_monotonic_time () + BUDGET_USEC;

  do
    {
      if (!check_next_piece (self) && !start_next_pass (self))
        {
          self->check_source = 0;
          return G_SOURCE_REMOVE;
        }
    }
  while (g_get_monotonic_time () < deadline);
  return G_SOURCE_CONTINUE;
}

static void
schedule (HarleySpellChecker *self)
{
  self->requeued = TRUE;
  if (self->check_source != 0)
    return;
  /* Below GTK's redraw and resize, so they always go first. */
  self->check_source = g_idle_add_full (G_PRIORITY_LOW, check_some_cb, self, NULL);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->check_source),
                            "[harley] spell check");
}

/* Queueing {{{1 */

/**
 * _harley_spell_checker_queue:
 * @self: a checker
 * @start: the start of what changed
 * @end: its end (the same as @start after a deletion)
 *
 * Has the words touching [@start, @end] checked soon, with the characters
 * either side, since an edit can join two words or split one.
 */
void
_harley_spell_checker_queue (HarleySpellChecker *self,
                             const GtkTextIter  *start,
                             const GtkTextIter  *end)
{
  GtkTextIter from = *start;
  GtkTextIter to = *end;

  if (!is_active (self))
    return;
  gtk_text_iter_backward_char (&from);
  back_to_chunk_start (&from);
  gtk_text_iter_forward_char (&to);
  on_to_chunk_end (&to);
  gtk_text_buffer_apply_tag (self->buffer, self->unchecked_tag, &from, &to);
  schedule (self);
}

void
_harley_spell_checker_queue_all (HarleySpellChecker *self)
{
  GtkTextIter start;
  GtkTextIter end;

  if (!is_active (self))
    return;
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_apply_tag (self->buffer, self->unchecked_tag, &start, &end);
  schedule (self);
}

/* Stops checking and takes every mark away. */
void
_harley_spell_checker_clear (HarleySpellChecker *self)
{
  GtkTextIter start;
  GtkTextIter end;

  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->buffer == NULL)
    return;
  stop_typing (self);
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->misspelt_tag, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->unchecked_tag, &start, &end);
}

/* After "Add to Dictionary" or "Ignore": every mark on @word goes. */
void
_harley_spell_checker_unmark_word (HarleySpellChecker *self,
                                   const char         *word)
{
  GtkTextIter start;
  GtkTextIter end;

  if (self->buffer == NULL)
    return;
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  while (find_tag_range (self->misspelt_tag, &start, &end))
    {
      g_autofree char *marked = gtk_text_iter_get_slice (&start, &end);

      if (strcmp (marked, word) == 0)
        gtk_text_buffer_remove_tag (self->buffer, self->misspelt_tag, &start, &end);
      start = end;
    }
}

/* Buffer signals {{{1 */

static void
on_insert_text_cb (HarleySpellChecker *self,
                   GtkTextIter        *location,
                   const char         *text,
                   int                 length)
{
  GtkTextIter start = *location;

  /* After the default handler, @location is the end of the new text. */
  gtk_text_iter_backward_chars (&start, g_utf8_strlen (text, length));
  if (is_active (self) && is_typed (self, location, text, length))
    start_typing (self, location);
  else
    stop_typing (self);
  _harley_spell_checker_queue (self, &start, location);
}

static void
on_delete_range_cb (HarleySpellChecker *self,
                    GtkTextIter        *start)
{
  GtkTextIter cursor;

  /* A backspace inside a word is typing it too. */
  get_cursor (self, &cursor);
  if (is_active (self) && !self->replacing && gtk_text_iter_equal (&cursor, start))
    start_typing (self, start);
  else
    stop_typing (self);
  _harley_spell_checker_queue (self, start, start);
}

/* The cursor left the word being typed: check it now. */
static void
on_mark_set_cb (HarleySpellChecker *self,
                GtkTextIter        *location,
                GtkTextMark        *mark)
{
  GtkTextIter start;
  GtkTextIter end;
  GtkTextIter cursor;

  if (self->typing == NULL || mark != gtk_text_buffer_get_insert (self->buffer))
    return;
  get_typed_word (self, &start, &end);
  get_cursor (self, &cursor);
  if (is_between (&cursor, &start, &end))
    return;
  stop_typing (self);
  _harley_spell_checker_queue (self, &start, &end);
}

void
_harley_spell_checker_connect_buffer (HarleySpellChecker *self)
{
  g_signal_connect_object (self->buffer, "insert-text", G_CALLBACK (on_insert_text_cb),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "delete-range", G_CALLBACK (on_delete_range_cb),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "mark-set", G_CALLBACK (on_mark_set_cb),
                           self, G_CONNECT_SWAPPED);
}
