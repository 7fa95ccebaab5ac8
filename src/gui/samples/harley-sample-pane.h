/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_SAMPLE_PANE (harley_sample_pane_get_type ())

G_DECLARE_FINAL_TYPE (HarleySamplePane, harley_sample_pane, HARLEY, SAMPLE_PANE, AdwBin)

void      harley_sample_pane_set_store          (HarleySamplePane  *self,
                                                 HarleyStore       *store);
gboolean  harley_sample_pane_open               (HarleySamplePane  *self,
                                                 gint64             sample_id,
                                                 GError           **error);
gboolean  harley_sample_pane_open_result        (HarleySamplePane  *self,
                                                 gint64             result_id,
                                                 GError           **error);
gint64    harley_sample_pane_get_sample_id      (HarleySamplePane  *self);
gint64    harley_sample_pane_get_result_id      (HarleySamplePane  *self);
gboolean  harley_sample_pane_get_suggests_letter (HarleySamplePane *self);
const char *harley_sample_pane_get_report_kind  (HarleySamplePane  *self);

G_END_DECLS
