/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A small, careful JSON writer (harley-json.c): Harley writes JSON for
 * harley-cli's --json and the subject access export, and reads none. */

void  harley_json_append_string  (GString     *out,
                                  const char  *text);
void  harley_json_append_member  (GString     *out,
                                  gboolean    *first,
                                  const char  *name);
void  harley_json_append_text    (GString     *out,
                                  gboolean    *first,
                                  const char  *name,
                                  const char  *text);
void  harley_json_append_int     (GString     *out,
                                  gboolean    *first,
                                  const char  *name,
                                  gint64       value);
void  harley_json_append_bool    (GString     *out,
                                  gboolean    *first,
                                  const char  *name,
                                  gboolean     value);

G_END_DECLS
