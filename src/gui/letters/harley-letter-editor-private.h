/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-letter-editor.h"
#include "harley-letter-preview.h"
#include "harley-letter.h"
#include "harley-spell-checker.h"

G_BEGIN_DECLS

struct _HarleyLetterEditor
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  GtkLabel            *title_label;
  GtkLabel            *details_label;
  GtkLabel            *notice_label;
  GtkWidget           *format_bar;
  GtkMenuButton       *recipients_button;
  GtkLabel            *save_label;
  GtkTextView         *text_view;
  HarleyLetterPreview *preview;
  GtkWidget           *change_button;
  GtkWidget           *save_pdf_button;
  GtkWidget           *file_button;
  GtkWidget           *sent_button;
  GtkWidget           *print_button;
  GtkWidget           *approve_button;
  GtkWidget           *send_back_button;
  GtkWidget           *for_approval_button;
  GtkWidget           *typed_button;

  /* Owned references */
  HarleyStore         *store;
  HarleyLetter        *letter;        /* as last read or saved */
  HarleySpellChecker  *spelling;

  guint                save_source;
  guint                preview_source;
  guint                loading : 1;     /* the buffer is being filled, not typed in */
  guint                dirty : 1;       /* typed since the last save */
  guint                unlocked : 1;    /* an approved letter the user chose to change */
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS,
};

extern guint _harley_letter_editor_signals[N_SIGNALS];

void   _harley_letter_editor_class_actions_init (GtkWidgetClass     *widget_class);
void   _harley_letter_editor_class_recipients_init (GtkWidgetClass *widget_class);
void   _harley_letter_editor_recipients_init    (HarleyLetterEditor *self);
void   _harley_letter_editor_reload             (HarleyLetterEditor *self);
void   _harley_letter_editor_toast              (HarleyLetterEditor *self,
                                                 const char         *message);
void   _harley_letter_editor_step_done          (HarleyLetterEditor *self,
                                                 const char         *message);
char  *_harley_letter_editor_dup_patient_name   (HarleyLetterEditor *self);

G_END_DECLS
