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
#include "harley-render-table.h"
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

static const HarleyColour * const ink = &_harley_pen_ink;
static const HarleyColour * const quiet = &_harley_pen_quiet;
static const HarleyColour alert_ink = { 0.63, 0.09, 0.13 };
static const HarleyColour alert_tint = { 0.99, 0.92, 0.92 };

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

struct _HarleyClinicPages
{
  const HarleyClinicHeading *heading;     /* the list's: it outlives its pages */
  GPtrArray                 *sections;    /* the list's */
  double                     width;
  double                     height;
  HarleyRenderTable          table;
  double                     body_top;
  double                     body_bottom;
  GArray                    *items;       /* Item */
  GPtrArray                 *pages;       /* GArray of placed Item */
};

/* The page's header and footer {{{1 */

/* Returns the height from the top margin to the body. */
static double
draw_header (HarleyClinicPages *self,
             HarleyPen         *pen)
{
  g_autofree char *title = g_markup_escape_text (_("Clinic list"), -1);
  g_autofree char *day = g_markup_escape_text (self->heading->day, -1);
  HarleyRenderLetterhead head = {
    .logo = self->heading->logo,
    .practice_name = self->heading->practice_name,
    .practice_contact = self->heading->practice_contact,
    .title = title,
    .subtitle = day,
    .title_share = 0.42,
  };

  return _harley_render_letterhead_draw (pen, &head, MARGIN_SIDE, self->width - MARGIN_SIDE, MARGIN_TOP) + 12;
}

/* Returns the footer's height, from its rule down. */
static double
draw_footer (HarleyClinicPages *self,
             HarleyPen         *pen,
             guint              page_nr)
{
  double left = MARGIN_SIDE, right = self->width - MARGIN_SIDE, third = (right - left) / 3;
  double y = self->height - MARGIN_BOTTOM - 12;
  /* TRANSLATORS: at the foot of every page of a printed clinic list */
  g_autofree char *confidential = g_markup_printf_escaped ("<b>%s</b>", _("Confidential — patient information"));
  /* TRANSLATORS: %s is a date and time, "14/01/2030 08:05" */
  g_autofree char *printed = g_markup_printf_escaped (_("Printed %s"), self->heading->printed);
  g_autofree char *page = _harley_render_page_of_markup (page_nr,
                                                         MAX (self->pages != NULL ? self->pages->len : 1, 1));

  _harley_pen_line (pen, left, right, y, 0.5, quiet);
  _harley_pen_show_text (pen, FONT_SMALL, confidential, left, y + 3.5, third, PANGO_ALIGN_LEFT, quiet);
  _harley_pen_show_text (pen, FONT_SMALL, printed, left + third, y + 3.5, third, PANGO_ALIGN_CENTER, quiet);
  _harley_pen_show_text (pen, FONT_SMALL, page, right - third, y + 3.5, third, PANGO_ALIGN_RIGHT, quiet);
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
              HarleyPen         *pen,
              const Item        *item,
              double             y,
              gboolean           first)
{
  double left = MARGIN_SIDE, width = self->width - 2 * MARGIN_SIDE;
  double top = first ? 0 : 16;
  g_autofree char *name = heading_markup (item);
  double height = top + _harley_pen_show_text (pen, "Sans 12", name, left, y + top, width, PANGO_ALIGN_LEFT,
                                               ink);

  if (!item->continued)
    {
      g_autofree char *clinics = g_markup_escape_text (item->section->clinics, -1);
      g_autofree char *counts = describe_counts (item->section);
      g_autofree char *counts_markup = g_markup_escape_text (counts, -1);

      height += 1 + _harley_pen_show_text (pen, FONT_BODY, clinics, left, y + height + 1, width,
                                           PANGO_ALIGN_LEFT, ink);
      /* "No appointments." follows a clinician with nobody booked. */
      if (item->section->expected->len > 0 || item->section->not_coming->len > 0)
        height += 1 + _harley_pen_show_text (pen, FONT_SMALL, counts_markup, left, y + height + 1, width,
                                             PANGO_ALIGN_LEFT, quiet);
    }
  return height + 5;
}

static double
draw_subheading (HarleyClinicPages *self,
                 HarleyPen         *pen,
                 const Item        *item,
                 double             y,
                 gboolean           first)
{
  double top = first ? 0 : 12;
  /* TRANSLATORS: the table of appointments that will not happen, on the clinic list */
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b> <span foreground='#555555'>%s</span>",
                                                     _("Cancelled and did not attend"),
                                                     item->continued ? _("(continued)") : _("— not expected"));

  return top + _harley_pen_show_text (pen, "Sans 10", markup, MARGIN_SIDE, y + top, self->width - 2 * MARGIN_SIDE,
                                      PANGO_ALIGN_LEFT, ink) + 4;
}

