/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-clinic-list"

/* Lays the clinic list out on pages of any size and draws them.
 *
 * The day becomes a list of items (a clinician's heading, a table's
 * column titles, one row per appointment, ...). Each item is measured and
 * drawn by the same function, given a pen that draws or only measures, so
 * what is drawn is what was measured. Pages are filled item by item: a
 * row never splits, a heading never ends a page, and a page that goes on
 * with a table repeats the clinician's name and the column titles.
 *
 * All sizes are in points, the unit of PDF and of GtkPrintContext with
 * GTK_UNIT_POINTS; Pango is set to 72 dpi so a 9-point font is 9 units. */

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "harley-clinic-list-private.h"
#include "harley-render-util.h"
#include "harley-validate.h"

#define MARGIN_SIDE    40.0
#define MARGIN_TOP     34.0
#define MARGIN_BOTTOM  28.0
#define PAD_X           3.0
#define PAD_Y           3.5
#define NOTES_MAX_LINES 10
#define ALERT_MAX_LINES 4

#define FONT_BODY      "Sans 8.5"
#define FONT_BODY_BOLD "Sans Bold 8.5"
#define FONT_SMALL     "Sans 7"
#define FONT_COLUMN    "Sans Bold 7.5"

typedef struct
{
  double r, g, b;
} Colour;

static const Colour ink = { 0.0, 0.0, 0.0 };
static const Colour quiet = { 0.33, 0.33, 0.33 };
static const Colour alert_ink = { 0.63, 0.09, 0.13 };
static const Colour alert_tint = { 0.99, 0.92, 0.92 };
static const Colour rule = { 0.72, 0.72, 0.72 };
static const Colour column_tint = { 0.90, 0.90, 0.90 };

enum { COL_TIME, COL_PATIENT, COL_BORN, COL_NHS, COL_TYPE, COL_NOTES, N_COLUMNS };

static const char *column_titles[N_COLUMNS] = {
  N_("Time"), N_("Patient"), N_("Date of birth"), N_("NHS number"), N_("Type"), N_("Notes"),
};

typedef enum
{
  ITEM_HEADING,
  ITEM_SUBHEADING,
  ITEM_COLUMNS,
  ITEM_ROW,
  ITEM_NOTE,
} ItemKind;

typedef struct
{
  ItemKind                    kind;
  gboolean                    continued;     /* repeated at the top of a page */
  gboolean                    not_coming;    /* in the cancelled and did-not-attend table */
  const HarleyClinicSection  *section;       /* NULL for an empty day's note */
  HarleyAppointment          *appointment;   /* rows only */
  double                      y;             /* from the body's top, once placed */
} Item;

/* Draws into cr, or with cr NULL only measures. */
typedef struct
{
  PangoContext  *context;
  cairo_t       *cr;
} Pen;

struct _HarleyClinicPages
{
  const HarleyClinicHeading *heading;     /* the list's: it outlives its pages */
  GPtrArray                 *sections;    /* the list's */
  double                     width;
  double                     height;
  double                     columns[N_COLUMNS + 1];   /* left edges, then the right one */
  double                     body_top;
  double                     body_bottom;
  GArray                    *items;       /* Item */
  GPtrArray                 *pages;       /* GArray of placed Item */
};

/* Text {{{1 */

/* @width 0: one line as long as it needs. @max_lines 0: all of them. */
static PangoLayout *
new_layout (Pen        *pen,
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

static double
layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_size (layout, &width, NULL);
  return pango_units_to_double (width);
}

static void
show_layout (Pen          *pen,
             PangoLayout  *layout,
             double        x,
             double        y,
             const Colour *colour)
{
  if (pen->cr == NULL)
    return;
  cairo_set_source_rgb (pen->cr, colour->r, colour->g, colour->b);
  cairo_move_to (pen->cr, x, y);
  pango_cairo_show_layout (pen->cr, layout);
}

/* Shows @markup at (x, y) and returns its height. */
static double
show_text (Pen          *pen,
           const char   *font,
           const char   *markup,
           double        x,
           double        y,
           double        width,
           PangoAlignment alignment,
           const Colour *colour)
{
  g_autoptr(PangoLayout) layout = new_layout (pen, font, markup, width, 0);

  pango_layout_set_alignment (layout, alignment);
  show_layout (pen, layout, x, y, colour);
  return _harley_render_layout_height (layout);
}

