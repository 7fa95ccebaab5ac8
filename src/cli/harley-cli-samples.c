/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-cli"

/* harley-cli samples add | send | list | manifest: a sample's life from
 * the day it is taken, under the same rules as the window. A step that
 * may not be taken yet (sending a sample twice, say) is refused by the
 * core with HARLEY_SAMPLE_ERROR, which harley-cli gives exit status 2:
 * nothing is written. The manifest is in harley-cli-samples-manifest.c,
 * results and calls in harley-cli-results.c. */

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "harley-cli.h"
#include "harley-contact.h"
#include "harley-register.h"
#include "harley-sample.h"
#include "harley-validate.h"

/* How "samples list --json" writes HarleySendMethod: the words
 * --method takes. */
static const char *method_codes[] = { "courier", "post", "internal" };

G_STATIC_ASSERT (G_N_ELEMENTS (method_codes) == HARLEY_SEND_N_METHODS);

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

static char *
contact_name (HarleyStore *store,
              gint64       id)
{
  g_autoptr(HarleyContact) contact = id != 0 ? harley_contact_load (store, id, NULL) : NULL;

  return contact != NULL ? g_strdup (harley_contact_get_name (contact)) : NULL;
}

/* Add {{{1 */

#define ADD_COMMAND "harley-cli samples add"

typedef struct
{
  gint64  patient;
  gint64  lab;
  char   *type;
  char   *site;
  char   *description;
  char   *taken;
  char   *taken_by;
} AddOptions;

static void
add_options_clear (AddOptions *o)
{
  g_free (o->type);
  g_free (o->site);
  g_free (o->description);
  g_free (o->taken);
  g_free (o->taken_by);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AddOptions, add_options_clear)

static int
check_add (const AddOptions *o,
           HarleySampleNew  *sample)
{
  if (o->patient <= 0)
    return _harley_cli_usage (ADD_COMMAND, _("Give --patient, the patient's number."));
  if (o->type == NULL || !harley_sample_type_from_string (o->type, &sample->type))
    return _harley_cli_usage (ADD_COMMAND, _("--type must be histology, blood, swab, scrapings or other."));
  if (o->lab <= 0)
    return _harley_cli_usage (ADD_COMMAND, _("Give --lab, the laboratory's number in the address book."));
  if (!_harley_cli_parse_day ("--taken", o->taken, &sample->taken_on))
    return HARLEY_CLI_EXIT_USAGE;
  sample->patient_id = o->patient;
  sample->lab_id = o->lab;
  sample->site = o->site;
  sample->description = o->description;
  sample->taken_by = o->taken_by;
  return -1;
}

static int
run_add (HarleyCli  *cli,
         char      **args)
{
  g_auto(AddOptions) o = { 0 };
  const GOptionEntry entries[] = {
    { "patient", 'p', 0, G_OPTION_ARG_INT64, &o.patient, N_("The patient's number, from “patients search”"),
      N_("ID") },
    { "type", 't', 0, G_OPTION_ARG_STRING, &o.type, N_("histology, blood, swab, scrapings or other"), N_("TYPE") },
    { "lab", 'l', 0, G_OPTION_ARG_INT64, &o.lab, N_("The laboratory's number in the address book"), N_("ID") },
    { "site", 's', 0, G_OPTION_ARG_STRING, &o.site, N_("The body site, e.g. “left cheek”"), N_("SITE") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &o.description, N_("What the sample is, for the laboratory"),
      N_("TEXT") },
    { "taken", 0, 0, G_OPTION_ARG_STRING, &o.taken, N_("The day it was taken (default today)"), N_("DATE") },
    { "taken-by", 0, 0, G_OPTION_ARG_STRING, &o.taken_by, N_("Who took it"), N_("NAME") },
    { NULL }
  };
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  HarleySampleNew sample = { 0 };
  gint64 id;
  int status = _harley_cli_parse (cli, "samples add", NULL,
                                  _("Records a sample taken from a patient, to send to a laboratory, and "
                                    "shows its number."),
                                  _("Dates are YYYY-MM-DD or dd/mm/yyyy. A day in the future, an unknown patient "
                                    "or a contact that is not a laboratory is refused: exit status 2, nothing "
                                    "written."),
                                  entries, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) > 1)
    return _harley_cli_usage (ADD_COMMAND, _("“samples add” takes only options."));
  if ((status = check_add (&o, &sample)) >= 0)
    return status;
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  if ((id = harley_sample_add (store, &sample, &error)) == 0)
    return _harley_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return HARLEY_CLI_EXIT_OK;
}

