/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-cli"

/* harley-cli: the practice database from a terminal or a script, without
 * a display. Each command parses its own options with a GOptionContext;
 * --database and --help are understood everywhere. */

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "harley-audit.h"
#include "harley-cli.h"
#include "harley-demo.h"
#include "harley-diary.h"
#include "harley-json.h"
#include "harley-register.h"
#include "harley-sample.h"
#include "harley-validate.h"

#define DEFAULT_DEMO_PATIENTS 1000
#define MAX_CHECK_PROBLEMS    20

/* Errors and exit status {{{1 */

static int
store_exit_status (int code)
{
  switch ((HarleyStoreError) code)
    {
    case HARLEY_STORE_ERROR_NOT_HARLEY:
      return HARLEY_CLI_EXIT_NOT_HARLEY;
    case HARLEY_STORE_ERROR_TOO_NEW:
      return HARLEY_CLI_EXIT_TOO_NEW;
    case HARLEY_STORE_ERROR_DAMAGED:
      return HARLEY_CLI_EXIT_DAMAGED;
    case HARLEY_STORE_ERROR_IN_USE:
      return HARLEY_CLI_EXIT_IN_USE;
    case HARLEY_STORE_ERROR_READ_ONLY:
      return HARLEY_CLI_EXIT_READ_ONLY;
    case HARLEY_STORE_ERROR_DISK_FULL:
    case HARLEY_STORE_ERROR_BUSY:
    case HARLEY_STORE_ERROR_CONSTRAINT:
    case HARLEY_STORE_ERROR_NOT_FOUND:
    case HARLEY_STORE_ERROR_FAILED:
    default:
      return HARLEY_CLI_EXIT_FAILED;
    }
}

/**
 * harley_cli_exit_status:
 * @error: what went wrong
 *
 * Returns: the exit status harley-cli gives for @error
 */
int
harley_cli_exit_status (const GError *error)
{
  g_return_val_if_fail (error != NULL, HARLEY_CLI_EXIT_FAILED);

  if (error->domain == HARLEY_STORE_ERROR)
    return store_exit_status (error->code);
  if (error->domain == HARLEY_AUDIT_ERROR)
    return HARLEY_CLI_EXIT_AUDIT_BROKEN;
  if (error->domain == HARLEY_REGISTER_ERROR || error->domain == HARLEY_VALIDATE_ERROR
      || error->domain == HARLEY_DEMO_ERROR || error->domain == HARLEY_DIARY_ERROR || error->domain == G_OPTION_ERROR
      || error->domain == HARLEY_SAMPLE_ERROR)
    return HARLEY_CLI_EXIT_USAGE;
  return HARLEY_CLI_EXIT_FAILED;
}

int
_harley_cli_fail (const GError *error)
{
  g_printerr ("harley-cli: %s\n", error->message);
  return harley_cli_exit_status (error);
}

int
_harley_cli_usage (const char *command,
                   const char *message)
{
  g_printerr ("harley-cli: %s\n", message);
  /* TRANSLATORS: %s is a command, e.g. "harley-cli patients add" */
  g_printerr (_("Run “%s --help” to see how to use it.\n"), command);
  return HARLEY_CLI_EXIT_USAGE;
}

/* JSON {{{1 */

/**
 * harley_cli_json_append_string:
 * @out: where to write
 * @text: (nullable): UTF-8 text
 *
 * Appends @text as a JSON string or `null`: harley_json_append_string().
 */
void
harley_cli_json_append_string (GString    *out,
                               const char *text)
{
  harley_json_append_string (out, text);
}

/* Options {{{1 */

static void
print_help (GOptionContext *context,
            gboolean        to_stderr)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  if (to_stderr)
    g_printerr ("%s", help);
  else
    g_print ("%s", help);
}

static GOptionContext *
new_context (const char         *parameters,
             const char         *summary,
             const char         *description,
             const GOptionEntry *entries,
             const GOptionEntry *common)
{
  GOptionContext *context = g_option_context_new (parameters);

  /* --help is an option of ours, so that it returns rather than exits. */
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, description);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  return context;
}

