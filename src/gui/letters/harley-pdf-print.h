/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HARLEY_PDF_PRINT_ERROR (harley_pdf_print_error_quark ())

typedef enum
{
  HARLEY_PDF_PRINT_ERROR_UNREADABLE,  /* a document is not a readable PDF */
  HARLEY_PDF_PRINT_ERROR_FAILED,      /* the printing system could not print */
} HarleyPdfPrintError;

/* One run of harley_pdf_print_run(): the documents read and their pages. */
typedef struct _HarleyPdfPrint HarleyPdfPrint;

GQuark   harley_pdf_print_error_quark (void);
gboolean harley_pdf_print_run         (GtkWindow   *parent,
                                       GPtrArray   *documents,
                                       const char  *job_name,
                                       const char  *export_filename,
                                       GError     **error);

G_END_DECLS
