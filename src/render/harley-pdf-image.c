/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-pdf-image"

/* A page of a PDF as a picture, as GNOME Papers makes one: white paper
 * first, since a PDF page has no background of its own and would show
 * whatever is behind it, then the page drawn by Poppler. It needs nothing
 * from GDK, so it may run on any thread, as long as the page's document
 * is used by that thread alone. */

#include <math.h>

#include "harley-pdf-image.h"

/**
 * harley_pdf_image_pixels:
 * @points: a length on the page, in points
 * @scale: pixels to a point
 *
 * The whole pixels that cover @points at @scale: rounded up, since a page
 * cut short loses its edge, but a hair over a whole pixel is rounding, not
 * paper. A4 (595.28 × 841.89 pt) is 596 × 842 pixels at 1.0.
 *
 * Returns: the length in pixels, at least 1
 */
int
harley_pdf_image_pixels (double points,
                         double scale)
{
  return MAX (1, (int) ceil (points * scale - 0.01));
}

/**
 * harley_pdf_image_render:
 * @page: a page of a PDF
 * @width: the picture's width in pixels
 * @height: the picture's height in pixels
 *
 * Draws @page on white to fill a new ARGB32 image surface of @width ×
 * @height pixels; harley_pdf_image_pixels() gives the size for a scale.
 *
 * Returns: (transfer full) (nullable): the picture, or %NULL when there is
 *   not the memory for one that large
 */
cairo_surface_t *
harley_pdf_image_render (PopplerPage *page,
                         int          width,
                         int          height)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double page_width, page_height;

  g_return_val_if_fail (POPPLER_IS_PAGE (page), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  poppler_page_get_size (page, &page_width, &page_height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, width / page_width, height / page_height);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  /* Whoever reads the pixels next reads memory, not cairo. */
  cairo_surface_flush (surface);
  return surface;
}
