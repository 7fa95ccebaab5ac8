/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-cli"

/* harley-cli backup create | verify | restore | list
 *
 * The passphrase is never an argument, where ps(1) and the shell's history
 * would show it: it is asked for on the terminal without echo, or for
 * scripts read as one line from --passphrase-fd N, as gpg does. */

#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harley-backup-settings.h"
#include "harley-cli.h"
#include "harley-cli-passphrase.h"

#define CONFIRM_WORD       "RESTORE"

static int
backup_exit_status (const GError *error)
{
  if (error->domain != HARLEY_BACKUP_ERROR)
    return harley_cli_exit_status (error);
  switch ((HarleyBackupError) error->code)
    {
    case HARLEY_BACKUP_ERROR_WRONG_PASSPHRASE:
    case HARLEY_BACKUP_ERROR_DAMAGED:
    case HARLEY_BACKUP_ERROR_NOT_A_BACKUP:
      return HARLEY_CLI_EXIT_USAGE;
    case HARLEY_BACKUP_ERROR_TOO_NEW:
      return HARLEY_CLI_EXIT_TOO_NEW;
    case HARLEY_BACKUP_ERROR_NO_SPACE:
    case HARLEY_BACKUP_ERROR_FAILED:
    default:
      return HARLEY_CLI_EXIT_FAILED;
    }
}

static int
fail (const GError *error)
{
  g_printerr ("harley-cli: %s\n", error->message);
  return backup_exit_status (error);
}

static int
refuse (const char *message)
{
  g_printerr ("harley-cli: %s\n", message);
  return HARLEY_CLI_EXIT_USAGE;
}

/* Showing a backup {{{1 */

static char *
describe_made (GDateTime *made)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (made);

  return g_date_time_format (local, "%-d %B %Y, %H:%M");
}

static char *
database_path (HarleyCli *cli)
{
  return cli->database != NULL ? g_strdup (cli->database) : harley_store_default_path ();
}

/* Create {{{1 */

static int
create_in (HarleyCli    *cli,
           const char   *folder,
           guint         keep,
           const HarleyCliSecretSource *source)
{
  g_autoptr(HarleyBackupSecret) passphrase = harley_backup_secret_new ();
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyBackupSummary) summary = NULL;
  g_autofree char *file = NULL;
  g_autofree char *holds = NULL;
  int status;

  /* Open first: no passphrase is asked for a database that is not there. */
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  if (harley_backup_is_same_disk (harley_store_get_path (store), folder))
    g_printerr (_("harley-cli: Warning: “%s” is on the same disk as the practice database, so "
                  "one broken or stolen disk would lose both. Keep backups on a USB drive or "
                  "a network drive too.\n"), folder);
  if ((status = _harley_cli_read_secret (source, passphrase)) >= 0)
    return status;
  if ((file = harley_backup_create (store, folder, passphrase, keep, &summary, &error)) == NULL)
    return fail (error);
  holds = harley_backup_describe_holdings (summary);
  g_print (_("Made and checked the backup “%s”: %s.\n"), file, holds);
  return HARLEY_CLI_EXIT_OK;
}

static int
run_create (HarleyCli  *cli,
            char      **args)
{
  g_autofree char *folder = NULL;
  gint keep = HARLEY_BACKUP_DEFAULT_KEEP;
  HarleyCliSecretSource source = { -1, TRUE, N_("Backup passphrase: ") };
  const GOptionEntry entries[] = {
    { "to", 't', 0, G_OPTION_ARG_FILENAME, &folder, N_("The backup folder, e.g. on a USB drive"), N_("DIR") },
    { "keep", 'k', 0, G_OPTION_ARG_INT, &keep, N_("How many backups to keep in it (default 7)"), N_("N") },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &source.fd,
      N_("Read the passphrase as one line from this file descriptor, for scripts"), N_("N") },
    { NULL }
  };
  int status = _harley_cli_parse (cli, "backup create", NULL,
                                  _("Makes an encrypted backup of the practice database in a folder, "
                                    "checks it, and removes the oldest beyond --keep. The passphrase "
                                    "is asked for twice; keep it safe, as no backup opens without it."),
                                  NULL, entries, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) > 1)
    return _harley_cli_usage ("harley-cli backup create",
                              _("“backup create” takes no arguments; the passphrase is asked for."));
  if (folder == NULL)
    return _harley_cli_usage ("harley-cli backup create", _("Say where to put the backup with --to DIR."));
  if (keep < 1 || keep > HARLEY_BACKUP_MAX_KEEP)
    return _harley_cli_usage ("harley-cli backup create", _("--keep must be between 1 and 1000."));
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *message = g_strdup_printf (_("There is no folder “%s”. Check that the backup "
                                                     "drive is connected."), folder);
      return refuse (message);
    }
  return create_in (cli, folder, (guint) keep, &source);
}

