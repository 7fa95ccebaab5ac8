/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The letter preview in a real window, as the letters page uses it: the
 * pages of a clinic letter's PDF shown at 100 % and 200 %, a newer letter
 * overtaking one still being drawn, a damaged PDF and no PDF at all; and
 * stored letters printed as they are, read back with Poppler from the file
 * "Print to File" writes. */

#include <adwaita.h>
#include <string.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "harley-letter-pdf.h"
#include "harley-letter-preview.h"
#include "harley-page-image.h"
#include "harley-pdf-print.h"
#include "harley-test-pdf.h"
#include "harley-test-ui.h"
#include "harley-ui-resources.h"

#define A4_WIDTH  595.276
#define A4_HEIGHT 841.89

static const char *address[] = { "Dr Rachel Okafor", "17 Marylebone Road", "London", "NW1 5LT", NULL };

/* Letters {{{1 */

/* A clinic letter to @doctor with @paragraphs paragraphs of body, so as
 * many pages as that takes; @n_pages, if not NULL, gets how many. */
static GBytes *
make_letter (const char *doctor,
             guint       paragraphs,
             guint      *n_pages)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  HarleyLetterLayout layout;
  GBytes *pdf;

  g_string_append_printf (body, "Dear %s\n\n", doctor);
  for (guint i = 1; i <= paragraphs; i++)
    g_string_append_printf (body, "Paragraph %u. Thank you for referring this lady, whom I saw in clinic today "
                            "with a long history of plaque psoriasis on both elbows and knees.\n\n", i);
  g_string_append (body, "Yours sincerely");

  harley_letter_layout_init (&layout);
  layout.practice_name = "Harley Street Dermatology";
  layout.address_lines = address;
  layout.date = "24 November 2026";
  layout.patient_name = "Mrs Jane Smith";
  layout.body = body->str;
  layout.signatory_name = "Dr Eleanor Whitfield";
  pdf = harley_letter_pdf_render (&layout, n_pages, &error);
  g_assert_no_error (error);
  return pdf;
}

/* The first half of @pdf, as a file cut short by a full disc would be. */
static GBytes *
truncate_pdf (GBytes *pdf)
{
  return g_bytes_new_from_bytes (pdf, 0, g_bytes_get_size (pdf) / 2);
}

/* A one-page PDF of @width × @height points with @text on it, drawn
 * with Cairo: paper of another size than the letters'. */
static GBytes *
make_cairo_pdf (double      width,
                double      height,
                const char *text)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "other.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, width, height);
  cairo_t *cr = cairo_create (surface);
  GBytes *pdf;

  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 14);
  cairo_move_to (cr, 72, 72);
  cairo_show_text (cr, text);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  pdf = harley_test_read_file (path);
  harley_test_remove_tree (dir);
  return pdf;
}

/* The preview {{{1 */

typedef struct
{
  GtkWindow           *window;
  HarleyLetterPreview *preview;
  guint                n_rendered;
} Desk;

static void
on_rendered_cb (HarleyLetterPreview *preview,
                Desk                *desk)
{
  desk->n_rendered++;
}

static void
desk_open (Desk *desk)
{
  desk->window = GTK_WINDOW (gtk_window_new ());
  desk->preview = HARLEY_LETTER_PREVIEW (harley_letter_preview_new ());
  g_signal_connect (desk->preview, "rendered", G_CALLBACK (on_rendered_cb), desk);
  gtk_window_set_default_size (desk->window, 800, 900);
  gtk_window_set_child (desk->window, GTK_WIDGET (desk->preview));
  gtk_window_present (desk->window);
  harley_test_iterate (100);
}

static void
desk_close (Desk *desk)
{
  gtk_window_destroy (desk->window);
  harley_test_iterate (50);
}

/* Waits, as the secretary would, until the preview shows the latest PDF. */
static void
wait_rendered (Desk *desk)
{
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (harley_letter_preview_get_busy (desk->preview))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_main_context_iteration (NULL, TRUE);
    }
  harley_test_iterate (50);
}

