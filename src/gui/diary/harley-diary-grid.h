/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "harley-diary.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_DIARY_GRID (harley_diary_grid_get_type ())

G_DECLARE_FINAL_TYPE (HarleyDiaryGrid, harley_diary_grid, HARLEY, DIARY_GRID, GtkWidget)

/* One column of the grid: a clinician on a day. */
typedef struct
{
  GDate   date;
  gint64  clinician_id;
} HarleyDiaryColumn;

GtkWidget  *harley_diary_grid_new           (void);
void        harley_diary_grid_set_columns   (HarleyDiaryGrid          *self,
                                             const HarleyDiaryColumn  *columns,
                                             guint                     n_columns);
guint       harley_diary_grid_get_n_columns (HarleyDiaryGrid          *self);
void        harley_diary_grid_set_compact   (HarleyDiaryGrid          *self,
                                             gboolean                  compact);
void        harley_diary_grid_set_diary     (HarleyDiaryGrid          *self,
                                             GPtrArray                *appointments,
                                             GArray                   *sessions,
                                             GPtrArray                *blocked);
void        harley_diary_grid_get_cursor    (HarleyDiaryGrid          *self,
                                             HarleyDiaryColumn        *column,
                                             int                      *minute);
void        harley_diary_grid_set_cursor    (HarleyDiaryGrid          *self,
                                             guint                     column,
                                             int                       minute);
gint64      harley_diary_grid_get_selected  (HarleyDiaryGrid          *self);
void        harley_diary_grid_select        (HarleyDiaryGrid          *self,
                                             gint64                    appointment_id);
int         harley_diary_grid_minute_to_y   (HarleyDiaryGrid          *self,
                                             int                       minute);

G_END_DECLS
