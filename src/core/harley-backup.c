/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-backup"

/* Encrypted, verified backups of the practice database.
 *
 * A backup is an online copy (SQLite's backup API, so Harley may keep
 * working) taken into a private temporary folder, encrypted into the
 * backup folder as harley-YYYYMMDD-HHMMSS.hbak (harley-backup-file.c
 * describes the format) through a ".part" file that is synced and renamed,
 * then decrypted again and checked. Only a backup that passes is called
 * good, recorded in the practice details and allowed to push out the
 * oldest generations (harley-backup-folder.c). Restoring is in
 * harley-backup-restore.c.
 */

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harley-backup-private.h"
#include "harley-private-tmp.h"

/* As harley-store.c writes into every practice database: 'HRLY'. */
#define HARLEY_APPLICATION_ID 0x48524C59
#define PART_SUFFIX           ".part"

G_DEFINE_QUARK (harley-backup-error-quark, harley_backup_error)

/* The tables whose rows are counted at backup time and again in the copy.
 * Names cannot be bound as parameters, hence one fixed statement each. */
static const struct
{
  const char *table;
  const char *sql;
} counted_tables[] = {
  { "patient", "SELECT count(*) FROM patient" },
  { "contact", "SELECT count(*) FROM contact" },
  { "appointment", "SELECT count(*) FROM appointment" },
  { "clinic_session", "SELECT count(*) FROM clinic_session" },
  { "letter", "SELECT count(*) FROM letter" },
  { "letter_version", "SELECT count(*) FROM letter_version" },
  { "letter_copy", "SELECT count(*) FROM letter_copy" },
  { "sample", "SELECT count(*) FROM sample" },
  { "result", "SELECT count(*) FROM result" },
  { "call", "SELECT count(*) FROM call" },
  { "patient_event", "SELECT count(*) FROM patient_event" },
  { "practice_detail", "SELECT count(*) FROM practice_detail" },
  { "audit", "SELECT count(*) FROM audit" },
};

/* Secrets {{{1 */

/**
 * harley_backup_secret_new:
 *
 * Returns: (transfer full): room for a passphrase of up to
 *   %HARLEY_BACKUP_MAX_PASSPHRASE bytes and its nul, zeroed, in memory that
 *   is kept out of swap and wiped by harley_backup_secret_free()
 */
HarleyBackupSecret *
harley_backup_secret_new (void)
{
  char *secret;

  if (sodium_init () < 0 || (secret = sodium_malloc (HARLEY_BACKUP_MAX_PASSPHRASE + 1)) == NULL)
    g_error ("Harley has no memory left for a passphrase");
  sodium_memzero (secret, HARLEY_BACKUP_MAX_PASSPHRASE + 1);
  return secret;
}

void
harley_backup_secret_free (HarleyBackupSecret *secret)
{
  if (secret != NULL)
    sodium_free (secret);
}

/* Summaries {{{1 */

HarleyBackupSummary *
_harley_backup_summary_new (void)
{
  HarleyBackupSummary *summary = g_new0 (HarleyBackupSummary, 1);

  summary->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return summary;
}

void
harley_backup_summary_free (HarleyBackupSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->made, g_date_time_unref);
  g_clear_pointer (&summary->rows, g_hash_table_unref);
  g_free (summary->harley_version);
  g_free (summary);
}

static gint64
lookup_rows (GHashTable *rows,
             const char *table)
{
  gint64 *count = g_hash_table_lookup (rows, table);

  return count != NULL ? *count : 0;
}

void
_harley_backup_fill_counts (HarleyBackupSummary *summary)
{
  summary->patients = lookup_rows (summary->rows, "patient");
  summary->appointments = lookup_rows (summary->rows, "appointment");
  summary->letters = lookup_rows (summary->rows, "letter");
  summary->samples = lookup_rows (summary->rows, "sample");
}

/* Counting {{{1 */

static void
set_damaged_live (GError **error)
{
  g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
               _("The practice database is damaged, so no backup was made and the older "
                 "backups are kept. Restore the latest good backup, or ask for help before "
                 "anything else is done with the database."));
}

