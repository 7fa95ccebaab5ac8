/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-cli"

/* harley-cli diary export-ics: the diary as an iCalendar file */

#include <glib/gi18n-lib.h>

#include "harley-cli.h"
#include "harley-ical.h"

#define COMMAND "harley-cli diary export-ics"

typedef struct
{
  char     *from;
  char     *to;
  char     *output;
  gint64    clinician;
  gboolean  include_names;
} ExportOptions;

static void
export_options_clear (ExportOptions *o)
{
  g_free (o->from);
  g_free (o->to);
  g_free (o->output);
}

/* Everything that can be told before the database is opened; on a
 * mistake it says why and returns FALSE. */
static gboolean
check_options (const ExportOptions  *o,
               char                **args,
               GDate                *from,
               GDate                *to)
{
  g_autoptr(GError) error = NULL;

  if (g_strv_length (args) > 1)
    {
      _harley_cli_usage (COMMAND, _("“diary export-ics” takes only options."));
      return FALSE;
    }
  if (o->from == NULL || o->to == NULL || o->output == NULL || *o->output == '\0')
    {
      _harley_cli_usage (COMMAND, _("Give --from, --to and --output."));
      return FALSE;
    }
  if (o->clinician < 0)
    {
      _harley_cli_usage (COMMAND, _("--clinician must be a clinician's number."));
      return FALSE;
    }
  if (!_harley_cli_parse_day ("--from", o->from, from) || !_harley_cli_parse_day ("--to", o->to, to))
    return FALSE;
  if (!harley_ical_check_range (from, to, &error))
    {
      _harley_cli_usage (COMMAND, error->message);
      return FALSE;
    }
  return TRUE;
}

static int
export (HarleyStore         *store,
        const ExportOptions *o,
        const GDate         *from,
        const GDate         *to)
{
  g_autoptr(GError) error = NULL;
  HarleyIcalFlags flags = o->include_names ? HARLEY_ICAL_INCLUDE_PATIENT_NAMES : HARLEY_ICAL_DEFAULT;
  guint n = 0;

  if (!harley_ical_export_to_file (store, o->clinician, from, to, flags, o->output, &n, &error))
    {
      if (error->domain != HARLEY_ICAL_ERROR || error->code == HARLEY_ICAL_ERROR_FAILED)
        return _harley_cli_fail (error);
      g_printerr ("harley-cli: %s\n", error->message);
      return HARLEY_CLI_EXIT_USAGE;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u appointment to “%s”.\n",
                        "Wrote %u appointments to “%s”.\n", n),
           n, o->output);
  if (o->include_names)
    g_printerr (_("The file names patients: keep it as safe as their records.\n"));
  return HARLEY_CLI_EXIT_OK;
}

/**
 * _harley_cli_diary_export_ics:
 * @cli: the run's settings
 * @args: "export-ics" and what follows it
 *
 * Returns: the exit status
 */
int
_harley_cli_diary_export_ics (HarleyCli  *cli,
                              char      **args)
{
  ExportOptions o = { 0 };
  const GOptionEntry entries[] = {
    { "from", 'f', 0, G_OPTION_ARG_STRING, &o.from, N_("The first day"), N_("DATE") },
    { "to", 't', 0, G_OPTION_ARG_STRING, &o.to, N_("The last day"), N_("DATE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output, N_("The calendar file to write"), N_("FILE") },
    { "clinician", 'c', 0, G_OPTION_ARG_INT64, &o.clinician, N_("Only this clinician's appointments"), N_("ID") },
    { "include-patient-names", 0, 0, G_OPTION_ARG_NONE, &o.include_names,
      N_("Write patients' names and the appointment notes too"), NULL },
    { NULL }
  };
  g_autoptr(HarleyStore) store = NULL;
  int status = _harley_cli_parse (cli, "diary export-ics", NULL,
                                  _("Writes the appointments of those days, at most three years, as an "
                                    "iCalendar file for a calendar program, readable only by you. "
                                    "Cancelled appointments and those the patient did not attend are "
                                    "marked cancelled. Without --include-patient-names nothing in the "
                                    "file says who the patient is."),
                                  NULL, entries, FALSE, &args);
  GDate from, to;

  if (status < 0 && !check_options (&o, args, &from, &to))
    status = HARLEY_CLI_EXIT_USAGE;
  else if (status < 0 && (store = _harley_cli_open (cli, FALSE, &status)) != NULL)
    status = export (store, &o, &from, &to);
  export_options_clear (&o);
  return status;
}
