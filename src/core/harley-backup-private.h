/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "harley-backup.h"

G_BEGIN_DECLS

/* harley-backup-file.c: the encrypted file format */
gboolean              _harley_backup_encrypt        (int                         plain_fd,
                                                     int                         out_fd,
                                                     const char                 *out_name,
                                                     const char                 *passphrase,
                                                     const HarleyBackupSummary  *summary,
                                                     GError                    **error);
HarleyBackupSummary  *_harley_backup_decrypt        (const char                 *file,
                                                     const char                 *passphrase,
                                                     int                         plain_fd,
                                                     const char                 *plain_name,
                                                     GError                    **error);
gboolean              _harley_backup_write_all      (int                         fd,
                                                     const void                 *data,
                                                     gsize                       length,
                                                     const char                 *name,
                                                     GError                    **error);
void                  _harley_backup_set_io_error   (GError                    **error,
                                                     int                         errsv,
                                                     const char                 *name);
gboolean              _harley_backup_ensure_sodium  (GError                    **error);
GBytes               *_harley_backup_summary_to_bytes   (const HarleyBackupSummary *summary);
HarleyBackupSummary  *_harley_backup_summary_from_bytes (const guint8              *text,
                                                         gsize                      length);

/* harley-backup.c: what both a backup and a restore need */
HarleyBackupSummary  *_harley_backup_summary_new    (void);
GHashTable           *_harley_backup_count_rows     (sqlite3                    *db,
                                                     GError                    **error);
void                  _harley_backup_fill_counts    (HarleyBackupSummary        *summary);
gboolean              _harley_backup_check_plain    (const char                 *path,
                                                     const char                 *file,
                                                     const HarleyBackupSummary  *summary,
                                                     GError                    **error);
gboolean              _harley_backup_sync_dir       (const char                 *dir,
                                                     GError                    **error);

/* harley-backup-folder.c: names and generations */
char                 *_harley_backup_choose_name    (const char                 *folder,
                                                     GError                    **error);
void                  _harley_backup_prune          (const char                 *folder,
                                                     guint                       keep,
                                                     const char                 *target);

G_END_DECLS
