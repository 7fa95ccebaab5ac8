/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-backup.h"

G_BEGIN_DECLS

/* A new backup passphrase is at least this many characters. */
#define HARLEY_BACKUP_MIN_PASSPHRASE 8
/* A backup older than this is due again, and the window says so. */
#define HARLEY_BACKUP_DUE_AFTER      (24 * G_TIME_SPAN_HOUR)

/* The practice's backup settings and its last good backup, as stored in
 * the practice details. The passphrase itself is read only when needed,
 * with harley_backup_settings_dup_passphrase (). */
typedef struct
{
  char       *folder;          /* (nullable) */
  guint       keep;
  gboolean    has_passphrase;
  GDateTime  *last_at;         /* (nullable) UTC */
  char       *last_file;       /* (nullable) */
} HarleyBackupSettings;

HarleyBackupSettings *harley_backup_settings_load            (HarleyStore                 *store);
void                  harley_backup_settings_free            (HarleyBackupSettings        *settings);
gboolean              harley_backup_settings_is_ready        (const HarleyBackupSettings  *settings);
HarleyBackupSecret   *harley_backup_settings_dup_passphrase  (HarleyStore                 *store);
gboolean              harley_backup_settings_set_folder      (HarleyStore                 *store,
                                                              const char                  *folder,
                                                              GError                     **error);
gboolean              harley_backup_settings_set_keep        (HarleyStore                 *store,
                                                              guint                        keep,
                                                              GError                     **error);
gboolean              harley_backup_settings_set_passphrase  (HarleyStore                 *store,
                                                              const char                  *passphrase,
                                                              const char                  *again,
                                                              GError                     **error);
gboolean              harley_backup_check_new_passphrase     (const char                  *passphrase,
                                                              const char                  *again,
                                                              GError                     **error);

gboolean              harley_backup_is_due                   (GDateTime                   *last,
                                                              GDateTime                   *now);
char                 *harley_backup_describe_last            (const HarleyBackupSettings  *settings,
                                                              GDateTime                   *now);
char                 *harley_backup_describe_overdue         (const HarleyBackupSettings  *settings,
                                                              GDateTime                   *now);
char                 *harley_backup_describe_holdings        (const HarleyBackupSummary   *summary);
char                 *harley_backup_describe_when            (GDateTime                   *when,
                                                              GDateTime                   *now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyBackupSettings, harley_backup_settings_free)

G_END_DECLS
