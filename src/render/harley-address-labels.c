/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-address-labels"

/* Addresses for a batch of letters: on sheets of A4 labels, or printed
 * straight onto DL envelopes, one a page. Each address is put into Royal
 * Mail style (harley_format_royal_mail_address) and set left aligned, as
 * large as fits its place; a longer one is set smaller, then its long
 * lines wrapped, then cut short, and never runs onto the next label.
 *
 * The labels are the common 21 to a sheet, 63.5 × 38.1 mm (Avery L7160
 * and J8160, and the many sold as equivalent): 3 columns 66.04 mm apart
 * (a 2.54 mm gap), 7 rows 38.1 mm apart (no gap), 15.15 mm from the top
 * of the sheet and 7.21 mm from its left edge, which centres the grid
 * (7.21 + 2 × 66.04 + 63.5 + 7.21 = 210 mm; 15.15 + 7 × 38.1 + 15.15 =
 * 297 mm). Printing can start part way down a used sheet.
 *
 * A DL envelope (220 × 110 mm) is printed as a landscape page of its own
 * size. Royal Mail asks for the top 40 mm to be left for stamps and
 * postmarks and the bottom 15 mm for its barcode, so the address goes in
 * a box 100 mm from the left and 50 mm from the top, 105 × 45 mm; the
 * practice's return address goes small at the top left, clear of the
 * stamp.
 *
 * Sizes are in points (the unit of PDF) with Pango at 72 dpi; places on
 * paper are given in millimetres and converted with MM. */

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "harley-address-labels.h"
#include "harley-letter-pdf.h"
#include "harley-render-util.h"

#define MM (72.0 / 25.4)

#define A4_WIDTH        (210.0 * MM)
#define A4_HEIGHT       (297.0 * MM)

#define LABEL_COLUMNS   3
#define LABEL_ROWS      7
#define LABEL_WIDTH     (63.5 * MM)
#define LABEL_HEIGHT    (38.1 * MM)
#define LABEL_LEFT      (7.21 * MM)
#define LABEL_TOP       (15.15 * MM)
#define LABEL_PITCH_X   (66.04 * MM)
#define LABEL_PITCH_Y   (38.1 * MM)
/* Keeps the text off the labels' rounded corners and clear of a sheet
 * fed a little askew. */
#define LABEL_PAD_X     (5.0 * MM)
#define LABEL_PAD_Y     (3.0 * MM)

#define DL_WIDTH        (220.0 * MM)
#define DL_HEIGHT       (110.0 * MM)
#define DL_ADDRESS_X    (100.0 * MM)
#define DL_ADDRESS_Y    (50.0 * MM)
#define DL_ADDRESS_W    (105.0 * MM)
#define DL_ADDRESS_H    (45.0 * MM)
#define DL_RETURN_X     (10.0 * MM)
#define DL_RETURN_Y     (10.0 * MM)
#define DL_RETURN_W     (80.0 * MM)
#define DL_RETURN_H     (25.0 * MM)

#define FONT_RETURN     "Sans 7"

G_STATIC_ASSERT (LABEL_COLUMNS * LABEL_ROWS == HARLEY_ADDRESS_LABELS_PER_SHEET);

G_DEFINE_QUARK (harley-address-labels-error-quark, harley_address_labels_error)

static const HarleyRenderSheet sheet = {
  .columns = LABEL_COLUMNS, .per_sheet = HARLEY_ADDRESS_LABELS_PER_SHEET,
  .paper_width = A4_WIDTH, .paper_height = A4_HEIGHT,
  .left = LABEL_LEFT, .top = LABEL_TOP, .width = LABEL_WIDTH, .height = LABEL_HEIGHT,
  .pitch_x = LABEL_PITCH_X, .pitch_y = LABEL_PITCH_Y, .pad_x = LABEL_PAD_X, .pad_y = LABEL_PAD_Y,
};

typedef struct
{
  const char * const * const *addresses;
  const char                 *return_address;   /* nullable */
} Envelopes;

/* Text {{{1 */

/* The address as markup, its lines in Royal Mail style; "" for none. */
static char *
address_markup (const char * const *lines)
{
  g_auto(GStrv) formatted = harley_format_royal_mail_address (lines);
  g_autofree char *text = g_strjoinv ("\n", formatted);

  return g_markup_escape_text (text, -1);
}

/* @markup as large as fits @box, from @largest down to @smallest points
 * by halves, each line on a line of its own; from 2 points above
 * @smallest, a line too long wraps instead; at @smallest, what still does
 * not fit is cut short. */