static void
set_sqlite_error (GError     **error,
                  sqlite3     *db)
{
  int code = sqlite3_errcode (db);

  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    set_damaged_live (error);
  else
    g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
                 _("The database reported a problem: %s"), sqlite3_errmsg (db));
}

static gint64
query_int (sqlite3     *db,
           const char  *sql,
           const char  *parameter)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  if (parameter != NULL)
    sqlite3_bind_text (stmt, 1, parameter, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/**
 * _harley_backup_count_rows:
 * @db: a connection, in the transaction whose rows are to be counted
 * @error: where to put a failure
 *
 * Returns: (transfer full) (nullable): table name → gint64 *, for each of
 *   the counted tables the database has (an older schema has fewer)
 */
GHashTable *
_harley_backup_count_rows (sqlite3  *db,
                           GError  **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (counted_tables); i++)
    {
      gint64 exists = query_int (db, "SELECT count(*) FROM sqlite_schema "
                                     "WHERE type = 'table' AND name = ?", counted_tables[i].table);
      gint64 count = exists > 0 ? query_int (db, counted_tables[i].sql, NULL) : 0;

      if (exists < 0 || count < 0)
        {
          set_sqlite_error (error, db);
          return NULL;
        }
      if (exists > 0)
        g_hash_table_insert (rows, g_strdup (counted_tables[i].table), g_memdup2 (&count, sizeof count));
    }
  return g_steal_pointer (&rows);
}

/* Checking a plain copy {{{1 */

static void
set_copy_damaged (GError     **error,
                  const char  *file,
                  const char  *why)
{
  g_autofree char *name = g_filename_display_basename (file);

  g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_DAMAGED,
               _("The backup “%s” does not hold a sound practice database (%s), so Harley will "
                 "not use it. Try an older backup; nothing has been changed."),
               name, why);
}

/* @pragma is "PRAGMA integrity_check" or the faster "PRAGMA quick_check". */
static gboolean
check_passes (sqlite3    *db,
              const char *pragma)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  ok = sqlite3_step (stmt) == SQLITE_ROW
       && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
rows_match (GHashTable *expected,
            GHashTable *found)
{
  GHashTableIter iter;
  gpointer table, count;

  /* Tables this Harley does not count (from a newer one) cannot be
   * checked; every table it does count must agree both ways. */
  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &table, &count))
    {
      gint64 *want = g_hash_table_lookup (expected, table);

      if (want == NULL || *want != *(gint64 *) count)
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (counted_tables); i++)
    if (g_hash_table_contains (expected, counted_tables[i].table)
        && !g_hash_table_contains (found, counted_tables[i].table))
      return FALSE;
  return TRUE;
}

static gboolean
check_identity (sqlite3                    *db,
                const char                 *file,
                const HarleyBackupSummary  *summary,
                GError                    **error)
{
  gint64 schema = query_int (db, "PRAGMA user_version", NULL);
  g_autofree char *name = g_filename_display_basename (file);

  if (query_int (db, "PRAGMA application_id", NULL) != HARLEY_APPLICATION_ID)
    {
      g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_NOT_A_BACKUP,
                   _("The backup “%s” holds something other than a Harley practice database. "
                     "Choose another backup; nothing has been changed."), name);
      return FALSE;
    }
  if (schema > harley_store_latest_schema ())
    {
      g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_TOO_NEW,
                   _("The backup “%s” was made by a newer Harley (version %d of the records; "
                     "this Harley knows up to %d). Update Harley, then try again; nothing has "
                     "been changed."),
                   name, (int) schema, harley_store_latest_schema ());
      return FALSE;
    }
  if (schema != summary->schema)
    {
      set_copy_damaged (error, file, _("its version does not match its summary"));
      return FALSE;
    }
  return TRUE;
}

/**
 * _harley_backup_check_plain:
 * @path: a decrypted copy
 * @file: the backup it came from, for messages
 * @summary: what the backup says it holds
 * @error: where to put a failure
 *
 * Checks a decrypted copy: SQLite's integrity check passes, it is a
 * Harley database this Harley can open, and its rows are those counted
 * when the backup was made.
 */
