/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-spell-checker"

/* Spelling for the letter editor: underlines misspelt words in a
 * GtkTextView and offers corrections on its context menu.
 *
 * gspell is for GTK 3 and libspelling is not in Debian 12, so this is a
 * small checker of our own over enchant-2 (hunspell and the
 * hunspell-en-gb dictionary), with the dermatology words the dictionary
 * lacks shipped in resources/spelling/dermatology.txt. This file holds the
 * object and the dictionary; harley-spell-checker-scan.c finds and marks
 * the words, harley-spell-checker-menu.c the context menu.
 *
 * Each checker has a broker and dictionary of its own (about 75 ms to
 * load), so "Ignore" lasts as long as the checker and tests can give each
 * checker a personal word list of its own.
 */

#include <string.h>

#include "harley-spell-checker-private.h"
#include "harley-ui-resources.h"

#define MEDICAL_WORDS "/org/harleydesk/Harley/spelling/dermatology.txt"

G_DEFINE_FINAL_TYPE (HarleySpellChecker, harley_spell_checker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LANGUAGE,
  PROP_ENABLED,
  PROP_AVAILABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Dictionary {{{1 */

typedef struct
{
  const char *wanted;
  gboolean    found;
} DictSearch;

static void
on_dict_described_cb (const char * const lang_tag,
                      const char * const provider_name,
                      const char * const provider_desc,
                      const char * const provider_file,
                      void              *data)
{
  DictSearch *search = data;

  search->found |= g_strcmp0 (lang_tag, search->wanted) == 0;
}

/* enchant_broker_request_dict () falls back from "en_GB" to any "en"
 * dictionary, and an American one would pass "color": ask for the
 * language exactly as named. */
static gboolean
has_exact_dict (EnchantBroker *broker,
                const char    *language)
{
  DictSearch search = { language, FALSE };

  enchant_broker_list_dicts (broker, on_dict_described_cb, &search);
  return search.found;
}

static void
add_session_words (HarleySpellChecker *self,
                   const char         *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *word = g_strstrip (lines[i]);

      if (word[0] != '\0' && word[0] != '#')
        enchant_dict_add_to_session (self->dict, word, -1);
    }
}

static void
load_medical_words (HarleySpellChecker *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* Through the bundle's own symbol, which keeps it linked from the
   * static library. */
  bytes = g_resource_lookup_data (harley_ui_get_resource (), MEDICAL_WORDS, 0, &error);
  if (bytes == NULL)
    {
      g_warning ("Could not load the medical words: %s", error->message);
      return;
    }
  /* Resource data always ends in a NUL. */
  add_session_words (self, g_bytes_get_data (bytes, NULL));
}

static void
open_dictionary (HarleySpellChecker *self)
{
  self->broker = enchant_broker_init ();
  if (self->broker == NULL)
    return;
  if (has_exact_dict (self->broker, self->language))
    self->dict = enchant_broker_request_dict (self->broker, self->language);
  if (self->dict == NULL)
    {
      g_debug ("No spelling dictionary for %s", self->language);
      return;
    }
  load_medical_words (self);
}

static char *
title_case (const char *lower)
{
  char head[7] = { 0 };

  g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (lower)), head);
  return g_strconcat (head, g_utf8_next_char (lower), NULL);
}

/* The medical list is added as written, and the session list is matched
 * exactly: "acitretin" must also pass as "Acitretin" at the start of a
 * sentence, and "Mohs" and "acitretin" as "MOHS" and "ACITRETIN" in a
 * heading, as dictionary words do. */
static gboolean
check_other_case (HarleySpellChecker *self,
                  const char         *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  g_autofree char *upper = NULL;
  g_autofree char *title = NULL;

  if (strcmp (lower, word) == 0)
    return FALSE;
  if (enchant_dict_check (self->dict, lower, -1) == 0)
    return TRUE;
  upper = g_utf8_strup (word, -1);
  if (strcmp (upper, word) != 0)
    return FALSE;
  title = title_case (lower);
  return enchant_dict_check (self->dict, title, -1) == 0;
}

/* Buffer {{{1 */

static GtkTextTag *
ensure_tag (GtkTextBuffer *buffer,
            const char    *name)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, name);

  return tag ? tag : gtk_text_buffer_create_tag (buffer, name, NULL);
}

static void
create_tags (HarleySpellChecker *self)
{
  /* GNOME's red 3: the colour spelling mistakes have in GNOME's editors. */
  static const GdkRGBA red = { 0.878, 0.106, 0.141, 1.0 };

  self->misspelt_tag = ensure_tag (self->buffer, HARLEY_SPELL_MISSPELT_TAG);
  g_object_set (self->misspelt_tag, "underline", PANGO_UNDERLINE_ERROR, "underline-rgba", &red, NULL);
  self->unchecked_tag = ensure_tag (self->buffer, HARLEY_SPELL_UNCHECKED_TAG);
}