static PangoLayout *
fit_layout (PangoContext          *context,
            const char            *markup,
            const HarleyRenderBox *box,
            double                 largest,
            double                 smallest)
{
  for (double size = largest; ; size -= 0.5)
    {
      g_autofree char *font = g_strdup_printf ("Sans %.1f", size);
      g_autoptr(PangoLayout) layout = _harley_render_new_layout (context, font, markup, 0);

      if (_harley_render_layout_width (layout) <= box->width && _harley_render_layout_height (layout) <= box->height)
        return g_steal_pointer (&layout);
      if (size > smallest + 2.0)
        continue;
      pango_layout_set_width (layout, pango_units_from_double (box->width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      if (size <= smallest)
        {
          pango_layout_set_height (layout, pango_units_from_double (box->height));
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          return g_steal_pointer (&layout);
        }
      if (_harley_render_layout_height (layout) <= box->height)
        return g_steal_pointer (&layout);
    }
}

/* Draws @markup in @box, at @clip's edges cut off; with @centre the text
 * is centred in @box from top to bottom. */
static void
show_in_box (cairo_t               *cr,
             PangoContext          *context,
             const char            *markup,
             const HarleyRenderBox *box,
             const HarleyRenderBox *clip,
             gboolean               centre,
             double                 largest,
             double                 smallest)
{
  g_autoptr(PangoLayout) layout = NULL;
  double y = box->y;

  if (markup[0] == '\0')
    return;
  layout = fit_layout (context, markup, box, largest, smallest);
  if (centre)
    y += MAX (0.0, (box->height - _harley_render_layout_height (layout)) / 2);
  cairo_save (cr);
  cairo_rectangle (cr, clip->x, clip->y, clip->width, clip->height);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
  cairo_move_to (cr, box->x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* The PDF {{{1 */

/* Returns @pdf, or with none (cairo failed, for @status) sets @error. */
static GBytes *
check_made (GBytes          *pdf,
            cairo_status_t   status,
            GError         **error)
{
  if (pdf == NULL)
    g_set_error (error, HARLEY_ADDRESS_LABELS_ERROR, HARLEY_ADDRESS_LABELS_ERROR_FAILED,
                 /* TRANSLATORS: %s is cairo's reason, in English */
                 _("The addresses could not be made into a PDF: %s."), cairo_status_to_string (status));
  return pdf;
}

/* Labels {{{1 */

static void
draw_label (cairo_t               *cr,
            PangoContext          *context,
            const HarleyRenderBox *edges,
            const HarleyRenderBox *inside,
            guint                  index,
            gpointer               user_data)
{
  const char * const * const *addresses = user_data;
  g_autofree char *markup = address_markup (addresses[index]);

  show_in_box (cr, context, markup, inside, edges, TRUE, 11.0, 6.0);
}

/**
 * harley_address_labels_render:
 * @addresses: (array length=n_addresses): the addresses, each an array
 *   of lines ending in %NULL as harley_format_royal_mail_address() takes
 *   them; a %NULL address leaves its label blank
 * @n_addresses: how many, at least 1
 * @first_label: the label of the first sheet to start on, from 0 (top
 *   left) to 20 (bottom right), left to right then top to bottom, to use
 *   up a sheet already part used
 * @error: where to say what went wrong
 *
 * Prints the addresses on A4 sheets of 21 labels of 63.5 × 38.1 mm
 * (Avery L7160 / J8160), one address a label, in Royal Mail style,
 * centred from top to bottom and made smaller to fit a long one.
 *
 * Returns: (transfer full): the PDF, a page a sheet, or %NULL with @error
 *   set
 */
GBytes *
harley_address_labels_render (const char * const * const  *addresses,
                              guint                        n_addresses,
                              guint                        first_label,
                              GError                     **error)
{
  GBytes *pdf;
  cairo_status_t status;

  g_return_val_if_fail (addresses != NULL, NULL);
  g_return_val_if_fail (n_addresses > 0, NULL);
  g_return_val_if_fail (first_label < HARLEY_ADDRESS_LABELS_PER_SHEET, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pdf = _harley_render_sheets_pdf (&sheet, _("Address labels"), first_label, n_addresses, draw_label,
                                   (gpointer) addresses, &status);
  return check_made (pdf, status, error);
}

/* DL envelopes {{{1 */

static void
draw_envelope (cairo_t  *cr,
               guint     page,
               gpointer  user_data)
{
  const Envelopes *batch = user_data;
  PangoContext *context = _harley_render_new_context (cr);
  const HarleyRenderBox address = { DL_ADDRESS_X, DL_ADDRESS_Y, DL_ADDRESS_W, DL_ADDRESS_H };
  const HarleyRenderBox from = { DL_RETURN_X, DL_RETURN_Y, DL_RETURN_W, DL_RETURN_H };
  g_autofree char *markup = address_markup (batch->addresses[page]);

  if (batch->return_address != NULL)
    {
      g_autofree char *text = g_markup_escape_text (batch->return_address, -1);
      g_autoptr(PangoLayout) layout = _harley_render_new_layout (context, FONT_RETURN, text, from.width);

      pango_layout_set_height (layout, pango_units_from_double (from.height));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
      cairo_move_to (cr, from.x, from.y);
      pango_cairo_show_layout (cr, layout);
    }
  show_in_box (cr, context, markup, &address, &address, FALSE, 12.0, 8.0);
  g_object_unref (context);
}

/**
 * harley_dl_envelopes_render:
 * @addresses: (array length=n): the addresses, each an array of lines
 *   ending in %NULL as harley_format_royal_mail_address() takes them
 * @n: how many, at least 1
 * @return_address: (nullable): the practice's address, lines separated
 *   by "\n", printed small at the top left
 * @error: where to say what went wrong
 *
 * Prints each address on a DL envelope (220 × 110 mm, fed landscape), in
 * Royal Mail style, 100 mm from the left and 50 mm from the top, clear
 * of the stamp and of the barcode Royal Mail prints along the bottom.
 *
 * Returns: (transfer full): the PDF, a page an envelope, or %NULL with
 *   @error set
 */
GBytes *
harley_dl_envelopes_render (const char * const * const  *addresses,
                            guint                        n,
                            const char                  *return_address,
                            GError                     **error)
{
  Envelopes batch = { addresses, return_address };
  GBytes *pdf;
  cairo_status_t status;

  g_return_val_if_fail (addresses != NULL, NULL);
  g_return_val_if_fail (n > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pdf = _harley_render_pdf_bytes (DL_WIDTH, DL_HEIGHT, _("Envelopes"), n, draw_envelope, &batch, &status);
  return check_made (pdf, status, error);
}
