/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Letters driven as a secretary drives them: the real window on a
 * temporary database with a patient and her GP; a clinic letter typed
 * into the editor (saved by itself, and with Ctrl+S), marked typed,
 * approved on the clinician's behalf, printed to a PDF file with its
 * copy, and recorded as sent; a letter sent back for correction; and a
 * whole worklist approved and printed at once. Then the database and
 * the files are read. */

#include <adwaita.h>
#include <poppler.h>
#include <string.h>

#include "harley-application.h"
#include "harley-contact.h"
#include "harley-letter.h"
#include "harley-letters-page.h"
#include "harley-register.h"
#include "harley-test-ui.h"
#include "harley-test-util.h"
#include "harley-window.h"

typedef struct
{
  char               *dir;
  char               *path;
  gint64              jane;
  gint64              gp;
  HarleyApplication  *app;
  HarleyWindow       *window;
  HarleyLettersPage  *page;
  HarleyLetterEditor *editor;
} Desk;

static gint64
add_gp (HarleyStore *store)
{
  g_autoptr(HarleyContact) gp = harley_contact_new (HARLEY_CONTACT_GP, "Dr Amir Khan");
  g_autoptr(GError) error = NULL;

  g_object_set (gp, "address-lines", "Riverside Surgery\n4 Mill Lane", "post-town", "Leeds", "postcode", "LS2 7EW",
                NULL);
  g_assert_true (harley_contact_save (store, gp, &error));
  return harley_contact_get_id (gp);
}

static gint64
add_patient (HarleyStore *store,
             gint64       gp)
{
  g_autoptr(HarleyPatient) p = harley_test_patient ("Jane", "Smith", "1965-03-07", NULL);
  g_autoptr(GError) error = NULL;

  harley_patient_set_text (p, HARLEY_PATIENT_ADDRESS_LINE1, "12 Park Road");
  harley_patient_set_text (p, HARLEY_PATIENT_POST_TOWN, "Leeds");
  harley_patient_set_text (p, HARLEY_PATIENT_POSTCODE, "LS6 2AB");
  harley_patient_set_link (p, HARLEY_PATIENT_GP, gp);
  g_assert_true (harley_register_save (store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  return harley_patient_get_id (p);
}

/* A letter to the GP with a copy to the patient, as New Letter makes it. */
static gint64
add_letter (Desk       *desk,
            const char *body)
{
  HarleyStore *store = harley_window_get_store (desk->window);
  g_autoptr(GError) error = NULL;
  gint64 id = harley_letter_create (store, desk->jane, 0, 0, 0, "Clinic letter", body, &error);

  g_assert_no_error (error);
  g_assert_cmpint (harley_letter_add_recipient (store, id, FALSE, HARLEY_RECIPIENT_GP, desk->gp, &error), >, 0);
  g_assert_cmpint (harley_letter_add_recipient (store, id, TRUE, HARLEY_RECIPIENT_PATIENT, 0, &error), >, 0);
  return id;
}

static void
desk_open (Desk *desk)
{
  g_autoptr(HarleyStore) store = harley_test_new_database (&desk->dir, &desk->path);
  g_autoptr(GError) error = NULL;

  desk->gp = add_gp (store);
  desk->jane = add_patient (store, desk->gp);
  g_assert_true (harley_store_set_practice_detail (store, "consultant", "Dr Eleanor Hartley", &error));
  g_clear_object (&store);

  desk->app = harley_test_start (desk->path);
  desk->window = harley_test_main_window (desk->app);
  harley_test_iterate (200);

  /* Alt+3: Letters */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.section", "i", 3));
  harley_test_iterate (100);
  desk->page = harley_window_get_letters (desk->window);
  desk->editor = harley_letters_page_get_editor (desk->page);
}

static void
desk_close (Desk *desk)
{
  harley_test_quit (desk->window, &desk->app);
  harley_test_remove_database (&desk->dir, &desk->path);
}

static void
open_letter (Desk   *desk,
             gint64  id)
{
  harley_test_activate (desk->window, "win.open-letter", g_variant_new_int64 (id));
  g_assert_cmpint (harley_letter_editor_get_letter_id (desk->editor), ==, id);
}

static void
go_to_end (Desk *desk)
{
  GtkTextView *view = harley_letter_editor_get_text_view (desk->editor);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter end;

  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
}

/* Types at the cursor, a key at a time, as the keyboard does. */
static void
type_in_letter (Desk       *desk,
                const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (harley_letter_editor_get_text_view (desk->editor));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gtk_text_buffer_insert_interactive_at_cursor (buffer, p, g_utf8_next_char (p) - p, TRUE);
      harley_test_iterate (2);
    }
}

static char *
letter_query (Desk       *desk,
              gint64      id,
              const char *what)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM letter WHERE id = %" G_GINT64_FORMAT, what, id);

  return harley_test_query_text (desk->path, sql);
}

