/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_BACKUP_STATUS (harley_backup_status_get_type ())

G_DECLARE_FINAL_TYPE (HarleyBackupStatus, harley_backup_status, HARLEY, BACKUP_STATUS, GtkBox)

void        harley_backup_status_set_store   (HarleyBackupStatus *self,
                                              HarleyStore        *store);
void        harley_backup_status_update      (HarleyBackupStatus *self);
const char *harley_backup_status_get_message (HarleyBackupStatus *self);
GtkButton  *harley_backup_status_get_button  (HarleyBackupStatus *self);

G_END_DECLS