static void
fill_rectangle (Pen          *pen,
                double        x,
                double        y,
                double        width,
                double        height,
                const Colour *colour)
{
  if (pen->cr == NULL)
    return;
  cairo_set_source_rgb (pen->cr, colour->r, colour->g, colour->b);
  cairo_rectangle (pen->cr, x, y, width, height);
  cairo_fill (pen->cr);
}

static void
draw_line (Pen          *pen,
           double        x1,
           double        x2,
           double        y,
           double        thickness,
           const Colour *colour)
{
  fill_rectangle (pen, x1, y, x2 - x1, thickness, colour);
}

/* The page's header and footer {{{1 */

static double
draw_logo (Pen                       *pen,
           const HarleyClinicHeading *heading,
           double                     x,
           double                     y)
{
  const double height = 40.0;
  double scale, width;

  if (heading->logo == NULL)
    return 0;
  scale = height / cairo_image_surface_get_height (heading->logo);
  width = cairo_image_surface_get_width (heading->logo) * scale;
  if (width > 120.0)
    scale *= 120.0 / width;
  if (pen->cr != NULL)
    {
      cairo_save (pen->cr);
      cairo_translate (pen->cr, x, y);
      cairo_scale (pen->cr, scale, scale);
      cairo_set_source_surface (pen->cr, heading->logo, 0, 0);
      cairo_paint (pen->cr);
      cairo_restore (pen->cr);
    }
  return cairo_image_surface_get_width (heading->logo) * scale + 10.0;
}

static double
draw_practice (Pen                       *pen,
               const HarleyClinicHeading *heading,
               double                     x,
               double                     y,
               double                     width)
{
  double height = 0;

  if (heading->practice_name != NULL)
    {
      g_autofree char *name = g_markup_escape_text (heading->practice_name, -1);

      height += show_text (pen, "Sans Bold 13", name, x, y, width, PANGO_ALIGN_LEFT, &ink);
    }
  if (heading->practice_contact != NULL)
    {
      g_autofree char *contact = g_markup_escape_text (heading->practice_contact, -1);

      height += 2 + show_text (pen, FONT_SMALL, contact, x, y + height + 2, width, PANGO_ALIGN_LEFT, &quiet);
    }
  return height;
}

static double
draw_title (Pen                       *pen,
            const HarleyClinicHeading *heading,
            double                     x,
            double                     y,
            double                     width)
{
  g_autofree char *title = g_markup_escape_text (_("Clinic list"), -1);
  g_autofree char *day = g_markup_escape_text (heading->day, -1);
  double height = show_text (pen, "Sans Bold 16", title, x, y, width, PANGO_ALIGN_RIGHT, &ink);

  return height + show_text (pen, "Sans Bold 10", day, x, y + height, width, PANGO_ALIGN_RIGHT, &ink);
}

/* Returns the height from the top margin to the body. */
static double
draw_header (HarleyClinicPages *self,
             Pen               *pen)
{
  double left = MARGIN_SIDE, right = self->width - MARGIN_SIDE;
  double title_width = (right - left) * 0.42;
  double logo = draw_logo (pen, self->heading, left, MARGIN_TOP);
  double practice = draw_practice (pen, self->heading, left + logo, MARGIN_TOP,
                                   right - left - logo - title_width - 12);
  double title = draw_title (pen, self->heading, right - title_width, MARGIN_TOP, title_width);
  double height = MAX (MAX (practice, title), logo > 0 ? 40.0 : 0);

  draw_line (pen, left, right, MARGIN_TOP + height + 5, 1.2, &ink);
  return height + 5 + 1.2 + 12;
}

