/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-restore"

/* Restore From a Backup: choose a backup (those in the backup folder,
 * newest first, or another file), type its passphrase, and Harley checks
 * the whole backup in a worker thread (harley_backup_verify) before
 * showing what it holds and asking. Only then does it close the desk and
 * restore (harley-restore-run.c). A wrong passphrase, a damaged or cut
 * short file or one that is not a backup is said here, and nothing is
 * changed. */

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "harley-backup-settings.h"
#include "harley-restore-dialog.h"
#include "harley-restore-run-private.h"
#include "harley-validate.h"

struct _HarleyRestoreDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkButton            *cancel_button;
  GtkButton            *back_button;
  GtkButton            *check_button;
  GtkButton            *restore_button;
  GtkStack             *stack;
  AdwPreferencesGroup  *list_group;
  GtkListBox           *backup_list;
  AdwEntryRow          *passphrase_row;
  GtkLabel             *problem_label;
  GtkSpinner           *checking_spinner;
  AdwStatusPage        *confirm_page;
  GtkListBox           *holdings_list;
  GtkLabel             *aside_label;
  GtkLabel             *confirm_problem;

  /* Owned references */
  HarleyStore          *store;
  char                 *file;          /* the backup chosen */
  GtkCheckButton       *group;         /* the first row's, which the others join */
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  HarleyBackupSummary  *summary;       /* of the checked backup */
  HarleyBackupSecret   *passphrase;    /* that opened it */
};

G_DEFINE_FINAL_TYPE (HarleyRestoreDialog, harley_restore_dialog, ADW_TYPE_WINDOW)

static void
show_step (HarleyRestoreDialog *self,
           const char          *step)
{
  gboolean choose = g_strcmp0 (step, "choose") == 0;
  gboolean confirm = g_strcmp0 (step, "confirm") == 0;

  gtk_stack_set_visible_child_name (self->stack, step);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !confirm);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), confirm);
  gtk_widget_set_visible (GTK_WIDGET (self->check_button), !confirm);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), confirm);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "restore.check", choose);
  gtk_spinner_set_spinning (self->checking_spinner, g_strcmp0 (step, "checking") == 0);
  if (confirm)
    gtk_widget_grab_focus (GTK_WIDGET (self->back_button));
}

static void
show_problem (HarleyRestoreDialog *self,
              const char          *message)
{
  gtk_label_set_text (self->problem_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

/* The list of backups {{{1 */

static char *
describe_file (const char *path,
               char      **size)
{
  g_autoptr(GDateTime) modified = NULL;
  g_autoptr(GDateTime) local = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      *size = NULL;
      return g_filename_display_basename (path);
    }
  *size = g_format_size ((guint64) st.st_size);
  modified = g_date_time_new_from_unix_utc (st.st_mtime);
  local = g_date_time_to_timezone (modified, harley_london_time_zone ());
  /* TRANSLATORS: when a backup was made, "Tuesday 25/11/2026, 14:02" */
  return g_date_time_format (local, _("%A %d/%m/%Y, %H:%M"));
}

static void
on_file_toggled_cb (GtkCheckButton      *check,
                    HarleyRestoreDialog *self)
{
  if (!gtk_check_button_get_active (check))
    return;
  g_free (self->file);
  self->file = g_strdup (g_object_get_data (G_OBJECT (check), "file"));
  show_problem (self, NULL);
}

static GtkCheckButton *
add_file_row (HarleyRestoreDialog *self,
              const char          *path,
              int                  position)
{
  g_autofree char *size = NULL;
  g_autofree char *when = describe_file (path, &size);
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *subtitle = size ? g_strdup_printf ("%s · %s", size, name) : g_strdup (name);
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  g_object_set_data_full (G_OBJECT (check), "file", g_strdup (path), g_free);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (self->group == NULL)
    self->group = GTK_CHECK_BUTTON (check);
  else
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->group);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_file_toggled_cb), self, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_list_box_insert (self->backup_list, row, position);
  return GTK_CHECK_BUTTON (check);
}

static void
list_backups (HarleyRestoreDialog *self)
{
  g_autofree char *folder = harley_store_get_practice_detail (self->store, "backup_folder");
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  if (folder == NULL || *folder == '\0')
    {
      adw_preferences_group_set_description (self->list_group,
                                             _("No backup folder is chosen: choose the backup file."));
      return;
    }
  name = g_filename_display_basename (folder);
  if ((files = harley_backup_list (folder, &error)) == NULL)
    {
      adw_preferences_group_set_description (self->list_group, error->message);
      return;
    }
  if (files->len == 0)
    description = g_strdup_printf (_("There are no backups in “%s”: choose the backup file."), name);
  else
    description = g_strdup_printf (_("The backups in “%s”, newest first."), name);
  adw_preferences_group_set_description (self->list_group, description);
  for (guint i = 0; i < files->len; i++)
    add_file_row (self, g_ptr_array_index (files, i), (int) i);
  if (files->len > 0)
    gtk_check_button_set_active (self->group, TRUE);
}

