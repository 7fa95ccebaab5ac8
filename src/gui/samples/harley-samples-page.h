/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-sample-pane.h"
#include "harley-sample.h"
#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_SAMPLES_PAGE (harley_samples_page_get_type ())

G_DECLARE_FINAL_TYPE (HarleySamplesPage, harley_samples_page, HARLEY, SAMPLES_PAGE, AdwBin)

HarleySamplesPage *harley_samples_page_new           (HarleyStore          *store);
void               harley_samples_page_refresh       (HarleySamplesPage    *self);
void               harley_samples_page_show_worklist (HarleySamplesPage    *self,
                                                      HarleySampleWorklist  worklist);
HarleySampleWorklist harley_samples_page_get_worklist (HarleySamplesPage   *self);
gboolean           harley_samples_page_open_sample   (HarleySamplesPage    *self,
                                                      gint64                id);
HarleySamplePane  *harley_samples_page_get_pane      (HarleySamplesPage    *self);
guint              harley_samples_page_get_n_shown   (HarleySamplesPage    *self);
gint64             harley_samples_page_get_shown     (HarleySamplesPage    *self,
                                                      guint                 position);
guint              harley_samples_page_get_count     (HarleySamplesPage    *self,
                                                      HarleySampleWorklist  worklist);

G_END_DECLS