/* Send {{{1 */

#define SEND_COMMAND "harley-cli samples send"

static int
print_sent (HarleyStore *store,
            gint64       id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleySample) sample = harley_sample_load (store, id, &error);
  g_autofree char *lab = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *due = NULL;

  if (sample == NULL)
    return _harley_cli_fail (error);
  lab = contact_name (store, sample->lab_id);
  sent = harley_format_date (sample->sent_on);
  due = harley_format_date (sample->expected_by);
  /* TRANSLATORS: a sample's number, the laboratory, how, the day sent and the day the result is due */
  g_print (_("Sample %" G_GINT64_FORMAT " sent to %s (%s) on %s; result expected by %s.\n"), id,
           lab != NULL ? lab : "", harley_send_method_label (sample->sent_method), sent != NULL ? sent : "",
           due != NULL ? due : "");
  return HARLEY_CLI_EXIT_OK;
}

static int
run_send (HarleyCli  *cli,
          char      **args)
{
  g_autofree char *method_text = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *date_text = NULL;
  const GOptionEntry entries[] = {
    { "method", 'm', 0, G_OPTION_ARG_STRING, &method_text, N_("courier, post or internal (default courier)"),
      N_("HOW") },
    { "reference", 'r', 0, G_OPTION_ARG_STRING, &reference, N_("The laboratory's reference, if known"), N_("REF") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The day it went (default today)"), N_("DATE") },
    { NULL }
  };
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  HarleySendMethod method = HARLEY_SEND_COURIER;
  gint64 id = 0;
  GDate sent_on;
  int status = _harley_cli_parse (cli, "samples send", _("ID"),
                                  _("Records a sample as sent to its laboratory; the result is then expected "
                                    "within the laboratory's usual turnaround."),
                                  _("Only a sample taken and not yet sent can be sent: anything else is refused "
                                    "with exit status 2, and nothing is written."),
                                  entries, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) != 2 || !parse_id (args[1], &id))
    return _harley_cli_usage (SEND_COMMAND, _("Give one sample's number."));
  if (method_text != NULL && !harley_send_method_from_string (method_text, &method))
    return _harley_cli_usage (SEND_COMMAND, _("--method must be courier, post or internal."));
  if (!_harley_cli_parse_day ("--date", date_text, &sent_on))
    return HARLEY_CLI_EXIT_USAGE;
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  if (!harley_sample_send (store, id, 0, &sent_on, method, reference, NULL, &error))
    return _harley_cli_fail (error);
  return print_sent (store, id);
}

/* List {{{1 */

#define LIST_COMMAND "harley-cli samples list"

typedef struct
{
  HarleySample *sample;
  char         *patient;   /* "SMITH, Jane" */
  char         *lab;
  gboolean      overdue;
} Row;

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_clear_pointer (&row->sample, harley_sample_free);
  g_free (row->patient);
  g_free (row->lab);
}

/* Names looked up once each, for a list that names them many times. */
typedef struct
{
  HarleyStore *store;
  GHashTable  *patients;   /* gint64 id → name */
  GHashTable  *labs;
} Names;

static const char *
patient_name (Names  *names,
              gint64  id)
{
  char *name = g_hash_table_lookup (names->patients, &id);

  if (name == NULL)
    {
      g_autoptr(HarleyPatient) patient = harley_register_load (names->store, id, NULL);

      name = patient != NULL ? harley_patient_dup_display_name (patient) : g_strdup ("");
      g_hash_table_insert (names->patients, g_memdup2 (&id, sizeof id), name);
    }
  return name;
}

