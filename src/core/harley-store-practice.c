/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-store"

/* The practice's own details and logo, kept in the store for the letters
 * and lists that carry them. */

#include "harley-store.h"

/**
 * harley_store_get_practice_detail:
 * @self: a #HarleyStore
 * @key: e.g. "name", "address", "phone", "email", "consultant", "qualifications", "gmc"
 *
 * Returns: (transfer full) (nullable): the practice's detail
 */
char *
harley_store_get_practice_detail (HarleyStore *self,
                                  const char  *key)
{
  sqlite3_stmt *stmt = harley_store_prepare (self, "SELECT value FROM practice_detail WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = harley_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/**
 * harley_store_set_practice_details:
 * @self: a #HarleyStore
 * @keys: (array length=n): the details to set
 * @values: (array length=n): their values; %NULL or empty clears one
 * @n: how many
 * @error: where to put a failure
 *
 * Sets several practice details in one transaction: all or none.
 */
gboolean
harley_store_set_practice_details (HarleyStore        *self,
                                   const char * const *keys,
                                   const char * const *values,
                                   guint               n,
                                   GError            **error)
{
  if (!harley_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      sqlite3_stmt *stmt = harley_store_prepare (self,
        "INSERT INTO practice_detail (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);

      if (stmt == NULL)
        {
          harley_store_rollback (self);
          return FALSE;
        }
      sqlite3_bind_text (stmt, 1, keys[i], -1, SQLITE_TRANSIENT);
      harley_bind_text (stmt, 2, values[i]);
      if (!harley_store_step_done (self, stmt, error))
        {
          harley_store_rollback (self);
          return FALSE;
        }
    }
  return harley_store_commit (self, error);
}

gboolean
harley_store_set_practice_detail (HarleyStore  *self,
                                  const char   *key,
                                  const char   *value,
                                  GError      **error)
{
  return harley_store_set_practice_details (self, &key, &value, 1, error);
}

/**
 * harley_store_get_practice_logo:
 * @self: a #HarleyStore
 * @mime_type: (out) (optional): its type
 *
 * Returns: (transfer full) (nullable): the logo image letters carry
 */
GBytes *
harley_store_get_practice_logo (HarleyStore  *self,
                                char        **mime_type)
{
  sqlite3_stmt *stmt = harley_store_prepare (self, "SELECT mime_type, data FROM practice_logo WHERE id = 1", NULL);
  GBytes *bytes = NULL;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (mime_type != NULL)
        *mime_type = harley_column_dup (stmt, 0);
      bytes = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return bytes;
}

gboolean
harley_store_set_practice_logo (HarleyStore  *self,
                                GBytes       *data,
                                const char   *mime_type,
                                GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!harley_store_begin (self, error))
    return FALSE;
  if (data == NULL)
    stmt = harley_store_prepare (self, "DELETE FROM practice_logo", error);
  else
    stmt = harley_store_prepare (self, "INSERT OR REPLACE INTO practice_logo (id, mime_type, data) "
                                       "VALUES (1, ?, ?)", error);
  ok = stmt != NULL;
  if (ok && data != NULL)
    {
      gsize size;
      gconstpointer bytes = g_bytes_get_data (data, &size);

      sqlite3_bind_text (stmt, 1, mime_type, -1, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 2, bytes, (int) size, SQLITE_TRANSIENT);
    }
  if (ok)
    ok = harley_store_step_done (self, stmt, error);
  if (!ok)
    {
      harley_store_rollback (self);
      return FALSE;
    }
  return harley_store_commit (self, error);
}
