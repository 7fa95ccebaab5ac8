/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-letter-pdf"

/* Lays a clinic letter out on A4 pages and draws them (the PDF and the
 * file are harley-letter-pdf.c's).
 *
 * The body is laid out once, as a list of rows: each line of a paragraph,
 * heading or list item, the signature block whole, each line of the
 * copies. Rows are then placed on pages: a row never splits, a heading
 * never ends a page, a paragraph leaves no single line behind or alone at
 * the top of a page, and the signature is never parted from the last line
 * of the body ("Yours sincerely"). The same layouts are then drawn, so
 * what was measured is what is printed.
 *
 * Sizes are in points (the unit of PDF) and Pango works at 72 dpi, so a
 * 10-point font is 10 units; positions given in millimetres, such as the
 * envelope's window, are converted with MM. Text goes through Pango with
 * the generic "Sans" family, so fontconfig finds a font for any script on
 * the machine, and cairo embeds the part of each font used. */

#include <string.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "harley-letter-pdf-private.h"
#include "harley-render-util.h"

#define MARGIN_LEFT    (25.0 * MM)
#define MARGIN_RIGHT   (20.0 * MM)
#define MARGIN_TOP     (12.0 * MM)
#define MARGIN_BOTTOM  (10.0 * MM)
#define TEXT_WIDTH     (A4_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)

/* The address keeps this far from the window's edges, for the play of a
 * letter in its envelope. */
#define WINDOW_INSET_X (5.0 * MM)
#define WINDOW_INSET_Y (4.0 * MM)

#define LINE_GAP       1.8                  /* between the lines of a paragraph */
#define PARAGRAPH_GAP  7.0
#define ITEM_GAP       2.5
#define HEADING_GAP    12.0
#define HANGING        (6.0 * MM)           /* a list item's text after its bullet */
#define LABEL_WIDTH    (12.0 * MM)          /* "Re:" and "cc:" before their text */

#define FONT_BODY       "Sans 10"
#define FONT_HEADING    "Sans Bold 10.5"
#define FONT_NAME       "Sans Bold 15"
#define FONT_LETTERHEAD "Sans 8.5"
#define FONT_SMALL      "Sans 7.5"
#define FONT_MARK       "Sans Bold 9"

typedef struct
{
  double r, g, b;
} Colour;

static const Colour ink = { 0.0, 0.0, 0.0 };
static const Colour quiet = { 0.35, 0.35, 0.35 };
static const Colour accent = { 0.12, 0.23, 0.37 };
static const Colour rule = { 0.65, 0.68, 0.72 };

/* One unbreakable piece of the flowing text. */
typedef struct
{
  PangoLayout     *layout;          /* shared by the rows of one block */
  int              line;            /* the layout's line, or -1 for all of it */
  double           x;
  double           height;
  double           baseline;        /* from the row's top */
  double           space_before;    /* dropped at the top of a page */
  gboolean         keep_with_next;
  PangoLayout     *marker;          /* a bullet, "Re:" or "cc:"; nullable */
  double           marker_x;
  cairo_surface_t *image;           /* the scanned signature, above the layout */
  double           image_scale;
  double           image_height;    /* the room above the layout, with or without an image */
  guint            page;            /* once placed */
  double           y;
} Row;

struct _HarleyLetterPages
{
  const HarleyLetterLayout *in;
  PangoContext             *context;
  cairo_surface_t          *logo;
  cairo_surface_t          *signature;
  GArray                   *rows;          /* Row */
  double                    first_top;     /* where the flowing text starts on page 1 */
  double                    later_top;     /* and on later pages */
  double                    bottom;        /* where it must end on every page */
  guint                     n_pages;
};

static gboolean
is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

/* Text {{{1 */

static PangoContext *
new_context (void)
{
  PangoContext *context = _harley_render_new_context (NULL);

  pango_context_set_language (context, pango_language_from_string ("en-gb"));
  return context;
}

