/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences driven as a secretary drives them: opened as Ctrl+comma
 * opens them, over the real window on a temporary database; the diary's
 * clinicians and appointment types changed, added and got wrong; then
 * the database is read. */

#include <adwaita.h>
#include <string.h>

#include "harley-application.h"
#include "harley-preferences-window.h"
#include "harley-test-ui.h"
#include "harley-test-util.h"
#include "harley-window.h"

typedef struct
{
  char                    *dir;
  char                    *path;
  HarleyApplication       *app;
  HarleyWindow            *window;
  HarleyPreferencesWindow *prefs;
} Desk;

static void
open_preferences (Desk *desk)
{
  g_action_group_activate_action (G_ACTION_GROUP (desk->app), "preferences", NULL);
  harley_test_iterate (200);
  desk->prefs = harley_test_find_window (HARLEY_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (desk->prefs);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (desk->prefs)) == GTK_WINDOW (desk->window));
}

static void
desk_open (Desk *desk)
{
  /* A new practice, as Harley makes one: nothing added */
  g_object_unref (harley_test_new_database (&desk->dir, &desk->path));

  desk->app = harley_test_start (desk->path);
  desk->window = harley_test_main_window (desk->app);
  harley_test_iterate (200);
  /* Alt+2: the Diary, behind Preferences */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.section", "i", 2));
  harley_test_iterate (100);
  open_preferences (desk);
}

static void
desk_close (Desk *desk)
{
  harley_test_quit (desk->window, &desk->app);
  harley_test_remove_database (&desk->dir, &desk->path);
}

static gpointer
child (Desk       *desk,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (desk->prefs), HARLEY_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

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

/* The message under a list, if one is shown */
static const char *
problem (Desk       *desk,
         const char *name)
{
  GtkWidget *label = child (desk, name);

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* The row of @list whose name is @name */
static AdwEntryRow *
find_row (GtkListBox *list,
          const char *name)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), name) == 0)
      return ADW_ENTRY_ROW (row);
  g_error ("No row is named “%s”", name);
}

static void
set_colour (GtkWidget  *button,
            const char *colour)
{
  GdkRGBA rgba;

  g_assert_true (gdk_rgba_parse (&rgba, colour));
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &rgba);
}

static gboolean
dropdown_has (GtkDropDown *dropdown,
              const char  *name)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), name) == 0)
      return TRUE;
  return FALSE;
}

static void
test_change_and_add (void)
{
  Desk desk = { 0 };
  GtkListBox *clinicians, *types;
  AdwEntryRow *consultant, *follow_up, *new_type, *new_clinician;
  GtkDropDown *diary_clinicians;
  GtkWidget *minutes, *add;

  desk_open (&desk);
  clinicians = child (&desk, "clinician_list");
  types = child (&desk, "type_list");
  new_type = child (&desk, "new_type_row");
  new_clinician = child (&desk, "new_clinician_row");

  /* What is saved is shown: the clinician by role, the types with their
   * lengths and colours. */
  consultant = ADW_ENTRY_ROW (gtk_list_box_get_row_at_index (clinicians, 0));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (consultant)), ==, "The consultant");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (consultant)), ==, "Consultant");
  follow_up = find_row (types, "Follow-up");
  minutes = find_inside (GTK_WIDGET (follow_up), GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (minutes)), ==, 15);

  /* Renamed, and Follow-up made 20 minutes (typed, not yet entered) and pink */
  harley_test_type_text (consultant, "Dr Amelia Hart");
  harley_test_type_text (minutes, "20");
  set_colour (find_inside (GTK_WIDGET (follow_up), GTK_TYPE_COLOR_BUTTON), "rgb(204,51,102)");

  /* A new type, added with Enter: saved at once, and shown above */
  harley_test_type_text (new_type, "  Injection ");
  gtk_spin_button_set_value (child (&desk, "new_type_minutes"), 10);
  set_colour (child (&desk, "new_type_colour"), "#1A5FB4");
  g_signal_emit_by_name (new_type, "entry-activated");
  harley_test_iterate (50);
  harley_test_assert_query_text (desk.path, "SELECT name || '|' || minutes || '|' || colour FROM appointment_type "
                                            "WHERE id = (SELECT max (id) FROM appointment_type)",
                                 "Injection|10|#1a5fb4");
  g_assert_nonnull (find_row (types, "Injection"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (new_type)), ==, "");

  /* A nurse, added with the button */
  harley_test_type_text (new_clinician, "Sister Kate Lowe");
  gtk_drop_down_set_selected (child (&desk, "new_clinician_role"), 1);
  add = find_button (GTK_WIDGET (new_clinician), "_Add");
  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  harley_test_iterate (50);
  harley_test_assert_query_text (desk.path, "SELECT group_concat (name || '|' || role, ';') FROM "
                                            "(SELECT name, role FROM clinician ORDER BY position)",
                                 "The consultant|consultant;Sister Kate Lowe|nurse");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (clinicians, 1))), ==, "Nurse");

  /* Closing saves the rest; the other types are as they were. */
  gtk_window_close (GTK_WINDOW (desk.prefs));
  harley_test_iterate (100);
  g_assert_null (harley_test_find_dialog ());
  g_assert_null (harley_test_find_window (HARLEY_TYPE_PREFERENCES_WINDOW));
  harley_test_assert_query_text (desk.path, "SELECT name FROM clinician WHERE role = 'consultant'", "Dr Amelia Hart");
  harley_test_assert_query_text (desk.path, "SELECT minutes || '|' || colour FROM appointment_type "
                                            "WHERE name = 'Follow-up'", "20|#cc3366");
  harley_test_assert_query_text (desk.path, "SELECT group_concat (name || '|' || minutes || '|' || colour, ';') FROM "
                                            "(SELECT * FROM appointment_type WHERE name <> 'Follow-up' ORDER BY position)",
                                 "New consultation|30|#3584e4;Procedure|45|#e66100;"
                                 "Telephone consultation|10|#9141ac;Results discussion|15|#c64600;"
                                 "Injection|10|#1a5fb4");

  /* The diary behind was read again: its clinicians are the new ones. */
  diary_clinicians = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (harley_window_get_diary (desk.window)),
                                                                   HARLEY_TYPE_DIARY_PAGE, "clinician_dropdown"));
  g_assert_true (dropdown_has (diary_clinicians, "Dr Amelia Hart"));
  g_assert_true (dropdown_has (diary_clinicians, "Sister Kate Lowe"));
  g_assert_false (dropdown_has (diary_clinicians, "The consultant"));

  desk_close (&desk);
}

