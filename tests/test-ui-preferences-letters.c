/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences → Letters driven as a secretary drives it, over the real
 * window on a temporary database: a shipped template's text typed with a
 * mistake, the mistake shown and put right, and saved; a template added,
 * refused a name in use, and archived; the envelope's window moved, and
 * its calibration sheet printed to a file and saved as a PDF. Then the
 * database and the files are read. */

#include <adwaita.h>
#include <string.h>

#include "harley-application.h"
#include "harley-preferences-letters-private.h"
#include "harley-preferences-window.h"
#include "harley-template-editor.h"
#include "harley-test-pdf.h"
#include "harley-test-ui.h"
#include "harley-test-util.h"
#include "harley-window.h"

typedef struct
{
  char                     *dir;
  char                     *path;
  HarleyApplication        *app;
  HarleyWindow             *window;
  HarleyPreferencesWindow  *prefs;
  HarleyPreferencesLetters *letters;
} Desk;

/* The first widget of @type inside @widget, itself included */
static GtkWidget *
find_inside (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_inside (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The button labelled @label inside @widget */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether a label inside @widget says @text */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (has_label (c, text))
      return TRUE;
  return FALSE;
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  harley_test_iterate (100);
}

static void
desk_open (Desk *desk)
{
  g_object_unref (harley_test_new_database (&desk->dir, &desk->path));
  desk->app = harley_test_start (desk->path);
  desk->window = harley_test_main_window (desk->app);
  harley_test_iterate (200);

  /* Ctrl+comma, then the Letters page */
  g_action_group_activate_action (G_ACTION_GROUP (desk->app), "preferences", NULL);
  harley_test_iterate (200);
  desk->prefs = harley_test_find_window (HARLEY_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (desk->prefs);
  desk->letters = HARLEY_PREFERENCES_LETTERS (find_inside (GTK_WIDGET (desk->prefs),
                                                           HARLEY_TYPE_PREFERENCES_LETTERS));
  g_assert_nonnull (desk->letters);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (desk->prefs),
                                           ADW_PREFERENCES_PAGE (desk->letters));
  harley_test_iterate (100);
  g_assert_true (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (desk->prefs))
                 == ADW_PREFERENCES_PAGE (desk->letters));
}

static void
desk_close (Desk *desk)
{
  HarleyPreferencesWindow *prefs = harley_test_find_window (HARLEY_TYPE_PREFERENCES_WINDOW);

  /* As she would: Preferences first, then Harley */
  if (prefs != NULL)
    gtk_window_close (GTK_WINDOW (prefs));
  harley_test_iterate (100);
  g_assert_null (harley_test_find_window (HARLEY_TYPE_PREFERENCES_WINDOW));
  harley_test_quit (desk->window, &desk->app);
  harley_test_remove_database (&desk->dir, &desk->path);
}

static gpointer
page_child (Desk       *desk,
            const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (desk->letters), HARLEY_TYPE_PREFERENCES_LETTERS,
                                                   name);

  g_assert_nonnull (object);
  return object;
}

static gpointer
editor_child (HarleyTemplateEditor *editor,
              const char           *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (editor), HARLEY_TYPE_TEMPLATE_EDITOR, name);

  g_assert_nonnull (object);
  return object;
}

/* The row of the templates list titled @name, or NULL */
static GtkWidget *
find_template_row (Desk       *desk,
                   const char *name)
{
  GtkListBox *list = page_child (desk, "template_list");
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0)
      return GTK_WIDGET (row);
  return NULL;
}

static HarleyTemplateEditor *
open_editor (Desk       *desk,
             const char *name)
{
  HarleyTemplateEditor *editor;
  GtkWidget *row = find_template_row (desk, name);

  g_assert_nonnull (row);
  click (find_button (row, "_Edit"));
  editor = harley_test_find_window (HARLEY_TYPE_TEMPLATE_EDITOR);
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (desk->prefs));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  return editor;
}

/* Types @text at the cursor, a key at a time, as the keyboard does */
static void
type_into_view (GtkTextView *view,
                const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gtk_text_buffer_insert_interactive_at_cursor (buffer, p, g_utf8_next_char (p) - p, TRUE);
      harley_test_iterate (2);
    }
}

