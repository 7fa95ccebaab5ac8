/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-backup"

/* Restoring a backup over the live practice database, whole or not at all.
 *
 * prepare: take the database's lock (so no Harley has it open), decrypt
 * the backup into a hidden file in the database's own folder, check it
 * and open it with harley_store_open(), which applies the store's own
 * checks and brings an older schema up to date. Nothing live is touched.
 *
 * commit: checkpoint the live file's WAL into it, keep it aside as
 * NAME.before-restore-YYYYMMDD-HHMMSS by a hard link (a copy where links
 * are not possible), then rename the checked file over NAME. rename(2)
 * within a folder is atomic: NAME is at every moment either the old
 * database or the restored one.
 */

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "harley-backup-private.h"

#define COPY_BUFFER_SIZE (256 * 1024)

struct _HarleyBackupRestore
{
  char                *file;       /* the backup */
  char                *database;   /* the live database's path */
  char                *temp;       /* the checked copy beside it */
  int                  lock_fd;
  HarleyBackupSummary *summary;
};

static void
remove_with_companions (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal", ".lock" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (path, suffixes[i], NULL);

      g_unlink (companion);
    }
}

/**
 * harley_backup_restore_free:
 * @restore: (transfer full): a restore
 *
 * Lets go of the database's lock and, if the restore was not committed,
 * removes the checked copy: the live database stays as it was.
 */
void
harley_backup_restore_free (HarleyBackupRestore *restore)
{
  if (restore == NULL)
    return;
  if (restore->temp != NULL)
    remove_with_companions (restore->temp);
  if (restore->lock_fd >= 0)
    close (restore->lock_fd);
  harley_backup_summary_free (restore->summary);
  g_free (restore->file);
  g_free (restore->database);
  g_free (restore->temp);
  g_free (restore);
}

/* Preparing {{{1 */

/* The lock harley_store_open() takes: while it is held here, no Harley
 * can open the database, and none has it open now. */
static gboolean
take_lock (HarleyBackupRestore  *restore,
           GError              **error)
{
  g_autofree char *lock_path = g_strconcat (restore->database, ".lock", NULL);
  g_autofree char *dir = g_path_get_dirname (restore->database);

  /* Restoring onto a new computer: the folder may not be there yet. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      _harley_backup_set_io_error (error, errno, dir);
      return FALSE;
    }
  restore->lock_fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (restore->lock_fd < 0)
    {
      _harley_backup_set_io_error (error, errno, lock_path);
      return FALSE;
    }
  if (flock (restore->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_IN_USE,
                   _("The practice database is open in Harley or another program. Close it "
                     "there first, then restore; nothing has been changed."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
make_temp (HarleyBackupRestore  *restore,
           int                  *fd,
           GError              **error)
{
  g_autofree char *dir = g_path_get_dirname (restore->database);
  g_autofree char *base = g_path_get_basename (restore->database);
  g_autofree char *name = g_strdup_printf (".%s.restore-XXXXXX", base);

  restore->temp = g_build_filename (dir, name, NULL);
  *fd = g_mkstemp_full (restore->temp, O_RDWR | O_CLOEXEC, 0600);
  if (*fd < 0)
    {
      _harley_backup_set_io_error (error, errno, restore->temp);
      g_clear_pointer (&restore->temp, g_free);
      return FALSE;
    }
  return TRUE;
}

static gboolean
decrypt_beside (HarleyBackupRestore  *restore,
                const char           *passphrase,
                GError              **error)
{
  g_autofree char *name = g_filename_display_basename (restore->database);
  int fd = -1;
  int errsv = 0;

  if (!make_temp (restore, &fd, error))
    return FALSE;
  restore->summary = _harley_backup_decrypt (restore->file, passphrase, fd, name, error);
  if (restore->summary != NULL && fsync (fd) != 0)
    errsv = errno;
  if (close (fd) != 0 && errsv == 0)
    errsv = errno;
  if (restore->summary != NULL && errsv != 0)
    _harley_backup_set_io_error (error, errsv, name);
  return restore->summary != NULL && errsv == 0;
}

/* The store's own checks, on the copy: Harley's file, not too new, sound,
 * and migrated now rather than on the next start. */
static gboolean
check_opens (HarleyBackupRestore  *restore,
             GError              **error)
{
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *lock = g_strconcat (restore->temp, ".lock", NULL);

  store = harley_store_open (restore->temp, &local_error);
  g_clear_object (&store);
  g_unlink (lock);
  if (local_error == NULL)
    return TRUE;
  g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
               _("This Harley cannot open the database in the backup (%s). Nothing has been "
                 "changed."), local_error->message);
  return FALSE;
}

