/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-spell-checker"

/* The letter editor's spelling check, on a text view that is never shown.
 * The view needs GTK and so a display; each test has its own configuration
 * folder (G_TEST_OPTION_ISOLATE_DIRS), so the personal word list written
 * by "Add to Dictionary" is a temporary one, never the user's. */

#include <enchant.h>

#include "harley-spell-checker-private.h"
#include "harley-spell-words.h"

#define NO_DICTIONARY "No British English dictionary: install the hunspell-en-gb package"

typedef struct
{
  GtkTextView        *view;
  GtkTextBuffer      *buffer;
  HarleySpellChecker *checker;
} Fixture;

/* Helpers {{{1 */

/* Lets the checker work, as the main loop does between keystrokes. */
static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->checker = harley_spell_checker_new ("en_GB");
  if (!harley_spell_checker_get_available (f->checker))
    {
      g_test_skip (NO_DICTIONARY);
      return;
    }
  f->view = GTK_TEXT_VIEW (g_object_ref_sink (gtk_text_view_new ()));
  f->buffer = gtk_text_view_get_buffer (f->view);
  harley_spell_checker_attach (f->checker, f->view);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->checker);
  g_clear_object (&f->view);
  drain ();
}

static void
set_text (Fixture    *f,
          const char *text)
{
  gtk_text_buffer_set_text (f->buffer, text, -1);
  drain ();
}

/* The marked words, in order, joined by "|". */
static char *
marked_in (GtkTextBuffer *buffer)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               HARLEY_SPELL_MISSPELT_TAG);
  GString *words = g_string_new (NULL);
  GtkTextIter start;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer, &start);
  while (gtk_text_iter_has_tag (&start, tag) || gtk_text_iter_forward_to_tag_toggle (&start, tag))
    {
      g_autofree char *word = NULL;
      GtkTextIter end = start;

      gtk_text_iter_forward_to_tag_toggle (&end, tag);
      word = gtk_text_iter_get_slice (&start, &end);
      g_string_append_printf (words, "%s%s", words->len ? "|" : "", word);
      start = end;
    }
  return g_string_free (words, FALSE);
}

#define assert_marked_in(buffer, expected) \
  G_STMT_START { \
    g_autofree char *marked_ = marked_in (buffer); \
    g_assert_cmpstr (marked_, ==, expected); \
  } G_STMT_END

#define assert_marked(f, expected) assert_marked_in ((f)->buffer, expected)

static char *
marked (Fixture *f)
{
  return marked_in (f->buffer);
}

static void
assert_text (Fixture    *f,
             const char *expected)
{
  g_autofree char *text = NULL;
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (f->buffer, &start, &end);
  text = gtk_text_iter_get_slice (&start, &end);
  g_assert_cmpstr (text, ==, expected);
}

/* The start of the first @word in the text. */
static void
iter_at (Fixture     *f,
         const char  *word,
         GtkTextIter *iter)
{
  GtkTextIter start;

  gtk_text_buffer_get_start_iter (f->buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, word, 0, iter, NULL, NULL));
}

static void
place_cursor (Fixture           *f,
              const GtkTextIter *iter)
{
  gtk_text_buffer_place_cursor (f->buffer, iter);
  drain ();
}

static void
type (Fixture    *f,
      const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gtk_text_buffer_insert_at_cursor (f->buffer, p, g_utf8_next_char (p) - p);
      drain ();
    }
}

