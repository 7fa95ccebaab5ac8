/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-restore"

/* Restoring over the database Harley has open.
 *
 * The database cannot be replaced while it is open (the restore takes the
 * lock the store holds), so: first make sure nothing typed would be lost
 * and no backup is running; then close every window and the store
 * (harley_application_close_desk), leaving only a small "Restoring"
 * window; prepare and commit the restore in a worker thread (decrypting
 * and checking take a while); and open the database again with a fresh
 * window (harley_application_reopen), restored or, if anything failed,
 * as it was. The restore is recorded in the restored database's own audit
 * trail, since the trail of the database kept aside is no longer in use. */

#include <glib/gi18n-lib.h>

#include "harley-application.h"
#include "harley-audit.h"
#include "harley-backup-service.h"
#include "harley-busy-window.h"
#include "harley-preferences-window.h"
#include "harley-restore-dialog.h"
#include "harley-restore-run-private.h"
#include "harley-window.h"

typedef struct
{
  HarleyApplication   *application;
  GtkWindow           *busy;
  char                *file;
  char                *database;
  HarleyBackupSecret  *passphrase;
  char                *made;          /* as the audit trail keeps times */
  char                *holdings;
  char                *kept_aside;    /* set by the worker */
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->application);
  g_free (run->file);
  g_free (run->database);
  harley_backup_secret_free (run->passphrase);
  g_free (run->made);
  g_free (run->holdings);
  g_free (run->kept_aside);
  g_free (run);
}

/* Before {{{1 */

static gboolean
check_window (GtkWindow  *window,
              GtkWindow  *dialog,
              GError    **error)
{
  if (window == dialog || !gtk_widget_get_visible (GTK_WIDGET (window)))
    return TRUE;
  if (HARLEY_IS_WINDOW (window))
    {
      if (!harley_patient_editor_get_dirty (harley_window_get_editor (HARLEY_WINDOW (window))))
        return TRUE;
      g_set_error_literal (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_FAILED,
                           _("The open patient has changes not saved. Save them or put them "
                             "back first, then restore."));
      return FALSE;
    }
  if (HARLEY_IS_PREFERENCES_WINDOW (window))
    return harley_preferences_window_save (HARLEY_PREFERENCES_WINDOW (window), error);
  g_set_error_literal (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_FAILED,
                       _("Close Harley's other windows first, so that nothing typed in them is "
                         "lost, then restore."));
  return FALSE;
}

/**
 * _harley_restore_check_desk:
 * @application: Harley
 * @dialog: the window asking to restore
 * @error: what must be done first
 *
 * Saves what Preferences hold, and refuses while a patient's changes are
 * not saved, another window (a letter, a booking) is open, or a backup is
 * being made: closing them would lose what was typed.
 *
 * Returns: whether the desk may be closed for a restore
 */
gboolean
_harley_restore_check_desk (GtkApplication  *application,
                            GtkWindow       *dialog,
                            GError         **error)
{
  HarleyStore *store = harley_application_get_store (HARLEY_APPLICATION (application));
  g_autoptr(GList) windows = NULL;

  if (store != NULL && harley_backup_service_get_running (harley_backup_service_get (store)))
    {
      g_set_error_literal (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_BUSY,
                           _("A backup is being made. Wait for it to finish, then restore."));
      return FALSE;
    }
  windows = gtk_window_list_toplevels ();
  for (GList *l = windows; l != NULL; l = l->next)
    if (!check_window (l->data, dialog, error))
      return FALSE;
  return TRUE;
}

/* The worker {{{1 */

