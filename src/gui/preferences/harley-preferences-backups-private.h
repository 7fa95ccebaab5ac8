/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The Backups page of Preferences (harley-preferences-backups.c): where
 * backups go, how many are kept, the passphrase, the last good backup,
 * "Back Up Now" and "Restore From a Backup…". */

#include <adwaita.h>

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_PREFERENCES_BACKUPS (harley_preferences_backups_get_type ())

G_DECLARE_FINAL_TYPE (HarleyPreferencesBackups, harley_preferences_backups, HARLEY, PREFERENCES_BACKUPS,
                      AdwPreferencesPage)

HarleyPreferencesBackups *_harley_preferences_backups_new        (HarleyStore              *store);
gboolean                  _harley_preferences_backups_set_folder (HarleyPreferencesBackups *self,
                                                                  const char               *folder);
const char               *_harley_preferences_backups_get_last   (HarleyPreferencesBackups *self);
const char               *_harley_preferences_backups_get_problem (HarleyPreferencesBackups *self);

G_END_DECLS
