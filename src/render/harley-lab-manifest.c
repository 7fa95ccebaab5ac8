/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-lab-manifest"

/* The manifest that goes in the bag with a batch of samples sent to a
 * laboratory together: the practice's letterhead, the laboratory, the
 * day sent and how, then a table of the samples (patient, date of birth,
 * NHS number, type, site and description, the day taken, the
 * laboratory's reference) with a box on each row for the laboratory to
 * tick as it unpacks, and at the end a place to sign for who packed the
 * bag and who received it. Every page repeats the letterhead and the
 * table's column titles, says "Page n of m" and that it is confidential.
 *
 * Each part is measured and drawn by the same function, given a pen that
 * draws or only measures, so what is drawn is what was measured. A row
 * never splits between pages, and the signatures never start a page
 * alone without the manifest's heading.
 *
 * Sizes are in points, the unit of PDF; Pango is set to 72 dpi so a
 * 9-point font is 9 units. Text goes through Pango with the generic
 * "Sans" family, so fontconfig finds a font for any script on the
 * machine, and cairo embeds the part of each font used. */

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "harley-lab-manifest.h"
#include "harley-render-table.h"
#include "harley-render-util.h"
#include "harley-validate.h"

/* A4 in points */
#define A4_WIDTH       595.276
#define A4_HEIGHT      841.89

#define MARGIN_SIDE    28.0
#define MARGIN_TOP     34.0
#define MARGIN_BOTTOM  28.0
#define PAD_X           2.5
#define PAD_Y           3.0
#define TICK_SIZE       9.0
#define CELL_MAX_LINES  6

#define FONT_BODY      "Sans 7.5"
#define FONT_SMALL     "Sans 7"
#define FONT_COLUMN    "Sans Bold 7"
#define FONT_LABEL     "Sans 8.5"

static const HarleyColour * const ink = &_harley_pen_ink;
static const HarleyColour * const quiet = &_harley_pen_quiet;

enum
{
  COL_NUMBER, COL_PATIENT, COL_BORN, COL_NHS, COL_TYPE, COL_SITE, COL_TAKEN, COL_REFERENCE, COL_TICK,
  N_COLUMNS
};

static const char *column_titles[N_COLUMNS] = {
  /* TRANSLATORS: the column of row numbers on a laboratory manifest */
  N_("No."), N_("Patient"), N_("Date of birth"), N_("NHS number"), N_("Sample"), N_("Site and description"),
  N_("Taken"), N_("Lab reference"),
  /* TRANSLATORS: the column of boxes a laboratory ticks for each sample it receives */
  N_("Received"),
};

/* The rows on one page; the signatures go on the last. */
typedef struct
{
  guint first;
  guint n;
} Page;

typedef struct
{
  const HarleyLabManifest *in;
  HarleyPen                pen;           /* pen.cr NULL: measure only */
  double                   width;
  double                   height;
  HarleyRenderTable        table;
  char                    *contact;       /* the practice's address and phone on one line */
  char                    *sent;          /* "14/01/2030" */
  char                    *title;         /* the PDF's */
  GArray                  *pages;         /* Page */
} Manifest;

/* Text {{{1 */

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

/* "dd/mm/yyyy", the text as given if it is not a date, or "". */
static char *
format_day (const char *iso)
{
  char *date = harley_format_date (iso);

  return date != NULL ? date : g_strdup (iso != NULL ? iso : "");
}

static void
stroke_square (Manifest *m,
               double    x,
               double    y,
               double    side)
{
  if (m->pen.cr == NULL)
    return;
  cairo_set_source_rgb (m->pen.cr, ink->r, ink->g, ink->b);
  cairo_set_line_width (m->pen.cr, 0.6);
  cairo_rectangle (m->pen.cr, x, y, side, side);
  cairo_stroke (m->pen.cr);
}

/* The header and footer {{{1 */

/* Returns the height from the top margin to below the rule. */
static double
draw_header (Manifest *m)
{
  /* TRANSLATORS: the heading of the list that goes with samples to a laboratory */
  g_autofree char *title = g_markup_escape_text (_("Laboratory manifest"), -1);
  /* TRANSLATORS: %s is the day the samples were sent, "14/01/2030" */
  g_autofree char *sent = g_markup_printf_escaped (_("Sent %s"), m->sent);
  HarleyRenderLetterhead head = {
    .practice_name = !is_empty (m->in->practice_name) ? m->in->practice_name : NULL,
    .practice_contact = m->contact,
    .title = title,
    .subtitle = m->sent[0] != '\0' ? sent : NULL,
    .title_share = 0.38,
  };

  return _harley_render_letterhead_draw (&m->pen, &head, MARGIN_SIDE, m->width - MARGIN_SIDE, MARGIN_TOP);
}