static char *
dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Each problem listed under the text, "Line 5, column 9: …" */
static GPtrArray *
list_problems (HarleyTemplateEditor *editor)
{
  GtkListBox *list = editor_child (editor, "problem_list");
  GPtrArray *problems = g_ptr_array_new ();
  GtkListBoxRow *row;

  if (!gtk_widget_get_visible (editor_child (editor, "problem_area")))
    return problems;
  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    g_ptr_array_add (problems, (gpointer) adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return problems;
}

static void
assert_cursor_at (GtkTextView *view,
                  int          line,
                  int          offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter cursor;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_line (&cursor), ==, line);
  g_assert_cmpint (gtk_text_iter_get_line_offset (&cursor), ==, offset);
}

static const char *results_body_sql = "SELECT body || '|' || default_to || '|' || shipped FROM letter_template "
                                      "WHERE name = 'Results letter'";

static void
test_edit_template (void)
{
  Desk desk = { 0 };
  HarleyTemplateEditor *editor;
  GtkTextView *view;
  GtkWidget *save, *problem_row;
  GtkTextIter end;
  g_autofree char *shipped_row = NULL;
  g_autofree char *typed = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) none = NULL;

  desk_open (&desk);
  shipped_row = harley_test_query_text (desk.path, results_body_sql);

  /* The shipped templates are listed, and marked so */
  g_assert_nonnull (find_template_row (&desk, "Clinic letter to the GP"));
  g_assert_nonnull (find_button (find_template_row (&desk, "Results letter"), "_Edit"));
  g_assert_true (has_label (find_template_row (&desk, "Results letter"), "Shipped with Harley"));

  editor = open_editor (&desk, "Results letter");
  view = editor_child (editor, "text_view");
  save = editor_child (editor, "save_button");
  g_assert_false (gtk_text_view_get_monospace (view));
  g_assert_false (gtk_text_view_get_accepts_tab (view));
  g_assert_cmpint (gtk_text_view_get_wrap_mode (view), ==, GTK_WRAP_WORD);
  g_assert_true (gtk_widget_is_sensitive (save));

  /* Her own text, with the date of birth named as she would */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "", -1);
  type_into_view (view, "Dear {{patient.title}} {{patient.family_name}}\n\nYour result is back.\n\n"
                        "Born on {{patient.dateofbirth}}.\n");
  harley_test_iterate (500);
  problems = list_problems (editor);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==,
                   "Line 5, column 9: “{{patient.dateofbirth}}” is not a field Harley knows. "
                   "Did you mean {{patient.dob}}?");
  g_assert_false (gtk_widget_is_sensitive (save));

  /* Ctrl+S does nothing while there is a problem */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  harley_test_iterate (50);
  harley_test_assert_query_text (desk.path, results_body_sql, shipped_row);
  g_assert_true (harley_test_find_window (HARLEY_TYPE_TEMPLATE_EDITOR) == editor);

  /* A click on the problem puts the cursor on it */
  problem_row = GTK_WIDGET (gtk_list_box_get_row_at_index (editor_child (editor, "problem_list"), 0));
  g_assert_true (gtk_widget_activate (problem_row));
  harley_test_iterate (50);
  assert_cursor_at (view, 4, 8);
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (view)));

  /* The field meant, taken from the suggestion: the problem goes */
  click (find_button (problem_row, "Use {{patient.dob}}"));
  harley_test_iterate (500);
  none = list_problems (editor);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_false (gtk_widget_get_visible (editor_child (editor, "problem_area")));
  g_assert_true (gtk_widget_is_sensitive (save));

  /* A detail from Insert Detail, at the end, and the letters to the GP */
  gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (view), &end);
  gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (view), &end);
  type_into_view (view, "NHS number ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.insert-detail", "s", "patient.nhs_number"));
  adw_combo_row_set_selected (editor_child (editor, "default_to_row"), 1);
  typed = dup_text (view);
  g_assert_cmpstr (typed, ==, "Dear {{patient.title}} {{patient.family_name}}\n\nYour result is back.\n\n"
                              "Born on {{patient.dob}}.\nNHS number {{patient.nhs_number}}");

  /* Saved: the template changed, still shipped with Harley */
  click (save);
  g_assert_null (harley_test_find_window (HARLEY_TYPE_TEMPLATE_EDITOR));
  harley_test_assert_query_text (desk.path, results_body_sql,
                                 "Dear {{patient.title}} {{patient.family_name}}\n\nYour result is back.\n\n"
                                 "Born on {{patient.dob}}.\nNHS number {{patient.nhs_number}}|gp|1");
  g_assert_nonnull (find_template_row (&desk, "Results letter"));

  desk_close (&desk);
}

