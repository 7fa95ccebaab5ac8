/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A letter's life on a real database: the steps from draft to filed,
 * no step skipped, approval freezing the PDF with its SHA-256, a change
 * after approval making a new version, sending to each recipient. */

#include <poppler.h>
#include <string.h>

#include "harley-contact.h"
#include "harley-letter-draw.h"
#include "harley-letter-pdf.h"
#include "harley-letter-worklists.h"
#include "harley-letter.h"
#include "harley-register.h"
#include "harley-template.h"
#include "harley-test-util.h"

typedef struct
{
  HarleyTestDb  db;
  gint64        patient;
  gint64        gp;
  gint64        letter;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(HarleyPatient) p = harley_test_patient ("Jane", "Doe", "1970-05-01", NULL);
  g_autoptr(HarleyContact) gp = harley_contact_new (HARLEY_CONTACT_GP, "Dr Amir Khan");
  g_autoptr(GError) error = NULL;

  harley_test_db_set_up (&f->db, data);
  g_assert_true (harley_register_save (f->db.store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_true (harley_contact_save (f->db.store, gp, &error));
  f->patient = harley_patient_get_id (p);
  f->gp = harley_contact_get_id (gp);
  f->letter = harley_letter_create (f->db.store, f->patient, 0, 0, 0, "Clinic letter", "", &error);
  g_assert_no_error (error);
  g_assert_cmpint (harley_letter_add_recipient (f->db.store, f->letter, FALSE, HARLEY_RECIPIENT_GP, f->gp, &error),
                   >, 0);
  g_assert_cmpint (harley_letter_add_recipient (f->db.store, f->letter, TRUE, HARLEY_RECIPIENT_PATIENT, 0, &error),
                   >, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  harley_test_db_tear_down (&f->db, data);
}

static GBytes *
fake_pdf (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* The fixture's letter goes to the GP with a copy to the patient: each
 * has its own PDF. */
static gboolean
approve (Fixture     *f,
         GBytes      *pdf,
         gboolean     on_behalf,
         GError     **error)
{
  g_autoptr(GPtrArray) pdfs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  g_ptr_array_add (pdfs, g_bytes_ref (pdf));
  g_ptr_array_add (pdfs, fake_pdf ("%PDF the patient's copy"));
  return harley_letter_approve_all (f->db.store, f->letter, pdfs, "Dr Eleanor Hartley", on_behalf, error);
}

static void
step (Fixture           *f,
      HarleyLetterState  state,
      const char        *correction)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_letter_set_state (f->db.store, f->letter, state, correction, &error));
  g_assert_no_error (error);
}

static void
refused (Fixture           *f,
         HarleyLetterState  state,
         int                code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = harley_test_query_text (f->db.path, "SELECT state FROM letter");

  g_assert_false (harley_letter_set_state (f->db.store, f->letter, state, NULL, &error));
  g_assert_error (error, HARLEY_LETTER_ERROR, code);
  harley_test_assert_query_text (f->db.path, "SELECT state FROM letter", before);
}

static void
test_life (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) v1 = fake_pdf ("%PDF-1.5 version one");
  g_autoptr(GBytes) got = NULL;
  g_autoptr(HarleyLetter) letter = NULL;

  /* An empty letter does not go for approval; the order of steps holds. */
  step (f, HARLEY_LETTER_TYPED, NULL);
  refused (f, HARLEY_LETTER_AWAITING_APPROVAL, HARLEY_LETTER_ERROR_INVALID);
  g_assert_true (harley_letter_set_body (f->db.store, f->letter, "## Diagnoses\n\nEczema.", &error));
  refused (f, HARLEY_LETTER_APPROVED, HARLEY_LETTER_ERROR_STATE);
  refused (f, HARLEY_LETTER_SENT, HARLEY_LETTER_ERROR_STATE);
  step (f, HARLEY_LETTER_AWAITING_APPROVAL, NULL);

  /* Sent back for correction, with what to correct. */
  refused (f, HARLEY_LETTER_AWAITING_CORRECTION, HARLEY_LETTER_ERROR_INVALID);
  step (f, HARLEY_LETTER_AWAITING_CORRECTION, "Add the plan");
  g_assert_true (harley_letter_set_body (f->db.store, f->letter, "## Diagnoses\n\nEczema.\n\n## Plan\n\nReview.",
                                         &error));
  step (f, HARLEY_LETTER_TYPED, NULL);
  step (f, HARLEY_LETTER_AWAITING_APPROVAL, NULL);

  g_assert_true (approve (f, v1, FALSE, &error));
  g_assert_no_error (error);
  got = harley_letter_get_approved_pdf (f->db.store, f->letter, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (got, v1));
  {
    g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, v1);

    harley_test_assert_query_text (f->db.path, "SELECT sha256 FROM letter_version", expected);
  }

  letter = harley_letter_load (f->db.store, f->letter, &error);
  g_assert_cmpint (letter->state, ==, HARLEY_LETTER_APPROVED);
  g_assert_cmpuint (letter->recipients->len, ==, 2);
  g_assert_false (((HarleyRecipient *) g_ptr_array_index (letter->recipients, 0))->copy);
  g_assert_true (((HarleyRecipient *) g_ptr_array_index (letter->recipients, 1))->copy);

  /* Sent to the GP: not yet to everyone. Then the patient's copy. */
  g_assert_true (harley_letter_record_sent (f->db.store, ((HarleyRecipient *) g_ptr_array_index (letter->recipients, 0))->id,
                                            HARLEY_SENT_BY_POST, &error));
  harley_test_assert_query_text (f->db.path, "SELECT state FROM letter", "approved");
  g_assert_true (harley_letter_record_sent (f->db.store, ((HarleyRecipient *) g_ptr_array_index (letter->recipients, 1))->id,
                                            HARLEY_SENT_BY_EMAIL, &error));
  harley_test_assert_query_text (f->db.path, "SELECT state FROM letter", "sent");
  harley_test_assert_query_text (f->db.path, "SELECT group_concat (sent_method) FROM letter_recipient", "post,email");

  /* Sent letters are kept as they were. */
  g_assert_false (harley_letter_set_body (f->db.store, f->letter, "Something else", &error));
  g_assert_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_FROZEN);
  step (f, HARLEY_LETTER_FILED, NULL);
  g_assert_cmpint (harley_test_query_int (f->db.path, "SELECT count(*) FROM patient_event WHERE kind = 'letter'"),
                   >=, 8);
}

