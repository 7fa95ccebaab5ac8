/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-render"

/* What Harley's PDFs share: Pango set up for print, PNG images from
 * bytes, the PDF drawn page by page, sheets of labels, and a file
 * written whole beside its place, then renamed. */

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "harley-render-util.h"

/* Text {{{1 */

/* A context for @cr, or with @cr NULL for measuring only. */
PangoContext *
_harley_render_new_context (cairo_t *cr)
{
  PangoContext *context;
  cairo_font_options_t *options = cairo_font_options_create ();

  if (cr != NULL)
    context = pango_cairo_create_context (cr);
  else
    context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  /* Unhinted metrics and unrounded positions: a line measured for a
   * page is as wide on paper, in a PDF and in a preview. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
  return context;
}

/* @width 0: each line as long as it needs. */
PangoLayout *
_harley_render_new_layout (PangoContext *context,
                           const char   *font,
                           const char   *markup,
                           double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  /* A paragraph or a name in Arabic stays at the left like the others. */
  pango_layout_set_auto_dir (layout, FALSE);
  pango_layout_set_markup (layout, markup, -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  return layout;
}

double
_harley_render_layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_size (layout, &width, NULL);
  return pango_units_to_double (width);
}

double
_harley_render_layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

/* Images {{{1 */

typedef struct
{
  const guchar *data;
  gsize         left;
} PngReader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  PngReader *reader = closure;

  if (length > reader->left)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data, length);
  reader->data += length;
  reader->left -= length;
  return CAIRO_STATUS_SUCCESS;
}

/* Cairo reads PNG alone: @bytes of another kind, or none, give NULL. */
cairo_surface_t *
_harley_render_load_png (GBytes *bytes)
{
  PngReader reader;
  cairo_surface_t *image;

  if (bytes == NULL)
    return NULL;
  reader.data = g_bytes_get_data (bytes, &reader.left);
  image = cairo_image_surface_create_from_png_stream (read_png, &reader);
  if (cairo_surface_status (image) == CAIRO_STATUS_SUCCESS
      && cairo_image_surface_get_width (image) > 0 && cairo_image_surface_get_height (image) > 0)
    return image;
  cairo_surface_destroy (image);
  return NULL;
}

/* The PDF {{{1 */

/* Draws @n_pages pages of @width × @height points into a PDF made by
 * Harley, titled @title, handing its bytes to @write_func. */
cairo_status_t
_harley_render_pdf (cairo_write_func_t    write_func,
                    void                 *closure,
                    double                width,
                    double                height,
                    const char           *title,
                    guint                 n_pages,
                    HarleyRenderDrawPage  draw_page,
                    gpointer              user_data)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (write_func, closure, width, height);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Harley");
  for (guint i = 0; i < n_pages; i++)
    {
      draw_page (cr, i, user_data);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* _harley_render_pdf() into memory. Returns the PDF, or NULL with
 * cairo's reason in @status. */
GBytes *
_harley_render_pdf_bytes (double                width,
                          double                height,
                          const char           *title,
                          guint                 n_pages,
                          HarleyRenderDrawPage  draw_page,
                          gpointer              user_data,
                          cairo_status_t       *status)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();

  *status = _harley_render_pdf (append_bytes, bytes, width, height, title, n_pages, draw_page, user_data);
  if (*status != CAIRO_STATUS_SUCCESS)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* Sheets of labels {{{1 */

typedef struct
{
  const HarleyRenderSheet *sheet;
  guint                    first_label;
  guint                    n;
  HarleyRenderDrawLabel    draw_label;
  gpointer                 user_data;
} Sheets;

static void
draw_sheet (cairo_t  *cr,
            guint     page,
            gpointer  user_data)
{
  const Sheets *sheets = user_data;
  const HarleyRenderSheet *sheet = sheets->sheet;
  PangoContext *context = _harley_render_new_context (cr);

  for (guint label = 0; label < sheet->per_sheet; label++)
    {
      /* The place in the batch, counted from the sheet's first label. */
      guint64 place = (guint64) page * sheet->per_sheet + label;
      HarleyRenderBox edges = {
        sheet->left + (label % sheet->columns) * sheet->pitch_x,
        sheet->top + (label / sheet->columns) * sheet->pitch_y,
        sheet->width,
        sheet->height,
      };
      HarleyRenderBox inside = { edges.x + sheet->pad_x, edges.y + sheet->pad_y,
                                 edges.width - 2 * sheet->pad_x, edges.height - 2 * sheet->pad_y };

      if (place < sheets->first_label || place - sheets->first_label >= sheets->n)
        continue;
      sheets->draw_label (cr, context, &edges, &inside, (guint) (place - sheets->first_label), sheets->user_data);
    }
  g_object_unref (context);
}

/* A batch of @n on sheets of labels, starting at label @first_label of
 * the first sheet, into memory: @draw_label draws each. Returns the PDF,
 * a page a sheet, or NULL with cairo's reason in @status. */
GBytes *
_harley_render_sheets_pdf (const HarleyRenderSheet *sheet,
                           const char              *title,
                           guint                    first_label,
                           guint                    n,
                           HarleyRenderDrawLabel    draw_label,
                           gpointer                 user_data,
                           cairo_status_t          *status)
{
  Sheets sheets = { sheet, first_label, n, draw_label, user_data };
  guint64 n_sheets = ((guint64) first_label + n + sheet->per_sheet - 1) / sheet->per_sheet;

  return _harley_render_pdf_bytes (sheet->paper_width, sheet->paper_height, title, (guint) n_sheets, draw_sheet,
                                   &sheets, status);
}

/* Writing a file {{{1 */

/* Returns 0 or an errno. */
int
_harley_render_write_all (int           fd,
                          const guchar *data,
                          gsize         length)
{
  while (length > 0)
    {
      ssize_t written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return written < 0 ? errno : EIO;
      data += written;
      length -= (gsize) written;
    }
  return 0;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Whether @path is the practice's records: the database (nullable) or
 * the files SQLite keeps beside it. A slip in a file name must not put
 * a PDF there. */
gboolean
_harley_render_is_database (const char *database,
                            const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; database != NULL && i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (database, suffixes[i], NULL);

      if (same_file (file, path))
        return TRUE;
    }
  return FALSE;
}

/* Has @write_fd write a new file beside @path, readable by its owner
 * alone, and renames it to @path once it is whole: a failure (a full
 * disk, say) leaves no half-written file, and any earlier one as it
 * was. Returns 0 or an errno. */
int
_harley_render_write_file (const char          *path,
                           HarleyRenderWriteFd  write_fd,
                           gpointer             user_data)
{
  g_autofree char *partial = g_strconcat (path, ".XXXXXX", NULL);
  int fd, saved_errno;

  if ((fd = g_mkstemp_full (partial, O_WRONLY | O_CLOEXEC, 0600)) < 0)
    return errno;
  saved_errno = write_fd (fd, user_data);
  if (saved_errno == 0 && fsync (fd) != 0)
    saved_errno = errno;
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno == 0 && g_rename (partial, path) != 0)
    saved_errno = errno;
  if (saved_errno != 0)
    g_unlink (partial);
  return saved_errno;
}

static int
write_bytes (int       fd,
             gpointer  user_data)
{
  gsize length;
  const guchar *data = g_bytes_get_data (user_data, &length);

  return _harley_render_write_all (fd, data, length);
}

/* _harley_render_write_file() of @bytes. Returns 0 or an errno. */
int
_harley_render_write_bytes (const char *path,
                            GBytes     *bytes)
{
  return _harley_render_write_file (path, write_bytes, bytes);
}
