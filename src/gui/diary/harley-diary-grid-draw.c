/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-diary-grid"

/* Drawing the diary grid: the day shaded outside the clinics, the
 * clinics white with their slots, blocked time hatched with its reason,
 * the hours, the appointments' blocks in their type's colour, the line
 * for now and the keyboard cursor. The blocks' labels are child widgets
 * drawn over their blocks. */

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "harley-diary-grid-private.h"
#include "harley-wall-time.h"

static void
lookup_colour (GtkWidget  *widget,
               const char *name,
               GdkRGBA    *colour,
               const char *fallback)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, colour))
    gdk_rgba_parse (colour, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
fill (GtkSnapshot *snapshot,
      GdkRGBA     *colour,
      double       alpha,
      double       x,
      double       y,
      double       w,
      double       h)
{
  GdkRGBA c = *colour;

  c.alpha *= alpha;
  gtk_snapshot_append_color (snapshot, &c, &GRAPHENE_RECT_INIT (x, y, w, h));
}

static void
draw_sessions (HarleyDiaryGrid *self,
               GtkSnapshot     *snapshot,
               GdkRGBA         *fg,
               GdkRGBA         *bg)
{
  double width = _harley_diary_grid_column_width (self);

  for (guint c = 0; c < self->columns->len; c++)
    {
      const HarleyDiaryColumn *column = _harley_diary_grid_get_column (self, c);

      for (guint i = 0; self->sessions != NULL && i < self->sessions->len; i++)
        {
          const HarleySessionDay *d = &g_array_index (self->sessions, HarleySessionDay, i);
          int top = harley_diary_grid_minute_to_y (self, d->start);

          if (!_harley_diary_grid_column_matches (column, d->clinician_id, &d->date))
            continue;
          fill (snapshot, bg, 1.0, GUTTER + c * width, top, width,
                harley_diary_grid_minute_to_y (self, d->end) - top);
          for (int m = d->start + d->slot_minutes; m < d->end; m += d->slot_minutes)
            fill (snapshot, fg, 0.05, GUTTER + c * width + 4, harley_diary_grid_minute_to_y (self, m),
                  width - 8, 1);
        }
    }
}

static void
draw_blocked_reason (HarleyDiaryGrid         *self,
                     GtkSnapshot             *snapshot,
                     GdkRGBA                 *fg,
                     const HarleyBlockedTime *b,
                     double                   x,
                     double                   top,
                     double                   width)
{
  g_autofree char *text = b->note != NULL ? g_strdup_printf ("%s: %s", harley_diary_blocked_reason_label (b->reason), b->note)
                                          : g_strdup (harley_diary_blocked_reason_label (b->reason));
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  GdkRGBA dim = *fg;

  dim.alpha *= 0.7;
  pango_layout_set_width (layout, (int) (width - 12) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + 8, top + 3));
  gtk_snapshot_append_layout (snapshot, layout, &dim);
  gtk_snapshot_restore (snapshot);
  g_object_unref (layout);
}

static void
draw_blocked (HarleyDiaryGrid *self,
              GtkSnapshot     *snapshot,
              GdkRGBA         *fg)
{
  double width = _harley_diary_grid_column_width (self);

  for (guint c = 0; c < self->columns->len; c++)
    {
      const HarleyDiaryColumn *column = _harley_diary_grid_get_column (self, c);
      g_autofree char *day = g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (&column->date),
                                              (guint) g_date_get_month (&column->date),
                                              (guint) g_date_get_day (&column->date));

      for (guint i = 0; self->blocked != NULL && i < self->blocked->len; i++)
        {
          const HarleyBlockedTime *b = g_ptr_array_index (self->blocked, i);
          int from = strncmp (b->starts, day, 10) < 0 ? 0 : atoi (b->starts + 11) * 60 + atoi (b->starts + 14);
          int to = strncmp (b->ends, day, 10) > 0 ? 24 * 60 : atoi (b->ends + 11) * 60 + atoi (b->ends + 14);
          double x = GUTTER + c * width, top, height;

          if ((b->clinician_id != 0 && b->clinician_id != column->clinician_id)
              || strncmp (b->starts, day, 10) > 0 || strncmp (b->ends, day, 10) < 0)
            continue;
          from = MAX (from, self->first_minute);
          to = MIN (to, self->last_minute);
          if (to <= from)
            continue;
          top = harley_diary_grid_minute_to_y (self, from);
          height = harley_diary_grid_minute_to_y (self, to) - top;
          fill (snapshot, fg, 0.10, x, top, width, height);
          for (double s = 0; s < height; s += 12)
            fill (snapshot, fg, 0.08, x, top + s, width, 2);
          draw_blocked_reason (self, snapshot, fg, b, x, top, width);
        }
    }
}

