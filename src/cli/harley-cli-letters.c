/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-cli"

/* harley-cli letters new | list | render */

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "harley-audit.h"
#include "harley-cli.h"
#include "harley-letter-draw.h"
#include "harley-letter-pdf.h"
#include "harley-letter.h"
#include "harley-register.h"
#include "harley-render-util.h"
#include "harley-template.h"
#include "harley-validate.h"

/* A letter's, a patient's or a template's that is not there, or a
 * merge that cannot be done, is the caller's to put right: exit 2. */
static int
refuse_or_fail (const GError *error)
{
  if (error->domain == HARLEY_LETTER_ERROR || error->domain == HARLEY_TEMPLATE_ERROR
      || error->domain == HARLEY_LETTER_PDF_ERROR
      || g_error_matches (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_NOT_FOUND))
    {
      g_printerr ("harley-cli: %s\n", error->message);
      return HARLEY_CLI_EXIT_USAGE;
    }
  return _harley_cli_fail (error);
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

/* New {{{1 */

#define NEW_COMMAND "harley-cli letters new"

typedef struct
{
  HarleyRecipientKind kind;
  gint64              contact_id;
} Recipient;

/* --to: "gp", "patient", "referrer", "insurer" or "contact:ID" */
static gboolean
parse_to (const char *text,
          Recipient  *to)
{
  to->contact_id = 0;
  if (g_str_has_prefix (text, "contact:"))
    {
      to->kind = HARLEY_RECIPIENT_CONTACT;
      return parse_id (text + strlen ("contact:"), &to->contact_id);
    }
  return harley_recipient_kind_from_string (text, &to->kind) && to->kind != HARLEY_RECIPIENT_CONTACT;
}

/* The letter's GP, referrer or insurer must be in the patient's record.
 * harley_letter_new_from_template() refuses too, but here the way round
 * it is an option, --to, so the command says so itself. */
static int
check_recipient (HarleyPatient   *patient,
                 const Recipient *to)
{
  g_autofree char *name = NULL;
  HarleyPatientLink link;

  switch (to->kind)
    {
    case HARLEY_RECIPIENT_GP:
      link = HARLEY_PATIENT_GP;
      break;
    case HARLEY_RECIPIENT_REFERRER:
      link = HARLEY_PATIENT_REFERRER;
      break;
    case HARLEY_RECIPIENT_INSURER:
      link = HARLEY_PATIENT_INSURER;
      break;
    case HARLEY_RECIPIENT_PATIENT:
    case HARLEY_RECIPIENT_CONTACT:
    default:
      return HARLEY_CLI_EXIT_OK;
    }
  if (harley_patient_get_link (patient, link) > 0)
    return HARLEY_CLI_EXIT_OK;
  name = harley_patient_dup_full_name (patient);
  /* TRANSLATORS: the first %s is a patient's name, the second "GP", "Referrer" or "Insurer" */
  g_printerr (_("harley-cli: Not created. %s has no %s in their record: add one to the record, "
                "or choose who the letter goes to with --to.\n"),
              name, harley_patient_link_label (link));
  return HARLEY_CLI_EXIT_USAGE;
}

static void
print_problems (const char *name,
                GPtrArray  *problems)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const HarleyTemplateProblem *problem = g_ptr_array_index (problems, i);

      /* TRANSLATORS: a template's name, a line and a column, then what is wrong */
      g_printerr (_("harley-cli: “%s”, line %u, column %u: %s\n"), name, problem->line, problem->column,
                  problem->reason);
    }
}

/* The template's author needs each problem's place in it, so the
 * problems are printed rather than the one-sentence error. */