static void
test_change_after_approval (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) v1 = fake_pdf ("%PDF version one");
  g_autoptr(GBytes) v2 = fake_pdf ("%PDF version two");
  g_autoptr(GBytes) got = NULL;

  g_assert_true (harley_letter_set_body (f->db.store, f->letter, "First words.", &error));
  step (f, HARLEY_LETTER_TYPED, NULL);
  g_assert_true (approve (f, v1, TRUE, &error));

  /* A change after approval: version 2, typed, needing approval again;
   * version 1 is kept as approved. */
  g_assert_true (harley_letter_set_body (f->db.store, f->letter, "Second words.", &error));
  harley_test_assert_query_text (f->db.path, "SELECT state || ' ' || version FROM letter", "typed 2");
  g_assert_null (harley_letter_get_approved_pdf (f->db.store, f->letter, &error));
  g_assert_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_STATE);
  g_clear_error (&error);
  g_assert_false (harley_letter_record_sent (f->db.store, 1, HARLEY_SENT_BY_POST, &error));
  g_assert_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_STATE);
  g_clear_error (&error);

  g_assert_true (approve (f, v2, FALSE, &error));
  got = harley_letter_get_approved_pdf (f->db.store, f->letter, &error);
  g_assert_true (g_bytes_equal (got, v2));
  harley_test_assert_query_text (f->db.path, "SELECT group_concat (version || ':' || body || ':' || on_behalf, '|') "
                                             "FROM letter_version", "1:First words.:1|2:Second words.:0");
}

