/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The Letters page of Preferences (harley-preferences-letters.c): the
 * letter templates, and the window envelope's address window. */

#include <adwaita.h>

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_PREFERENCES_LETTERS (harley_preferences_letters_get_type ())

G_DECLARE_FINAL_TYPE (HarleyPreferencesLetters, harley_preferences_letters, HARLEY, PREFERENCES_LETTERS,
                      AdwPreferencesPage)

HarleyPreferencesLetters *_harley_preferences_letters_new  (HarleyStore               *store);
gboolean                  _harley_preferences_letters_save (HarleyPreferencesLetters  *self,
                                                            GError                   **error);

G_END_DECLS
