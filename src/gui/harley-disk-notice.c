/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-disk-notice"

/* Says, when Harley opens, that the practice database is on a disk that
 * is not encrypted, and what to do about it, until the secretary asks
 * not to be told again for this database. A disk Harley cannot see into
 * (a network drive, a container) is not called unsafe. */

#include <glib/gi18n-lib.h>

#include "harley-disk.h"
#include "harley-disk-notice.h"

#define RESPONSE_OK     "ok"
#define RESPONSE_NEVER  "never"

static void
on_notice_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       HarleyStore      *store)
{
  g_autoptr(GError) error = NULL;

  /* AdwMessageDialog 1.2 may send "response" twice. */
  g_signal_handlers_disconnect_by_func (dialog, on_notice_response_cb, store);
  if (g_strcmp0 (response, RESPONSE_NEVER) == 0
      && !harley_store_set_practice_detail (store, HARLEY_DISK_NOTICE_KEY, "1", &error))
    g_warning ("The disk notice will be shown again: %s", error->message);
}

static GtkWindow *
show_notice (GtkWindow   *window,
             HarleyStore *store)
{
  GtkWidget *dialog = adw_message_dialog_new (window, _("This Computer’s Disk Is Not Encrypted"), NULL);

  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
    _("The practice database is on a disk that is not encrypted, so anyone who takes this "
      "computer, or its disk, could read the patients’ records.\n\n"
      "Turn on full-disk encryption (when installing the computer, choose to encrypt the "
      "disk), or keep the practice database on an encrypted drive. Ask whoever looks after "
      "this computer to do it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    RESPONSE_NEVER, _("_Don’t Show Again"),
                                    RESPONSE_OK, _("_OK"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), RESPONSE_OK);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), RESPONSE_OK);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_notice_response_cb),
                         g_object_ref (store), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/**
 * harley_disk_notice_check:
 * @window: the main window, for the notice to stand over
 * @store: the practice database
 * @database_path: its file
 * @sysfs_root: where sysfs is, "/sys"
 *
 * Shows the notice if the database's disk is not encrypted and the
 * secretary has not asked to stop seeing it.
 *
 * Returns: (transfer none) (nullable): the notice, if shown
 */
GtkWindow *
harley_disk_notice_check (GtkWindow   *window,
                          HarleyStore *store,
                          const char  *database_path,
                          const char  *sysfs_root)
{
  g_autofree char *shown = harley_store_get_practice_detail (store, HARLEY_DISK_NOTICE_KEY);
  g_autofree char *detail = NULL;
  HarleyDiskEncryption encryption;

  if (g_strcmp0 (shown, "1") == 0)
    return NULL;
  encryption = harley_disk_get_encryption (database_path, sysfs_root, &detail);
  g_debug ("The practice database’s disk: %s", detail);
  if (encryption != HARLEY_DISK_NOT_ENCRYPTED)
    return NULL;
  return show_notice (window, store);
}