static double
draw_note (HarleyClinicPages *self,
           HarleyPen         *pen,
           double             y)
{
  return _harley_pen_note (pen, _("No appointments."), MARGIN_SIDE, y, self->width - 2 * MARGIN_SIDE);
}

/* The table {{{1 */

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
             HarleyPen         *pen,
             const Item        *item,
             double             y)
{
  double left = self->table.edges[COL_PATIENT], right = self->table.edges[COL_NOTES] - PAD_X;
  /* TRANSLATORS: before a patient's alerts on the clinic list, e.g. "⚠ Alert: Latex allergy" */
  g_autofree char *markup = g_markup_printf_escaped ("<b>⚠ %s %s</b>", _("Alert:"),
                                                     harley_appointment_get_info (item->appointment)->alerts);
  g_autoptr(PangoLayout) layout = _harley_pen_layout (pen, FONT_BODY, markup, right - left - 2 * PAD_X,
                                                      ALERT_MAX_LINES);
  double height = _harley_render_layout_height (layout) + 3;

  _harley_pen_fill (pen, left, y, right - left, height, &alert_tint);
  _harley_pen_show_layout (pen, layout, left + PAD_X, y + 1.5, &alert_ink);
  return height;
}

static double
draw_row (HarleyClinicPages *self,
          HarleyPen         *pen,
          const Item        *item,
          double             y)
{
  char *cells[N_COLUMNS];
  PangoLayout *layouts[N_COLUMNS];
  double details = 0, notes, height;

  row_cells (self, item, cells);
  for (int i = 0; i < N_COLUMNS; i++)
    {
      layouts[i] = _harley_pen_layout (pen, FONT_BODY, cells[i], _harley_render_table_cell_width (&self->table, i),
                                       i == COL_NOTES ? NOTES_MAX_LINES : 0);
      if (i != COL_NOTES)
        details = MAX (details, _harley_render_layout_height (layouts[i]));
    }
  notes = _harley_render_layout_height (layouts[COL_NOTES]);
  for (int i = 0; i < N_COLUMNS; i++)
    {
      _harley_pen_show_layout (pen, layouts[i], self->table.edges[i] + PAD_X, y + PAD_Y,
                               item->not_coming && i != COL_TIME ? quiet : ink);
      g_object_unref (layouts[i]);
      g_free (cells[i]);
    }
  /* Long notes run on beside the alerts. */
  if (has_alerts (item))
    details += 3 + draw_alerts (self, pen, item, y + PAD_Y + details + 3);
  height = MAX (details, notes) + 2 * PAD_Y;
  _harley_render_table_draw_rule (pen, &self->table, y + height);
  return height;
}

/* Draws or measures one item at @y (from the page's top); returns its
 * height. @first: at the top of the body, where no space goes above. */
static double
draw_item (HarleyClinicPages *self,
           HarleyPen         *pen,
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
      return _harley_render_table_draw_titles (pen, &self->table, FONT_COLUMN, column_titles, y);
    case ITEM_ROW:
      return draw_row (self, pen, item, y);
    case ITEM_NOTE:
      return draw_note (self, pen, y);
    default:
      g_assert_not_reached ();
    }
}

/* Geometry {{{1 */

/* The time, date of birth and NHS number take what they need on one
 * line; the patient, type and notes share the rest. */
static void
set_columns (HarleyClinicPages *self,
             HarleyPen         *pen)
{
  double born = _harley_pen_text_width (pen, FONT_BODY, "00/00/0000");
  double nhs = _harley_pen_text_width (pen, FONT_BODY, "000 000 0000");
  const double fixed[N_COLUMNS] = {
    [COL_TIME] = _harley_pen_text_width (pen, FONT_BODY_BOLD, "00:00–00:00"),
    [COL_BORN] = MAX (born, _harley_pen_text_width (pen, FONT_COLUMN, _("Date of birth"))),
    [COL_NHS] = MAX (nhs, _harley_pen_text_width (pen, FONT_COLUMN, _("NHS number"))),
  };
  const double shares[N_COLUMNS] = { [COL_PATIENT] = 0.32, [COL_TYPE] = 0.26, [COL_NOTES] = 0.42 };

  self->table = (HarleyRenderTable) { .n_columns = N_COLUMNS, .pad_x = PAD_X, .pad_y = PAD_Y };
  _harley_render_table_set_columns (&self->table, MARGIN_SIDE, self->width - 2 * MARGIN_SIDE, fixed, shares);
}

static void
set_body (HarleyClinicPages *self,
          HarleyPen         *pen)
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
       HarleyPen         *pen,
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
                      HarleyPen         *pen,
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
               HarleyPen         *pen,
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
          HarleyPen         *pen)
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
  HarleyPen pen = { _harley_render_new_context (NULL), NULL };

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
  HarleyPen pen = { _harley_render_new_context (cr), cr };
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
