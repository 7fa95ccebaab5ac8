/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-letter-pdf"

/* A clinic letter as an A4 PDF, from a HarleyLetterLayout the caller
 * fills: the practice's letterhead, the recipient's address where an
 * envelope's window shows it, the date, a "Re:" block naming the patient,
 * the body (Harley letter text, harley-letter-pdf-text.c), the signature
 * block, the copies and the practice footer; "Page n of m" at the foot of
 * every page, and the patient's name and date of birth at the head of
 * every later one. The pages are laid out in harley-letter-pdf-layout.c.
 *
 * The PDF's bytes are what is stored when a letter is approved; a file is
 * written whole beside its place, then renamed. */

#include <string.h>
#include <glib/gi18n-lib.h>

#include "harley-letter-pdf-private.h"
#include "harley-render-util.h"

G_DEFINE_QUARK (harley-letter-pdf-error-quark, harley_letter_pdf_error)

/**
 * harley_letter_layout_init:
 * @layout: the layout to clear
 *
 * Empties @layout and sets the envelope's window to its usual place: 20 mm
 * from the left, 45 mm from the top, 85 × 40 mm.
 */
void
harley_letter_layout_init (HarleyLetterLayout *layout)
{
  g_return_if_fail (layout != NULL);

  memset (layout, 0, sizeof *layout);
  layout->window_left_mm = 20.0;
  layout->window_top_mm = 45.0;
  layout->window_width_mm = 85.0;
  layout->window_height_mm = 40.0;
}

/* The PDF {{{1 */

static char *
make_title (const HarleyLetterLayout *in)
{
  if (in->patient_name == NULL || in->patient_name[0] == '\0')
    return g_strdup (_("Letter"));
  /* TRANSLATORS: a letter's PDF title; %s is the patient's name */
  return g_strdup_printf (_("Letter about %s"), in->patient_name);
}

static void
draw_page (cairo_t  *cr,
           guint     page,
           gpointer  user_data)
{
  _harley_letter_pages_draw (user_data, cr, page);
}

static void
draw_calibration (cairo_t  *cr,
                  guint     page,
                  gpointer  user_data)
{
  _harley_letter_pages_draw_calibration (user_data, cr);
}

/* Draws the letter's pages, or with @calibration the calibration sheet,
 * into a PDF. */
static GBytes *
make_pdf (HarleyLetterPages  *pages,
          const char         *title,
          gboolean            calibration,
          GError            **error)
{
  guint n_pages = calibration ? 1 : _harley_letter_pages_count (pages);
  cairo_status_t status;
  GBytes *bytes = _harley_render_pdf_bytes (A4_WIDTH, A4_HEIGHT, title, n_pages,
                                            calibration ? draw_calibration : draw_page, pages, &status);

  if (bytes == NULL)
    {
      g_set_error (error, HARLEY_LETTER_PDF_ERROR, HARLEY_LETTER_PDF_ERROR_FAILED,
                   /* TRANSLATORS: %s is cairo's reason, in English */
                   _("The letter could not be made into a PDF: %s."), cairo_status_to_string (status));
      return NULL;
    }
  return bytes;
}

/**
 * harley_letter_pdf_render:
 * @layout: what the letter says, and where its window is
 * @n_pages: (out) (optional): where to put the number of pages
 * @error: where to say what went wrong
 *
 * Lays the letter out on A4 pages and makes its PDF, with the part of
 * each font it uses embedded, its text selectable. These are the bytes
 * stored when the letter is approved.
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set
 *   (%HARLEY_LETTER_PDF_ERROR_BAD_IMAGE for a signature that is not a
 *   readable PNG; a logo that is not is only left off)
 */
GBytes *
harley_letter_pdf_render (const HarleyLetterLayout  *layout,
                          guint                     *n_pages,
                          GError                   **error)
{
  g_autoptr(HarleyLetterPages) pages = NULL;
  g_autofree char *title = NULL;
  GBytes *pdf;

  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (layout->window_width_mm > 0 && layout->window_height_mm > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((pages = _harley_letter_pages_new (layout, error)) == NULL)
    return NULL;
  title = make_title (layout);
  if ((pdf = make_pdf (pages, title, FALSE, error)) != NULL && n_pages != NULL)
    *n_pages = _harley_letter_pages_count (pages);
  return pdf;
}

/**
 * harley_letter_calibration_render:
 * @layout: where the envelope's window is; its address_lines, if any, go
 *   in the window, or else a sample address
 * @error: where to say what went wrong
 *
 * Makes a one-page PDF to print and put in a window envelope, to check
 * the window's place set in Preferences: a dashed box where the window
 * is taken to be, the address placed as in letters, rulers in mm.
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set
 */
GBytes *
harley_letter_calibration_render (const HarleyLetterLayout  *layout,
                                  GError                   **error)
{
  const char *sample[] = { "Mrs A Sample", "Flat 2, 10 Sample Street", "Marylebone", "London", "W1A 1AA", NULL };
  g_autoptr(HarleyLetterPages) pages = NULL;
  HarleyLetterLayout window;

  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (layout->window_width_mm > 0 && layout->window_height_mm > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  harley_letter_layout_init (&window);
  window.window_left_mm = layout->window_left_mm;
  window.window_top_mm = layout->window_top_mm;
  window.window_width_mm = layout->window_width_mm;
  window.window_height_mm = layout->window_height_mm;
  window.address_lines = layout->address_lines != NULL ? layout->address_lines : sample;
  window.private_and_confidential = TRUE;
  if ((pages = _harley_letter_pages_new (&window, error)) == NULL)
    return NULL;
  return make_pdf (pages, _("Window envelope check"), TRUE, error);
}

/* Writing a file {{{1 */

static void
set_file_error (GError     **error,
                int          saved_errno,
                const char  *path)
{
  g_autofree char *name = g_filename_display_name (path);

  /* TRANSLATORS: %s is a file, then the system's reason */
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("The letter could not be saved as “%s”: %s."), name, g_strerror (saved_errno));
}

/* A slip in a file name must not put a PDF where the practice's records
 * are. */
static gboolean
check_not_database (const char  *database,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *name = NULL;

  if (!_harley_render_is_database (database, path))
    return TRUE;
  name = g_filename_display_name (path);
  g_set_error (error, HARLEY_LETTER_PDF_ERROR, HARLEY_LETTER_PDF_ERROR_IS_DATABASE,
               _("“%s” holds the practice’s records. Save the letter as another file."), name);
  return FALSE;
}

/**
 * harley_letter_pdf_write:
 * @layout: what the letter says, and where its window is
 * @path: the PDF file to write; one already there is replaced
 * @error: where to say what went wrong
 *
 * Writes harley_letter_pdf_render()'s PDF into a new file beside @path,
 * readable by its owner alone, and renames it to @path once it is whole:
 * a failure (a full disk, say) leaves no half-written letter, and any
 * earlier file as it was. @layout's database is never written over
 * (%HARLEY_LETTER_PDF_ERROR_IS_DATABASE).
 *
 * Returns: %TRUE if the letter was written
 */
gboolean
harley_letter_pdf_write (const HarleyLetterLayout  *layout,
                         const char                *path,
                         GError                   **error)
{
  g_autoptr(GBytes) pdf = NULL;
  int saved_errno;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_not_database (layout->database, path, error)
      || (pdf = harley_letter_pdf_render (layout, NULL, error)) == NULL)
    return FALSE;
  if ((saved_errno = _harley_render_write_bytes (path, pdf)) == 0)
    return TRUE;
  set_file_error (error, saved_errno, path);
  return FALSE;
}
