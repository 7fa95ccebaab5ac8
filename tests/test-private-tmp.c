/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Harley's private temporary folder: where it is made and with what
 * modes, files in it made afresh, 0600, removed when Harley exits, what a
 * crashed Harley left removed at the next start, and TMPDIR pointed at it
 * for GTK's print spools. Each case runs in a process of its own, as the
 * folder is made once per process. */

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harley-private-tmp.h"
#include "harley-test-util.h"

static guint
mode_of (const char *path)
{
  struct stat st;

  g_assert_cmpint (lstat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* In the child: tells the test which folder it used. */
static void
report (const char *dir)
{
  g_assert_true (g_file_set_contents (g_getenv ("HARLEY_TEST_REPORT"), dir, -1, NULL));
}

/* Runs this test again in a new process with XDG_RUNTIME_DIR and TMPDIR
 * as given, and returns the folder it reported. */
static char *
run_child (const char *runtime,
           const char *tmp)
{
  g_autofree char *report_dir = harley_test_make_dir ();
  g_autofree char *report_path = g_build_filename (report_dir, "report", NULL);
  char *out = NULL;

  if (runtime != NULL)
    g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  else
    g_unsetenv ("XDG_RUNTIME_DIR");
  g_setenv ("TMPDIR", tmp, TRUE);
  g_setenv ("HARLEY_TEST_REPORT", report_path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_assert_true (g_file_get_contents (report_path, &out, NULL, NULL));
  harley_test_remove_tree (report_dir);
  return out;
}

/* In the child: makes a file and a folder and checks their modes. */
static void
child_makes_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *folder = NULL;
  const char *dir = harley_private_tmp_dir (&error);
  int fd1, fd2;

  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (dir), ==, 0700);
  fd1 = harley_private_tmp_open ("spool-XXXXXX", &first, &error);
  g_assert_no_error (error);
  fd2 = harley_private_tmp_open ("spool-XXXXXX", &second, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fd1, >=, 0);
  g_assert_cmpint (fd2, >=, 0);
  g_assert_cmpstr (first, !=, second);
  g_assert_true (g_str_has_prefix (first, dir));
  g_assert_cmpuint (mode_of (first), ==, 0600);
  g_assert_cmpint (write (fd1, "Dear Dr Patel", 13), ==, 13);
  close (fd1);
  close (fd2);
  folder = harley_private_tmp_make_dir ("backup-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (folder), ==, 0700);
  report (dir);
}

static void
test_runtime_dir (void)
{
  g_autofree char *root = harley_test_make_dir ();
  g_autofree char *runtime = g_build_filename (root, "run", NULL);
  g_autofree char *tmp = g_build_filename (root, "tmp", NULL);
  g_autofree char *parent = g_build_filename (runtime, "harley", NULL);
  g_autofree char *dir = NULL;

  g_assert_cmpint (g_mkdir (runtime, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (tmp, 0700), ==, 0);
  dir = run_child (runtime, tmp);
  g_assert_true (g_str_has_prefix (dir, parent));
  g_assert_cmpuint (mode_of (parent), ==, 0700);
  /* Gone with the process, and nothing went to the temporary folder. */
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_assert_cmpint (rmdir (tmp), ==, 0);
  harley_test_remove_tree (root);
}

/* No runtime folder (a cron job, su): a folder of its own in TMPDIR. */
static void
test_no_runtime_dir (void)
{
  g_autofree char *root = harley_test_make_dir ();
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;

  dir = run_child (NULL, root);
  base = g_path_get_basename (dir);
  g_assert_true (g_str_has_prefix (dir, root));
  g_assert_true (g_str_has_prefix (base, "harley-private-"));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  harley_test_remove_tree (root);
}

/* A runtime "harley" that is a link somewhere else is not trusted. */
static void
test_runtime_link_refused (void)
{
  g_autofree char *root = harley_test_make_dir ();
  g_autofree char *runtime = g_build_filename (root, "run", NULL);
  g_autofree char *elsewhere = g_build_filename (root, "elsewhere", NULL);
  g_autofree char *link = g_build_filename (runtime, "harley", NULL);
  g_autofree char *dir = NULL;

  g_assert_cmpint (g_mkdir (runtime, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (elsewhere, 0755), ==, 0);
  g_assert_cmpint (symlink (elsewhere, link), ==, 0);
  dir = run_child (runtime, root);
  g_assert_true (g_str_has_prefix (dir, root));
  g_assert_false (g_str_has_prefix (dir, link));
  g_assert_cmpuint (mode_of (elsewhere), ==, 0755);
  harley_test_remove_tree (root);
}

/* A crashed Harley's folder goes; a running one's stays. */
static void
test_leftovers_removed (void)
{
  g_autofree char *root = harley_test_make_dir ();
  g_autofree char *runtime = g_build_filename (root, "run", NULL);
  g_autofree char *parent = g_build_filename (runtime, "harley", NULL);
  g_autofree char *dead = NULL;
  g_autofree char *dead_file = NULL;
  g_autofree char *alive = NULL;
  g_autofree char *other = g_build_filename (parent, "notes", NULL);
  g_autofree char *dir = NULL;
  pid_t pid = fork ();

  /* A PID that was Harley's and is no longer anyone's. */
  if (pid == 0)
    _exit (0);
  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
  dead = g_strdup_printf ("%s/pid-%d-AbC123", parent, (int) pid);
  dead_file = g_build_filename (dead, "spool-Xy12Zz", NULL);
  alive = g_strdup_printf ("%s/pid-%d-DeF456", parent, (int) getpid ());
  g_assert_cmpint (g_mkdir_with_parents (dead, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (alive, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (other, 0700), ==, 0);
  g_assert_true (g_file_set_contents (dead_file, "Dear Dr Patel", -1, NULL));
  g_assert_cmpint (chmod (runtime, 0700), ==, 0);

  dir = run_child (runtime, root);
  g_assert_false (g_file_test (dead, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (alive, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (other, G_FILE_TEST_IS_DIR));
  harley_test_remove_tree (root);
}

/* After redirecting, GLib's and GTK's temporary files land inside. */
static void
child_redirects (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *spool = NULL;
  int fd;

  g_assert_true (harley_private_tmp_redirect (&error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_get_tmp_dir (), ==, harley_private_tmp_dir (NULL));
  /* As GtkPrintJob makes its spool. */
  fd = g_file_open_tmp ("gtkprint_XXXXXX", &spool, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (spool, harley_private_tmp_dir (NULL)));
  close (fd);
  report (harley_private_tmp_dir (NULL));
}

static void
test_redirect (void)
{
  g_autofree char *root = harley_test_make_dir ();
  g_autofree char *dir = run_child (NULL, root);

  g_assert_true (g_str_has_prefix (dir, root));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  harley_test_remove_tree (root);
}

/* A case: what the test sets up and checks, and what its child does. */
typedef struct
{
  const char *path;
  GTestFunc   parent;
  GTestFunc   child;
} Case;

static const Case cases[] = {
  { "/private-tmp/runtime-dir", test_runtime_dir, child_makes_files },
  { "/private-tmp/no-runtime-dir", test_no_runtime_dir, child_makes_files },
  { "/private-tmp/runtime-link-refused", test_runtime_link_refused, child_makes_files },
  { "/private-tmp/leftovers-removed", test_leftovers_removed, child_makes_files },
  { "/private-tmp/redirect", test_redirect, child_redirects },
};

static void
run_case (gconstpointer data)
{
  const Case *one = data;

  if (g_test_subprocess ())
    one->child ();
  else
    one->parent ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], run_case);
  return g_test_run ();
}
