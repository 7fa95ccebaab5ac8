/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-backup-on-quit"

/* The backup made as Harley closes.
 *
 * When the main window closes for good (after any question about unsaved
 * changes, which may keep it open), it is hidden and a small "Backing
 * Up" window stays until the backup is made or has failed, then both go
 * and Harley quits. Without a backup folder and passphrase, when nothing
 * has been written since the last good backup, or when the backup cannot
 * start, Harley closes at once: quitting never waits for
 * more than the backup itself. A backup already running (the daily one)
 * is waited for instead of starting another. */

#include <glib/gi18n-lib.h>

#include "harley-backup-on-quit.h"
#include "harley-backup.h"
#include "harley-backup-service.h"
#include "harley-busy-window.h"

#define QUITTING_KEY "harley-backing-up-on-quit"

typedef struct
{
  GtkWindow *window;   /* the main window, hidden */
  GtkWindow *busy;
  gulong     handler;
} Quitting;

static void
on_finished_cb (HarleyBackupService *service,
                const char          *file,
                const GError        *error,
                Quitting            *quitting)
{
  if (error != NULL)
    g_warning ("The backup made on closing failed: %s", error->message);
  g_signal_handler_disconnect (service, quitting->handler);
  gtk_window_destroy (quitting->busy);
  gtk_window_destroy (quitting->window);
  g_object_unref (quitting->window);
  g_free (quitting);
}

static gboolean
on_close_request_cb (GtkWindow *window,
                     gpointer   user_data)
{
  HarleyStore *store = harley_window_get_store (HARLEY_WINDOW (window));
  HarleyBackupService *service;
  Quitting *quitting;

  if (g_object_get_data (G_OBJECT (window), QUITTING_KEY) != NULL)
    return TRUE;
  if (store == NULL)
    return FALSE;
  service = harley_backup_service_get (store);
  /* Nothing written since the last good backup: another would only push
   * an older generation out */
  if (!harley_backup_service_get_running (service)
      && (!harley_backup_changed_since_last (store) || !harley_backup_service_back_up (service, NULL)))
    return FALSE;

  quitting = g_new0 (Quitting, 1);
  g_object_set_data (G_OBJECT (window), QUITTING_KEY, quitting);
  quitting->window = g_object_ref (window);
  quitting->busy = harley_busy_window_new (gtk_window_get_application (window), NULL, _("Backing Up"),
                                           _("Harley is making a backup of the practice before it "
                                             "closes. This takes a moment."));
  quitting->handler = g_signal_connect (service, "finished", G_CALLBACK (on_finished_cb), quitting);
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  gtk_window_present (quitting->busy);
  return TRUE;
}

/**
 * harley_backup_guard_quit:
 * @window: the main window
 *
 * Makes a backup when @window closes for good, if backups are set up.
 * The handler runs after the window's own, so only once nothing is left
 * to ask about.
 */
void
harley_backup_guard_quit (HarleyWindow *window)
{
  g_return_if_fail (HARLEY_IS_WINDOW (window));
  g_signal_connect_after (window, "close-request", G_CALLBACK (on_close_request_cb), NULL);
}
