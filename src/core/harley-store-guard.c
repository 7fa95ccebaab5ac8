/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-store"

/* What SQLite does not say out loud, kept from HarleyStore's transactions.
 *
 * Memory. When SQLite runs short of memory most calls fail cleanly, but
 * not all: a value bound with SQLITE_TRANSIENT that could not be copied
 * is bound as NULL, a column that could not be read comes back NULL, and a
 * read that fails looks to its caller like a row not found. Any of these
 * inside a transaction could save a change with a field, a search key or
 * a history line silently missing. So every allocation SQLite asks for
 * goes through here, each one refused is counted, and HarleyStore commits
 * no transaction during which one was refused.
 *
 * The file. SQLite in WAL mode goes on writing to a database file that
 * was deleted, moved or replaced while it was open: what it writes then
 * is lost, and its WAL, left beside the path, is replayed on the next open
 * into whatever file has the name by then, which damages it. HarleyStore
 * asks before every write whether its file is still the one at its path. */

#include <sqlite3.h>

#include "harley-store-guard-private.h"

static sqlite3_mem_methods real_mem;
static gint refused;

static void *
guard_malloc (int size)
{
  void *block = real_mem.xMalloc (size);

  if (block == NULL)
    g_atomic_int_inc (&refused);
  return block;
}

static void *
guard_realloc (void *old,
               int   size)
{
  void *block = real_mem.xRealloc (old, size);

  if (block == NULL)
    g_atomic_int_inc (&refused);
  return block;
}

/**
 * _harley_store_guard_install:
 *
 * Puts the counting allocator in front of whichever allocator SQLite has
 * (its own, or a test's failing one). SQLite allows that only before it
 * starts, so the first store to open does it; in a program that used
 * SQLite before, memory running short goes unnoticed, as it did before.
 */
void
_harley_store_guard_install (void)
{
  static gsize installed;

  if (g_once_init_enter (&installed))
    {
      sqlite3_mem_methods mem;

      if (sqlite3_config (SQLITE_CONFIG_GETMALLOC, &real_mem) == SQLITE_OK)
        {
          mem = real_mem;
          mem.xMalloc = guard_malloc;
          mem.xRealloc = guard_realloc;
          if (sqlite3_config (SQLITE_CONFIG_MALLOC, &mem) != SQLITE_OK)
            g_debug ("SQLite refused the counting allocator");
        }
      else
        g_debug ("SQLite started before the first store: memory running short is not counted");
      g_once_init_leave (&installed, 1);
    }
}

/**
 * _harley_store_guard_refused:
 *
 * Returns: how many allocations SQLite has been refused in this process
 */
guint
_harley_store_guard_refused (void)
{
  return (guint) g_atomic_int_get (&refused);
}

/**
 * _harley_store_guard_moved:
 * @db: a connection to a database file
 *
 * Returns: %TRUE if the file at the database's path is no longer the one
 *   @db has open: deleted, renamed, or replaced by another
 */
gboolean
_harley_store_guard_moved (sqlite3 *db)
{
  int moved = 0;

  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK)
    return FALSE;
  return moved != 0;
}

/**
 * _harley_store_guard_rescue:
 * @db: a connection whose file has moved
 *
 * Writes everything committed into the file @db has open, wherever it now
 * is, and empties the WAL beside the old path, so that it is never
 * replayed into a file that has since taken the name. SQLite itself
 * leaves the WAL there when it closes a moved file.
 */
void
_harley_store_guard_rescue (sqlite3 *db)
{
  if (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Could not write the moved practice database's last changes into it: %s", sqlite3_errmsg (db));
}
