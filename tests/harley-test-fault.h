/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Faults for test-fault.c: SQLite's memory running out (a failing
 * allocator installed with SQLITE_CONFIG_MALLOC) and its disk failing (a
 * VFS over "unix", made the default, whose writes, syncs and truncates
 * fail). Both count from when they are armed and fail the Nth call, so a
 * test can walk N over every allocation or write of one operation. Then
 * what the file holds, read back to compare. */

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "harley-store.h"

typedef enum
{
  HARLEY_FAULT_NONE,
  HARLEY_FAULT_OOM,        /* the Nth allocation fails, the others succeed */
  HARLEY_FAULT_IOERR,      /* the Nth write, sync or truncate fails */
  HARLEY_FAULT_FULL,       /* the Nth and every later write, sync or truncate: a full disk */
} HarleyFaultKind;

typedef struct
{
  HarleyFaultKind      kind;
  guint                at;        /* the call that fails, from 1 */
  guint                calls;     /* counted since armed */
  guint                failed;    /* failures injected */
  sqlite3_mem_methods  real_mem;
  sqlite3_vfs         *real_vfs;
  sqlite3_vfs          vfs;
  sqlite3_io_methods   io;
} HarleyFault;

static HarleyFault harley_fault;

static inline void
harley_fault_arm (HarleyFaultKind kind,
                  guint           at)
{
  harley_fault.kind = kind;
  harley_fault.at = at;
  harley_fault.calls = 0;
  harley_fault.failed = 0;
}

/* Returns: how many failures were injected since armed */
static inline guint
harley_fault_disarm (void)
{
  harley_fault.kind = HARLEY_FAULT_NONE;
  return harley_fault.failed;
}

static inline gboolean
harley_fault_hit (HarleyFaultKind kind)
{
  if (harley_fault.kind != kind)
    return FALSE;
  harley_fault.calls++;
  if (harley_fault.calls == harley_fault.at
      || (kind == HARLEY_FAULT_FULL && harley_fault.calls > harley_fault.at))
    {
      harley_fault.failed++;
      return TRUE;
    }
  return FALSE;
}

/* Memory {{{1 */

static void *
harley_fault_malloc (int size)
{
  return harley_fault_hit (HARLEY_FAULT_OOM) ? NULL : harley_fault.real_mem.xMalloc (size);
}

static void *
harley_fault_realloc (void *old,
                      int   size)
{
  return harley_fault_hit (HARLEY_FAULT_OOM) ? NULL : harley_fault.real_mem.xRealloc (old, size);
}

/* Must run before anything else in the process touches SQLite: the
 * allocator can only be changed while SQLite is shut down. SQLite starts
 * again on first use, after the first HarleyStore has put its own
 * counting allocator in front of this one, as it does in front of
 * SQLite's own in the app (harley-store-guard.c). */
static inline void
harley_fault_install_allocator (void)
{
  sqlite3_mem_methods mem;

  g_assert_cmpint (sqlite3_shutdown (), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_config (SQLITE_CONFIG_GETMALLOC, &harley_fault.real_mem), ==, SQLITE_OK);
  mem = harley_fault.real_mem;
  mem.xMalloc = harley_fault_malloc;
  mem.xRealloc = harley_fault_realloc;
  g_assert_cmpint (sqlite3_config (SQLITE_CONFIG_MALLOC, &mem), ==, SQLITE_OK);
}

/* Files {{{1 */

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;       /* the unix file, allocated right after this */
} HarleyFaultFile;

#define HARLEY_FAULT_REAL(file) (((HarleyFaultFile *) (file))->real)

static int
harley_fault_failure (int io_code)
{
  if (harley_fault_hit (HARLEY_FAULT_IOERR))
    return io_code;
  if (harley_fault_hit (HARLEY_FAULT_FULL))
    return SQLITE_FULL;
  return SQLITE_OK;
}

static int
harley_fault_close (sqlite3_file *file)
{
  return HARLEY_FAULT_REAL (file)->pMethods->xClose (HARLEY_FAULT_REAL (file));
}

static int
harley_fault_read (sqlite3_file  *file,
                   void          *buffer,
                   int            amount,
                   sqlite3_int64  offset)
{
  return HARLEY_FAULT_REAL (file)->pMethods->xRead (HARLEY_FAULT_REAL (file), buffer, amount, offset);
}