static int
create_letter (HarleyStore                *store,
               const HarleyLetterTemplate *template,
               gint64                      patient_id,
               gint64                      appointment_id,
               const Recipient            *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gint64 id = harley_letter_new_from_template (store, patient_id, template->id, appointment_id, to->kind,
                                               to->contact_id, NULL, 0, &problems, &error);

  if (id == 0 && problems != NULL)
    {
      if (g_error_matches (error, HARLEY_TEMPLATE_ERROR, HARLEY_TEMPLATE_ERROR_EMPTY_VALUE))
        g_printerr (_("harley-cli: Not created. The template needs details the record does not have:\n"));
      print_problems (template->name, problems);
      return HARLEY_CLI_EXIT_USAGE;
    }
  if (id == 0)
    return refuse_or_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return HARLEY_CLI_EXIT_OK;
}

static int
run_new (HarleyCli  *cli,
         char      **args)
{
  gint64 patient_id = 0, appointment_id = 0;
  g_autofree char *template_name = NULL;
  g_autofree char *to_text = NULL;
  const GOptionEntry entries[] = {
    { "patient", 'p', 0, G_OPTION_ARG_INT64, &patient_id, N_("The patient's number"), N_("ID") },
    { "template", 't', 0, G_OPTION_ARG_STRING, &template_name, N_("The template's name, as “templates list” shows it"),
      N_("NAME") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("Who it goes to: gp, patient or contact:ID (default: as the template says)"), N_("WHO") },
    { "appointment", 'a', 0, G_OPTION_ARG_INT64, &appointment_id, N_("The appointment it is about"), N_("ID") },
    { NULL }
  };
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(HarleyLetterTemplate) template = NULL;
  g_autoptr(HarleyPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  int status = _harley_cli_parse (cli, "letters new", NULL,
                                  _("Starts a letter for a patient from a template, with the merge fields "
                                    "filled in from the record, and shows the new letter's number."),
                                  _("Exit status 2 means nothing was created: a field the template needs is "
                                    "empty, or the patient has no GP when the letter goes to the GP."),
                                  entries, FALSE, &args);
  Recipient to = { HARLEY_RECIPIENT_GP, 0 };

  if (status >= 0)
    return status;
  if (g_strv_length (args) > 1)
    return _harley_cli_usage (NEW_COMMAND, _("“letters new” takes only options."));
  if (patient_id <= 0)
    return _harley_cli_usage (NEW_COMMAND, _("Give --patient, the patient's number."));
  if (template_name == NULL || *template_name == '\0')
    return _harley_cli_usage (NEW_COMMAND, _("Give --template, the name of a letter template."));
  if (appointment_id < 0)
    return _harley_cli_usage (NEW_COMMAND, _("--appointment must be an appointment's number."));
  if (to_text != NULL && !parse_to (to_text, &to))
    return _harley_cli_usage (NEW_COMMAND, _("--to must be gp, patient or contact: and a number, such as contact:12."));
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  if ((template = harley_letter_template_find (store, template_name, &error)) == NULL
      || (patient = harley_register_load (store, patient_id, &error)) == NULL)
    return refuse_or_fail (error);
  if (to_text == NULL)
    to.kind = template->default_to;
  if ((status = check_recipient (patient, &to)) != HARLEY_CLI_EXIT_OK)
    return status;
  return create_letter (store, template, patient_id, appointment_id, &to);
}

/* List {{{1 */

typedef struct
{
  HarleyLetter *letter;
  char         *patient;
} Row;

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_clear_pointer (&row->letter, harley_letter_free);
  g_free (row->patient);
}

static gint
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *ra = a, *rb = b;
  int order = g_strcmp0 (ra->letter->updated_at, rb->letter->updated_at);

  if (order != 0)
    return order;
  return ra->letter->id < rb->letter->id ? -1 : ra->letter->id > rb->letter->id;
}