static void
test_new_and_archive (void)
{
  Desk desk = { 0 };
  HarleyTemplateEditor *editor;
  GtkLabel *refusal;
  gint64 count;

  desk_open (&desk);
  count = harley_test_query_int (desk.path, "SELECT count(*) FROM letter_template");

  /* A new template, first named as one there is */
  g_assert_true (gtk_widget_activate (page_child (&desk, "new_template_row")));
  harley_test_iterate (100);
  editor = harley_test_find_window (HARLEY_TYPE_TEMPLATE_EDITOR);
  g_assert_nonnull (editor);
  g_assert_false (gtk_widget_get_visible (editor_child (editor, "archive_button")));
  harley_test_type_text (editor_child (editor, "name_row"), "did not attend");
  harley_test_type_text (editor_child (editor, "description_row"), "Before a biopsy");
  click (editor_child (editor, "save_button"));
  refusal = editor_child (editor, "refusal_label");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (refusal)));
  g_assert_cmpstr (gtk_label_get_text (refusal), ==,
                   "There is already a template called “did not attend”. Choose another name.");
  g_assert_true (gtk_widget_has_css_class (editor_child (editor, "name_row"), "error"));
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM letter_template"), ==, count);

  /* Named afresh: added, the practice's own, to the patient */
  harley_test_type_text (editor_child (editor, "name_row"), "Biopsy reminder");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (refusal)));
  click (editor_child (editor, "save_button"));
  g_assert_null (harley_test_find_window (HARLEY_TYPE_TEMPLATE_EDITOR));
  harley_test_assert_query_text (desk.path, "SELECT description || '|' || default_to || '|' || shipped || '|' || "
                                            "archived FROM letter_template WHERE name = 'Biopsy reminder'",
                                 "Before a biopsy|patient|0|0");
  g_assert_nonnull (find_template_row (&desk, "Biopsy reminder"));
  g_assert_false (has_label (find_template_row (&desk, "Biopsy reminder"), "Shipped with Harley"));

  /* Archived, after saying so */
  editor = open_editor (&desk, "Biopsy reminder");
  click (editor_child (editor, "archive_button"));
  g_assert_cmpstr (adw_message_dialog_get_heading (harley_test_find_dialog ()), ==, "Archive “Biopsy reminder”?");
  harley_test_respond (harley_test_find_dialog (), "cancel");
  g_assert_true (harley_test_find_window (HARLEY_TYPE_TEMPLATE_EDITOR) == editor);
  harley_test_assert_query_text (desk.path, "SELECT archived FROM letter_template WHERE name = 'Biopsy reminder'",
                                 "0");
  click (editor_child (editor, "archive_button"));
  harley_test_respond (harley_test_find_dialog (), "archive");
  g_assert_null (harley_test_find_window (HARLEY_TYPE_TEMPLATE_EDITOR));
  harley_test_assert_query_text (desk.path, "SELECT archived FROM letter_template WHERE name = 'Biopsy reminder'",
                                 "1");
  g_assert_null (find_template_row (&desk, "Biopsy reminder"));

  desk_close (&desk);
}

static void
assert_calibration_sheet (const char *path)
{
  g_autoptr(HarleyTestPdf) pdf = harley_test_pdf_open_file (path);
  double width, height;

  g_assert_cmpint (pdf->n_pages, ==, 1);
  poppler_page_get_size (harley_test_pdf_page (pdf, 0), &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.276, 1.0);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 1.0);
  g_assert_cmpuint (harley_test_pdf_count (pdf, "Window envelope check"), ==, 1);
  /* The window as shown, not yet saved */
  g_assert_cmpuint (harley_test_pdf_count (pdf, "It is now 25 mm from the left"), ==, 1);
}

