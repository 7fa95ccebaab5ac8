/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Starting Harley on a file it must not open: the reason is shown as its
 * only window, and the file is left exactly as it was. */

#include <adwaita.h>
#include <string.h>

#include <fcntl.h>
#include <unistd.h>

#include "harley-application.h"
#include "harley-register.h"
#include "harley-test-ui.h"
#include "harley-test-util.h"
#include "harley-window.h"

static AdwMessageDialog *
start_harley (const char *path)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  /* Harley stays up till the process ends, the dialog its only window */
  harley_test_start (path);
  harley_test_iterate (200);
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, 1);
  return ADW_MESSAGE_DIALOG (g_list_model_get_item (toplevels, 0));
}

static void
assert_refused (const char *path,
                const char *words)
{
  g_autoptr(GBytes) before = harley_test_read_file (path);
  g_autoptr(AdwMessageDialog) dialog = start_harley (path);
  g_autoptr(GBytes) after = NULL;

  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  if (strstr (adw_message_dialog_get_body (dialog), words) == NULL)
    g_error ("The message “%s” does not say “%s”", adw_message_dialog_get_body (dialog), words);
  after = harley_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_not_harley (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "letters.db", NULL);
  g_autofree char *junk = g_strnfill (4096, 'x');

  g_assert_true (g_file_set_contents (path, junk, -1, NULL));
  assert_refused (path, "not a Harley practice database");
  harley_test_remove_tree (dir);
}

static void
test_in_use (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = harley_test_db_path (dir);
  g_autoptr(HarleyStore) other = harley_store_open (path, NULL);

  /* another Harley holds the file */
  g_assert_nonnull (other);
  assert_refused (path, "already open in another Harley");
  g_clear_object (&other);
  harley_test_remove_tree (dir);
}

static void
test_missing_asks_first (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "practise.db", NULL);
  g_autoptr(AdwMessageDialog) dialog = start_harley (path);

  /* a mistyped name makes nothing until she says so */
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "There is no practice database"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  harley_test_respond (dialog, "create");
  harley_test_iterate (100);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (harley_test_query_int (path, "PRAGMA user_version"), ==, harley_store_latest_schema ());
  harley_test_remove_tree (dir);
}

static void
make_damaged (const char *path)
{
  g_autoptr(HarleyStore) store = harley_store_open (path, NULL);
  char junk[512];
  int fd;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *family = g_strdup_printf ("Family%04u", i);
      g_autoptr(HarleyPatient) p = harley_test_patient ("Anne", family, "1970-01-01", NULL);

      g_assert_true (harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, NULL));
    }
  g_assert_true (harley_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  g_clear_object (&store);
  harley_test_add_user (path);
  memset (junk, 0x5a, sizeof junk);
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (pwrite (fd, junk, sizeof junk, 3 * 4096), ==, sizeof junk);
  close (fd);
}

static void
test_damaged_found_after_start (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = harley_test_db_path (dir);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  HarleyApplication *app;
  HarleyWindow *window;
  AdwMessageDialog *dialog;

  make_damaged (path);
  before = harley_test_read_file (path);
  app = harley_test_start (path);
  window = harley_test_main_window (app);   /* the window does not wait for the check */
  harley_test_iterate (1000);

  dialog = harley_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "damaged"));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (harley_window_get_editor (window))));
  after = harley_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  harley_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/ui/open/not-harley", test_not_harley, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/open/in-use", test_in_use, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/open/missing-asks-first", test_missing_asks_first, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/open/damaged-found-after-start", test_damaged_found_after_start, harley_test_run_in_subprocess);

  return g_test_run ();
}