/**
 * _harley_cli_parse:
 * @cli: the run's settings
 * @command: the command, e.g. "patients add"
 * @parameters: (nullable): what follows the options, for the usage line
 * @summary: (nullable): what the command does
 * @description: (nullable): shown after the options
 * @entries: (nullable): the command's own options
 * @strict_posix: stop at the first word that is not an option
 * @args: (inout): the command's arguments, the command's name first; the
 *   options are taken out
 *
 * Returns: -1 to carry on, or the exit status to end with (after --help
 *   or a mistake)
 */
int
_harley_cli_parse (HarleyCli           *cli,
                   const char          *command,
                   const char          *parameters,
                   const char          *summary,
                   const char          *description,
                   const GOptionEntry  *entries,
                   gboolean             strict_posix,
                   char              ***args)
{
  g_autofree char *database = NULL;
  gboolean help = FALSE;
  const GOptionEntry common[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
      N_("The practice database (default: Harley's own)"), N_("PATH") },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = new_context (parameters, summary, description, entries, common);
  g_autofree char *prgname = g_strconcat ("harley-cli ", command, NULL);
  g_autoptr(GError) error = NULL;

  /* The usage line starts with the program's name: make it the command's. */
  g_set_prgname (prgname);
  g_option_context_set_strict_posix (context, strict_posix);
  if (!g_option_context_parse_strv (context, args, &error))
    return _harley_cli_usage (prgname, error->message);
  if (help)
    {
      print_help (context, FALSE);
      return HARLEY_CLI_EXIT_OK;
    }
  if (database != NULL)
    {
      g_free (cli->database);
      cli->database = g_steal_pointer (&database);
    }
  return -1;
}

/* Opening {{{1 */

static char *
database_path (HarleyCli *cli)
{
  return cli->database != NULL ? g_strdup (cli->database) : harley_store_default_path ();
}

static gboolean
check_exists (const char  *path,
              int         *status)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      g_printerr (_("harley-cli: There is no practice database at “%s”. Create one with "
                    "“harley-cli init”, or give the right file with --database.\n"), path);
      *status = HARLEY_CLI_EXIT_NO_DATABASE;
      return FALSE;
    }
  /* Opening an empty file would make a new database of it. */
  if (S_ISREG (st.st_mode) && st.st_size == 0)
    {
      g_printerr (_("harley-cli: “%s” is an empty file, not a Harley practice database. "
                    "Choose the right file.\n"), path);
      *status = HARLEY_CLI_EXIT_NOT_HARLEY;
      return FALSE;
    }
  return TRUE;
}

/**
 * _harley_cli_open:
 * @cli: the run's settings
 * @create: make the database if it is not there
 * @status: (out): the exit status when it cannot be opened
 *
 * Opens the practice database, printing why not when it cannot.
 *
 * Returns: (transfer full) (nullable): the store
 */
HarleyStore *
_harley_cli_open (HarleyCli *cli,
                  gboolean   create,
                  int       *status)
{
  g_autofree char *path = database_path (cli);
  g_autoptr(GError) error = NULL;
  HarleyStore *store;

  if (!create && !check_exists (path, status))
    return NULL;
  store = harley_store_open (path, &error);
  if (store == NULL)
    *status = _harley_cli_fail (error);
  return store;
}

/* Groups of sub-commands {{{1 */

static char *
describe_subcommands (const HarleyCliGroup *group)
{
  GString *text = g_string_new (_("Commands:\n"));

  for (guint i = 0; i < group->n_subcommands; i++)
    g_string_append_printf (text, "  %-*s %s\n", group->name_width, group->subcommands[i].name,
                            _(group->subcommands[i].summary));
  /* TRANSLATORS: %s is a command that has commands of its own, e.g. "diary" */
  g_string_append_printf (text, _("\nRun “harley-cli %s COMMAND --help” to see its options.\n"), group->name);
  return g_string_free (text, FALSE);
}

static const HarleyCliCommand *
find_subcommand (const HarleyCliGroup *group,
                 const char           *name)
{
  for (guint i = 0; i < group->n_subcommands; i++)
    if (g_str_equal (group->subcommands[i].name, name))
      return &group->subcommands[i];
  return NULL;
}