/* A backup named wrongly is the caller's to put right, before any
 * passphrase is asked for. */
static int
check_file (const char *file)
{
  g_autofree char *message = NULL;

  if (g_file_test (file, G_FILE_TEST_IS_REGULAR))
    return -1;
  message = g_strdup_printf (_("There is no backup file “%s”."), file);
  return refuse (message);
}

/* Verify {{{1 */

static int
run_verify (HarleyCli  *cli,
            char      **args)
{
  g_autoptr(HarleyBackupSecret) passphrase = harley_backup_secret_new ();
  g_autoptr(HarleyBackupSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *holds = NULL;
  g_autofree char *made = NULL;
  HarleyCliSecretSource source = { -1, FALSE, N_("Backup passphrase: ") };
  const GOptionEntry entries[] = {
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &source.fd,
      N_("Read the passphrase as one line from this file descriptor, for scripts"), N_("N") },
    { NULL }
  };
  int status = _harley_cli_parse (cli, "backup verify", _("FILE"),
                                  _("Decrypts a backup into a private temporary folder and checks the "
                                    "database inside, then removes the copy."),
                                  NULL, entries, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) != 2)
    return _harley_cli_usage ("harley-cli backup verify", _("Name one backup file."));
  if ((status = check_file (args[1])) >= 0 || (status = _harley_cli_read_secret (&source, passphrase)) >= 0)
    return status;
  if ((summary = harley_backup_verify (args[1], passphrase, &error)) == NULL)
    return fail (error);
  holds = harley_backup_describe_holdings (summary);
  made = describe_made (summary->made);
  g_print (_("“%s” is a good backup, made on %s: %s.\n"), args[1], made, holds);
  return HARLEY_CLI_EXIT_OK;
}

/* Restore {{{1 */

static gboolean
confirm_restore (const char *database)
{
  char line[64] = "";

  g_print (_("Type %s to replace the practice database “%s” with this backup: "), CONFIRM_WORD, database);
  fflush (stdout);
  if (fgets (line, sizeof line, stdin) == NULL)
    return FALSE;
  g_strchomp (line);
  return g_str_equal (line, CONFIRM_WORD);
}

static int
restore_from (const char         *file,
              const char         *database,
              HarleyBackupSecret *passphrase,
              gboolean            yes)
{
  g_autoptr(HarleyBackupRestore) restore = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *holds = NULL;
  g_autofree char *made = NULL;

  if ((restore = harley_backup_restore_prepare (file, database, passphrase, &error)) == NULL)
    return fail (error);
  holds = harley_backup_describe_holdings (harley_backup_restore_get_summary (restore));
  made = describe_made (harley_backup_restore_get_summary (restore)->made);
  g_print (_("The backup was made on %s and holds %s.\n"), made, holds);
  if (!yes && !confirm_restore (database))
    return refuse (_("Nothing was restored; the practice database is as it was."));
  if (!harley_backup_restore_commit (restore, &kept, &error))
    return fail (error);
  if (kept != NULL)
    g_print (_("Restored. The database as it was before is kept as “%s”.\n"), kept);
  else
    g_print (_("Restored the practice database at “%s”.\n"), database);
  return HARLEY_CLI_EXIT_OK;
}

static int
run_restore (HarleyCli  *cli,
             char      **args)
{
  g_autoptr(HarleyBackupSecret) passphrase = harley_backup_secret_new ();
  g_autofree char *database = NULL;
  gboolean yes = FALSE;
  HarleyCliSecretSource source = { -1, FALSE, N_("Backup passphrase: ") };
  const GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Do not ask before replacing the database"), NULL },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &source.fd,
      N_("Read the passphrase as one line from this file descriptor, for scripts"), N_("N") },
    { NULL }
  };
  int status = _harley_cli_parse (cli, "backup restore", _("FILE"),
                                  _("Replaces the practice database with a backup, after checking the "
                                    "backup and saying what it holds. The database as it was is kept "
                                    "beside it as NAME.before-restore-DATE. Close Harley first."),
                                  NULL, entries, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) != 2)
    return _harley_cli_usage ("harley-cli backup restore", _("Name one backup file."));
  if ((status = check_file (args[1])) >= 0 || (status = _harley_cli_read_secret (&source, passphrase)) >= 0)
    return status;
  database = database_path (cli);
  return restore_from (args[1], database, passphrase, yes);
}

