/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-render"

/* A pen that draws into a cairo_t, or with none only measures: the
 * clinic list and the laboratory manifest measure and draw each part of
 * a page with the same function, so what is drawn is what was measured.
 *
 * Sizes are in points, the unit of PDF; Pango is set to 72 dpi so a
 * 9-point font is 9 units. */

#include "harley-pen.h"
#include "harley-render-util.h"

const HarleyColour _harley_pen_ink = { 0.0, 0.0, 0.0 };
const HarleyColour _harley_pen_quiet = { 0.33, 0.33, 0.33 };
const HarleyColour _harley_pen_rule = { 0.72, 0.72, 0.72 };
const HarleyColour _harley_pen_tint = { 0.90, 0.90, 0.90 };

/* @width 0: each line as long as it needs. @max_lines 0: all of them. */
PangoLayout *
_harley_pen_layout (HarleyPen  *pen,
                    const char *font,
                    const char *markup,
                    double      width,
                    int         max_lines)
{
  PangoLayout *layout = _harley_render_new_layout (pen->context, font, markup, width);

  if (max_lines > 0)
    {
      pango_layout_set_height (layout, -max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

void
_harley_pen_show_layout (HarleyPen          *pen,
                         PangoLayout        *layout,
                         double              x,
                         double              y,
                         const HarleyColour *colour)
{
  if (pen->cr == NULL)
    return;
  cairo_set_source_rgb (pen->cr, colour->r, colour->g, colour->b);
  cairo_move_to (pen->cr, x, y);
  pango_cairo_show_layout (pen->cr, layout);
}

/* Shows @markup at (x, y) and returns its height. */
double
_harley_pen_show_text (HarleyPen          *pen,
                       const char         *font,
                       const char         *markup,
                       double              x,
                       double              y,
                       double              width,
                       PangoAlignment      alignment,
                       const HarleyColour *colour)
{
  g_autoptr(PangoLayout) layout = _harley_pen_layout (pen, font, markup, width, 0);

  pango_layout_set_alignment (layout, alignment);
  _harley_pen_show_layout (pen, layout, x, y, colour);
  return _harley_render_layout_height (layout);
}

/* How wide @text (not markup) is on one line. */
double
_harley_pen_text_width (HarleyPen  *pen,
                        const char *font,
                        const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  g_autoptr(PangoLayout) layout = _harley_pen_layout (pen, font, markup, 0, 0);

  return _harley_render_layout_width (layout);
}

void
_harley_pen_fill (HarleyPen          *pen,
                  double              x,
                  double              y,
                  double              width,
                  double              height,
                  const HarleyColour *colour)
{
  if (pen->cr == NULL)
    return;
  cairo_set_source_rgb (pen->cr, colour->r, colour->g, colour->b);
  cairo_rectangle (pen->cr, x, y, width, height);
  cairo_fill (pen->cr);
}

/* A rule from @x1 to @x2, @thickness down from @y. */
void
_harley_pen_line (HarleyPen          *pen,
                  double              x1,
                  double              x2,
                  double              y,
                  double              thickness,
                  const HarleyColour *colour)
{
  _harley_pen_fill (pen, x1, y, x2 - x1, thickness, colour);
}

/* "No appointments.", in place of a table with no rows; returns the
 * height it takes, with room above and below. */
double
_harley_pen_note (HarleyPen  *pen,
                  const char *text,
                  double      x,
                  double      y,
                  double      width)
{
  g_autofree char *markup = g_markup_printf_escaped ("<i>%s</i>", text);

  return 4 + _harley_pen_show_text (pen, "Sans 10", markup, x, y + 4, width, PANGO_ALIGN_LEFT, &_harley_pen_ink) + 4;
}