/**
 * harley_backup_restore_prepare:
 * @file: the backup to restore
 * @database: the practice database to replace (it need not exist)
 * @passphrase: the backup passphrase
 * @error: where to put a failure
 *
 * Takes the practice database's lock, then decrypts and checks @file
 * into its folder, changing nothing live. Show
 * harley_backup_restore_get_summary() and ask before
 * harley_backup_restore_commit(); freeing the restore without committing
 * leaves everything as it was. The database must not be open: close the
 * #HarleyStore first.
 *
 * Returns: (transfer full) (nullable): the restore, ready to commit
 */
HarleyBackupRestore *
harley_backup_restore_prepare (const char  *file,
                               const char  *database,
                               const char  *passphrase,
                               GError     **error)
{
  g_autoptr(HarleyBackupRestore) restore = g_new0 (HarleyBackupRestore, 1);

  g_return_val_if_fail (file != NULL && database != NULL && passphrase != NULL, NULL);

  restore->lock_fd = -1;
  restore->file = g_strdup (file);
  restore->database = g_canonicalize_filename (database, NULL);
  if (!_harley_backup_ensure_sodium (error) || !take_lock (restore, error)
      || !decrypt_beside (restore, passphrase, error)
      || !_harley_backup_check_plain (restore->temp, file, restore->summary, error)
      || !check_opens (restore, error))
    return NULL;
  return g_steal_pointer (&restore);
}

/**
 * harley_backup_restore_get_summary:
 * @restore: a prepared restore
 *
 * Returns: (transfer none): what the checked backup holds, to show before
 *   committing
 */
const HarleyBackupSummary *
harley_backup_restore_get_summary (HarleyBackupRestore *restore)
{
  g_return_val_if_fail (restore != NULL, NULL);
  return restore->summary;
}

/* Committing {{{1 */

/* Folds a WAL left by a crash into the file, so the file alone is the
 * old database. A damaged database may refuse; its WAL is then kept
 * aside as it is. */
static void
checkpoint_live (const char *database)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (database, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
    sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  sqlite3_close_v2 (db);
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autofree guint8 *buffer = g_malloc (COPY_BUFFER_SIZE);
  int in = g_open (from, O_RDONLY | O_CLOEXEC, 0);
  int out = g_open (to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  gboolean ok = in >= 0 && out >= 0;
  gssize n = 0;

  if (!ok)
    _harley_backup_set_io_error (error, errno, to);
  while (ok && (n = read (in, buffer, COPY_BUFFER_SIZE)) > 0)
    ok = _harley_backup_write_all (out, buffer, (gsize) n, to, error);
  if (ok && (n < 0 || fsync (out) != 0))
    {
      _harley_backup_set_io_error (error, errno, to);
      ok = FALSE;
    }
  if (in >= 0)
    close (in);
  if (out >= 0 && close (out) != 0 && ok)
    {
      _harley_backup_set_io_error (error, errno, to);
      ok = FALSE;
    }
  if (!ok && out >= 0)
    g_unlink (to);
  return ok;
}

/* A hard link keeps the old file without copying it or ever taking its
 * name away; FAT and some network shares have none, so copy there. */
static gboolean
keep_aside (const char  *from,
            const char  *to,
            GError     **error)
{
  if (link (from, to) == 0)
    return TRUE;
  if (errno == EEXIST)
    {
      _harley_backup_set_io_error (error, errno, to);
      return FALSE;
    }
  return copy_file (from, to, error);
}

static char *
aside_name (const char *database)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *name = g_strdup_printf ("%s.before-restore-%s", database, stamp);

  for (guint i = 1; g_file_test (name, G_FILE_TEST_EXISTS); i++)
    {
      g_free (name);
      name = g_strdup_printf ("%s.before-restore-%s-%u", database, stamp, i);
    }
  return name;
}

