/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *harley_private_tmp_dir       (GError     **error);
int         harley_private_tmp_open      (const char  *name_template,
                                          char       **path,
                                          GError     **error);
char       *harley_private_tmp_make_dir  (const char  *name_template,
                                          GError     **error);
gboolean    harley_private_tmp_redirect  (GError     **error);
void        harley_private_tmp_remove    (const char  *path);

G_END_DECLS
