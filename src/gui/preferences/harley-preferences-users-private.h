/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The Users page of Preferences (harley-preferences-users.c). */

#include <adwaita.h>

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_PREFERENCES_USERS (harley_preferences_users_get_type ())

G_DECLARE_FINAL_TYPE (HarleyPreferencesUsers, harley_preferences_users, HARLEY, PREFERENCES_USERS,
                      AdwPreferencesPage)

HarleyPreferencesUsers *_harley_preferences_users_new (HarleyStore *store);

G_END_DECLS