gboolean
_harley_backup_check_plain (const char                 *path,
                            const char                 *file,
                            const HarleyBackupSummary  *summary,
                            GError                    **error)
{
  g_autoptr(GHashTable) rows = NULL;
  sqlite3 *db = NULL;
  gboolean ok = FALSE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
      || !check_passes (db, "PRAGMA integrity_check"))
    set_copy_damaged (error, file, _("SQLite's integrity check fails"));
  else if (check_identity (db, file, summary, error))
    {
      if ((rows = _harley_backup_count_rows (db, NULL)) == NULL || !rows_match (summary->rows, rows))
        set_copy_damaged (error, file, _("its records do not match its summary"));
      else
        ok = TRUE;
    }
  sqlite3_close_v2 (db);
  return ok;
}

/* Files and folders {{{1 */

gboolean
_harley_backup_sync_dir (const char  *dir,
                         GError     **error)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  int errsv;

  /* The rename is only lasting once the folder itself is on the disk. */
  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  errsv = errno;
  if (fd >= 0)
    close (fd);
  /* Some file systems (FAT on older kernels, some network shares) cannot
   * sync a folder; the file itself was synced. */
  if (errsv == EINVAL || errsv == ENOTSUP)
    return TRUE;
  _harley_backup_set_io_error (error, errsv, dir);
  return FALSE;
}

/* In Harley's private temporary folder (harley-private-tmp.c): the plain
 * copies inside are ours alone, and gone even if Harley is killed. */
static char *
make_private_dir (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  char *dir = harley_private_tmp_make_dir ("backup-XXXXXX", &local_error);

  if (dir == NULL)
    g_set_error_literal (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED, local_error->message);
  return dir;
}

/* The snapshot {{{1 */

static void
set_snapshot_error (GError **error,
                    int      rc)
{
  if ((rc & 0xff) == SQLITE_FULL)
    _harley_backup_set_io_error (error, ENOSPC, harley_private_tmp_dir (NULL));
  else if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    set_damaged_live (error);
  else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
                 _("The practice database is busy with another task. Wait a moment, then "
                   "make the backup again."));
  else
    g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
                 _("Harley could not copy the practice database: %s"), sqlite3_errstr (rc));
}

/* Copies the live database into @dest in one read transaction, so the
 * rows counted are exactly those copied. */
