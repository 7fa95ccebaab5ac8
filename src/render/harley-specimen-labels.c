/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-specimen-labels"

/* Small labels for the pots and tubes a sample goes to the laboratory
 * in, on A4 sheets of 65: the patient's name (surname in capitals), date
 * of birth, NHS number, the sample's type and site, and the day it was
 * taken: what a laboratory checks against its request form before it
 * accepts a specimen.
 *
 * The labels are the common 65 to a sheet, 38.1 × 21.2 mm (Avery L7651
 * and the many sold as equivalent): 5 columns 40.6 mm apart (a 2.5 mm
 * gap), 13 rows 21.2 mm apart (no gap), 10.7 mm from the top of the
 * sheet and 4.75 mm from its left edge, which centres the grid (4.75 +
 * 4 × 40.6 + 38.1 + 4.75 = 210 mm; 10.7 + 13 × 21.2 + 10.7 = 297 mm).
 * Printing can start part way down a used sheet.
 *
 * A label is small and a name can be long: each line is set as large as
 * fits across the label, then smaller; the name, or the type and site,
 * goes onto a second line rather than below a size still easy to read;
 * if the lines together are too tall for the label, all are made smaller.
 * Only past the smallest size is a line cut short, so no text ever runs
 * over the label's edge onto the next.
 *
 * Sizes are in points (the unit of PDF) with Pango at 72 dpi; places on
 * paper are given in millimetres and converted with MM. Text goes
 * through Pango with the generic "Sans" family, so fontconfig finds a
 * font for any script on the machine, and cairo embeds it. */

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "harley-render-util.h"
#include "harley-specimen-labels.h"
#include "harley-validate.h"

#define MM (72.0 / 25.4)

#define A4_WIDTH        (210.0 * MM)
#define A4_HEIGHT       (297.0 * MM)

#define LABEL_COLUMNS   5
#define LABEL_ROWS      13
#define LABEL_WIDTH     (38.1 * MM)
#define LABEL_HEIGHT    (21.2 * MM)
#define LABEL_LEFT      (4.75 * MM)
#define LABEL_TOP       (10.7 * MM)
#define LABEL_PITCH_X   (40.6 * MM)
#define LABEL_PITCH_Y   (21.2 * MM)
/* Keeps the text off the labels' rounded corners and clear of a sheet
 * fed a little askew. */
#define LABEL_PAD_X     (2.0 * MM)
#define LABEL_PAD_Y     (1.2 * MM)

/* Font sizes in points */
#define NAME_SIZE       8.0
#define DETAIL_SIZE     7.0
#define WRAP_BELOW      6.0    /* a line that may wrap does so rather than be smaller */
#define SMALLEST        4.5
#define STEP            0.25

G_STATIC_ASSERT (LABEL_COLUMNS * LABEL_ROWS == HARLEY_SPECIMEN_LABELS_PER_SHEET);

G_DEFINE_QUARK (harley-specimen-labels-error-quark, harley_specimen_labels_error)

static const HarleyRenderSheet sheet = {
  .columns = LABEL_COLUMNS, .per_sheet = HARLEY_SPECIMEN_LABELS_PER_SHEET,
  .paper_width = A4_WIDTH, .paper_height = A4_HEIGHT,
  .left = LABEL_LEFT, .top = LABEL_TOP, .width = LABEL_WIDTH, .height = LABEL_HEIGHT,
  .pitch_x = LABEL_PITCH_X, .pitch_y = LABEL_PITCH_Y, .pad_x = LABEL_PAD_X, .pad_y = LABEL_PAD_Y,
};

/* One line of a label, before it is fitted. */
typedef struct
{
  char     *markup;
  double    largest;
  gboolean  bold;
  int       max_lines;   /* wrapped onto as many rather than made too small */
  gboolean  minor;       /* made smaller before the others, to fit */
} Line;

enum { LINE_NAME, LINE_BORN, LINE_NHS, LINE_SAMPLE, LINE_TAKEN, N_LINES };

/* Text {{{1 */

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

/**
 * harley_specimen_dup_name:
 * @specimen: a sample's details
 *
 * Returns: (transfer full): the patient's name as labels and manifests
 *   print it, the surname in capitals: "Jane Mary SMITH"
 */
char *
harley_specimen_dup_name (const HarleySpecimen *specimen)
{
  g_autofree char *family = NULL;

  g_return_val_if_fail (specimen != NULL, NULL);

  family = is_empty (specimen->family_name) ? NULL : g_utf8_strup (specimen->family_name, -1);
  if (is_empty (specimen->given_names))
    return g_strdup (family != NULL ? family : "");
  if (family == NULL)
    return g_strdup (specimen->given_names);
  return g_strdup_printf ("%s %s", specimen->given_names, family);
}

