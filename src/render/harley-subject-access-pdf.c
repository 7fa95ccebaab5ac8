/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-subject-access-pdf"

/* summary.pdf of a subject access export: what Harley holds about the
 * patient, readable on A4 by the patient: the record, appointments,
 * letters, samples and results with the laboratory's report text, calls,
 * and who has seen or changed the record and when; then the files in the
 * folder, and any stored letter or report that was left out because it
 * had been changed behind Harley's back. Dates dd/mm/yyyy, times
 * Europe/London. */

#include <glib/gi18n-lib.h>

#include "harley-appointment.h"
#include "harley-audit-entry.h"
#include "harley-audit.h"
#include "harley-render-document.h"
#include "harley-subject-access-pdf.h"
#include "harley-validate.h"

#define WHEN "00/00/0000 00:00"
#define DAY  "00/00/0000"

static const char *
or_dash (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : "—";
}

/* "dd/mm/yyyy" of a "YYYY-MM-DD", or "—" */
static char *
day_of (const char *iso)
{
  char *day = iso != NULL ? harley_format_date (iso) : NULL;

  return day != NULL ? day : g_strdup ("—");
}

static char **
cells_new (guint n)
{
  return g_new0 (char *, n + 1);
}

/* The record {{{1 */

static void
add_detail (HarleyRenderDocument *doc,
            const char           *label,
            const char           *value)
{
  char **cells = cells_new (2);

  cells[0] = g_markup_printf_escaped ("<b>%s</b>", label);
  cells[1] = g_markup_escape_text (or_dash (value), -1);
  _harley_render_document_row (doc, cells);
}

static char *
text_value (HarleyPatient     *p,
            HarleyPatientText  field)
{
  const char *text = harley_patient_get_text (p, field);

  switch ((int) field)
    {
    case HARLEY_PATIENT_DATE_OF_BIRTH:
      return day_of (text);
    case HARLEY_PATIENT_NHS_NUMBER:
      return text != NULL ? harley_format_nhs_number (text) : NULL;
    case HARLEY_PATIENT_CREATED_AT:
    case HARLEY_PATIENT_UPDATED_AT:
      return harley_audit_format_time (text);
    default:
      return g_strdup (text);
    }
}

static void
add_record (HarleyRenderDocument      *doc,
            const HarleySubjectAccess *access)
{
  const HarleyRenderColumn columns[] = { { _("Detail"), NULL, 0.3 }, { _("What is held"), NULL, 0.7 } };
  HarleyPatient *p = access->patient;
  GPtrArray *numbers = harley_patient_get_hospital_numbers (p);
  g_autoptr(GString) consents = g_string_new (NULL);

  _harley_render_document_heading (doc, _("The record"));
  _harley_render_document_table (doc, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < HARLEY_PATIENT_N_TEXT; i++)
    {
      g_autofree char *value = text_value (p, i);

      if (value != NULL && value[0] != '\0')
        add_detail (doc, harley_patient_text_label (i), value);
    }
  for (guint i = 0; i < HARLEY_PATIENT_N_LINKS; i++)
    if (access->links[i] != NULL)
      add_detail (doc, harley_patient_link_label (i), access->links[i]);
  for (guint i = 0; numbers != NULL && i < numbers->len; i++)
    {
      const HarleyHospitalNumber *n = g_ptr_array_index (numbers, i);
      g_autofree char *value = g_strdup_printf ("%s (%s)", or_dash (n->number), or_dash (n->hospital_name));

      add_detail (doc, _("Hospital number"), value);
    }
  for (guint i = 0; i < HARLEY_PATIENT_N_FLAGS; i++)
    g_string_append_printf (consents, "%s%s: %s", consents->len > 0 ? "\n" : "", harley_patient_flag_label (i),
                            harley_patient_get_flag (p, i) ? _("yes") : _("no"));
  add_detail (doc, _("Consents and status"), consents->str);
}

/* Appointments {{{1 */

