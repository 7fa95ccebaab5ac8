/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void  harley_audit_columns_add  (GtkColumnView *view,
                                 gboolean       with_patient);

G_END_DECLS