static void
assert_state (Desk       *desk,
              gint64      id,
              const char *state)
{
  g_autofree char *got = letter_query (desk, id, "state");

  g_assert_cmpstr (got, ==, state);
}

static char *
pdf_text (const char *path,
          int        *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GObject) document = G_OBJECT (poppler_document_new_from_file (uri, NULL, &error));
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  *n_pages = poppler_document_get_n_pages (POPPLER_DOCUMENT (document));
  for (int i = 0; i < *n_pages; i++)
    {
      g_autoptr(GObject) page = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (document), i));
      g_autofree char *page_text = poppler_page_get_text (POPPLER_PAGE (page));

      g_string_append (text, page_text);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_type_approve_print_send (void)
{
  Desk desk = { 0 };
  g_autofree char *printed = NULL;
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;
  g_autofree char *count = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GBytes) saved_bytes = NULL;
  g_autoptr(GBytes) approved = NULL;
  gint64 id;
  int n_pages = 0;

  desk_open (&desk);
  id = add_letter (&desk, "Dear Dr Khan\n\n## Diagnoses\n\n");
  open_letter (&desk, id);

  /* Typing saves itself a moment after the typing stops. */
  go_to_end (&desk);
  type_in_letter (&desk, "- Seborrhoeic keratosis");
  harley_test_iterate (1300);
  body = letter_query (&desk, id, "body");
  g_assert_cmpstr (body, ==, "Dear Dr Khan\n\n## Diagnoses\n\n- Seborrhoeic keratosis");

  /* Ctrl+S saves at once; the formatting keys mark the text. */
  type_in_letter (&desk, "\n\n## Plan\n\nReview in ");
  harley_test_activate (desk.editor, "letter.bold", NULL);
  type_in_letter (&desk, "six weeks");
  harley_test_activate (desk.editor, "letter.save", NULL);
  g_clear_pointer (&body, g_free);
  body = letter_query (&desk, id, "body");
  g_assert_nonnull (strstr (body, "Review in **six weeks**"));

  /* Marked typed, then approved on the clinician's behalf. */
  harley_test_activate (desk.editor, "letter.mark-typed", NULL);
  assert_state (&desk, id, "typed");
  harley_test_activate (desk.editor, "letter.approve", g_variant_new_string ("on-behalf"));
  assert_state (&desk, id, "approved");
  harley_test_assert_query_text (desk.path, "SELECT approved_by || ':' || on_behalf || ':' || "
                                            "(SELECT count(*) FROM letter_copy) FROM letter_version",
                                 "Dr Eleanor Hartley:1:1");
  count = harley_test_query_text (desk.path, "SELECT count(*) FROM letter_event WHERE summary LIKE '%on behalf%'");
  g_assert_cmpstr (count, ==, "1");

  /* An approved letter cannot be typed in. */
  g_assert_false (gtk_text_view_get_editable (harley_letter_editor_get_text_view (desk.editor)));

  /* Printed to a file: the GP's letter then the patient's copy. */
  printed = g_build_filename (desk.dir, "printed.pdf", NULL);
  harley_test_activate (desk.editor, "letter.print-to", g_variant_new_string (printed));
  text = pdf_text (printed, &n_pages);
  g_assert_cmpint (n_pages, ==, 2);
  g_assert_nonnull (strstr (text, "Dr Amir Khan"));
  g_assert_nonnull (strstr (text, "LS6 2AB"));
  g_assert_nonnull (strstr (text, "Seborrhoeic keratosis"));

  /* The letter alone, without the patient's copy. */
  g_clear_pointer (&printed, g_free);
  printed = g_build_filename (desk.dir, "letter-only.pdf", NULL);
  harley_test_activate (desk.editor, "letter.print-letter-only-to", g_variant_new_string (printed));
  g_clear_pointer (&text, g_free);
  text = pdf_text (printed, &n_pages);
  g_assert_cmpint (n_pages, ==, 1);

  /* Saved as PDF: the approved bytes exactly; never over the database. */
  saved = g_build_filename (desk.dir, "saved.pdf", NULL);
  harley_test_activate (desk.editor, "letter.save-pdf-to", g_variant_new_string (saved));
  saved_bytes = harley_test_read_file (saved);
  approved = harley_letter_get_approved_pdf (harley_window_get_store (desk.window), id, NULL);
  g_assert_true (g_bytes_equal (saved_bytes, approved));
  harley_test_activate (desk.editor, "letter.save-pdf-to", g_variant_new_string (desk.path));
  harley_test_assert_query_text (desk.path, "SELECT state FROM letter", "approved");

  /* Recorded as sent by post: it leaves Ready to Send for Sent Today. */
  g_assert_cmpuint (harley_letter_worklist_count (harley_window_get_store (desk.window),
                                                  HARLEY_WORKLIST_READY_TO_SEND), ==, 1);
  harley_test_activate (desk.editor, "letter.record-sent", g_variant_new_string ("post"));
  assert_state (&desk, id, "sent");
  harley_test_assert_query_text (desk.path, "SELECT group_concat (sent_method, ',') FROM letter_recipient",
                                 "post,post");
  harley_letters_page_show_worklist (desk.page, HARLEY_WORKLIST_SENT_TODAY);
  harley_test_iterate (50);
  g_assert_cmpuint (harley_letters_page_get_n_shown (desk.page), ==, 1);

  desk_close (&desk);
}