static void
test_window_envelope (void)
{
  Desk desk = { 0 };
  g_autofree char *printed = NULL;
  g_autofree char *saved = NULL;

  desk_open (&desk);
  g_assert_cmpfloat (gtk_spin_button_get_value (page_child (&desk, "left_spin")), ==, 20);
  g_assert_cmpfloat (gtk_spin_button_get_value (page_child (&desk, "top_spin")), ==, 45);
  g_assert_cmpfloat (gtk_spin_button_get_value (page_child (&desk, "width_spin")), ==, 85);
  g_assert_cmpfloat (gtk_spin_button_get_value (page_child (&desk, "height_spin")), ==, 40);

  /* Moved right, typed and not yet entered */
  harley_test_type_text (page_child (&desk, "left_spin"), "25");

  /* The calibration sheet, printed to a file and saved as a PDF */
  printed = g_build_filename (desk.dir, "printed.pdf", NULL);
  saved = g_build_filename (desk.dir, "saved.pdf", NULL);
  harley_test_activate (desk.letters, "letters.export-calibration", g_variant_new_string (printed));
  assert_calibration_sheet (printed);
  harley_test_activate (desk.letters, "letters.save-calibration-to", g_variant_new_string (saved));
  assert_calibration_sheet (saved);

  /* Not over the practice's records */
  harley_test_activate (desk.letters, "letters.save-calibration-to", g_variant_new_string (desk.path));
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM letter_template"), >, 0);

  /* Closing saves the window */
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM practice_detail "
                                                     "WHERE key LIKE 'window_%'"), ==, 0);
  gtk_window_close (GTK_WINDOW (desk.prefs));
  harley_test_iterate (100);
  g_assert_null (harley_test_find_window (HARLEY_TYPE_PREFERENCES_WINDOW));
  harley_test_assert_query_text (desk.path, "SELECT value FROM practice_detail WHERE key = 'window_left_mm'", "25");
  harley_test_assert_query_text (desk.path, "SELECT value FROM practice_detail WHERE key = 'window_top_mm'", "45");

  /* Opened again: as saved; Reset to Standard, and closed: back */
  g_action_group_activate_action (G_ACTION_GROUP (desk.app), "preferences", NULL);
  harley_test_iterate (200);
  desk.prefs = harley_test_find_window (HARLEY_TYPE_PREFERENCES_WINDOW);
  desk.letters = HARLEY_PREFERENCES_LETTERS (find_inside (GTK_WIDGET (desk.prefs), HARLEY_TYPE_PREFERENCES_LETTERS));
  g_assert_cmpfloat (gtk_spin_button_get_value (page_child (&desk, "left_spin")), ==, 25);
  harley_test_type_text (page_child (&desk, "top_spin"), "47.5");
  gtk_window_close (GTK_WINDOW (desk.prefs));
  harley_test_iterate (100);
  harley_test_assert_query_text (desk.path, "SELECT value FROM practice_detail WHERE key = 'window_top_mm'", "47.5");

  desk_close (&desk);
}

/* A window off the paper is not saved; she is told, on the Letters page */
static void
test_window_off_paper (void)
{
  Desk desk = { 0 };
  AdwMessageDialog *question;

  desk_open (&desk);
  /* Left on the Practice page */
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (desk.prefs),
                                           ADW_PREFERENCES_PAGE (find_inside (GTK_WIDGET (desk.prefs),
                                                                              ADW_TYPE_PREFERENCES_PAGE)));
  harley_test_type_text (page_child (&desk, "left_spin"), "150");
  gtk_window_close (GTK_WINDOW (desk.prefs));
  harley_test_iterate (100);
  question = harley_test_find_dialog ();
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_body (question), ==,
                   "The envelope's window must lie on an A4 sheet, 210 by 297 mm: check its place and size.");
  harley_test_respond (question, "keep");
  g_assert_true (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (desk.prefs))
                 == ADW_PREFERENCES_PAGE (desk.letters));
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM practice_detail "
                                                     "WHERE key LIKE 'window_%'"), ==, 0);

  /* Reset to Standard, and it closes */
  harley_test_activate (desk.letters, "letters.reset-window", NULL);
  g_assert_cmpfloat (gtk_spin_button_get_value (page_child (&desk, "left_spin")), ==, 20);
  gtk_window_close (GTK_WINDOW (desk.prefs));
  harley_test_iterate (100);
  g_assert_null (harley_test_find_window (HARLEY_TYPE_PREFERENCES_WINDOW));

  desk_close (&desk);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/ui/preferences/letters/edit-template", test_edit_template, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/preferences/letters/new-and-archive", test_new_and_archive,
                        harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/preferences/letters/window-envelope", test_window_envelope,
                        harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/preferences/letters/window-off-paper", test_window_off_paper,
                        harley_test_run_in_subprocess);

  return g_test_run ();
}
