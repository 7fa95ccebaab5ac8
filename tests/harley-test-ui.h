/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the tests that drive the real window. */

#include <adwaita.h>

#include "harley-application.h"
#include "harley-preferences-window.h"
#include "harley-test-util.h"
#include "harley-window.h"

/* Lets the window react, as the main loop does between keystrokes. */
static inline void
harley_test_iterate (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* A new practice database in a temporary folder of its own: sets @dir and
 * @path, and returns the store open for the test to fill. Close it before
 * harley_test_start (), as another Harley holding the file is refused. */
static inline HarleyStore *
harley_test_new_database (char **dir,
                          char **path)
{
  g_autoptr(GError) error = NULL;
  HarleyStore *store;

  *dir = harley_test_make_dir ();
  *path = harley_test_db_path (*dir);
  store = harley_store_open (*path, &error);
  g_assert_no_error (error);
  return store;
}

/* Removes what harley_test_new_database () made, and frees @dir and @path. */
static inline void
harley_test_remove_database (char **dir,
                             char **path)
{
  harley_test_remove_tree (*dir);
  g_clear_pointer (dir, g_free);
  g_clear_pointer (path, g_free);
}

/* Starts Harley on the database at @path, registered and activated as a
 * start of Harley is; what it shows is left to the caller to find. */
static inline HarleyApplication *
harley_test_start (const char *path)
{
  HarleyApplication *app = harley_application_new ();
  g_autoptr(GError) error = NULL;

  harley_application_set_database_path (app, path);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  return app;
}

/* The main window harley_test_start () opened (transfer none). */
static inline HarleyWindow *
harley_test_main_window (HarleyApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (HARLEY_IS_WINDOW (window));
  return HARLEY_WINDOW (window);
}

/* Closes @window and drops the application, as quitting Harley does. */
static inline void
harley_test_quit (HarleyWindow       *window,
                  HarleyApplication **app)
{
  gtk_window_destroy (GTK_WINDOW (window));
  harley_test_iterate (50);
  g_clear_object (app);
}

/* The visible toplevel of @type, if any (transfer none). */
static inline gpointer
harley_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* The first widget of @type inside @widget, itself included, or NULL */
static inline GtkWidget *
harley_test_find_inside (GtkWidget *widget,
                         GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = harley_test_find_inside (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The child @name of @widget's template of @type (transfer none) */
static inline gpointer
harley_test_template_child (gpointer    widget,
                            GType       type,
                            const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

/* Closes Preferences, if open, as she would before quitting: it saves on
 * closing. */
static inline void
harley_test_close_preferences (void)
{
  GtkWindow *prefs = harley_test_find_window (HARLEY_TYPE_PREFERENCES_WINDOW);

  if (prefs != NULL)
    gtk_window_close (prefs);
  harley_test_iterate (100);
  g_assert_null (harley_test_find_window (HARLEY_TYPE_PREFERENCES_WINDOW));
}

/* The message dialog on screen, if any. */
static inline AdwMessageDialog *
harley_test_find_dialog (void)
{
  return harley_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
}

/* Answers a message dialog as a click on its button does: the response,
 * then the dialog closes (adw_message_dialog_response () alone leaves it
 * open). */
static inline void
harley_test_respond (AdwMessageDialog *dialog,
                     const char       *response)
{
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  harley_test_iterate (50);
}

/* Activates @action on @widget, as its shortcut or button does, and lets
 * the window react. @parameter may be NULL; a floating one is consumed. */
static inline void
harley_test_activate (gpointer    widget,
                      const char *action,
                      GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (widget), action, parameter));
  harley_test_iterate (50);
}

/* Types @text into @editable (any GtkEditable: an entry, a row, a spin
 * button) one character at a time after clearing it, the cursor following,
 * and lets the window react to each keystroke as it would. */
static inline void
harley_test_type_text (gpointer    editable,
                       const char *text)
{
  GtkEditable *e = GTK_EDITABLE (editable);

  gtk_editable_set_text (e, "");
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int position = g_utf8_strlen (gtk_editable_get_text (e), -1);

      gtk_editable_insert_text (e, p, g_utf8_next_char (p) - p, &position);
      gtk_editable_set_position (e, position);
      harley_test_iterate (5);
    }
}

/* Each flow runs in a process of its own, as each start of Harley does:
 * one application per process. Use with g_test_add_data_func (). */
static inline void
harley_test_run_in_subprocess (gconstpointer data)
{
  if (g_test_subprocess ())
    {
      ((GTestFunc) data) ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}