static const char *
lab_name (Names  *names,
          gint64  id)
{
  char *name = g_hash_table_lookup (names->labs, &id);

  if (name == NULL)
    {
      name = contact_name (names->store, id);
      if (name == NULL)
        name = g_strdup ("");
      g_hash_table_insert (names->labs, g_memdup2 (&id, sizeof id), name);
    }
  return name;
}

/* The samples in @state (or all, @state N_STATES) in the order taken. */
static GArray *
list_ids (HarleyStore        *store,
          HarleySampleState   state,
          GError            **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT id FROM sample WHERE ?1 IS NULL OR state = ?1 "
                                                    "ORDER BY taken_on, id", error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  if (state < HARLEY_SAMPLE_N_STATES)
    sqlite3_bind_text (stmt, 1, harley_sample_state_to_string (state), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static GArray *
list_rows (HarleyStore        *store,
           HarleySampleState   state,
           gboolean            only_overdue,
           const GDate        *today,
           GError            **error)
{
  g_autoptr(GArray) ids = list_ids (store, state, error);
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GHashTable) patients = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) labs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  Names names = { store, patients, labs };

  if (ids == NULL)
    return NULL;
  rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_array_set_clear_func (rows, row_clear);
  for (guint i = 0; i < ids->len; i++)
    {
      Row row = { harley_sample_load (store, g_array_index (ids, gint64, i), error), NULL, NULL, FALSE };

      if (row.sample == NULL)
        return NULL;
      row.overdue = harley_sample_is_overdue (row.sample, today);
      if (only_overdue && !row.overdue)
        {
          row_clear (&row);
          continue;
        }
      row.patient = g_strdup (patient_name (&names, row.sample->patient_id));
      row.lab = g_strdup (lab_name (&names, row.sample->lab_id));
      g_array_append_val (rows, row);
    }
  return g_steal_pointer (&rows);
}

static void
append_json_field (GString    *out,
                   const char *key,
                   const char *value)
{
  g_string_append_printf (out, ", \"%s\": ", key);
  harley_cli_json_append_string (out, value);
}

static void
append_json_row (GString   *out,
                 const Row *row)
{
  const HarleySample *s = row->sample;

  g_string_append_printf (out, "{\"id\": %" G_GINT64_FORMAT ", \"patient_id\": %" G_GINT64_FORMAT,
                          s->id, s->patient_id);
  append_json_field (out, "patient", row->patient);
  append_json_field (out, "type", harley_sample_type_to_string (s->type));
  append_json_field (out, "state", harley_sample_state_to_string (s->state));
  append_json_field (out, "site", s->site);
  append_json_field (out, "description", s->description);
  append_json_field (out, "taken_on", s->taken_on);
  g_string_append_printf (out, ", \"lab_id\": %" G_GINT64_FORMAT, s->lab_id);
  append_json_field (out, "lab", s->lab_id != 0 ? row->lab : NULL);
  append_json_field (out, "lab_reference", s->lab_reference);
  append_json_field (out, "sent_on", s->sent_on);
  append_json_field (out, "sent_method", s->sent_on != NULL ? method_codes[s->sent_method] : NULL);
  append_json_field (out, "expected_by", s->expected_by);
  g_string_append_printf (out, ", \"overdue\": %s, \"result_id\": %" G_GINT64_FORMAT "}",
                          row->overdue ? "true" : "false", s->result_id);
}

static void
print_json (GArray *rows)
{
  g_autoptr(GString) out = g_string_new ("[");

  for (guint i = 0; i < rows->len; i++)
    {
      g_string_append (out, i == 0 ? "\n  " : ",\n  ");
      append_json_row (out, &g_array_index (rows, Row, i));
    }
  g_string_append (out, rows->len > 0 ? "\n]\n" : "]\n");
  fwrite (out->str, 1, out->len, stdout);
  fflush (stdout);
}

static char *
describe_sample (const HarleySample *s)
{
  if (s->site == NULL || s->site[0] == '\0')
    return g_strdup (harley_sample_type_label (s->type));
  return g_strdup_printf ("%s · %s", harley_sample_type_label (s->type), s->site);
}