static void
delete_mark (GtkTextBuffer  *buffer,
             GtkTextMark   **mark)
{
  if (*mark != NULL)
    gtk_text_buffer_delete_mark (buffer, *mark);
  *mark = NULL;
}

/* Leaves the buffer as it was found: no marks or tags of ours. */
static void
release_buffer (HarleySpellChecker *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);

  _harley_spell_checker_clear (self);
  g_signal_handlers_disconnect_by_data (self->buffer, self);
  delete_mark (self->buffer, &self->typing);
  delete_mark (self->buffer, &self->scan);
  delete_mark (self->buffer, &self->menu_start);
  delete_mark (self->buffer, &self->menu_end);
  gtk_text_tag_table_remove (table, self->misspelt_tag);
  gtk_text_tag_table_remove (table, self->unchecked_tag);
  self->misspelt_tag = self->unchecked_tag = NULL;
  g_clear_object (&self->buffer);
}

static void
set_buffer (HarleySpellChecker *self,
            GtkTextBuffer      *buffer)
{
  GtkTextIter start;

  if (self->buffer == buffer)
    return;
  if (self->buffer != NULL)
    release_buffer (self);
  if (buffer == NULL)
    return;

  self->buffer = g_object_ref (buffer);
  create_tags (self);
  gtk_text_buffer_get_start_iter (buffer, &start);
  self->scan = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
  self->menu_start = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
  self->menu_end = gtk_text_buffer_create_mark (buffer, NULL, &start, FALSE);
  _harley_spell_checker_connect_buffer (self);
  _harley_spell_checker_queue_all (self);
}

static void
on_view_buffer_changed_cb (HarleySpellChecker *self)
{
  set_buffer (self, gtk_text_view_get_buffer (self->view));
}

/* GObject {{{1 */

static void
harley_spell_checker_constructed (GObject *object)
{
  HarleySpellChecker *self = HARLEY_SPELL_CHECKER (object);

  G_OBJECT_CLASS (harley_spell_checker_parent_class)->constructed (object);
  open_dictionary (self);
}

static void
harley_spell_checker_dispose (GObject *object)
{
  HarleySpellChecker *self = HARLEY_SPELL_CHECKER (object);

  _harley_spell_checker_remove_menu (self);
  if (self->buffer != NULL)
    release_buffer (self);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_clear_weak_pointer (&self->view);
  g_clear_object (&self->actions);
  g_clear_object (&self->menu);

  G_OBJECT_CLASS (harley_spell_checker_parent_class)->dispose (object);
}

static void
harley_spell_checker_finalize (GObject *object)
{
  HarleySpellChecker *self = HARLEY_SPELL_CHECKER (object);

  if (self->dict != NULL)
    enchant_broker_free_dict (self->broker, self->dict);
  g_clear_pointer (&self->broker, enchant_broker_free);
  g_free (self->language);
  g_free (self->menu_word);

  G_OBJECT_CLASS (harley_spell_checker_parent_class)->finalize (object);
}

