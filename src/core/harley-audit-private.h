/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "harley-audit.h"

G_BEGIN_DECLS

/* harley_sha256 (value, …), which the store puts on its connection for
 * the audit triggers: the hash of the values' canonical form. */
void  _harley_audit_sha256_func  (sqlite3_context  *context,
                                  int               argc,
                                  sqlite3_value   **argv);

/* Runs @sql, which adds one entry from ?1 action, ?2 @id, ?3 @what and
 * ?4 @details_json, in the caller's transaction or one of its own. */
gboolean  _harley_audit_add_entry  (HarleyStore   *store,
                                    const char    *sql,
                                    const char    *action,
                                    gint64         id,
                                    const char    *what,
                                    const char    *details_json,
                                    GError       **error);

G_END_DECLS