static int
harley_fault_write (sqlite3_file  *file,
                    const void    *buffer,
                    int            amount,
                    sqlite3_int64  offset)
{
  int rc = harley_fault_failure (SQLITE_IOERR_WRITE);

  if (rc != SQLITE_OK)
    return rc;
  return HARLEY_FAULT_REAL (file)->pMethods->xWrite (HARLEY_FAULT_REAL (file), buffer, amount, offset);
}

static int
harley_fault_truncate (sqlite3_file  *file,
                       sqlite3_int64  size)
{
  int rc = harley_fault_failure (SQLITE_IOERR_TRUNCATE);

  if (rc != SQLITE_OK)
    return rc;
  return HARLEY_FAULT_REAL (file)->pMethods->xTruncate (HARLEY_FAULT_REAL (file), size);
}

/* The syncs are counted but not made: these tests are about what
 * Harley does when a call fails, not about power cuts, and thousands of
 * fsyncs would make them slow. */
static int
harley_fault_sync (sqlite3_file *file,
                   int           flags)
{
  return harley_fault_failure (SQLITE_IOERR_FSYNC);
}

static int
harley_fault_file_size (sqlite3_file  *file,
                        sqlite3_int64 *size)
{
  return HARLEY_FAULT_REAL (file)->pMethods->xFileSize (HARLEY_FAULT_REAL (file), size);
}

static int
harley_fault_lock (sqlite3_file *file,
                   int           level)
{
  return HARLEY_FAULT_REAL (file)->pMethods->xLock (HARLEY_FAULT_REAL (file), level);
}

static int
harley_fault_unlock (sqlite3_file *file,
                     int           level)
{
  return HARLEY_FAULT_REAL (file)->pMethods->xUnlock (HARLEY_FAULT_REAL (file), level);
}

static int
harley_fault_check_reserved (sqlite3_file *file,
                             int          *out)
{
  return HARLEY_FAULT_REAL (file)->pMethods->xCheckReservedLock (HARLEY_FAULT_REAL (file), out);
}

static int
harley_fault_file_control (sqlite3_file *file,
                           int           op,
                           void         *arg)
{
  return HARLEY_FAULT_REAL (file)->pMethods->xFileControl (HARLEY_FAULT_REAL (file), op, arg);
}

static int
harley_fault_sector_size (sqlite3_file *file)
{
  return HARLEY_FAULT_REAL (file)->pMethods->xSectorSize (HARLEY_FAULT_REAL (file));
}

static int
harley_fault_device (sqlite3_file *file)
{
  return HARLEY_FAULT_REAL (file)->pMethods->xDeviceCharacteristics (HARLEY_FAULT_REAL (file));
}

static int
harley_fault_shm_map (sqlite3_file  *file,
                      int            page,
                      int            size,
                      int            extend,
                      void volatile **out)
{
  return HARLEY_FAULT_REAL (file)->pMethods->xShmMap (HARLEY_FAULT_REAL (file), page, size, extend, out);
}

static int
harley_fault_shm_lock (sqlite3_file *file,
                       int           offset,
                       int           n,
                       int           flags)
{
  return HARLEY_FAULT_REAL (file)->pMethods->xShmLock (HARLEY_FAULT_REAL (file), offset, n, flags);
}

static void
harley_fault_shm_barrier (sqlite3_file *file)
{
  HARLEY_FAULT_REAL (file)->pMethods->xShmBarrier (HARLEY_FAULT_REAL (file));
}

static int
harley_fault_shm_unmap (sqlite3_file *file,
                        int           delete_flag)
{
  return HARLEY_FAULT_REAL (file)->pMethods->xShmUnmap (HARLEY_FAULT_REAL (file), delete_flag);
}

static int
harley_fault_fetch (sqlite3_file   *file,
                    sqlite3_int64   offset,
                    int             amount,
                    void          **out)
{
  return HARLEY_FAULT_REAL (file)->pMethods->xFetch (HARLEY_FAULT_REAL (file), offset, amount, out);
}