static gboolean
has_content (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && st.st_size > 0;
}

/* Keeps the live database aside: the file, and a WAL the checkpoint
 * could not empty. The WAL (and the -shm index over it) then goes, since
 * SQLite would replay a stale WAL into the restored file. */
static gboolean
set_live_aside (const char  *database,
                const char  *aside,
                GError     **error)
{
  g_autofree char *wal = g_strconcat (database, "-wal", NULL);
  g_autofree char *shm = g_strconcat (database, "-shm", NULL);
  g_autofree char *aside_wal = g_strconcat (aside, "-wal", NULL);

  checkpoint_live (database);
  if (!keep_aside (database, aside, error))
    return FALSE;
  if (has_content (wal) && !keep_aside (wal, aside_wal, error))
    {
      g_unlink (aside);
      return FALSE;
    }
  g_unlink (wal);
  g_unlink (shm);
  return TRUE;
}

static gboolean
swap_in (HarleyBackupRestore  *restore,
         const char           *aside,
         GError              **error)
{
  g_autofree char *dir = g_path_get_dirname (restore->database);
  g_autofree char *name = g_filename_display_basename (restore->database);

  if (g_rename (restore->temp, restore->database) != 0)
    {
      int errsv = errno;
      g_autofree char *wal = g_strconcat (restore->database, "-wal", NULL);
      g_autofree char *aside_wal = aside != NULL ? g_strconcat (aside, "-wal", NULL) : NULL;

      /* Put back the WAL taken away, so the live database is whole again. */
      if (aside_wal != NULL && g_file_test (aside_wal, G_FILE_TEST_EXISTS))
        link (aside_wal, wal);
      g_set_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED,
                   _("Harley could not put the restored database in place: %s. The practice "
                     "database is as it was."), g_strerror (errsv));
      return FALSE;
    }
  g_clear_pointer (&restore->temp, g_free);
  return _harley_backup_sync_dir (dir, error);
}

/**
 * harley_backup_restore_commit:
 * @restore: a prepared restore
 * @kept_aside: (out) (optional) (nullable): where the old database was
 *   kept, or %NULL when there was none
 * @error: where to put a failure
 *
 * Replaces the practice database with the checked copy in one rename,
 * keeping the old one aside. On failure the practice database is as it
 * was.
 *
 * Returns: %TRUE when the restored database is in place
 */
gboolean
harley_backup_restore_commit (HarleyBackupRestore  *restore,
                              char                **kept_aside,
                              GError              **error)
{
  g_autofree char *aside = NULL;

  g_return_val_if_fail (restore != NULL && restore->temp != NULL, FALSE);

  if (g_file_test (restore->database, G_FILE_TEST_EXISTS))
    {
      aside = aside_name (restore->database);
      if (!set_live_aside (restore->database, aside, error))
        return FALSE;
    }
  if (!swap_in (restore, aside, error))
    return FALSE;
  if (kept_aside != NULL)
    *kept_aside = g_steal_pointer (&aside);
  return TRUE;
}

/**
 * harley_backup_restore:
 * @file: the backup to restore
 * @database: the practice database to replace (not open)
 * @passphrase: the backup passphrase
 * @kept_aside: (out) (optional) (nullable): where the old database was kept
 * @error: where to put a failure
 *
 * harley_backup_restore_prepare() and harley_backup_restore_commit() in
 * one, for callers that have asked already.
 *
 * Returns: %TRUE when the restored database is in place
 */
gboolean
harley_backup_restore (const char  *file,
                       const char  *database,
                       const char  *passphrase,
                       char       **kept_aside,
                       GError     **error)
{
  g_autoptr(HarleyBackupRestore) restore = harley_backup_restore_prepare (file, database, passphrase, error);

  return restore != NULL && harley_backup_restore_commit (restore, kept_aside, error);
}
