/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-cli"

/* harley-cli patients search | add */

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "harley-cli.h"
#include "harley-register.h"
#include "harley-validate.h"

#define DEFAULT_LIMIT 50
#define MAX_LIMIT     10000

/* Search {{{1 */

static const char *
search_kind_name (HarleySearchKind kind)
{
  switch (kind)
    {
    case HARLEY_SEARCH_RECENT:
      return "recent";
    case HARLEY_SEARCH_IDENTIFIER:
      return "identifier";
    case HARLEY_SEARCH_DATE_OF_BIRTH:
      return "date-of-birth";
    case HARLEY_SEARCH_TOO_SHORT:
      return "too-short";
    case HARLEY_SEARCH_NAME:
    default:
      return "name";
    }
}

static GPtrArray *
load_patients (HarleyStore  *store,
               GArray       *ids,
               GError      **error)
{
  g_autoptr(GPtrArray) patients = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < ids->len; i++)
    {
      HarleyPatient *patient = harley_register_load (store, g_array_index (ids, gint64, i), error);

      if (patient == NULL)
        return NULL;
      g_ptr_array_add (patients, patient);
    }
  return g_steal_pointer (&patients);
}

enum { COLUMN_ID, COLUMN_NAME, COLUMN_DOB, COLUMN_NHS, COLUMN_POSTCODE, N_COLUMNS };

static char **
table_row (HarleyPatient *patient)
{
  char **row = g_new0 (char *, N_COLUMNS + 1);
  const char *postcode = harley_patient_get_text (patient, HARLEY_PATIENT_POSTCODE);
  char *nhs = harley_format_nhs_number (harley_patient_get_text (patient, HARLEY_PATIENT_NHS_NUMBER));

  row[COLUMN_ID] = g_strdup_printf ("%" G_GINT64_FORMAT, harley_patient_get_id (patient));
  row[COLUMN_NAME] = harley_patient_dup_display_name (patient);
  row[COLUMN_DOB] = harley_format_date (harley_patient_get_text (patient, HARLEY_PATIENT_DATE_OF_BIRTH));
  row[COLUMN_NHS] = nhs != NULL ? nhs : g_strdup ("");
  row[COLUMN_POSTCODE] = g_strdup (postcode != NULL ? postcode : "");
  return row;
}

/* Columns padded by characters, not bytes, so that Zoë lines up. */
static void
append_row (GString     *out,
            char       **row,
            const guint  widths[N_COLUMNS])
{
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      g_string_append (out, row[c]);
      if (c + 1 < N_COLUMNS)
        for (guint pad = (guint) g_utf8_strlen (row[c], -1); pad < widths[c] + 2; pad++)
          g_string_append_c (out, ' ');
    }
  g_string_append_c (out, '\n');
}

