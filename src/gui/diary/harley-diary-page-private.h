/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-diary-page.h"

G_BEGIN_DECLS

struct _HarleyDiaryPage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkMenuButton      *date_button;
  GtkPopover         *calendar_popover;
  GtkCalendar        *calendar;
  GtkDropDown        *clinician_dropdown;
  GtkBox             *header_box;
  GtkScrolledWindow  *scroller;
  HarleyDiaryGrid    *grid;
  GtkStack           *details_stack;
  GtkLabel           *patient_label;
  GtkLabel           *patient_details_label;
  GtkLabel           *alerts_label;
  GtkLabel           *when_label;
  GtkLabel           *about_label;
  GtkLabel           *status_label;
  GtkLabel           *history_label;
  GtkEntry           *notes_entry;
  GtkButton          *undo_status_button;

  /* Owned references */
  HarleyStore        *store;
  GPtrArray          *clinicians;     /* HarleyClinician */
  GPtrArray          *appointments;   /* HarleyAppointment, the days shown */
  HarleyAppointment  *selected;

  /* State */
  GDate               date;
  char               *view;           /* "day" or "week" */
  guint               scrolled_to_morning : 1;
  guint               filling_dropdown : 1;
  guint               filling_notes : 1;
  guint               notes_typed : 1;      /* typed into the notes, not yet kept */
};

void      _harley_diary_page_class_actions_init (GtkWidgetClass   *widget_class);
void      _harley_diary_page_update_actions     (HarleyDiaryPage  *self);
gint64    _harley_diary_page_get_clinician      (HarleyDiaryPage  *self);
void      _harley_diary_page_toast              (HarleyDiaryPage  *self,
                                                 const char       *message);
void      _harley_diary_page_open_booking       (HarleyDiaryPage  *self,
                                                 gint64            clinician_id,
                                                 const GDate      *date,
                                                 int               minute,
                                                 gint64            type_id,
                                                 gint64            patient_id);
void      _harley_diary_page_export             (HarleyDiaryPage  *self);
void      _harley_diary_page_export_to          (HarleyDiaryPage  *self,
                                                 GVariant         *parameter);
void      _harley_diary_page_move               (HarleyDiaryPage  *self,
                                                 gint64            id,
                                                 gint64            clinician_id,
                                                 const GDate      *date,
                                                 int               start,
                                                 int               end);

G_END_DECLS
