/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-application"

#include <glib/gi18n-lib.h>

#include "harley-application.h"
#include "harley-disk.h"
#include "harley-disk-notice.h"
#include "harley-backup-on-quit.h"
#include "harley-backup-service.h"
#include "harley-ui-resources.h"
#include "harley-preferences-window.h"
#include "harley-window.h"

/* How often the daily backup looks whether one is due */
#define BACKUP_WATCH_SECONDS (5 * 60)
/* Long enough for a worker that holds the store (the start-up check) to
 * finish with it before a restore. */
#define CLOSE_WAIT_US        (10 * G_USEC_PER_SEC)

struct _HarleyApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  HarleyStore    *store;
  GSettings      *settings;
  char           *disk_check_root;   /* sysfs, or NULL not to check */
  char           *closed_by;         /* who closed the desk to restore a backup */
};

G_DEFINE_FINAL_TYPE (HarleyApplication, harley_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open this practice database instead of the usual one"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
  { NULL }
};

static int
harley_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  HarleyApplication *self = HARLEY_APPLICATION (app);
  g_autofree char *path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("Harley %s\n", HARLEY_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "database", "^ay", &path))
    harley_application_set_database_path (self, path);
  return -1;
}

static void
on_quit_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GApplication     *app)
{
  g_application_quit (app);
}

/* When the file cannot be opened there is nothing to show but the reason:
 * the dialog is Harley's only window, and closing it quits. */
static void
show_open_failure (HarleyApplication *self,
                   const GError      *error)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, _("Harley Cannot Open the Practice Database"),
                                              error->message);

  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_quit_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