static int
harley_fault_unfetch (sqlite3_file  *file,
                      sqlite3_int64  offset,
                      void          *page)
{
  return HARLEY_FAULT_REAL (file)->pMethods->xUnfetch (HARLEY_FAULT_REAL (file), offset, page);
}

static int
harley_fault_open (sqlite3_vfs  *vfs,
                   const char   *name,
                   sqlite3_file *file,
                   int           flags,
                   int          *out_flags)
{
  HarleyFaultFile *f = (HarleyFaultFile *) file;
  int rc;

  f->real = (sqlite3_file *) (f + 1);
  rc = harley_fault.real_vfs->xOpen (harley_fault.real_vfs, name, f->real, flags, out_flags);
  /* SQLite closes a file whose methods are set, even when opening failed. */
  f->base.pMethods = f->real->pMethods != NULL ? &harley_fault.io : NULL;
  return rc;
}

static int
harley_fault_delete (sqlite3_vfs *vfs,
                     const char  *name,
                     int          sync_dir)
{
  return harley_fault.real_vfs->xDelete (harley_fault.real_vfs, name, sync_dir);
}

static int
harley_fault_access (sqlite3_vfs *vfs,
                     const char  *name,
                     int          flags,
                     int         *out)
{
  return harley_fault.real_vfs->xAccess (harley_fault.real_vfs, name, flags, out);
}

static int
harley_fault_full_pathname (sqlite3_vfs *vfs,
                            const char  *name,
                            int          size,
                            char        *out)
{
  return harley_fault.real_vfs->xFullPathname (harley_fault.real_vfs, name, size, out);
}

static int
harley_fault_randomness (sqlite3_vfs *vfs,
                         int          size,
                         char        *out)
{
  return harley_fault.real_vfs->xRandomness (harley_fault.real_vfs, size, out);
}

static int
harley_fault_sleep (sqlite3_vfs *vfs,
                    int          microseconds)
{
  return harley_fault.real_vfs->xSleep (harley_fault.real_vfs, microseconds);
}

static int
harley_fault_current_time (sqlite3_vfs *vfs,
                           double      *out)
{
  return harley_fault.real_vfs->xCurrentTime (harley_fault.real_vfs, out);
}

static int
harley_fault_last_error (sqlite3_vfs *vfs,
                         int          size,
                         char        *out)
{
  return harley_fault.real_vfs->xGetLastError (harley_fault.real_vfs, size, out);
}

static int
harley_fault_current_time64 (sqlite3_vfs   *vfs,
                             sqlite3_int64 *out)
{
  return harley_fault.real_vfs->xCurrentTimeInt64 (harley_fault.real_vfs, out);
}

/* Makes the failing VFS the default, so that HarleyStore, which opens
 * with the default, goes through it without knowing. */
static inline void
harley_fault_install_vfs (void)
{
  sqlite3_io_methods *io = &harley_fault.io;
  sqlite3_vfs *vfs = &harley_fault.vfs;

  if (harley_fault.real_vfs != NULL)
    return;
  harley_fault.real_vfs = sqlite3_vfs_find ("unix");
  g_assert_nonnull (harley_fault.real_vfs);

  io->iVersion = 3;
  io->xClose = harley_fault_close;
  io->xRead = harley_fault_read;
  io->xWrite = harley_fault_write;
  io->xTruncate = harley_fault_truncate;
  io->xSync = harley_fault_sync;
  io->xFileSize = harley_fault_file_size;
  io->xLock = harley_fault_lock;
  io->xUnlock = harley_fault_unlock;
  io->xCheckReservedLock = harley_fault_check_reserved;
  io->xFileControl = harley_fault_file_control;
  io->xSectorSize = harley_fault_sector_size;
  io->xDeviceCharacteristics = harley_fault_device;
  io->xShmMap = harley_fault_shm_map;
  io->xShmLock = harley_fault_shm_lock;
  io->xShmBarrier = harley_fault_shm_barrier;
  io->xShmUnmap = harley_fault_shm_unmap;
  io->xFetch = harley_fault_fetch;
  io->xUnfetch = harley_fault_unfetch;

  vfs->iVersion = 2;
  vfs->szOsFile = (int) sizeof (HarleyFaultFile) + harley_fault.real_vfs->szOsFile;
  vfs->mxPathname = harley_fault.real_vfs->mxPathname;
  vfs->zName = "harley-fault";
  vfs->xOpen = harley_fault_open;
  vfs->xDelete = harley_fault_delete;
  vfs->xAccess = harley_fault_access;
  vfs->xFullPathname = harley_fault_full_pathname;
  vfs->xRandomness = harley_fault_randomness;
  vfs->xSleep = harley_fault_sleep;
  vfs->xCurrentTime = harley_fault_current_time;
  vfs->xGetLastError = harley_fault_last_error;
  vfs->xCurrentTimeInt64 = harley_fault_current_time64;
  g_assert_cmpint (sqlite3_vfs_register (vfs, 1), ==, SQLITE_OK);
}