/**
 * harley_restore_dialog_choose_file:
 * @self: a #HarleyRestoreDialog
 * @file: a backup file
 *
 * Adds @file at the top of the list and chooses it, as "Choose Another
 * Backup File…" does.
 */
void
harley_restore_dialog_choose_file (HarleyRestoreDialog *self,
                                   const char          *file)
{
  g_return_if_fail (HARLEY_IS_RESTORE_DIALOG (self));
  g_return_if_fail (file != NULL);

  gtk_check_button_set_active (add_file_row (self, file, 0), TRUE);
}

static void
on_file_chosen_cb (GtkNativeDialog     *chooser,
                   int                  response,
                   HarleyRestoreDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if ((path = file ? g_file_get_path (file) : NULL) != NULL)
    harley_restore_dialog_choose_file (self, path);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  HarleyRestoreDialog *self = HARLEY_RESTORE_DIALOG (widget);
  g_autoptr(GtkFileFilter) backups = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (backups, _("Harley backups"));
  gtk_file_filter_add_pattern (backups, "*.hbak");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose a Backup"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), backups);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_file_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Checking {{{1 */

typedef struct
{
  char               *file;
  HarleyBackupSecret *passphrase;
} Check;

static void
check_free (Check *check)
{
  g_free (check->file);
  harley_backup_secret_free (check->passphrase);
  g_free (check);
}

static void
check_thread_cb (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Check *check = task_data;
  GError *error = NULL;
  HarleyBackupSummary *summary = harley_backup_verify (check->file, check->passphrase, &error);

  if (summary == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, summary, (GDestroyNotify) harley_backup_summary_free);
}

static void
add_holding (HarleyRestoreDialog *self,
             const char          *title,
             const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  g_object_set_data (G_OBJECT (row), "value", label);
  gtk_list_box_append (self->holdings_list, row);
}

static void
add_count (HarleyRestoreDialog *self,
           const char          *title,
           gint64               count)
{
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, count);

  add_holding (self, title, value);
}

static char *
describe_aside (HarleyRestoreDialog *self)
{
  g_autofree char *name = g_filename_display_basename (harley_store_get_path (self->store));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y%m%d");
  g_autofree char *aside = g_strdup_printf ("%s.before-restore-%s-…", name, day);
  g_autofree char *escaped = g_markup_escape_text (aside, -1);

  return g_strdup_printf (_("Everything saved since this backup was made will no longer be in use. "
                            "The practice database in use now is kept aside, unchanged, in its "
                            "folder as <b>%s</b> (the date and time follow), so nothing is lost. "
                            "Harley closes its windows, restores the backup and opens again."),
                          escaped);
}

static void
show_summary (HarleyRestoreDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = harley_backup_describe_when (self->summary->made, now);
  g_autofree char *made = g_strdup_printf (_("Made %s by Harley %s."), when, self->summary->harley_version);
  g_autofree char *aside = describe_aside (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->holdings_list))) != NULL)
    gtk_list_box_remove (self->holdings_list, child);
  adw_status_page_set_description (self->confirm_page, made);
  add_count (self, _("Patients"), self->summary->patients);
  add_count (self, _("Appointments"), self->summary->appointments);
  add_count (self, _("Letters"), self->summary->letters);
  add_count (self, _("Samples"), self->summary->samples);
  gtk_label_set_markup (self->aside_label, aside);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_problem), FALSE);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  HarleyRestoreDialog *self = HARLEY_RESTORE_DIALOG (source);
  g_autoptr(GError) error = NULL;
  HarleyBackupSummary *summary = g_task_propagate_pointer (G_TASK (result), &error);
  Check *check = g_task_get_task_data (G_TASK (result));

  /* The dialog was closed while the backup was being checked */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (summary == NULL)
    {
      show_step (self, "choose");
      show_problem (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      return;
    }
  g_clear_pointer (&self->summary, harley_backup_summary_free);
  self->summary = summary;
  g_clear_pointer (&self->passphrase, harley_backup_secret_free);
  self->passphrase = g_steal_pointer (&check->passphrase);
  show_summary (self);
  show_step (self, "confirm");
}

static void
check_action (GtkWidget  *widget,
              const char *action,
              GVariant   *parameter)
{
  HarleyRestoreDialog *self = HARLEY_RESTORE_DIALOG (widget);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  g_autoptr(GTask) task = NULL;
  Check *check;

  if (self->file == NULL)
    {
      show_problem (self, _("Choose the backup to restore first."));
      return;
    }
  if (*typed == '\0')
    {
      show_problem (self, _("Type the passphrase the backup was made with."));
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      return;
    }
  check = g_new0 (Check, 1);
  check->file = g_strdup (self->file);
  check->passphrase = harley_backup_secret_new ();
  g_strlcpy (check->passphrase, typed, HARLEY_BACKUP_MAX_PASSPHRASE + 1);
  task = g_task_new (self, self->cancellable, check_done_cb, NULL);
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);
  show_problem (self, NULL);
  show_step (self, "checking");
  g_task_run_in_thread (task, check_thread_cb);
}

static void
on_passphrase_activated_cb (HarleyRestoreDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "restore.check", NULL);
}

static void
on_passphrase_changed_cb (HarleyRestoreDialog *self)
{
  show_problem (self, NULL);
}