static void
test_tampering_is_found (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) v1 = fake_pdf ("%PDF as approved");

  g_assert_true (harley_letter_set_body (f->db.store, f->letter, "Words.", &error));
  step (f, HARLEY_LETTER_TYPED, NULL);
  g_assert_true (approve (f, v1, FALSE, &error));
  g_assert_true (harley_store_exec (f->db.store, "UPDATE letter_version SET pdf = CAST ('%PDF altered' AS BLOB)",
                                    &error));
  g_assert_null (harley_letter_get_approved_pdf (f->db.store, f->letter, &error));
  g_assert_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_TAMPERED);
}

static void
test_worklists (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) drafts = NULL;
  gint64 second = harley_letter_create (f->db.store, f->patient, 0, 0, 0, "Results", "Your results.", &error);

  g_assert_cmpint (second, >, 0);
  g_assert_cmpint (harley_letter_count_in_state (f->db.store, HARLEY_LETTER_DRAFT), ==, 2);
  step (f, HARLEY_LETTER_TYPED, NULL);
  g_assert_cmpint (harley_letter_count_in_state (f->db.store, HARLEY_LETTER_DRAFT), ==, 1);
  g_assert_cmpint (harley_letter_count_in_state (f->db.store, HARLEY_LETTER_TYPED), ==, 1);
  drafts = harley_letter_list_in_state (f->db.store, HARLEY_LETTER_DRAFT, &error);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpint (g_array_index (drafts, gint64, 0), ==, second);

  /* A letter for nobody is refused. */
  g_assert_cmpint (harley_letter_create (f->db.store, 999, 0, 0, 0, "x", "y", &error), ==, 0);
  g_assert_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_NOT_FOUND);
}

static void
test_shipped_templates (Fixture       *f,
                        gconstpointer  data)
{
  g_assert_cmpint (harley_test_query_int (f->db.path, "SELECT count(*) FROM letter_template WHERE shipped = 1"),
                   ==, 6);
  harley_test_assert_query_text (f->db.path, "SELECT default_to FROM letter_template "
                                             "WHERE name = 'Clinic letter to the GP'", "gp");
  /* Each is a sound template. */
  {
    sqlite3 *db = harley_store_get_db (f->db.store);
    sqlite3_stmt *stmt = NULL;
    guint n = 0;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, body FROM letter_template", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_autoptr(GPtrArray) problems = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(HarleyTemplate) template = harley_template_parse ((const char *) sqlite3_column_text (stmt, 1), -1,
                                                                    &problems, &error);

        g_test_message ("%s", sqlite3_column_text (stmt, 0));
        g_assert_no_error (error);
        g_assert_nonnull (template);
        g_assert_cmpuint (harley_template_count_fields (template), >, 0);
        n++;
      }
    sqlite3_finalize (stmt);
    g_assert_cmpuint (n, ==, 6);
  }
  /* The PRSB outpatient headings are all there. */
  g_assert_cmpint (harley_test_query_int (f->db.path,
                                          "SELECT count(*) FROM letter_template WHERE name = 'Clinic letter to the GP' "
                                          "AND body LIKE '%## Diagnoses%' AND body LIKE '%## Clinical summary%' "
                                          "AND body LIKE '%## Examination findings%' "
                                          "AND body LIKE '%## Investigation results%' AND body LIKE '%## Procedures%' "
                                          "AND body LIKE '%## Medications%' "
                                          "AND body LIKE '%## Plan and requested actions%' "
                                          "AND body LIKE '%## Information and advice given%'"), ==, 1);
}

/* The whole way: a shipped template merged for Jane, typed, drawn as a
 * PDF, approved, and the approved PDF read back with Poppler. */
