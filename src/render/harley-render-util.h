/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* What Harley's PDFs share (harley-render-util.c). */

/* Draws page @page of a PDF onto @cr. */
typedef void (*HarleyRenderDrawPage) (cairo_t  *cr,
                                      guint     page,
                                      gpointer  user_data);

/* Writes a file's contents into @fd; returns 0 or an errno. */
typedef int  (*HarleyRenderWriteFd)  (int       fd,
                                      gpointer  user_data);

/* A place on the paper, in points from its top left. */
typedef struct
{
  double x, y, width, height;
} HarleyRenderBox;

/* A sheet of labels in a grid, numbered from 0 left to right, then top
 * to bottom; the text on each keeps pad_x and pad_y inside its edges. */
typedef struct
{
  guint  columns;
  guint  per_sheet;
  double paper_width, paper_height;
  double left, top;               /* the first label's top left */
  double width, height;           /* a label's */
  double pitch_x, pitch_y;        /* from one label to the next */
  double pad_x, pad_y;
} HarleyRenderSheet;

/* Draws item @index of a batch on a label: @edges are the label's,
 * @inside the room for its text. */
typedef void (*HarleyRenderDrawLabel) (cairo_t               *cr,
                                       PangoContext          *context,
                                       const HarleyRenderBox *edges,
                                       const HarleyRenderBox *inside,
                                       guint                  index,
                                       gpointer               user_data);

PangoContext    *_harley_render_new_context   (cairo_t                 *cr);
PangoLayout     *_harley_render_new_layout    (PangoContext            *context,
                                               const char              *font,
                                               const char              *markup,
                                               double                   width);
double           _harley_render_layout_width  (PangoLayout             *layout);
double           _harley_render_layout_height (PangoLayout             *layout);
cairo_surface_t *_harley_render_load_png      (GBytes                  *bytes);
cairo_status_t   _harley_render_pdf           (cairo_write_func_t       write_func,
                                               void                    *closure,
                                               double                   width,
                                               double                   height,
                                               const char              *title,
                                               guint                    n_pages,
                                               HarleyRenderDrawPage     draw_page,
                                               gpointer                 user_data);
GBytes          *_harley_render_pdf_bytes     (double                   width,
                                               double                   height,
                                               const char              *title,
                                               guint                    n_pages,
                                               HarleyRenderDrawPage     draw_page,
                                               gpointer                 user_data,
                                               cairo_status_t          *status);
GBytes          *_harley_render_sheets_pdf    (const HarleyRenderSheet *sheet,
                                               const char              *title,
                                               guint                    first_label,
                                               guint                    n,
                                               HarleyRenderDrawLabel    draw_label,
                                               gpointer                 user_data,
                                               cairo_status_t          *status);
int              _harley_render_write_all     (int                      fd,
                                               const guchar            *data,
                                               gsize                    length);
gboolean         _harley_render_is_database   (const char              *database,
                                               const char              *path);
int              _harley_render_write_file    (const char              *path,
                                               HarleyRenderWriteFd      write_fd,
                                               gpointer                 user_data);
int              _harley_render_write_bytes   (const char              *path,
                                               GBytes                  *bytes);

G_END_DECLS