static void
draw_hours (HarleyDiaryGrid *self,
            GtkSnapshot     *snapshot,
            GdkRGBA         *fg)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  double cw = _harley_diary_grid_column_width (self);

  for (int m = self->first_minute; m <= self->last_minute; m += 60)
    {
      int y = harley_diary_grid_minute_to_y (self, m);
      g_autofree char *text = harley_format_minutes (m);
      PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      GdkRGBA dim = *fg;

      fill (snapshot, fg, 0.15, GUTTER, y, width - GUTTER, 1);
      if (m < self->last_minute)
        fill (snapshot, fg, 0.06, GUTTER, harley_diary_grid_minute_to_y (self, m + 30), width - GUTTER, 1);
      dim.alpha *= 0.6;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (8, y + 2));
      gtk_snapshot_append_layout (snapshot, layout, &dim);
      gtk_snapshot_restore (snapshot);
      g_object_unref (layout);
    }
  for (guint c = 0; c <= self->columns->len; c++)
    {
      gboolean new_day = c == 0 || c == self->columns->len
                         || g_date_compare (&_harley_diary_grid_get_column (self, c)->date, &_harley_diary_grid_get_column (self, c - 1)->date) != 0;

      fill (snapshot, fg, new_day ? 0.25 : 0.10, GUTTER + c * cw, 0, 1, gtk_widget_get_height (GTK_WIDGET (self)));
    }
}

static void
draw_block_backgrounds (HarleyDiaryGrid *self,
                        GtkSnapshot     *snapshot,
                        GdkRGBA         *accent)
{
  for (guint i = 0; i < self->blocks->len; i++)
    {
      HarleyDiaryBlock *block = g_ptr_array_index (self->blocks, i);
      const HarleyAppointmentInfo *info = harley_appointment_get_info (block->appointment);
      gboolean faded = info->status == HARLEY_APPOINTMENT_DID_NOT_ATTEND || info->status == HARLEY_APPOINTMENT_SEEN;
      GdkRGBA colour;
      graphene_rect_t rect;
      GskRoundedRect rounded;

      if (!gdk_rgba_parse (&colour, info->colour))
        colour = *accent;
      _harley_diary_grid_block_rect (self, block, &rect);
      gsk_rounded_rect_init_from_rect (&rounded, &rect, 5);
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      fill (snapshot, &colour, faded ? 0.12 : 0.28, rect.origin.x, rect.origin.y, rect.size.width, rect.size.height);
      fill (snapshot, &colour, faded ? 0.5 : 1.0, rect.origin.x, rect.origin.y, 4, rect.size.height);
      gtk_snapshot_pop (snapshot);
      if (info->overbooked || info->id == self->selected_id)
        {
          GdkRGBA edge;
          const float widths[4] = { 2, 2, 2, 2 };
          GdkRGBA edges[4];

          lookup_colour (GTK_WIDGET (self), info->id == self->selected_id ? "accent_color" : "error_color",
                         &edge, info->id == self->selected_id ? "#1c71d8" : "#c01c28");
          for (guint e = 0; e < 4; e++)
            edges[e] = edge;
          gtk_snapshot_append_border (snapshot, &rounded, widths, edges);
        }
    }
}

static void
draw_cursor (HarleyDiaryGrid *self,
             GtkSnapshot     *snapshot,
             GdkRGBA         *accent)
{
  double width = _harley_diary_grid_column_width (self);
  int step = _harley_diary_grid_slot_minutes_at (self, self->cursor_column, self->cursor_minute);
  int top = harley_diary_grid_minute_to_y (self, self->cursor_minute);
  GskRoundedRect rect;
  const float widths[4] = { 2, 2, 2, 2 };
  GdkRGBA edges[4] = { *accent, *accent, *accent, *accent };

  if (self->columns->len == 0 || !gtk_widget_has_focus (GTK_WIDGET (self)))
    return;
  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (GUTTER + self->cursor_column * width + 1, top,
                                                               width - 2, step * PX_PER_MINUTE), 3);
  gtk_snapshot_append_border (snapshot, &rect, widths, edges);
}

static void
draw_now (HarleyDiaryGrid *self,
          GtkSnapshot     *snapshot)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  double width = _harley_diary_grid_column_width (self);
  GdkRGBA red;
  GDate today;
  int minute;

  if (!harley_wall_time_from_utc (now, &today, &minute) || minute < self->first_minute
      || minute >= self->last_minute)
    return;
  lookup_colour (GTK_WIDGET (self), "error_color", &red, "#c01c28");
  for (guint c = 0; c < self->columns->len; c++)
    if (g_date_compare (&_harley_diary_grid_get_column (self, c)->date, &today) == 0)
      fill (snapshot, &red, 1.0, GUTTER + c * width, harley_diary_grid_minute_to_y (self, minute), width, 2);
}

void
_harley_diary_grid_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  HarleyDiaryGrid *self = HARLEY_DIARY_GRID (widget);
  GdkRGBA fg, bg, accent;

  lookup_colour (widget, "window_fg_color", &fg, "#000000");
  lookup_colour (widget, "view_bg_color", &bg, "#ffffff");
  lookup_colour (widget, "accent_color", &accent, "#1c71d8");

  fill (snapshot, &fg, 0.07, GUTTER, 0, gtk_widget_get_width (widget) - GUTTER, gtk_widget_get_height (widget));
  draw_sessions (self, snapshot, &fg, &bg);
  draw_blocked (self, snapshot, &fg);
  draw_hours (self, snapshot, &fg);
  draw_block_backgrounds (self, snapshot, &accent);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      HarleyDiaryBlock *block = g_ptr_array_index (self->blocks, i);

      if (gtk_widget_get_child_visible (block->label))
        gtk_widget_snapshot_child (widget, block->label, snapshot);
    }
  draw_now (self, snapshot);
  draw_cursor (self, snapshot, &accent);
}