/* Returns the footer's height, from its rule down. */
static double
draw_footer (HarleyClinicPages *self,
             Pen               *pen,
             guint              page_nr)
{
  double left = MARGIN_SIDE, right = self->width - MARGIN_SIDE, third = (right - left) / 3;
  double y = self->height - MARGIN_BOTTOM - 12;
  /* TRANSLATORS: at the foot of every page of a printed clinic list */
  g_autofree char *confidential = g_markup_printf_escaped ("<b>%s</b>", _("Confidential — patient information"));
  /* TRANSLATORS: %s is a date and time, "14/01/2030 08:05" */
  g_autofree char *printed = g_markup_printf_escaped (_("Printed %s"), self->heading->printed);
  /* TRANSLATORS: "Page 1 of 3" at the foot of a printed page */
  g_autofree char *page = g_markup_printf_escaped (_("Page %u of %u"), page_nr + 1,
                                                   MAX (self->pages != NULL ? self->pages->len : 1, 1));

  draw_line (pen, left, right, y, 0.5, &quiet);
  show_text (pen, FONT_SMALL, confidential, left, y + 3.5, third, PANGO_ALIGN_LEFT, &quiet);
  show_text (pen, FONT_SMALL, printed, left + third, y + 3.5, third, PANGO_ALIGN_CENTER, &quiet);
  show_text (pen, FONT_SMALL, page, right - third, y + 3.5, third, PANGO_ALIGN_RIGHT, &quiet);
  return 12;
}

/* Headings and notes {{{1 */

static char *
describe_counts (const HarleyClinicSection *section)
{
  g_autoptr(GString) text = g_string_new (NULL);

  /* TRANSLATORS: under a clinician's name on the clinic list */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u patient expected", "%u patients expected",
                                             section->expected->len),
                          section->expected->len);
  if (section->not_coming->len > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u cancelled or did not attend",
                                                 "%u cancelled or did not attend", section->not_coming->len),
                              section->not_coming->len);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
heading_markup (const Item *item)
{
  const HarleyClinicSection *s = item->section;

  if (item->continued)
    /* TRANSLATORS: a clinician's name at the top of the next page */
    return g_markup_printf_escaped ("<b>%s</b> <span size='smaller' foreground='#555555'>%s</span>",
                                    s->name, _("(continued)"));
  if (s->role != NULL)
    return g_markup_printf_escaped ("<b>%s</b>  <span size='smaller' foreground='#555555'>%s</span>",
                                    s->name, s->role);
  return g_markup_printf_escaped ("<b>%s</b>", s->name);
}

static double
draw_heading (HarleyClinicPages *self,
              Pen               *pen,
              const Item        *item,
              double             y,
              gboolean           first)
{
  double left = MARGIN_SIDE, width = self->width - 2 * MARGIN_SIDE;
  double top = first ? 0 : 16;
  g_autofree char *name = heading_markup (item);
  double height = top + show_text (pen, "Sans 12", name, left, y + top, width, PANGO_ALIGN_LEFT, &ink);

  if (!item->continued)
    {
      g_autofree char *clinics = g_markup_escape_text (item->section->clinics, -1);
      g_autofree char *counts = describe_counts (item->section);
      g_autofree char *counts_markup = g_markup_escape_text (counts, -1);

      height += 1 + show_text (pen, FONT_BODY, clinics, left, y + height + 1, width, PANGO_ALIGN_LEFT, &ink);
      /* "No appointments." follows a clinician with nobody booked. */
      if (item->section->expected->len > 0 || item->section->not_coming->len > 0)
        height += 1 + show_text (pen, FONT_SMALL, counts_markup, left, y + height + 1, width,
                                 PANGO_ALIGN_LEFT, &quiet);
    }
  return height + 5;
}

static double
draw_subheading (HarleyClinicPages *self,
                 Pen               *pen,
                 const Item        *item,
                 double             y,
                 gboolean           first)
{
  double top = first ? 0 : 12;
  /* TRANSLATORS: the table of appointments that will not happen, on the clinic list */
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b> <span foreground='#555555'>%s</span>",
                                                     _("Cancelled and did not attend"),
                                                     item->continued ? _("(continued)") : _("— not expected"));

  return top + show_text (pen, "Sans 10", markup, MARGIN_SIDE, y + top, self->width - 2 * MARGIN_SIDE,
                          PANGO_ALIGN_LEFT, &ink) + 4;
}

