/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-letter-preview"

/* A letter's PDF as it will print: its pages one under the other, white
 * on grey, zoomable.
 *
 * The letter editor sets a new PDF at every pause in typing, so pages are
 * rendered on a worker thread while the last ones stay on screen. A render
 * overtaken by a newer PDF or zoom is stopped after its current page and
 * thrown away; at most one runs at a time, and only the latest request
 * waits behind it, so fast typing never piles up work.
 *
 * A PopplerDocument must not be used by two threads at once, so each
 * render makes its own from the PDF's bytes, on its own thread.
 *
 * At 100 % a point on paper is a pixel on screen, as the clinic list is
 * shown; on a screen that doubles everything a page gets twice the pixels,
 * so text stays sharp (harley-page-image.c). */

#include <math.h>
#include <glib/gi18n-lib.h>

#include "harley-letter-preview.h"
#include "harley-page-image.h"
#include "harley-pdf-image.h"

#define ZOOM_MIN   0.25
#define ZOOM_MAX   4.0
/* A notch of the mouse wheel with Ctrl held, as in GNOME Papers. */
#define ZOOM_WHEEL 1.2
/* Touchpads scroll in pixels; this many make a notch. */
#define SCROLL_PIXELS_PER_NOTCH 40.0
/* Past this a page is rendered less sharp rather than take more than
 * 64 MB: 400 % on a screen that doubles everything would need twice. */
#define MAX_PIXELS (16.0 * 1024 * 1024)

/* What Zoom In and Zoom Out step through. */
static const double zoom_steps[] = { 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0 };

struct _HarleyLetterPreview
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkLabel     *pages_label;
  GtkButton    *zoom_button;
  GtkStack     *stack;
  GtkBox       *pages_box;

  /* Owned references */
  GBytes       *pdf;
  GPtrArray    *pages;        /* Page: what is on screen */
  GCancellable *cancellable;  /* the render running, if one is */

  double        zoom;
  guint         generation;   /* counts requests: a render for an older one is stale */
  guint         pending : 1;  /* a request waits for the running render to stop */
  guint         busy : 1;
};

G_DEFINE_FINAL_TYPE (HarleyLetterPreview, harley_letter_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PDF,
  PROP_ZOOM,
  PROP_N_PAGES,
  PROP_BUSY,
  N_PROPS
};

enum {
  RENDERED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A page on screen: its pixels, and its size on paper in points. */
typedef struct
{
  GdkTexture *texture;
  double      width;
  double      height;
} Page;

/* What a render is asked for. */
typedef struct
{
  GBytes *pdf;
  double  zoom;
  int     scale_factor;
  guint   generation;
} RenderJob;

/* What a render gives back for each page. */
typedef struct
{
  cairo_surface_t *surface;
  double           width;
  double           height;
} RenderedPage;

static void
page_free (gpointer data)
{
  Page *page = data;

  g_clear_object (&page->texture);
  g_free (page);
}

static void
render_job_free (gpointer data)
{
  RenderJob *job = data;

  g_bytes_unref (job->pdf);
  g_free (job);
}

static void
rendered_page_free (gpointer data)
{
  RenderedPage *page = data;

  cairo_surface_destroy (page->surface);
  g_free (page);
}

/* Rendering, on a worker thread {{{1 */

/* The pixels for a page of @width × @height points at @job's zoom: the
 * screen's scale times its size on screen, so that each pixel of the
 * picture is a pixel of the screen, unless that would be too many. */
static void
get_render_size (const RenderJob *job,
                 double           width,
                 double           height,
                 int             *pixel_width,
                 int             *pixel_height)
{
  double w = harley_pdf_image_pixels (width, job->zoom) * job->scale_factor;
  double h = harley_pdf_image_pixels (height, job->zoom) * job->scale_factor;
  double shrink = MIN (1.0, sqrt (MAX_PIXELS / (w * h)));

  *pixel_width = MAX (1, (int) (w * shrink));
  *pixel_height = MAX (1, (int) (h * shrink));
}

static RenderedPage *
render_page (const RenderJob *job,
             PopplerPage     *page)
{
  RenderedPage *rendered = g_new0 (RenderedPage, 1);
  int width, height;

  poppler_page_get_size (page, &rendered->width, &rendered->height);
  get_render_size (job, rendered->width, rendered->height, &width, &height);
  rendered->surface = harley_pdf_image_render (page, width, height);
  if (rendered->surface == NULL)
    g_clear_pointer (&rendered, g_free);
  return rendered;
}

/* Gives back the pages (GPtrArray of RenderedPage), or an error when the
 * PDF cannot be read, has no pages or a page is too big to draw. */
static GPtrArray *
render_document (const RenderJob  *job,
                 GCancellable     *cancellable,
                 GError          **error)
{
  PopplerDocument *document = poppler_document_new_from_bytes (job->pdf, NULL, error);
  g_autoptr(GPtrArray) rendered = g_ptr_array_new_with_free_func (rendered_page_free);
  int n;

  if (document == NULL)
    return NULL;
  n = poppler_document_get_n_pages (document);
  for (int i = 0; i < n && !g_cancellable_is_cancelled (cancellable); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      RenderedPage *done = page != NULL ? render_page (job, page) : NULL;

      g_clear_object (&page);
      if (done == NULL)
        break;
      g_ptr_array_add (rendered, done);
    }
  g_object_unref (document);

  if (n == 0 || (rendered->len < (guint) n && !g_cancellable_is_cancelled (cancellable)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "a page cannot be drawn, or there are none");
      return NULL;
    }
  return g_steal_pointer (&rendered);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *rendered = render_document (task_data, cancellable, &error);

  if (rendered == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rendered, (GDestroyNotify) g_ptr_array_unref);
}

/* Showing {{{1 */

/* Hands the surface's pixels to GTK without copying them: the texture
 * keeps the surface alive. Cairo's ARGB32 is GDK_MEMORY_DEFAULT. */
static GdkTexture *
texture_for_surface (cairo_surface_t *surface)
{
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                                        (gsize) height * stride,
                                                        (GDestroyNotify) cairo_surface_destroy,
                                                        cairo_surface_reference (surface));