/**
 * _harley_cli_run_group:
 * @cli: the run's settings
 * @args: the group's name, e.g. "diary", and what follows it
 * @group: the group and its sub-commands
 *
 * Runs the sub-command that @args names, or says what the group can do.
 *
 * Returns: the exit status
 */
int
_harley_cli_run_group (HarleyCli            *cli,
                       char                **args,
                       const HarleyCliGroup *group)
{
  g_autofree char *description = describe_subcommands (group);
  g_autofree char *command = g_strconcat ("harley-cli ", group->name, NULL);
  g_autofree char *message = NULL;
  g_auto(GStrv) rest = NULL;
  const HarleyCliCommand *subcommand;
  int status = _harley_cli_parse (cli, group->name, _("COMMAND [OPTION…]"), _(group->summary),
                                  description, NULL, TRUE, &args);

  if (status >= 0)
    return status;
  if (args[1] == NULL)
    return _harley_cli_usage (command, _(group->say_what_to_do));
  if ((subcommand = find_subcommand (group, args[1])) == NULL)
    {
      message = group->describe_unknown (args[1]);
      return _harley_cli_usage (command, message);
    }
  rest = g_strdupv (args + 1);
  return subcommand->run (cli, rest);
}

/* Commands {{{1 */

static int
run_init (HarleyCli  *cli,
          char      **args)
{
  g_autofree char *path = NULL;
  g_autoptr(HarleyStore) store = NULL;
  gboolean existed;
  int status = _harley_cli_parse (cli, "init", NULL,
                                  _("Creates the practice database, with its folder, readable only "
                                    "by you. An existing database is opened, checked and brought up "
                                    "to date."),
                                  NULL, NULL, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) > 1)
    return _harley_cli_usage ("harley-cli init", _("“init” takes no arguments."));
  path = database_path (cli);
  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if ((store = _harley_cli_open (cli, TRUE, &status)) == NULL)
    return status;
  if (existed)
    g_print (_("The practice database at “%s” is ready.\n"), harley_store_get_path (store));
  else
    g_print (_("Created a new practice database at “%s”.\n"), harley_store_get_path (store));
  return HARLEY_CLI_EXIT_OK;
}

static int
run_demo (HarleyCli  *cli,
          char      **args)
{
  gint64 n_patients = DEFAULT_DEMO_PATIENTS, seed = 1, n_appointments = HARLEY_DEMO_DEFAULT_APPOINTMENTS;
  const GOptionEntry entries[] = {
    { "patients", 'n', 0, G_OPTION_ARG_INT64, &n_patients, N_("How many patients (default 1000)"), N_("N") },
    { "appointments", 'a', 0, G_OPTION_ARG_INT64, &n_appointments,
      N_("How many diary appointments (default 2250, six months back and six ahead; 0 for no diary)"), N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("Another seed makes other people (default 1)"), N_("S") },
    { NULL }
  };
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  int status = _harley_cli_parse (cli, "demo", NULL,
                                  _("Fills a new, empty practice database with made-up patients, "
                                    "an address book and a diary, to try Harley on. The same seed always makes "
                                    "the same people. A database that has patients is left alone."),
                                  _("More appointments reach further back in time; every 150000 bring "
                                    "another consultant and nurse, so that 1000000 go back about fifty-five years."),
                                  entries, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) > 1)
    return _harley_cli_usage ("harley-cli demo", _("“demo” takes no arguments."));
  if (n_patients < 0 || n_patients > HARLEY_DEMO_MAX_PATIENTS)
    {
      g_autofree char *message = g_strdup_printf (_("--patients must be between 0 and %u."),
                                                  HARLEY_DEMO_MAX_PATIENTS);
      return _harley_cli_usage ("harley-cli demo", message);
    }
  if (n_appointments < 0 || n_appointments > HARLEY_DEMO_MAX_APPOINTMENTS)
    {
      g_autofree char *message = g_strdup_printf (_("--appointments must be between 0 and %u."),
                                                  HARLEY_DEMO_MAX_APPOINTMENTS);
      return _harley_cli_usage ("harley-cli demo", message);
    }
  if (seed < 0 || seed > G_MAXUINT32)
    return _harley_cli_usage ("harley-cli demo", _("--seed must be between 0 and 4294967295."));
  if ((store = _harley_cli_open (cli, TRUE, &status)) == NULL)
    return status;
  start = g_get_monotonic_time ();
  if (!harley_demo_fill_with_letters (store, (guint) n_patients, (guint) n_appointments, (guint32) seed, NULL,
                                      harley_letter_draw_for_demo, NULL, &error))
    return _harley_cli_fail (error);
  g_print (_("Added %u demo patients and their address book to “%s” in %.1f seconds.\n"),
           (guint) n_patients, harley_store_get_path (store),
           (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  if (n_patients > 0 && n_appointments > 0)
    g_print (_("The diary has %u appointments.\n"), (guint) n_appointments);
  return HARLEY_CLI_EXIT_OK;
}

static gint64
count_rows (HarleyStore *store,
            const char  *sql)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, sql, NULL);
  gint64 count = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return count;
}

