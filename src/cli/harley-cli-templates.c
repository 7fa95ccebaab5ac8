/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-cli"

/* harley-cli templates check */

#include <glib/gi18n-lib.h>

#include "harley-cli.h"
#include "harley-template.h"

/* Check {{{1 */

static void
print_problems (const char *path,
                GPtrArray  *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const HarleyTemplateProblem *problem = g_ptr_array_index (problems, i);

      /* The compilers' form, which editors can jump to. */
      g_printerr ("%s:%u:%u: %s\n", path, problem->line, problem->column, problem->reason);
    }
}

/* Reads the file and checks its fields' names and braces; it needs no
 * database, since what a patient's record holds is not looked at. */
static int
run_check (HarleyCli  *cli,
           char      **args)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(HarleyTemplate) template = NULL;
  gsize length = 0;
  int status = _harley_cli_parse (cli, "templates check", _("FILE"),
                                  _("Check a letter template's merge fields, such as {{patient.dob}}."),
                                  _("Each problem is shown as FILE:LINE:COLUMN: what is wrong.\n"
                                    "Exit status 2 means the template has problems."),
                                  NULL, FALSE, &args);

  if (status >= 0)
    return status;
  if (args[1] == NULL || args[2] != NULL)
    return _harley_cli_usage ("harley-cli templates check", _("Give one template file to check."));
  if (!g_file_get_contents (args[1], &text, &length, &error))
    {
      /* TRANSLATORS: %s is a file's name, then why it could not be read */
      g_printerr (_("harley-cli: Cannot read the template “%s”: %s\n"), args[1], error->message);
      return HARLEY_CLI_EXIT_USAGE;
    }
  template = harley_template_parse (text, length, &problems, NULL);
  if (template == NULL)
    {
      print_problems (args[1], problems);
      return HARLEY_CLI_EXIT_USAGE;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s is a sound template (%u field).\n",
                        "%s is a sound template (%u fields).\n", harley_template_count_fields (template)),
           args[1], harley_template_count_fields (template));
  return HARLEY_CLI_EXIT_OK;
}

/* The group {{{1 */

static const HarleyCliCommand subcommands[] = {
  { "check", N_("Check a letter template for unknown fields and unclosed braces"), run_check },
};

static char *
describe_unknown (const char *word)
{
  return g_strdup_printf (_("“%s” is not something harley-cli can do with letter templates."), word);
}

static const HarleyCliGroup group = {
  .name = "templates",
  .summary = N_("Letter templates."),
  .say_what_to_do = N_("Say what to do, such as “templates check FILE”."),
  .describe_unknown = describe_unknown,
  .subcommands = subcommands,
  .n_subcommands = G_N_ELEMENTS (subcommands),
  .name_width = 8,
};

/**
 * _harley_cli_templates:
 * @cli: the run's settings
 * @args: "templates" and what follows it
 *
 * Returns: the exit status
 */
int
_harley_cli_templates (HarleyCli  *cli,
                       char      **args)
{
  return _harley_cli_run_group (cli, args, &group);
}
