/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* Draws into cr, or with cr NULL only measures (harley-pen.c). */
typedef struct
{
  PangoContext *context;
  cairo_t      *cr;
} HarleyPen;

typedef struct
{
  double r, g, b;
} HarleyColour;

extern const HarleyColour _harley_pen_ink;     /* black */
extern const HarleyColour _harley_pen_quiet;   /* grey, for what is read less */
extern const HarleyColour _harley_pen_rule;    /* between a table's rows */
extern const HarleyColour _harley_pen_tint;    /* behind a table's column titles */

PangoLayout *_harley_pen_layout      (HarleyPen          *pen,
                                      const char         *font,
                                      const char         *markup,
                                      double              width,
                                      int                 max_lines);
void         _harley_pen_show_layout (HarleyPen          *pen,
                                      PangoLayout        *layout,
                                      double              x,
                                      double              y,
                                      const HarleyColour *colour);
double       _harley_pen_show_text   (HarleyPen          *pen,
                                      const char         *font,
                                      const char         *markup,
                                      double              x,
                                      double              y,
                                      double              width,
                                      PangoAlignment      alignment,
                                      const HarleyColour *colour);
double       _harley_pen_text_width  (HarleyPen          *pen,
                                      const char         *font,
                                      const char         *text);
void         _harley_pen_fill        (HarleyPen          *pen,
                                      double              x,
                                      double              y,
                                      double              width,
                                      double              height,
                                      const HarleyColour *colour);
void         _harley_pen_line        (HarleyPen          *pen,
                                      double              x1,
                                      double              x2,
                                      double              y,
                                      double              thickness,
                                      const HarleyColour *colour);
double       _harley_pen_note        (HarleyPen          *pen,
                                      const char         *text,
                                      double              x,
                                      double              y,
                                      double              width);

G_END_DECLS
