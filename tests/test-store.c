/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harley-register.h"
#include "harley-test-util.h"

static void
test_create (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *sub = g_build_filename (dir, "harley", NULL);
  g_autofree char *path = g_build_filename (sub, "practice.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyStore) store = harley_store_open (path, &error);
  g_autofree char *mode = NULL;
  struct stat st;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (harley_store_get_schema (store), ==, harley_store_latest_schema ());
  g_assert_cmpint (harley_store_latest_schema (), >=, 1);

  g_assert_cmpint (g_stat (sub, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (harley_test_query_int (path, "PRAGMA user_version"), ==, harley_store_latest_schema ());
  g_assert_cmpint (harley_test_query_int (path, "PRAGMA application_id"), ==, 0x48524C59);
  mode = harley_test_query_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (sqlite3_exec (harley_store_get_db (store), "PRAGMA foreign_keys", NULL, NULL, NULL), ==, SQLITE_OK);

  g_clear_object (&store);
  /* Reopening applies nothing new and keeps what is there. */
  store = harley_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (harley_store_get_schema (store), ==, harley_store_latest_schema ());
  g_clear_object (&store);
  harley_test_remove_tree (dir);
}

static void
assert_migrated (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyStore) store = harley_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (harley_store_get_schema (store), ==, harley_store_latest_schema ());
  g_clear_object (&store);
  g_assert_cmpint (harley_test_query_int (path, "PRAGMA user_version"), ==, harley_store_latest_schema ());
  g_assert_cmpint (harley_test_query_int (path, "SELECT count(*) FROM sqlite_schema "
                                                "WHERE name IN ('patient', 'contact', 'patient_event')"), ==, 3);
}

static void
test_migrations_from_empty (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *touched = g_build_filename (dir, "touched.db", NULL);
  g_autofree char *blank = g_build_filename (dir, "blank.db", NULL);
  sqlite3 *db = NULL;

  /* A file made empty by hand, and an SQLite database with nothing in it,
   * both become Harley's: every migration applied in order. */
  g_assert_true (g_file_set_contents (touched, "", 0, NULL));
  assert_migrated (touched);
  g_assert_cmpint (sqlite3_open (blank, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 0; VACUUM;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_migrated (blank);
  harley_test_remove_tree (dir);
}

static void
test_pragmas (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = harley_test_db_path (dir);
  g_autoptr(HarleyStore) store = harley_store_open (path, NULL);
  sqlite3_stmt *stmt;

  stmt = harley_store_prepare (store, "PRAGMA foreign_keys", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  stmt = harley_store_prepare (store, "PRAGMA synchronous", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2); /* FULL */
  sqlite3_reset (stmt);
  /* The cache hands back the same statement, reset. */
  g_assert_true (harley_store_prepare (store, "PRAGMA synchronous", NULL) == stmt);
  g_clear_object (&store);
  harley_test_remove_tree (dir);
}

static void
assert_open_fails (const char       *path,
                   HarleyStoreError  code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = g_file_test (path, G_FILE_TEST_EXISTS) ? harley_test_read_file (path) : NULL;
  g_autoptr(HarleyStore) store = harley_store_open (path, &error);
  g_autoptr(GBytes) after = NULL;

  g_assert_null (store);
  g_assert_error (error, HARLEY_STORE_ERROR, (int) code);
  g_assert_cmpuint (strlen (error->message), >, 20);
  if (before != NULL)
    {
      after = harley_test_read_file (path);
      g_assert_true (g_bytes_equal (before, after));   /* never written */
    }
}

static void
test_not_harley (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *text = g_build_filename (dir, "letter.txt", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (text, "Dear Dr Smith, this is not a database at all, "
                                      "but it is long enough to have a header.........................."
                                      "................................................................", -1, NULL));
  assert_open_fails (text, HARLEY_STORE_ERROR_NOT_HARLEY);

  /* Another program's SQLite database */
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_open_fails (other, HARLEY_STORE_ERROR_NOT_HARLEY);
  harley_test_remove_tree (dir);
}

static void
test_too_new (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = harley_test_db_path (dir);
  g_autoptr(HarleyStore) store = harley_store_open (path, NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", harley_store_latest_schema () + 1);

  g_assert_true (harley_store_exec (store, sql, NULL));
  g_clear_object (&store);
  assert_open_fails (path, HARLEY_STORE_ERROR_TOO_NEW);
  harley_test_remove_tree (dir);
}

static void
corrupt_page (const char *path,
              goffset     page)
{
  int fd = g_open (path, O_WRONLY, 0);
  char junk[512];

  memset (junk, 0x5a, sizeof junk);
  g_assert_cmpint (fd, >=, 0);
  /* over the b-tree page header: its type byte becomes nonsense */
  g_assert_cmpint (pwrite (fd, junk, sizeof junk, page * 4096), ==, sizeof junk);
  close (fd);
}

static void
fill_some (HarleyStore *store,
           guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *family = g_strdup_printf ("Family%04u", i);
      g_autoptr(HarleyPatient) p = harley_test_patient ("Anne", family, "1970-01-01", NULL);
      g_autoptr(GError) error = NULL;

      harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error);
      g_assert_no_error (error);
    }
}

static void
test_damaged (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = harley_test_db_path (dir);
  g_autoptr(HarleyStore) store = harley_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;

  fill_some (store, 300);
  g_assert_true (harley_store_check (store, &report, &error));
  g_assert_cmpstr (report, ==, "ok\n");
  g_assert_true (harley_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  g_clear_object (&store);
  corrupt_page (path, 3);
  assert_open_fails (path, HARLEY_STORE_ERROR_DAMAGED);
  harley_test_remove_tree (dir);
}

static void
test_damaged_deferred (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = harley_test_db_path (dir);
  g_autoptr(HarleyStore) store = harley_store_open (path, NULL);
  g_autoptr(HarleyPatient) p = harley_test_patient ("Bea", "Late", "1980-02-02", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  fill_some (store, 300);
  g_assert_true (harley_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  g_clear_object (&store);
  corrupt_page (path, 3);
  before = harley_test_read_file (path);

  /* The app opens at once and checks beside it; the first write waits for
   * the check and is refused. */
  store = harley_store_open_full (path, HARLEY_STORE_OPEN_DEFER_CHECK, &error);
  g_assert_no_error (error);
  g_assert_false (harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_DAMAGED);
  g_clear_object (&store);
  after = harley_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  harley_test_remove_tree (dir);
}

static void
test_in_use (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = harley_test_db_path (dir);
  g_autoptr(HarleyStore) first = harley_store_open (path, NULL);
  g_autoptr(HarleyStore) again = NULL;

  g_assert_nonnull (first);
  assert_open_fails (path, HARLEY_STORE_ERROR_IN_USE);
  /* The lock goes with its holder. */
  g_clear_object (&first);
  again = harley_store_open (path, NULL);
  g_assert_nonnull (again);
  g_clear_object (&again);
  harley_test_remove_tree (dir);
}

static void
test_in_use_crash (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = harley_test_db_path (dir);
  g_autoptr(HarleyStore) store = NULL;
  int status = 0;
  pid_t pid;

  g_clear_object (&store);
  pid = fork ();
  if (pid == 0)
    {
      HarleyStore *child = harley_store_open (path, NULL);

      /* Dies holding the lock, without closing anything. */
      if (child != NULL)
        kill (getpid (), SIGKILL);
      _exit (1);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  store = harley_store_open (path, NULL);
  g_assert_nonnull (store);
  g_clear_object (&store);
  harley_test_remove_tree (dir);
}

static void
test_read_only (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = harley_test_db_path (dir);
  g_autoptr(HarleyStore) store = harley_store_open (path, NULL);

  g_clear_object (&store);
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  assert_open_fails (path, HARLEY_STORE_ERROR_READ_ONLY);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  assert_open_fails (path, HARLEY_STORE_ERROR_READ_ONLY);
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  harley_test_remove_tree (dir);
}

static void
test_rollback (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = harley_test_db_path (dir);
  g_autoptr(HarleyStore) store = harley_store_open (path, NULL);
  g_autoptr(HarleyPatient) p = harley_test_patient ("Cara", "Whole", "1990-03-03", NULL);
  g_autoptr(GError) error = NULL;

  /* A failure in the middle of a save (the timeline insert, here made to
   * fail by a trigger) leaves no patient, no keys and no event. */
  g_assert_true (harley_store_exec (store,
    "CREATE TEMP TRIGGER fail_event BEFORE INSERT ON patient_event "
    "BEGIN SELECT RAISE(ABORT, 'disk trouble'); END", NULL));
  g_assert_false (harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (harley_patient_get_id (p), ==, 0);
  g_assert_cmpint (harley_test_query_int (path, "SELECT count(*) FROM patient"), ==, 0);
  g_assert_cmpint (harley_test_query_int (path, "SELECT count(*) FROM patient_name_key"), ==, 0);
  g_assert_cmpint (harley_test_query_int (path, "SELECT count(*) FROM patient_id_key"), ==, 0);
  g_assert_false (harley_store_in_transaction (store));

  /* and the store works again afterwards */
  g_assert_true (harley_store_exec (store, "DROP TRIGGER fail_event", NULL));
  g_clear_error (&error);
  g_assert_true (harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (harley_test_query_int (path, "SELECT count(*) FROM patient"), ==, 1);
  g_clear_object (&store);
  harley_test_remove_tree (dir);
}

static void
test_disk_full (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = harley_test_db_path (dir);
  g_autoptr(HarleyStore) store = harley_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  gint64 before;
  gint64 pages;
  g_autofree char *sql = NULL;

  fill_some (store, 20);
  before = harley_test_query_int (path, "SELECT count(*) FROM patient");
  /* Cap the file where it is: the next growth fails as a full disk does. */
  pages = harley_test_query_int (path, "PRAGMA page_count");
  sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages);
  g_assert_true (harley_store_exec (store, sql, NULL));
  g_assert_true (harley_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));

  for (guint i = 0; i < 2000 && error == NULL; i++)
    {
      g_autofree char *family = g_strdup_printf ("Overflow%05u with a long surname to fill pages", i);
      g_autoptr(HarleyPatient) p = harley_test_patient ("Dee", family, "1975-05-05", NULL);

      harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error);
    }
  g_assert_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  /* Everything saved before is still there. */
  g_assert_cmpint (harley_test_query_int (path, "SELECT count(*) FROM patient"), >=, before);
  g_assert_cmpint (harley_test_query_int (path, "SELECT count(*) FROM patient WHERE family_name LIKE 'Family%'"), ==, before);
  g_clear_object (&store);
  harley_test_remove_tree (dir);
}

static void
test_practice_details (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = harley_test_db_path (dir);
  g_autoptr(HarleyStore) store = harley_store_open (path, NULL);
  g_autoptr(GBytes) logo = g_bytes_new_static ("\x89PNG....", 8);
  g_autoptr(GBytes) back = NULL;
  g_autofree char *name = NULL;
  g_autofree char *type = NULL;

  g_assert_null (harley_store_get_practice_detail (store, "name"));
  g_assert_true (harley_store_set_practice_detail (store, "name", "Hartley Dermatology", NULL));
  name = harley_store_get_practice_detail (store, "name");
  g_assert_cmpstr (name, ==, "Hartley Dermatology");
  g_assert_true (harley_store_set_practice_logo (store, logo, "image/png", NULL));
  back = harley_store_get_practice_logo (store, &type);
  g_assert_true (g_bytes_equal (logo, back));
  g_assert_cmpstr (type, ==, "image/png");
  g_clear_object (&store);
  harley_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/create", test_create);
  g_test_add_func ("/store/pragmas", test_pragmas);
  g_test_add_func ("/store/migrations-from-empty", test_migrations_from_empty);
  g_test_add_func ("/store/open/not-harley", test_not_harley);
  g_test_add_func ("/store/open/too-new", test_too_new);
  g_test_add_func ("/store/open/damaged", test_damaged);
  g_test_add_func ("/store/open/damaged-deferred", test_damaged_deferred);
  g_test_add_func ("/store/open/in-use", test_in_use);
  g_test_add_func ("/store/open/in-use-after-crash", test_in_use_crash);
  g_test_add_func ("/store/open/read-only", test_read_only);
  g_test_add_func ("/store/rollback", test_rollback);
  g_test_add_func ("/store/disk-full", test_disk_full);
  g_test_add_func ("/store/practice-details", test_practice_details);

  return g_test_run ();
}