/* Reopening "normally": the plain unix VFS as the default again. */
static inline void
harley_fault_use_real_vfs (gboolean real)
{
  g_assert_cmpint (sqlite3_vfs_register (real ? harley_fault.real_vfs : &harley_fault.vfs, 1), ==, SQLITE_OK);
}

/* Reading a file back {{{1 */

/* Every row of every table, one a line, without what differs from run to
 * run (time stamps, also in the audit trail's details, and its hashes,
 * which chain them); blobs by their checksum. */
static inline char *
harley_fault_snapshot (sqlite3 *db)
{
  g_autoptr(GRegex) stamp = g_regex_new ("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z", G_REGEX_OPTIMIZE, 0, NULL);
  GString *all = g_string_new (NULL);
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                           "AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      sqlite3_stmt *rows = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          g_string_append (all, table);
          for (int c = 0; c < sqlite3_column_count (rows); c++)
            {
              const char *name = sqlite3_column_name (rows, c);

              if (g_str_equal (name, "at") || g_str_has_suffix (name, "_at") || g_str_has_suffix (name, "hash"))
                continue;
              if (sqlite3_column_type (rows, c) == SQLITE_BLOB)
                {
                  g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, sqlite3_column_blob (rows, c),
                                                                      sqlite3_column_bytes (rows, c));

                  g_string_append_printf (all, "|%s=blob:%s", name, sum);
                }
              else if (g_str_equal (name, "details") && sqlite3_column_type (rows, c) == SQLITE_TEXT)
                {
                  g_autofree char *text = g_regex_replace_literal (stamp, (const char *) sqlite3_column_text (rows, c),
                                                                   -1, 0, "(time)", 0, NULL);

                  g_string_append_printf (all, "|%s=%s", name, text);
                }
              else
                g_string_append_printf (all, "|%s=%s", name, (const char *) sqlite3_column_text (rows, c));
            }
          g_string_append_c (all, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  return g_string_free (all, FALSE);
}

static inline char *
harley_fault_query_text (sqlite3    *db,
                         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* Reopened as the app opens it (which runs HarleyStore's own check), then
 * the whole integrity_check and the foreign keys. Returns: (transfer
 * full): what the file holds */
static inline char *
harley_fault_open_sound (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyStore) store = harley_store_open (path, &error);
  g_autofree char *integrity = NULL;
  g_autofree char *foreign = NULL;

  g_assert_no_error (error);
  integrity = harley_fault_query_text (harley_store_get_db (store), "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  foreign = harley_fault_query_text (harley_store_get_db (store), "SELECT count(*) FROM pragma_foreign_key_check");
  g_assert_cmpstr (foreign, ==, "0");
  return harley_fault_snapshot (harley_store_get_db (store));
}

/* The lines one snapshot has and the other has not, for a failure. */
static inline char *
harley_fault_describe_difference (const char *expected,
                                  const char *actual)
{
  g_auto(GStrv) a = g_strsplit (expected, "\n", -1);
  g_auto(GStrv) b = g_strsplit (actual, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; a[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) b, a[i]))
      g_string_append_printf (out, "  missing: %s\n", a[i]);
  for (guint i = 0; b[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) a, b[i]))
      g_string_append_printf (out, "  extra:   %s\n", b[i]);
  return g_string_free (out, FALSE);
}

static inline void
harley_fault_remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

static inline void
harley_fault_copy_file (const char *from,
                        const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  harley_fault_remove_database (to);
  g_assert_true (g_file_get_contents (from, &contents, &length, &error));
  g_assert_true (g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
}
