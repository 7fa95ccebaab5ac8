/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-cli"

/* harley-cli results add, calls add: a sample's result filed with the
 * laboratory's PDF, and the calls that tell the patient. A step out of
 * turn (a result for a sample not sent) or a message left without the
 * patient's consent is refused by the core with HARLEY_SAMPLE_ERROR,
 * which harley-cli gives exit status 2: nothing is written. */

#include <glib/gi18n-lib.h>
#include <poppler.h>
#include <stdio.h>
#include <string.h>

#include "harley-cli.h"
#include "harley-sample.h"

/* Results {{{1 */

#define RESULTS_COMMAND "harley-cli results add"

/* The report's text from a file, or with "-" from standard input. */
static char *
read_text (const char  *path,
           GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buffer[4096];
  size_t n;
  char *contents = NULL;

  if (g_strcmp0 (path, "-") != 0)
    return g_file_get_contents (path, &contents, NULL, error) ? contents : NULL;
  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    g_string_append_len (text, buffer, (gssize) n);
  if (ferror (stdin))
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_IO, _("Standard input could not be read."));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static int
refuse_file (const char   *option,
             const char   *path,
             const GError *error)
{
  g_autofree char *name = g_filename_display_name (path);

  /* TRANSLATORS: an option, a file's name, then why it could not be read */
  g_printerr (_("harley-cli: %s “%s”: %s\n"), option, name, error->message);
  return HARLEY_CLI_EXIT_USAGE;
}

/* The report's text: UTF-8, without the blank lines at its end. */
static int
load_report_text (const char  *path,
                  char       **text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if ((*text = read_text (path, &error)) == NULL)
    return refuse_file ("--text", path, error);
  if (g_utf8_validate (*text, -1, NULL))
    {
      g_strchomp (*text);
      return -1;
    }
  name = g_filename_display_name (path);
  g_printerr (_("harley-cli: --text “%s” is not UTF-8 text. Save it as UTF-8 (Unicode) text and try again.\n"),
              name);
  return HARLEY_CLI_EXIT_USAGE;
}

/* Whether @pdf is a whole PDF that opens: it starts as one, it ends as
 * one (a file cut short loses its last "%%EOF", though Poppler would
 * patch it up and show what is left) and Poppler finds a page in it. */
static gboolean
is_whole_pdf (GBytes *pdf)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (pdf, &size);
  gsize tail = MIN (size, 1024);
  PopplerDocument *document;
  gboolean whole;

  if (size < 5 || memcmp (data, "%PDF-", 5) != 0 || g_strstr_len (data + size - tail, tail, "%%EOF") == NULL)
    return FALSE;
  /* Poppler 22.12 has no g_autoptr for its own types. */
  if ((document = poppler_document_new_from_bytes (pdf, NULL, NULL)) == NULL)
    return FALSE;
  whole = poppler_document_get_n_pages (document) > 0;
  g_object_unref (document);
  return whole;
}

static int
load_report_pdf (const char  *path,
                 GBytes     **pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    return refuse_file ("--report", path, error);
  *pdf = g_bytes_new_take (contents, length);
  if (is_whole_pdf (*pdf))
    return -1;
  name = g_filename_display_name (path);
  g_printerr (_("harley-cli: --report “%s” is not a PDF, or not the whole of one. Save the laboratory's report "
                "as a PDF again and attach that.\n"), name);
  return HARLEY_CLI_EXIT_USAGE;
}

static int
run_results_add (HarleyCli  *cli,
                 char      **args)
{
  gint64 sample_id = 0;
  gboolean abnormal = FALSE;
  g_autofree char *text_path = NULL;
  g_autofree char *report_path = NULL;
  g_autofree char *date_text = NULL;
  const GOptionEntry entries[] = {
    { "sample", 's', 0, G_OPTION_ARG_INT64, &sample_id, N_("The sample's number"), N_("ID") },
    { "text", 't', 0, G_OPTION_ARG_FILENAME, &text_path, N_("A file with the report's text, or “-” to read it "
                                                            "from standard input"), N_("FILE") },
    { "abnormal", 'a', 0, G_OPTION_ARG_NONE, &abnormal, N_("The result is abnormal"), NULL },
    { "report", 'r', 0, G_OPTION_ARG_FILENAME, &report_path, N_("The laboratory's report, a PDF, to attach"),
      N_("FILE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The day it arrived (default today)"), N_("DATE") },
    { NULL }
  };
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *attachment_name = NULL;
  g_autoptr(GBytes) pdf = NULL;
  HarleyResultNew result = { 0 };
  gint64 id;
  int status = _harley_cli_parse (cli, "results add", NULL,
                                  _("Files a sample's result: the report's text, whether it is abnormal, and the "
                                    "laboratory's PDF. The sample goes on the clinician's list to review, and the "
                                    "result into the patient's notes. Shows the result's number."),
                                  _("Only a sample that has been sent can have its result: anything else, or a "
                                    "report that is not a whole PDF, is refused with exit status 2, and nothing "
                                    "is written."),
                                  entries, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) > 1)
    return _harley_cli_usage (RESULTS_COMMAND, _("“results add” takes only options."));
  if (sample_id <= 0)
    return _harley_cli_usage (RESULTS_COMMAND, _("Give --sample, the sample's number."));
  if (text_path == NULL || *text_path == '\0')
    return _harley_cli_usage (RESULTS_COMMAND, _("Give --text, a file with the report's text, or “-” to type it."));
  if (!_harley_cli_parse_day ("--date", date_text, &result.received_on))
    return HARLEY_CLI_EXIT_USAGE;
  if ((status = load_report_text (text_path, &text)) >= 0
      || (report_path != NULL && (status = load_report_pdf (report_path, &pdf)) >= 0))
    return status;
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  result.sample_id = sample_id;
  result.report = text;
  result.abnormal = abnormal;
  if (pdf != NULL)
    {
      attachment_name = g_filename_display_basename (report_path);
      result.attachment = pdf;
      result.attachment_type = "application/pdf";
      result.attachment_name = attachment_name;
    }
  if ((id = harley_result_add (store, &result, &error)) == 0)
    return _harley_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return HARLEY_CLI_EXIT_OK;
}