static char *
confidential_markup (Manifest *m)
{
  const HarleyLabManifest *in = m->in;
  /* TRANSLATORS: at the foot of every page of a laboratory manifest */
  const char *confidential = _("Confidential — patient information.");
  g_autofree char *found = NULL;

  if (is_empty (in->practice_name))
    return g_markup_printf_escaped ("<b>%s</b>", confidential);
  if (is_empty (in->practice_phone))
    /* TRANSLATORS: %s is the practice's name */
    found = g_strdup_printf (_("If found, please return it unread to %s."), in->practice_name);
  else
    /* TRANSLATORS: the practice's name, then its telephone number */
    found = g_strdup_printf (_("If found, please return it unread to %s, telephone %s."), in->practice_name,
                             in->practice_phone);
  return g_markup_printf_escaped ("<b>%s</b> %s", confidential, found);
}

/* Returns the footer's height, from its rule down. */
static double
draw_footer (Manifest *m,
             guint     page_nr)
{
  HarleyPen *pen = &m->pen;
  double left = MARGIN_SIDE, right = m->width - MARGIN_SIDE, page_width = 50;
  g_autofree char *confidential = confidential_markup (m);
  g_autofree char *page = _harley_render_page_of_markup (page_nr, MAX (m->pages != NULL ? m->pages->len : 1, 1));
  g_autoptr(PangoLayout) text = _harley_pen_layout (pen, FONT_SMALL, confidential, right - left - page_width - 12, 2);
  double height = _harley_render_layout_height (text);
  double y = m->height - MARGIN_BOTTOM - height - 3.5;

  _harley_pen_line (pen, left, right, y, 0.5, quiet);
  _harley_pen_show_layout (pen, text, left, y + 3.5, quiet);
  _harley_pen_show_text (pen, FONT_SMALL, page, right - page_width, y + 3.5, page_width, PANGO_ALIGN_RIGHT, quiet);
  return height + 3.5;
}

/* Where the samples go {{{1 */

static double
draw_laboratory (Manifest *m,
                 double    x,
                 double    y,
                 double    width)
{
  const HarleyLabManifest *in = m->in;
  HarleyPen *pen = &m->pen;
  /* TRANSLATORS: above the laboratory's name and address on a manifest */
  g_autofree char *to = g_markup_escape_text (_("To"), -1);
  g_autofree char *name = g_markup_escape_text (!is_empty (in->lab_name) ? in->lab_name : "—", -1);
  double height = _harley_pen_show_text (pen, FONT_SMALL, to, x, y, width, PANGO_ALIGN_LEFT, quiet);

  height += 1 + _harley_pen_show_text (pen, "Sans Bold 11", name, x, y + height + 1, width, PANGO_ALIGN_LEFT, ink);
  if (!is_empty (in->lab_address))
    {
      g_autofree char *address = g_markup_escape_text (in->lab_address, -1);

      height += 1 + _harley_pen_show_text (pen, FONT_LABEL, address, x, y + height + 1, width, PANGO_ALIGN_LEFT, ink);
    }
  return height;
}

static void
append_detail (GString    *markup,
               const char *label,
               const char *value)
{
  g_autofree char *line = g_markup_printf_escaped ("%s<b>%s</b> %s", markup->len > 0 ? "\n" : "", label, value);

  g_string_append (markup, line);
}

static double
draw_sending (Manifest *m,
              double    x,
              double    y,
              double    width)
{
  const HarleyLabManifest *in = m->in;
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *count = g_strdup_printf ("%u", in->n_specimens);

  /* TRANSLATORS: labels beside how the samples were sent, and how many, on a manifest;
   * the day sent heads every page */
  append_detail (markup, _("Method:"), !is_empty (in->method) ? in->method : "—");
  append_detail (markup, _("Samples:"), count);
  return _harley_pen_show_text (&m->pen, "Sans 9", markup->str, x, y, width, PANGO_ALIGN_LEFT, ink);
}

/* The laboratory and the sending, under the first page's header. */
static double
draw_first_heading (Manifest *m,
                    double    y)
{
  double left = MARGIN_SIDE, width = m->width - 2 * MARGIN_SIDE, right_width = width * 0.38;
  double lab = draw_laboratory (m, left, y, width - right_width - 12);
  double sending = draw_sending (m, left + width - right_width, y, right_width);

  return MAX (lab, sending);
}