static void
close_and_expect (Desk       *desk,
                  const char *body)
{
  AdwMessageDialog *question;

  gtk_window_close (GTK_WINDOW (desk->prefs));
  harley_test_iterate (100);
  question = harley_test_find_dialog ();
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Some Changes Were Not Saved");
  g_assert_cmpstr (adw_message_dialog_get_body (question), ==, body);
  /* Go Back: the window stays, with what was typed */
  harley_test_respond (question, "keep");
  g_assert_true (harley_test_find_window (HARLEY_TYPE_PREFERENCES_WINDOW) == desk->prefs);
}

static void
test_bad_input (void)
{
  Desk desk = { 0 };
  GtkListBox *types;
  AdwEntryRow *consultant, *procedure, *new_type;
  const char *types_sql = "SELECT group_concat (name || '|' || minutes, ';') FROM "
                          "(SELECT * FROM appointment_type ORDER BY position)";
  const char *types_saved = "New consultation|30;Follow-up|15;Procedure|45;Telephone consultation|10;"
                            "Results discussion|15";

  desk_open (&desk);
  types = child (&desk, "type_list");
  new_type = child (&desk, "new_type_row");

  /* A new type named as one there is, in another case: refused, said
   * under the list, and the name left to be changed. */
  g_assert_null (problem (&desk, "type_problem"));
  harley_test_type_text (new_type, "follow-up");
  g_signal_emit_by_name (new_type, "entry-activated");
  harley_test_iterate (50);
  g_assert_cmpstr (problem (&desk, "type_problem"), ==,
                   "There is already an appointment type called “follow-up”. Choose another name.");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (new_type), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (new_type)), ==, "follow-up");
  harley_test_assert_query_text (desk.path, types_sql, types_saved);

  /* Typing again takes the message away; a name of spaces is no name. */
  harley_test_type_text (new_type, "   ");
  g_assert_null (problem (&desk, "type_problem"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (new_type), "error"));
  g_signal_emit_by_name (new_type, "entry-activated");
  harley_test_iterate (50);
  g_assert_cmpstr (problem (&desk, "type_problem"), ==, "Type the new appointment type's name, then press Add.");
  harley_test_assert_query_text (desk.path, types_sql, types_saved);

  /* The consultant's name rubbed out: marked at once, and not saved */
  consultant = ADW_ENTRY_ROW (gtk_list_box_get_row_at_index (child (&desk, "clinician_list"), 0));
  harley_test_type_text (consultant, "");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (consultant), "error"));
  close_and_expect (&desk, "Type a name for the clinician who was “The consultant”.");
  g_assert_cmpstr (problem (&desk, "clinician_problem"), ==, "Type a name for the clinician who was “The consultant”.");
  harley_test_assert_query_text (desk.path, "SELECT name FROM clinician", "The consultant");

  /* Put right; and Procedure renamed as Follow-up, made longer. */
  harley_test_type_text (consultant, "Dr Amelia Hart");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (consultant), "error"));
  g_assert_null (problem (&desk, "clinician_problem"));
  procedure = find_row (types, "Procedure");
  harley_test_type_text (procedure, "Follow-up");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_inside (GTK_WIDGET (procedure), GTK_TYPE_SPIN_BUTTON)), 50);
  close_and_expect (&desk, "There is already an appointment type called “Follow-up”. Choose another name.");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (procedure), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (procedure)), ==, "Follow-up");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (find_inside (GTK_WIDGET (procedure),
                                                                                  GTK_TYPE_SPIN_BUTTON))), ==, 50);
  /* The good change before it is saved; the clash is not. */
  harley_test_assert_query_text (desk.path, "SELECT name FROM clinician", "Dr Amelia Hart");
  harley_test_assert_query_text (desk.path, types_sql, types_saved);

  /* Close Without Saving: gone, and the types as they were */
  gtk_window_close (GTK_WINDOW (desk.prefs));
  harley_test_iterate (100);
  harley_test_respond (harley_test_find_dialog (), "discard");
  g_assert_null (harley_test_find_window (HARLEY_TYPE_PREFERENCES_WINDOW));
  harley_test_assert_query_text (desk.path, types_sql, types_saved);

  desk_close (&desk);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/ui/preferences/diary/change-and-add", test_change_and_add, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/preferences/diary/bad-input", test_bad_input, harley_test_run_in_subprocess);

  return g_test_run ();
}
