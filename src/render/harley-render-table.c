/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-render"

/* What the clinic list and the laboratory manifest share: pages of
 * tables under the practice's letterhead, drawn with a HarleyPen, which
 * with no cairo_t only measures. Sizes are in points. */

#include <glib/gi18n-lib.h>

#include "harley-render-table.h"
#include "harley-render-util.h"

#define LOGO_HEIGHT     40.0
#define LOGO_MAX_WIDTH 120.0

/* The letterhead {{{1 */

/* Returns the room the logo takes at the left, or 0 for none. */
static double
draw_logo (HarleyPen       *pen,
           cairo_surface_t *logo,
           double           x,
           double           y)
{
  double scale, width;

  if (logo == NULL)
    return 0;
  scale = LOGO_HEIGHT / cairo_image_surface_get_height (logo);
  width = cairo_image_surface_get_width (logo) * scale;
  if (width > LOGO_MAX_WIDTH)
    scale *= LOGO_MAX_WIDTH / width;
  if (pen->cr != NULL)
    {
      cairo_save (pen->cr);
      cairo_translate (pen->cr, x, y);
      cairo_scale (pen->cr, scale, scale);
      cairo_set_source_surface (pen->cr, logo, 0, 0);
      cairo_paint (pen->cr);
      cairo_restore (pen->cr);
    }
  return cairo_image_surface_get_width (logo) * scale + 10.0;
}

static double
draw_practice (HarleyPen                    *pen,
               const HarleyRenderLetterhead *head,
               double                        x,
               double                        y,
               double                        width)
{
  double height = 0;

  if (head->practice_name != NULL)
    {
      g_autofree char *name = g_markup_escape_text (head->practice_name, -1);

      height += _harley_pen_show_text (pen, "Sans Bold 13", name, x, y, width, PANGO_ALIGN_LEFT, &_harley_pen_ink);
    }
  if (head->practice_contact != NULL)
    {
      g_autofree char *contact = g_markup_escape_text (head->practice_contact, -1);

      height += 2 + _harley_pen_show_text (pen, "Sans 7", contact, x, y + height + 2, width,
                                           PANGO_ALIGN_LEFT, &_harley_pen_quiet);
    }
  return height;
}

static double
draw_title (HarleyPen                    *pen,
            const HarleyRenderLetterhead *head,
            double                        x,
            double                        y,
            double                        width)
{
  double height = _harley_pen_show_text (pen, "Sans Bold 16", head->title, x, y, width, PANGO_ALIGN_RIGHT,
                                         &_harley_pen_ink);

  if (head->subtitle == NULL)
    return height;
  return height + _harley_pen_show_text (pen, "Sans Bold 10", head->subtitle, x, y + height, width,
                                         PANGO_ALIGN_RIGHT, &_harley_pen_ink);
}

/* Draws or measures the letterhead between @left and @right from @top;
 * returns its height down to below its rule. */
double
_harley_render_letterhead_draw (HarleyPen                    *pen,
                                const HarleyRenderLetterhead *head,
                                double                        left,
                                double                        right,
                                double                        top)
{
  double title_width = (right - left) * head->title_share;
  double logo = draw_logo (pen, head->logo, left, top);
  double practice = draw_practice (pen, head, left + logo, top, right - left - logo - title_width - 12);
  double title = draw_title (pen, head, right - title_width, top, title_width);
  double height = MAX (MAX (practice, title), logo > 0 ? LOGO_HEIGHT : 0);

  _harley_pen_line (pen, left, right, top + height + 5, 1.2, &_harley_pen_ink);
  return height + 5 + 1.2;
}

/* The practice's address, a line a row, on one line with its phone
 * number; or NULL when it has neither. */
char *
_harley_render_practice_contact (const char *address,
                                 const char *phone)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (address != NULL ? address : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_strstrip (lines[i])[0] != '\0')
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", lines[i]);
  if (phone != NULL && phone[0] != '\0')
    /* TRANSLATORS: the practice's telephone number under its name */
    g_string_append_printf (text, text->len > 0 ? _(" · Telephone %s") : _("Telephone %s"), phone);
  if (text->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "Page 1 of 3", for the foot of page @page_nr (from 0). */
char *
_harley_render_page_of_markup (guint page_nr,
                               guint n_pages)
{
  /* TRANSLATORS: "Page 1 of 3" at the foot of a printed page */
  return g_markup_printf_escaped (_("Page %u of %u"), page_nr + 1, n_pages);
}

/* The table {{{1 */

/* Columns with a @fixed width (> 0) take what they need, and the
 * others share what is left of @width by their @shares. */
void
_harley_render_table_set_columns (HarleyRenderTable *table,
                                  double             left,
                                  double             width,
                                  const double      *fixed,
                                  const double      *shares)
{
  double x = left, rest = width;

  g_assert (table->n_columns <= HARLEY_RENDER_TABLE_MAX_COLUMNS);

  for (guint i = 0; i < table->n_columns; i++)
    if (fixed[i] > 0)
      rest -= fixed[i] + 2 * table->pad_x + 1;
  rest = MAX (rest, 0);
  for (guint i = 0; i < table->n_columns; i++)
    {
      table->edges[i] = x;
      x += fixed[i] > 0 ? fixed[i] + 2 * table->pad_x + 1 : rest * shares[i];
    }
  table->edges[table->n_columns] = left + width;
}

/* The width of the text in @column. */
double
_harley_render_table_cell_width (const HarleyRenderTable *table,
                                 guint                    column)
{
  return table->edges[column + 1] - table->edges[column] - 2 * table->pad_x;
}

/* The column titles (untranslated, N_()) on a tinted band; returns its
 * height. */
double
_harley_render_table_draw_titles (HarleyPen               *pen,
                                  const HarleyRenderTable *table,
                                  const char              *font,
                                  const char * const      *titles,
                                  double                   y)
{
  double left = table->edges[0], right = table->edges[table->n_columns];
  double height = 0;

  for (guint i = 0; i < table->n_columns; i++)
    {
      g_autofree char *title = g_markup_escape_text (_(titles[i]), -1);
      g_autoptr(PangoLayout) layout = _harley_pen_layout (pen, font, title,
                                                          _harley_render_table_cell_width (table, i), 0);

      height = MAX (height, _harley_render_layout_height (layout));
    }
  _harley_pen_fill (pen, left, y, right - left, height + 2 * table->pad_y, &_harley_pen_tint);
  for (guint i = 0; i < table->n_columns; i++)
    {
      g_autofree char *title = g_markup_escape_text (_(titles[i]), -1);

      _harley_pen_show_text (pen, font, title, table->edges[i] + table->pad_x, y + table->pad_y,
                             _harley_render_table_cell_width (table, i), PANGO_ALIGN_LEFT,
                             &_harley_pen_ink);
    }
  return height + 2 * table->pad_y;
}

/* The rule under a row that ends at @bottom. */
void
_harley_render_table_draw_rule (HarleyPen               *pen,
                                const HarleyRenderTable *table,
                                double                   bottom)
{
  _harley_pen_line (pen, table->edges[0], table->edges[table->n_columns], bottom - 0.4, 0.4, &_harley_pen_rule);
}