static double
draw_continued (Manifest *m,
                double    y)
{
  /* TRANSLATORS: at the top of a manifest's later pages; %s is the laboratory */
  g_autofree char *markup = g_markup_printf_escaped (_("To %s (continued)"),
                                                     !is_empty (m->in->lab_name) ? m->in->lab_name : "—");

  return _harley_pen_show_text (&m->pen, "Sans Bold 9", markup, MARGIN_SIDE, y, m->width - 2 * MARGIN_SIDE,
                                PANGO_ALIGN_LEFT, quiet);
}

/* The table {{{1 */

static char *
site_markup (const HarleySpecimen *s)
{
  if (is_empty (s->description))
    return g_markup_escape_text (s->site != NULL ? s->site : "", -1);
  if (is_empty (s->site))
    return g_markup_escape_text (s->description, -1);
  return g_markup_printf_escaped ("%s\n<span foreground='#555555'>%s</span>", s->site, s->description);
}

/* The markup of each cell of row @index; the tick column's is empty. */
static void
row_cells (const HarleySpecimen *s,
           guint                 index,
           char                 *cells[N_COLUMNS])
{
  g_autofree char *name = harley_specimen_dup_name (s);
  g_autofree char *born = format_day (s->date_of_birth);
  g_autofree char *nhs = harley_format_nhs_number (s->nhs_number);
  g_autofree char *taken = format_day (s->taken_on);

  cells[COL_NUMBER] = g_strdup_printf ("%u", index + 1);
  cells[COL_PATIENT] = g_markup_printf_escaped ("<b>%s</b>", name);
  cells[COL_BORN] = g_markup_escape_text (born, -1);
  cells[COL_NHS] = g_markup_escape_text (!is_empty (nhs) ? nhs : "—", -1);
  cells[COL_TYPE] = g_markup_escape_text (s->type != NULL ? s->type : "", -1);
  cells[COL_SITE] = site_markup (s);
  cells[COL_TAKEN] = g_markup_escape_text (taken, -1);
  cells[COL_REFERENCE] = g_markup_escape_text (s->lab_reference != NULL ? s->lab_reference : "", -1);
  cells[COL_TICK] = NULL;
}

/* Draws or measures row @index at @y; returns its height. */
static double
draw_row (Manifest *m,
          guint     index,
          double    y)
{
  const double *edges = m->table.edges;
  char *cells[N_COLUMNS];
  double height = TICK_SIZE;

  row_cells (&m->in->specimens[index], index, cells);
  for (int i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;

      if (cells[i] == NULL)
        continue;
      layout = _harley_pen_layout (&m->pen, FONT_BODY, cells[i], _harley_render_table_cell_width (&m->table, i),
                                   CELL_MAX_LINES);
      height = MAX (height, _harley_render_layout_height (layout));
      _harley_pen_show_layout (&m->pen, layout, edges[i] + PAD_X, y + PAD_Y, ink);
      g_free (cells[i]);
    }
  stroke_square (m, edges[COL_TICK] + (edges[COL_TICK + 1] - edges[COL_TICK] - TICK_SIZE) / 2, y + PAD_Y, TICK_SIZE);
  height += 2 * PAD_Y;
  _harley_render_table_draw_rule (&m->pen, &m->table, y + height);
  return height;
}

static double
draw_no_samples (Manifest *m,
                 double    y)
{
  return _harley_pen_note (&m->pen, _("No samples."), MARGIN_SIDE, y, m->width - 2 * MARGIN_SIDE);
}

/* The signatures {{{1 */

/* "Packed by" and a line to write on, then the signature and the date. */
static double
draw_signature_column (Manifest           *m,
                       const char * const *labels,
                       double              x,
                       double              y,
                       double              width)
{
  const double line_gap = 24.0;

  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_autofree char *markup = g_markup_escape_text (labels[i], -1);
      g_autoptr(PangoLayout) layout = _harley_pen_layout (&m->pen, FONT_LABEL, markup, 0, 0);
      double text_height = _harley_render_layout_height (layout);
      double baseline = y + (i + 1) * line_gap;

      _harley_pen_show_layout (&m->pen, layout, x, baseline - text_height, ink);
      _harley_pen_line (&m->pen, x + _harley_render_layout_width (layout) + 4, x + width, baseline - 1.5, 0.5, ink);
    }
  return (labels[0] != NULL ? g_strv_length ((char **) labels) : 0) * line_gap + 6;
}

