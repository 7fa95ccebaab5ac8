/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-preferences"

/* Preferences → Backups. Each setting is the practice's and is saved in
 * its database as soon as it is changed (harley-backup-settings.c says
 * why the passphrase may be kept there). The backups themselves are made
 * by the store's HarleyBackupService in a worker thread, so the window
 * stays usable; this page shows the spinner, the last good backup and
 * what went wrong. */

#include <glib/gi18n-lib.h>

#include "harley-backup-service.h"
#include "harley-preferences-backups-private.h"
#include "harley-restore-dialog.h"

struct _HarleyPreferencesBackups
{
  AdwPreferencesPage    parent_instance;

  /* Template widgets */
  AdwActionRow         *last_row;
  GtkSpinner           *spinner;
  GtkButton            *back_up_button;
  AdwActionRow         *folder_row;
  AdwActionRow         *same_disk_row;
  GtkSpinButton        *keep_spin;
  AdwEntryRow          *passphrase_row;
  AdwEntryRow          *again_row;
  GtkLabel             *passphrase_status;
  GtkButton            *passphrase_button;

  /* Owned references */
  HarleyStore          *store;
  HarleyBackupService  *service;
  GtkFileChooserNative *chooser;

  gboolean              loading;   /* showing the settings, not changing them */
  gboolean              started;   /* the running backup is this page's */
};

G_DEFINE_FINAL_TYPE (HarleyPreferencesBackups, harley_preferences_backups, ADW_TYPE_PREFERENCES_PAGE)

static GtkWindow *
get_window (HarleyPreferencesBackups *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
toast (HarleyPreferencesBackups *self,
       const char               *message)
{
  GtkWindow *window = get_window (self);
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  if (ADW_IS_PREFERENCES_WINDOW (window))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (escaped));
}

/* Showing {{{1 */

static void
show_last (HarleyPreferencesBackups   *self,
           const HarleyBackupSettings *settings)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *last = harley_backup_describe_last (settings, now);
  g_autofree char *escaped = g_markup_escape_text (last, -1);
  const GError *failed = harley_backup_service_get_last_error (self->service);
  gboolean running = harley_backup_service_get_running (self->service);
  g_autofree char *problem = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->last_row), escaped);
  if (running)
    adw_action_row_set_subtitle (self->last_row, _("Backing up…"));
  else if (failed != NULL)
    {
      problem = g_markup_escape_text (failed->message, -1);
      adw_action_row_set_subtitle (self->last_row, problem);
    }
  else if (!harley_backup_settings_is_ready (settings))
    adw_action_row_set_subtitle (self->last_row, _("Choose a backup folder and set a passphrase below, "
                                                   "then Harley backs up by itself."));
  else
    adw_action_row_set_subtitle (self->last_row, "");
  if (failed != NULL && !running)
    gtk_widget_add_css_class (GTK_WIDGET (self->last_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->last_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_spinner_set_spinning (self->spinner, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.back-up-now",
                                 !running && harley_backup_settings_is_ready (settings));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.restore", !running);
}

static void
show_folder (HarleyPreferencesBackups   *self,
             const HarleyBackupSettings *settings)
{
  g_autofree char *shown = settings->folder ? g_filename_display_name (settings->folder) : NULL;
  g_autofree char *escaped = shown ? g_markup_escape_text (shown, -1) : NULL;

  adw_action_row_set_subtitle (self->folder_row, escaped ? escaped : _("Not chosen yet"));
  gtk_widget_set_visible (GTK_WIDGET (self->same_disk_row),
                          settings->folder != NULL
                          && harley_backup_is_same_disk (harley_store_get_path (self->store), settings->folder));
}

static void
show_passphrase (HarleyPreferencesBackups   *self,
                 const HarleyBackupSettings *settings)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->passphrase_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->again_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->passphrase_status), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->passphrase_status), "dim-label");
  gtk_label_set_text (self->passphrase_status,
                      settings->has_passphrase
                      ? _("A passphrase is set. To change it, type the new one twice; backups made "
                          "before keep the passphrase they were made with.")
                      : _("No passphrase yet: Harley cannot make a backup until one is set. Use at "
                          "least 8 characters; a phrase of several words is best."));
  gtk_button_set_label (self->passphrase_button,
                        settings->has_passphrase ? _("_Change Passphrase") : _("_Set Passphrase"));
}

