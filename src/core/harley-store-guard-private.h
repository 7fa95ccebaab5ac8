/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

void      _harley_store_guard_install (void);
guint     _harley_store_guard_refused (void);
gboolean  _harley_store_guard_moved   (sqlite3 *db);
void      _harley_store_guard_rescue  (sqlite3 *db);

G_END_DECLS