static double
draw_note (HarleyClinicPages *self,
           Pen               *pen,
           double             y)
{
  g_autofree char *markup = g_markup_printf_escaped ("<i>%s</i>", _("No appointments."));

  return 4 + show_text (pen, "Sans 10", markup, MARGIN_SIDE, y + 4, self->width - 2 * MARGIN_SIDE,
                        PANGO_ALIGN_LEFT, &ink) + 4;
}

/* The table {{{1 */

static double
cell_width (HarleyClinicPages *self,
            int                column)
{
  return self->columns[column + 1] - self->columns[column] - 2 * PAD_X;
}

static double
draw_columns (HarleyClinicPages *self,
              Pen               *pen,
              double             y)
{
  double height = 0;

  for (int i = 0; i < N_COLUMNS; i++)
    {
      g_autofree char *title = g_markup_escape_text (_(column_titles[i]), -1);
      g_autoptr(PangoLayout) layout = new_layout (pen, FONT_COLUMN, title, cell_width (self, i), 0);

      height = MAX (height, _harley_render_layout_height (layout));
    }
  fill_rectangle (pen, self->columns[0], y, self->columns[N_COLUMNS] - self->columns[0],
                  height + 2 * PAD_Y, &column_tint);
  for (int i = 0; i < N_COLUMNS; i++)
    {
      g_autofree char *title = g_markup_escape_text (_(column_titles[i]), -1);

      show_text (pen, FONT_COLUMN, title, self->columns[i] + PAD_X, y + PAD_Y, cell_width (self, i),
                 PANGO_ALIGN_LEFT, &ink);
    }
  return height + 2 * PAD_Y;
}

