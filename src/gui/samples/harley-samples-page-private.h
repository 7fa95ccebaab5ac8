/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-samples-page.h"

G_BEGIN_DECLS

struct _HarleySamplesPage
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkListBox           *worklist_box;
  GtkLabel             *list_title;
  GtkWidget            *paper_button;
  GtkStack             *list_stack;
  GtkListBox           *sample_box;
  GtkLabel             *empty_label;
  HarleySamplePane     *pane;

  /* The worklists' rows, for their counts */
  GtkLabel             *counts[HARLEY_SAMPLES_N_WORKLISTS];
  GtkLabel             *overdue_label;
  guint                 n[HARLEY_SAMPLES_N_WORKLISTS];

  /* Owned references */
  HarleyStore          *store;
  GArray               *shown;          /* gint64: the samples (or results, when unmatched) in the list */

  HarleySampleWorklist  worklist;
  guint                 filling : 1;
};

/* harley-samples-page-rows.c: one row of the middle list, with the
 * laboratories' names cached (gint64 * → char *) for the list's filling */
GtkWidget  *_harley_samples_page_build_row  (HarleySamplesPage *self,
                                             gint64             id,
                                             GHashTable        *labs,
                                             const GDate       *today);
GHashTable *_harley_samples_page_new_labs   (void);

/* harley-samples-page-paper.c: the manifest and specimen labels */
void        _harley_samples_page_class_paper_init (GtkWidgetClass    *widget_class);
void        _harley_samples_page_toast      (HarleySamplesPage *self,
                                             const char        *message);
void        _harley_samples_page_today      (GDate             *today);

G_END_DECLS
