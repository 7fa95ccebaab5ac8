/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-samples-page"

/* The paper that goes with samples: the laboratory's manifest for a
 * batch sent together (everything sent to one laboratory on one day), and
 * specimen labels, for the chosen sample or every sample not yet sent.
 * Each prints through the print dialog, or with a path straight to a PDF
 * file, for the tests. */

#include <glib/gi18n-lib.h>

#include "harley-audit-print.h"
#include "harley-contact.h"
#include "harley-lab-manifest.h"
#include "harley-pdf-print.h"
#include "harley-register.h"
#include "harley-samples-page-private.h"
#include "harley-specimen-labels.h"

/* What is printed about each sample {{{1 */

typedef struct
{
  GPtrArray *samples;     /* HarleySample */
  GPtrArray *patients;    /* HarleyPatient, one a sample */
  GArray    *specimens;   /* HarleySpecimen, pointing into the two above */
} Batch;

static void
batch_free (Batch *batch)
{
  g_clear_pointer (&batch->specimens, g_array_unref);
  g_clear_pointer (&batch->patients, g_ptr_array_unref);
  g_clear_pointer (&batch->samples, g_ptr_array_unref);
  g_free (batch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Batch, batch_free)

static Batch *
batch_new (void)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->samples = g_ptr_array_new_with_free_func ((GDestroyNotify) harley_sample_free);
  batch->patients = g_ptr_array_new_with_free_func (g_object_unref);
  batch->specimens = g_array_new (FALSE, TRUE, sizeof (HarleySpecimen));
  return batch;
}

/* The patient's details are read once, and kept while the paper is made. */
static void
batch_add (HarleySamplesPage *self,
           Batch             *batch,
           HarleySample      *sample)
{
  HarleyPatient *patient = harley_register_load (self->store, sample->patient_id, NULL);
  HarleySpecimen specimen = { 0 };

  if (patient == NULL)
    patient = harley_patient_new ();
  specimen.given_names = harley_patient_get_text (patient, HARLEY_PATIENT_GIVEN_NAME);
  specimen.family_name = harley_patient_get_text (patient, HARLEY_PATIENT_FAMILY_NAME);
  specimen.date_of_birth = harley_patient_get_text (patient, HARLEY_PATIENT_DATE_OF_BIRTH);
  specimen.nhs_number = harley_patient_get_text (patient, HARLEY_PATIENT_NHS_NUMBER);
  specimen.type = harley_sample_type_label (sample->type);
  specimen.site = sample->site;
  specimen.description = sample->description;
  specimen.taken_on = sample->taken_on;
  specimen.lab_reference = sample->lab_reference;
  g_ptr_array_add (batch->samples, sample);
  g_ptr_array_add (batch->patients, patient);
  g_array_append_val (batch->specimens, specimen);
}

static HarleySample *
load_chosen (HarleySamplesPage *self)
{
  gint64 id = harley_sample_pane_get_sample_id (self->pane);

  return id > 0 ? harley_sample_load (self->store, id, NULL) : NULL;
}

/* Each sample printed goes in the audit trail, with its patient. */
static gboolean
note_printed (HarleySamplesPage *self,
              Batch             *batch,
              const char        *printed,
              const char        *path)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), batch->samples->len);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < batch->samples->len; i++)
    g_array_append_val (ids, ((HarleySample *) g_ptr_array_index (batch->samples, i))->id);
  if (harley_audit_add_printed (self->store, HARLEY_AUDIT_SUBJECT_SAMPLE, ids, printed,
                                *path != '\0' ? path : NULL, &error))
    return TRUE;
  _harley_samples_page_toast (self, error->message);
  return FALSE;
}

static void
print_pdf (HarleySamplesPage *self,
           GBytes            *pdf,
           const char        *job,
           Batch             *batch,
           const char        *printed,
           const char        *path)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_ptr_array_add (documents, pdf);
  if (!harley_pdf_print_run (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), documents, job,
                             *path != '\0' ? path : NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _harley_samples_page_toast (self, error->message);
      return;
    }
  if (!note_printed (self, batch, printed, path) || *path == '\0')
    return;
  name = g_filename_display_basename (path);
  message = g_strdup_printf (_("Printed to “%s”"), name);
  _harley_samples_page_toast (self, message);
}

/* The manifest {{{1 */

/* Every sample on Outstanding sent to @chosen's laboratory on its day. */
static Batch *
collect_batch (HarleySamplesPage  *self,
               const HarleySample *chosen)
{
  Batch *batch = batch_new ();
  GDate today;
  g_autoptr(GArray) ids = NULL;

  _harley_samples_page_today (&today);
  ids = harley_sample_worklist_list (self->store, HARLEY_SAMPLES_OUTSTANDING, &today, NULL);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      HarleySample *sample = harley_sample_load (self->store, g_array_index (ids, gint64, i), NULL);

      if (sample != NULL && sample->state == HARLEY_SAMPLE_SENT && sample->lab_id == chosen->lab_id
          && g_strcmp0 (sample->sent_on, chosen->sent_on) == 0)
        batch_add (self, batch, sample);
      else
        g_clear_pointer (&sample, harley_sample_free);
    }
  return batch;
}