static void
print_table (GPtrArray *patients)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GString) out = g_string_new (NULL);
  guint widths[N_COLUMNS] = { 0 };
  const char *header[N_COLUMNS + 1] = {
    _("ID"), _("Name"), _("Date of birth"), _("NHS number"), _("Postcode"), NULL
  };

  g_ptr_array_add (rows, g_strdupv ((char **) header));
  for (guint i = 0; i < patients->len; i++)
    g_ptr_array_add (rows, table_row (g_ptr_array_index (patients, i)));
  for (guint i = 0; i < rows->len; i++)
    for (guint c = 0; c < N_COLUMNS; c++)
      widths[c] = MAX (widths[c], (guint) g_utf8_strlen (((char **) g_ptr_array_index (rows, i))[c], -1));
  for (guint i = 0; i < rows->len; i++)
    append_row (out, g_ptr_array_index (rows, i), widths);
  g_print ("%s", out->str);
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
append_json_patient (GString       *out,
                     HarleyPatient *patient)
{
  static const struct
  {
    const char        *key;
    HarleyPatientText  field;
  } fields[] = {
    { "title", HARLEY_PATIENT_TITLE },
    { "given_name", HARLEY_PATIENT_GIVEN_NAME },
    { "family_name", HARLEY_PATIENT_FAMILY_NAME },
    { "preferred_name", HARLEY_PATIENT_PREFERRED_NAME },
    { "date_of_birth", HARLEY_PATIENT_DATE_OF_BIRTH },
    { "sex", HARLEY_PATIENT_SEX },
    { "nhs_number", HARLEY_PATIENT_NHS_NUMBER },
    { "post_town", HARLEY_PATIENT_POST_TOWN },
    { "postcode", HARLEY_PATIENT_POSTCODE },
  };
  const char *dob = harley_patient_get_text (patient, HARLEY_PATIENT_DATE_OF_BIRTH);
  const char *nhs = harley_patient_get_text (patient, HARLEY_PATIENT_NHS_NUMBER);
  g_autofree char *name = harley_patient_dup_display_name (patient);
  g_autofree char *dob_shown = harley_format_date (dob);
  g_autofree char *nhs_shown = harley_format_nhs_number (nhs);

  g_string_append_printf (out, "{\"id\": %" G_GINT64_FORMAT, harley_patient_get_id (patient));
  append_json_field (out, "name", name);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    append_json_field (out, fields[i].key, harley_patient_get_text (patient, fields[i].field));
  append_json_field (out, "date_of_birth_display", dob_shown);
  append_json_field (out, "nhs_number_display", nhs_shown);
  g_string_append_printf (out, ", \"archived\": %s}",
                          harley_patient_get_flag (patient, HARLEY_PATIENT_ARCHIVED) ? "true" : "false");
}

/* { "query": …, "kind": …, "more": …, "patients": [ {…}, … ] } */
static void
print_json (const char       *query,
            HarleySearchKind  kind,
            gboolean          more,
            GPtrArray        *patients)
{
  g_autoptr(GString) out = g_string_new ("{\"query\": ");

  harley_cli_json_append_string (out, query);
  g_string_append_printf (out, ", \"kind\": \"%s\", \"more\": %s, \"patients\": [",
                          search_kind_name (kind), more ? "true" : "false");
  for (guint i = 0; i < patients->len; i++)
    {
      g_string_append (out, i == 0 ? "\n  " : ",\n  ");
      append_json_patient (out, g_ptr_array_index (patients, i));
    }
  g_string_append (out, patients->len > 0 ? "\n]}\n" : "]}\n");
  /* Bytes as they are: JSON is UTF-8 whatever the terminal's locale. */
  fwrite (out->str, 1, out->len, stdout);
  fflush (stdout);
}

static void
print_search_notes (const char *query,
                    guint       found,
                    gboolean    more)
{
  if (found == 0 && *query != '\0')
    g_printerr (_("No patients match “%s”.\n"), query);
  else if (found == 0)
    g_printerr (_("There are no patients yet.\n"));
  else if (more)
    g_printerr (_("More patients match: these are the first %u. Type more of the name, "
                  "or show more with --limit.\n"), found);
}

static int
search_and_print (HarleyStore       *store,
                  const char        *query,
                  HarleySearchFlags  flags,
                  guint              limit,
                  gboolean           json)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GError) error = NULL;
  gboolean more = FALSE;
  HarleySearchKind kind = harley_register_search (store, query, flags, limit, ids, &more, &error);

  if (error != NULL)
    return _harley_cli_fail (error);
  if (kind == HARLEY_SEARCH_TOO_SHORT)
    {
      g_printerr (_("harley-cli: Type at least %d digits to search by number.\n"),
                  HARLEY_SEARCH_MIN_IDENTIFIER);
      return HARLEY_CLI_EXIT_USAGE;
    }
  if ((patients = load_patients (store, ids, &error)) == NULL)
    return _harley_cli_fail (error);
  if (json)
    print_json (query, kind, more, patients);
  else if (patients->len > 0)
    print_table (patients);
  if (!json)
    print_search_notes (query, patients->len, more);
  return HARLEY_CLI_EXIT_OK;
}

