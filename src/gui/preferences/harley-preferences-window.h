/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_PREFERENCES_WINDOW (harley_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (HarleyPreferencesWindow, harley_preferences_window, HARLEY, PREFERENCES_WINDOW, AdwPreferencesWindow)

HarleyPreferencesWindow *harley_preferences_window_new  (GtkWindow               *parent,
                                                         HarleyStore             *store);
gboolean                 harley_preferences_window_save (HarleyPreferencesWindow *self,
                                                         GError                 **error);

G_END_DECLS
