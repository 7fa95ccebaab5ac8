/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_APPLICATION (harley_application_get_type ())

G_DECLARE_FINAL_TYPE (HarleyApplication, harley_application, HARLEY, APPLICATION, AdwApplication)

HarleyApplication *harley_application_new        (void);
HarleyStore       *harley_application_get_store  (HarleyApplication *self);
const char        *harley_application_get_database_path (HarleyApplication *self);
void               harley_application_set_database_path (HarleyApplication *self,
                                                         const char        *path);
GSettings         *harley_application_get_settings (HarleyApplication *self);
void               harley_application_set_disk_check_root (HarleyApplication *self,
                                                           const char        *sysfs_root);
void               harley_application_show_preferences (HarleyApplication *self,
                                                        const char        *page);
gboolean           harley_application_close_desk (HarleyApplication  *self,
                                                  GtkWindow          *keep,
                                                  GError            **error);
GtkWindow         *harley_application_reopen     (HarleyApplication  *self);

G_END_DECLS