static double
draw_signatures (Manifest *m,
                 double    y)
{
  /* TRANSLATORS: where the person who packed the samples writes their name, signs and dates */
  const char *packed[] = { _("Packed by"), _("Signature"), _("Date"), NULL };
  /* TRANSLATORS: where the laboratory writes who received the samples, signs, and when */
  const char *received[] = { _("Received by"), _("Signature"), _("Date and time"), NULL };
  double left = MARGIN_SIDE, width = (m->width - 2 * MARGIN_SIDE - 30) / 2;
  double top = 14;
  double packed_height = draw_signature_column (m, packed, left, y + top, width);
  double received_height = draw_signature_column (m, received, left + width + 30, y + top, width);

  return top + MAX (packed_height, received_height);
}

/* Geometry {{{1 */

/* The number, dates, NHS number and tick box take what they need on one
 * line; the patient, sample, site and reference share the rest. */
static void
set_columns (Manifest *m)
{
  HarleyPen *pen = &m->pen;
  double number = _harley_pen_text_width (pen, FONT_BODY, "000");
  const double fixed[N_COLUMNS] = {
    [COL_NUMBER] = MAX (number, _harley_pen_text_width (pen, FONT_COLUMN, _(column_titles[COL_NUMBER]))),
    [COL_BORN] = _harley_pen_text_width (pen, FONT_BODY, "00/00/0000"),
    [COL_NHS] = _harley_pen_text_width (pen, FONT_BODY, "000 000 0000"),
    [COL_TAKEN] = _harley_pen_text_width (pen, FONT_BODY, "00/00/0000"),
    [COL_TICK] = MAX (TICK_SIZE, _harley_pen_text_width (pen, FONT_COLUMN, _(column_titles[COL_TICK]))),
  };
  const double shares[N_COLUMNS] = {
    [COL_PATIENT] = 0.28, [COL_TYPE] = 0.21, [COL_SITE] = 0.35, [COL_REFERENCE] = 0.16,
  };

  m->table = (HarleyRenderTable) { .n_columns = N_COLUMNS, .pad_x = PAD_X, .pad_y = PAD_Y };
  _harley_render_table_set_columns (&m->table, MARGIN_SIDE, m->width - 2 * MARGIN_SIDE, fixed, shares);
}

/* Where the table starts on @page_nr, below the column titles if it
 * has @rows. */
static double
draw_page_top (Manifest *m,
               guint     page_nr,
               gboolean  rows)
{
  double y = MARGIN_TOP + draw_header (m) + 10;

  if (page_nr == 0)
    y += draw_first_heading (m, y) + 12;
  else
    y += draw_continued (m, y) + 6;
  if (rows)
    y += _harley_render_table_draw_titles (&m->pen, &m->table, FONT_COLUMN, column_titles, y);
  return y;
}

/* Pagination {{{1 */

static double
body_bottom (Manifest *m)
{
  return m->height - MARGIN_BOTTOM - draw_footer (m, 0) - 10;
}

static Page *
add_page (Manifest *m,
          guint     first)
{
  Page page = { first, 0 };

  g_array_append_val (m->pages, page);
  return &g_array_index (m->pages, Page, m->pages->len - 1);
}

/* Fills pages row by row; the signatures go under the last row, or on a
 * page of their own that repeats the heading. */
static void
paginate (Manifest *m)
{
  double bottom = body_bottom (m);
  double y = draw_page_top (m, 0, m->in->n_specimens > 0);
  Page *page = add_page (m, 0);

  for (guint i = 0; i < m->in->n_specimens; i++)
    {
      double height = draw_row (m, i, 0);

      if (page->n > 0 && y + height > bottom)
        {
          page = add_page (m, i);
          y = draw_page_top (m, m->pages->len - 1, TRUE);
        }
      page->n++;
      y += height;
    }
  if (m->in->n_specimens == 0)
    y += draw_no_samples (m, y);
  if (y + draw_signatures (m, y) > bottom)
    add_page (m, m->in->n_specimens);
}

static void
draw_page (cairo_t  *cr,
           guint     page_nr,
           gpointer  user_data)
{
  Manifest *m = user_data;
  const Page *page = &g_array_index (m->pages, Page, page_nr);
  PangoContext *measuring = m->pen.context;
  double y;

  m->pen = (HarleyPen) { _harley_render_new_context (cr), cr };
  y = draw_page_top (m, page_nr, page->n > 0);
  for (guint i = page->first; i < page->first + page->n; i++)
    y += draw_row (m, i, y);
  if (m->in->n_specimens == 0 && page_nr == 0)
    y += draw_no_samples (m, y);
  if (page_nr == m->pages->len - 1)
    draw_signatures (m, y);
  draw_footer (m, page_nr);
  g_object_unref (m->pen.context);
  m->pen = (HarleyPen) { measuring, NULL };
}

