/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* harley-restore-run.c: closing Harley's windows and database, restoring
 * a backup over it, and opening it again. */

#include <adwaita.h>

#include "harley-backup.h"

G_BEGIN_DECLS

gboolean _harley_restore_check_desk (GtkApplication             *application,
                                     GtkWindow                  *dialog,
                                     GError                    **error);
void     _harley_restore_run        (GtkApplication             *application,
                                     const char                 *file,
                                     const char                 *passphrase,
                                     const HarleyBackupSummary  *summary);

G_END_DECLS
