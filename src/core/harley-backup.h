/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_BACKUP_ERROR (harley_backup_error_quark ())

typedef enum
{
  HARLEY_BACKUP_ERROR_WRONG_PASSPHRASE,  /* the summary did not authenticate */
  HARLEY_BACKUP_ERROR_DAMAGED,           /* a later chunk failed, or the file is cut short */
  HARLEY_BACKUP_ERROR_NOT_A_BACKUP,      /* no "HARLEYBK" at the start */
  HARLEY_BACKUP_ERROR_TOO_NEW,           /* a format or schema this Harley does not know */
  HARLEY_BACKUP_ERROR_NO_SPACE,          /* the disk filled while writing */
  HARLEY_BACKUP_ERROR_FAILED,
} HarleyBackupError;

/* What a daily backup keeps unless told otherwise: a week of days. */
#define HARLEY_BACKUP_DEFAULT_KEEP  7
#define HARLEY_BACKUP_MAX_KEEP      1000
/* The longest passphrase Harley reads, in bytes, without its line end. */
#define HARLEY_BACKUP_MAX_PASSPHRASE 1023

/* What a backup holds, from the authenticated summary at its start. */
typedef struct
{
  GDateTime  *made;            /* when the snapshot was taken, UTC */
  char       *harley_version;  /* of the Harley that made it */
  int         schema;          /* PRAGMA user_version of the copy */
  guint64     size;            /* bytes of the database inside */
  gint64      patients;
  gint64      appointments;
  gint64      letters;
  gint64      samples;
  GHashTable *rows;            /* table name → gint64 *: every table counted */
  gint64      last_audit_id;   /* the newest audit entry in the copy; only when
                                * just made, not kept in the file */
} HarleyBackupSummary;

/* A restore verified and ready to replace the live database. */
typedef struct _HarleyBackupRestore HarleyBackupRestore;

/* Passphrases live in memory that is never swapped out and is wiped when
 * freed (libsodium's guarded allocations). */
typedef char HarleyBackupSecret;

GQuark                harley_backup_error_quark         (void);

HarleyBackupSecret   *harley_backup_secret_new          (void);
void                  harley_backup_secret_free         (HarleyBackupSecret   *secret);

char                 *harley_backup_create              (HarleyStore          *store,
                                                         const char           *folder,
                                                         const char           *passphrase,
                                                         guint                 keep,
                                                         HarleyBackupSummary **summary,
                                                         GError              **error);
HarleyBackupSummary  *harley_backup_verify              (const char           *file,
                                                         const char           *passphrase,
                                                         GError              **error);
HarleyBackupSummary  *harley_backup_read_summary        (const char           *file,
                                                         const char           *passphrase,
                                                         GError              **error);
GPtrArray            *harley_backup_list                (const char           *folder,
                                                         GError              **error);
gboolean              harley_backup_is_same_disk        (const char           *database,
                                                         const char           *folder);
gboolean              harley_backup_changed_since_last  (HarleyStore          *store);

HarleyBackupRestore  *harley_backup_restore_prepare     (const char           *file,
                                                         const char           *database,
                                                         const char           *passphrase,
                                                         GError              **error);
const HarleyBackupSummary *
                      harley_backup_restore_get_summary (HarleyBackupRestore  *restore);
gboolean              harley_backup_restore_commit      (HarleyBackupRestore  *restore,
                                                         char                **kept_aside,
                                                         GError              **error);
void                  harley_backup_restore_free        (HarleyBackupRestore  *restore);
gboolean              harley_backup_restore             (const char           *file,
                                                         const char           *database,
                                                         const char           *passphrase,
                                                         char                **kept_aside,
                                                         GError              **error);

void                  harley_backup_summary_free        (HarleyBackupSummary  *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyBackupSummary, harley_backup_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyBackupRestore, harley_backup_restore_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyBackupSecret, harley_backup_secret_free)

G_END_DECLS
