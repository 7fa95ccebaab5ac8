/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-cli"

/* harley-cli subject-access: everything held about one patient, into a
 * new folder; harley-cli retention: the records past their retention
 * period. */

#include <glib/gi18n-lib.h>

#include "harley-cli.h"
#include "harley-json.h"
#include "harley-retention-pdf.h"
#include "harley-subject-access-pdf.h"
#include "harley-validate.h"

#define SUBJECT_ACCESS "harley-cli subject-access"
#define RETENTION "harley-cli retention"

/* subject-access {{{1 */

static gboolean
parse_patient_id (const char *text,
                  gint64     *id)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

static int
export (HarleyStore *store,
        gint64       id,
        const char  *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *shown = NULL;
  guint n_files = 0, n_problems = 0;

  folder = harley_subject_access_pdf_export (store, id, to, &n_files, &n_problems, &error);
  if (folder == NULL)
    return error->domain == HARLEY_SUBJECT_ACCESS_ERROR && error->code != HARLEY_SUBJECT_ACCESS_ERROR_FAILED
           ? _harley_cli_usage (SUBJECT_ACCESS, error->message) : _harley_cli_fail (error);
  shown = g_filename_display_name (folder);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u file to “%s”.\n", "Wrote %u files to “%s”.\n", n_files),
           n_files, shown);
  if (n_problems > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "harley-cli: %u stored letter or report was left out: it has been changed since it "
                             "was filed. summary.pdf names it.\n",
                             "harley-cli: %u stored letters or reports were left out: they have been changed since "
                             "they were filed. summary.pdf names them.\n", n_problems),
                n_problems);
  return HARLEY_CLI_EXIT_OK;
}

/**
 * _harley_cli_subject_access:
 * @cli: the run's settings
 * @args: "subject-access" and what follows it
 *
 * Returns: the exit status; 2, with nothing written, for a patient who
 *   is not there or a folder that cannot be written to
 */
int
_harley_cli_subject_access (HarleyCli  *cli,
                            char      **args)
{
  g_autofree char *to = NULL;
  const GOptionEntry entries[] = {
    { "to", 't', 0, G_OPTION_ARG_FILENAME, &to, N_("The folder to write the export into"), N_("DIR") },
    { NULL }
  };
  g_autoptr(HarleyStore) store = NULL;
  int status = _harley_cli_parse (cli, "subject-access", _("PATIENT-ID"),
                                  _("Exports everything held about one patient, for a subject access request: "
                                    "a new folder inside DIR with summary.pdf, record.json, the letters as sent "
                                    "and the laboratories’ reports. The export is recorded in the audit trail."),
                                  NULL, entries, FALSE, &args);
  gint64 id = 0;

  if (status >= 0)
    return status;
  if (g_strv_length (args) != 2)
    return _harley_cli_usage (SUBJECT_ACCESS, _("Give the patient’s number, and only that."));
  if (!parse_patient_id (args[1], &id))
    return _harley_cli_usage (SUBJECT_ACCESS, _("The patient’s number is a whole number, as "
                                                "“harley-cli patients search” shows it."));
  if (to == NULL || *to == '\0')
    return _harley_cli_usage (SUBJECT_ACCESS, _("Give --to, the folder to write the export into."));
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  return export (store, id, to);
}

/* retention {{{1 */

static void
print_text (GArray      *rows,
            const GDate *as_of)
{
  g_autofree char *day = harley_format_gdate (as_of);

  for (guint i = 0; i < rows->len; i++)
    {
      const HarleyRetentionRow *row = &g_array_index (rows, HarleyRetentionRow, i);
      g_autofree char *dob = harley_retention_format_date_of_birth (row);
      g_autofree char *last = harley_format_gdate (&row->last_contact);
      g_autofree char *end = harley_format_gdate (&row->retention_end);

      /* TRANSLATORS: one patient in the retention report: number, name, date of birth,
       * last contact, the day the retention period ended, and "archived" or nothing */
      g_print (_("%" G_GINT64_FORMAT "\t%s\tborn %s\tlast contact %s\tretention ended %s%s\n"), row->patient_id,
               row->name, dob, last, end, row->archived ? _("\tarchived") : "");
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u record is past its retention period on %s. Nothing was deleted: "
                        "that is for the practice to decide.\n",
                        "%u records are past their retention period on %s. Nothing was deleted: that is for the "
                        "practice to decide.\n", rows->len), rows->len, day);
}

static void
print_json (GArray      *rows,
            const GDate *as_of)
{
  g_autoptr(GString) out = g_string_new ("{");
  g_autofree char *day = harley_format_gdate_iso (as_of);
  gboolean first = TRUE;

  harley_json_append_text (out, &first, "as_of", day);
  harley_json_append_int (out, &first, "count", rows->len);
  harley_json_append_member (out, &first, "patients");
  g_string_append_c (out, '[');
  for (guint i = 0; i < rows->len; i++)
    {
      const HarleyRetentionRow *row = &g_array_index (rows, HarleyRetentionRow, i);
      g_autofree char *last = harley_format_gdate_iso (&row->last_contact);
      g_autofree char *end = harley_format_gdate_iso (&row->retention_end);
      gboolean f = TRUE;

      g_string_append (out, i > 0 ? ",\n{" : "\n{");
      harley_json_append_int (out, &f, "id", row->patient_id);
      harley_json_append_text (out, &f, "name", row->name);
      harley_json_append_text (out, &f, "date_of_birth", row->date_of_birth);
      harley_json_append_bool (out, &f, "archived", row->archived);
      harley_json_append_text (out, &f, "last_contact", last);
      harley_json_append_text (out, &f, "retention_end", end);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}\n");
  g_print ("%s", out->str);
}

/**
 * _harley_cli_retention:
 * @cli: the run's settings
 * @args: "retention" and what follows it
 *
 * Returns: the exit status; 2 for a day that does not exist
 */
int
_harley_cli_retention (HarleyCli  *cli,
                       char      **args)
{
  g_autofree char *as_of_text = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("The day to report on (default: today)"),
      N_("DD/MM/YYYY") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write the report as JSON"), NULL },
    { NULL }
  };
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  int status = _harley_cli_parse (cli, "retention", NULL,
                                  _("Lists the patients whose records are past the NHS retention period (adults: "
                                    "8 years after the last contact; children: until the 25th birthday, or the "
                                    "26th if 17 at the last contact), the longest past it first. Nothing is "
                                    "deleted or changed."),
                                  NULL, entries, FALSE, &args);
  GDate as_of;

  if (status >= 0)
    return status;
  if (g_strv_length (args) > 1)
    return _harley_cli_usage (RETENTION, _("“retention” takes only options."));
  if (!_harley_cli_parse_day ("--as-of", as_of_text, &as_of))
    return HARLEY_CLI_EXIT_USAGE;
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  if ((rows = harley_retention_list_due (store, &as_of, &error)) == NULL)
    return _harley_cli_fail (error);
  if (json)
    print_json (rows, &as_of);
  else
    print_text (rows, &as_of);
  return HARLEY_CLI_EXIT_OK;
}