/* The manifest {{{1 */

static char *
make_title (const HarleyLabManifest *in,
            const char              *sent)
{
  if (is_empty (in->lab_name))
    return g_strdup (_("Laboratory manifest"));
  /* TRANSLATORS: a manifest's PDF title: the laboratory, then the day sent */
  return g_strdup_printf (_("Laboratory manifest — %s — %s"), in->lab_name, sent);
}

static void
manifest_clear (Manifest *m)
{
  g_clear_object (&m->pen.context);
  g_clear_pointer (&m->pages, g_array_unref);
  g_free (m->contact);
  g_free (m->sent);
  g_free (m->title);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Manifest, manifest_clear)

static void
manifest_init (Manifest                *m,
               const HarleyLabManifest *in)
{
  m->in = in;
  m->pen.context = _harley_render_new_context (NULL);
  m->width = A4_WIDTH;
  m->height = A4_HEIGHT;
  m->contact = _harley_render_practice_contact (in->practice_address, in->practice_phone);
  m->sent = format_day (in->sent_on);
  m->title = make_title (in, m->sent);
  m->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  set_columns (m);
  paginate (m);
}

G_DEFINE_QUARK (harley-lab-manifest-error-quark, harley_lab_manifest_error)

/**
 * harley_lab_manifest_render:
 * @manifest: what the manifest says
 * @n_pages: (out) (optional): where to put the number of pages
 * @error: where to say what went wrong
 *
 * Lays the manifest out on A4 pages and makes its PDF, with the part of
 * each font it uses embedded, its text selectable.
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set
 */
GBytes *
harley_lab_manifest_render (const HarleyLabManifest  *manifest,
                            guint                    *n_pages,
                            GError                  **error)
{
  g_auto(Manifest) m = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  cairo_status_t status;

  g_return_val_if_fail (manifest != NULL, NULL);
  g_return_val_if_fail (manifest->specimens != NULL || manifest->n_specimens == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  manifest_init (&m, manifest);
  bytes = _harley_render_pdf_bytes (m.width, m.height, m.title, m.pages->len, draw_page, &m, &status);
  if (bytes == NULL)
    {
      g_set_error (error, HARLEY_LAB_MANIFEST_ERROR, HARLEY_LAB_MANIFEST_ERROR_FAILED,
                   /* TRANSLATORS: %s is cairo's reason, in English */
                   _("The manifest could not be made into a PDF: %s."), cairo_status_to_string (status));
      return NULL;
    }
  if (n_pages != NULL)
    *n_pages = m.pages->len;
  return g_steal_pointer (&bytes);
}

/* Writing a file {{{1 */

/**
 * harley_lab_manifest_write:
 * @manifest: what the manifest says
 * @path: the PDF file to write; one already there is replaced
 * @error: where to say what went wrong
 *
 * Writes harley_lab_manifest_render()'s PDF into a new file beside
 * @path, readable by its owner alone, and renames it to @path once it is
 * whole: a failure (a full disk, say) leaves no half-written manifest,
 * and any earlier file as it was. @manifest's database is never written
 * over (%HARLEY_LAB_MANIFEST_ERROR_IS_DATABASE).
 *
 * Returns: %TRUE if the manifest was written
 */
gboolean
harley_lab_manifest_write (const HarleyLabManifest  *manifest,
                           const char               *path,
                           GError                  **error)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *name = NULL;
  int saved_errno;

  g_return_val_if_fail (manifest != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_filename_display_name (path);
  if (_harley_render_is_database (manifest->database, path))
    {
      g_set_error (error, HARLEY_LAB_MANIFEST_ERROR, HARLEY_LAB_MANIFEST_ERROR_IS_DATABASE,
                   _("“%s” holds the practice’s records. Save the manifest as another file."), name);
      return FALSE;
    }
  if ((pdf = harley_lab_manifest_render (manifest, NULL, error)) == NULL)
    return FALSE;
  if ((saved_errno = _harley_render_write_bytes (path, pdf)) == 0)
    return TRUE;
  /* TRANSLATORS: %s is a file, then the system's reason */
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("The manifest could not be saved as “%s”: %s."), name, g_strerror (saved_errno));
  return FALSE;
}
