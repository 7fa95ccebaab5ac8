/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-cli"

/* harley-cli diary clinic-list: a day's clinic list as an A4 PDF */

#include <glib/gi18n-lib.h>

#include "harley-audit.h"
#include "harley-cli.h"
#include "harley-clinic-list.h"

#define COMMAND "harley-cli diary clinic-list"

static int
write_list (HarleyStore *store,
            const GDate *day,
            gint64       clinician,
            const char  *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyClinicList) list = harley_clinic_list_new (store, day, clinician, &error);
  g_autofree char *name = NULL;
  g_autofree char *details = NULL;

  if (list == NULL || !harley_clinic_list_write_pdf (list, output, &error))
    return g_error_matches (error, HARLEY_CLINIC_LIST_ERROR, HARLEY_CLINIC_LIST_ERROR_IS_DATABASE)
           ? _harley_cli_usage (COMMAND, error->message) : _harley_cli_fail (error);
  details = harley_audit_details ("file", output, NULL);
  if (!harley_audit_add (store, HARLEY_AUDIT_EXPORT, 0, harley_clinic_list_get_title (list), details, &error))
    return _harley_cli_fail (error);
  name = g_filename_display_name (output);
  /* TRANSLATORS: the first %s is the list's title, "Clinic list — Monday 14 January 2030" */
  g_print (_("Wrote “%s” to “%s”.\n"), harley_clinic_list_get_title (list), name);
  return HARLEY_CLI_EXIT_OK;
}

/**
 * _harley_cli_diary_clinic_list:
 * @cli: the run's settings
 * @args: "clinic-list" and what follows it
 *
 * Returns: the exit status; 2, with nothing written, for a day that does
 *   not exist, a missing --output, an unknown clinician or an --output
 *   that is the practice database
 */
int
_harley_cli_diary_clinic_list (HarleyCli  *cli,
                               char      **args)
{
  g_autofree char *date_text = NULL;
  g_autofree char *output = NULL;
  gint64 clinician = 0;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The day (default today)"), N_("DATE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { "clinician", 'c', 0, G_OPTION_ARG_INT64, &clinician,
      N_("One clinician's list (default: everyone's)"), N_("ID") },
    { NULL }
  };
  g_autoptr(HarleyStore) store = NULL;
  int status = _harley_cli_parse (cli, "diary clinic-list", NULL,
                                  _("Writes a day's clinic list, ready to print on A4: the patients "
                                    "expected, by time, with their dates of birth, NHS numbers, notes "
                                    "and alerts, then those who cancelled or did not attend."),
                                  NULL, entries, FALSE, &args);
  GDate day;

  if (status >= 0)
    return status;
  if (g_strv_length (args) > 1)
    return _harley_cli_usage (COMMAND, _("“diary clinic-list” takes only options."));
  if (output == NULL || *output == '\0')
    return _harley_cli_usage (COMMAND, _("Give --output, the PDF file to write."));
  if (clinician < 0)
    return _harley_cli_usage (COMMAND, _("--clinician must be a clinician's number."));
  if (!_harley_cli_parse_day ("--date", date_text, &day))
    return HARLEY_CLI_EXIT_USAGE;
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  return write_list (store, &day, clinician, output);
}