static char *
time_markup (const HarleyAppointmentInfo *info,
             gboolean                     not_coming)
{
  g_autofree char *start = harley_format_minutes (info->start);
  g_autofree char *end = harley_format_minutes (info->end);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *times = g_markup_printf_escaped ("<b>%s–%s</b>", start, end);

  g_string_append (markup, times);
  if (info->overbooked && !not_coming)
    {
      /* TRANSLATORS: an appointment booked on top of another, on the clinic list */
      g_autofree char *over = g_markup_printf_escaped ("\n<b>%s</b>", _("Overbooked"));

      g_string_append (markup, over);
    }
  /* Arrived or seen; a cancellation says so in the notes, where it has room. */
  if (info->status != HARLEY_APPOINTMENT_BOOKED && !not_coming)
    {
      g_autofree char *status = g_markup_printf_escaped ("\n%s", harley_appointment_status_label (info->status));

      g_string_append (markup, status);
    }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static char *
born_markup (const HarleyAppointmentInfo *info,
             const GDate                 *day)
{
  g_autofree char *date = harley_format_date (info->date_of_birth);
  int age = harley_age_on (info->date_of_birth, day);
  g_autofree char *age_text = NULL;

  if (date == NULL)
    return g_strdup ("");
  if (age < 0)
    return g_markup_escape_text (date, -1);
  /* TRANSLATORS: a patient's age in years, under the date of birth */
  age_text = g_strdup_printf (_("Age %d"), age);
  return g_markup_printf_escaped ("%s\n<span size='smaller' foreground='#555555'>%s</span>", date, age_text);
}

static void
append_line (GString    *markup,
             const char *line)
{
  g_autofree char *escaped = g_markup_escape_text (line, -1);

  if (markup->len > 0)
    g_string_append_c (markup, '\n');
  g_string_append (markup, escaped);
}

/* A cancelled appointment's notes start with what happened, and why. */
static char *
notes_markup (const HarleyAppointmentInfo *info,
              gboolean                     not_coming)
{
  g_autoptr(GString) markup = g_string_new (NULL);

  if (not_coming)
    {
      g_autofree char *status = g_markup_printf_escaped ("<span foreground='#000000' weight='bold'>%s</span>",
                                                         harley_appointment_status_label (info->status));

      g_string_append (markup, status);
    }
  if (not_coming && info->cancel_reason != NULL && info->cancel_reason[0] != '\0')
    {
      /* TRANSLATORS: why an appointment was cancelled, on the clinic list */
      g_autofree char *reason = g_strdup_printf (_("Reason: %s"), info->cancel_reason);

      append_line (markup, reason);
    }
  if (info->notes != NULL && info->notes[0] != '\0')
    append_line (markup, info->notes);
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

/* The markup of each cell of @item's row. */
static void
row_cells (HarleyClinicPages *self,
           const Item        *item,
           char              *cells[N_COLUMNS])
{
  const HarleyAppointmentInfo *info = harley_appointment_get_info (item->appointment);
  g_autofree char *nhs = harley_format_nhs_number (info->nhs_number);

  cells[COL_TIME] = time_markup (info, item->not_coming);
  cells[COL_PATIENT] = g_markup_printf_escaped ("<b>%s</b>", info->patient_name);
  cells[COL_BORN] = born_markup (info, &self->heading->date);
  cells[COL_NHS] = g_markup_escape_text (nhs != NULL ? nhs : "—", -1);
  cells[COL_TYPE] = g_markup_escape_text (info->type_name != NULL ? info->type_name : "", -1);
  cells[COL_NOTES] = notes_markup (info, item->not_coming);
}

static gboolean
has_alerts (const Item *item)
{
  const char *alerts = harley_appointment_get_info (item->appointment)->alerts;

  return !item->not_coming && alerts != NULL && alerts[0] != '\0';
}

/* The patient's alerts, under the patient's details as far as the notes,
 * in bold red on a pale band so they are seen on a busy page. */
static double
draw_alerts (HarleyClinicPages *self,
             Pen               *pen,
             const Item        *item,
             double             y)
{
  double left = self->columns[COL_PATIENT], right = self->columns[COL_NOTES] - PAD_X;
  /* TRANSLATORS: before a patient's alerts on the clinic list, e.g. "⚠ Alert: Latex allergy" */
  g_autofree char *markup = g_markup_printf_escaped ("<b>⚠ %s %s</b>", _("Alert:"),
                                                     harley_appointment_get_info (item->appointment)->alerts);
  g_autoptr(PangoLayout) layout = new_layout (pen, FONT_BODY, markup, right - left - 2 * PAD_X, ALERT_MAX_LINES);
  double height = _harley_render_layout_height (layout) + 3;

  fill_rectangle (pen, left, y, right - left, height, &alert_tint);
  show_layout (pen, layout, left + PAD_X, y + 1.5, &alert_ink);
  return height;
}

static double
draw_row (HarleyClinicPages *self,
          Pen               *pen,
          const Item        *item,
          double             y)
{
  char *cells[N_COLUMNS];
  PangoLayout *layouts[N_COLUMNS];
  double details = 0, notes, height;

  row_cells (self, item, cells);
  for (int i = 0; i < N_COLUMNS; i++)
    {
      layouts[i] = new_layout (pen, FONT_BODY, cells[i], cell_width (self, i),
                               i == COL_NOTES ? NOTES_MAX_LINES : 0);
      if (i != COL_NOTES)
        details = MAX (details, _harley_render_layout_height (layouts[i]));
    }
  notes = _harley_render_layout_height (layouts[COL_NOTES]);
  for (int i = 0; i < N_COLUMNS; i++)
    {
      show_layout (pen, layouts[i], self->columns[i] + PAD_X, y + PAD_Y,
                   item->not_coming && i != COL_TIME ? &quiet : &ink);
      g_object_unref (layouts[i]);
      g_free (cells[i]);
    }
  /* Long notes run on beside the alerts. */
  if (has_alerts (item))
    details += 3 + draw_alerts (self, pen, item, y + PAD_Y + details + 3);
  height = MAX (details, notes) + 2 * PAD_Y;
  draw_line (pen, self->columns[0], self->columns[N_COLUMNS], y + height - 0.4, 0.4, &rule);
  return height;
}

/* Draws or measures one item at @y (from the page's top); returns its
 * height. @first: at the top of the body, where no space goes above. */
static double
draw_item (HarleyClinicPages *self,
           Pen               *pen,
           const Item        *item,
           double             y,
           gboolean           first)
{
  switch (item->kind)
    {
    case ITEM_HEADING:
      return draw_heading (self, pen, item, y, first);
    case ITEM_SUBHEADING:
      return draw_subheading (self, pen, item, y, first);
    case ITEM_COLUMNS:
      return draw_columns (self, pen, y);
    case ITEM_ROW:
      return draw_row (self, pen, item, y);
    case ITEM_NOTE:
      return draw_note (self, pen, y);
    default:
      g_assert_not_reached ();
    }
}

/* Geometry {{{1 */

static double
text_width (Pen        *pen,
            const char *font,
            const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  g_autoptr(PangoLayout) layout = new_layout (pen, font, markup, 0, 0);

  return layout_width (layout);
}

/* The time, date of birth and NHS number take what they need on one
 * line; the patient, type and notes share the rest. */
static void
set_columns (HarleyClinicPages *self,
             Pen               *pen)
{
  double fixed[N_COLUMNS] = {
    [COL_TIME] = text_width (pen, FONT_BODY_BOLD, "00:00–00:00"),
    [COL_BORN] = MAX (text_width (pen, FONT_BODY, "00/00/0000"), text_width (pen, FONT_COLUMN, _("Date of birth"))),
    [COL_NHS] = MAX (text_width (pen, FONT_BODY, "000 000 0000"), text_width (pen, FONT_COLUMN, _("NHS number"))),
  };
  const double shares[N_COLUMNS] = { [COL_PATIENT] = 0.32, [COL_TYPE] = 0.26, [COL_NOTES] = 0.42 };
  double left = MARGIN_SIDE, width = self->width - 2 * MARGIN_SIDE, rest = width;

  for (int i = 0; i < N_COLUMNS; i++)
    if (fixed[i] > 0)
      rest -= fixed[i] + 2 * PAD_X + 1;
  rest = MAX (rest, 0);
  for (int i = 0; i < N_COLUMNS; i++)
    {
      self->columns[i] = left;
      left += fixed[i] > 0 ? fixed[i] + 2 * PAD_X + 1 : rest * shares[i];
    }
  self->columns[N_COLUMNS] = MARGIN_SIDE + width;
}

static void
set_body (HarleyClinicPages *self,
          Pen               *pen)
{
  self->body_top = MARGIN_TOP + draw_header (self, pen);
  self->body_bottom = self->height - MARGIN_BOTTOM - draw_footer (self, pen, 0) - 10;
}

/* Items {{{1 */

static void
add_item (HarleyClinicPages         *self,
          ItemKind                   kind,
          const HarleyClinicSection *section,
          gboolean                   not_coming,
          HarleyAppointment         *appointment)
{
  Item item = { kind, FALSE, not_coming, section, appointment, 0 };

  g_array_append_val (self->items, item);
}

static void
add_table (HarleyClinicPages         *self,
           const HarleyClinicSection *section,
           GPtrArray                 *appointments,
           gboolean                   not_coming)
{
  add_item (self, ITEM_COLUMNS, section, not_coming, NULL);
  for (guint i = 0; i < appointments->len; i++)
    add_item (self, ITEM_ROW, section, not_coming, g_ptr_array_index (appointments, i));
}

static void
add_items (HarleyClinicPages *self)
{
  if (self->sections->len == 0)
    add_item (self, ITEM_NOTE, NULL, FALSE, NULL);
  for (guint i = 0; i < self->sections->len; i++)
    {
      const HarleyClinicSection *s = g_ptr_array_index (self->sections, i);

      add_item (self, ITEM_HEADING, s, FALSE, NULL);
      if (s->expected->len > 0)
        add_table (self, s, s->expected, FALSE);
      else
        add_item (self, ITEM_NOTE, s, FALSE, NULL);
      if (s->not_coming->len > 0)
        {
          add_item (self, ITEM_SUBHEADING, s, TRUE, NULL);
          add_table (self, s, s->not_coming, TRUE);
        }
    }
}

/* Pagination {{{1 */

static GArray *
new_page (HarleyClinicPages *self)
{
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Item));

  g_ptr_array_add (self->pages, page);
  return page;
}