static GHashTable *
copy_live (sqlite3     *live,
           sqlite3     *dest,
           gint64      *last_audit_id,
           GError     **error)
{
  g_autoptr(GHashTable) rows = NULL;
  sqlite3_backup *backup;
  int rc;

  if ((rc = sqlite3_exec (live, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
    {
      set_snapshot_error (error, rc);
      return NULL;
    }
  if ((rows = _harley_backup_count_rows (live, error)) != NULL)
    {
      /* In the same read as the copy: every entry up to it is in the copy */
      *last_audit_id = query_int (live, "SELECT coalesce (max (id), 0) FROM audit", NULL);
      backup = sqlite3_backup_init (dest, "main", live, "main");
      rc = backup != NULL ? sqlite3_backup_step (backup, -1) : sqlite3_errcode (dest);
      if (backup != NULL && sqlite3_backup_finish (backup) != SQLITE_OK && rc == SQLITE_DONE)
        rc = sqlite3_errcode (dest);
      if (rc != SQLITE_DONE)
        {
          set_snapshot_error (error, rc);
          g_clear_pointer (&rows, g_hash_table_unref);
        }
    }
  sqlite3_exec (live, "COMMIT", NULL, NULL, NULL);
  return g_steal_pointer (&rows);
}

static HarleyBackupSummary *
take_snapshot (HarleyStore  *store,
               const char   *path,
               GError      **error)
{
  g_autoptr(HarleyBackupSummary) summary = _harley_backup_summary_new ();
  g_autoptr(GHashTable) rows = NULL;
  sqlite3 *dest = NULL;
  gboolean ok;
  GStatBuf st;
  int rc = sqlite3_open_v2 (path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

  if (rc != SQLITE_OK)
    set_snapshot_error (error, rc);
  else if ((rows = copy_live (harley_store_get_db (store), dest, &summary->last_audit_id, error)) != NULL)
    {
      summary->schema = (int) query_int (dest, "PRAGMA user_version", NULL);
      /* The live file is in WAL mode and so is the copy's header; a copy
       * in rollback mode can be opened read-only without -wal or -shm. */
      rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    }
  if (sqlite3_close_v2 (dest) != SQLITE_OK && rc == SQLITE_OK)
    rc = SQLITE_IOERR;
  ok = rows != NULL && rc == SQLITE_OK && g_stat (path, &st) == 0;
  if (rows != NULL && !ok)
    set_snapshot_error (error, rc != SQLITE_OK ? rc : SQLITE_IOERR);
  if (!ok)
    return NULL;
  g_hash_table_unref (summary->rows);
  summary->rows = g_steal_pointer (&rows);
  summary->size = (guint64) st.st_size;
  summary->made = g_date_time_new_now_utc ();
  summary->harley_version = g_strdup (HARLEY_VERSION);
  _harley_backup_fill_counts (summary);
  return g_steal_pointer (&summary);
}

/* Writing and checking {{{1 */

static gboolean
finish_part (int          fd,
             const char  *part,
             const char  *target,
             GError     **error)
{
  g_autofree char *name = g_filename_display_basename (target);
  g_autofree char *folder = g_path_get_dirname (target);
  int errsv = 0;

  /* fsync before rename: the name must never point at a file whose
   * contents are still only in the page cache. close() can report a
   * network share's write error too. */
  if (fsync (fd) != 0)
    errsv = errno;
  if (close (fd) != 0 && errsv == 0)
    errsv = errno;
  if (errsv == 0 && g_rename (part, target) != 0)
    errsv = errno;
  if (errsv != 0)
    {
      _harley_backup_set_io_error (error, errsv, name);
      return FALSE;
    }
  return _harley_backup_sync_dir (folder, error);
}

/* A damaged database makes a damaged copy. Better to say so now than to
 * fail the check after writing: the backups already there stay good. */
static gboolean
check_snapshot (const char  *snapshot,
                GError     **error)
{
  sqlite3 *db = NULL;
  gboolean ok = sqlite3_open_v2 (snapshot, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
                && check_passes (db, "PRAGMA quick_check");

  sqlite3_close_v2 (db);
  if (!ok)
    set_damaged_live (error);
  return ok;
}

static gboolean
write_backup (const char                 *snapshot,
              const char                 *target,
              const char                 *passphrase,
              const HarleyBackupSummary  *summary,
              GError                    **error)
{
  g_autofree char *part = g_strconcat (target, PART_SUFFIX, NULL);
  g_autofree char *name = g_filename_display_basename (target);
  int in_fd, out_fd;
  gboolean ok;

  if ((in_fd = g_open (snapshot, O_RDONLY | O_CLOEXEC, 0)) < 0)
    {
      _harley_backup_set_io_error (error, errno, snapshot);
      return FALSE;
    }
  if ((out_fd = g_open (part, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
    {
      _harley_backup_set_io_error (error, errno, name);
      close (in_fd);
      return FALSE;
    }
  ok = _harley_backup_encrypt (in_fd, out_fd, name, passphrase, summary, error);
  close (in_fd);
  if (ok)
    ok = finish_part (out_fd, part, target, error);
  else
    close (out_fd);
  /* A half-written file is never left to look like a backup. */
  if (!ok)
    g_unlink (part);
  return ok;
}

/* Decrypts @file into @plain and checks what comes out. */
static HarleyBackupSummary *
decrypt_and_check (const char  *file,
                   const char  *passphrase,
                   const char  *plain,
                   GError     **error)
{
  g_autoptr(HarleyBackupSummary) summary = NULL;
  int fd = g_open (plain, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      _harley_backup_set_io_error (error, errno, plain);
      return NULL;
    }
  summary = _harley_backup_decrypt (file, passphrase, fd, plain, error);
  if (close (fd) != 0 && summary != NULL)
    {
      _harley_backup_set_io_error (error, errno, plain);
      return NULL;
    }
  if (summary == NULL || !_harley_backup_check_plain (plain, file, summary, error))
    return NULL;
  return g_steal_pointer (&summary);
}

/* Verifying right after writing reads the file back from the disk
 * through a fresh key, as a restore would. */
static gboolean
verify_new (const char                 *target,
            const char                 *passphrase,
            const char                 *private_dir,
            const HarleyBackupSummary  *made,
            GError                    **error)
{
  g_autofree char *plain = g_build_filename (private_dir, "verify.db", NULL);
  g_autoptr(HarleyBackupSummary) read = decrypt_and_check (target, passphrase, plain, error);

  g_unlink (plain);
  if (read != NULL && (read->size != made->size || !rows_match (made->rows, read->rows)))
    {
      set_copy_damaged (error, target, _("its records do not match the practice database"));
      return FALSE;
    }
  return read != NULL;
}

static void
record_good (HarleyStore               *store,
             const char                *target,
             const HarleyBackupSummary *made)
{
  const char *keys[] = { "last_backup_at", "last_backup_file", "last_backup_audit_id" };
  g_autofree char *now = harley_store_now ();
  g_autofree char *audit_id = g_strdup_printf ("%" G_GINT64_FORMAT, made->last_audit_id);
  const char *values[] = { now, target, audit_id };
  g_autoptr(GError) error = NULL;

  /* The backup is good whether or not this is saved. */
  if (!harley_store_set_practice_details (store, keys, values, G_N_ELEMENTS (keys), &error))
    g_warning ("Could not record the last backup: %s", error->message);
}

static gboolean
check_can_back_up (HarleyStore  *store,
                   const char   *folder,
                   GError      **error)
{
  if (harley_store_in_transaction (store) || !sqlite3_get_autocommit (harley_store_get_db (store)))
    {
      g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
                   _("The practice database is busy saving a change. Wait a moment, then make "
                     "the backup again."));
      return FALSE;
    }
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
                   _("The backup folder “%s” is not there. Check that the backup drive is "
                     "connected, or choose another folder."), folder);
      return FALSE;
    }
  return _harley_backup_ensure_sodium (error);
}

static char *
backup_in (HarleyStore           *store,
           const char            *folder,
           const char            *passphrase,
           const char            *private_dir,
           HarleyBackupSummary  **made,
           GError               **error)
{
  g_autofree char *snapshot = g_build_filename (private_dir, "snapshot.db", NULL);
  g_autoptr(HarleyBackupSummary) summary = take_snapshot (store, snapshot, error);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *target = NULL;
  gboolean written;

  if (summary == NULL || !check_snapshot (snapshot, error) || (target = _harley_backup_choose_name (folder, error)) == NULL)
    return NULL;
  written = write_backup (snapshot, target, passphrase, summary, error);
  g_unlink (snapshot);
  if (!written)
    return NULL;
  if (!verify_new (target, passphrase, private_dir, summary, &local_error))
    {
      g_unlink (target);
      g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
                   _("The new backup did not read back correctly from the backup drive, so it "
                     "was removed; the older backups are kept. Try again, and if it happens "
                     "again use another drive. (%s)"), local_error->message);
      return NULL;
    }
  if (made != NULL)
    *made = g_steal_pointer (&summary);
  return g_steal_pointer (&target);
}

/**
 * harley_backup_create:
 * @store: the open practice database
 * @folder: the backup folder, e.g. on a USB drive
 * @passphrase: the backup passphrase
 * @keep: how many backups to keep in @folder, at least 1
 * @summary: (out) (optional) (transfer full): what the new backup holds
 * @error: where to put a failure
 *
 * Makes an encrypted backup of @store in @folder while it stays open,
 * verifies it, records it as the last good backup ("last_backup_at",
 * "last_backup_file", and "last_backup_audit_id", the newest audit entry
 * in it) and only then removes the oldest beyond @keep. On
 * failure nothing is left in @folder and the older backups are kept.
 *
 * Returns: (transfer full) (nullable): the path of the new, good backup
 */
char *
harley_backup_create (HarleyStore           *store,
                      const char            *folder,
                      const char            *passphrase,
                      guint                  keep,
                      HarleyBackupSummary  **summary,
                      GError               **error)
{
  g_autofree char *private_dir = NULL;
  g_autofree char *target = NULL;
  g_autofree char *canonical = NULL;
  g_autoptr(HarleyBackupSummary) made = NULL;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);
  g_return_val_if_fail (folder != NULL && passphrase != NULL, NULL);
  g_return_val_if_fail (keep >= 1, NULL);

  canonical = g_canonicalize_filename (folder, NULL);
  if (!check_can_back_up (store, canonical, error) || (private_dir = make_private_dir (error)) == NULL)
    return NULL;
  target = backup_in (store, canonical, passphrase, private_dir, &made, error);
  harley_private_tmp_remove (private_dir);
  if (target == NULL)
    return NULL;
  record_good (store, target, made);
  _harley_backup_prune (canonical, keep, target);
  if (summary != NULL)
    *summary = g_steal_pointer (&made);
  return g_steal_pointer (&target);
}

/**
 * harley_backup_changed_since_last:
 * @store: the open practice database
 *
 * Whether anything was written since the snapshot the last good backup
 * holds: an audit entry that creates, changes, archives, brings back or
 * deletes something, or restores a backup (the records of the backup
 * itself aside). Views, prints, sign-ins and the like change nothing.
 * With no good backup, or on any doubt, it has.
 *
 * Returns: %TRUE when a new backup would hold something the last does not
 */
gboolean
harley_backup_changed_since_last (HarleyStore *store)
{
  g_autofree char *last = harley_store_get_practice_detail (store, "last_backup_audit_id");
  sqlite3_stmt *stmt;
  gboolean changed = TRUE;
  gint64 id;
  char *end;

  g_return_val_if_fail (HARLEY_IS_STORE (store), TRUE);

  if (last == NULL || (id = g_ascii_strtoll (last, &end, 10)) <= 0 || *end != '\0')
    return TRUE;
  stmt = harley_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM audit WHERE id > ? AND action IN "
                               "('create', 'change', 'archive', 'restore', 'delete', 'restore-backup') "
                               "AND what NOT GLOB 'Practice details: last_backup_*')", NULL);
  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    changed = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return changed;
}

/* Reading {{{1 */

/**
 * harley_backup_verify:
 * @file: a backup file
 * @passphrase: its passphrase
 * @error: where to put a failure
 *
 * Decrypts @file into a private temporary folder and checks the database
 * inside as harley_backup_create() does, removing the copy afterwards.
 *
 * Returns: (transfer full) (nullable): what it holds, when it is good
 */
HarleyBackupSummary *
harley_backup_verify (const char  *file,
                      const char  *passphrase,
                      GError     **error)
{
  g_autofree char *private_dir = NULL;
  g_autofree char *plain = NULL;
  HarleyBackupSummary *summary;

  g_return_val_if_fail (file != NULL && passphrase != NULL, NULL);

  if ((private_dir = make_private_dir (error)) == NULL)
    return NULL;
  plain = g_build_filename (private_dir, "verify.db", NULL);
  summary = decrypt_and_check (file, passphrase, plain, error);
  harley_private_tmp_remove (private_dir);
  return summary;
}

/**
 * harley_backup_read_summary:
 * @file: a backup file
 * @passphrase: its passphrase
 * @error: where to put a failure
 *
 * Reads only what a backup says it holds, to show before a restore. It
 * proves the passphrase, not that the rest of the file is sound.
 *
 * Returns: (transfer full) (nullable): the summary
 */
HarleyBackupSummary *
harley_backup_read_summary (const char  *file,
                            const char  *passphrase,
                            GError     **error)
{
  g_return_val_if_fail (file != NULL && passphrase != NULL, NULL);
  return _harley_backup_decrypt (file, passphrase, -1, NULL, error);
}
