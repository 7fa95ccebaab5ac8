/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-store"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harley-audit-private.h"
#include "harley-store-guard-private.h"
#include "harley-store.h"
#include "harley-store-resources.h"

/* 'HRLY': written into the SQLite header so Harley knows its own files. */
#define HARLEY_APPLICATION_ID 0x48524C59
#define SQL_RESOURCE_PATH     "/org/harleydesk/Harley/sql"
#define STATEMENT_CACHE_MAX   64
#define BUSY_TIMEOUT_MS       5000

struct _HarleyStore
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;
  GHashTable  *statements;   /* const char *sql → sqlite3_stmt * */
  char        *user;         /* whom the audit trail names: harley_user () */
  int          lock_fd;
  int          schema;
  guint        in_transaction : 1;
  guint        refused_at_begin;   /* allocations SQLite was refused before it */

  /* The deferred whole-file check */
  GMutex       check_mutex;
  GCond        check_cond;
  GThread     *check_thread;
  gboolean     check_done;
  GError      *check_error;

  /* A second connection's (harley_store_open_companion) first store:
   * the whole-file check is its */
  HarleyStore *parent;
};

G_DEFINE_FINAL_TYPE (HarleyStore, harley_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (harley-store-error-quark, harley_store_error)

static void
harley_store_finalize (GObject *object)
{
  HarleyStore *self = HARLEY_STORE (object);

  if (self->check_thread != NULL)
    g_thread_join (self->check_thread);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  /* SQLite would leave the WAL of a moved file beside its old path. */
  if (self->db != NULL && _harley_store_guard_moved (self->db))
    _harley_store_guard_rescue (self->db);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_clear_error (&self->check_error);
  g_mutex_clear (&self->check_mutex);
  g_cond_clear (&self->check_cond);
  g_free (self->path);
  g_free (self->user);
  g_clear_object (&self->parent);

  G_OBJECT_CLASS (harley_store_parent_class)->finalize (object);
}

static void
harley_store_class_init (HarleyStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = harley_store_finalize;
}

static void
harley_store_init (HarleyStore *self)
{
  self->lock_fd = -1;
  self->user = g_strdup (g_get_user_name ());
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  g_mutex_init (&self->check_mutex);
  g_cond_init (&self->check_cond);
}

/**
 * harley_store_default_path:
 *
 * Returns: (transfer full): the practice database in the user's data folder.
 */
char *
harley_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "harley", "practice.db", NULL);
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static char **
list_migrations (void)
{
  g_auto(GStrv) names = NULL;

  /* Referencing the bundle keeps it (and its registration) in every
   * program that links the static library. */
  g_assert (harley_store_get_resource () != NULL);
  names = g_resources_enumerate_children (SQL_RESOURCE_PATH, 0, NULL);

  if (names == NULL)
    return g_new0 (char *, 1);
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  return g_steal_pointer (&names);
}

/**
 * harley_store_latest_schema:
 *
 * Returns: the schema version this Harley writes: its number of migrations.
 */
int
harley_store_latest_schema (void)
{
  g_auto(GStrv) names = list_migrations ();

  return (int) g_strv_length (names);
}

static void
set_out_of_memory (GError **error)
{
  g_set_error_literal (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_FAILED,
                       _("The computer ran short of memory, so this change was not saved. Close some "
                         "other programs and try again; nothing saved before has been lost."));
}

static void
set_error_from_code (GError     **error,
                     int          code,
                     const char  *detail)
{
  switch (code & 0xff)
    {
    case SQLITE_NOMEM:
      set_out_of_memory (error);
      break;
    case SQLITE_IOERR:
      g_set_error_literal (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_FAILED,
                           _("Harley could not read or write the practice database: the disk reported an "
                             "error. Check that the disk is connected and working, then try again; nothing "
                             "saved before has been lost."));
      break;
    case SQLITE_FULL:
      g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_DISK_FULL,
                   _("The disk is full, so this change was not saved. Free some space "
                     "and try again; nothing saved before has been lost."));
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_BUSY,
                   _("The practice database is busy with another task. Wait a moment "
                     "and try again; nothing has been lost."));
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_READ_ONLY,
                   _("Harley cannot write to the practice database. Check that the disk "
                     "is connected and not read-only."));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_DAMAGED,
                   _("The practice database is damaged. Restore it from your latest "
                     "backup."));
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_CONSTRAINT,
                   _("This change conflicts with what is already saved (%s)."), detail);
      break;
    default:
      g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_FAILED,
                   _("The practice database reported a problem: %s"), detail);
      break;
    }
}