static double
place (HarleyClinicPages *self,
       Pen               *pen,
       GArray            *page,
       Item               item,
       double             y)
{
  double height = draw_item (self, pen, &item, self->body_top + y, page->len == 0);

  item.y = y;
  g_array_append_val (page, item);
  return y + height;
}

/* A heading or the column titles go to the next page with the first row
 * (or note) that follows them, so that none ends a page alone. */
static double
height_kept_together (HarleyClinicPages *self,
                      Pen               *pen,
                      guint              index,
                      gboolean           first)
{
  double height = 0;

  for (guint i = index; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);

      height += draw_item (self, pen, item, 0, first && i == index);
      if (item->kind == ITEM_ROW || item->kind == ITEM_NOTE)
        break;
    }
  return height;
}

/* What a page that goes on with @item repeats above it. */
static double
continue_page (HarleyClinicPages *self,
               Pen               *pen,
               GArray            *page,
               const Item        *item)
{
  Item heading = { ITEM_HEADING, TRUE, FALSE, item->section, NULL, 0 };
  Item subheading = { ITEM_SUBHEADING, TRUE, TRUE, item->section, NULL, 0 };
  Item columns = { ITEM_COLUMNS, TRUE, item->not_coming, item->section, NULL, 0 };
  double y = 0;

  if (item->section == NULL || item->kind == ITEM_HEADING)
    return y;
  y = place (self, pen, page, heading, y);
  if ((item->kind == ITEM_ROW || item->kind == ITEM_COLUMNS) && item->not_coming)
    y = place (self, pen, page, subheading, y);
  if (item->kind == ITEM_ROW)
    y = place (self, pen, page, columns, y);
  return y;
}

