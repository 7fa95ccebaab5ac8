/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-pen.h"

G_BEGIN_DECLS

/* Pages of tables, as the clinic list and the laboratory manifest print
 * them (harley-render-table.c): the letterhead at the top of every page,
 * "Page n of m" at the foot, and a table's columns. */

#define HARLEY_RENDER_TABLE_MAX_COLUMNS 12

/* The top of every page: the practice at the left, after its logo if it
 * has one, and the title at the right, over a rule. */
typedef struct
{
  cairo_surface_t *logo;               /* nullable */
  const char      *practice_name;      /* nullable */
  const char      *practice_contact;   /* nullable: the address and phone on one line */
  const char      *title;              /* markup */
  const char      *subtitle;           /* markup, under the title; nullable */
  double           title_share;        /* of the width between the margins */
} HarleyRenderLetterhead;

/* A table's columns: their left edges, then the right one, and the room
 * kept inside each cell. */
typedef struct
{
  guint  n_columns;
  double pad_x;
  double pad_y;
  double edges[HARLEY_RENDER_TABLE_MAX_COLUMNS + 1];
} HarleyRenderTable;

double  _harley_render_letterhead_draw   (HarleyPen                    *pen,
                                          const HarleyRenderLetterhead *head,
                                          double                        left,
                                          double                        right,
                                          double                        top);
char   *_harley_render_practice_contact  (const char                   *address,
                                          const char                   *phone);
char   *_harley_render_page_of_markup    (guint                         page_nr,
                                          guint                         n_pages);

void    _harley_render_table_set_columns (HarleyRenderTable            *table,
                                          double                        left,
                                          double                        width,
                                          const double                 *fixed,
                                          const double                 *shares);
double  _harley_render_table_cell_width  (const HarleyRenderTable      *table,
                                          guint                         column);
double  _harley_render_table_draw_titles (HarleyPen                    *pen,
                                          const HarleyRenderTable      *table,
                                          const char                   *font,
                                          const char * const           *titles,
                                          double                        y);
void    _harley_render_table_draw_rule   (HarleyPen                    *pen,
                                          const HarleyRenderTable      *table,
                                          double                        bottom);

G_END_DECLS