  return gdk_memory_texture_new (cairo_image_surface_get_width (surface), height, GDK_MEMORY_DEFAULT,
                                 bytes, stride);
}

static void
update_labels (HarleyLetterPreview *self)
{
  guint n = self->pages->len;
  g_autofree char *pages = n > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", n), n)
                                 : g_strdup ("");
  /* TRANSLATORS: the size of the letter on screen, e.g. "125%" */
  g_autofree char *zoom = g_strdup_printf (_("%d%%"), (int) round (self->zoom * 100));

  gtk_label_set_label (self->pages_label, pages);
  gtk_button_set_label (self->zoom_button, zoom);
}

/* Page @index on @picture at the zoom, even if it was rendered for another:
 * a stretched page stands in until the sharp one is ready. */
static void
show_page (HarleyLetterPreview *self,
           GtkPicture          *picture,
           guint                index)
{
  Page *page = g_ptr_array_index (self->pages, index);
  g_autoptr(HarleyPageImage) image = harley_page_image_new (page->texture,
                                                            harley_pdf_image_pixels (page->width, self->zoom),
                                                            harley_pdf_image_pixels (page->height, self->zoom));
  g_autofree char *label = g_strdup_printf (_("Page %u of %u"), index + 1, self->pages->len);

  gtk_picture_set_paintable (picture, GDK_PAINTABLE (image));
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static GtkWidget *
new_page_picture (void)
{
  GtkWidget *picture = gtk_picture_new ();

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
  gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (picture, "harley-page");
  return picture;
}

/* Puts self->pages on screen, reusing the pictures there so the view
 * keeps its place while the letter is typed. */
static void
show_pages (HarleyLetterPreview *self,
            guint                old_n_pages)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box));

  for (guint i = 0; i < self->pages->len; i++)
    {
      if (child == NULL)
        {
          child = new_page_picture ();
          gtk_box_append (self->pages_box, child);
        }
      show_page (self, GTK_PICTURE (child), i);
      child = gtk_widget_get_next_sibling (child);
    }
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_box_remove (self->pages_box, child);
      child = next;
    }

  update_labels (self);
  if (self->pages->len != old_n_pages)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
}

/* Replaces the pages on screen with @rendered, or with nothing when
 * @rendered is NULL and @state says why: "empty" or "damaged". */
static void
take_pages (HarleyLetterPreview *self,
            GPtrArray           *rendered,
            const char          *state)
{
  guint old_n_pages = self->pages->len;

  g_ptr_array_set_size (self->pages, 0);
  for (guint i = 0; rendered != NULL && i < rendered->len; i++)
    {
      RenderedPage *done = g_ptr_array_index (rendered, i);
      Page *page = g_new0 (Page, 1);

      page->texture = texture_for_surface (done->surface);
      page->width = done->width;
      page->height = done->height;
      g_ptr_array_add (self->pages, page);
    }
  show_pages (self, old_n_pages);
  gtk_stack_set_visible_child_name (self->stack, state);
}

/* Requests {{{1 */