static char *
item_label (GMenuModel *menu,
            int         section,
            int         item)
{
  g_autoptr(GMenuModel) items = g_menu_model_get_item_link (menu, section, G_MENU_LINK_SECTION);
  char *label = NULL;

  g_assert_nonnull (items);
  g_assert_true (g_menu_model_get_item_attribute (items, item, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  return label;
}

/* Words {{{1 */

static char *
found_words (const char *text)
{
  g_autoptr(GArray) words = harley_spell_words_find (text);
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (text, -1, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      const HarleySpellWord *word = &g_array_index (words, HarleySpellWord, i);
      g_autofree char *utf8 = g_ucs4_to_utf8 (chars + word->start, word->end - word->start, NULL, NULL, NULL);

      g_string_append_printf (out, "%s%s", i ? "|" : "", utf8);
    }
  return g_string_free (out, FALSE);
}

static void
test_words (void)
{
  static const struct { const char *text; const char *words; } cases[] = {
    { "## **Diagnosis**", "Diagnosis" },
    { "- *seen* in clinic\\*", "seen|in|clinic" },
    { "The patient's and don’t, patients' 'quoted'", "The|patient's|and|don’t|patients|quoted" },
    { "NHS number 485 777 3456, GP and BCC; URGENT REFERRAL", "number|and|REFERRAL" },
    { "born 07/03/1965, B12 3rd eGFR 45 mmHg PhD GP's", "born" },
    { "Dear {{patient.title}} {{ patient.surname }}, {{gp.name}}'s", "Dear" },
    { "at www.nhs.uk, https://example.org/x or gp@nhs.net e.g. here", "at|or|here" },
    { "a follow-up; re-excision — dash", "a|follow-up|re-excision|dash" },
    { "name }} after a cut field", "after|a|cut|field" },
    { "\\*\\*not bold\\*\\*", "not|bold" },
    { "café naïve", "café|naïve" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *words = found_words (cases[i].text);

      g_assert_cmpstr (words, ==, cases[i].words);
    }
}

/* Marking {{{1 */

static void
test_marks (Fixture       *f,
            gconstpointer  data)
{
  if (f->view == NULL)
    return;
  set_text (f, "I will recieve the results. I will receive them.");
  gtk_text_buffer_set_modified (f->buffer, FALSE);
  assert_marked (f, "recieve");

  /* Marks are not edits: the letter is not "changed" by them. */
  set_text (f, "Recieve, recieve.");
  gtk_text_buffer_set_modified (f->buffer, FALSE);
  harley_spell_checker_set_enabled (f->checker, FALSE);
  drain ();
  assert_marked (f, "");
  harley_spell_checker_set_enabled (f->checker, TRUE);
  drain ();
  assert_marked (f, "Recieve|recieve");
  g_assert_false (gtk_text_buffer_get_modified (f->buffer));
}

static void
test_british (Fixture       *f,
              gconstpointer  data)
{
  if (f->view == NULL)
    return;
  set_text (f, "The colour of the rash, not its color. Organise, haemoglobin, oedema.");
  assert_marked (f, "color");
  g_assert_true (harley_spell_checker_check_word (f->checker, "colour"));
  g_assert_false (harley_spell_checker_check_word (f->checker, "color"));
}

/* The shipped list: words hunspell-en-gb lacks pass, in any case. */
static void
test_medical (Fixture       *f,
              gconstpointer  data)
{
  EnchantBroker *broker;
  EnchantDict *bare;

  if (f->view == NULL)
    return;
  /* Without the list, the dictionary marks them: the list is needed. */
  broker = enchant_broker_init ();
  bare = enchant_broker_request_dict (broker, "en_GB");
  g_assert_cmpint (enchant_dict_check (bare, "dermatofibroma", -1), >, 0);
  g_assert_cmpint (enchant_dict_check (bare, "acitretin", -1), >, 0);
  enchant_broker_free_dict (broker, bare);
  enchant_broker_free (broker);

  set_text (f, "A naevus, a seborrhoeic keratosis and a dermatofibroma.\n"
               "## ACITRETIN\nAcitretin and isotretinoin; Mohs surgery; dermoscopy. Dermatofibrome.");
  assert_marked (f, "Dermatofibrome");
}

static void
test_not_prose (Fixture       *f,
                gconstpointer  data)
{
  if (f->view == NULL)
    return;
  set_text (f, "## **Diagnosis**\n"
               "- NHS number 485 777 3456, born {{patient.dob}}, GP {{ gp.name }}.\n"
               "- See www.bad.org.uk or write to gp@nhs.net, e.g. about eGFR 45.\n"
               "*The* patient's and the patient’s notes; don't \\*stop\\*.\n"
               "**Diagnsis**");
  assert_marked (f, "Diagnsis");
}

/* Typing {{{1 */

static void
test_typing (Fixture       *f,
             gconstpointer  data)
{
  GtkTextIter iter;

  if (f->view == NULL)
    return;
  type (f, "I recieve");
  assert_marked (f, "");               /* still being typed */
  type (f, " ");
  assert_marked (f, "recieve");
  type (f, "colr");
  assert_marked (f, "recieve");
  gtk_text_buffer_get_start_iter (f->buffer, &iter);
  place_cursor (f, &iter);
  assert_marked (f, "recieve|colr");    /* left behind: checked */

  /* Going back into a word to put it right: not marked half-way. */
  iter_at (f, "colr", &iter);
  gtk_text_iter_forward_chars (&iter, 3);
  place_cursor (f, &iter);
  type (f, "o");
  assert_marked (f, "recieve");
  type (f, "u");
  gtk_text_buffer_get_end_iter (f->buffer, &iter);
  place_cursor (f, &iter);
  assert_text (f, "I recieve colour");
  assert_marked (f, "recieve");
}

/* Large letters are checked a piece at a time, so typing never waits:
 * when the first line's mistake is marked, the last line's is not yet. */
static void
test_large (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("First line recieve.\n");
  g_autofree char *first = NULL;

  if (f->view == NULL)
    return;
  for (int i = 0; i < 4000; i++)
    g_string_append (text, "The lesion on the left forearm was excised under local anaesthetic.\n");
  g_string_append (text, "Last line wierd.");
  gtk_text_buffer_set_text (f->buffer, text->str, -1);
  while (first == NULL || first[0] == '\0')
    {
      g_clear_pointer (&first, g_free);
      g_assert_true (g_main_context_iteration (NULL, FALSE));
      first = marked (f);
    }
  g_assert_cmpstr (first, ==, "recieve");
  drain ();
  assert_marked (f, "recieve|wierd");
}

/* The context menu {{{1 */

static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_auto(GStrv) suggestions = NULL;
  g_autofree char *first = NULL;
  g_autofree char *add = NULL;
  GMenuModel *menu;
  GtkTextIter iter;

  if (f->view == NULL)
    return;
  suggestions = harley_spell_checker_suggest (f->checker, "recieve");
  g_assert_true (g_strv_contains ((const char * const *) suggestions, "receive"));

  set_text (f, "I will recieve it.");
  iter_at (f, "recieve", &iter);
  g_assert_true (_harley_spell_checker_menu_for (f->checker, &iter));
  menu = gtk_text_view_get_extra_menu (f->view);
  first = item_label (menu, 0, 0);
  add = item_label (menu, 1, 0);
  g_assert_cmpstr (first, ==, "receive");
  g_assert_cmpstr (add, ==, "_Add to Dictionary");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "spelling.replace", "s", "receive"));
  drain ();
  assert_text (f, "I will receive it.");
  assert_marked (f, "");

  /* One step of undo puts the whole word back, marked again. */
  g_assert_true (gtk_text_buffer_get_can_undo (f->buffer));
  gtk_text_buffer_undo (f->buffer);
  drain ();
  assert_text (f, "I will recieve it.");
  assert_marked (f, "recieve");
  g_assert_false (gtk_text_buffer_get_can_undo (f->buffer));

  /* A word that is not marked: no corrections. */
  iter_at (f, "will", &iter);
  g_assert_false (_harley_spell_checker_menu_for (f->checker, &iter));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 0);
}