static void
test_template_to_approved_pdf (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(HarleyTemplate) template = NULL;
  g_autoptr(HarleyMergeContext) context = NULL;
  g_autofree char *body = harley_test_query_text (f->db.path, "SELECT body FROM letter_template "
                                                              "WHERE name = 'Letter to the patient, copy to the GP'");
  g_autofree char *merged = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) approved = NULL;
  g_autoptr(GObject) document = NULL;
  g_autoptr(GObject) page = NULL;
  const char * const address[] = { "Mrs Jane Doe", "1 High Street", "Leeds", "LS1 1AA", NULL };
  HarleyLetterLayout layout;

  template = harley_template_parse (body, -1, &problems, &error);
  g_assert_no_error (error);
  context = harley_merge_context_new_for_patient (f->db.store, f->patient, 0, &error);
  g_assert_no_error (error);
  harley_merge_context_set (context, "practice.phone", "020 7946 0321");
  harley_merge_context_set (context, "appointment.date", "Monday 14 January 2030");
  merged = harley_template_merge (template, context, &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (merged, "Dear Mrs Doe"));
  g_assert_true (harley_letter_set_body (f->db.store, f->letter, merged, &error));
  step (f, HARLEY_LETTER_TYPED, NULL);

  harley_letter_layout_init (&layout);
  layout.practice_name = "Dr Eleanor Hartley";
  layout.address_lines = address;
  layout.date = "24 November 2026";
  layout.patient_name = "Mrs Jane Doe";
  layout.patient_dob = "01/05/1970";
  layout.body = merged;
  layout.signatory_name = "Dr Eleanor Hartley";
  pdf = harley_letter_pdf_render (&layout, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (approve (f, pdf, FALSE, &error));
  approved = harley_letter_get_approved_pdf (f->db.store, f->letter, &error);
  g_assert_no_error (error);

  document = G_OBJECT (poppler_document_new_from_bytes (approved, NULL, &error));
  g_assert_no_error (error);
  page = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (document), 0));
  text = poppler_page_get_text (POPPLER_PAGE (page));
  g_assert_nonnull (strstr (text, "Dear Mrs Doe"));
  g_assert_nonnull (strstr (text, "What happens next"));
  g_assert_nonnull (strstr (text, "020 7946 0321"));
  g_assert_nonnull (strstr (text, "LEEDS"));
}

static char *
first_page_text (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) document = G_OBJECT (poppler_document_new_from_bytes (pdf, NULL, &error));
  g_autoptr(GObject) page = NULL;

  g_assert_no_error (error);
  page = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (document), 0));
  return poppler_page_get_text (POPPLER_PAGE (page));
}

/* Each copy is addressed to its own recipient and frozen on its own. */
static void
test_copies (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyLetter) letter = NULL;
  g_autoptr(GPtrArray) drawn = NULL;
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autofree char *to_gp = NULL;
  g_autofree char *to_patient = NULL;

  g_assert_true (harley_letter_set_body (f->db.store, f->letter, "## Plan\n\nReview in six weeks.", &error));
  step (f, HARLEY_LETTER_TYPED, NULL);
  letter = harley_letter_load (f->db.store, f->letter, &error);
  drawn = harley_letter_draw_all (f->db.store, letter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drawn->len, ==, 2);

  /* One PDF for two recipients is refused, and nothing is written. */
  g_ptr_array_add (one, g_ptr_array_index (drawn, 0));
  g_assert_false (harley_letter_approve_all (f->db.store, f->letter, one, "Dr Eleanor Hartley", FALSE, &error));
  g_assert_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID);
  g_clear_error (&error);
  harley_test_assert_query_text (f->db.path, "SELECT state || (SELECT count(*) FROM letter_version) FROM letter",
                                 "typed0");

  g_assert_true (harley_letter_approve_all (f->db.store, f->letter, drawn, "Dr Eleanor Hartley", FALSE, &error));
  got = harley_letter_get_approved_pdfs (f->db.store, f->letter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 2);
  g_assert_true (g_bytes_equal (g_ptr_array_index (got, 0), g_ptr_array_index (drawn, 0)));
  g_assert_true (g_bytes_equal (g_ptr_array_index (got, 1), g_ptr_array_index (drawn, 1)));
  to_gp = first_page_text (g_ptr_array_index (got, 0));
  to_patient = first_page_text (g_ptr_array_index (got, 1));
  g_assert_nonnull (strstr (to_gp, "Dr Amir Khan"));
  g_assert_nonnull (strstr (to_gp, "Review in six weeks."));
  g_assert_nonnull (strstr (to_patient, "Review in six weeks."));
  /* The copy's window shows the patient, not the GP, who is cc'd on neither */
  g_assert_true (strstr (to_patient, "Jane Doe") < strstr (to_patient, "Re:"));
  g_assert_null (strstr (to_patient, "Dr Amir Khan"));

  /* A copy altered afterwards is found. */
  g_assert_true (harley_store_exec (f->db.store, "UPDATE letter_copy SET pdf = CAST ('%PDF altered' AS BLOB)",
                                    &error));
  g_assert_null (harley_letter_get_approved_pdfs (f->db.store, f->letter, &error));
  g_assert_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_TAMPERED);
}