static void
restore_thread_cb (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Run *run = task_data;
  g_autoptr(HarleyBackupRestore) restore = NULL;
  GError *error = NULL;

  restore = harley_backup_restore_prepare (run->file, run->database, run->passphrase, &error);
  if (restore != NULL && harley_backup_restore_commit (restore, &run->kept_aside, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* After {{{1 */

static void
record_restore (Run         *run,
                HarleyStore *store)
{
  g_autofree char *name = g_path_get_basename (run->file);
  g_autofree char *details = harley_audit_details ("file", run->file, "made", run->made,
                                                   "holds", run->holdings,
                                                   "kept_aside", run->kept_aside, NULL);
  g_autoptr(GError) error = NULL;

  const char *keys[] = { "last_backup_at", "last_backup_file" };
  const char *values[] = { run->made, run->file };

  if (!harley_audit_add (store, HARLEY_AUDIT_RESTORE_BACKUP, 0, name, details, &error))
    g_warning ("Could not record the restore in the audit trail: %s", error->message);
  g_clear_error (&error);
  /* The restored database is the backup's: that backup is its last good
   * one, rather than the one before it that the copy remembers. */
  if (!harley_store_set_practice_details (store, keys, values, G_N_ELEMENTS (keys), &error))
    g_warning ("Could not record the last backup: %s", error->message);
  harley_backup_service_changed (harley_backup_service_get (store));
}

static void
tell (GtkWindow  *window,
      const char *heading,
      const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (window, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
tell_restored (Run       *run,
               GtkWindow *window)
{
  g_autofree char *aside = run->kept_aside ? g_filename_display_basename (run->kept_aside) : NULL;
  g_autofree char *body = NULL;

  if (aside != NULL)
    body = g_strdup_printf (_("The practice is as it was when the backup was made: %s. The "
                              "database in use before is kept, unchanged, beside it as “%s”."),
                            run->holdings, aside);
  else
    body = g_strdup_printf (_("The practice is as it was when the backup was made: %s."), run->holdings);
  tell (window, _("Backup Restored"), body);
}

static void
finish (Run          *run,
        const GError *error)
{
  GtkWindow *window;
  HarleyStore *store;

  gtk_window_destroy (run->busy);
  window = harley_application_reopen (run->application);
  store = harley_application_get_store (run->application);
  if (window == NULL || store == NULL)
    return;
  if (error != NULL)
    {
      tell (window, _("The Backup Was Not Restored"), error->message);
      return;
    }
  record_restore (run, store);
  tell_restored (run, window);
}

static void
restore_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  finish (run, error);
}

/**
 * _harley_restore_run:
 * @application: Harley
 * @file: the backup, checked
 * @passphrase: its passphrase
 * @summary: what it holds
 *
 * Closes the desk, restores @file over the practice database and opens it
 * again, telling her how it went. Check first with
 * _harley_restore_check_desk ().
 */
void
_harley_restore_run (GtkApplication            *application,
                     const char                *file,
                     const char                *passphrase,
                     const HarleyBackupSummary *summary)
{
  HarleyStore *store = harley_application_get_store (HARLEY_APPLICATION (application));
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Run *run;

  g_return_if_fail (store != NULL);

  run = g_new0 (Run, 1);
  run->application = g_object_ref (HARLEY_APPLICATION (application));
  run->file = g_strdup (file);
  run->database = g_strdup (harley_store_get_path (store));
  run->passphrase = harley_backup_secret_new ();
  g_strlcpy (run->passphrase, passphrase, HARLEY_BACKUP_MAX_PASSPHRASE + 1);
  run->made = g_date_time_format (summary->made, "%Y-%m-%dT%H:%M:%SZ");
  run->holdings = harley_backup_describe_holdings (summary);

  run->busy = harley_busy_window_new (application, NULL, _("Restoring"),
                                      _("Harley is putting the practice back as it was when the "
                                        "backup was made. It opens again when it is done."));
  gtk_window_present (run->busy);
  if (!harley_application_close_desk (run->application, run->busy, &error))
    {
      finish (run, error);
      run_free (run);
      return;
    }
  task = g_task_new (NULL, NULL, restore_done_cb, NULL);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  g_task_run_in_thread (task, restore_thread_cb);
}