static void
print_table (GArray *rows)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      const HarleySample *s = row->sample;
      g_autofree char *taken = harley_format_date (s->taken_on);
      g_autofree char *due = harley_format_date (s->expected_by);
      g_autofree char *what = describe_sample (s);
      g_autofree char *expected = NULL;

      /* Only a sample away at the laboratory waits for its result. */
      if (due != NULL && s->state == HARLEY_SAMPLE_SENT)
        /* TRANSLATORS: when a sample's result is due, in the list of samples */
        expected = g_strdup_printf (row->overdue ? _("expected by %s, OVERDUE") : _("expected by %s"), due);
      /* TRANSLATORS: the number, the day taken, patient, type and site, state, laboratory and when due */
      g_string_append_printf (out, _("%-7" G_GINT64_FORMAT " %s  %s  %s  %s  %s  %s\n"), s->id,
                              taken != NULL ? taken : "", row->patient, what, harley_sample_state_label (s->state),
                              row->lab, expected != NULL ? expected : "");
    }
  fwrite (out->str, 1, out->len, stdout);
}

static int
run_list (HarleyCli  *cli,
          char      **args)
{
  g_autofree char *state_text = NULL;
  gboolean json = FALSE, overdue = FALSE;
  const GOptionEntry entries[] = {
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue,
      N_("Only samples sent and past their expected-by day with no result"), NULL },
    { "state", 's', 0, G_OPTION_ARG_STRING, &state_text,
      N_("Only samples in this state: taken, sent, received, reviewed, informed, closed, cancelled or lost"),
      N_("STATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write the samples as JSON"), NULL },
    { NULL }
  };
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  HarleySampleState state = HARLEY_SAMPLE_N_STATES;
  GDate today;
  int status = _harley_cli_parse (cli, "samples list", NULL,
                                  _("Lists the samples in the order they were taken: number, day taken, patient, "
                                    "type and site, state, laboratory and when the result is due."),
                                  NULL, entries, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) > 1)
    return _harley_cli_usage (LIST_COMMAND, _("“samples list” takes only options."));
  if (state_text != NULL && !harley_sample_state_from_string (state_text, &state))
    return _harley_cli_usage (LIST_COMMAND, _("--state must be taken, sent, received, reviewed, informed, closed, "
                                              "cancelled or lost."));
  if (!_harley_cli_parse_day ("--date", NULL, &today))
    return HARLEY_CLI_EXIT_FAILED;
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  if ((rows = list_rows (store, state, overdue, &today, &error)) == NULL)
    return _harley_cli_fail (error);
  if (json)
    print_json (rows);
  else if (rows->len > 0)
    print_table (rows);
  else
    g_printerr (overdue ? _("No samples are overdue.\n") : _("No samples.\n"));
  return HARLEY_CLI_EXIT_OK;
}

/* The samples group {{{1 */

static const HarleyCliCommand sample_commands[] = {
  { "add", N_("Record a sample taken from a patient"), run_add },
  { "send", N_("Record a sample as sent to its laboratory"), run_send },
  { "list", N_("List the samples, those overdue, or those in one state"), run_list },
  { "manifest", N_("Write the manifest of the samples sent to a laboratory on a day, as a PDF"),
    _harley_cli_samples_manifest },
};

static char *
describe_unknown_sample (const char *word)
{
  return g_strdup_printf (_("“%s” is not something harley-cli can do with samples."), word);
}

static const HarleyCliGroup samples_group = {
  .name = "samples",
  .summary = N_("Samples sent to laboratories."),
  .say_what_to_do = N_("Say what to do, such as “samples add” or “samples list”."),
  .describe_unknown = describe_unknown_sample,
  .subcommands = sample_commands,
  .n_subcommands = G_N_ELEMENTS (sample_commands),
  .name_width = 9,
};

/**
 * _harley_cli_samples:
 * @cli: the run's settings
 * @args: "samples" and what follows it
 *
 * Returns: the exit status
 */
int
_harley_cli_samples (HarleyCli  *cli,
                     char      **args)
{
  return _harley_cli_run_group (cli, args, &samples_group);
}
