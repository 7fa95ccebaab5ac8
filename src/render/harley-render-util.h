/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* What the clinic list and the letter share (harley-render-util.c). */

/* Draws page @page of a PDF onto @cr. */
typedef void (*HarleyRenderDrawPage) (cairo_t  *cr,
                                      guint     page,
                                      gpointer  user_data);

/* Writes a file's contents into @fd; returns 0 or an errno. */
typedef int  (*HarleyRenderWriteFd)  (int       fd,
                                      gpointer  user_data);

PangoContext    *_harley_render_new_context    (cairo_t              *cr);
PangoLayout     *_harley_render_new_layout     (PangoContext         *context,
                                                const char           *font,
                                                const char           *markup,
                                                double                width);
double           _harley_render_layout_height  (PangoLayout          *layout);
cairo_surface_t *_harley_render_load_png       (GBytes               *bytes);
cairo_status_t   _harley_render_pdf            (cairo_write_func_t    write_func,
                                                void                 *closure,
                                                double                width,
                                                double                height,
                                                const char           *title,
                                                guint                 n_pages,
                                                HarleyRenderDrawPage  draw_page,
                                                gpointer              user_data);
int              _harley_render_write_all      (int                   fd,
                                                const guchar         *data,
                                                gsize                 length);
gboolean         _harley_render_is_database    (const char           *database,
                                                const char           *path);
int              _harley_render_write_file     (const char           *path,
                                                HarleyRenderWriteFd   write_fd,
                                                gpointer              user_data);

G_END_DECLS
