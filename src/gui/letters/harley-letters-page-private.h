/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-letters-page.h"

G_BEGIN_DECLS

struct _HarleyLettersPage
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkListBox           *worklist_box;
  GtkLabel             *list_title;
  GtkWidget            *approve_all_button;
  GtkWidget            *print_all_button;
  GtkProgressBar       *progress_bar;
  GtkStack             *list_stack;
  GtkListBox           *letter_box;
  GtkLabel             *empty_label;
  HarleyLetterEditor   *editor;

  /* The worklists' rows, for their counts */
  GtkLabel             *counts[HARLEY_WORKLIST_N];

  /* Owned references */
  HarleyStore          *store;
  GArray               *shown;          /* gint64: the letters in the list */

  HarleyLetterWorklist  worklist;
  guint                 filling : 1;
  guint                 busy : 1;       /* a batch is under way */
};

void  _harley_letters_page_class_batch_init (GtkWidgetClass    *widget_class);
void  _harley_letters_page_dispose_batch    (HarleyLettersPage *self);

G_END_DECLS
