/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-store.h"

G_BEGIN_DECLS

/* The practice detail set when the secretary chose "Don't Show Again". */
#define HARLEY_DISK_NOTICE_KEY "disk_notice_shown"

GtkWindow *harley_disk_notice_check (GtkWindow   *window,
                                     HarleyStore *store,
                                     const char  *database_path,
                                     const char  *sysfs_root);

G_END_DECLS