/* The widgets of @type on screen under @widget, in order. */
static void
collect_mapped (GtkWidget *widget,
                GType      type,
                GPtrArray *found)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_mapped (c, type, found);
}

static GPtrArray *
find_on_screen (Desk  *desk,
                GType  type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_mapped (GTK_WIDGET (desk->preview), type, found);
  return found;
}

/* Whether a label on screen reads @text. */
static gboolean
shows_label (Desk       *desk,
             const char *text)
{
  g_autoptr(GPtrArray) labels = find_on_screen (desk, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (g_ptr_array_index (labels, i)), text) == 0)
      return TRUE;
  return FALSE;
}

/* The toolbar's button for @action. */
static GtkWidget *
find_button (Desk       *desk,
             const char *action)
{
  g_autoptr(GPtrArray) buttons = find_on_screen (desk, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), action) == 0)
      return g_ptr_array_index (buttons, i);
  g_assert_not_reached ();
}

/* The title of the status page on screen, or NULL. */
static const char *
status_title (Desk *desk)
{
  g_autoptr(GPtrArray) pages = find_on_screen (desk, ADW_TYPE_STATUS_PAGE);

  return pages->len == 1 ? adw_status_page_get_title (g_ptr_array_index (pages, 0)) : NULL;
}

/* Each page on screen is @width × @height, and sharp: a pixel of the
 * screen to a pixel of the page. */
static void
assert_pages (Desk  *desk,
              guint  n_pages,
              int    width,
              int    height)
{
  g_autoptr(GPtrArray) pictures = find_on_screen (desk, GTK_TYPE_PICTURE);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (desk->preview));

  g_assert_cmpuint (harley_letter_preview_get_n_pages (desk->preview), ==, n_pages);
  g_assert_cmpuint (pictures->len, ==, n_pages);
  for (guint i = 0; i < pictures->len; i++)
    {
      GdkPaintable *paintable = gtk_picture_get_paintable (g_ptr_array_index (pictures, i));
      GdkTexture *texture;

      g_assert_true (HARLEY_IS_PAGE_IMAGE (paintable));
      g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, width);
      g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), ==, height);
      g_assert_cmpint (gtk_widget_get_width (g_ptr_array_index (pictures, i)), ==, width);
      texture = harley_page_image_get_texture (HARLEY_PAGE_IMAGE (paintable));
      g_assert_cmpint (gdk_texture_get_width (texture), ==, width * scale);
      g_assert_cmpint (gdk_texture_get_height (texture), ==, height * scale);
    }
}