static void
show_settings (HarleyPreferencesBackups *self)
{
  g_autoptr(HarleyBackupSettings) settings = harley_backup_settings_load (self->store);

  self->loading = TRUE;
  gtk_spin_button_set_value (self->keep_spin, settings->keep);
  self->loading = FALSE;
  show_last (self, settings);
  show_folder (self, settings);
  show_passphrase (self, settings);
}

static void
on_service_changed_cb (HarleyPreferencesBackups *self)
{
  g_autoptr(HarleyBackupSettings) settings = harley_backup_settings_load (self->store);

  show_last (self, settings);
}

static void
on_finished_cb (HarleyBackupService      *service,
                const char               *file,
                const GError             *error,
                HarleyPreferencesBackups *self)
{
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!self->started)
    return;
  self->started = FALSE;
  if (file == NULL)
    {
      toast (self, _("The backup was not made: see why under Backing Up"));
      return;
    }
  folder = g_path_get_dirname (file);
  name = g_filename_display_basename (folder);
  message = g_strdup_printf (_("Backed up to …/%s"), name);
  toast (self, message);
}

/* Changing {{{1 */

/**
 * _harley_preferences_backups_set_folder:
 * @self: the Backups page
 * @folder: the folder chosen
 *
 * Saves the backup folder, as choosing one does.
 *
 * Returns: whether it was saved; if not, she is told why
 */
gboolean
_harley_preferences_backups_set_folder (HarleyPreferencesBackups *self,
                                        const char               *folder)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = harley_backup_settings_set_folder (self->store, folder, &error);

  if (!ok)
    toast (self, error->message);
  show_settings (self);
  harley_backup_service_changed (self->service);
  return ok;
}

static void
on_folder_chosen_cb (GtkNativeDialog          *chooser,
                     int                       response,
                     HarleyPreferencesBackups *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      toast (self, _("Choose a folder on this computer, a drive or a mounted network share."));
      return;
    }
  _harley_preferences_backups_set_folder (self, path);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action,
                      GVariant   *parameter)
{
  HarleyPreferencesBackups *self = HARLEY_PREFERENCES_BACKUPS (widget);
  g_autofree char *current = harley_store_get_practice_detail (self->store, "backup_folder");

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose the Backup Folder"), get_window (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"),
                                               _("_Cancel"));
  if (current != NULL && *current != '\0')
    {
      g_autoptr(GFile) folder = g_file_new_for_path (current);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_folder_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_keep_changed_cb (HarleyPreferencesBackups *self)
{
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;
  if (!harley_backup_settings_set_keep (self->store, (guint) gtk_spin_button_get_value_as_int (self->keep_spin),
                                        &error))
    toast (self, error->message);
}

/* GTK 4.8 has no gtk_viewport_scroll_to(): the problem is under the rows
 * and may be below the window's edge, so the page is scrolled to it. */
static void
scroll_into_view (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = scrolled ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
  GtkAdjustment *adjustment;
  double x, bottom, page;

  if (content == NULL
      || !gtk_widget_translate_coordinates (widget, content, 0, gtk_widget_get_height (widget), &x, &bottom))
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  page = gtk_adjustment_get_page_size (adjustment);
  if (bottom > gtk_adjustment_get_value (adjustment) + page)
    gtk_adjustment_set_value (adjustment, bottom - page + 12);
}

static void
show_passphrase_problem (HarleyPreferencesBackups *self,
                         const char               *message)
{
  gtk_label_set_text (self->passphrase_status, message);
  gtk_widget_remove_css_class (GTK_WIDGET (self->passphrase_status), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->passphrase_status), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->passphrase_row), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->again_row), "error");
  scroll_into_view (GTK_WIDGET (self->passphrase_button));
}