static void
test_sent_back_for_correction (void)
{
  Desk desk = { 0 };
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  gint64 id;

  desk_open (&desk);
  id = add_letter (&desk, "## Plan\n\nReview.");
  open_letter (&desk, id);
  harley_test_activate (desk.editor, "letter.mark-typed", NULL);
  harley_test_activate (desk.editor, "letter.send-for-approval", NULL);
  assert_state (&desk, id, "awaiting-approval");

  /* Sent back with what to correct: Send Back waits for the words. */
  harley_test_activate (desk.editor, "letter.send-back", NULL);
  dialog = harley_test_find_dialog ();
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "send-back"));
  entry = adw_message_dialog_get_extra_child (dialog);
  harley_test_type_text (entry, "Add the biopsy date");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "send-back"));
  harley_test_respond (dialog, "send-back");
  assert_state (&desk, id, "awaiting-correction");
  harley_test_assert_query_text (desk.path, "SELECT correction FROM letter", "Add the biopsy date");

  /* Corrected, typed again; the correction is cleared. */
  go_to_end (&desk);
  type_in_letter (&desk, " Biopsy taken 02/03/2030.");
  harley_test_activate (desk.editor, "letter.mark-typed", NULL);
  assert_state (&desk, id, "typed");
  harley_test_assert_query_text (desk.path, "SELECT body FROM letter", "## Plan\n\nReview. Biopsy taken 02/03/2030.");

  desk_close (&desk);
}

static void
test_recipients (void)
{
  Desk desk = { 0 };
  HarleyStore *store;
  g_autoptr(HarleyContact) insurer = harley_contact_new (HARLEY_CONTACT_INSURER, "Bupa Claims");
  g_autoptr(GError) error = NULL;
  g_autofree char *cc = NULL;
  g_autofree char *expected = NULL;
  AdwMessageDialog *dialog;
  GtkDropDown *drop_down;
  GListModel *contacts;
  gint64 id;

  desk_open (&desk);
  store = harley_window_get_store (desk.window);
  g_object_set (insurer, "address-lines", "Bupa House", "post-town", "Salford", "postcode", "M5 3EZ", NULL);
  g_assert_true (harley_contact_save (store, insurer, &error));
  id = add_letter (&desk, "Words.");
  open_letter (&desk, id);

  /* The patient's copy taken off, and put back. */
  cc = harley_test_query_text (desk.path, "SELECT id FROM letter_recipient WHERE role = 'cc'");
  harley_test_activate (desk.editor, "letter.remove-copy", g_variant_new_int64 (g_ascii_strtoll (cc, NULL, 10)));
  harley_test_assert_query_text (desk.path, "SELECT group_concat (role || ':' || kind) FROM letter_recipient", "to:gp");
  harley_test_activate (desk.editor, "letter.add-copy", g_variant_new ("(sx)", "patient", (gint64) 0));
  harley_test_assert_query_text (desk.path, "SELECT group_concat (role || ':' || kind) FROM letter_recipient",
                                 "to:gp,cc:patient");

  /* Sent to the insurer instead, found in the address book by name. */
  harley_test_activate (desk.editor, "letter.choose-contact", g_variant_new_boolean (FALSE));
  dialog = harley_test_find_dialog ();
  drop_down = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  contacts = gtk_drop_down_get_model (drop_down);
  for (guint i = 0; i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr(HarleyContact) contact = g_list_model_get_item (contacts, i);

      if (harley_contact_get_id (contact) == harley_contact_get_id (insurer))
        gtk_drop_down_set_selected (drop_down, i);
    }
  harley_test_respond (dialog, "choose");
  expected = g_strdup_printf ("to:contact:%" G_GINT64_FORMAT ",cc:patient:", harley_contact_get_id (insurer));
  harley_test_assert_query_text (desk.path, "SELECT group_concat (role || ':' || kind || ':' || ifnull (contact_id, ''))"
                                            " FROM (SELECT * FROM letter_recipient ORDER BY role = 'cc')", expected);

  /* Approved, the recipients are fixed and the button goes. */
  harley_test_activate (desk.editor, "letter.mark-typed", NULL);
  harley_test_activate (desk.editor, "letter.approve", g_variant_new_string ("on-behalf"));
  assert_state (&desk, id, "approved");
  harley_test_assert_query_text (desk.path, "SELECT count(*) FROM letter_copy", "1");
  harley_test_activate (desk.editor, "letter.add-copy", g_variant_new ("(sx)", "gp", (gint64) 0));
  harley_test_assert_query_text (desk.path, "SELECT count(*) FROM letter_recipient", "2");

  desk_close (&desk);
}