/* Restoring {{{1 */

static void
back_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  show_step (HARLEY_RESTORE_DIALOG (widget), "choose");
}

static void
cancel_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
restore_action (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  g_autoptr(HarleyRestoreDialog) self = g_object_ref (HARLEY_RESTORE_DIALOG (widget));
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;

  if (self->summary == NULL || application == NULL)
    return;
  if (!_harley_restore_check_desk (application, GTK_WINDOW (self), &error))
    {
      gtk_label_set_text (self->confirm_problem, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->confirm_problem), TRUE);
      return;
    }
  /* Every window closes, this one too, and the store with them: the rest
   * needs nothing of this dialog. */
  g_clear_object (&self->store);
  _harley_restore_run (application, self->file, self->passphrase, self->summary);
}

/* For the tests {{{1 */

/**
 * harley_restore_dialog_get_file:
 *
 * Returns: (transfer none) (nullable): the backup chosen
 */
const char *
harley_restore_dialog_get_file (HarleyRestoreDialog *self)
{
  g_return_val_if_fail (HARLEY_IS_RESTORE_DIALOG (self), NULL);
  return self->file;
}

/**
 * harley_restore_dialog_get_step:
 *
 * Returns: (transfer none): "choose", "checking" or "confirm"
 */
const char *
harley_restore_dialog_get_step (HarleyRestoreDialog *self)
{
  g_return_val_if_fail (HARLEY_IS_RESTORE_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * harley_restore_dialog_get_problem:
 *
 * Returns: (transfer none) (nullable): what is shown as wrong, if anything
 */
const char *
harley_restore_dialog_get_problem (HarleyRestoreDialog *self)
{
  g_return_val_if_fail (HARLEY_IS_RESTORE_DIALOG (self), NULL);
  if (gtk_widget_get_visible (GTK_WIDGET (self->confirm_problem)))
    return gtk_label_get_text (self->confirm_problem);
  if (gtk_widget_get_visible (GTK_WIDGET (self->problem_label)))
    return gtk_label_get_text (self->problem_label);
  return NULL;
}

/**
 * harley_restore_dialog_dup_summary:
 *
 * Returns: (transfer full): what the confirmation says, one line each
 */
char *
harley_restore_dialog_dup_summary (HarleyRestoreDialog *self)
{
  g_autoptr(GString) text = g_string_new (adw_status_page_get_description (self->confirm_page));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->holdings_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_string_append_printf (text, "\n%s: %s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              gtk_label_get_text (g_object_get_data (G_OBJECT (row), "value")));
  g_string_append_printf (text, "\n%s", gtk_label_get_text (self->aside_label));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The object {{{1 */

/**
 * harley_restore_dialog_new:
 * @parent: (nullable): the window to restore from
 * @store: the practice database in use
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
GtkWindow *
harley_restore_dialog_new (GtkWindow   *parent,
                           HarleyStore *store)
{
  GApplication *application = g_application_get_default ();
  HarleyRestoreDialog *self;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);

  /* Preferences is not one of the application's windows; the restore
   * needs the application, to close and open the desk. */
  self = g_object_new (HARLEY_TYPE_RESTORE_DIALOG, "transient-for", parent,
                       "application", GTK_IS_APPLICATION (application) ? application : NULL, NULL);
  self->store = g_object_ref (store);
  list_backups (self);
  show_step (self, "choose");
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
  return GTK_WINDOW (self);
}

static void
harley_restore_dialog_dispose (GObject *object)
{
  HarleyRestoreDialog *self = HARLEY_RESTORE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_RESTORE_DIALOG);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->summary, harley_backup_summary_free);
  g_clear_pointer (&self->passphrase, harley_backup_secret_free);
  g_clear_pointer (&self->file, g_free);
  self->group = NULL;

  G_OBJECT_CLASS (harley_restore_dialog_parent_class)->dispose (object);
}

static void
harley_restore_dialog_class_init (HarleyRestoreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_restore_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/harleydesk/Harley/preferences/harley-restore-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyRestoreDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyRestoreDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyRestoreDialog, check_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyRestoreDialog, restore_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyRestoreDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, HarleyRestoreDialog, list_group);
  gtk_widget_class_bind_template_child (widget_class, HarleyRestoreDialog, backup_list);
  gtk_widget_class_bind_template_child (widget_class, HarleyRestoreDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, HarleyRestoreDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, HarleyRestoreDialog, checking_spinner);
  gtk_widget_class_bind_template_child (widget_class, HarleyRestoreDialog, confirm_page);
  gtk_widget_class_bind_template_child (widget_class, HarleyRestoreDialog, holdings_list);
  gtk_widget_class_bind_template_child (widget_class, HarleyRestoreDialog, aside_label);
  gtk_widget_class_bind_template_child (widget_class, HarleyRestoreDialog, confirm_problem);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_changed_cb);

  gtk_widget_class_install_action (widget_class, "restore.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "restore.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "restore.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "restore.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "restore.restore", NULL, restore_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "restore.cancel", NULL);
}

static void
harley_restore_dialog_init (HarleyRestoreDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