/**
 * harley_store_set_error:
 * @self: a #HarleyStore
 * @error: (nullable): where to put the error
 *
 * Turns the connection's last SQLite error into a message a person can act on.
 */
void
harley_store_set_error (HarleyStore  *self,
                        GError      **error)
{
  set_error_from_code (error, sqlite3_extended_errcode (self->db), sqlite3_errmsg (self->db));
}

static gboolean
read_header (const char  *path,
             guint8       header[100],
             gsize       *n_read,
             GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gssize r;

  if (fd < 0)
    {
      g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_READ_ONLY,
                   _("Harley cannot read “%s”: %s. Check the file's permissions."),
                   path, g_strerror (errno));
      return FALSE;
    }
  r = read (fd, header, 100);
  close (fd);
  *n_read = r > 0 ? (gsize) r : 0;
  return TRUE;
}

static guint32
header_u32 (const guint8 *header,
            gsize         offset)
{
  return ((guint32) header[offset] << 24) | ((guint32) header[offset + 1] << 16)
         | ((guint32) header[offset + 2] << 8) | header[offset + 3];
}

static gboolean
is_writable (const char *path)
{
  struct stat st;

  if (g_stat (path, &st) != 0)
    return FALSE;
  /* Root passes access(2) for everything; a file or folder marked
   * read-only is read-only to Harley whoever runs it. */
  return (st.st_mode & S_IWUSR) != 0 && g_access (path, W_OK) == 0;
}

static gboolean
check_location (const char  *path,
                gboolean     exists,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if ((exists && !is_writable (path)) || !is_writable (dir))
    {
      g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_READ_ONLY,
                   _("The practice database “%s” is in a read-only place. Copy it to a "
                     "folder you can write to, or check the disk is not write-protected."),
                   path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_header (const char  *path,
              gboolean    *is_new,
              GError     **error)
{
  guint8 header[100] = { 0 };
  gsize n_read = 0;
  guint32 app_id;

  if (!read_header (path, header, &n_read, error))
    return FALSE;
  *is_new = n_read == 0;
  if (*is_new)
    return TRUE;
  if (n_read < 100 || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_NOT_HARLEY,
                   _("“%s” is not a Harley practice database. Choose the right file, or "
                     "start Harley without one to create a new practice."), path);
      return FALSE;
    }
  app_id = header_u32 (header, 68);
  /* An empty SQLite file (no tables, no id) may become Harley's. */
  if (app_id != HARLEY_APPLICATION_ID && !(app_id == 0 && header_u32 (header, 28) <= 1))
    {
      g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_NOT_HARLEY,
                   _("“%s” is a database of another program, not a Harley practice "
                     "database. Choose the right file."), path);
      return FALSE;
    }
  *is_new = app_id == 0;
  return TRUE;
}

static gboolean
take_lock (HarleyStore  *self,
           GError      **error)
{
  g_autofree char *lock_path = g_strconcat (self->path, ".lock", NULL);

  /* flock(2) locks die with the process, so a crash never leaves the
   * practice locked out. */
  self->lock_fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (self->lock_fd < 0)
    {
      g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_READ_ONLY,
                   _("Harley cannot lock the practice database: %s."), g_strerror (errno));
      return FALSE;
    }
  if (flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_IN_USE,
                   _("The practice database is already open in another Harley window "
                     "or program. Close that one first, then try again."));
      return FALSE;
    }
  return TRUE;
}