static gboolean
add_rows (HarleyStore        *store,
          HarleyLetterState   state,
          GArray             *rows,
          GError            **error)
{
  g_autoptr(GArray) ids = harley_letter_list_in_state (store, state, error);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(HarleyPatient) patient = NULL;
      Row row = { NULL, NULL };

      if ((row.letter = harley_letter_load (store, g_array_index (ids, gint64, i), error)) == NULL)
        return FALSE;
      if ((patient = harley_register_load (store, row.letter->patient_id, NULL)) != NULL)
        row.patient = harley_patient_dup_full_name (patient);
      g_array_append_val (rows, row);
    }
  return TRUE;
}

static void
print_json (GArray *rows)
{
  g_autoptr(GString) out = g_string_new ("[");

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      const HarleyLetter *l = row->letter;

      g_string_append (out, i == 0 ? "\n  " : ",\n  ");
      g_string_append_printf (out, "{\"id\": %" G_GINT64_FORMAT ", \"patient_id\": %" G_GINT64_FORMAT
                              ", \"patient\": ", l->id, l->patient_id);
      harley_cli_json_append_string (out, row->patient);
      g_string_append (out, ", \"subject\": ");
      harley_cli_json_append_string (out, l->subject);
      g_string_append_printf (out, ", \"state\": \"%s\", \"version\": %d, \"updated\": ",
                              harley_letter_state_to_string (l->state), l->version);
      harley_cli_json_append_string (out, l->updated_at);
      g_string_append (out, "}");
    }
  g_string_append (out, rows->len > 0 ? "\n]\n" : "]\n");
  fwrite (out->str, 1, out->len, stdout);
  fflush (stdout);
}

static void
print_table (GArray *rows)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      const HarleyLetter *l = row->letter;
      g_autoptr(GDateTime) updated = g_date_time_new_from_iso8601 (l->updated_at, NULL);
      g_autofree char *when = updated != NULL ? harley_format_date_time (updated) : g_strdup (l->updated_at);

      /* TRANSLATORS: the number, patient, subject, state, version and when it was last changed */
      g_string_append_printf (out, _("%-7" G_GINT64_FORMAT " %s  %s  %s, version %d  %s\n"), l->id,
                              row->patient != NULL ? row->patient : "", l->subject != NULL ? l->subject : "",
                              harley_letter_state_label (l->state), l->version, when != NULL ? when : "");
    }
  fwrite (out->str, 1, out->len, stdout);
}

static int
run_list (HarleyCli  *cli,
          char      **args)
{
  g_autofree char *state_text = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "state", 's', 0, G_OPTION_ARG_STRING, &state_text,
      N_("Only letters in this state: draft, typed, awaiting-approval, awaiting-correction, approved, sent "
         "or filed"), N_("STATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write the letters as JSON"), NULL },
    { NULL }
  };
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  int status = _harley_cli_parse (cli, "letters list", NULL,
                                  _("Lists the letters, the longest unchanged first: number, patient, "
                                    "subject, state, version and when last changed."),
                                  NULL, entries, FALSE, &args);
  HarleyLetterState state = HARLEY_LETTER_DRAFT;

  if (status >= 0)
    return status;
  if (g_strv_length (args) > 1)
    return _harley_cli_usage ("harley-cli letters list", _("“letters list” takes only options."));
  if (state_text != NULL && !harley_letter_state_from_string (state_text, &state))
    return _harley_cli_usage ("harley-cli letters list",
                              _("--state must be draft, typed, awaiting-approval, awaiting-correction, "
                                "approved, sent or filed."));
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_array_set_clear_func (rows, row_clear);
  for (guint s = 0; s < HARLEY_LETTER_N_STATES; s++)
    if ((state_text == NULL || s == state) && !add_rows (store, s, rows, &error))
      return _harley_cli_fail (error);
  g_array_sort (rows, compare_rows);
  if (json)
    print_json (rows);
  else if (rows->len > 0)
    print_table (rows);
  else
    g_printerr (_("No letters.\n"));
  return HARLEY_CLI_EXIT_OK;
}

/* Render {{{1 */

#define RENDER_COMMAND "harley-cli letters render"

