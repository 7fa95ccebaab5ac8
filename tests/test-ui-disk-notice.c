/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Starting Harley on a database whose disk is not encrypted: the notice
 * says so over the window, "Don't Show Again" is kept with the database,
 * and an encrypted disk gets no notice. The disk is the test folder's
 * real one, shown through a pretend /sys as plain or LUKS. */

#include <adwaita.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "harley-disk-notice.h"
#include "harley-test-sysfs.h"
#include "harley-test-ui.h"
#include "harley-test-util.h"

#define DETAIL_SQL "SELECT value FROM practice_detail WHERE key = 'disk_notice_shown'"

typedef struct
{
  char *dir;
  char *path;
  char *sysfs;
} Practice;

/* A new database, and a /sys in which its disk is plain or LUKS; FALSE
 * when the test folder has no block device (tmpfs) to pretend about. */
static gboolean
practice_open (Practice *practice,
               gboolean  encrypted,
               gboolean  dont_show)
{
  g_autoptr(HarleyStore) store = harley_test_new_database (&practice->dir, &practice->path);
  const char *disk = "devices/pci0000:00/block/sda";
  struct stat st;

  g_assert_cmpint (stat (practice->path, &st), ==, 0);
  if (major (st.st_dev) == 0)
    return FALSE;
  if (dont_show)
    g_assert_true (harley_store_set_practice_detail (store, HARLEY_DISK_NOTICE_KEY, "1", NULL));
  practice->sysfs = g_build_filename (practice->dir, "sys", NULL);
  if (!encrypted)
    harley_test_sysfs_add (practice->sysfs, disk, major (st.st_dev), minor (st.st_dev));
  else
    {
      harley_test_sysfs_add (practice->sysfs, disk, 8, 0);
      harley_test_sysfs_add_luks (practice->sysfs, "devices/virtual/block/dm-0",
                                  major (st.st_dev), minor (st.st_dev), disk);
    }
  return TRUE;
}

static void
practice_close (Practice *practice)
{
  g_free (practice->sysfs);
  harley_test_remove_database (&practice->dir, &practice->path);
}

static HarleyWindow *
start (Practice           *practice,
       HarleyApplication **app)
{
  *app = harley_test_start_with_disk_check (practice->path, practice->sysfs);
  harley_test_iterate (300);
  return harley_test_main_window (*app);
}

static void
assert_notice (AdwMessageDialog *dialog,
               HarleyWindow     *window)
{
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "This Computer’s Disk Is Not Encrypted");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "full-disk encryption"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Ask whoever looks after"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (adw_message_dialog_has_response (dialog, "never"));
}

static void
answer_notice (const char *response,
               const char *kept)
{
  g_autoptr(HarleyApplication) app = NULL;
  Practice practice = { 0 };
  HarleyWindow *window;
  AdwMessageDialog *dialog;

  if (!practice_open (&practice, FALSE, FALSE))
    {
      g_test_skip ("The test folder is not on a block device");
      return;
    }
  window = start (&practice, &app);
  dialog = harley_test_find_dialog ();
  assert_notice (dialog, window);
  harley_test_respond (dialog, response);
  harley_test_iterate (100);
  g_assert_null (harley_test_find_dialog ());
  harley_test_assert_query_text (practice.path, DETAIL_SQL, kept);
  harley_test_quit (window, &app);
  practice_close (&practice);
}

static void
test_dont_show_again (void)
{
  answer_notice ("never", "1");
}

static void
test_ok_shows_again_next_time (void)
{
  answer_notice ("ok", NULL);
}

static void
assert_no_notice (gboolean encrypted,
                  gboolean dont_show)
{
  g_autoptr(HarleyApplication) app = NULL;
  Practice practice = { 0 };
  HarleyWindow *window;

  if (!practice_open (&practice, encrypted, dont_show))
    {
      g_test_skip ("The test folder is not on a block device");
      return;
    }
  window = start (&practice, &app);
  g_assert_null (harley_test_find_dialog ());
  harley_test_quit (window, &app);
  practice_close (&practice);
}

static void
test_not_shown_after_dont_show (void)
{
  assert_no_notice (FALSE, TRUE);
}

static void
test_encrypted_disk (void)
{
  assert_no_notice (TRUE, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/ui/disk-notice/dont-show-again", test_dont_show_again, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/disk-notice/ok", test_ok_shows_again_next_time, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/disk-notice/not-after-dont-show", test_not_shown_after_dont_show,
                        harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/disk-notice/encrypted", test_encrypted_disk, harley_test_run_in_subprocess);
  return g_test_run ();
}