static void
set_passphrase_action (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  HarleyPreferencesBackups *self = HARLEY_PREFERENCES_BACKUPS (widget);
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->again_row));
  g_autoptr(GError) error = NULL;

  if (!harley_backup_settings_set_passphrase (self->store, passphrase, again, &error))
    {
      show_passphrase_problem (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->again_row), "");
  show_settings (self);
  harley_backup_service_changed (self->service);
  toast (self, _("Passphrase set. Write it down and keep it apart from the backup drive."));
}

static void
on_again_activated_cb (HarleyPreferencesBackups *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "backups.set-passphrase", NULL);
}

static void
on_passphrase_changed_cb (HarleyPreferencesBackups *self)
{
  /* A problem shown is about what was typed before. */
  if (gtk_widget_has_css_class (GTK_WIDGET (self->passphrase_status), "error"))
    show_settings (self);
}

static void
back_up_now_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  HarleyPreferencesBackups *self = HARLEY_PREFERENCES_BACKUPS (widget);
  g_autoptr(GError) error = NULL;

  if (harley_backup_service_back_up (self->service, &error))
    self->started = TRUE;
  else
    toast (self, error->message);
}

static void
restore_action (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  HarleyPreferencesBackups *self = HARLEY_PREFERENCES_BACKUPS (widget);

  gtk_window_present (harley_restore_dialog_new (get_window (self), self->store));
}

/* For the tests {{{1 */

/**
 * _harley_preferences_backups_get_last:
 *
 * Returns: (transfer none): what the page says of the last good backup
 */
const char *
_harley_preferences_backups_get_last (HarleyPreferencesBackups *self)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->last_row));
}

/**
 * _harley_preferences_backups_get_problem:
 *
 * Returns: (transfer none) (nullable): what is wrong with the passphrase
 *   typed, or why the last backup failed, or %NULL
 */
const char *
_harley_preferences_backups_get_problem (HarleyPreferencesBackups *self)
{
  if (gtk_widget_has_css_class (GTK_WIDGET (self->passphrase_status), "error"))
    return gtk_label_get_text (self->passphrase_status);
  if (gtk_widget_has_css_class (GTK_WIDGET (self->last_row), "error"))
    return adw_action_row_get_subtitle (self->last_row);
  return NULL;
}

/* The object {{{1 */

/**
 * _harley_preferences_backups_new:
 * @store: the practice database
 *
 * Returns: (transfer floating): the Backups page, for Preferences
 */
HarleyPreferencesBackups *
_harley_preferences_backups_new (HarleyStore *store)
{
  HarleyPreferencesBackups *self;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);

  self = g_object_new (HARLEY_TYPE_PREFERENCES_BACKUPS, NULL);
  self->store = g_object_ref (store);
  self->service = g_object_ref (harley_backup_service_get (store));
  g_signal_connect_object (self->service, "changed", G_CALLBACK (on_service_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->service, "finished", G_CALLBACK (on_finished_cb), self, 0);
  show_settings (self);
  return self;
}

static void
harley_preferences_backups_dispose (GObject *object)
{
  HarleyPreferencesBackups *self = HARLEY_PREFERENCES_BACKUPS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_PREFERENCES_BACKUPS);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->service);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (harley_preferences_backups_parent_class)->dispose (object);
}

static void
harley_preferences_backups_class_init (HarleyPreferencesBackupsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_preferences_backups_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/harleydesk/Harley/preferences/harley-preferences-backups.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesBackups, last_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesBackups, spinner);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesBackups, back_up_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesBackups, folder_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesBackups, same_disk_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesBackups, keep_spin);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesBackups, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesBackups, again_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesBackups, passphrase_status);
  gtk_widget_class_bind_template_child (widget_class, HarleyPreferencesBackups, passphrase_button);
  gtk_widget_class_bind_template_callback (widget_class, on_keep_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_again_activated_cb);

  gtk_widget_class_install_action (widget_class, "backups.choose-folder", NULL, choose_folder_action);
  gtk_widget_class_install_action (widget_class, "backups.set-passphrase", NULL, set_passphrase_action);
  gtk_widget_class_install_action (widget_class, "backups.back-up-now", NULL, back_up_now_action);
  gtk_widget_class_install_action (widget_class, "backups.restore", NULL, restore_action);
}

static void
harley_preferences_backups_init (HarleyPreferencesBackups *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