static void
harley_spell_checker_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  HarleySpellChecker *self = HARLEY_SPELL_CHECKER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_AVAILABLE:
      g_value_set_boolean (value, harley_spell_checker_get_available (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harley_spell_checker_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  HarleySpellChecker *self = HARLEY_SPELL_CHECKER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      self->language = g_value_dup_string (value);
      break;
    case PROP_ENABLED:
      harley_spell_checker_set_enabled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harley_spell_checker_class_init (HarleySpellCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = harley_spell_checker_constructed;
  object_class->dispose = harley_spell_checker_dispose;
  object_class->finalize = harley_spell_checker_finalize;
  object_class->get_property = harley_spell_checker_get_property;
  object_class->set_property = harley_spell_checker_set_property;

  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en_GB",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
harley_spell_checker_init (HarleySpellChecker *self)
{
  self->enabled = TRUE;
}

/* Public API {{{1 */

/**
 * harley_spell_checker_new:
 * @language: the dictionary, as enchant names it: "en_GB"
 *
 * Opens the dictionary for @language with Harley's medical words. Without
 * one the checker does nothing (see harley_spell_checker_get_available()).
 *
 * Returns: (transfer full): a new checker, to attach to a view
 */
HarleySpellChecker *
harley_spell_checker_new (const char *language)
{
  g_return_val_if_fail (language != NULL, NULL);

  return g_object_new (HARLEY_TYPE_SPELL_CHECKER, "language", language, NULL);
}

/**
 * harley_spell_checker_attach:
 * @self: a checker
 * @view: the text view to check, from now on
 *
 * Marks the misspelt words of @view's buffer (and of any buffer it is
 * given later) and adds corrections to its context menu: the checker
 * takes the view's extra menu, and adds the "spelling" action group. One
 * view per checker. The caller keeps the checker; disposing of it takes
 * everything it added off the view and the buffer.
 */
void
harley_spell_checker_attach (HarleySpellChecker *self,
                             GtkTextView        *view)
{
  g_return_if_fail (HARLEY_IS_SPELL_CHECKER (self));
  g_return_if_fail (GTK_IS_TEXT_VIEW (view));
  g_return_if_fail (self->view == NULL);

  g_set_weak_pointer (&self->view, view);
  g_signal_connect_object (view, "notify::buffer", G_CALLBACK (on_view_buffer_changed_cb),
                           self, G_CONNECT_SWAPPED);
  _harley_spell_checker_add_menu (self);
  set_buffer (self, gtk_text_view_get_buffer (view));
}

/**
 * harley_spell_checker_get_available:
 * @self: a checker
 *
 * Returns: %FALSE when there is no dictionary for the language (for
 *   "en_GB", the hunspell-en-gb package is missing): nothing is checked
 */
gboolean
harley_spell_checker_get_available (HarleySpellChecker *self)
{
  g_return_val_if_fail (HARLEY_IS_SPELL_CHECKER (self), FALSE);

  return self->dict != NULL;
}

/**
 * harley_spell_checker_get_enabled:
 * @self: a checker
 *
 * Returns: whether misspelt words are marked
 */
gboolean
harley_spell_checker_get_enabled (HarleySpellChecker *self)
{
  g_return_val_if_fail (HARLEY_IS_SPELL_CHECKER (self), FALSE);

  return self->enabled;
}

/**
 * harley_spell_checker_set_enabled:
 * @self: a checker
 * @enabled: whether to mark misspelt words
 *
 * Turning the check off takes the marks away; turning it on checks the
 * whole text again.
 */
void
harley_spell_checker_set_enabled (HarleySpellChecker *self,
                                  gboolean            enabled)
{
  g_return_if_fail (HARLEY_IS_SPELL_CHECKER (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;
  self->enabled = enabled;
  if (enabled)
    _harley_spell_checker_queue_all (self);
  else
    _harley_spell_checker_clear (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

/**
 * harley_spell_checker_check_word:
 * @self: a checker
 * @word: one word, without spaces or punctuation around it
 *
 * Returns: %TRUE if @word is spelt right, is in the medical list or the
 *   user's own, was ignored, or there is no dictionary to tell
 */
gboolean
harley_spell_checker_check_word (HarleySpellChecker *self,
                                 const char         *word)
{
  g_return_val_if_fail (HARLEY_IS_SPELL_CHECKER (self), TRUE);
  g_return_val_if_fail (word != NULL, TRUE);

  if (self->dict == NULL || word[0] == '\0')
    return TRUE;
  /* Below zero is enchant's error: not a reason to underline. */
  if (enchant_dict_check (self->dict, word, -1) <= 0)
    return TRUE;
  return check_other_case (self, word);
}

/**
 * harley_spell_checker_suggest:
 * @self: a checker
 * @word: a misspelt word
 *
 * Returns: (transfer full) (array zero-terminated=1): the dictionary's
 *   corrections for @word, best first; empty when it has none
 */
char **
harley_spell_checker_suggest (HarleySpellChecker *self,
                              const char         *word)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  char **suggestions = NULL;
  size_t n = 0;

  g_return_val_if_fail (HARLEY_IS_SPELL_CHECKER (self), g_strv_builder_end (builder));
  g_return_val_if_fail (word != NULL, g_strv_builder_end (builder));

  if (self->dict != NULL && word[0] != '\0')
    suggestions = enchant_dict_suggest (self->dict, word, -1, &n);
  for (size_t i = 0; i < n; i++)
    g_strv_builder_add (builder, suggestions[i]);
  if (suggestions != NULL)
    enchant_dict_free_string_list (self->dict, suggestions);
  return g_strv_builder_end (builder);
}

/**
 * harley_spell_checker_add_word:
 * @self: a checker
 * @word: a word to accept from now on
 *
 * Adds @word to the user's personal word list (in enchant's folder of
 * the user's configuration, kept for every later session) and takes the
 * marks off it.
 */
void
harley_spell_checker_add_word (HarleySpellChecker *self,
                               const char         *word)
{
  g_return_if_fail (HARLEY_IS_SPELL_CHECKER (self));
  g_return_if_fail (word != NULL && word[0] != '\0');

  if (self->dict == NULL)
    return;
  enchant_dict_add (self->dict, word, -1);
  _harley_spell_checker_unmark_word (self, word);
}

/**
 * harley_spell_checker_ignore_word:
 * @self: a checker
 * @word: a word to accept for as long as the checker lives
 *
 * Accepts @word without keeping it anywhere, and takes the marks off it.
 */
void
harley_spell_checker_ignore_word (HarleySpellChecker *self,
                                  const char         *word)
{
  g_return_if_fail (HARLEY_IS_SPELL_CHECKER (self));
  g_return_if_fail (word != NULL && word[0] != '\0');

  if (self->dict == NULL)
    return;
  enchant_dict_add_to_session (self->dict, word, -1);
  _harley_spell_checker_unmark_word (self, word);
}
