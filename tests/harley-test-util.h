/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the tests: a temporary folder per test, and a way to read the
 * database file the way an outsider would. */

#include <stdarg.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "harley-patient.h"
#include "harley-register.h"
#include "harley-store.h"

static inline char *
harley_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("harley-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline char *
harley_test_db_path (const char *dir)
{
  return g_build_filename (dir, "practice.db", NULL);
}

/* Runs a query returning one integer, on a separate read-only connection. */
static inline gint64
harley_test_query_int (const char *path,
                       const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static inline char *
harley_test_query_text (const char *path,
                        const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Asserts what a query returns, freeing it after. */
#define harley_test_assert_query_text(path, sql, expected) \
  G_STMT_START { \
    g_autofree char *harley_test_text_ = harley_test_query_text ((path), (sql)); \
    g_assert_cmpstr (harley_test_text_, ==, (expected)); \
  } G_STMT_END

static inline HarleyPatient *
harley_test_patient (const char *given,
                     const char *family,
                     const char *dob,
                     const char *nhs)
{
  HarleyPatient *patient = harley_patient_new ();

  harley_patient_set_text (patient, HARLEY_PATIENT_TITLE, "Mrs");
  harley_patient_set_text (patient, HARLEY_PATIENT_GIVEN_NAME, given);
  harley_patient_set_text (patient, HARLEY_PATIENT_FAMILY_NAME, family);
  harley_patient_set_text (patient, HARLEY_PATIENT_DATE_OF_BIRTH, dob);
  harley_patient_set_text (patient, HARLEY_PATIENT_NHS_NUMBER, nhs);
  return patient;
}

/* Saves harley_test_patient () in @store; returns the new id. */
static inline gint64
harley_test_add_patient (HarleyStore *store,
                         const char  *given,
                         const char  *family,
                         const char  *dob)
{
  g_autoptr(HarleyPatient) patient = harley_test_patient (given, family, dob, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_register_save (store, patient, HARLEY_REGISTER_SAVE_ALLOW_SAME_NAME_DOB, &error));
  g_assert_no_error (error);
  return harley_patient_get_id (patient);
}

static inline GBytes *
harley_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  return g_bytes_new_take (contents, length);
}

/* How many files and folders are in @folder */
static inline guint
harley_test_count_entries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static inline void
harley_test_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_chmod (path, 0700);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        harley_test_remove_tree (path);
      else
        g_unlink (path);
    }
  g_chmod (dir, 0700);
  g_rmdir (dir);
}

/* Runs harley-cli (its path in HARLEY_CLI) with @args (NULL-terminated)
 * as a script would, and returns its exit status; a crash fails the test.
 * @out and @err, if not NULL, get what it printed. */
static inline int
harley_test_run_cli (const char * const  *args,
                     char               **out,
                     char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  /* Debug messages would mix with what the program says. */
  g_auto(GStrv) env = g_environ_unsetenv (g_get_environ (), "G_MESSAGES_DEBUG");
  int wait_status = 0;

  g_assert_nonnull (g_getenv ("HARLEY_CLI"));
  g_ptr_array_add (argv, (char *) g_getenv ("HARLEY_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &stdout_text, &stderr_text, &wait_status, &error));
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", stdout_text, stderr_text);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  if (g_spawn_check_wait_status (wait_status, &error))
    return 0;
  g_assert_error (error, G_SPAWN_EXIT_ERROR, error->code);
  return error->code;
}

/* harley_test_run_cli() with the arguments one by one, up to NULL. */
static inline int
harley_test_cli (char       **out,
                 char       **err,
                 const char  *first,
                 ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return harley_test_run_cli ((const char * const *) args->pdata, out, err);
}

/* How many times @needle is in @text, overlapping or not. */
static inline guint
harley_test_count (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* A fresh practice database in a folder of its own, for g_test_add (). */
typedef struct
{
  char        *dir;
  char        *path;
  HarleyStore *store;
} HarleyTestDb;

static inline void
harley_test_db_set_up (HarleyTestDb  *db,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  db->dir = harley_test_make_dir ();
  db->path = harley_test_db_path (db->dir);
  db->store = harley_store_open (db->path, &error);
  g_assert_no_error (error);
}

static inline void
harley_test_db_tear_down (HarleyTestDb  *db,
                          gconstpointer  data)
{
  g_clear_object (&db->store);
  harley_test_remove_tree (db->dir);
  g_free (db->dir);
  g_free (db->path);
}
