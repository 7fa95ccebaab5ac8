/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-page-image"

/* A page of a letter as a GtkPicture shows it: a texture drawn at the
 * page's size on screen. A texture alone would be shown a pixel to a
 * pixel, twice too large on a screen that doubles everything, where the
 * page is rendered with twice the pixels to be sharp; and while a new
 * zoom is being rendered the old texture stands in, stretched. */

#include <math.h>

#include "harley-page-image.h"

struct _HarleyPageImage
{
  GObject     parent_instance;

  /* Owned references */
  GdkTexture *texture;

  double      width;
  double      height;
};

static void harley_page_image_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HarleyPageImage, harley_page_image, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, harley_page_image_paintable_init))

/* GdkPaintable {{{1 */

static void
harley_page_image_snapshot (GdkPaintable *paintable,
                            GdkSnapshot  *snapshot,
                            double        width,
                            double        height)
{
  HarleyPageImage *self = HARLEY_PAGE_IMAGE (paintable);

  gtk_snapshot_append_texture (GTK_SNAPSHOT (snapshot), self->texture, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static int
harley_page_image_get_intrinsic_width (GdkPaintable *paintable)
{
  return (int) ceil (HARLEY_PAGE_IMAGE (paintable)->width);
}

static int
harley_page_image_get_intrinsic_height (GdkPaintable *paintable)
{
  return (int) ceil (HARLEY_PAGE_IMAGE (paintable)->height);
}

static double
harley_page_image_get_intrinsic_aspect_ratio (GdkPaintable *paintable)
{
  HarleyPageImage *self = HARLEY_PAGE_IMAGE (paintable);

  return self->width / self->height;
}

static GdkPaintableFlags
harley_page_image_get_flags (GdkPaintable *paintable)
{
  /* A new size or a sharper page comes as a new image. */
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
harley_page_image_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = harley_page_image_snapshot;
  iface->get_intrinsic_width = harley_page_image_get_intrinsic_width;
  iface->get_intrinsic_height = harley_page_image_get_intrinsic_height;
  iface->get_intrinsic_aspect_ratio = harley_page_image_get_intrinsic_aspect_ratio;
  iface->get_flags = harley_page_image_get_flags;
}

/* Object {{{1 */

/**
 * harley_page_image_new:
 * @texture: the page, rendered at any scale
 * @width: its width on screen, in pixels (of a scale of 1)
 * @height: its height on screen
 *
 * Returns: (transfer full): the page to give a GtkPicture
 */
HarleyPageImage *
harley_page_image_new (GdkTexture *texture,
                       double      width,
                       double      height)
{
  HarleyPageImage *self;

  g_return_val_if_fail (GDK_IS_TEXTURE (texture), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  self = g_object_new (HARLEY_TYPE_PAGE_IMAGE, NULL);
  self->texture = g_object_ref (texture);
  self->width = width;
  self->height = height;
  return self;
}

/**
 * harley_page_image_get_texture:
 *
 * Returns: (transfer none): the page's pixels
 */
GdkTexture *
harley_page_image_get_texture (HarleyPageImage *self)
{
  g_return_val_if_fail (HARLEY_IS_PAGE_IMAGE (self), NULL);

  return self->texture;
}

static void
harley_page_image_dispose (GObject *object)
{
  HarleyPageImage *self = HARLEY_PAGE_IMAGE (object);

  g_clear_object (&self->texture);

  G_OBJECT_CLASS (harley_page_image_parent_class)->dispose (object);
}

static void
harley_page_image_class_init (HarleyPageImageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = harley_page_image_dispose;
}

static void
harley_page_image_init (HarleyPageImage *self)
{
}
