/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-pdf-print"

/* Stored PDFs printed exactly as they are: a letter prints as it was
 * approved, not laid out again. Each page is drawn by Poppler onto the
 * printer's page, A4 on A4 with nothing scaled and no margins added
 * (the PDF has its own). A page of another size is scaled to fit the
 * paper, the only case where anything is scaled.
 *
 * Every document is read before anything is printed, so a damaged one
 * stops the whole batch with nothing half printed. The printer chosen
 * is remembered until Harley is closed. */

#include <math.h>
#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "harley-pdf-print.h"

/* Up to this many points apart, a page is the same size as the paper. */
#define SAME_SIZE 1.0

struct _HarleyPdfPrint
{
  GPtrArray *documents;  /* PopplerDocument */
  GArray    *pages;      /* PageRef: every page of every document, in order */
};

typedef struct
{
  guint document;
  int   page;
} PageRef;

G_DEFINE_QUARK (harley-pdf-print-error-quark, harley_pdf_print_error)

/* The printer, paper tray and two-sidedness the secretary last chose in
 * the print dialog, for the rest of the session. */
static GtkPrintSettings *remembered_settings;

static void
harley_pdf_print_free (HarleyPdfPrint *self)
{
  g_ptr_array_unref (self->documents);
  g_array_unref (self->pages);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyPdfPrint, harley_pdf_print_free)

/* Reading the documents {{{1 */

static void
set_unreadable_error (GError **error,
                      guint    index,
                      guint    n_documents)
{
  if (n_documents == 1)
    g_set_error_literal (error, HARLEY_PDF_PRINT_ERROR, HARLEY_PDF_PRINT_ERROR_UNREADABLE,
                         _("The document cannot be read: it is damaged, or it is not a PDF. Nothing was printed."));
  else
    /* TRANSLATORS: "Document 3 of 12 cannot be read…" */
    g_set_error (error, HARLEY_PDF_PRINT_ERROR, HARLEY_PDF_PRINT_ERROR_UNREADABLE,
                 _("Document %u of %u cannot be read: it is damaged, or it is not a PDF. Nothing was printed."),
                 index + 1, n_documents);
}

/* A document with no pages is as useless as a damaged one. */
static PopplerDocument *
open_document (GBytes  *pdf,
               guint    index,
               guint    n_documents,
               GError **error)
{
  g_autoptr(GError) poppler_error = NULL;
  PopplerDocument *document = NULL;

  if (pdf != NULL)
    document = poppler_document_new_from_bytes (pdf, NULL, &poppler_error);
  if (document != NULL && poppler_document_get_n_pages (document) > 0)
    return document;

  g_debug ("Document %u cannot be read: %s", index + 1,
           poppler_error != NULL ? poppler_error->message : "no pages");
  g_clear_object (&document);
  set_unreadable_error (error, index, n_documents);
  return NULL;
}

static HarleyPdfPrint *
harley_pdf_print_open (GPtrArray  *pdfs,
                       GError    **error)
{
  g_autoptr(HarleyPdfPrint) self = g_new0 (HarleyPdfPrint, 1);

  self->documents = g_ptr_array_new_with_free_func (g_object_unref);
  self->pages = g_array_new (FALSE, FALSE, sizeof (PageRef));
  for (guint i = 0; i < pdfs->len; i++)
    {
      PopplerDocument *document = open_document (g_ptr_array_index (pdfs, i), i, pdfs->len, error);

      if (document == NULL)
        return NULL;
      g_ptr_array_add (self->documents, document);
      for (int p = 0; p < poppler_document_get_n_pages (document); p++)
        {
          PageRef ref = { i, p };

          g_array_append_val (self->pages, ref);
        }
    }
  return g_steal_pointer (&self);
}

static PopplerPage *
get_page (HarleyPdfPrint *self,
          int             page_nr)
{
  PageRef *ref = &g_array_index (self->pages, PageRef, page_nr);

  return poppler_document_get_page (g_ptr_array_index (self->documents, ref->document), ref->page);
}

/* Printing {{{1 */

/* A landscape page goes on the paper turned, as any PDF viewer prints it. */
static void
request_page_setup_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page_nr,
                       GtkPageSetup      *setup,
                       HarleyPdfPrint    *self)
{
  PopplerPage *page = get_page (self, page_nr);  /* Poppler 22.12 has no g_autoptr */
  double width, height;

  poppler_page_get_size (page, &width, &height);
  g_object_unref (page);
  gtk_page_setup_set_orientation (setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                        : GTK_PAGE_ORIENTATION_PORTRAIT);
}

/* Checks the page fits the paper: A4 on A4 prints as it is; any other
 * size is scaled to the paper and centred, keeping its shape. */