static int
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
run_quick_check (sqlite3  *db,
                 char    **report,
                 GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) found = g_string_new (NULL);
  int rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (found, "%s\n", line);
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE && (rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB)
    {
      /* Busy, out of memory, a read error: the check could not run, which
       * says nothing about damage. */
      set_error_from_code (error, rc, sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    g_string_append_printf (found, "%s\n", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  if (report != NULL)
    *report = g_strdup (found->len ? found->str : "ok\n");
  if (found->len == 0)
    return TRUE;
  g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_DAMAGED,
               _("The practice database is damaged and Harley will not change it. "
                 "Restore it from your latest backup, or ask for help before anything "
                 "else is done with this file."));
  return FALSE;
}

static gpointer
check_thread_func (gpointer data)
{
  HarleyStore *self = data;
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;

  if (sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    set_error_from_code (&error, sqlite3_errcode (db), sqlite3_errmsg (db));
  else
    {
      sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
      run_quick_check (db, NULL, &error);
    }
  sqlite3_close_v2 (db);

  g_mutex_lock (&self->check_mutex);
  self->check_error = g_steal_pointer (&error);
  self->check_done = TRUE;
  g_cond_broadcast (&self->check_cond);
  g_mutex_unlock (&self->check_mutex);
  return NULL;
}

/**
 * harley_store_wait_for_check:
 * @self: a #HarleyStore
 * @error: where to put the damage found
 *
 * Waits for the whole-file check, starting it if it was deferred and has
 * not started yet.
 *
 * Returns: %TRUE when the file passed, and so may be written
 */
gboolean
harley_store_wait_for_check (HarleyStore  *self,
                             GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (HARLEY_IS_STORE (self), FALSE);

  if (self->parent != NULL)
    return harley_store_wait_for_check (self->parent, error);
  harley_store_start_check (self);
  g_mutex_lock (&self->check_mutex);
  while (!self->check_done)
    g_cond_wait (&self->check_cond, &self->check_mutex);
  ok = self->check_error == NULL;
  if (!ok)
    g_propagate_error (error, g_error_copy (self->check_error));
  g_mutex_unlock (&self->check_mutex);
  return ok;
}

/**
 * harley_store_start_check:
 * @self: a #HarleyStore opened with %HARLEY_STORE_OPEN_DEFER_CHECK
 *
 * Starts the deferred whole-file check in a worker thread; the app does so
 * once its window is on screen. Does nothing if it has started or is done.
 */
void
harley_store_start_check (HarleyStore *self)
{
  g_return_if_fail (HARLEY_IS_STORE (self));

  g_mutex_lock (&self->check_mutex);
  if (!self->check_done && self->check_thread == NULL)
    self->check_thread = g_thread_new ("harley-check", check_thread_func, self);
  g_mutex_unlock (&self->check_mutex);
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  set_error_from_code (error, sqlite3_extended_errcode (db), sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
apply_migration (HarleyStore  *self,
                 const char   *name,
                 int           version,
                 GError      **error)
{
  g_autofree char *resource = g_build_path ("/", SQL_RESOURCE_PATH, name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, 0, error);
  g_autofree char *sql = NULL;
  g_autofree char *stamp = NULL;

  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  stamp = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                           HARLEY_APPLICATION_ID, version);
  if (!exec_sql (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!exec_sql (self->db, sql, error) || !exec_sql (self->db, stamp, error)
      || !exec_sql (self->db, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_prefix_error (error, _("Harley could not update the practice database to this "
                               "version, and left it as it was. "));
      return FALSE;
    }
  g_debug ("Applied %s (schema %d)", name, version);
  return TRUE;
}

static gboolean
migrate (HarleyStore  *self,
         GError      **error)
{
  g_auto(GStrv) names = list_migrations ();
  int latest = (int) g_strv_length (names);

  for (int v = self->schema; v < latest; v++)
    {
      if (!apply_migration (self, names[v], v + 1, error))
        return FALSE;
      self->schema = v + 1;
    }
  return TRUE;
}

/* harley_user (): whom the audit trail names for what is done now */
static void
user_func (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  HarleyStore *self = sqlite3_user_data (context);

  sqlite3_result_text (context, self->user, -1, SQLITE_TRANSIENT);
}

/* The audit triggers call these, so they are on the connection before
 * any migration runs. The whole-file check's connection is read-only and
 * fires no triggers, so it does without them. */
static gboolean
register_functions (HarleyStore  *self,
                    GError      **error)
{
  if (sqlite3_create_function_v2 (self->db, "harley_sha256", -1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, _harley_audit_sha256_func, NULL, NULL, NULL) != SQLITE_OK
      || sqlite3_create_function_v2 (self->db, "harley_user", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                     self, user_func, NULL, NULL, NULL) != SQLITE_OK)
    {
      harley_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
configure_connection (HarleyStore  *self,
                      GError      **error)
{
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);
  if (!register_functions (self, error))
    return FALSE;
  return exec_sql (self->db,
                   "PRAGMA foreign_keys = ON;"
                   "PRAGMA synchronous = FULL;"
                   "PRAGMA temp_store = MEMORY;"
                   "PRAGMA cache_size = -16000;",
                   error);
}

static gboolean
check_schema (HarleyStore  *self,
              GError      **error)
{
  self->schema = query_int (self->db, "PRAGMA user_version");
  if (self->schema < 0)
    {
      harley_store_set_error (self, error);
      return FALSE;
    }
  if (self->schema > harley_store_latest_schema ())
    {
      g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_TOO_NEW,
                   _("This practice database was saved by a newer Harley (version %d of "
                     "the records; this Harley knows up to %d). Update Harley to open it; "
                     "the file has not been changed."),
                   self->schema, harley_store_latest_schema ());
      return FALSE;
    }
  return TRUE;
}

static gboolean
prepare_file (const char  *path,
              gboolean    *exists,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  *exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!*exists && g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_READ_ONLY,
                   _("Harley cannot create the folder “%s”: %s."), dir, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_checked (HarleyStore           *self,
              HarleyStoreOpenFlags   flags,
              GError               **error)
{
  gboolean exists, is_new = TRUE;
  int rc;

  if (!prepare_file (self->path, &exists, error) || !check_location (self->path, exists, error))
    return FALSE;
  if (exists && !check_header (self->path, &is_new, error))
    return FALSE;
  if (!take_lock (self, error))
    return FALSE;

  _harley_store_guard_install ();
  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE)
                        | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, rc, self->db ? sqlite3_errmsg (self->db) : "");
      return FALSE;
    }
  if (!exists)
    g_chmod (self->path, 0600);
  if (!configure_connection (self, error) || !check_schema (self, error))
    return FALSE;

  /* Nothing may be written before the file is known to be sound: a
   * migration waits for the check, everyday writes wait in begin(). */
  if (is_new || (flags & HARLEY_STORE_OPEN_DEFER_CHECK) == 0
      || self->schema < harley_store_latest_schema ())
    {
      if (!is_new && !run_quick_check (self->db, NULL, error))
        return FALSE;
      self->check_done = TRUE;
    }

  return exec_sql (self->db, "PRAGMA journal_mode = WAL", error) && migrate (self, error);
}

/**
 * harley_store_open_full:
 * @path: the database file; created (with its folder) when missing
 * @flags: how to open it
 * @error: where to put the reason it cannot be opened
 *
 * Opens a practice database. A file that is not Harley's, is newer than
 * this Harley, is damaged, is open elsewhere or is read-only is refused with
 * its own message and is not written.
 *
 * Returns: (transfer full) (nullable): the store
 */
HarleyStore *
harley_store_open_full (const char            *path,
                        HarleyStoreOpenFlags   flags,
                        GError               **error)
{
  g_autoptr(HarleyStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (HARLEY_TYPE_STORE, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  if (!open_checked (self, flags, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * harley_store_open:
 * @path: the database file
 * @error: where to put the reason it cannot be opened
 *
 * Opens a practice database, checking the whole file before returning.
 *
 * Returns: (transfer full) (nullable): the store
 */
HarleyStore *
harley_store_open (const char  *path,
                   GError     **error)
{
  return harley_store_open_full (path, HARLEY_STORE_OPEN_DEFAULT, error);
}

/**
 * harley_store_open_companion:
 * @self: an open #HarleyStore
 * @error: where to put the reason it cannot be opened
 *
 * Opens a second connection to @self's database, for work in another
 * thread (a backup) while @self goes on in this one: each connection is
 * used by one thread at a time, and SQLite's WAL lets one read while the
 * other writes. The lock is @self's (a second one would refuse this
 * process), so the companion must be dropped before @self is closed for
 * good; it holds a reference to @self meanwhile. Its writes wait for
 * @self's whole-file check and are recorded in the audit trail under
 * @self's user at the time of the call.
 *
 * Returns: (transfer full) (nullable): the companion
 */
HarleyStore *
harley_store_open_companion (HarleyStore  *self,
                             GError      **error)
{
  g_autoptr(HarleyStore) companion = NULL;
  int rc;

  g_return_val_if_fail (HARLEY_IS_STORE (self), NULL);

  companion = g_object_new (HARLEY_TYPE_STORE, NULL);
  companion->path = g_strdup (self->path);
  companion->schema = self->schema;
  companion->parent = g_object_ref (self);
  harley_store_set_user (companion, self->user);
  rc = sqlite3_open_v2 (companion->path, &companion->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, rc, companion->db ? sqlite3_errmsg (companion->db) : "");
      return NULL;
    }
  if (!configure_connection (companion, error))
    return NULL;
  return g_steal_pointer (&companion);
}

const char *
harley_store_get_path (HarleyStore *self)
{
  g_return_val_if_fail (HARLEY_IS_STORE (self), NULL);
  return self->path;
}

int
harley_store_get_schema (HarleyStore *self)
{
  g_return_val_if_fail (HARLEY_IS_STORE (self), -1);
  return self->schema;
}

/**
 * harley_store_check:
 * @self: a #HarleyStore
 * @report: (out) (optional): what the check found, one problem a line
 * @error: where to put the failure
 *
 * Runs SQLite's integrity check over the whole file.
 *
 * Returns: %TRUE when the file is sound
 */
gboolean
harley_store_check (HarleyStore  *self,
                    char        **report,
                    GError      **error)
{
  g_return_val_if_fail (HARLEY_IS_STORE (self), FALSE);
  return run_quick_check (self->db, report, error);
}

/**
 * harley_store_set_user:
 * @self: a #HarleyStore
 * @name: (nullable): who is using Harley; %NULL for the system user
 *
 * Sets whom the audit trail names for what is done through @self from
 * now on. Until it is set, that is the system user running Harley, as
 * g_get_user_name () gives it: harley-cli's actions are the system user's.
 */
void
harley_store_set_user (HarleyStore *self,
                       const char  *name)
{
  g_return_if_fail (HARLEY_IS_STORE (self));

  if (name == NULL || *name == '\0')
    name = g_get_user_name ();
  if (g_strcmp0 (self->user, name) == 0)
    return;
  g_free (self->user);
  self->user = g_strdup (name);
}

/**
 * harley_store_get_user:
 * @self: a #HarleyStore
 *
 * Returns: (transfer none): whom the audit trail names
 */
const char *
harley_store_get_user (HarleyStore *self)
{
  g_return_val_if_fail (HARLEY_IS_STORE (self), NULL);
  return self->user;
}

sqlite3 *
harley_store_get_db (HarleyStore *self)
{
  g_return_val_if_fail (HARLEY_IS_STORE (self), NULL);
  return self->db;
}

/* SQLite can lose part of a transaction without the statement that lost
 * it failing: short of memory, it binds or reads a NULL in place of a
 * value (harley-store-guard.c), and after some failures it rolls the
 * whole transaction back itself, so that a later statement would be
 * committed on its own. From then on nothing more is written in it, and
 * it is not committed. */
static gboolean
short_of_memory (HarleyStore *self)
{
  return self->in_transaction && _harley_store_guard_refused () != self->refused_at_begin;
}

static gboolean
check_transaction (HarleyStore  *self,
                   GError      **error)
{
  if (!self->in_transaction)
    return TRUE;
  if (short_of_memory (self))
    set_out_of_memory (error);
  else if (sqlite3_get_autocommit (self->db))
    g_set_error_literal (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_FAILED,
                         _("The practice database stopped this change part way through, so none of it "
                           "was saved. Try again; nothing saved before has been lost."));
  else
    return TRUE;
  return FALSE;
}

/**
 * harley_store_prepare:
 * @self: a #HarleyStore
 * @sql: a static SQL text with `?` parameters
 * @error: where to put a failure
 *
 * Returns: (transfer none) (nullable): a cached statement, reset and with
 *   its bindings cleared. Do not finalize it.
 */
sqlite3_stmt *
harley_store_prepare (HarleyStore  *self,
                      const char   *sql,
                      GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HARLEY_IS_STORE (self), NULL);

  if (!check_transaction (self, error))
    return NULL;
  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      harley_store_set_error (self, error);
      return NULL;
    }
  if (g_hash_table_size (self->statements) >= STATEMENT_CACHE_MAX && !self->in_transaction)
    g_hash_table_remove_all (self->statements);
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/**
 * harley_store_step_done:
 * @self: a #HarleyStore
 * @stmt: a statement that returns no rows
 * @error: where to put a failure
 *
 * Runs @stmt to completion and resets it.
 */
gboolean
harley_store_step_done (HarleyStore   *self,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  int rc;

  if (!check_transaction (self, error))
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      /* A value lost for want of memory shows as a constraint failing:
       * say what really happened. */
      if (short_of_memory (self))
        set_out_of_memory (error);
      else
        harley_store_set_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * harley_store_mark_archived:
 * @self: a #HarleyStore, in a transaction
 * @sql: a static `UPDATE … SET archived = ?1, updated_at = ?2 WHERE id = ?3`
 * @id: the row
 * @archived: the new state
 * @now: the time stamp, from harley_store_now ()
 * @error: where to put a failure
 *
 * Archives or brings back a row: nothing in Harley is deleted.
 */
gboolean
harley_store_mark_archived (HarleyStore  *self,
                            const char   *sql,
                            gint64        id,
                            gboolean      archived,
                            const char   *now,
                            GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, archived ? 1 : 0);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  return harley_store_step_done (self, stmt, error);
}

gboolean
harley_store_exec (HarleyStore  *self,
                   const char   *sql,
                   GError      **error)
{
  g_return_val_if_fail (HARLEY_IS_STORE (self), FALSE);
  return check_transaction (self, error) && exec_sql (self->db, sql, error);
}

/**
 * harley_store_begin:
 * @self: a #HarleyStore
 * @error: where to put a failure
 *
 * Starts the write transaction every change goes through. It waits for
 * the whole-file check, so a damaged file is never written.
 */
gboolean
harley_store_begin (HarleyStore  *self,
                    GError      **error)
{
  g_return_val_if_fail (HARLEY_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!harley_store_wait_for_check (self, error))
    return FALSE;
  if (_harley_store_guard_moved (self->db))
    {
      _harley_store_guard_rescue (self->db);
      g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_READ_ONLY,
                   _("The practice database “%s” was moved, renamed, replaced or deleted while Harley "
                     "had it open, so this change was not saved. Everything saved before is in the file "
                     "Harley opened. Close Harley and open the practice again; if the file was deleted, "
                     "restore it from your latest backup."), self->path);
      return FALSE;
    }
  if (!exec_sql (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_transaction = TRUE;
  self->refused_at_begin = _harley_store_guard_refused ();
  return TRUE;
}

gboolean
harley_store_commit (HarleyStore  *self,
                     GError      **error)
{
  g_return_val_if_fail (HARLEY_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!check_transaction (self, error) || !exec_sql (self->db, "COMMIT", error))
    {
      harley_store_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  return TRUE;
}

void
harley_store_rollback (HarleyStore *self)
{
  g_return_if_fail (HARLEY_IS_STORE (self));

  if (!self->in_transaction)
    return;
  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
}

gboolean
harley_store_in_transaction (HarleyStore *self)
{
  return self->in_transaction;
}

/**
 * harley_store_now:
 *
 * Returns: (transfer full): the time now as stored: ISO 8601, UTC.
 */
char *
harley_store_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

void
harley_bind_text (sqlite3_stmt *stmt,
                  int           index,
                  const char   *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
harley_column_dup (sqlite3_stmt *stmt,
                   int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/**
 * harley_store_read_ids:
 * @stmt: a statement of @self, bound and ready, whose first column is an id
 *
 * Steps @stmt to its end and resets it.
 *
 * Returns: (transfer full) (element-type gint64): the ids in the order
 *   read, or %NULL with @error
 */
GArray *
harley_store_read_ids (HarleyStore   *self,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}
