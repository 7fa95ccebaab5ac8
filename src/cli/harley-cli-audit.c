/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-cli"

/* harley-cli audit verify, audit list: the audit trail checked from its
 * first entry to its last, and read. A trail that is broken (an entry
 * changed, removed or added behind Harley's back) or whose safeguards
 * were removed gives exit status HARLEY_CLI_EXIT_AUDIT_BROKEN. */

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "harley-audit-entry.h"
#include "harley-audit.h"
#include "harley-cli.h"

#define DEFAULT_LIMIT 100
#define MAX_LIMIT     100000

/* Verify {{{1 */

static int
run_verify (HarleyCli  *cli,
            char      **args)
{
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  /* TRANSLATORS: %d is harley-cli's exit status for a broken audit trail */
  g_autofree char *description = g_strdup_printf (_("Exit status %d means the trail is broken, or its "
                                                     "safeguards were removed: keep the file as it is."),
                                                   HARLEY_CLI_EXIT_AUDIT_BROKEN);
  gint64 n;
  int status = _harley_cli_parse (cli, "audit verify", NULL,
                                  _("Checks the audit trail: that no entry has been changed, removed "
                                    "or added since Harley wrote it, following the chain of hashes "
                                    "from the first entry to the last. Nothing is changed."),
                                  description, NULL, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) > 1)
    return _harley_cli_usage ("harley-cli audit verify", _("“audit verify” takes no arguments."));
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  if (!harley_audit_verify (store, NULL, &error) || (n = harley_audit_count (store, &error)) < 0)
    return _harley_cli_fail (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "The audit trail is whole: %" G_GINT64_FORMAT " entry.\n",
                        "The audit trail is whole: %" G_GINT64_FORMAT " entries.\n", n), n);
  return HARLEY_CLI_EXIT_OK;
}

/* List {{{1 */

/* "given name: Ann → Anne; phone mobile: — → 07700 900123" */
static char *
dup_changes_line (HarleyAuditEntry *entry)
{
  g_autofree char *text = harley_audit_entry_dup_changes_text (entry);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strjoinv ("; ", lines);
}

/* "12  04/03/2025 10:15  alice  change  Record of Ann Lee (patient 3)",
 * then the fields, indented */
static void
print_entry (HarleyAuditEntry *entry)
{
  g_autofree char *when = harley_audit_entry_dup_when (entry);
  g_autofree char *changes = dup_changes_line (entry);
  g_autofree char *patient = NULL;

  if (harley_audit_entry_get_patient_id (entry) > 0)
    /* TRANSLATORS: after what an audit entry records: the patient's number */
    patient = g_strdup_printf (_(" (patient %" G_GINT64_FORMAT ")"), harley_audit_entry_get_patient_id (entry));
  g_print ("%" G_GINT64_FORMAT "  %s  %s  %s  %s%s\n", harley_audit_entry_get_id (entry), when,
           harley_audit_entry_get_who (entry), harley_audit_entry_get_action (entry),
           harley_audit_entry_get_what (entry), patient != NULL ? patient : "");
  if (*changes != '\0')
    g_print ("    %s\n", changes);
}

static void
append_json_entry (GString          *out,
                   HarleyAuditEntry *entry)
{
  const char *prev_hash = NULL;
  const char *hash = harley_audit_entry_get_hash (entry, &prev_hash);
  const char *details = harley_audit_entry_get_details (entry);

  g_string_append_printf (out, "{\"id\": %" G_GINT64_FORMAT ", \"at\": ", harley_audit_entry_get_id (entry));
  harley_cli_json_append_string (out, harley_audit_entry_get_at (entry));
  g_string_append (out, ", \"who\": ");
  harley_cli_json_append_string (out, harley_audit_entry_get_who (entry));
  g_string_append (out, ", \"action\": ");
  harley_cli_json_append_string (out, harley_audit_entry_get_action (entry));
  if (harley_audit_entry_get_patient_id (entry) > 0)
    g_string_append_printf (out, ", \"patient_id\": %" G_GINT64_FORMAT, harley_audit_entry_get_patient_id (entry));
  else
    g_string_append (out, ", \"patient_id\": null");
  g_string_append (out, ", \"what\": ");
  harley_cli_json_append_string (out, harley_audit_entry_get_what (entry));
  /* The details are JSON already, checked by the table: as they are. */
  g_string_append_printf (out, ", \"details\": %s, \"prev_hash\": ", details != NULL ? details : "null");
  harley_cli_json_append_string (out, prev_hash);
  g_string_append (out, ", \"hash\": ");
  harley_cli_json_append_string (out, hash);
  g_string_append_c (out, '}');
}