/* Opening ran SQLite's quick check; this is the slower full one, which
 * also compares every index with its table. */
static gboolean
check_integrity (HarleyStore  *store,
                 GString      *problems,
                 GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "PRAGMA integrity_check (" G_STRINGIFY (MAX_CHECK_PROBLEMS) ")",
                                             error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "  %s\n", line);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

static int
run_check (HarleyCli  *cli,
           char      **args)
{
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  int status = _harley_cli_parse (cli, "check", NULL,
                                  _("Checks the whole practice database for damage, without "
                                    "changing it."),
                                  NULL, NULL, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) > 1)
    return _harley_cli_usage ("harley-cli check", _("“check” takes no arguments."));
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  if (!check_integrity (store, problems, &error))
    return _harley_cli_fail (error);
  if (problems->len > 0)
    {
      g_printerr (_("harley-cli: The practice database is damaged. Restore it from your latest "
                    "backup, or ask for help before anything else is done with this file. "
                    "SQLite found:\n%s"), problems->str);
      return HARLEY_CLI_EXIT_DAMAGED;
    }
  g_print (_("The practice database at “%s” is sound: %" G_GINT64_FORMAT " patients, "
             "%" G_GINT64_FORMAT " address book entries.\n"),
           harley_store_get_path (store), count_rows (store, "SELECT count(*) FROM patient"),
           count_rows (store, "SELECT count(*) FROM contact"));
  return HARLEY_CLI_EXIT_OK;
}

static int run_help (HarleyCli  *cli,
                     char      **args);

static const HarleyCliCommand commands[] = {
  { "init", N_("Create the practice database, or check that it opens") , run_init },
  { "demo", N_("Fill a new, empty database with demo patients"), run_demo },
  { "check", N_("Check the practice database for damage"), run_check },
  { "patients", N_("Search for patients (“patients search”) or add one (“patients add”)"),
    _harley_cli_patients },
  { "diary", N_("The diary: list a day (“diary list”), book (“diary book”), export or print"),
    _harley_cli_diary },
  { "templates", N_("Letter templates: list them (“templates list”) or check one (“templates check FILE”)"),
    _harley_cli_templates },
  { "letters", N_("Letters: start one (“letters new”), list them (“letters list”) or write one as a PDF"),
    _harley_cli_letters },
  { "backup", N_("Backups: make one (“backup create”), verify, restore or list them"), _harley_cli_backup },
  { "samples", N_("Samples: record one (“samples add”), send it, list them or write a laboratory manifest"),
    _harley_cli_samples },
  { "results", N_("File a sample's result, with the laboratory's PDF (“results add”)"), _harley_cli_results },
  { "calls", N_("Record a call to a patient about a result (“calls add”)"), _harley_cli_calls },
  { "audit", N_("The audit trail: check it (“audit verify”) or list it (“audit list”)"), _harley_cli_audit },
  { "users", N_("Who signs in: list them, add one, set a forgotten passphrase (“users passphrase”)"),
    _harley_cli_users },
  { "subject-access", N_("Export everything held about one patient, for a subject access request"),
    _harley_cli_subject_access },
  { "retention", N_("List the records past their retention period"), _harley_cli_retention },
  { "help", N_("Show the help of harley-cli or of a command"), run_help },
};

static const HarleyCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

/* Main {{{1 */