/* The approved PDF, byte for byte as the clinician approved it. */
static int
write_approved (HarleyStore *store,
                gint64       id,
                const char  *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = harley_letter_get_approved_pdf (store, id, &error);
  int saved_errno;

  if (pdf == NULL)
    return refuse_or_fail (error);
  if ((saved_errno = _harley_render_write_bytes (output, pdf)) != 0)
    {
      g_autofree char *name = g_filename_display_name (output);

      /* TRANSLATORS: %s is a file's name, then why it could not be written */
      g_printerr (_("harley-cli: Cannot write “%s”: %s\n"), name, g_strerror (saved_errno));
      return HARLEY_CLI_EXIT_FAILED;
    }
  return HARLEY_CLI_EXIT_OK;
}

/* A letter not yet approved, drawn now from its text. */
static int
write_draft (HarleyStore        *store,
             const HarleyLetter *letter,
             const char         *output)
{
  g_autoptr(GError) error = NULL;

  if (!harley_letter_draw_to_file (store, letter, output, &error))
    return refuse_or_fail (error);
  return HARLEY_CLI_EXIT_OK;
}

static int
run_render (HarleyCli  *cli,
            char      **args)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { NULL }
  };
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(HarleyLetter) letter = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *details = NULL;
  int status = _harley_cli_parse (cli, "letters render", _("ID"),
                                  _("Writes a letter as a PDF: an approved letter exactly as it was approved, "
                                    "any other as it stands now."),
                                  NULL, entries, FALSE, &args);
  gint64 id = 0;

  if (status >= 0)
    return status;
  if (g_strv_length (args) != 2 || !parse_id (args[1], &id))
    return _harley_cli_usage (RENDER_COMMAND, _("Give one letter's number."));
  if (output == NULL || *output == '\0')
    return _harley_cli_usage (RENDER_COMMAND, _("Give --output, the PDF file to write."));
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  if (_harley_render_is_database (harley_store_get_path (store), output))
    return _harley_cli_usage (RENDER_COMMAND, _("The PDF would replace the practice database. "
                                                "Choose another file name for --output."));
  if ((letter = harley_letter_load (store, id, &error)) == NULL)
    return refuse_or_fail (error);
  if (letter->state >= HARLEY_LETTER_APPROVED)
    status = write_approved (store, id, output);
  else
    status = write_draft (store, letter, output);
  if (status != HARLEY_CLI_EXIT_OK)
    return status;
  details = harley_audit_details ("file", output, NULL);
  if (!harley_audit_add_letter (store, HARLEY_AUDIT_EXPORT, id, NULL, details, &error))
    return _harley_cli_fail (error);
  name = g_filename_display_name (output);
  /* TRANSLATORS: %s is a file's name */
  g_print (_("Wrote the letter to “%s”.\n"), name);
  return HARLEY_CLI_EXIT_OK;
}

/* The group {{{1 */

static const HarleyCliCommand subcommands[] = {
  { "new", N_("Start a letter for a patient from a template"), run_new },
  { "list", N_("List the letters, or those in one state"), run_list },
  { "render", N_("Write a letter as a PDF"), run_render },
};

static char *
describe_unknown (const char *word)
{
  return g_strdup_printf (_("“%s” is not something harley-cli can do with letters."), word);
}

static const HarleyCliGroup group = {
  .name = "letters",
  .summary = N_("Letters."),
  .say_what_to_do = N_("Say what to do, such as “letters list”."),
  .describe_unknown = describe_unknown,
  .subcommands = subcommands,
  .n_subcommands = G_N_ELEMENTS (subcommands),
  .name_width = 8,
};

/**
 * _harley_cli_letters:
 * @cli: the run's settings
 * @args: "letters" and what follows it
 *
 * Returns: the exit status
 */
int
_harley_cli_letters (HarleyCli  *cli,
                     char      **args)
{
  return _harley_cli_run_group (cli, args, &group);
}