static void
test_preview_pages (void)
{
  Desk desk = { 0 };
  guint n_pages = 0;
  g_autoptr(GBytes) letter = make_letter ("Dr Okafor", 24, &n_pages);
  g_autofree char *count = g_strdup_printf ("%u pages", n_pages);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  g_assert_cmpuint (n_pages, >=, 2);
  desk_open (&desk);
  g_assert_cmpstr (status_title (&desk), ==, "No Letter Chosen");
  g_assert_cmpuint (harley_letter_preview_get_n_pages (desk.preview), ==, 0);

  harley_letter_preview_set_pdf (desk.preview, letter);
  g_assert_true (harley_letter_preview_get_pdf (desk.preview) == letter);
  g_assert_true (harley_letter_preview_get_busy (desk.preview));
  wait_rendered (&desk);
  g_assert_null (status_title (&desk));
  /* At 100 % a point is a pixel: A4 is 596 × 842. */
  assert_pages (&desk, n_pages, 596, 842);
  g_assert_true (shows_label (&desk, count));
  g_assert_true (shows_label (&desk, "100%"));

  /* The toolbar's buttons and Ctrl+plus, minus and 0 */
  harley_test_activate (desk.preview, "preview.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (harley_letter_preview_get_zoom (desk.preview), 1.25, 1e-9);
  harley_test_activate (desk.preview, "preview.zoom-reset", NULL);
  harley_test_activate (desk.preview, "preview.zoom-out", NULL);
  g_assert_cmpfloat_with_epsilon (harley_letter_preview_get_zoom (desk.preview), 0.75, 1e-9);
  harley_letter_preview_set_zoom (desk.preview, 99);
  g_assert_cmpfloat_with_epsilon (harley_letter_preview_get_zoom (desk.preview), 4.0, 1e-9);
  g_assert_false (gtk_widget_get_sensitive (find_button (&desk, "preview.zoom-in")));
  harley_test_activate (desk.preview, "preview.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (harley_letter_preview_get_zoom (desk.preview), 4.0, 1e-9);
  g_assert_true (gtk_widget_get_sensitive (find_button (&desk, "preview.zoom-out")));

  /* At 200 %, each page twice the size, and drawn again to be sharp */
  before = find_on_screen (&desk, GTK_TYPE_PICTURE);
  harley_letter_preview_set_zoom (desk.preview, 2.0);
  wait_rendered (&desk);
  assert_pages (&desk, n_pages, 1191, 1684);
  g_assert_true (shows_label (&desk, "200%"));
  /* The same pictures, given new pages: the view keeps its place. */
  after = find_on_screen (&desk, GTK_TYPE_PICTURE);
  g_assert_true (g_ptr_array_index (before, 0) == g_ptr_array_index (after, 0));

  desk_close (&desk);
}

/* Typing: a letter set while another is being drawn replaces it, and
 * the last pages stay on screen until the new ones are ready. */
static void
test_preview_newer_letter_wins (void)
{
  Desk desk = { 0 };
  guint long_pages = 0, short_pages = 0;
  g_autoptr(GBytes) long_letter = make_letter ("Dr Okafor", 60, &long_pages);
  g_autoptr(GBytes) short_letter = make_letter ("Dr Okafor", 1, &short_pages);
  g_autoptr(GBytes) middle_letter = make_letter ("Dr Okafor", 24, NULL);

  g_assert_cmpuint (long_pages, >, short_pages);
  desk_open (&desk);
  harley_letter_preview_set_pdf (desk.preview, short_letter);
  wait_rendered (&desk);
  g_assert_cmpuint (desk.n_rendered, ==, 1);

  harley_letter_preview_set_pdf (desk.preview, long_letter);
  harley_letter_preview_set_pdf (desk.preview, middle_letter);
  /* Still the short letter while the others are drawn */
  assert_pages (&desk, short_pages, 596, 842);
  harley_letter_preview_set_pdf (desk.preview, long_letter);
  wait_rendered (&desk);
  assert_pages (&desk, long_pages, 596, 842);
  /* Only the last was shown. */
  g_assert_cmpuint (desk.n_rendered, ==, 2);

  /* The same letter again draws nothing. */
  harley_letter_preview_set_pdf (desk.preview, long_letter);
  g_assert_false (harley_letter_preview_get_busy (desk.preview));

  desk_close (&desk);
}

static void
test_preview_damaged (void)
{
  Desk desk = { 0 };
  g_autoptr(GBytes) letter = make_letter ("Dr Okafor", 1, NULL);
  g_autoptr(GBytes) damaged = truncate_pdf (letter);
  g_autoptr(GBytes) not_pdf = g_bytes_new_static ("Dear Dr Okafor", 14);

  desk_open (&desk);
  harley_letter_preview_set_pdf (desk.preview, letter);
  wait_rendered (&desk);
  assert_pages (&desk, 1, 596, 842);

  harley_letter_preview_set_pdf (desk.preview, damaged);
  wait_rendered (&desk);
  g_assert_cmpstr (status_title (&desk), ==, "This Letter Cannot Be Shown");
  assert_pages (&desk, 0, 0, 0);
  g_assert_false (shows_label (&desk, "1 page"));

  harley_letter_preview_set_pdf (desk.preview, not_pdf);
  wait_rendered (&desk);
  g_assert_cmpstr (status_title (&desk), ==, "This Letter Cannot Be Shown");

  harley_letter_preview_set_pdf (desk.preview, letter);
  wait_rendered (&desk);
  g_assert_null (status_title (&desk));
  g_assert_true (shows_label (&desk, "1 page"));

  harley_letter_preview_set_pdf (desk.preview, NULL);
  wait_rendered (&desk);
  g_assert_cmpstr (status_title (&desk), ==, "No Letter Chosen");
  assert_pages (&desk, 0, 0, 0);

  desk_close (&desk);
}

/* A preview closed while it draws goes once the drawing stops. */
static void
test_preview_closed_while_drawing (void)
{
  Desk desk = { 0 };
  g_autoptr(GBytes) letter = make_letter ("Dr Okafor", 60, NULL);
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  gpointer preview;

  desk_open (&desk);
  harley_letter_preview_set_pdf (desk.preview, letter);
  g_assert_true (harley_letter_preview_get_busy (desk.preview));
  preview = desk.preview;
  g_object_add_weak_pointer (preview, &preview);
  desk_close (&desk);
  while (preview != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Printing {{{1 */

/* Where @text stands on @page of @pdf, in points. */
static HarleyTestBox
find_text (HarleyTestPdf *pdf,
           int            page,
           const char    *text)
{
  g_autoptr(GArray) boxes = harley_test_pdf_find_on_page (pdf, page, text, 1.0);

  g_assert_cmpuint (boxes->len, >=, 1);
  return g_array_index (boxes, HarleyTestBox, 0);
}

static void
assert_a4 (HarleyTestPdf *pdf)
{
  for (int i = 0; i < pdf->n_pages; i++)
    {
      double width, height;

      poppler_page_get_size (harley_test_pdf_page (pdf, i), &width, &height);
      g_assert_cmpfloat_with_epsilon (width, A4_WIDTH, 1.0);
      g_assert_cmpfloat_with_epsilon (height, A4_HEIGHT, 1.0);
    }
}

static void
test_print_to_file (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "letters.pdf", NULL);
  guint jones_pages = 0, smith_pages = 0;
  g_autoptr(GBytes) jones = make_letter ("Dr Jones", 24, &jones_pages);
  g_autoptr(GBytes) smith = make_letter ("Dr Smith", 1, &smith_pages);
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  g_autoptr(HarleyTestPdf) printed = NULL;
  g_autoptr(HarleyTestPdf) approved = NULL;
  g_autoptr(GError) error = NULL;
  HarleyTestBox was, is;

  g_ptr_array_add (documents, jones);
  g_ptr_array_add (documents, smith);
  g_assert_true (harley_pdf_print_run (NULL, documents, "Letters to Dr Jones and Dr Smith", path, &error));
  g_assert_no_error (error);

  printed = harley_test_pdf_open_file (path);
  g_assert_cmpint (printed->n_pages, ==, jones_pages + smith_pages);
  assert_a4 (printed);
  g_assert_cmpuint (harley_test_pdf_count_on_page (printed, 0, "Dear Dr Jones"), ==, 1);
  g_assert_cmpuint (harley_test_pdf_count_on_page (printed, jones_pages, "Dear Dr Smith"), ==, 1);
  g_assert_cmpuint (harley_test_pdf_count (printed, "Paragraph 24."), ==, 1);

  /* Exactly as approved: the text where it was, to a tenth of a point */
  approved = harley_test_pdf_new (poppler_document_new_from_bytes (jones, NULL, &error));
  g_assert_no_error (error);
  was = find_text (approved, 0, "Dear Dr Jones");
  is = find_text (printed, 0, "Dear Dr Jones");
  g_assert_cmpfloat_with_epsilon (is.left, was.left, 0.1);
  g_assert_cmpfloat_with_epsilon (is.top, was.top, 0.1);
  g_assert_cmpfloat_with_epsilon (is.right, was.right, 0.1);

  harley_test_remove_tree (dir);
}

/* US Letter paper is scaled to A4, whole and centred. */
static void
test_print_other_paper (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "letter.pdf", NULL);
  g_autoptr(GBytes) us_letter = make_cairo_pdf (612, 792, "From Boston");
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  g_autoptr(HarleyTestPdf) printed = NULL;
  g_autoptr(GError) error = NULL;
  HarleyTestBox box;

  g_ptr_array_add (documents, us_letter);
  g_assert_true (harley_pdf_print_run (NULL, documents, "Letter from Boston", path, &error));
  g_assert_no_error (error);

  printed = harley_test_pdf_open_file (path);
  g_assert_cmpint (printed->n_pages, ==, 1);
  assert_a4 (printed);
  /* 72 pt in, shrunk by 595.28 / 612 and moved down to centre */
  box = find_text (printed, 0, "From Boston");
  g_assert_cmpfloat_with_epsilon (box.left, 72 * A4_WIDTH / 612, 1.0);
  g_assert_cmpfloat (box.top, >, 72 * A4_WIDTH / 612);
  g_assert_cmpfloat (box.right, <, A4_WIDTH);

  harley_test_remove_tree (dir);
}

static void
test_print_damaged (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "letters.pdf", NULL);
  g_autoptr(GBytes) jones = make_letter ("Dr Jones", 1, NULL);
  g_autoptr(GBytes) damaged = truncate_pdf (jones);
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (documents, jones);
  g_ptr_array_add (documents, damaged);
  g_ptr_array_add (documents, jones);
  g_assert_false (harley_pdf_print_run (NULL, documents, "Letters", path, &error));
  g_assert_error (error, HARLEY_PDF_PRINT_ERROR, HARLEY_PDF_PRINT_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, "Document 2 of 3 cannot be read"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* One alone is "the document". */
  g_ptr_array_set_size (documents, 0);
  g_ptr_array_add (documents, damaged);
  g_assert_false (harley_pdf_print_run (NULL, documents, "Letter", path, &error));
  g_assert_error (error, HARLEY_PDF_PRINT_ERROR, HARLEY_PDF_PRINT_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, "The document cannot be read"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  harley_test_remove_tree (dir);
}

/* Cancel in the print dialog, as the secretary's Escape does. */
static gboolean
cancel_print_dialog_cb (gpointer data)
{
  GtkDialog *dialog = harley_test_find_window (GTK_TYPE_DIALOG);

  if (dialog == NULL)
    return G_SOURCE_CONTINUE;
  *(gboolean *) data = TRUE;
  gtk_dialog_response (dialog, GTK_RESPONSE_CANCEL);
  return G_SOURCE_REMOVE;
}

static void
test_print_cancelled (void)
{
  g_autoptr(GBytes) jones = make_letter ("Dr Jones", 1, NULL);
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  gboolean shown = FALSE;

  gtk_window_present (window);
  harley_test_iterate (50);
  g_ptr_array_add (documents, jones);
  g_timeout_add (50, cancel_print_dialog_cb, &shown);
  g_assert_false (harley_pdf_print_run (window, documents, "Letter to Dr Jones", NULL, &error));
  g_assert_true (shown);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  gtk_window_destroy (window);
  harley_test_iterate (50);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Referencing the bundle keeps it linked from the static library. */
  g_assert_nonnull (harley_ui_get_resource ());

  g_test_add_func ("/ui/letter-preview/pages", test_preview_pages);
  g_test_add_func ("/ui/letter-preview/newer-letter-wins", test_preview_newer_letter_wins);
  g_test_add_func ("/ui/letter-preview/damaged", test_preview_damaged);
  g_test_add_func ("/ui/letter-preview/closed-while-drawing", test_preview_closed_while_drawing);
  g_test_add_func ("/ui/pdf-print/to-file", test_print_to_file);
  g_test_add_func ("/ui/pdf-print/other-paper", test_print_other_paper);
  g_test_add_func ("/ui/pdf-print/damaged", test_print_damaged);
  g_test_add_func ("/ui/pdf-print/cancelled", test_print_cancelled);

  return g_test_run ();
}
