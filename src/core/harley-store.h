/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define HARLEY_STORE_ERROR (harley_store_error_quark ())

typedef enum
{
  HARLEY_STORE_ERROR_NOT_HARLEY,
  HARLEY_STORE_ERROR_TOO_NEW,
  HARLEY_STORE_ERROR_DAMAGED,
  HARLEY_STORE_ERROR_IN_USE,
  HARLEY_STORE_ERROR_READ_ONLY,
  HARLEY_STORE_ERROR_DISK_FULL,
  HARLEY_STORE_ERROR_BUSY,
  HARLEY_STORE_ERROR_CONSTRAINT,
  HARLEY_STORE_ERROR_NOT_FOUND,
  HARLEY_STORE_ERROR_FAILED,
} HarleyStoreError;

typedef enum
{
  HARLEY_STORE_OPEN_DEFAULT     = 0,
  /* Run the slow whole-file check later, in a worker thread
   * (harley_store_start_check); the first write waits for it. For the
   * app, whose window need not wait. */
  HARLEY_STORE_OPEN_DEFER_CHECK = 1 << 0,
} HarleyStoreOpenFlags;

#define HARLEY_TYPE_STORE (harley_store_get_type ())

G_DECLARE_FINAL_TYPE (HarleyStore, harley_store, HARLEY, STORE, GObject)

GQuark        harley_store_error_quark          (void);
char         *harley_store_default_path         (void);
int           harley_store_latest_schema        (void);
HarleyStore  *harley_store_open                 (const char            *path,
                                                 GError               **error);
HarleyStore  *harley_store_open_full            (const char            *path,
                                                 HarleyStoreOpenFlags   flags,
                                                 GError               **error);
HarleyStore  *harley_store_open_companion       (HarleyStore           *self,
                                                 GError               **error);
const char   *harley_store_get_path             (HarleyStore           *self);
int           harley_store_get_schema           (HarleyStore           *self);
void          harley_store_start_check          (HarleyStore           *self);
gboolean      harley_store_wait_for_check       (HarleyStore           *self,
                                                 GError               **error);
gboolean      harley_store_check                (HarleyStore           *self,
                                                 char                 **report,
                                                 GError               **error);
void          harley_store_set_user             (HarleyStore           *self,
                                                 const char            *name);
const char   *harley_store_get_user             (HarleyStore           *self);
sqlite3      *harley_store_get_db               (HarleyStore           *self);
sqlite3_stmt *harley_store_prepare              (HarleyStore           *self,
                                                 const char            *sql,
                                                 GError               **error);
gboolean      harley_store_exec                 (HarleyStore           *self,
                                                 const char            *sql,
                                                 GError               **error);
gboolean      harley_store_step_done            (HarleyStore           *self,
                                                 sqlite3_stmt          *stmt,
                                                 GError               **error);
gboolean      harley_store_mark_archived        (HarleyStore           *self,
                                                 const char            *sql,
                                                 gint64                 id,
                                                 gboolean               archived,
                                                 const char            *now,
                                                 GError               **error);
gboolean      harley_store_begin                (HarleyStore           *self,
                                                 GError               **error);
gboolean      harley_store_commit               (HarleyStore           *self,
                                                 GError               **error);
void          harley_store_rollback             (HarleyStore           *self);
gboolean      harley_store_in_transaction       (HarleyStore           *self);
void          harley_store_set_error            (HarleyStore           *self,
                                                 GError               **error);
GArray       *harley_store_read_ids             (HarleyStore           *self,
                                                 sqlite3_stmt          *stmt,
                                                 GError               **error);
char         *harley_store_now                  (void);
char         *harley_store_get_practice_detail  (HarleyStore           *self,
                                                 const char            *key);
gboolean      harley_store_set_practice_details (HarleyStore           *self,
                                                 const char * const    *keys,
                                                 const char * const    *values,
                                                 guint                  n,
                                                 GError               **error);
gboolean      harley_store_set_practice_detail  (HarleyStore           *self,
                                                 const char            *key,
                                                 const char            *value,
                                                 GError               **error);
GBytes       *harley_store_get_practice_logo    (HarleyStore           *self,
                                                 char                 **mime_type);
gboolean      harley_store_set_practice_logo    (HarleyStore           *self,
                                                 GBytes                *data,
                                                 const char            *mime_type,
                                                 GError               **error);

/* Bind helpers: NULL or empty text binds NULL. */
void          harley_bind_text                  (sqlite3_stmt          *stmt,
                                                 int                    index,
                                                 const char            *text);
char         *harley_column_dup                 (sqlite3_stmt          *stmt,
                                                 int                    column);

G_END_DECLS
