/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the tests that drive the real window. */

#include <adwaita.h>

#include "harley-application.h"
#include "harley-preferences-window.h"
#include "harley-sign-in-page.h"
#include "harley-test-util.h"
#include "harley-user.h"
#include "harley-window.h"

/* Who the tests sign in as: the practice's administrator */
#define HARLEY_TEST_USER       "Sam Taylor"
#define HARLEY_TEST_PASSPHRASE "copper kettle morning"

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

/* Gives the practice database at @path the tests' own user, an
 * administrator, unless it has them or cannot be opened (what the test is
 * about). */
static inline void
harley_test_add_user (const char *path)
{
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS) || (store = harley_store_open (path, NULL)) == NULL
      || (users = harley_user_list (store, FALSE, NULL)) == NULL)
    return;
  for (guint i = 0; i < users->len; i++)
    if (g_str_equal (((HarleyUser *) g_ptr_array_index (users, i))->name, HARLEY_TEST_USER))
      return;
  harley_user_add (store, HARLEY_TEST_USER, HARLEY_ROLE_ADMINISTRATOR, HARLEY_TEST_PASSPHRASE, 0, &error);
  g_assert_no_error (error);
}

/* Types @name's passphrase into the sign-in page, as the secretary does */
static inline void
harley_test_sign_in_as (HarleyWindow *window,
                        const char   *name,
                        const char   *passphrase)
{
  HarleySignInPage *page = HARLEY_SIGN_IN_PAGE (harley_window_get_sign_in_page (window));

  g_assert_nonnull (page);
  if (harley_sign_in_page_get_mode (page) == HARLEY_SIGN_IN_PAGE_SIGN_IN)
    g_assert_true (harley_sign_in_page_choose_user (page, name));
  gtk_editable_set_text (harley_sign_in_page_get_entry (page, "passphrase"), passphrase);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sign-in.go", NULL));
  harley_test_iterate (20);
}

/* Starts Harley on the database at @path, registered and activated as a
 * start of Harley is, checking the database's disk against @sysfs_root
 * (NULL: not at all); nobody is signed in yet. */
static inline HarleyApplication *
harley_test_start_signed_out_with_disk_check (const char *path,
                                              const char *sysfs_root)
{
  HarleyApplication *app = harley_application_new ();
  g_autoptr(GError) error = NULL;

  harley_application_set_database_path (app, path);
  harley_application_set_disk_check_root (app, sysfs_root);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  return app;
}

/* Starts Harley on the database at @path as a start of Harley is, without
 * the notice that the test machine's disk is not encrypted; nobody is
 * signed in yet. */
static inline HarleyApplication *
harley_test_start_signed_out (const char *path)
{
  return harley_test_start_signed_out_with_disk_check (path, NULL);
}

/* Starts Harley as harley_test_start_signed_out_with_disk_check () does,
 * and signs in as the tests' user; what it shows is left to the caller to
 * find. */
static inline HarleyApplication *
harley_test_start_with_disk_check (const char *path,
                                   const char *sysfs_root)
{
  HarleyApplication *app;
  GtkWindow *window;

  harley_test_add_user (path);
  app = harley_test_start_signed_out_with_disk_check (path, sysfs_root);
  window = NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (HARLEY_IS_WINDOW (l->data))
      window = l->data;
  if (HARLEY_IS_WINDOW (window) && harley_window_is_locked (HARLEY_WINDOW (window)))
    {
      HarleySignInPage *page = HARLEY_SIGN_IN_PAGE (harley_window_get_sign_in_page (HARLEY_WINDOW (window)));

      harley_test_sign_in_as (HARLEY_WINDOW (window), HARLEY_TEST_USER, HARLEY_TEST_PASSPHRASE);
      if (harley_window_is_locked (HARLEY_WINDOW (window)))
        g_error ("Could not sign in: %s", harley_sign_in_page_get_message (page));
    }
  return app;
}

/* Starts Harley on the database at @path, without the disk notice, and
 * signs in as the tests' user */
static inline HarleyApplication *
harley_test_start (const char *path)
{
  return harley_test_start_with_disk_check (path, NULL);
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