static int
run_search (HarleyCli  *cli,
            char      **args)
{
  gboolean json = FALSE, archived = FALSE;
  gint64 limit = DEFAULT_LIMIT;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write the patients found as JSON"), NULL },
    { "limit", 'l', 0, G_OPTION_ARG_INT64, &limit, N_("Show at most N patients (default 50)"), N_("N") },
    { "archived", 'a', 0, G_OPTION_ARG_NONE, &archived, N_("Include archived records"), NULL },
    { NULL }
  };
  g_autoptr(HarleyStore) store = NULL;
  g_autofree char *query = NULL;
  int status = _harley_cli_parse (cli, "patients search", _("[QUERY…]"),
                                  _("Finds patients by name (“smith”, “jane smith”), date of birth "
                                    "(07/03/1965), NHS number, hospital number, postcode or phone "
                                    "number, whole or the start of it. Without a query, lists the "
                                    "records changed last. Dates are shown as dd/mm/yyyy."),
                                  NULL, entries, FALSE, &args);

  if (status >= 0)
    return status;
  if (limit < 1 || limit > MAX_LIMIT)
    return _harley_cli_usage ("harley-cli patients search", _("--limit must be between 1 and 10000."));
  query = g_strjoinv (" ", args + 1);
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  return search_and_print (store, query, archived ? HARLEY_SEARCH_INCLUDE_ARCHIVED : HARLEY_SEARCH_DEFAULT,
                           (guint) limit, json);
}

/* Add {{{1 */

typedef struct
{
  char     *title;
  char     *given;
  char     *family;
  char     *preferred;
  char     *dob;
  char     *sex;
  char     *nhs;
  char    **address;
  char     *town;
  char     *postcode;
  char     *home;
  char     *mobile;
  char     *work;
  char     *email;
  char     *alerts;
  char     *notes;
  gboolean  self_pay;
  gboolean  allow_duplicate;
} AddOptions;

