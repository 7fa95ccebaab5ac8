/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-cli"

/* harley-cli samples manifest: the list that goes in the bag with the
 * samples sent to a laboratory on a day, as an A4 PDF. */

#include <glib/gi18n-lib.h>

#include "harley-audit-print.h"
#include "harley-cli.h"
#include "harley-contact.h"
#include "harley-lab-manifest.h"
#include "harley-register.h"
#include "harley-render-util.h"
#include "harley-sample.h"
#include "harley-validate.h"

#define COMMAND "harley-cli samples manifest"

/* What the manifest's strings point into. */
typedef struct
{
  HarleyLabManifest  manifest;
  HarleyContact     *lab;
  char              *lab_address;
  char              *practice_name;
  char              *practice_address;
  char              *practice_phone;
  char              *sent_on;
  char              *methods;
  GPtrArray         *samples;     /* HarleySample */
  GPtrArray         *patients;    /* HarleyPatient */
  GArray            *specimens;   /* HarleySpecimen */
} Batch;

static void
batch_clear (Batch *b)
{
  g_clear_object (&b->lab);
  g_free (b->lab_address);
  g_free (b->practice_name);
  g_free (b->practice_address);
  g_free (b->practice_phone);
  g_free (b->sent_on);
  g_free (b->methods);
  g_clear_pointer (&b->samples, g_ptr_array_unref);
  g_clear_pointer (&b->patients, g_ptr_array_unref);
  g_clear_pointer (&b->specimens, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Batch, batch_clear)

/* The laboratory {{{1 */

static char *
join_address (HarleyContact *contact)
{
  const char *parts[] = { harley_contact_get_address_lines (contact), harley_contact_get_post_town (contact),
                          harley_contact_get_postcode (contact) };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && parts[i][0] != '\0')
      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", parts[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Samples go to a laboratory, or to a hospital's department. */
static int
load_lab (HarleyStore *store,
          gint64       lab_id,
          Batch       *b)
{
  HarleyContactKind kind;

  b->lab = harley_contact_load (store, lab_id, NULL);
  kind = b->lab != NULL ? harley_contact_get_kind (b->lab) : HARLEY_CONTACT_OTHER;
  if (kind != HARLEY_CONTACT_LABORATORY && kind != HARLEY_CONTACT_HOSPITAL)
    {
      g_autofree char *message = g_strdup_printf (_("There is no laboratory %" G_GINT64_FORMAT " in the address "
                                                    "book. Give --lab a laboratory's number."), lab_id);

      return _harley_cli_usage (COMMAND, message);
    }
  b->lab_address = join_address (b->lab);
  return -1;
}

/* The samples {{{1 */

/* The samples sent to the laboratory that day, whatever has become of
 * them since, in the order they were recorded. */
static GArray *
list_sent (HarleyStore  *store,
           gint64        lab_id,
           const char   *sent_on,
           GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT id FROM sample WHERE lab_id = ? AND sent_on = ? "
                                                    "ORDER BY id", error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, lab_id);
  sqlite3_bind_text (stmt, 2, sent_on, -1, SQLITE_TRANSIENT);
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

static void
add_specimen (Batch              *b,
              const HarleySample *sample,
              HarleyPatient      *patient)
{
  HarleySpecimen s = { 0 };

  s.given_names = harley_patient_get_text (patient, HARLEY_PATIENT_GIVEN_NAME);
  s.family_name = harley_patient_get_text (patient, HARLEY_PATIENT_FAMILY_NAME);
  s.date_of_birth = harley_patient_get_text (patient, HARLEY_PATIENT_DATE_OF_BIRTH);
  s.nhs_number = harley_patient_get_text (patient, HARLEY_PATIENT_NHS_NUMBER);
  s.type = harley_sample_type_label (sample->type);
  s.site = sample->site;
  s.description = sample->description;
  s.taken_on = sample->taken_on;
  s.lab_reference = sample->lab_reference;
  g_array_append_val (b->specimens, s);
}

/* "Courier", or "Courier, Post" for a day's samples sent both ways. */
static char *
describe_methods (GPtrArray *samples)
{
  gboolean used[HARLEY_SEND_N_METHODS] = { FALSE };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < samples->len; i++)
    used[((HarleySample *) g_ptr_array_index (samples, i))->sent_method] = TRUE;
  for (guint m = 0; m < HARLEY_SEND_N_METHODS; m++)
    if (used[m])
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", harley_send_method_label (m));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
load_samples (HarleyStore  *store,
              GArray       *ids,
              Batch        *b,
              GError      **error)
{
  b->samples = g_ptr_array_new_with_free_func ((GDestroyNotify) harley_sample_free);
  b->patients = g_ptr_array_new_with_free_func (g_object_unref);
  b->specimens = g_array_new (FALSE, TRUE, sizeof (HarleySpecimen));
  for (guint i = 0; i < ids->len; i++)
    {
      HarleySample *sample = harley_sample_load (store, g_array_index (ids, gint64, i), error);
      HarleyPatient *patient;

      if (sample == NULL)
        return FALSE;
      g_ptr_array_add (b->samples, sample);
      if ((patient = harley_register_load (store, sample->patient_id, error)) == NULL)
        return FALSE;
      g_ptr_array_add (b->patients, patient);
      add_specimen (b, sample, patient);
    }
  b->methods = describe_methods (b->samples);
  return TRUE;
}

/* The manifest {{{1 */

static void
fill_manifest (HarleyStore *store,
               Batch       *b)
{
  HarleyLabManifest *m = &b->manifest;

  b->practice_name = harley_store_get_practice_detail (store, "name");
  b->practice_address = harley_store_get_practice_detail (store, "address");
  b->practice_phone = harley_store_get_practice_detail (store, "phone");
  m->practice_name = b->practice_name;
  m->practice_address = b->practice_address;
  m->practice_phone = b->practice_phone;
  m->lab_name = harley_contact_get_name (b->lab);
  m->lab_address = b->lab_address;
  m->sent_on = b->sent_on;
  m->method = b->methods;
  m->specimens = (const HarleySpecimen *) b->specimens->data;
  m->n_specimens = b->specimens->len;
  m->database = harley_store_get_path (store);
}

static int
write_manifest (HarleyStore *store,
                gint64       lab_id,
                const GDate *day,
                const char  *output)
{
  g_auto(Batch) b = { { 0 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *shown = harley_format_gdate (day);
  g_autofree char *name = NULL;
  int status;

  if ((status = load_lab (store, lab_id, &b)) >= 0)
    return status;
  b.sent_on = g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (day), (guint) g_date_get_month (day),
                               (guint) g_date_get_day (day));
  if ((ids = list_sent (store, lab_id, b.sent_on, &error)) == NULL)
    return _harley_cli_fail (error);
  if (ids->len == 0)
    {
      /* TRANSLATORS: a laboratory's name, then a day */
      g_printerr (_("harley-cli: No samples were sent to %s on %s: nothing written.\n"),
                  harley_contact_get_name (b.lab), shown);
      return HARLEY_CLI_EXIT_USAGE;
    }
  if (!load_samples (store, ids, &b, &error))
    return _harley_cli_fail (error);
  fill_manifest (store, &b);
  if (!harley_lab_manifest_write (&b.manifest, output, &error))
    return g_error_matches (error, HARLEY_LAB_MANIFEST_ERROR, HARLEY_LAB_MANIFEST_ERROR_IS_DATABASE)
           ? _harley_cli_usage (COMMAND, error->message) : _harley_cli_fail (error);
  if (!harley_audit_add_printed (store, HARLEY_AUDIT_SUBJECT_SAMPLE, ids, "laboratory manifest", output, &error))
    return _harley_cli_fail (error);
  name = g_filename_display_name (output);
  /* TRANSLATORS: how many samples, the laboratory, the day and the file */
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote the manifest of %u sample sent to %s on %s to “%s”.\n",
                        "Wrote the manifest of %u samples sent to %s on %s to “%s”.\n", ids->len),
           ids->len, harley_contact_get_name (b.lab), shown, name);
  return HARLEY_CLI_EXIT_OK;
}