/* @width 0: each line as long as it needs. */
static PangoLayout *
new_layout (HarleyLetterPages *letter,
            const char        *font,
            const char        *markup,
            double             width,
            PangoAlignment     alignment)
{
  PangoLayout *layout = _harley_render_new_layout (letter->context, font, markup, width);

  pango_layout_set_alignment (layout, alignment);
  return layout;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return pango_units_to_double (logical.x + logical.width);
}

static void
show_layout (cairo_t      *cr,
             PangoLayout  *layout,
             double        x,
             double        y,
             const Colour *colour)
{
  cairo_set_source_rgb (cr, colour->r, colour->g, colour->b);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_rule (cairo_t *cr,
           double   y,
           double   thickness)
{
  cairo_set_source_rgb (cr, rule.r, rule.g, rule.b);
  cairo_rectangle (cr, MARGIN_LEFT, y, TEXT_WIDTH, thickness);
  cairo_fill (cr);
}

/* Images {{{1 */

/* The scale that fits @image in a box, keeping its shape. */
static double
fit_image (cairo_surface_t *image,
           double           max_width,
           double           max_height)
{
  return MIN (max_width / cairo_image_surface_get_width (image),
              max_height / cairo_image_surface_get_height (image));
}

static void
paint_image (cairo_t         *cr,
             cairo_surface_t *image,
             double           x,
             double           y,
             double           scale)
{
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* Rows {{{1 */

static void
row_clear (Row *row)
{
  g_clear_object (&row->layout);
  g_clear_object (&row->marker);
  g_clear_pointer (&row->image, cairo_surface_destroy);
}

/* Adds a row for each line of @layout, drawn at @x. With @keep_together
 * the lines stay on one page; otherwise only the first two and the last
 * two do, so that no line is left alone. */
static void
add_rows (HarleyLetterPages *letter,
          PangoLayout       *layout,
          double             x,
          double             space_before,
          gboolean           keep_together,
          PangoLayout       *marker,
          double             marker_x)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int n_lines = pango_layout_get_line_count (layout), i = 0;

  do
    {
      PangoRectangle logical;
      Row row = { 0 };

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      row.layout = g_object_ref (layout);
      row.line = i;
      row.x = x + pango_units_to_double (logical.x);
      row.height = pango_units_to_double (logical.height);
      row.baseline = pango_units_to_double (pango_layout_iter_get_baseline (iter) - logical.y);
      row.space_before = i == 0 ? space_before : LINE_GAP;
      row.keep_with_next = i < n_lines - 1 && (keep_together || i == 0 || i == n_lines - 2);
      if (i == 0 && marker != NULL)
        {
          row.marker = g_object_ref (marker);
          row.marker_x = marker_x;
        }
      g_array_append_val (letter->rows, row);
      i++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static Row *
last_row (HarleyLetterPages *letter)
{
  g_assert (letter->rows->len > 0);
  return &g_array_index (letter->rows, Row, letter->rows->len - 1);
}

G_GNUC_PRINTF (2, 3)
static void
append_markup (GString    *markup,
               const char *format,
               ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  g_string_append (markup, text);
}

static void
append_detail (GString    *markup,
               const char *label,
               const char *value)
{
  g_autofree char *detail = NULL;

  if (!is_set (value))
    return;
  detail = g_markup_printf_escaped ("<span foreground=\"#595959\">%s</span> %s", label, value);
  if (markup->len > 0 && markup->str[markup->len - 1] != '\n')
    g_string_append (markup, "   ");
  g_string_append (markup, detail);
}

/* "10 Harley Street\nLondon" → "10 Harley Street, London" */
static char *
join_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  GString *joined = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_strstrip (lines[i])[0] != '\0')
      g_string_append_printf (joined, "%s%s", joined->len > 0 ? ", " : "", lines[i]);
  return g_string_free (joined, FALSE);
}

/* The "Re:" block: the patient's name, then their identifiers, then their
 * address, kept together. */
static void
add_re_block (HarleyLetterPages *letter)
{
  const HarleyLetterLayout *in = letter->in;
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *address = join_lines (in->patient_address);
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoLayout) marker = NULL;
  g_autofree char *label = NULL;

  if (is_set (in->patient_name))
    append_markup (markup, "<b>%s</b>\n", in->patient_name);
  /* TRANSLATORS: the patient's details in a letter's "Re:" block */
  append_detail (markup, _("Date of birth"), in->patient_dob);
  append_detail (markup, _("NHS number"), in->patient_nhs);
  append_detail (markup, _("Hospital number"), in->patient_hospital_number);
  if (address[0] != '\0')
    append_markup (markup, markup->len > 0 ? "\n%s" : "%s", address);
  while (markup->len > 0 && markup->str[markup->len - 1] == '\n')
    g_string_truncate (markup, markup->len - 1);
  if (markup->len == 0)
    return;
  /* TRANSLATORS: before the patient's name in a letter, "Re: Mrs Ann Lee" */
  label = g_markup_printf_escaped ("<b>%s</b>", _("Re:"));
  marker = new_layout (letter, FONT_BODY, label, 0, PANGO_ALIGN_LEFT);
  layout = new_layout (letter, FONT_BODY, markup->str, TEXT_WIDTH - LABEL_WIDTH, PANGO_ALIGN_LEFT);
  add_rows (letter, layout, MARGIN_LEFT + LABEL_WIDTH, 0, TRUE, marker, MARGIN_LEFT);
}

static double
block_space (const HarleyLetterBlock *block,
             const HarleyLetterBlock *previous)
{
  if (previous == NULL)
    return PARAGRAPH_GAP * 2;
  if (block->kind == HARLEY_LETTER_BLOCK_HEADING)
    return HEADING_GAP;
  if (previous->kind == HARLEY_LETTER_BLOCK_HEADING)
    return PARAGRAPH_GAP / 2;
  if (block->kind == HARLEY_LETTER_BLOCK_ITEM && previous->kind == HARLEY_LETTER_BLOCK_ITEM)
    return ITEM_GAP;
  return PARAGRAPH_GAP;
}

static void
add_body (HarleyLetterPages *letter)
{
  g_autoptr(GArray) blocks = _harley_letter_text_parse (letter->in->body);
  g_autoptr(PangoLayout) bullet = new_layout (letter, FONT_BODY, "•", 0, PANGO_ALIGN_LEFT);

  for (guint i = 0; i < blocks->len; i++)
    {
      const HarleyLetterBlock *block = &g_array_index (blocks, HarleyLetterBlock, i);
      const HarleyLetterBlock *previous = i > 0 ? &g_array_index (blocks, HarleyLetterBlock, i - 1) : NULL;
      double space = block_space (block, previous);
      g_autoptr(PangoLayout) layout = NULL;

      switch (block->kind)
        {
        case HARLEY_LETTER_BLOCK_HEADING:
          layout = new_layout (letter, FONT_HEADING, block->markup, TEXT_WIDTH, PANGO_ALIGN_LEFT);
          add_rows (letter, layout, MARGIN_LEFT, space, TRUE, NULL, 0);
          /* A heading never ends a page. */
          last_row (letter)->keep_with_next = TRUE;
          break;
        case HARLEY_LETTER_BLOCK_ITEM:
          layout = new_layout (letter, FONT_BODY, block->markup, TEXT_WIDTH - HANGING, PANGO_ALIGN_LEFT);
          add_rows (letter, layout, MARGIN_LEFT + HANGING, space, FALSE, bullet, MARGIN_LEFT + 1.5 * MM);
          break;
        case HARLEY_LETTER_BLOCK_PARAGRAPH:
        default:
          layout = new_layout (letter, FONT_BODY, block->markup, TEXT_WIDTH, PANGO_ALIGN_LEFT);
          add_rows (letter, layout, MARGIN_LEFT, space, FALSE, NULL, 0);
          break;
        }
    }
}

/* The signatory's name, qualifications and GMC number under their
 * scanned signature, or under room to sign by hand. */
static void
add_signature (HarleyLetterPages *letter)
{
  const HarleyLetterLayout *in = letter->in;
  g_autoptr(GString) markup = g_string_new (NULL);
  Row row = { 0 };

  if (is_set (in->signatory_name))
    append_markup (markup, "<b>%s</b>", in->signatory_name);
  if (is_set (in->qualifications))
    append_markup (markup, markup->len > 0 ? "\n%s" : "%s", in->qualifications);
  if (is_set (in->gmc_number))
    {
      /* TRANSLATORS: under a doctor's name and qualifications; %s is the number */
      g_autofree char *gmc = g_strdup_printf (_("GMC number %s"), in->gmc_number);

      append_markup (markup, markup->len > 0 ? "\n%s" : "%s", gmc);
    }
  if (markup->len == 0 && letter->signature == NULL)
    return;
  if (letter->rows->len > 0)
    last_row (letter)->keep_with_next = TRUE;
  row.layout = new_layout (letter, FONT_BODY, markup->str, TEXT_WIDTH / 2, PANGO_ALIGN_LEFT);
  row.line = -1;
  row.x = MARGIN_LEFT;
  row.space_before = 2.0 * MM;
  if (letter->signature != NULL)
    {
      row.image = cairo_surface_reference (letter->signature);
      row.image_scale = fit_image (letter->signature, 60.0 * MM, 18.0 * MM);
      row.image_height = cairo_image_surface_get_height (letter->signature) * row.image_scale + 1.5 * MM;
    }
  else
    row.image_height = 16.0 * MM;
  row.height = row.image_height + _harley_render_layout_height (row.layout);
  g_array_append_val (letter->rows, row);
}

static void
add_copies (HarleyLetterPages *letter)
{
  g_autoptr(PangoLayout) marker = NULL;
  g_autofree char *label = NULL;
  gboolean first = TRUE;

  for (guint i = 0; letter->in->cc != NULL && letter->in->cc[i] != NULL; i++)
    {
      g_autofree char *markup = NULL;
      g_autoptr(PangoLayout) layout = NULL;

      if (!is_set (letter->in->cc[i]))
        continue;
      if (marker == NULL)
        {
          /* TRANSLATORS: before the list of those a letter is copied to */
          label = g_markup_printf_escaped ("<b>%s</b>", _("cc:"));
          marker = new_layout (letter, FONT_BODY, label, 0, PANGO_ALIGN_LEFT);
        }
      markup = g_markup_escape_text (letter->in->cc[i], -1);
      layout = new_layout (letter, FONT_BODY, markup, TEXT_WIDTH - LABEL_WIDTH, PANGO_ALIGN_LEFT);
      add_rows (letter, layout, MARGIN_LEFT + LABEL_WIDTH, first ? 8.0 * MM : ITEM_GAP, FALSE,
                first ? marker : NULL, MARGIN_LEFT);
      first = FALSE;
    }
}

/* Pages {{{1 */

/* The height from row @i to the end of the rows kept with it. */
static double
chain_height (HarleyLetterPages *letter,
              guint              i)
{
  double height = 0;

  for (; i < letter->rows->len; i++)
    {
      const Row *row = &g_array_index (letter->rows, Row, i);

      height += row->space_before + row->height;
      if (!row->keep_with_next)
        break;
    }
  return height;
}

static void
paginate (HarleyLetterPages *letter)
{
  double y = letter->first_top, room = letter->bottom - letter->later_top;
  gboolean page_top = TRUE;
  guint page = 0;

  for (guint i = 0; i < letter->rows->len; i++)
    {
      Row *row = &g_array_index (letter->rows, Row, i);
      gboolean starts_chain = i == 0 || !g_array_index (letter->rows, Row, i - 1).keep_with_next;
      double chain = chain_height (letter, i);

      /* A chain taller than a page flows on regardless. */
      if (!page_top
          && ((starts_chain && y + chain > letter->bottom && chain - row->space_before <= room)
              || y + row->space_before + row->height > letter->bottom))
        {
          page++;
          y = letter->later_top;
          page_top = TRUE;
        }
      row->page = page;
      row->y = y + (page_top ? 0 : row->space_before);
      y = row->y + row->height;
      page_top = FALSE;
    }
  letter->n_pages = page + 1;
}

static void
draw_row (cairo_t   *cr,
          const Row *row)
{
  cairo_set_source_rgb (cr, ink.r, ink.g, ink.b);
  if (row->marker != NULL)
    {
      PangoLayoutLine *first = pango_layout_get_line_readonly (row->marker, 0);

      cairo_move_to (cr, row->marker_x, row->y + row->baseline);
      pango_cairo_show_layout_line (cr, first);
    }
  if (row->line >= 0)
    {
      cairo_move_to (cr, row->x, row->y + row->baseline);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (row->layout, row->line));
      return;
    }
  if (row->image != NULL)
    paint_image (cr, row->image, row->x, row->y, row->image_scale);
  show_layout (cr, row->layout, row->x, row->y + row->image_height, &ink);
}

/* The letterhead {{{1 */

/* The logo at the left, the practice's name and details at the right.
 * Returns where it ends. */
static double
draw_letterhead (HarleyLetterPages *letter,
                 cairo_t           *cr)
{
  const HarleyLetterLayout *in = letter->in;
  double logo_width = 0, logo_height = 0, y = MARGIN_TOP, width;
  g_autofree char *address = join_lines (in->practice_address);
  g_autoptr(GString) contact = g_string_new (NULL);

  if (letter->logo != NULL)
    {
      double scale = fit_image (letter->logo, 55.0 * MM, 22.0 * MM);

      logo_width = cairo_image_surface_get_width (letter->logo) * scale;
      logo_height = cairo_image_surface_get_height (letter->logo) * scale;
      paint_image (cr, letter->logo, MARGIN_LEFT, MARGIN_TOP, scale);
    }
  width = TEXT_WIDTH - (logo_width > 0 ? logo_width + 8.0 * MM : 0);
  if (is_set (in->practice_name))
    {
      g_autofree char *markup = g_markup_escape_text (in->practice_name, -1);
      g_autoptr(PangoLayout) name = new_layout (letter, FONT_NAME, markup, width, PANGO_ALIGN_RIGHT);

      show_layout (cr, name, A4_WIDTH - MARGIN_RIGHT - width, y, &accent);
      y += _harley_render_layout_height (name) + 2.0;
    }
  if (is_set (in->practice_phone))
    /* TRANSLATORS: in a letterhead; %s is the practice's telephone number */
    g_string_append_printf (contact, _("Telephone %s"), in->practice_phone);
  if (is_set (in->practice_email))
    g_string_append_printf (contact, contact->len > 0 ? "  ·  %s" : "%s", in->practice_email);
  for (guint i = 0; i < 2; i++)
    {
      const char *text = i == 0 ? address : contact->str;
      g_autofree char *markup = g_markup_escape_text (text, -1);
      g_autoptr(PangoLayout) layout = NULL;

      if (text[0] == '\0')
        continue;
      layout = new_layout (letter, FONT_LETTERHEAD, markup, width, PANGO_ALIGN_RIGHT);
      show_layout (cr, layout, A4_WIDTH - MARGIN_RIGHT - width, y, &quiet);
      y += _harley_render_layout_height (layout) + 1.0;
    }
  return MAX (y, MARGIN_TOP + logo_height);
}

/* The window {{{1 */

/* The recipient, in Royal Mail style, as large as fits the window (from
 * 10.5 down to 7 points); below that, long lines are cut short. */
static PangoLayout *
fit_address (HarleyLetterPages *letter,
             const char        *markup,
             double             width,
             double             height)
{
  for (double size = 10.5; ; size -= 0.5)
    {
      g_autofree char *font = g_strdup_printf ("Sans %.1f", size);
      g_autoptr(PangoLayout) layout = new_layout (letter, font, markup, 0, PANGO_ALIGN_LEFT);

      if (size <= 7.0)
        {
          pango_layout_set_width (layout, pango_units_from_double (width));
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          return g_steal_pointer (&layout);
        }
      if (layout_width (layout) <= width && _harley_render_layout_height (layout) <= height)
        return g_steal_pointer (&layout);
    }
}

static void
draw_window (HarleyLetterPages *letter,
             cairo_t           *cr)
{
  const HarleyLetterLayout *in = letter->in;
  double x = in->window_left_mm * MM + WINDOW_INSET_X, y = in->window_top_mm * MM + WINDOW_INSET_Y;
  double width = in->window_width_mm * MM - 2 * WINDOW_INSET_X;
  double height = in->window_height_mm * MM - 2 * WINDOW_INSET_Y;
  g_auto(GStrv) lines = harley_format_royal_mail_address (in->address_lines);
  g_autofree char *text = g_strjoinv ("\n", lines);
  g_autofree char *markup = g_markup_escape_text (text, -1);
  g_autoptr(PangoLayout) address = NULL;

  if (in->private_and_confidential)
    {
      /* TRANSLATORS: above the recipient's address, seen through the envelope's window */
      g_autofree char *mark = g_markup_escape_text (_("Private and confidential"), -1);
      g_autoptr(PangoLayout) layout = new_layout (letter, FONT_MARK, mark, width, PANGO_ALIGN_LEFT);

      show_layout (cr, layout, x, y, &ink);
      y += _harley_render_layout_height (layout) + 4.0;
      height -= _harley_render_layout_height (layout) + 4.0;
    }
  if (text[0] == '\0')
    return;
  address = fit_address (letter, markup, width, height);
  show_layout (cr, address, x, y, &ink);
}

/* The date at the right, level with the address; at the left if the
 * window is at the right. */
static void
draw_date (HarleyLetterPages *letter,
           cairo_t           *cr)
{
  const HarleyLetterLayout *in = letter->in;
  g_autofree char *markup = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  double x, width;

  if (!is_set (in->date))
    return;
  markup = g_markup_escape_text (in->date, -1);
  layout = new_layout (letter, FONT_BODY, markup, 0, PANGO_ALIGN_LEFT);
  width = layout_width (layout);
  x = A4_WIDTH - MARGIN_RIGHT - width;
  if (x < (in->window_left_mm + in->window_width_mm) * MM + 2.0 * MM)
    x = MARGIN_LEFT;
  show_layout (cr, layout, x, in->window_top_mm * MM + WINDOW_INSET_Y, &ink);
}

/* Heads and feet of pages {{{1 */

static PangoLayout *
new_continuation (HarleyLetterPages *letter)
{
  const HarleyLetterLayout *in = letter->in;
  g_autoptr(GString) markup = g_string_new (NULL);

  if (is_set (in->patient_name))
    append_markup (markup, "<b>%s</b>", in->patient_name);
  append_detail (markup, _("Date of birth"), in->patient_dob);
  append_detail (markup, _("NHS number"), in->patient_nhs);
  return new_layout (letter, FONT_LETTERHEAD, markup->str, TEXT_WIDTH, PANGO_ALIGN_LEFT);
}

/* The patient's name and date of birth at the top of a later page. */
static void
draw_continuation (HarleyLetterPages *letter,
                   cairo_t           *cr)
{
  g_autoptr(PangoLayout) layout = new_continuation (letter);

  show_layout (cr, layout, MARGIN_LEFT, MARGIN_TOP, &ink);
  draw_rule (cr, MARGIN_TOP + _harley_render_layout_height (layout) + 2.5, 0.5);
}

static PangoLayout *
new_footer (HarleyLetterPages *letter)
{
  g_autofree char *markup = NULL;

  if (!is_set (letter->in->footer))
    return NULL;
  markup = g_markup_escape_text (letter->in->footer, -1);
  return new_layout (letter, FONT_SMALL, markup, TEXT_WIDTH, PANGO_ALIGN_CENTER);
}

static PangoLayout *
new_page_number (HarleyLetterPages *letter,
                 guint              page)
{
  /* TRANSLATORS: "Page 1 of 3", at the foot of every page of a letter */
  g_autofree char *markup = g_markup_printf_escaped (_("Page %u of %u"), page + 1, letter->n_pages);

  return new_layout (letter, FONT_SMALL, markup, TEXT_WIDTH, PANGO_ALIGN_RIGHT);
}

/* Where the practice footer and the page number start: the flowing
 * text ends above. */
static double
footer_top (HarleyLetterPages *letter)
{
  g_autoptr(PangoLayout) footer = new_footer (letter);
  g_autoptr(PangoLayout) number = new_page_number (letter, 0);
  double top = A4_HEIGHT - MARGIN_BOTTOM - _harley_render_layout_height (number);

  if (footer != NULL)
    top -= _harley_render_layout_height (footer) + 3.0 * MM;
  return top;
}

static void
draw_footer (HarleyLetterPages *letter,
             cairo_t           *cr,
             guint              page)
{
  g_autoptr(PangoLayout) footer = new_footer (letter);
  g_autoptr(PangoLayout) number = new_page_number (letter, page);
  double y = footer_top (letter);

  show_layout (cr, number, MARGIN_LEFT, y, &quiet);
  if (footer == NULL)
    return;
  y += _harley_render_layout_height (number) + 1.5 * MM;
  draw_rule (cr, y, 0.5);
  show_layout (cr, footer, MARGIN_LEFT, y + 1.5 * MM, &quiet);
}

/* The letter {{{1 */

void
_harley_letter_pages_free (HarleyLetterPages *letter)
{
  g_clear_pointer (&letter->rows, g_array_unref);
  g_clear_pointer (&letter->logo, cairo_surface_destroy);
  g_clear_pointer (&letter->signature, cairo_surface_destroy);
  g_clear_object (&letter->context);
  g_free (letter);
}

/*
 * _harley_letter_pages_new:
 * @in: the letter; it must outlive its pages
 *
 * Returns: (transfer full): the letter laid out on A4 pages, or %NULL
 *   with @error set (%HARLEY_LETTER_PDF_ERROR_BAD_IMAGE for a signature
 *   that is not a readable PNG; a logo that is not is only left off)
 */
HarleyLetterPages *
_harley_letter_pages_new (const HarleyLetterLayout  *in,
                          GError                   **error)
{
  g_autoptr(HarleyLetterPages) letter = g_new0 (HarleyLetterPages, 1);
  g_autoptr(PangoLayout) continuation = NULL;

  letter->in = in;
  letter->context = new_context ();
  letter->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (letter->rows, (GDestroyNotify) row_clear);
  letter->logo = _harley_render_load_png (in->logo_png);
  letter->signature = _harley_render_load_png (in->signature_png);
  if (in->signature_png != NULL && letter->signature == NULL)
    {
      g_set_error (error, HARLEY_LETTER_PDF_ERROR, HARLEY_LETTER_PDF_ERROR_BAD_IMAGE,
                   _("The scanned signature is not a PNG image Harley can read. Scan it again and save it as PNG."));
      return NULL;
    }
  continuation = new_continuation (letter);
  letter->first_top = (in->window_top_mm + in->window_height_mm + 6.0) * MM;
  letter->later_top = MARGIN_TOP + _harley_render_layout_height (continuation) + 10.0 * MM;
  letter->bottom = footer_top (letter) - 6.0 * MM;
  add_re_block (letter);
  add_body (letter);
  add_signature (letter);
  add_copies (letter);
  paginate (letter);
  return g_steal_pointer (&letter);
}

guint
_harley_letter_pages_count (HarleyLetterPages *letter)
{
  return letter->n_pages;
}

/* Draws page @page, from 0, onto @cr in points from the top left corner. */
void
_harley_letter_pages_draw (HarleyLetterPages *letter,
                           cairo_t           *cr,
                           guint              page)
{
  g_assert (page < letter->n_pages);

  if (page == 0)
    {
      double letterhead = draw_letterhead (letter, cr);

      if (letterhead + 3.0 * MM < letter->in->window_top_mm * MM - 2.0 * MM)
        draw_rule (cr, letterhead + 3.0 * MM, 0.75);
      draw_window (letter, cr);
      draw_date (letter, cr);
    }
  else
    draw_continuation (letter, cr);
  for (guint i = 0; i < letter->rows->len; i++)
    {
      const Row *row = &g_array_index (letter->rows, Row, i);

      if (row->page == page)
        draw_row (cr, row);
    }
  draw_footer (letter, cr, page);
}

/* The calibration sheet {{{1 */

/* A ruler along the paper, in mm: a tick for every one, a longer one for
 * every five, a number for every ten. */
static void
draw_ruler (HarleyLetterPages *letter,
            cairo_t           *cr,
            gboolean           across,
            double             at,
            double             length_mm)
{
  cairo_set_source_rgb (cr, ink.r, ink.g, ink.b);
  cairo_set_line_width (cr, 0.3);
  for (int mm = 0; mm <= length_mm; mm++)
    {
      double tick = (mm % 10 == 0 ? 3.0 : mm % 5 == 0 ? 2.0 : 1.0) * MM;

      if (across)
        {
          cairo_move_to (cr, mm * MM, at);
          cairo_line_to (cr, mm * MM, at + tick);
        }
      else
        {
          cairo_move_to (cr, at, mm * MM);
          cairo_line_to (cr, at + tick, mm * MM);
        }
      cairo_stroke (cr);
      if (mm % 10 == 0 && mm > 0)
        {
          g_autofree char *number = g_strdup_printf ("%d", mm);
          g_autoptr(PangoLayout) layout = new_layout (letter, FONT_SMALL, number, 0, PANGO_ALIGN_LEFT);

          if (across)
            show_layout (cr, layout, mm * MM + 0.5, at + 3.0 * MM, &ink);
          else
            show_layout (cr, layout, at + 3.5 * MM, mm * MM - _harley_render_layout_height (layout) / 2, &ink);
        }
    }
}

/* A page to print and put in a window envelope: the window's box as set,
 * with an address placed as letters place it, and rulers to measure by. */
void
_harley_letter_pages_draw_calibration (HarleyLetterPages *letter,
                                       cairo_t           *cr)
{
  const HarleyLetterLayout *in = letter->in;
  static const double dashes[] = { 2.0, 2.0 };
  g_autofree char *title = g_markup_printf_escaped ("%s", _("Window envelope check"));
  g_autofree char *advice = g_markup_printf_escaped (_("Print this page at actual size, not fitted to the page. "
                                                       "Fold it as letters are folded and put it in a window "
                                                       "envelope: the dashed box and the address in it should "
                                                       "show whole through the window. If they do not, change "
                                                       "the window in Preferences. It is now %g mm from the "
                                                       "left and %g mm from the top, %g × %g mm."),
                                                     in->window_left_mm, in->window_top_mm,
                                                     in->window_width_mm, in->window_height_mm);
  g_autoptr(PangoLayout) heading = new_layout (letter, FONT_NAME, title, TEXT_WIDTH, PANGO_ALIGN_LEFT);
  g_autoptr(PangoLayout) text = new_layout (letter, FONT_BODY, advice, TEXT_WIDTH, PANGO_ALIGN_LEFT);

  show_layout (cr, heading, MARGIN_LEFT, MARGIN_TOP, &accent);
  show_layout (cr, text, MARGIN_LEFT, letter->first_top, &ink);
  draw_ruler (letter, cr, TRUE, (in->window_top_mm - 8.0) * MM, 210.0);
  draw_ruler (letter, cr, FALSE, 6.0 * MM, 297.0);
  cairo_set_source_rgb (cr, quiet.r, quiet.g, quiet.b);
  cairo_set_line_width (cr, 0.5);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_rectangle (cr, in->window_left_mm * MM, in->window_top_mm * MM,
                   in->window_width_mm * MM, in->window_height_mm * MM);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  draw_window (letter, cr);
}
