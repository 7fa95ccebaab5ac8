/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-letter-preview.h"
#include "harley-register.h"
#include "harley-sample-pane.h"
#include "harley-sample.h"

G_BEGIN_DECLS

struct _HarleySamplePane
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  GtkLabel            *title_label;
  GtkLabel            *details_label;
  GtkLabel            *notice_label;
  GtkWidget           *suggestion_box;
  GtkLabel            *suggestion_label;
  GtkWidget           *view_switcher;
  GtkStack            *view_stack;
  GtkWidget           *sample_group;
  GtkListBox          *sample_list;
  GtkWidget           *lab_group;
  GtkListBox          *lab_list;
  GtkWidget           *result_group;
  GtkListBox          *result_list;
  GtkWidget           *review_group;
  GtkListBox          *review_list;
  GtkWidget           *calls_group;
  GtkListBox          *calls_list;
  GtkWidget           *history_group;
  GtkListBox          *history_list;
  GtkStack            *report_stack;
  HarleyLetterPreview *preview;
  GtkPicture          *picture;
  GtkWidget           *save_report_button;
  GtkWidget           *send_button;
  GtkWidget           *receive_button;
  GtkWidget           *review_button;
  GtkWidget           *call_button;
  GtkWidget           *chase_button;
  GtkWidget           *inform_button;
  GtkWidget           *close_button;
  GtkWidget           *cancel_button;
  GtkWidget           *match_button;
  GtkWidget           *file_button;

  /* Owned references */
  HarleyStore         *store;
  HarleySample        *sample;        /* the sample shown, as last read, or NULL */
  HarleyResult        *result;        /* its result, or the unmatched result shown */
  HarleyPatient       *patient;       /* the sample's patient */
  GBytes              *report;        /* the result's attachment, if any */

  guint                suggests_letter : 1;
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS,
};

extern guint _harley_sample_pane_signals[N_SIGNALS];

/* harley-sample-pane.c */
void        _harley_sample_pane_toast           (HarleySamplePane *self,
                                                 const char       *message);
void        _harley_sample_pane_step_done       (HarleySamplePane *self,
                                                 const char       *message);
char       *_harley_sample_pane_dup_patient_name (HarleySamplePane *self);
char       *_harley_sample_pane_dup_lab_name    (HarleySamplePane *self,
                                                 gint64            lab_id);
char       *_harley_sample_pane_dup_clinician   (HarleySamplePane *self);
void        _harley_sample_pane_clear_list      (GtkListBox       *list);
GtkWidget  *_harley_sample_pane_question        (HarleySamplePane *self,
                                                 const char       *heading,
                                                 const char       *body,
                                                 const char       *response,
                                                 const char       *response_label,
                                                 GtkWidget        *extra);
void        _harley_today                       (GDate            *today);

/* harley-sample-pane-history.c: the calls and the sample's history */
void        _harley_sample_pane_fill_calls      (HarleySamplePane *self);
void        _harley_sample_pane_fill_history    (HarleySamplePane *self);

/* harley-sample-pane-send.c: sending, and the result arriving */
void        _harley_sample_pane_class_send_init (GtkWidgetClass   *widget_class);

/* harley-sample-pane-steps.c: review, calls, telling the patient, closing */
void        _harley_sample_pane_class_steps_init (GtkWidgetClass  *widget_class);

/* harley-sample-pane-match.c: a result for no known sample */
void        _harley_sample_pane_class_match_init (GtkWidgetClass  *widget_class);

G_END_DECLS