static char *
recipients_text (Fixture *f)
{
  return harley_test_query_text (f->db.path, "SELECT group_concat (role || ':' || kind, ',') FROM "
                                             "(SELECT role, kind FROM letter_recipient ORDER BY role = 'cc', position)");
}

/* Who a letter goes to changes until it is approved, and then not. */
static void
test_recipients (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyContact) insurer = harley_contact_new (HARLEY_CONTACT_INSURER, "Bupa Claims");
  g_autoptr(GBytes) v1 = fake_pdf ("%PDF one");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 copy;

  /* A second copy to the patient is refused. */
  g_assert_cmpint (harley_letter_add_copy (f->db.store, f->letter, HARLEY_RECIPIENT_PATIENT, 0, &error), ==, 0);
  g_assert_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID);
  g_clear_error (&error);

  /* To the patient instead: her copy goes, as she has the letter. */
  g_assert_true (harley_letter_set_addressee (f->db.store, f->letter, HARLEY_RECIPIENT_PATIENT, 0, &error));
  g_assert_no_error (error);
  after = recipients_text (f);
  g_assert_cmpstr (after, ==, "to:patient");

  /* Copies to the GP (from the record: none there, so refused) and to
   * anyone in the address book. */
  g_assert_cmpint (harley_letter_add_copy (f->db.store, f->letter, HARLEY_RECIPIENT_GP, 0, &error), ==, 0);
  g_assert_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no GP"));
  g_clear_error (&error);
  g_assert_true (harley_contact_save (f->db.store, insurer, &error));
  copy = harley_letter_add_copy (f->db.store, f->letter, HARLEY_RECIPIENT_CONTACT, harley_contact_get_id (insurer),
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpint (copy, >, 0);
  g_clear_pointer (&after, g_free);
  after = recipients_text (f);
  g_assert_cmpstr (after, ==, "to:patient,cc:contact");
  g_assert_true (harley_letter_remove_copy (f->db.store, copy, &error));
  copy = harley_letter_add_copy (f->db.store, f->letter, HARLEY_RECIPIENT_CONTACT, f->gp, &error);
  g_assert_cmpint (copy, >, 0);

  /* Approved: frozen, and nothing changes. */
  g_assert_true (harley_letter_set_body (f->db.store, f->letter, "Words.", &error));
  step (f, HARLEY_LETTER_TYPED, NULL);
  g_assert_true (approve (f, v1, FALSE, &error));
  before = recipients_text (f);
  g_assert_cmpint (harley_letter_add_copy (f->db.store, f->letter, HARLEY_RECIPIENT_CONTACT,
                                           harley_contact_get_id (insurer), &error), ==, 0);
  g_assert_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (harley_letter_set_addressee (f->db.store, f->letter, HARLEY_RECIPIENT_PATIENT, 0, &error));
  g_assert_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (harley_letter_remove_copy (f->db.store, copy, &error));
  g_assert_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_FROZEN);
  g_clear_pointer (&after, g_free);
  after = recipients_text (f);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/letter/" name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("life", test_life);
  ADD ("change-after-approval", test_change_after_approval);
  ADD ("tampering-is-found", test_tampering_is_found);
  ADD ("worklists", test_worklists);
  ADD ("shipped-templates", test_shipped_templates);
  ADD ("template-to-approved-pdf", test_template_to_approved_pdf);
  ADD ("copies", test_copies);
  ADD ("recipients", test_recipients);
#undef ADD

  return g_test_run ();
}