/* "dd/mm/yyyy", the text as given if it is not a date, or "—". */
static char *
format_day (const char *iso)
{
  char *date = harley_format_date (iso);

  if (date != NULL)
    return date;
  return g_strdup (is_empty (iso) ? "—" : iso);
}

/* "Label value": a short label for the laboratory, then what it says. */
static char *
labelled_markup (const char *label,
                 const char *value)
{
  return g_markup_printf_escaped ("%s %s", label, value);
}

static char *
sample_markup (const HarleySpecimen *specimen)
{
  if (is_empty (specimen->type) && is_empty (specimen->site))
    return NULL;
  if (is_empty (specimen->site))
    return g_markup_escape_text (specimen->type, -1);
  if (is_empty (specimen->type))
    return g_markup_escape_text (specimen->site, -1);
  return g_markup_printf_escaped ("%s · %s", specimen->type, specimen->site);
}

static void
make_lines (const HarleySpecimen *specimen,
            Line                  lines[N_LINES])
{
  g_autofree char *name = harley_specimen_dup_name (specimen);
  g_autofree char *born = format_day (specimen->date_of_birth);
  g_autofree char *nhs = harley_format_nhs_number (specimen->nhs_number);
  g_autofree char *taken = format_day (specimen->taken_on);

  lines[LINE_NAME] = (Line) { g_markup_escape_text (name, -1), NAME_SIZE, TRUE, 3, FALSE };
  /* TRANSLATORS: before the date of birth on a small specimen label: keep it short */
  lines[LINE_BORN] = (Line) { labelled_markup (C_("specimen label", "DOB"), born), DETAIL_SIZE, FALSE, 1, FALSE };
  /* TRANSLATORS: before the NHS number on a small specimen label: keep it short */
  lines[LINE_NHS] = (Line) { labelled_markup (C_("specimen label", "NHS"), is_empty (nhs) ? "—" : nhs),
                             DETAIL_SIZE, FALSE, 1, FALSE };
  lines[LINE_SAMPLE] = (Line) { sample_markup (specimen), DETAIL_SIZE, FALSE, 2, TRUE };
  /* TRANSLATORS: before the day a sample was taken on a small specimen label */
  lines[LINE_TAKEN] = (Line) { labelled_markup (C_("specimen label", "Taken"), taken), DETAIL_SIZE, FALSE, 1, FALSE };
}

static void
clear_lines (Line lines[N_LINES])
{
  for (guint i = 0; i < N_LINES; i++)
    g_clear_pointer (&lines[i].markup, g_free);
}

/* Fitting {{{1 */

/* @line at @size points; with @max_lines, wrapped at @width into that
 * many lines at most, and cut short with "…" beyond them. */
