/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-backup-settings.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_BACKUP_SERVICE (harley_backup_service_get_type ())

G_DECLARE_FINAL_TYPE (HarleyBackupService, harley_backup_service, HARLEY, BACKUP_SERVICE, GObject)

HarleyBackupService *harley_backup_service_get              (HarleyStore          *store);
HarleyStore         *harley_backup_service_get_store        (HarleyBackupService  *self);
gboolean             harley_backup_service_get_running      (HarleyBackupService  *self);
const GError        *harley_backup_service_get_last_error   (HarleyBackupService  *self);
gboolean             harley_backup_service_back_up          (HarleyBackupService  *self,
                                                             GError              **error);
gboolean             harley_backup_service_back_up_if_due   (HarleyBackupService  *self,
                                                             GDateTime            *now);
void                 harley_backup_service_watch            (HarleyBackupService  *self,
                                                             guint                 seconds);
void                 harley_backup_service_changed          (HarleyBackupService  *self);

G_END_DECLS
