/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HARLEY_TYPE_PAGE_IMAGE (harley_page_image_get_type ())

G_DECLARE_FINAL_TYPE (HarleyPageImage, harley_page_image, HARLEY, PAGE_IMAGE, GObject)

HarleyPageImage *harley_page_image_new         (GdkTexture      *texture,
                                                double           width,
                                                double           height);
GdkTexture      *harley_page_image_get_texture (HarleyPageImage *self);

G_END_DECLS
