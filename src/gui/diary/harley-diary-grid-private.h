/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-diary-grid.h"

G_BEGIN_DECLS

#define GUTTER          56    /* the time labels */
#define PX_PER_MINUTE   1.8
#define TWO_LINES       36    /* px: shorter blocks show one line */
#define SNAP_MINUTES    5
#define RESIZE_EDGE     8
#define DEFAULT_FIRST   (8 * 60)
#define DEFAULT_LAST    (19 * 60)

typedef enum { DRAG_NONE, DRAG_PENDING, DRAG_MOVE, DRAG_RESIZE, DRAG_EMPTY } DragMode;

typedef struct
{
  HarleyAppointment *appointment;
  GtkWidget         *label;
  guint              column;
  guint              lane;
  guint              n_lanes;
} HarleyDiaryBlock;

struct _HarleyDiaryGrid
{
  GtkWidget   parent_instance;

  GArray     *columns;        /* HarleyDiaryColumn */
  GPtrArray  *blocks;         /* HarleyDiaryBlock */
  GArray     *sessions;       /* HarleySessionDay */
  GPtrArray  *blocked;        /* HarleyBlockedTime */
  int         first_minute;
  int         last_minute;
  gboolean    compact;        /* narrow columns: surnames only */

  guint       cursor_column;
  int         cursor_minute;
  gint64      selected_id;

  /* Dragging */
  DragMode    drag_mode;
  HarleyDiaryBlock      *drag_block;
  double      drag_x;
  double      drag_y;
  guint       ghost_column;
  int         ghost_start;
  int         ghost_end;
};

double                   _harley_diary_grid_column_width    (HarleyDiaryGrid          *self);
const HarleyDiaryColumn *_harley_diary_grid_get_column      (HarleyDiaryGrid          *self,
                                                             guint                     i);
gboolean                 _harley_diary_grid_column_matches  (const HarleyDiaryColumn  *column,
                                                             gint64                    clinician_id,
                                                             const GDate              *date);
void                     _harley_diary_grid_block_rect      (HarleyDiaryGrid          *self,
                                                             HarleyDiaryBlock                    *block,
                                                             graphene_rect_t          *rect);
int                      _harley_diary_grid_slot_minutes_at (HarleyDiaryGrid          *self,
                                                             guint                     column,
                                                             int                       minute);
void                     _harley_diary_grid_snapshot        (GtkWidget                *widget,
                                                             GtkSnapshot              *snapshot);

G_END_DECLS