static void
set_busy (HarleyLetterPreview *self,
          gboolean             busy)
{
  if (self->busy == !!busy)
    return;
  self->busy = !!busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* The latest request is on screen. */
static void
finish_render (HarleyLetterPreview *self)
{
  set_busy (self, FALSE);
  g_signal_emit (self, signals[RENDERED], 0);
}

static void start_render (HarleyLetterPreview *self);

static void
render_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HarleyLetterPreview) self = user_data;
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) rendered = NULL;
  g_autoptr(GError) error = NULL;

  rendered = g_task_propagate_pointer (G_TASK (result), &error);
  g_clear_object (&self->cancellable);

  /* Overtaken: start the latest request, unless the preview has gone. */
  if (job->generation != self->generation)
    {
      if (self->pending)
        start_render (self);
      return;
    }

  if (rendered == NULL)
    g_debug ("The letter cannot be shown: %s", error->message);
  take_pages (self, rendered, rendered != NULL ? "pages" : "damaged");
  finish_render (self);
}

static void
start_render (HarleyLetterPreview *self)
{
  g_autoptr(GTask) task = NULL;
  RenderJob *job;

  g_assert (self->cancellable == NULL);

  self->pending = FALSE;
  if (self->pdf == NULL)
    {
      take_pages (self, NULL, "empty");
      finish_render (self);
      return;
    }

  job = g_new0 (RenderJob, 1);
  job->pdf = g_bytes_ref (self->pdf);
  job->zoom = self->zoom;
  job->scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  job->generation = self->generation;
  self->cancellable = g_cancellable_new ();
  /* Not the task's source object: the worker thread may drop the task's
   * last reference, and a widget must not go on another thread. */
  task = g_task_new (NULL, self->cancellable, render_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_render);
  g_task_set_task_data (task, job, render_job_free);
  g_task_run_in_thread (task, render_thread);
}

/* Makes whatever is on screen out of date: a new PDF, zoom or screen. */
static void
request_render (HarleyLetterPreview *self)
{
  self->generation++;
  set_busy (self, TRUE);
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      self->pending = TRUE;
      return;
    }
  start_render (self);
}

static void
on_scale_factor_changed_cb (HarleyLetterPreview *self,
                            GParamSpec          *pspec,
                            gpointer             user_data)
{
  if (self->pdf != NULL)
    request_render (self);
}

/* Zoom {{{1 */

static void
update_zoom_actions (HarleyLetterPreview *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-in", self->zoom < ZOOM_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-out", self->zoom > ZOOM_MIN);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-reset", self->zoom != 1.0);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HarleyLetterPreview *self = HARLEY_LETTER_PREVIEW (widget);

  for (guint i = 0; i < G_N_ELEMENTS (zoom_steps); i++)
    if (zoom_steps[i] > self->zoom + 0.001)
      {
        harley_letter_preview_set_zoom (self, zoom_steps[i]);
        return;
      }
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HarleyLetterPreview *self = HARLEY_LETTER_PREVIEW (widget);

  for (guint i = G_N_ELEMENTS (zoom_steps); i > 0; i--)
    if (zoom_steps[i - 1] < self->zoom - 0.001)
      {
        harley_letter_preview_set_zoom (self, zoom_steps[i - 1]);
        return;
      }
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  harley_letter_preview_set_zoom (HARLEY_LETTER_PREVIEW (widget), 1.0);
}

/* Ctrl and the wheel zoom, as in every GNOME viewer; without Ctrl the
 * wheel scrolls the pages. */
static gboolean
on_scroll_cb (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              HarleyLetterPreview      *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0)
    return GDK_EVENT_PROPAGATE;
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE)
    dy /= SCROLL_PIXELS_PER_NOTCH;
  harley_letter_preview_set_zoom (self, self->zoom * pow (ZOOM_WHEEL, -dy));
  return GDK_EVENT_STOP;
}

/* Object {{{1 */

/**
 * harley_letter_preview_new:
 *
 * Returns: (transfer floating): a preview showing no letter
 */
GtkWidget *
harley_letter_preview_new (void)
{
  return g_object_new (HARLEY_TYPE_LETTER_PREVIEW, NULL);
}

/**
 * harley_letter_preview_set_pdf:
 * @pdf: (nullable): the letter as a PDF, or %NULL to show none
 *
 * Shows @pdf's pages once they are rendered, which is done off the main
 * thread; until then the last letter's pages stay on screen. #HarleyLetterPreview:busy
 * is %TRUE until then, and #HarleyLetterPreview::rendered is emitted once
 * they are shown, or that the PDF cannot be shown.
 */
void
harley_letter_preview_set_pdf (HarleyLetterPreview *self,
                               GBytes              *pdf)
{
  g_return_if_fail (HARLEY_IS_LETTER_PREVIEW (self));

  if (self->pdf == pdf || (self->pdf != NULL && pdf != NULL && g_bytes_equal (self->pdf, pdf)))
    return;
  g_clear_pointer (&self->pdf, g_bytes_unref);
  self->pdf = pdf != NULL ? g_bytes_ref (pdf) : NULL;
  request_render (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PDF]);
}