static void
test_add_and_ignore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(HarleySpellChecker) later = NULL;
  g_autofree char *personal = NULL;
  GtkTextIter iter;

  if (f->view == NULL)
    return;
  set_text (f, "Dr Okonkwo saw Ms Wrzesniewska about the Okonkwo referral.");
  assert_marked (f, "Okonkwo|Wrzesniewska|Okonkwo");

  iter_at (f, "Okonkwo", &iter);
  g_assert_true (_harley_spell_checker_menu_for (f->checker, &iter));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "spelling.add", NULL));
  assert_marked (f, "Wrzesniewska");
  iter_at (f, "Wrzesniewska", &iter);
  g_assert_true (_harley_spell_checker_menu_for (f->checker, &iter));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "spelling.ignore", NULL));
  assert_marked (f, "");
  g_assert_true (harley_spell_checker_check_word (f->checker, "Wrzesniewska"));

  /* Added is kept, in this test's own configuration folder; ignored is not. */
  personal = g_build_filename (g_get_user_config_dir (), "enchant", "en_GB.dic", NULL);
  g_assert_true (g_file_test (personal, G_FILE_TEST_IS_REGULAR));
  later = harley_spell_checker_new ("en_GB");
  g_assert_true (harley_spell_checker_check_word (later, "Okonkwo"));
  g_assert_false (harley_spell_checker_check_word (later, "Wrzesniewska"));

  harley_spell_checker_add_word (f->checker, "Nakagawa");
  g_assert_true (harley_spell_checker_check_word (f->checker, "Nakagawa"));
}

