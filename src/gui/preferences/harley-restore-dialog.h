/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_RESTORE_DIALOG (harley_restore_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HarleyRestoreDialog, harley_restore_dialog, HARLEY, RESTORE_DIALOG, AdwWindow)

GtkWindow  *harley_restore_dialog_new         (GtkWindow           *parent,
                                               HarleyStore         *store);
void        harley_restore_dialog_choose_file (HarleyRestoreDialog *self,
                                               const char          *file);
const char *harley_restore_dialog_get_file    (HarleyRestoreDialog *self);
const char *harley_restore_dialog_get_step    (HarleyRestoreDialog *self);
const char *harley_restore_dialog_get_problem (HarleyRestoreDialog *self);
char       *harley_restore_dialog_dup_summary (HarleyRestoreDialog *self);

G_END_DECLS