static void
add_options_clear (AddOptions *o)
{
  char **texts[] = {
    &o->title, &o->given, &o->family, &o->preferred, &o->dob, &o->sex, &o->nhs, &o->town,
    &o->postcode, &o->home, &o->mobile, &o->work, &o->email, &o->alerts, &o->notes,
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    g_clear_pointer (texts[i], g_free);
  g_clear_pointer (&o->address, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AddOptions, add_options_clear)

typedef gboolean (*Normaliser) (const char  *input,
                                char       **normalised,
                                GError     **error);

static gboolean
normalise_date_of_birth (const char  *input,
                         char       **iso,
                         GError     **error)
{
  return harley_validate_date_of_birth (input, NULL, iso, error);
}

static gboolean
normalise_sex (const char  *input,
               char       **normalised,
               GError     **error)
{
  static const char * const sexes[] = { "female", "male", "other", "unknown" };

  for (guint i = 0; i < G_N_ELEMENTS (sexes); i++)
    if (g_ascii_strcasecmp (input, sexes[i]) == 0
        || (i < 2 && g_ascii_toupper (input[0]) == g_ascii_toupper (sexes[i][0]) && input[1] == '\0'))
      {
        *normalised = g_strdup (sexes[i]);
        return TRUE;
      }
  g_set_error_literal (error, HARLEY_VALIDATE_ERROR, HARLEY_VALIDATE_ERROR_INVALID,
                       _("Give the sex as female, male, other or unknown."));
  return FALSE;
}

/* Checks what was typed for one field and keeps it in the form Harley
 * stores. An error names the field and repeats what was typed. */
static gboolean
set_checked (HarleyPatient      *patient,
             HarleyPatientText   field,
             const char         *input,
             Normaliser          normalise,
             GError            **error)
{
  g_autofree char *normalised = NULL;

  if (input == NULL)
    return TRUE;
  if (normalise != NULL && !normalise (input, &normalised, error))
    {
      /* TRANSLATORS: "NHS number “943 476 5918”: This NHS number is not valid…" */
      g_prefix_error (error, _("%s “%s”: "), harley_patient_text_label (field), input);
      return FALSE;
    }
  harley_patient_set_text (patient, field, normalised != NULL ? normalised : input);
  return TRUE;
}

static gboolean
check_required (AddOptions  *o,
                GError     **error)
{
  const char *missing = NULL;

  if (o->given == NULL || *g_strstrip (o->given) == '\0')
    missing = _("Give the patient's first name with --given.");
  else if (o->family == NULL || *g_strstrip (o->family) == '\0')
    missing = _("Give the patient's surname with --family.");
  else if (o->dob == NULL || *g_strstrip (o->dob) == '\0')
    missing = _("Give the patient's date of birth with --dob, for example --dob 1965-03-07.");
  else if (o->address != NULL && g_strv_length (o->address) > 3)
    missing = _("An address has up to three lines before the town: give --address at most three times.");
  if (missing != NULL)
    g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, missing);
  return missing == NULL;
}

static HarleyPatient *
patient_from_options (AddOptions  *o,
                      GError     **error)
{
  g_autoptr(HarleyPatient) patient = harley_patient_new ();
  const struct
  {
    HarleyPatientText  field;
    const char        *input;
    Normaliser         normalise;
  } fields[] = {
    { HARLEY_PATIENT_TITLE, o->title, NULL },
    { HARLEY_PATIENT_GIVEN_NAME, o->given, NULL },
    { HARLEY_PATIENT_FAMILY_NAME, o->family, NULL },
    { HARLEY_PATIENT_PREFERRED_NAME, o->preferred, NULL },
    { HARLEY_PATIENT_DATE_OF_BIRTH, o->dob, normalise_date_of_birth },
    { HARLEY_PATIENT_SEX, o->sex, normalise_sex },
    { HARLEY_PATIENT_NHS_NUMBER, o->nhs, harley_validate_nhs_number },
    { HARLEY_PATIENT_POST_TOWN, o->town, NULL },
    { HARLEY_PATIENT_POSTCODE, o->postcode, harley_validate_postcode },
    { HARLEY_PATIENT_PHONE_HOME, o->home, harley_validate_phone },
    { HARLEY_PATIENT_PHONE_MOBILE, o->mobile, harley_validate_phone },
    { HARLEY_PATIENT_PHONE_WORK, o->work, harley_validate_phone },
    { HARLEY_PATIENT_EMAIL, o->email, harley_validate_email },
    { HARLEY_PATIENT_ALERTS, o->alerts, NULL },
    { HARLEY_PATIENT_NOTES, o->notes, NULL },
  };

  if (!check_required (o, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!set_checked (patient, fields[i].field, fields[i].input, fields[i].normalise, error))
      return NULL;
  for (guint i = 0; o->address != NULL && o->address[i] != NULL; i++)
    harley_patient_set_text (patient, HARLEY_PATIENT_ADDRESS_LINE1 + i, o->address[i]);
  harley_patient_set_flag (patient, HARLEY_PATIENT_SELF_PAY, o->self_pay);
  return g_steal_pointer (&patient);
}

static int
save_patient (HarleyStore   *store,
              HarleyPatient *patient,
              gboolean       allow_duplicate)
{
  g_autoptr(GError) error = NULL;

  if (harley_register_save (store, patient,
                            allow_duplicate ? HARLEY_REGISTER_SAVE_ALLOW_SAME_NAME_DOB
                                            : HARLEY_REGISTER_SAVE_DEFAULT,
                            &error))
    {
      g_print ("%" G_GINT64_FORMAT "\n", harley_patient_get_id (patient));
      return HARLEY_CLI_EXIT_OK;
    }
  if (!g_error_matches (error, HARLEY_REGISTER_ERROR, HARLEY_REGISTER_ERROR_POSSIBLE_DUPLICATE))
    return _harley_cli_fail (error);
  g_printerr ("harley-cli: %s %s\n%s\n", _("Not saved."), error->message,
              _("If this is a different person, run the command again with --allow-duplicate-name."));
  return HARLEY_CLI_EXIT_USAGE;
}

static int
run_add (HarleyCli  *cli,
         char      **args)
{
  g_auto(AddOptions) o = { NULL };
  const GOptionEntry entries[] = {
    { "title", 't', 0, G_OPTION_ARG_STRING, &o.title, N_("Title: Mr, Mrs, Ms, Dr…"), N_("T") },
    { "given", 'g', 0, G_OPTION_ARG_STRING, &o.given, N_("First name (needed)"), N_("G") },
    { "family", 'f', 0, G_OPTION_ARG_STRING, &o.family, N_("Surname (needed)"), N_("F") },
    { "preferred", 0, 0, G_OPTION_ARG_STRING, &o.preferred, N_("The name they go by"), N_("P") },
    { "dob", 0, 0, G_OPTION_ARG_STRING, &o.dob, N_("Date of birth, YYYY-MM-DD or DD/MM/YYYY (needed)"), N_("DATE") },
    { "sex", 0, 0, G_OPTION_ARG_STRING, &o.sex, N_("female, male, other or unknown"), N_("S") },
    { "nhs", 0, 0, G_OPTION_ARG_STRING, &o.nhs, N_("NHS number"), N_("N") },
    { "address", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.address, N_("An address line (up to three times)"), N_("LINE") },
    { "town", 0, 0, G_OPTION_ARG_STRING, &o.town, N_("Post town"), N_("T") },
    { "postcode", 0, 0, G_OPTION_ARG_STRING, &o.postcode, N_("Postcode"), N_("P") },
    { "home", 0, 0, G_OPTION_ARG_STRING, &o.home, N_("Home phone"), N_("PHONE") },
    { "mobile", 0, 0, G_OPTION_ARG_STRING, &o.mobile, N_("Mobile phone"), N_("PHONE") },
    { "work", 0, 0, G_OPTION_ARG_STRING, &o.work, N_("Work phone"), N_("PHONE") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &o.email, N_("Email address"), N_("E") },
    { "alerts", 0, 0, G_OPTION_ARG_STRING, &o.alerts, N_("What everyone must know, e.g. “Latex allergy”"), N_("TEXT") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &o.notes, N_("Notes"), N_("TEXT") },
    { "self-pay", 0, 0, G_OPTION_ARG_NONE, &o.self_pay, N_("The patient pays for themselves"), NULL },
    { "allow-duplicate-name", 0, 0, G_OPTION_ARG_NONE, &o.allow_duplicate,
      N_("Save even though a patient with the same name and date of birth is on file"), NULL },
    { NULL }
  };
  g_autoptr(HarleyPatient) patient = NULL;
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status = _harley_cli_parse (cli, "patients add", NULL,
                                  _("Adds a patient and prints the new record's ID. Nothing is saved "
                                    "if anything given is not valid, if the NHS number is already on "
                                    "file, or if a patient with the same name and date of birth is "
                                    "(unless --allow-duplicate-name)."),
                                  NULL, entries, FALSE, &args);

  if (status >= 0)
    return status;
  if (g_strv_length (args) > 1)
    return _harley_cli_usage ("harley-cli patients add",
                              _("“patients add” takes options only: put quotes around values with spaces."));
  if ((patient = patient_from_options (&o, &error)) == NULL && error->domain == G_OPTION_ERROR)
    return _harley_cli_usage ("harley-cli patients add", error->message);
  if (patient == NULL)
    return _harley_cli_fail (error);
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  return save_patient (store, patient, o.allow_duplicate);
}

/* Dispatch {{{1 */

static const HarleyCliCommand subcommands[] = {
  { "search", N_("Find patients by name, date of birth, NHS number, postcode or phone"), run_search },
  { "add", N_("Add a patient"), run_add },
};

static char *
describe_unknown (const char *word)
{
  return g_strdup_printf (_("“%s” is not something harley-cli can do with patients."), word);
}

static const HarleyCliGroup group = {
  .name = "patients",
  .summary = N_("The patient register."),
  .say_what_to_do = N_("Say what to do: “patients search” or “patients add”."),
  .describe_unknown = describe_unknown,
  .subcommands = subcommands,
  .n_subcommands = G_N_ELEMENTS (subcommands),
  .name_width = 8,
};

/**
 * _harley_cli_patients:
 * @cli: the run's settings
 * @args: "patients" and what follows it
 *
 * Returns: the exit status
 */
int
_harley_cli_patients (HarleyCli  *cli,
                      char      **args)
{
  return _harley_cli_run_group (cli, args, &group);
}