static int
print_entries (HarleyStore  *store,
               GArray       *ids,
               gboolean      more,
               gboolean      json)
{
  g_autoptr(GString) out = g_string_new ("{\"more\": ");
  g_autoptr(GError) error = NULL;

  g_string_append_printf (out, "%s, \"entries\": [", more ? "true" : "false");
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(HarleyAuditEntry) entry = harley_audit_entry_load (store, g_array_index (ids, gint64, i), &error);

      if (entry == NULL)
        return _harley_cli_fail (error);
      if (!json)
        print_entry (entry);
      else
        {
          g_string_append (out, i == 0 ? "\n  " : ",\n  ");
          append_json_entry (out, entry);
        }
    }
  if (json)
    {
      g_string_append (out, ids->len > 0 ? "\n]}\n" : "]}\n");
      fwrite (out->str, 1, out->len, stdout);
      fflush (stdout);
    }
  else if (ids->len == 0)
    g_printerr (_("No entry in the audit trail matches.\n"));
  else if (more)
    g_printerr (_("More entries match: these are the newest %u. Narrow the search, or show more "
                  "with --limit.\n"), ids->len);
  return HARLEY_CLI_EXIT_OK;
}

typedef struct
{
  gint64    patient;
  char     *user;
  char     *action;
  char     *from;
  char     *to;
  gint64    limit;
  gboolean  json;
} ListOptions;

static void
list_options_clear (ListOptions *o)
{
  g_clear_pointer (&o->user, g_free);
  g_clear_pointer (&o->action, g_free);
  g_clear_pointer (&o->from, g_free);
  g_clear_pointer (&o->to, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ListOptions, list_options_clear)

static int
check_list_options (const ListOptions *o,
                    GDate             *from,
                    GDate             *to)
{
  if (o->limit < 1 || o->limit > MAX_LIMIT)
    return _harley_cli_usage ("harley-cli audit list", _("--limit must be between 1 and 100000."));
  if (o->patient < 0)
    return _harley_cli_usage ("harley-cli audit list", _("--patient must be a patient’s number."));
  if (o->action != NULL && !harley_audit_is_action (o->action))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) harley_audit_actions ());
      g_autofree char *message = g_strdup_printf (_("--action “%s” is not an action the audit trail "
                                                    "records. It records: %s."), o->action, known);

      return _harley_cli_usage ("harley-cli audit list", message);
    }
  if ((o->from != NULL && !_harley_cli_parse_day ("--from", o->from, from))
      || (o->to != NULL && !_harley_cli_parse_day ("--to", o->to, to)))
    return HARLEY_CLI_EXIT_USAGE;
  if (g_date_valid (from) && g_date_valid (to) && g_date_compare (from, to) > 0)
    return _harley_cli_usage ("harley-cli audit list", _("--from must not be after --to."));
  return -1;
}

static int
run_list (HarleyCli  *cli,
          char      **args)
{
  g_auto(ListOptions) o = { .limit = DEFAULT_LIMIT };
  const GOptionEntry entries[] = {
    { "patient", 'p', 0, G_OPTION_ARG_INT64, &o.patient, N_("Only entries about this patient"), N_("ID") },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &o.user, N_("Only what this user did"), N_("NAME") },
    { "action", 'a', 0, G_OPTION_ARG_STRING, &o.action,
      N_("Only this action: view, create, change, archive, restore, delete, print, export, backup, "
         "restore-backup, sign-in, failed-sign-in, sign-out"), N_("ACTION") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &o.from, N_("From this day (dd/mm/yyyy or YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &o.to, N_("To this day, included"), N_("DATE") },
    { "limit", 'l', 0, G_OPTION_ARG_INT64, &o.limit, N_("Show at most N entries (default 100)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("Write the entries as JSON"), NULL },
    { NULL }
  };
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  HarleyAuditFilter filter = { 0 };
  gboolean more = FALSE;
  GDate from, to;
  int status = _harley_cli_parse (cli, "audit list", NULL,
                                  _("Lists the audit trail, newest first: when, who, what was done and "
                                    "to which patient, with the fields changed, old → new."),
                                  NULL, entries, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) > 1)
    return _harley_cli_usage ("harley-cli audit list", _("“audit list” takes no arguments, only options."));
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  if ((status = check_list_options (&o, &from, &to)) >= 0)
    return status;
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  filter.patient_id = o.patient;
  filter.who = o.user;
  filter.action = o.action;
  filter.from = &from;
  filter.to = &to;
  if ((ids = harley_audit_find (store, &filter, (guint) o.limit, &more, &error)) == NULL)
    return _harley_cli_fail (error);
  return print_entries (store, ids, more, o.json);
}

/* The group {{{1 */

static const HarleyCliCommand audit_commands[] = {
  { "verify", N_("Check that no entry has been changed, removed or added"), run_verify },
  { "list", N_("List the entries, newest first"), run_list },
};

static char *
describe_unknown (const char *word)
{
  return g_strdup_printf (_("“%s” is not something harley-cli can do with the audit trail."), word);
}

static const HarleyCliGroup audit_group = {
  .name = "audit",
  .summary = N_("The audit trail: who did what, when, to which patient."),
  .say_what_to_do = N_("Say what to do, such as “audit verify” or “audit list”."),
  .describe_unknown = describe_unknown,
  .subcommands = audit_commands,
  .n_subcommands = G_N_ELEMENTS (audit_commands),
  .name_width = 6,
};

/**
 * _harley_cli_audit:
 * @cli: the run's settings
 * @args: "audit" and what follows it
 *
 * Returns: the exit status
 */
int
_harley_cli_audit (HarleyCli  *cli,
                   char      **args)
{
  return _harley_cli_run_group (cli, args, &audit_group);
}