static char *
describe_commands (void)
{
  g_autofree char *database = harley_store_default_path ();
  GString *text = g_string_new (_("Commands:\n"));
  int width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (int) strlen (commands[i].name));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-*s %s\n", width, commands[i].name, _(commands[i].summary));
  g_string_append (text, _("\nRun “harley-cli COMMAND --help” to see a command's options.\n"));
  g_string_append_printf (text, _("Without --database, the practice database is “%s”.\n\n"), database);
  g_string_append (text, _("Exit status:\n"
                           "  0  Done.\n"
                           "  1  Something went wrong while working, for example the disk is full.\n"
                           "  2  The command or what was typed was wrong; nothing was written.\n"
                           "  3  The file is not a Harley practice database.\n"
                           "  4  The database was saved by a newer Harley; update Harley.\n"
                           "  5  The database is damaged; restore it from a backup.\n"
                           "  6  The database is open in another Harley; close that first.\n"
                           "  7  The database is in a read-only place.\n"
                           "  8  There is no practice database at that path.\n"
                           "  9  The audit trail is broken; keep the file as it is.\n"));
  return g_string_free (text, FALSE);
}

typedef struct
{
  HarleyCli  cli;
  char     **args;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->cli.database, g_free);
  g_clear_pointer (&run->args, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static GOptionContext *
main_context (char     **database,
              gboolean  *help,
              gboolean  *version)
{
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, database,
      N_("The practice database (default: Harley's own)"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, version, N_("Show Harley's version"), NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, help, N_("Show this help"), NULL },
    { NULL }
  };
  g_autofree char *description = describe_commands ();
  GOptionContext *context = new_context (_("COMMAND [OPTION…]"),
                                         _("Harley's practice database from the command line."),
                                         description, NULL, entries);

  /* Options after the command are the command's. */
  g_option_context_set_strict_posix (context, TRUE);
  return context;
}

static int
run_command (Run *run)
{
  const HarleyCliCommand *command = find_command (run->args[1]);
  g_auto(GStrv) args = NULL;

  if (command == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a harley-cli command."), run->args[1]);

      return _harley_cli_usage ("harley-cli", message);
    }
  args = g_strdupv (run->args + 1);
  return command->run (&run->cli, args);
}

static int
run_help (HarleyCli  *cli,
          char      **args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *database = NULL;
  gboolean help = FALSE, version = FALSE;
  g_autoptr(GOptionContext) context = main_context (&database, &help, &version);
  g_auto(GStrv) again = NULL;

  if (args[1] == NULL || g_str_equal (args[1], "help"))
    {
      g_set_prgname ("harley-cli");
      print_help (context, FALSE);
      return HARLEY_CLI_EXIT_OK;
    }
  if (find_command (args[1]) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a harley-cli command."), args[1]);

      return _harley_cli_usage ("harley-cli", message);
    }
  /* "help patients add" is "patients add --help" */
  g_strv_builder_addv (builder, (const char **) args + 1);
  g_strv_builder_add (builder, "--help");
  again = g_strv_builder_end (builder);
  return find_command (args[1])->run (cli, again);
}

/**
 * harley_cli_run:
 * @argc: the number of arguments
 * @argv: (array length=argc): the program's arguments
 *
 * Runs harley-cli. `harley-cli --help` lists the commands and exit status.
 *
 * Returns: the exit status
 */
int
harley_cli_run (int    argc,
                char **argv)
{
  g_auto(Run) run = { { NULL }, NULL };
  gboolean help = FALSE, version = FALSE;
  g_autoptr(GOptionContext) context = main_context (&run.cli.database, &help, &version);
  g_autoptr(GError) error = NULL;

  run.args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    run.args[i] = g_strdup (argv[i]);
  g_set_prgname ("harley-cli");
  if (!g_option_context_parse_strv (context, &run.args, &error))
    return _harley_cli_usage ("harley-cli", error->message);
  if (version)
    {
      g_print ("harley-cli %s\n", HARLEY_VERSION);
      return HARLEY_CLI_EXIT_OK;
    }
  if (help || run.args[0] == NULL || run.args[1] == NULL)
    {
      print_help (context, !help);
      return help ? HARLEY_CLI_EXIT_OK : HARLEY_CLI_EXIT_USAGE;
    }
  return run_command (&run);
}