static PangoLayout *
line_layout (PangoContext *context,
             const Line   *line,
             double        size,
             double        width,
             int           max_lines)
{
  PangoLayout *layout = _harley_render_new_layout (context, line->bold ? "Sans Bold" : "Sans", line->markup, 0);
  PangoFontDescription *font = pango_font_description_copy (pango_layout_get_font_description (layout));

  /* Set apart from the font's name, which a decimal comma would spoil. */
  pango_font_description_set_size (font, pango_units_from_double (size));
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (max_lines > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

/* @line as large as fits @width, from its largest size times @scale
 * down: on one line, or if it may wrap and would be smaller than
 * WRAP_BELOW, on as few lines as it needs at the largest size that
 * fits; at SMALLEST, cut short. */
static PangoLayout *
fit_line (PangoContext *context,
          const Line   *line,
          double        width,
          double        scale,
          gboolean      allow_wrap)
{
  int max_lines = allow_wrap ? line->max_lines : 1;
  double largest = MAX (line->largest * scale, SMALLEST);
  double one_line_down_to = max_lines > 1 ? MIN (WRAP_BELOW, largest) : SMALLEST;

  for (double size = largest; size >= one_line_down_to - 0.001; size -= STEP)
    {
      g_autoptr(PangoLayout) layout = line_layout (context, line, size, width, 0);

      if (_harley_render_layout_width (layout) <= width)
        return g_steal_pointer (&layout);
    }
  for (double size = largest; max_lines > 1 && size >= SMALLEST - 0.001; size -= STEP)
    for (int n = 2; n <= max_lines; n++)
      {
        g_autoptr(PangoLayout) layout = line_layout (context, line, size, width, n);

        if (!pango_layout_is_ellipsized (layout))
          return g_steal_pointer (&layout);
      }
  return line_layout (context, line, SMALLEST, width, max_lines);
}

/* Fits each line into @box, a minor one at @minor_scale of its largest
 * size, another at @scale; returns their height together. */
static double
fit_lines (PangoContext          *context,
           const Line             lines[N_LINES],
           const HarleyRenderBox *box,
           double                 minor_scale,
           double                 scale,
           gboolean               allow_wrap,
           PangoLayout           *layouts[N_LINES])
{
  double height = 0;

  for (guint i = 0; i < N_LINES; i++)
    {
      g_clear_object (&layouts[i]);
      if (lines[i].markup == NULL)
        continue;
      layouts[i] = fit_line (context, &lines[i], box->width, lines[i].minor ? minor_scale : scale,
                             allow_wrap);
      height += _harley_render_layout_height (layouts[i]);
    }
  return height;
}

/* Lines that are together too tall are made smaller: first the sample's
 * type and site, which the manifest and the request form give again, a
 * tenth at a time; then the others too, so that the name, date of birth
 * and NHS number stay as easy to read as they can. At the smallest
 * size, one line each: five lines of SMALLEST points fit a label
 * whatever the script. */
static double
fit_label (PangoContext          *context,
           const Line             lines[N_LINES],
           const HarleyRenderBox *box,
           PangoLayout           *layouts[N_LINES])
{
  for (int step = 0; step <= 12; step++)
    {
      double minor_scale = MAX (1.0 - 0.1 * step, SMALLEST / DETAIL_SIZE);
      double scale = 1.0 - 0.05 * MAX (step - 4, 0);
      double height = fit_lines (context, lines, box, minor_scale, scale, TRUE, layouts);

      if (height <= box->height)
        return height;
    }
  return fit_lines (context, lines, box, 0, 0, FALSE, layouts);
}

/* Drawing {{{1 */

/* The lines, left aligned, in the middle of the label from top to
 * bottom; cut at the label's edge in case a font measures wrongly. */
static void
draw_label (cairo_t               *cr,
            PangoContext          *context,
            const HarleyRenderBox *edges,
            const HarleyRenderBox *inside,
            guint                  index,
            gpointer               user_data)
{
  const HarleySpecimen *specimens = user_data;
  Line lines[N_LINES];
  PangoLayout *layouts[N_LINES] = { NULL };
  double y;

  make_lines (&specimens[index], lines);
  y = inside->y + MAX (0.0, (inside->height - fit_label (context, lines, inside, layouts)) / 2);
  cairo_save (cr);
  cairo_rectangle (cr, edges->x, edges->y, edges->width, edges->height);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
  for (guint i = 0; i < N_LINES; i++)
    {
      if (layouts[i] == NULL)
        continue;
      cairo_move_to (cr, inside->x, y);
      pango_cairo_show_layout (cr, layouts[i]);
      y += _harley_render_layout_height (layouts[i]);
      g_object_unref (layouts[i]);
    }
  cairo_restore (cr);
  clear_lines (lines);
}

/* The PDF {{{1 */

/**
 * harley_specimen_labels_render:
 * @specimens: (array length=n_specimens): the samples, one label each
 * @n_specimens: how many, at least 1
 * @first_label: the label of the first sheet to start on, from 0 (top
 *   left) to 64 (bottom right), left to right then top to bottom, to use
 *   up a sheet already part used
 * @error: where to say what went wrong
 *
 * Prints a label for each sample on A4 sheets of 65 labels of 38.1 ×
 * 21.2 mm (Avery L7651): the patient's name, surname in capitals, date
 * of birth and NHS number, the sample's type and site, and the day it
 * was taken, each line made smaller to fit rather than run over.
 *
 * Returns: (transfer full): the PDF, a page a sheet, or %NULL with @error
 *   set
 */
GBytes *
harley_specimen_labels_render (const HarleySpecimen  *specimens,
                               guint                  n_specimens,
                               guint                  first_label,
                               GError               **error)
{
  GBytes *bytes;
  cairo_status_t status;

  g_return_val_if_fail (specimens != NULL, NULL);
  g_return_val_if_fail (n_specimens > 0, NULL);
  g_return_val_if_fail (first_label < HARLEY_SPECIMEN_LABELS_PER_SHEET, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = _harley_render_sheets_pdf (&sheet, _("Specimen labels"), first_label, n_specimens, draw_label,
                                     (gpointer) specimens, &status);
  if (bytes == NULL)
    {
      g_set_error (error, HARLEY_SPECIMEN_LABELS_ERROR, HARLEY_SPECIMEN_LABELS_ERROR_FAILED,
                   /* TRANSLATORS: %s is cairo's reason, in English */
                   _("The specimen labels could not be made into a PDF: %s."), cairo_status_to_string (status));
      return NULL;
    }
  return bytes;
}