static void
paginate (HarleyClinicPages *self,
          Pen               *pen)
{
  double room = self->body_bottom - self->body_top;
  GArray *page = new_page (self);
  double y = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);

      if (page->len > 0 && y + height_kept_together (self, pen, i, FALSE) > room)
        {
          page = new_page (self);
          y = continue_page (self, pen, page, item);
        }
      y = place (self, pen, page, *item, y);
    }
}

/* Public to the list {{{1 */

/**
 * _harley_clinic_pages_new:
 * @heading: what every page's header and footer say; must outlive the pages
 * @sections: (element-type HarleyClinicSection): the day; must outlive the pages
 * @width: the page's width in points
 * @height: the page's height in points
 *
 * Returns: (transfer full): the day laid out on pages of that size
 */
HarleyClinicPages *
_harley_clinic_pages_new (const HarleyClinicHeading *heading,
                          GPtrArray                 *sections,
                          double                     width,
                          double                     height)
{
  HarleyClinicPages *self = g_new0 (HarleyClinicPages, 1);
  Pen pen = { _harley_render_new_context (NULL), NULL };

  self->heading = heading;
  self->sections = sections;
  self->width = width;
  self->height = height;
  self->items = g_array_new (FALSE, FALSE, sizeof (Item));
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  set_columns (self, &pen);
  set_body (self, &pen);
  add_items (self);
  paginate (self, &pen);
  g_object_unref (pen.context);
  return self;
}

void
_harley_clinic_pages_free (HarleyClinicPages *self)
{
  g_array_unref (self->items);
  g_ptr_array_unref (self->pages);
  g_free (self);
}

gboolean
_harley_clinic_pages_fit (HarleyClinicPages *self,
                          double             width,
                          double             height)
{
  return G_APPROX_VALUE (self->width, width, 0.01) && G_APPROX_VALUE (self->height, height, 0.01);
}

guint
_harley_clinic_pages_count (HarleyClinicPages *self)
{
  return self->pages->len;
}

void
_harley_clinic_pages_draw (HarleyClinicPages *self,
                           cairo_t           *cr,
                           guint              page_nr)
{
  Pen pen = { _harley_render_new_context (cr), cr };
  GArray *page;

  g_return_if_fail (page_nr < self->pages->len);
  page = g_ptr_array_index (self->pages, page_nr);
  cairo_save (cr);
  draw_header (self, &pen);
  for (guint i = 0; i < page->len; i++)
    {
      const Item *item = &g_array_index (page, Item, i);

      draw_item (self, &pen, item, self->body_top + item->y, i == 0);
    }
  draw_footer (self, &pen, page_nr);
  cairo_restore (cr);
  g_object_unref (pen.context);
}