static void
add_appointments (HarleyRenderDocument      *doc,
                  const HarleySubjectAccess *access)
{
  const HarleyRenderColumn columns[] = {
    { _("When"), WHEN, 0 }, { _("Appointment"), NULL, 0.22 }, { _("With"), NULL, 0.2 }, { _("Where"), NULL, 0.2 },
    { _("What happened"), NULL, 0.18 }, { _("Notes"), NULL, 0.2 },
  };
  /* TRANSLATORS: a heading, with how many */
  g_autofree char *heading = g_strdup_printf (_("Appointments (%u)"), access->appointments->len);

  _harley_render_document_heading (doc, heading);
  if (access->appointments->len == 0)
    {
      _harley_render_document_note (doc, _("None."));
      return;
    }
  _harley_render_document_table (doc, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < access->appointments->len; i++)
    {
      HarleyAppointment *a = g_ptr_array_index (access->appointments, i);
      const HarleyAppointmentInfo *info = harley_appointment_get_info (a);
      g_autofree char *when = harley_appointment_dup_when (a);
      char **cells = cells_new (6);

      cells[0] = g_markup_escape_text (when, -1);
      cells[1] = g_markup_escape_text (or_dash (info->type_name), -1);
      cells[2] = g_markup_escape_text (or_dash (info->clinician_name), -1);
      cells[3] = g_markup_escape_text (or_dash (info->location_name), -1);
      cells[4] = info->cancel_reason != NULL
                 ? g_markup_printf_escaped ("%s: %s", harley_appointment_status_label (info->status), info->cancel_reason)
                 : g_markup_escape_text (harley_appointment_status_label (info->status), -1);
      cells[5] = g_markup_escape_text (info->notes != NULL ? info->notes : "", -1);
      _harley_render_document_row (doc, cells);
    }
}

/* Letters {{{1 */

