/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-backup-status"

/* The warning at the foot of the window's sidebar when the practice has
 * no good backup from the last day: "No backup for 3 days", with "Back Up
 * Now" (or "Set Up Backups…" when no folder or passphrase is chosen).
 * While any backup runs it says so; it goes once one is made. It shows a
 * toast for every backup made, and a message for one it started that
 * failed. */

#include <glib/gi18n-lib.h>

#include "harley-application.h"
#include "harley-backup-service.h"
#include "harley-backup-status.h"
#include "harley-window.h"

struct _HarleyBackupStatus
{
  GtkBox               parent_instance;

  /* Template widgets */
  GtkImage            *warning_icon;
  GtkSpinner          *spinner;
  GtkLabel            *message_label;
  GtkButton           *action_button;

  /* Owned references */
  HarleyStore         *store;
  HarleyBackupService *service;

  gboolean             ready;     /* a folder and a passphrase are set */
  gboolean             started;   /* the running backup is this button's */
};

G_DEFINE_FINAL_TYPE (HarleyBackupStatus, harley_backup_status, GTK_TYPE_BOX)

static void
show_running (HarleyBackupStatus *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->warning_icon), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  gtk_label_set_text (self->message_label, _("Backing up…"));
  gtk_widget_set_visible (GTK_WIDGET (self->action_button), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "harley-backup-overdue");
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

static void
show_overdue (HarleyBackupStatus *self,
              const char         *message)
{
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_icon), TRUE);
  gtk_label_set_text (self->message_label, message);
  gtk_button_set_label (self->action_button, self->ready ? _("_Back Up Now") : _("_Set Up Backups…"));
  gtk_widget_set_visible (GTK_WIDGET (self->action_button), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "harley-backup-overdue");
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

/**
 * harley_backup_status_update:
 * @self: a #HarleyBackupStatus
 *
 * Reads the last good backup again and shows or hides the warning.
 */
void
harley_backup_status_update (HarleyBackupStatus *self)
{
  g_autoptr(HarleyBackupSettings) settings = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *overdue = NULL;
  const GError *failed;

  g_return_if_fail (HARLEY_IS_BACKUP_STATUS (self));

  if (self->store == NULL)
    return;
  if (harley_backup_service_get_running (self->service))
    {
      show_running (self);
      return;
    }
  settings = harley_backup_settings_load (self->store);
  self->ready = harley_backup_settings_is_ready (settings);
  overdue = harley_backup_describe_overdue (settings, now);
  failed = harley_backup_service_get_last_error (self->service);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), failed != NULL ? failed->message : NULL);
  if (failed != NULL)
    show_overdue (self, _("The last backup failed"));
  else if (overdue != NULL)
    show_overdue (self, overdue);
  else
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
show_failure (HarleyBackupStatus *self,
              const GError       *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("The Backup Was Not Made"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_finished_cb (HarleyBackupService *service,
                const char          *file,
                const GError        *error,
                HarleyBackupStatus  *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean started = self->started;

  self->started = FALSE;
  harley_backup_status_update (self);
  if (file != NULL && HARLEY_IS_WINDOW (root))
    {
      g_autofree char *folder = g_path_get_dirname (file);
      g_autofree char *name = g_filename_display_basename (folder);
      g_autofree char *message = g_strdup_printf (_("Backed up to …/%s"), name);

      harley_window_toast (HARLEY_WINDOW (root), message);
    }
  else if (error != NULL && started)
    show_failure (self, error);
}

static void
on_action_button_clicked_cb (HarleyBackupStatus *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->ready)
    {
      harley_application_show_preferences (HARLEY_APPLICATION (g_application_get_default ()), "backups");
      return;
    }
  if (harley_backup_service_back_up (self->service, &error))
    self->started = TRUE;
  else
    show_failure (self, error);
}

/**
 * harley_backup_status_set_store:
 * @self: a #HarleyBackupStatus
 * @store: the open practice database
 */
void
harley_backup_status_set_store (HarleyBackupStatus *self,
                                HarleyStore        *store)
{
  g_return_if_fail (HARLEY_IS_BACKUP_STATUS (self));
  g_return_if_fail (HARLEY_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->service = g_object_ref (harley_backup_service_get (store));
  g_signal_connect_object (self->service, "changed", G_CALLBACK (harley_backup_status_update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->service, "finished", G_CALLBACK (on_finished_cb), self, 0);
  harley_backup_status_update (self);
}

/**
 * harley_backup_status_get_message:
 *
 * Returns: (transfer none): what the warning says
 */
const char *
harley_backup_status_get_message (HarleyBackupStatus *self)
{
  g_return_val_if_fail (HARLEY_IS_BACKUP_STATUS (self), NULL);
  return gtk_label_get_text (self->message_label);
}

/**
 * harley_backup_status_get_button:
 *
 * Returns: (transfer none): "Back Up Now" or "Set Up Backups…"
 */
GtkButton *
harley_backup_status_get_button (HarleyBackupStatus *self)
{
  g_return_val_if_fail (HARLEY_IS_BACKUP_STATUS (self), NULL);
  return self->action_button;
}

static void
harley_backup_status_dispose (GObject *object)
{
  HarleyBackupStatus *self = HARLEY_BACKUP_STATUS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_BACKUP_STATUS);
  g_clear_object (&self->service);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (harley_backup_status_parent_class)->dispose (object);
}

static void
harley_backup_status_class_init (HarleyBackupStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_backup_status_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/harleydesk/Harley/harley-backup-status.ui");
  gtk_widget_class_bind_template_child (widget_class, HarleyBackupStatus, warning_icon);
  gtk_widget_class_bind_template_child (widget_class, HarleyBackupStatus, spinner);
  gtk_widget_class_bind_template_child (widget_class, HarleyBackupStatus, message_label);
  gtk_widget_class_bind_template_child (widget_class, HarleyBackupStatus, action_button);
  gtk_widget_class_bind_template_callback (widget_class, on_action_button_clicked_cb);
}

static void
harley_backup_status_init (HarleyBackupStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
