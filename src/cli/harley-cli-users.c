/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-cli"

/* harley-cli users list | add | passphrase | archive
 *
 * harley-cli needs no sign-in: whoever may open the file may already
 * read every record in it, and what they do is in the audit trail under
 * their system user's name. So it is also the way back in when the only
 * administrator has forgotten their passphrase ("users passphrase"). */

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "harley-cli-passphrase.h"
#include "harley-user.h"

static int
user_exit_status (const GError *error)
{
  return error->domain == HARLEY_USER_ERROR ? HARLEY_CLI_EXIT_USAGE : harley_cli_exit_status (error);
}

static int
fail (const GError *error)
{
  g_printerr ("harley-cli: %s\n", error->message);
  return user_exit_status (error);
}

/* The user called @name, archived or not; the one not archived first */
static HarleyUser *
find_user (HarleyStore  *store,
           const char   *name,
           int          *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = harley_user_list (store, TRUE, &error);

  if (users == NULL)
    {
      *status = fail (error);
      return NULL;
    }
  for (guint i = 0; i < users->len; i++)
    {
      HarleyUser *user = g_ptr_array_index (users, i);

      if (g_utf8_collate (user->name, name) == 0 || g_ascii_strcasecmp (user->name, name) == 0)
        return harley_user_copy (user);
    }
  g_printerr ("harley-cli: %s\n", _("There is no user of that name. “harley-cli users list” lists them."));
  *status = HARLEY_CLI_EXIT_USAGE;
  return NULL;
}

/* List {{{1 */

static int
run_list (HarleyCli  *cli,
          char      **args)
{
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new ("[");
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON, for other programs"), NULL },
    { NULL }
  };
  int status = _harley_cli_parse (cli, "users list", NULL, _("Lists everyone who uses Harley, with their role."),
                                  NULL, entries, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) > 1)
    return _harley_cli_usage ("harley-cli users list", _("“users list” takes no arguments."));
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  if ((users = harley_user_list (store, TRUE, &error)) == NULL)
    return fail (error);
  for (guint i = 0; i < users->len; i++)
    {
      const HarleyUser *user = g_ptr_array_index (users, i);

      if (!json)
        {
          g_print ("%s  %s%s\n", user->name, harley_role_label (user->role), user->archived ? _(" (archived)") : "");
          continue;
        }
      g_string_append (out, i == 0 ? "\n  {\"name\": " : ",\n  {\"name\": ");
      harley_cli_json_append_string (out, user->name);
      g_string_append (out, ", \"role\": ");
      harley_cli_json_append_string (out, harley_role_to_string (user->role));
      g_string_append_printf (out, ", \"archived\": %s}", user->archived ? "true" : "false");
    }
  if (json)
    {
      g_string_append (out, users->len > 0 ? "\n]\n" : "]\n");
      fwrite (out->str, 1, out->len, stdout);
    }
  return HARLEY_CLI_EXIT_OK;
}

/* Add, passphrase {{{1 */

static int
run_add (HarleyCli  *cli,
         char      **args)
{
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(HarleyBackupSecret) passphrase = harley_backup_secret_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *role_text = NULL;
  HarleyCliSecretSource source = { -1, TRUE, N_("Their passphrase: ") };
  HarleyRole role = HARLEY_ROLE_SECRETARY;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text,
      N_("secretary (the default), clinician or administrator"), N_("ROLE") },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &source.fd,
      N_("Read the passphrase as one line from this file descriptor, for scripts"), N_("N") },
    { NULL }
  };
  int status = _harley_cli_parse (cli, "users add", _("NAME"),
                                  _("Adds someone who may sign in to Harley. Their passphrase is asked for "
                                    "twice; only a hash of it is kept."), NULL, entries, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) != 2)
    return _harley_cli_usage ("harley-cli users add", _("Give the user's name, in quotes if it has spaces."));
  if (role_text != NULL && !harley_role_from_string (role_text, &role))
    return _harley_cli_usage ("harley-cli users add",
                              _("The role is secretary, clinician or administrator."));
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL
      || (status = _harley_cli_read_secret (&source, passphrase)) >= 0)
    return status;
  if (harley_user_add (store, args[1], role, passphrase, 0, &error) == 0)
    return fail (error);
  g_print (_("%s can sign in to Harley now, as %s.\n"), args[1], harley_role_label (role));
  return HARLEY_CLI_EXIT_OK;
}

static int
run_passphrase (HarleyCli  *cli,
                char      **args)
{
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(HarleyBackupSecret) passphrase = harley_backup_secret_new ();
  g_autoptr(HarleyUser) user = NULL;
  g_autoptr(GError) error = NULL;
  HarleyCliSecretSource source = { -1, TRUE, N_("New passphrase: ") };
  const GOptionEntry entries[] = {
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &source.fd,
      N_("Read the passphrase as one line from this file descriptor, for scripts"), N_("N") },
    { NULL }
  };
  int status = _harley_cli_parse (cli, "users passphrase", _("NAME"),
                                  _("Gives a user a new passphrase, for someone who has forgotten theirs "
                                    "(the only administrator, say). Wrong tries are forgotten too."),
                                  NULL, entries, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) != 2)
    return _harley_cli_usage ("harley-cli users passphrase", _("Give the user's name, in quotes if it has spaces."));
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL || (user = find_user (store, args[1], &status)) == NULL
      || (status = _harley_cli_read_secret (&source, passphrase)) >= 0)
    return status;
  if (!harley_user_set_passphrase (store, user->id, passphrase, &error))
    return fail (error);
  g_print (_("%s has a new passphrase.\n"), user->name);
  return HARLEY_CLI_EXIT_OK;
}

static int
run_archive (HarleyCli  *cli,
             char      **args)
{
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(HarleyUser) user = NULL;
  g_autoptr(GError) error = NULL;
  int status = _harley_cli_parse (cli, "users archive", _("NAME"),
                                  _("Stops someone who has left from signing in. Nothing is deleted: the "
                                    "records and the audit trail keep their name."), NULL, NULL, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) != 2)
    return _harley_cli_usage ("harley-cli users archive", _("Give the user's name, in quotes if it has spaces."));
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL || (user = find_user (store, args[1], &status)) == NULL)
    return status;
  if (!harley_user_set_archived (store, user->id, TRUE, &error))
    return fail (error);
  g_print (_("%s can no longer sign in.\n"), user->name);
  return HARLEY_CLI_EXIT_OK;
}

/* The group {{{1 */

static const HarleyCliCommand subcommands[] = {
  { "list", N_("List everyone who uses Harley"), run_list },
  { "add", N_("Add someone who may sign in"), run_add },
  { "passphrase", N_("Give someone a new passphrase"), run_passphrase },
  { "archive", N_("Stop someone who has left from signing in"), run_archive },
};

static char *
describe_unknown (const char *word)
{
  return g_strdup_printf (_("“%s” is not something harley-cli can do with users."), word);
}

static const HarleyCliGroup group = {
  .name = "users",
  .summary = N_("The people who sign in to Harley."),
  .say_what_to_do = N_("Say what to do, such as “users list”."),
  .describe_unknown = describe_unknown,
  .subcommands = subcommands,
  .n_subcommands = G_N_ELEMENTS (subcommands),
  .name_width = 10,
};

/**
 * _harley_cli_users:
 * @cli: the run's settings
 * @args: "users" and what follows it
 *
 * Returns: the exit status
 */
int
_harley_cli_users (HarleyCli  *cli,
                   char      **args)
{
  return _harley_cli_run_group (cli, args, &group);
}