static char *
recipients_markup (const HarleySubjectAccessLetter *l)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < l->letter->recipients->len; i++)
    {
      const HarleyRecipient *r = g_ptr_array_index (l->letter->recipients, i);
      g_autofree char *sent = r->sent_at != NULL ? harley_audit_format_time (r->sent_at) : NULL;
      /* TRANSLATORS: a letter's addressee, or a copy's recipient */
      g_autofree char *line = g_markup_printf_escaped (r->copy ? _("Copy to %s") : _("To %s"),
                                                       (const char *) g_ptr_array_index (l->recipient_names, i));

      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", line);
      if (sent != NULL)
        {
          /* TRANSLATORS: when and how a letter was sent: "sent 03/11/2026 10:15 (post)" */
          g_autofree char *how = g_markup_printf_escaped (_(", sent %s (%s)"), sent, r->sent_method);

          g_string_append (text, how);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_letters (HarleyRenderDocument      *doc,
             const HarleySubjectAccess *access)
{
  const HarleyRenderColumn columns[] = {
    { _("Written"), DAY, 0 }, { _("Letter"), NULL, 0.4 }, { _("Where it is"), NULL, 0.2 }, { _("To"), NULL, 0.4 },
  };
  g_autofree char *heading = g_strdup_printf (_("Letters (%u)"), access->letters->len);

  _harley_render_document_heading (doc, heading);
  if (access->letters->len == 0)
    {
      _harley_render_document_note (doc, _("None."));
      return;
    }
  _harley_render_document_table (doc, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < access->letters->len; i++)
    {
      const HarleySubjectAccessLetter *l = g_ptr_array_index (access->letters, i);
      g_autofree char *written = harley_audit_format_time (l->letter->created_at);
      char **cells = cells_new (4);

      written[MIN (strlen (written), 10)] = '\0';
      cells[0] = g_markup_escape_text (written, -1);
      cells[1] = g_markup_printf_escaped (_("<b>Letter %" G_GINT64_FORMAT "</b> %s"), l->letter->id,
                                          l->letter->subject != NULL ? l->letter->subject : "");
      cells[2] = g_markup_escape_text (harley_letter_state_label (l->letter->state), -1);
      cells[3] = recipients_markup (l);
      _harley_render_document_row (doc, cells);
    }
}

/* Samples and results {{{1 */

static void
add_line (GString    *markup,
          const char *label,
          const char *value)
{
  g_autofree char *line = g_markup_printf_escaped ("%s<b>%s</b> %s", markup->len > 0 ? "\n" : "", label, value);

  g_string_append (markup, line);
}

static void
add_result (HarleyRenderDocument *doc,
            const HarleyResult   *r)
{
  g_autofree char *received = day_of (r->received_on);
  /* TRANSLATORS: a result's heading line; %s is the day it came */
  g_autofree char *line = g_markup_printf_escaped (r->abnormal ? _("<b>Result received %s — abnormal</b>")
                                                               : _("<b>Result received %s</b>"), received);

  _harley_render_document_text (doc, line);
  _harley_render_document_plain (doc, r->report != NULL && r->report[0] != '\0' ? r->report : _("(no text)"));
}

static void
add_sample (HarleyRenderDocument            *doc,
            const HarleySubjectAccessSample *s)
{
  const HarleySample *sample = s->sample;
  g_autofree char *taken = day_of (sample->taken_on);
  /* TRANSLATORS: a sample's heading: its number, type and the day taken */
  g_autofree char *title = g_strdup_printf (_("Sample %" G_GINT64_FORMAT ": %s, taken %s"), sample->id,
                                            harley_sample_type_label (sample->type), taken);
  g_autoptr(GString) details = g_string_new (NULL);

  _harley_render_document_heading (doc, title);
  add_line (details, _("Site:"), or_dash (sample->site));
  if (sample->description != NULL)
    add_line (details, _("Description:"), sample->description);
  add_line (details, _("Laboratory:"), or_dash (s->lab_name));
  if (sample->lab_reference != NULL)
    add_line (details, _("Laboratory reference:"), sample->lab_reference);
  if (sample->sent_on != NULL)
    {
      g_autofree char *sent = day_of (sample->sent_on);

      add_line (details, _("Sent:"), sent);
    }
  add_line (details, _("Where it is:"), harley_sample_state_label (sample->state));
  if (sample->reason != NULL)
    add_line (details, _("Reason:"), sample->reason);
  if (sample->reviewed_at != NULL)
    add_line (details, _("Clinician’s review:"),
              sample->review_note != NULL ? sample->review_note : harley_review_action_label (sample->review_action));
  if (sample->informed_at != NULL)
    add_line (details, _("Patient told:"), harley_informed_how_label (sample->informed_how));
  _harley_render_document_text (doc, details->str);
  if (s->result != NULL)
    add_result (doc, s->result);
}

static void
add_samples (HarleyRenderDocument      *doc,
             const HarleySubjectAccess *access)
{
  g_autofree char *heading = g_strdup_printf (_("Samples and results (%u)"), access->samples->len);

  _harley_render_document_heading (doc, heading);
  if (access->samples->len == 0)
    _harley_render_document_note (doc, _("None."));
  for (guint i = 0; i < access->samples->len; i++)
    add_sample (doc, g_ptr_array_index (access->samples, i));
}

/* Calls {{{1 */

static void
add_calls (HarleyRenderDocument      *doc,
           const HarleySubjectAccess *access)
{
  const HarleyRenderColumn columns[] = {
    { _("When"), WHEN, 0 }, { _("Who rang"), NULL, 0.2 }, { _("Who was rung"), NULL, 0.25 },
    { _("What happened"), NULL, 0.2 }, { _("Note"), NULL, 0.35 },
  };
  g_autofree char *heading = g_strdup_printf (_("Calls (%u)"), access->calls->len);

  _harley_render_document_heading (doc, heading);
  if (access->calls->len == 0)
    {
      _harley_render_document_note (doc, _("None."));
      return;
    }
  _harley_render_document_table (doc, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < access->calls->len; i++)
    {
      const HarleyCall *call = g_ptr_array_index (access->calls, i);
      g_autofree char *when = harley_audit_format_time (call->at);
      char **cells = cells_new (5);

      cells[0] = g_markup_escape_text (when, -1);
      cells[1] = g_markup_escape_text (or_dash (call->by), -1);
      cells[2] = g_markup_escape_text (call->contact_id > 0 ? or_dash (call->contact_name) : _("The patient"), -1);
      cells[3] = g_markup_escape_text (harley_call_outcome_label (call->outcome), -1);
      cells[4] = g_markup_escape_text (call->note != NULL ? call->note : "", -1);
      _harley_render_document_row (doc, cells);
    }
}

/* Who has seen or changed the record {{{1 */

static void
add_audit (HarleyRenderDocument      *doc,
           const HarleySubjectAccess *access)
{
  const HarleyRenderColumn columns[] = {
    { _("When"), WHEN, 0 }, { _("Who"), NULL, 0.17 }, { _("What was done"), NULL, 0.15 },
    { _("To what"), NULL, 0.68 },
  };
  g_autofree char *heading = g_strdup_printf (_("Who has seen or changed the record (%u)"), access->audit->len);

  _harley_render_document_heading (doc, heading);
  if (access->audit->len == 0)
    {
      _harley_render_document_note (doc, _("None."));
      return;
    }
  _harley_render_document_table (doc, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < access->audit->len; i++)
    {
      HarleyAuditEntry *entry = g_ptr_array_index (access->audit, i);
      g_autofree char *when = harley_audit_entry_dup_when (entry);
      g_autofree char *changes = harley_audit_entry_dup_changes_text (entry);
      char **cells = cells_new (4);

      cells[0] = g_markup_escape_text (when, -1);
      cells[1] = g_markup_escape_text (harley_audit_entry_get_who (entry), -1);
      cells[2] = g_markup_escape_text (harley_audit_action_label (harley_audit_entry_get_action (entry)), -1);
      cells[3] = changes != NULL && changes[0] != '\0'
                 ? g_markup_printf_escaped ("%s\n<span foreground='#555555'>%s</span>",
                                            harley_audit_entry_get_what (entry), changes)
                 : g_markup_escape_text (harley_audit_entry_get_what (entry), -1);
      _harley_render_document_row (doc, cells);
    }
}

/* The files {{{1 */

static void
add_files (HarleyRenderDocument      *doc,
           const HarleySubjectAccess *access)
{
  const HarleyRenderColumn columns[] = { { _("File"), NULL, 0.55 }, { _("What it is"), NULL, 0.45 } };
  const char *always[][2] = {
    { "summary.pdf", _("This summary") },
    { "record.json", _("Everything above, in structured form (JSON) for a computer to read") },
  };

  _harley_render_document_heading (doc, _("The files in this folder"));
  _harley_render_document_table (doc, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < G_N_ELEMENTS (always); i++)
    {
      char **cells = cells_new (2);

      cells[0] = g_markup_escape_text (always[i][0], -1);
      cells[1] = g_markup_escape_text (always[i][1], -1);
      _harley_render_document_row (doc, cells);
    }
  for (guint i = 0; i < access->files->len; i++)
    {
      const HarleySubjectAccessFile *f = g_ptr_array_index (access->files, i);
      char **cells = cells_new (2);

      cells[0] = f->problem == NULL ? g_markup_escape_text (f->name, -1)
                 /* TRANSLATORS: a file left out of an export */
                 : g_markup_printf_escaped (_("<b>Not included:</b> %s"), f->name);
      cells[1] = f->problem == NULL ? g_markup_escape_text (f->about, -1)
                 : g_markup_printf_escaped ("%s\n<b>%s</b>", f->about, f->problem);
      _harley_render_document_row (doc, cells);
    }
}

static void
add_introduction (HarleyRenderDocument      *doc,
                  const HarleySubjectAccess *access,
                  const char                *name)
{
  g_autofree char *made = harley_audit_format_time (access->made_at);
  guint problems = harley_subject_access_count_problems (access);
  /* TRANSLATORS: the practice (or "this practice"), the patient, when and who */
  g_autofree char *intro = g_markup_printf_escaped (_("Everything %s holds about <b>%s</b>, as it stood on %s, "
                                                      "exported by %s. The letters as they were sent and the "
                                                      "laboratories’ reports are in the folders “letters” and "
                                                      "“results” beside this summary."),
                                                    access->practice_name != NULL ? access->practice_name
                                                                                  : _("this practice"),
                                                    name, made, or_dash (access->made_by));

  _harley_render_document_text (doc, intro);
  if (problems > 0)
    {
      g_autofree char *warning = g_markup_printf_escaped (
        g_dngettext (GETTEXT_PACKAGE, "<b>%u stored file could not be included</b>: it has been changed since it "
                     "was filed. It is named under “The files in this folder”.",
                     "<b>%u stored files could not be included</b>: they have been changed since they were filed. "
                     "They are named under “The files in this folder”.", problems), problems);

      _harley_render_document_text (doc, warning);
    }
}

/**
 * harley_subject_access_pdf_render:
 * @access: what was collected
 * @error: where to say what went wrong
 *
 * A #HarleySubjectAccessSummary: lays out summary.pdf.
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set
 */
GBytes *
harley_subject_access_pdf_render (const HarleySubjectAccess  *access,
                                  GError                    **error)
{
  g_autofree char *name = harley_patient_dup_full_name (access->patient);
  /* TRANSLATORS: the title of the summary of a subject access request */
  g_autoptr(HarleyRenderDocument) doc = _harley_render_document_new (access->practice_name, access->practice_address,
                                                                     access->practice_phone,
                                                                     _("Subject access request"), name);
  g_autofree char *title = g_strdup_printf (_("Subject access request — %s"), name);
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  GBytes *pdf;

  g_return_val_if_fail (access != NULL, NULL);

  add_introduction (doc, access, name);
  add_record (doc, access);
  add_appointments (doc, access);
  add_letters (doc, access);
  add_samples (doc, access);
  add_calls (doc, access);
  add_audit (doc, access);
  add_files (doc, access);
  if ((pdf = _harley_render_document_pdf (doc, title, NULL, &status)) == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 /* TRANSLATORS: %s is cairo's reason, in English */
                 _("The summary could not be made into a PDF: %s."), cairo_status_to_string (status));
  return pdf;
}

/**
 * harley_subject_access_pdf_export:
 *
 * harley_subject_access_export () with summary.pdf drawn here, for
 * harley-cli and the tests.
 *
 * Returns: (transfer full): the new folder, or %NULL
 */
char *
harley_subject_access_pdf_export (HarleyStore  *store,
                                  gint64        patient_id,
                                  const char   *parent,
                                  guint        *n_files,
                                  guint        *n_problems,
                                  GError      **error)
{
  return harley_subject_access_export (store, patient_id, parent, harley_subject_access_pdf_render, n_files,
                                       n_problems, error);
}