static char *
dup_lab_address (HarleyContact *lab)
{
  const char *parts[] = { harley_contact_get_address_lines (lab), harley_contact_get_post_town (lab),
                          harley_contact_get_postcode (lab) };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      g_string_append_printf (text, "%s%s", text->len ? "\n" : "", parts[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GBytes *
render_manifest (HarleySamplesPage  *self,
                 const HarleySample *chosen,
                 Batch              *batch,
                 GError            **error)
{
  g_autoptr(HarleyContact) lab = harley_contact_load (self->store, chosen->lab_id, NULL);
  g_autofree char *name = harley_store_get_practice_detail (self->store, "name");
  g_autofree char *address = harley_store_get_practice_detail (self->store, "address");
  g_autofree char *phone = harley_store_get_practice_detail (self->store, "phone");
  g_autofree char *lab_address = lab != NULL ? dup_lab_address (lab) : NULL;
  HarleyLabManifest manifest = { 0 };

  manifest.practice_name = name;
  manifest.practice_address = address;
  manifest.practice_phone = phone;
  manifest.lab_name = lab != NULL ? harley_contact_get_name (lab) : NULL;
  manifest.lab_address = lab_address;
  manifest.sent_on = chosen->sent_on;
  manifest.method = harley_send_method_label (chosen->sent_method);
  manifest.specimens = (const HarleySpecimen *) batch->specimens->data;
  manifest.n_specimens = batch->specimens->len;
  manifest.database = harley_store_get_path (self->store);
  return harley_lab_manifest_render (&manifest, NULL, error);
}

/* samples.print-manifest ("" | "path"): the list that goes with the
 * chosen sample's batch: everything sent with it, to its laboratory, on
 * its day; with a path, to that PDF file instead of a printer */
static void
print_manifest_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  HarleySamplesPage *self = HARLEY_SAMPLES_PAGE (widget);
  g_autoptr(HarleySample) chosen = load_chosen (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(Batch) batch = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *job = NULL;

  if (chosen == NULL || chosen->state != HARLEY_SAMPLE_SENT)
    {
      _harley_samples_page_toast (self, _("Choose a sample that has been sent: the manifest lists everything sent "
                                          "with it to that laboratory that day."));
      return;
    }
  batch = collect_batch (self, chosen);
  if ((pdf = render_manifest (self, chosen, batch, &error)) == NULL)
    {
      _harley_samples_page_toast (self, error->message);
      return;
    }
  job = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Laboratory manifest, %u sample",
                                      "Laboratory manifest, %u samples", batch->specimens->len),
                         batch->specimens->len);
  print_pdf (self, pdf, job, batch, "laboratory manifest", g_variant_get_string (parameter, NULL));
}

/* Specimen labels {{{1 */

/* Every sample on Outstanding not yet sent. */
static void
collect_taken (HarleySamplesPage *self,
               Batch             *batch)
{
  for (guint i = 0; self->worklist == HARLEY_SAMPLES_OUTSTANDING && i < harley_samples_page_get_n_shown (self); i++)
    {
      HarleySample *sample = harley_sample_load (self->store, harley_samples_page_get_shown (self, i), NULL);

      if (sample != NULL && sample->state == HARLEY_SAMPLE_TAKEN)
        batch_add (self, batch, sample);
      else
        g_clear_pointer (&sample, harley_sample_free);
    }
}

/* samples.print-labels ("chosen" | "taken", "" | "path"): a label for the
 * chosen sample, or one for each sample not yet sent */
static void
print_labels_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HarleySamplesPage *self = HARLEY_SAMPLES_PAGE (widget);
  g_autoptr(Batch) batch = batch_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  HarleySample *chosen;
  const char *which, *path;

  g_variant_get (parameter, "(&s&s)", &which, &path);
  if (g_str_equal (which, "chosen") && (chosen = load_chosen (self)) != NULL)
    batch_add (self, batch, chosen);
  else if (g_str_equal (which, "taken"))
    collect_taken (self, batch);
  if (batch->specimens->len == 0)
    {
      _harley_samples_page_toast (self, g_str_equal (which, "taken") ? _("Every sample on Outstanding has been sent.")
                                                                     : _("Choose a sample first."));
      return;
    }
  pdf = harley_specimen_labels_render ((const HarleySpecimen *) batch->specimens->data, batch->specimens->len, 0,
                                       &error);
  if (pdf == NULL)
    _harley_samples_page_toast (self, error->message);
  else
    print_pdf (self, pdf, _("Specimen labels"), batch, "specimen labels", path);
}

void
_harley_samples_page_class_paper_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "samples.print-manifest", "s", print_manifest_action);
  gtk_widget_class_install_action (widget_class, "samples.print-labels", "(ss)", print_labels_action);
}