/* List {{{1 */

/* The local time in a name "harley-YYYYMMDD-HHMMSS…", for a list made
 * without the passphrase. */
static char *
describe_name (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  int y, mo, d, h, mi, s;
  g_autoptr(GDateTime) when = NULL;

  if (sscanf (name, "harley-%4d%2d%2d-%2d%2d%2d", &y, &mo, &d, &h, &mi, &s) != 6
      || (when = g_date_time_new_local (y, mo, d, h, mi, s)) == NULL)
    return g_strdup ("?");
  return g_date_time_format (when, "%-d %B %Y, %H:%M");
}

static void
print_backup (const char         *path,
              HarleyBackupSecret *passphrase)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *when = describe_name (path);
  g_autofree char *size = NULL;
  g_autoptr(HarleyBackupSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  size = g_format_size (g_stat (path, &st) == 0 ? (guint64) st.st_size : 0);
  if (passphrase == NULL)
    {
      g_print ("%s\t%s\t%s\n", name, when, size);
      return;
    }
  if ((summary = harley_backup_read_summary (path, passphrase, &error)) == NULL)
    {
      g_print ("%s\t%s\t%s\t%s\n", name, when, size, error->message);
      return;
    }
  {
    g_autofree char *holds = harley_backup_describe_holdings (summary);

    g_print ("%s\t%s\t%s\t%s\n", name, when, size, holds);
  }
}

static int
run_list (HarleyCli  *cli,
          char      **args)
{
  g_autoptr(HarleyBackupSecret) passphrase = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  gboolean contents = FALSE;
  HarleyCliSecretSource source = { -1, FALSE, N_("Backup passphrase: ") };
  const GOptionEntry entries[] = {
    { "contents", 'c', 0, G_OPTION_ARG_NONE, &contents,
      N_("Ask for the passphrase and show what each backup holds"), NULL },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &source.fd,
      N_("Read the passphrase as one line from this file descriptor (implies --contents)"), N_("N") },
    { NULL }
  };
  int status = _harley_cli_parse (cli, "backup list", _("DIR"),
                                  _("Lists the backups in a folder, newest first: name, date and size, "
                                    "and with the passphrase what each holds."),
                                  NULL, entries, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) != 2)
    return _harley_cli_usage ("harley-cli backup list", _("Name one backup folder."));
  if ((files = harley_backup_list (args[1], &error)) == NULL)
    return fail (error);
  if (contents || source.fd >= 0)
    {
      passphrase = harley_backup_secret_new ();
      if ((status = _harley_cli_read_secret (&source, passphrase)) >= 0)
        return status;
    }
  if (files->len == 0)
    g_print (_("There are no Harley backups in “%s”.\n"), args[1]);
  for (guint i = 0; i < files->len; i++)
    print_backup (g_ptr_array_index (files, i), passphrase);
  return HARLEY_CLI_EXIT_OK;
}

/* The group {{{1 */

static const HarleyCliCommand subcommands[] = {
  { "create", N_("Make an encrypted, checked backup in a folder"), run_create },
  { "verify", N_("Check that a backup is whole and opens"), run_verify },
  { "restore", N_("Replace the practice database with a backup"), run_restore },
  { "list", N_("List the backups in a folder"), run_list },
};

static char *
describe_unknown (const char *word)
{
  return g_strdup_printf (_("“%s” is not something harley-cli can do with backups."), word);
}

static const HarleyCliGroup group = {
  .name = "backup",
  .summary = N_("Encrypted backups of the practice database."),
  .say_what_to_do = N_("Say what to do, such as “backup create --to DIR”."),
  .describe_unknown = describe_unknown,
  .subcommands = subcommands,
  .n_subcommands = G_N_ELEMENTS (subcommands),
  .name_width = 8,
};

/**
 * _harley_cli_backup:
 * @cli: the run's settings
 * @args: "backup" and what follows it
 *
 * Returns: the exit status
 */
int
_harley_cli_backup (HarleyCli  *cli,
                    char      **args)
{
  return _harley_cli_run_group (cli, args, &group);
}