/**
 * _harley_cli_samples_manifest:
 * @cli: the run's settings
 * @args: "manifest" and what follows it
 *
 * Returns: the exit status; 2, with nothing written, for a day that does
 *   not exist, a missing option, a contact that is not a laboratory, a
 *   day with no samples sent there, or an --output that is the practice
 *   database
 */
int
_harley_cli_samples_manifest (HarleyCli  *cli,
                              char      **args)
{
  g_autofree char *date_text = NULL;
  g_autofree char *output = NULL;
  gint64 lab_id = 0;
  const GOptionEntry entries[] = {
    { "lab", 'l', 0, G_OPTION_ARG_INT64, &lab_id, N_("The laboratory's number in the address book"), N_("ID") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The day the samples were sent"), N_("DATE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { NULL }
  };
  g_autoptr(HarleyStore) store = NULL;
  int status = _harley_cli_parse (cli, "samples manifest", NULL,
                                  _("Writes the manifest to send with the samples that went to a laboratory on a "
                                    "day, ready to print on A4: each patient's name, date of birth and NHS number, "
                                    "the sample, its site and the laboratory's reference, with a box for the "
                                    "laboratory to tick and a place to sign."),
                                  NULL, entries, FALSE, &args);
  GDate day;

  if (status >= 0)
    return status;
  if (g_strv_length (args) > 1)
    return _harley_cli_usage (COMMAND, _("“samples manifest” takes only options."));
  if (lab_id <= 0)
    return _harley_cli_usage (COMMAND, _("Give --lab, the laboratory's number in the address book."));
  if (date_text == NULL)
    return _harley_cli_usage (COMMAND, _("Give --date, the day the samples were sent."));
  if (output == NULL || *output == '\0')
    return _harley_cli_usage (COMMAND, _("Give --output, the PDF file to write."));
  if (!_harley_cli_parse_day ("--date", date_text, &day))
    return HARLEY_CLI_EXIT_USAGE;
  if ((store = _harley_cli_open (cli, FALSE, &status)) == NULL)
    return status;
  if (_harley_render_is_database (harley_store_get_path (store), output))
    return _harley_cli_usage (COMMAND, _("The PDF would replace the practice database. "
                                         "Choose another file name for --output."));
  return write_manifest (store, lab_id, &day, output);
}
