/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <poppler.h>

G_BEGIN_DECLS

int              harley_pdf_image_pixels (double       points,
                                          double       scale);
cairo_surface_t *harley_pdf_image_render (PopplerPage *page,
                                          int          width,
                                          int          height);

G_END_DECLS