check_thread_cb (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;

  if (harley_store_wait_for_check (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    harley_window_set_damaged (HARLEY_WINDOW (window), error);
}

/* The whole-file check runs once the window is on screen (an idle at low
 * priority comes after the first frame), beside the secretary's work;
 * writes wait for it. */
static gboolean
start_check_cb (gpointer user_data)
{
  HarleyStore *store = harley_window_get_store (HARLEY_WINDOW (user_data));
  g_autoptr(GTask) task = NULL;

  /* The window closed before it was drawn (a restore) */
  if (store == NULL)
    return G_SOURCE_REMOVE;
  task = g_task_new (NULL, NULL, check_done_cb, g_object_ref (user_data));
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, check_thread_cb);
  return G_SOURCE_REMOVE;
}

static void
watch_check (HarleyApplication *self,
             HarleyWindow      *window)
{
  g_idle_add_full (G_PRIORITY_LOW, start_check_cb, g_object_ref (window), g_object_unref);
}

/* Once someone has signed in, whether the disk is encrypted is said */
static void
on_first_sign_in_cb (HarleyWindow      *window,
                     HarleyApplication *self)
{
  g_signal_handlers_disconnect_by_func (window, on_first_sign_in_cb, self);
  if (self->disk_check_root != NULL)
    harley_disk_notice_check (GTK_WINDOW (window), self->store, self->database_path, self->disk_check_root);
}

static HarleyWindow *
show_desk (HarleyApplication *self)
{
  HarleyWindow *window = harley_window_new (self, self->store);

  harley_window_require_sign_in (window);
  g_signal_connect_object (window, "signed-in", G_CALLBACK (on_first_sign_in_cb), self, 0);
  watch_check (self, window);
  harley_backup_guard_quit (window);
  harley_backup_service_watch (harley_backup_service_get (self->store), BACKUP_WATCH_SECONDS);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
open_desk (HarleyApplication *self)
{
  g_autoptr(GError) error = NULL;

  self->store = harley_store_open_full (self->database_path, HARLEY_STORE_OPEN_DEFER_CHECK, &error);
  if (self->store == NULL)
    {
      show_open_failure (self, error);
      return;
    }
  show_desk (self);
}

static void
on_create_response_cb (AdwMessageDialog  *dialog,
                       const char        *response,
                       HarleyApplication *self)
{
  if (g_strcmp0 (response, "create") == 0)
    open_desk (self);
  else
    g_application_quit (G_APPLICATION (self));
}

/* A database named on the command line that is not there is more likely a
 * mistyped path than a new practice: ask before making one. */
static void
ask_to_create (HarleyApplication *self)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, _("Make a New Practice Database?"), NULL);

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("There is no practice database at “%s”. Check the name, "
                                    "or make a new, empty practice database there."),
                                  self->database_path);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "quit", _("_Quit"),
                                    "create", _("_Make a New Database"),
                                    NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  g_signal_connect (dialog, "response", G_CALLBACK (on_create_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
harley_application_activate (GApplication *app)
{
  HarleyApplication *self = HARLEY_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  if (self->database_path == NULL)
    self->database_path = harley_store_default_path ();
  else if (!g_file_test (self->database_path, G_FILE_TEST_EXISTS))
    {
      ask_to_create (self);
      return;
    }
  open_desk (self);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  harley_application_show_preferences (user_data, NULL);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  HarleyApplication *self = user_data;
  const char *developers[] = { "The Harley developers", NULL };
  GtkWidget *about = adw_about_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (GTK_APPLICATION (self)));
  g_object_set (about,
                "application-name", _("Harley"),
                "application-icon", HARLEY_APP_ID,
                "version", HARLEY_VERSION,
                "developer-name", _("The Harley developers"),
                "developers", developers,
                "comments", _("The desk of a private medical practice's secretary: patients, "
                              "diary, letters and results, kept safe on this computer."),
                "license-type", GTK_LICENSE_GPL_3_0,
                "copyright", "© 2026 The Harley developers",
                NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  /* A window closed here leaves the application's list at once: walk a copy */
  g_autolist(GtkWindow) windows = g_list_copy_deep (gtk_application_get_windows (app),
                                                    (GCopyFunc) g_object_ref, NULL);

  /* Closing the windows asks about unsaved changes first. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
set_accels (GtkApplication *app)
{
  const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.privacy", { "<Control><Shift>h", NULL } },
    { "win.show-help-overlay", { "<Control>question", "<Control>F1", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, HARLEY_APP_ID, TRUE);
  if (schema == NULL)
    {
      g_warning ("The settings schema %s is not installed; window size will not be kept", HARLEY_APP_ID);
      return NULL;
    }
  return g_settings_new (HARLEY_APP_ID);
}

static void
harley_application_startup (GApplication *app)
{
  HarleyApplication *self = HARLEY_APPLICATION (app);

  /* Referencing the bundle keeps it linked from the static library. */
  g_assert (harley_ui_get_resource () != NULL);
  G_APPLICATION_CLASS (harley_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  set_accels (GTK_APPLICATION (app));
  gtk_window_set_default_icon_name (HARLEY_APP_ID);
  self->settings = load_settings ();
}

static void
harley_application_finalize (GObject *object)
{
  HarleyApplication *self = HARLEY_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_free (self->database_path);
  g_free (self->disk_check_root);
  g_free (self->closed_by);

  G_OBJECT_CLASS (harley_application_parent_class)->finalize (object);
}

static void
harley_application_class_init (HarleyApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = harley_application_finalize;
  app_class->activate = harley_application_activate;
  app_class->startup = harley_application_startup;
  app_class->handle_local_options = harley_application_handle_local_options;
}

static void
harley_application_init (HarleyApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  self->disk_check_root = g_strdup (HARLEY_DISK_SYSFS);
}

/**
 * harley_application_new:
 *
 * Harley is not a single-instance application: a second copy on the same
 * database is told plainly that the file is in use (the store's lock).
 *
 * Returns: (transfer full): the application
 */
HarleyApplication *
harley_application_new (void)
{
  return g_object_new (HARLEY_TYPE_APPLICATION,
                       "application-id", HARLEY_APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/org/harleydesk/Harley",
                       NULL);
}

HarleyStore *
harley_application_get_store (HarleyApplication *self)
{
  return self->store;
}

const char *
harley_application_get_database_path (HarleyApplication *self)
{
  return self->database_path;
}

void
harley_application_set_database_path (HarleyApplication *self,
                                      const char        *path)
{
  g_free (self->database_path);
  self->database_path = g_strdup (path);
}

/**
 * harley_application_get_settings:
 * @self: a #HarleyApplication
 *
 * Returns: (transfer none) (nullable): Harley's settings, when installed
 */
GSettings *
harley_application_get_settings (HarleyApplication *self)
{
  return self->settings;
}

/**
 * harley_application_set_disk_check_root:
 * @self: a #HarleyApplication
 * @sysfs_root: (nullable): where sysfs is, or %NULL not to check whether
 *   the database's disk is encrypted (the window's tests)
 */
void
harley_application_set_disk_check_root (HarleyApplication *self,
                                        const char        *sysfs_root)
{
  g_free (self->disk_check_root);
  self->disk_check_root = g_strdup (sysfs_root);
}

/**
 * harley_application_show_preferences:
 * @self: a #HarleyApplication
 * @page: (nullable): the page to show, e.g. "backups", or %NULL for the first
 *
 * Opens Preferences over the main window.
 */
void
harley_application_show_preferences (HarleyApplication *self,
                                     const char        *page)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  HarleyPreferencesWindow *prefs;

  g_return_if_fail (HARLEY_IS_APPLICATION (self));

  /* Preferences hold the users and backups: not before signing in */
  if (self->store == NULL || (HARLEY_IS_WINDOW (parent) && harley_window_is_locked (HARLEY_WINDOW (parent))))
    return;
  prefs = harley_preferences_window_new (parent, self->store);
  if (page != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), page);
  if (HARLEY_IS_WINDOW (parent))
    g_signal_connect_object (prefs, "destroy", G_CALLBACK (harley_window_show_practice_name),
                             parent, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (prefs));
}

/**
 * harley_application_close_desk:
 * @self: a #HarleyApplication
 * @keep: (nullable): a window to leave open, such as one saying what is
 *   being done
 * @error: where to put why the database could not be closed
 *
 * Closes every window but @keep without asking (look for unsaved work
 * first) and closes the practice database, so that it can be replaced (a
 * restore). Harley keeps running until harley_application_reopen ().
 *
 * Returns: whether the database is closed; if not, it stays open and
 *   harley_application_reopen () shows it again
 */
gboolean
harley_application_close_desk (HarleyApplication  *self,
                               GtkWindow          *keep,
                               GError            **error)
{
  GList *windows;
  HarleyStore *store;
  gint64 until = g_get_monotonic_time () + CLOSE_WAIT_US;

  g_return_val_if_fail (HARLEY_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  g_application_hold (G_APPLICATION (self));
  g_free (self->closed_by);
  self->closed_by = g_strdup (harley_store_get_user (self->store));
  /* Every window, not only the application's: Preferences and the
   * editors it opens are toplevels of their own, holding the store too. */
  windows = gtk_window_list_toplevels ();
  g_list_foreach (windows, (GFunc) g_object_ref, NULL);
  for (GList *l = windows; l != NULL; l = l->next)
    if (l->data != (gpointer) keep)
      gtk_window_destroy (l->data);
  /* Let go of them here, or they would hold the store until the end */
  g_clear_list (&windows, g_object_unref);

  store = self->store;
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_clear_object (&self->store);
  while (store != NULL && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10000);
  if (store == NULL)
    return TRUE;
  g_object_remove_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  self->store = g_object_ref (store);
  g_set_error_literal (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_BUSY,
                       _("Harley could not close the practice database, as it is still busy. "
                         "Nothing has been changed; try again in a moment."));
  return FALSE;
}

/**
 * harley_application_reopen:
 * @self: a #HarleyApplication
 *
 * Opens the practice database again after harley_application_close_desk
 * (), with a fresh main window.
 *
 * Returns: (transfer none) (nullable): the new main window, or %NULL when
 *   the database could not be opened (Harley then says why)
 */
GtkWindow *
harley_application_reopen (HarleyApplication *self)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window = NULL;

  g_return_val_if_fail (HARLEY_IS_APPLICATION (self), NULL);

  if (self->store == NULL)
    self->store = harley_store_open_full (self->database_path, HARLEY_STORE_OPEN_DEFER_CHECK, &error);
  /* What the restore records is in the name of who did it; then whoever
   * is in the restored database's users signs in again */
  if (self->store != NULL && self->closed_by != NULL)
    harley_store_set_user (self->store, self->closed_by);
  g_clear_pointer (&self->closed_by, g_free);
  if (self->store != NULL)
    window = GTK_WINDOW (show_desk (self));
  else
    show_open_failure (self, error);
  g_application_release (G_APPLICATION (self));
  return window;
}