static void
fit_page (cairo_t *cr,
          double   paper_width,
          double   paper_height,
          double   page_width,
          double   page_height)
{
  double scale;

  if (fabs (page_width - paper_width) <= SAME_SIZE && fabs (page_height - paper_height) <= SAME_SIZE)
    return;

  scale = MIN (paper_width / page_width, paper_height / page_height);
  g_debug ("A page of %.0f × %.0f pt is scaled by %.3f to fit paper of %.0f × %.0f pt",
           page_width, page_height, scale, paper_width, paper_height);
  cairo_translate (cr, (paper_width - page_width * scale) / 2, (paper_height - page_height * scale) / 2);
  cairo_scale (cr, scale, scale);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              HarleyPdfPrint    *self)
{
  PopplerPage *page = get_page (self, page_nr);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width, height;

  poppler_page_get_size (page, &width, &height);
  cairo_save (cr);
  fit_page (cr, gtk_print_context_get_width (context), gtk_print_context_get_height (context), width, height);
  poppler_page_render_for_printing (page, cr);
  cairo_restore (cr);
  g_object_unref (page);
}

/* What the print dialog starts with: the last choices, less those that
 * belong to one job (which pages, how many copies, shrinking, the file
 * name), which would surprise on the next letter or change what prints. */
static GtkPrintSettings *
new_print_settings (const char *job_name,
                    gboolean    remembered)
{
  GtkPrintSettings *settings = remembered && remembered_settings != NULL
                               ? gtk_print_settings_copy (remembered_settings)
                               : gtk_print_settings_new ();
  g_autofree char *basename = g_strdup (job_name);

  gtk_print_settings_unset (settings, GTK_PRINT_SETTINGS_PRINT_PAGES);
  gtk_print_settings_unset (settings, GTK_PRINT_SETTINGS_PAGE_RANGES);
  gtk_print_settings_unset (settings, GTK_PRINT_SETTINGS_PAGE_SET);
  gtk_print_settings_unset (settings, GTK_PRINT_SETTINGS_N_COPIES);
  gtk_print_settings_unset (settings, GTK_PRINT_SETTINGS_SCALE);
  gtk_print_settings_unset (settings, GTK_PRINT_SETTINGS_NUMBER_UP);
  gtk_print_settings_unset (settings, GTK_PRINT_SETTINGS_OUTPUT_URI);
  /* "Print to File" offers the job's name; a slash would make a folder. */
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, g_strdelimit (basename, "/", '-'));
  return settings;
}

static GtkPrintOperation *
new_operation (HarleyPdfPrint *self,
               const char     *job_name,
               const char     *export_filename)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GtkPrintSettings) settings = new_print_settings (job_name, export_filename == NULL);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_print_settings (operation, settings);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_n_pages (operation, (int) self->pages->len);
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_show_progress (operation, export_filename == NULL);
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);
  g_signal_connect (operation, "request-page-setup", G_CALLBACK (request_page_setup_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);
  return operation;
}

static void
remember_settings (GtkPrintOperation *operation)
{
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);

  if (settings == NULL)
    return;
  g_clear_object (&remembered_settings);
  remembered_settings = gtk_print_settings_copy (settings);
}

static gboolean
finish (GtkPrintOperation        *operation,
        GtkPrintOperationResult   result,
        GtkPrintOperationAction   action,
        GError                  **error)
{
  switch (result)
    {
    case GTK_PRINT_OPERATION_RESULT_APPLY:
    case GTK_PRINT_OPERATION_RESULT_IN_PROGRESS:
      if (action == GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG)
        remember_settings (operation);
      return TRUE;
    case GTK_PRINT_OPERATION_RESULT_CANCEL:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Printing was cancelled."));
      return FALSE;
    case GTK_PRINT_OPERATION_RESULT_ERROR:
    default:
      if (error != NULL && *error != NULL)
        g_prefix_error_literal (error, _("The letters could not be printed: "));
      else
        g_set_error_literal (error, HARLEY_PDF_PRINT_ERROR, HARLEY_PDF_PRINT_ERROR_FAILED,
                             _("The letters could not be printed."));
      return FALSE;
    }
}

/**
 * harley_pdf_print_run:
 * @parent: (nullable): the window the print dialog belongs to
 * @documents: (element-type GBytes): PDFs, printed one after another
 * @job_name: what the printer's queue shows, such as "Letter to Dr Jones"
 * @export_filename: (nullable): a PDF file to write instead, with no dialog
 * @error: why nothing was printed
 *
 * Prints @documents exactly as they are, on A4, after the print dialog;
 * the printer chosen is offered first next time. With @export_filename,
 * writes what would print to that file instead, as "Print to File" does.
 * Nothing is printed if any document cannot be read.
 *
 * Returns: %TRUE once printed, or %FALSE with @error set: in
 *   %HARLEY_PDF_PRINT_ERROR, or %G_IO_ERROR_CANCELLED when the dialog
 *   was cancelled
 */
gboolean
harley_pdf_print_run (GtkWindow   *parent,
                      GPtrArray   *documents,
                      const char  *job_name,
                      const char  *export_filename,
                      GError     **error)
{
  g_autoptr(HarleyPdfPrint) self = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationAction action = export_filename != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                           : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;
  GtkPrintOperationResult result;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (documents != NULL && documents->len > 0, FALSE);
  g_return_val_if_fail (job_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self = harley_pdf_print_open (documents, error);
  if (self == NULL)
    return FALSE;
  operation = new_operation (self, job_name, export_filename);
  result = gtk_print_operation_run (operation, action, parent, error);
  /* GTK may hold the operation a little longer; the pages go with self. */
  g_signal_handlers_disconnect_by_data (operation, self);
  return finish (operation, result, action, error);
}