/**
 * harley_letter_preview_get_pdf:
 *
 * Returns: (transfer none) (nullable): the PDF last set
 */
GBytes *
harley_letter_preview_get_pdf (HarleyLetterPreview *self)
{
  g_return_val_if_fail (HARLEY_IS_LETTER_PREVIEW (self), NULL);

  return self->pdf;
}

/**
 * harley_letter_preview_set_zoom:
 * @zoom: 1.0 for 100 %, kept between 0.25 and 4.0
 *
 * Shows the pages at @zoom at once, stretched, and sharp once they are
 * rendered again.
 */
void
harley_letter_preview_set_zoom (HarleyLetterPreview *self,
                                double               zoom)
{
  g_return_if_fail (HARLEY_IS_LETTER_PREVIEW (self));

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (G_APPROX_VALUE (zoom, self->zoom, 0.0001))
    return;
  self->zoom = zoom;
  show_pages (self, self->pages->len);
  update_zoom_actions (self);
  if (self->pdf != NULL)
    request_render (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
harley_letter_preview_get_zoom (HarleyLetterPreview *self)
{
  g_return_val_if_fail (HARLEY_IS_LETTER_PREVIEW (self), 1.0);

  return self->zoom;
}

/**
 * harley_letter_preview_get_n_pages:
 *
 * Returns: how many pages are on screen
 */
guint
harley_letter_preview_get_n_pages (HarleyLetterPreview *self)
{
  g_return_val_if_fail (HARLEY_IS_LETTER_PREVIEW (self), 0);

  return self->pages->len;
}

/**
 * harley_letter_preview_get_busy:
 *
 * Returns: whether what is on screen is not yet the latest PDF at the
 *   latest zoom
 */
gboolean
harley_letter_preview_get_busy (HarleyLetterPreview *self)
{
  g_return_val_if_fail (HARLEY_IS_LETTER_PREVIEW (self), FALSE);

  return self->busy;
}

static void
harley_letter_preview_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  HarleyLetterPreview *self = HARLEY_LETTER_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_PDF:
      g_value_set_boxed (value, self->pdf);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, self->pages->len);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harley_letter_preview_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  HarleyLetterPreview *self = HARLEY_LETTER_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_PDF:
      harley_letter_preview_set_pdf (self, g_value_get_boxed (value));
      break;
    case PROP_ZOOM:
      harley_letter_preview_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harley_letter_preview_dispose (GObject *object)
{
  HarleyLetterPreview *self = HARLEY_LETTER_PREVIEW (object);
  GtkWidget *child;

  /* A render still running finds itself stale and touches nothing. */
  self->generation++;
  self->pending = FALSE;
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), HARLEY_TYPE_LETTER_PREVIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->pdf, g_bytes_unref);

  G_OBJECT_CLASS (harley_letter_preview_parent_class)->dispose (object);
}

static void
harley_letter_preview_finalize (GObject *object)
{
  HarleyLetterPreview *self = HARLEY_LETTER_PREVIEW (object);

  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->pages);

  G_OBJECT_CLASS (harley_letter_preview_parent_class)->finalize (object);
}

static void
install_properties (GObjectClass *object_class)
{
  properties[PROP_PDF] = g_param_spec_boxed ("pdf", NULL, NULL, G_TYPE_BYTES,
                                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PAGES] = g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
install_zoom_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "preview.zoom-out",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "preview.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "preview.zoom-reset", NULL);
}

static void
harley_letter_preview_class_init (HarleyLetterPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harley_letter_preview_dispose;
  object_class->finalize = harley_letter_preview_finalize;
  object_class->get_property = harley_letter_preview_get_property;
  object_class->set_property = harley_letter_preview_set_property;
  install_properties (object_class);

  /* The latest PDF set is on screen, or why it cannot be. */
  signals[RENDERED] = g_signal_new ("rendered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/harleydesk/Harley/letters/harley-letter-preview.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "harley-letter-preview");
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterPreview, pages_label);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterPreview, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterPreview, stack);
  gtk_widget_class_bind_template_child (widget_class, HarleyLetterPreview, pages_box);
  install_zoom_actions (widget_class);
}

static void
harley_letter_preview_init (HarleyLetterPreview *self)
{
  GtkEventController *scroll;

  self->zoom = 1.0;
  self->pages = g_ptr_array_new_with_free_func (page_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  update_labels (self);
  update_zoom_actions (self);

  /* Before the pages scroll, so Ctrl and the wheel zoom instead. */
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed_cb), NULL);
}
