/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-address-book.h"
#include "harley-backup-status.h"
#include "harley-diary-page.h"
#include "harley-letters-page.h"
#include "harley-patient-list.h"
#include "harley-samples-page.h"
#include "harley-sign-in-page.h"
#include "harley-window.h"

G_BEGIN_DECLS

struct _HarleyWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkSearchEntry       *search_entry;
  GtkLabel             *list_status;
  GtkListView          *patient_list_view;
  HarleyPatientEditor  *editor;
  GtkBox               *diary_box;
  HarleyDiaryPage      *diary;              /* made when first shown */
  GtkBox               *letters_box;
  HarleyLettersPage    *letters;            /* made when first shown */
  GtkBox               *samples_box;
  HarleySamplesPage    *samples;            /* made when first shown */
  GtkBox               *address_book_page;
  HarleyAddressBook    *address_book;       /* made when first shown */
  HarleyBackupStatus   *backup_status;

  /* Owned references */
  HarleyStore          *store;
  HarleyPatientList    *patients;
  GtkSingleSelection   *selection;
  GSettings            *settings;

  /* Signing in and the lock (harley-window-lock.c) */
  GtkWidget            *desk;               /* the content, kept while the sign-in page shows */
  HarleySignInPage     *sign_in;            /* shown instead of the desk, or NULL */
  GPtrArray            *hidden_windows;     /* other windows hidden while locked */
  gint64                last_activity;      /* monotonic µs of the last key press or pointer move */
  guint                 idle_source;
  GtkWidget            *curtains[3];        /* over the record, letters and samples while privacy is on */

  /* The patient whose opening waits on the unsaved-changes question */
  gint64                pending_id;
  guint                 pending_new : 1;
  guint                 closing : 1;
};

void _harley_window_class_actions_init (GtkWidgetClass *widget_class);
void _harley_window_class_lock_init    (GtkWidgetClass *widget_class);
void _harley_window_lock_init          (HarleyWindow   *self);
void _harley_window_lock_dispose       (HarleyWindow   *self);
void _harley_window_apply_privacy      (HarleyWindow   *self);
void _harley_window_guard_unsaved      (HarleyWindow   *self,
                                        gint64          id,
                                        gboolean        new_patient);

G_END_DECLS