static const HarleyCliCommand result_commands[] = {
  { "add", N_("File a sample's result, with the laboratory's PDF"), run_results_add },
};

static char *
describe_unknown_result (const char *word)
{
  return g_strdup_printf (_("“%s” is not something harley-cli can do with results."), word);
}

static const HarleyCliGroup results_group = {
  .name = "results",
  .summary = N_("Results of samples."),
  .say_what_to_do = N_("Say what to do, such as “results add”."),
  .describe_unknown = describe_unknown_result,
  .subcommands = result_commands,
  .n_subcommands = G_N_ELEMENTS (result_commands),
  .name_width = 4,
};

/**
 * _harley_cli_results:
 * @cli: the run's settings
 * @args: "results" and what follows it
 *
 * Returns: the exit status
 */
int
_harley_cli_results (HarleyCli  *cli,
                     char      **args)
{
  return _harley_cli_run_group (cli, args, &results_group);
}

/* Calls {{{1 */

#define CALLS_COMMAND "harley-cli calls add"

/* After a few calls that did not reach the patient, a letter may. */
static void
suggest_letter (HarleyStore *store,
                gint64       sample_id)
{
  if (sample_id == 0 || !harley_sample_suggests_letter (store, sample_id))
    return;
  /* TRANSLATORS: %u is a number of calls */
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u call has not reached the patient: think of sending the results "
                           "letter.\n", "%u calls have not reached the patient: think of sending the results "
                           "letter.\n", harley_sample_count_failed_calls (store, sample_id)),
              harley_sample_count_failed_calls (store, sample_id));
}

static int
run_calls_add (HarleyCli  *cli,
               char      **args)
{
  gint64 patient_id = 0, sample_id = 0;
  g_autofree char *outcome_text = NULL;
  g_autofree char *note = NULL;
  const GOptionEntry entries[] = {
    { "patient", 'p', 0, G_OPTION_ARG_INT64, &patient_id, N_("The patient's number"), N_("ID") },
    { "outcome", 'o', 0, G_OPTION_ARG_STRING, &outcome_text, N_("spoke, message, no-answer or wrong-number"),
      N_("OUTCOME") },
    { "sample", 's', 0, G_OPTION_ARG_INT64, &sample_id, N_("The sample the call was about"), N_("ID") },
    { "note", 'n', 0, G_OPTION_ARG_STRING, &note, N_("What was said"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  HarleyCallNew call = { 0 };
  gint64 id;
  int status = _harley_cli_parse (cli, "calls add", NULL,
                                  _("Records a telephone call to a patient and how it went, and shows its number."),
                                  _("A message is left only where the patient has agreed to messages: otherwise "
                                    "it is refused with exit status 2, and nothing is written."),
                                  entries, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) > 1)
    return _harley_cli_usage (CALLS_COMMAND, _("“calls add” takes only options."));
  if (patient_id <= 0)
    return _harley_cli_usage (CALLS_COMMAND, _("Give --patient, the patient's number."));
  if (outcome_text == NULL || !harley_call_outcome_from_string (outcome_text, &call.outcome))
    return _harley_cli_usage (CALLS_COMMAND, _("--outcome must be spoke, message, no-answer or wrong-number."));
  if (sample_id < 0)
    return _harley_cli_usage (CALLS_COMMAND, _("--sample must be a sample's number."));
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  call.patient_id = patient_id;
  call.sample_id = sample_id;
  call.note = note;
  if ((id = harley_call_add (store, &call, &error)) == 0)
    return _harley_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  if (call.outcome != HARLEY_CALL_SPOKE)
    suggest_letter (store, sample_id);
  return HARLEY_CLI_EXIT_OK;
}

static const HarleyCliCommand call_commands[] = {
  { "add", N_("Record a call to a patient and how it went"), run_calls_add },
};

static char *
describe_unknown_call (const char *word)
{
  return g_strdup_printf (_("“%s” is not something harley-cli can do with calls."), word);
}

static const HarleyCliGroup calls_group = {
  .name = "calls",
  .summary = N_("Calls to patients about their results."),
  .say_what_to_do = N_("Say what to do, such as “calls add”."),
  .describe_unknown = describe_unknown_call,
  .subcommands = call_commands,
  .n_subcommands = G_N_ELEMENTS (call_commands),
  .name_width = 4,
};

/**
 * _harley_cli_calls:
 * @cli: the run's settings
 * @args: "calls" and what follows it
 *
 * Returns: the exit status
 */
int
_harley_cli_calls (HarleyCli  *cli,
                   char      **args)
{
  return _harley_cli_run_group (cli, args, &calls_group);
}
