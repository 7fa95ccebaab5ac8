/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-cli"

/* harley-cli templates list | check */

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "harley-cli.h"
#include "harley-letter.h"
#include "harley-template.h"

/* List {{{1 */

static void
print_json (GPtrArray *templates)
{
  g_autoptr(GString) out = g_string_new ("[");

  for (guint i = 0; i < templates->len; i++)
    {
      const HarleyLetterTemplate *t = g_ptr_array_index (templates, i);

      g_string_append (out, i == 0 ? "\n  " : ",\n  ");
      g_string_append_printf (out, "{\"id\": %" G_GINT64_FORMAT ", \"name\": ", t->id);
      harley_cli_json_append_string (out, t->name);
      g_string_append (out, ", \"description\": ");
      harley_cli_json_append_string (out, t->description);
      g_string_append_printf (out, ", \"default_to\": \"%s\", \"shipped\": %s}",
                              harley_recipient_kind_to_string (t->default_to), t->shipped ? "true" : "false");
    }
  g_string_append (out, templates->len > 0 ? "\n]\n" : "]\n");
  fwrite (out->str, 1, out->len, stdout);
  fflush (stdout);
}

static void
print_table (GPtrArray *templates)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < templates->len; i++)
    {
      const HarleyLetterTemplate *t = g_ptr_array_index (templates, i);

      /* TRANSLATORS: a template's number and name, then who its letters go to: "gp", "patient" … */
      g_string_append_printf (out, _("%-4" G_GINT64_FORMAT " %s  (to: %s)%s\n"), t->id, t->name,
                              harley_recipient_kind_to_string (t->default_to),
                              t->shipped ? _(", came with Harley") : "");
      if (t->description != NULL)
        g_string_append_printf (out, "     %s\n", t->description);
    }
  fwrite (out->str, 1, out->len, stdout);
}

static int
run_list (HarleyCli  *cli,
          char      **args)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write the templates as JSON"), NULL },
    { NULL }
  };
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GError) error = NULL;
  int status = _harley_cli_parse (cli, "templates list", NULL,
                                  _("Lists the letter templates in use, by name, with who their letters "
                                    "go to and whether they came with Harley."),
                                  NULL, entries, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) > 1)
    return _harley_cli_usage ("harley-cli templates list", _("“templates list” takes only options."));
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  if ((templates = harley_letter_template_list (store, &error)) == NULL)
    return _harley_cli_fail (error);
  if (json)
    print_json (templates);
  else if (templates->len > 0)
    print_table (templates);
  else
    g_printerr (_("There are no letter templates.\n"));
  return HARLEY_CLI_EXIT_OK;
}

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
  { "list", N_("List the letter templates"), run_list },
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
  .say_what_to_do = N_("Say what to do, such as “templates list” or “templates check FILE”."),
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