static void
test_approve_and_print_a_worklist (void)
{
  Desk desk = { 0 };
  HarleyStore *store;
  g_autofree char *printed = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  int n_pages = 0;

  desk_open (&desk);
  store = harley_window_get_store (desk.window);
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *body = g_strdup_printf ("Letter number %d.", i + 1);
      gint64 id = add_letter (&desk, body);

      g_assert_true (harley_letter_set_state (store, id, HARLEY_LETTER_TYPED, NULL, &error));
      g_assert_true (harley_letter_set_state (store, id, HARLEY_LETTER_AWAITING_APPROVAL, NULL, &error));
    }

  /* Approve All asks who approves; the clinician answers for them all. */
  harley_letters_page_show_worklist (desk.page, HARLEY_WORKLIST_AWAITING_APPROVAL);
  harley_test_iterate (50);
  g_assert_cmpuint (harley_letters_page_get_n_shown (desk.page), ==, 3);
  harley_test_activate (desk.page, "letters.approve-all", g_variant_new_string (""));
  harley_test_respond (harley_test_find_dialog (), "clinician");
  harley_test_iterate (500);
  harley_test_assert_query_text (desk.path, "SELECT group_concat (state, ',') FROM letter",
                                 "approved,approved,approved");
  harley_test_assert_query_text (desk.path, "SELECT sum (on_behalf) || '/' || count(*) FROM letter_version", "0/3");

  /* Print All: every letter and copy, as approved, in one run. */
  harley_letters_page_show_worklist (desk.page, HARLEY_WORKLIST_READY_TO_SEND);
  harley_test_iterate (50);
  printed = g_build_filename (desk.dir, "batch.pdf", NULL);
  harley_test_activate (desk.page, "letters.print-all", g_variant_new_string (printed));
  harley_test_iterate (500);
  text = pdf_text (printed, &n_pages);
  g_assert_cmpint (n_pages, ==, 6);
  g_assert_nonnull (strstr (text, "Letter number 1."));
  g_assert_nonnull (strstr (text, "Letter number 3."));

  /* Labels: the GP and the patient for each of the three. */
  labels = g_build_filename (desk.dir, "labels.pdf", NULL);
  harley_test_activate (desk.page, "letters.print-labels", g_variant_new_string (labels));
  g_clear_pointer (&text, g_free);
  text = pdf_text (labels, &n_pages);
  g_assert_cmpint (n_pages, ==, 1);
  g_assert_nonnull (strstr (text, "LS2 7EW"));
  g_assert_nonnull (strstr (text, "LS6 2AB"));
  /* Each letter whose addresses were printed is in the audit trail. */
  g_assert_cmpint (harley_test_query_int (desk.path, "SELECT count(*) FROM audit WHERE action = 'print' AND "
                                                     "details LIKE '{\"printed\":\"address labels\"%'"), ==, 3);

  desk_close (&desk);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/ui/letters/type-approve-print-send", test_type_approve_print_send,
                        harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/letters/sent-back-for-correction", test_sent_back_for_correction,
                        harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/letters/recipients", test_recipients, harley_test_run_in_subprocess);
  g_test_add_data_func ("/ui/letters/approve-and-print-a-worklist", test_approve_and_print_a_worklist,
                        harley_test_run_in_subprocess);

  return g_test_run ();
}