/* No dictionary {{{1 */

static void
test_unavailable (void)
{
  g_autoptr(HarleySpellChecker) checker = harley_spell_checker_new ("xx_XX");
  g_autoptr(GtkTextView) view = GTK_TEXT_VIEW (g_object_ref_sink (gtk_text_view_new ()));
  g_auto(GStrv) suggestions = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  g_assert_false (harley_spell_checker_get_available (checker));
  harley_spell_checker_attach (checker, view);
  gtk_text_buffer_set_text (buffer, "Recieve colr.", -1);
  drain ();
  assert_marked_in (buffer, "");
  g_assert_true (harley_spell_checker_check_word (checker, "colr"));
  suggestions = harley_spell_checker_suggest (checker, "colr");
  g_assert_cmpuint (g_strv_length (suggestions), ==, 0);

  /* Disposed, it leaves the buffer as it was. */
  g_clear_object (&checker);
  g_assert_null (gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), HARLEY_SPELL_MISSPELT_TAG));
  g_assert_null (gtk_text_view_get_extra_menu (view));
}

int
main (int   argc,
      char *argv[])
{
  /* gtk_test_init () ignores its options: isolate the folders here, and
   * keep the accessibility bus out, as it does (no session bus in CI). */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("GTK_A11Y", "none", FALSE);
  gtk_init ();

  g_test_add_func ("/spell-checker/words", test_words);
  g_test_add ("/spell-checker/marks", Fixture, NULL, fixture_set_up, test_marks, fixture_tear_down);
  g_test_add ("/spell-checker/british", Fixture, NULL, fixture_set_up, test_british, fixture_tear_down);
  g_test_add ("/spell-checker/medical", Fixture, NULL, fixture_set_up, test_medical, fixture_tear_down);
  g_test_add ("/spell-checker/not-prose", Fixture, NULL, fixture_set_up, test_not_prose, fixture_tear_down);
  g_test_add ("/spell-checker/typing", Fixture, NULL, fixture_set_up, test_typing, fixture_tear_down);
  g_test_add ("/spell-checker/large", Fixture, NULL, fixture_set_up, test_large, fixture_tear_down);
  g_test_add ("/spell-checker/replace-and-undo", Fixture, NULL, fixture_set_up, test_replace, fixture_tear_down);
  g_test_add ("/spell-checker/add-and-ignore", Fixture, NULL, fixture_set_up, test_add_and_ignore,
              fixture_tear_down);
  g_test_add_func ("/spell-checker/unavailable", test_unavailable);

  return g_test_run ();
}
