/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_RETENTION_WINDOW (harley_retention_window_get_type ())

G_DECLARE_FINAL_TYPE (HarleyRetentionWindow, harley_retention_window, HARLEY, RETENTION_WINDOW, AdwWindow)

HarleyRetentionWindow *harley_retention_window_new            (GtkWindow             *parent,
                                                               HarleyStore           *store,
                                                               const GDate           *as_of);
gboolean               harley_retention_window_get_loading    (HarleyRetentionWindow *self);
GListModel            *harley_retention_window_get_patients   (HarleyRetentionWindow *self);
gint64                 harley_retention_window_get_patient_id (HarleyRetentionWindow *self,
                                                               guint                  position);
gboolean               harley_retention_window_save_to        (HarleyRetentionWindow *self,
                                                               const char            *path);

G_END_DECLS
