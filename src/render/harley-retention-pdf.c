/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-retention-pdf"

/* The retention report on A4: the patients whose records are past their
 * retention period on a day, the longest past it first, with what the
 * practice should weigh before destroying any (harley-retention.c). */

#include <glib/gi18n-lib.h>

#include "harley-render-document.h"
#include "harley-retention-pdf.h"
#include "harley-validate.h"

/**
 * harley_retention_format_date_of_birth:
 *
 * Returns: (transfer full): "dd/mm/yyyy", or what a missing one means
 */
char *
harley_retention_format_date_of_birth (const HarleyRetentionRow *row)
{
  char *day = row->date_of_birth != NULL ? harley_format_date (row->date_of_birth) : NULL;

  /* TRANSLATORS: in the retention report, for a patient with no date of birth */
  return day != NULL ? day : g_strdup (_("Not recorded: treated as an adult"));
}

static void
add_row (HarleyRenderDocument     *doc,
         const HarleyRetentionRow *row)
{
  g_autofree char *dob = harley_retention_format_date_of_birth (row);
  g_autofree char *last = harley_format_gdate (&row->last_contact);
  g_autofree char *end = harley_format_gdate (&row->retention_end);
  char **cells = g_new0 (char *, 6);

  cells[0] = g_strdup_printf ("%" G_GINT64_FORMAT, row->patient_id);
  cells[1] = row->archived ? g_markup_printf_escaped (_("<b>%s</b> (archived)"), row->name)
                           : g_markup_printf_escaped ("<b>%s</b>", row->name);
  cells[2] = g_markup_escape_text (dob, -1);
  cells[3] = g_markup_escape_text (last, -1);
  cells[4] = g_markup_escape_text (end, -1);
  _harley_render_document_row (doc, cells);
}

/**
 * harley_retention_pdf_render:
 * @store: the practice database, for its letterhead
 * @rows: (element-type HarleyRetentionRow): harley_retention_list_due ()'s
 * @as_of: the day the report is for
 * @error: where to say what went wrong
 *
 * Returns: (transfer full): the report as a PDF, or %NULL with @error set
 */
GBytes *
harley_retention_pdf_render (HarleyStore  *store,
                             GArray       *rows,
                             const GDate  *as_of,
                             GError      **error)
{
  const HarleyRenderColumn columns[] = {
    { _("No."), "0000000", 0 }, { _("Patient"), NULL, 0.6 }, { _("Date of birth"), NULL, 0.4 },
    { _("Last contact"), "00/00/0000", 0 }, { _("Retention ended"), "00/00/0000", 0 },
  };
  g_autofree char *name = harley_store_get_practice_detail (store, "name");
  g_autofree char *address = harley_store_get_practice_detail (store, "address");
  g_autofree char *phone = harley_store_get_practice_detail (store, "phone");
  g_autofree char *day = harley_format_gdate (as_of);
  /* TRANSLATORS: under the retention report's title; %s is a day */
  g_autofree char *subtitle = g_strdup_printf (_("On %s"), day);
  g_autoptr(HarleyRenderDocument) doc = _harley_render_document_new (name, address, phone, _("Retention report"),
                                                                     subtitle);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u record is past its retention period.",
                                                         "%u records are past their retention period.", rows->len),
                                            rows->len);
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  GBytes *pdf;

  _harley_render_document_text (doc, count);
  _harley_render_document_plain (doc, _("Adults (18 or over at the last contact): 8 years after the last contact. "
                                        "Children: until the 25th birthday, or the 26th if 17 at the last contact "
                                        "(NHS Records Management Code of Practice). Nothing has been deleted: "
                                        "whether to destroy a record is for the practice to decide. Check first "
                                        "whether a longer period applies (cancer records, for example, are kept "
                                        "for 30 years) and whether the patient has died."));
  if (rows->len > 0)
    _harley_render_document_table (doc, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < rows->len; i++)
    add_row (doc, &g_array_index (rows, HarleyRetentionRow, i));
  if ((pdf = _harley_render_document_pdf (doc, _("Retention report"), NULL, &status)) == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 /* TRANSLATORS: %s is cairo's reason, in English */
                 _("The report could not be made into a PDF: %s."), cairo_status_to_string (status));
  return pdf;
}
