/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-letters-page"

/* Work on a whole worklist at once: approving every letter awaiting
 * approval, and printing everything ready to send — the letters with
 * their copies, or address labels, or DL envelopes. A batch goes one
 * letter per turn of the main loop, so the progress bar moves and the
 * window stays alive. */

#include <glib/gi18n-lib.h>

#include "harley-address-labels.h"
#include "harley-audit-print.h"
#include "harley-letter-draw.h"
#include "harley-letters-page-private.h"
#include "harley-pdf-print.h"
#include "harley-window.h"

typedef enum
{
  BATCH_APPROVE,
  BATCH_PRINT,
} BatchKind;

typedef struct
{
  HarleyLettersPage *page;       /* unowned: the page stops the batch in dispose */
  BatchKind          kind;
  GArray            *ids;        /* gint64 */
  guint              next;
  guint              done;
  gboolean           on_behalf;
  char              *export_filename;
  GPtrArray         *pdfs;       /* GBytes, for printing */
  GArray            *gathered;   /* gint64: the letters in pdfs, for the audit trail */
  GString           *problems;
} Batch;

static void
batch_free (Batch *batch)
{
  g_clear_pointer (&batch->ids, g_array_unref);
  g_clear_pointer (&batch->pdfs, g_ptr_array_unref);
  g_clear_pointer (&batch->gathered, g_array_unref);
  g_free (batch->export_filename);
  if (batch->problems != NULL)
    g_string_free (batch->problems, TRUE);
  g_free (batch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Batch, batch_free)

static void
toast (HarleyLettersPage *self,
       const char        *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (HARLEY_IS_WINDOW (root))
    harley_window_toast (HARLEY_WINDOW (root), message);
  else
    g_message ("%s", message);
}

static void
show_progress (HarleyLettersPage *self,
               Batch             *batch)
{
  g_autofree char *text = NULL;

  /* TRANSLATORS: "Approving 3 of 12" */
  text = g_strdup_printf (batch->kind == BATCH_APPROVE ? _("Approving %u of %u") : _("Gathering %u of %u"),
                          MIN (batch->next + 1, batch->ids->len), batch->ids->len);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, batch->ids->len ? (double) batch->next / batch->ids->len : 1);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
}

static void
note_problem (Batch        *batch,
              gint64        id,
              const GError *error)
{
  if (batch->problems->len == 0)
    g_string_append (batch->problems, error->message);
  g_debug ("Letter %" G_GINT64_FORMAT ": %s", id, error->message);
}

static void
approve_one (HarleyLettersPage *self,
             Batch             *batch,
             gint64             id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyLetter) letter = harley_letter_load (self->store, id, &error);
  g_autoptr(GPtrArray) pdfs = NULL;
  g_autofree char *clinician = NULL;

  if (letter == NULL || (pdfs = harley_letter_draw_all (self->store, letter, &error)) == NULL)
    {
      note_problem (batch, id, error);
      return;
    }
  clinician = harley_letter_dup_clinician_name (self->store, letter);
  if (!harley_letter_approve_all (self->store, id, pdfs, clinician, batch->on_behalf, &error))
    note_problem (batch, id, error);
  else
    batch->done++;
}

static void
gather_one (HarleyLettersPage *self,
            Batch             *batch,
            gint64             id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pdfs = harley_letter_get_approved_pdfs (self->store, id, &error);

  if (pdfs == NULL)
    {
      note_problem (batch, id, error);
      return;
    }
  for (guint i = 0; i < pdfs->len; i++)
    g_ptr_array_add (batch->pdfs, g_bytes_ref (g_ptr_array_index (pdfs, i)));
  g_array_append_val (batch->gathered, id);
  batch->done++;
}

/* The end of a batch {{{1 */

static void
on_all_sent_response_cb (AdwMessageDialog  *dialog,
                         const char        *response,
                         HarleyLettersPage *self)
{
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "ids");
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_signal_handlers_disconnect_by_func (dialog, on_all_sent_response_cb, self);
  if (g_strcmp0 (response, "post") != 0)
    return;
  for (guint i = 0; i < ids->len && error == NULL; i++)
    {
      g_autoptr(HarleyLetter) letter = harley_letter_load (self->store, g_array_index (ids, gint64, i), &error);

      for (guint r = 0; letter != NULL && r < letter->recipients->len && error == NULL; r++)
        {
          const HarleyRecipient *recipient = g_ptr_array_index (letter->recipients, r);

          if (recipient->sent_at == NULL
              && harley_letter_record_sent (self->store, recipient->id, HARLEY_SENT_BY_POST, &error))
            n++;
        }
    }
  harley_letters_page_refresh (self);
  if (error != NULL)
    toast (self, error->message);
}

/* After printing, asks once whether everything went in the post. */
static void
ask_all_sent (HarleyLettersPage *self,
              GArray            *ids)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("Record Them as Sent?"), NULL);

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "Once the letter and its copies are in the post, record it as sent by post.",
                                               "Once the %u letters and their copies are in the post, record them all as sent by post.",
                                               ids->len), ids->len);
  g_object_set_data_full (G_OBJECT (dialog), "ids", g_array_ref (ids), (GDestroyNotify) g_array_unref);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Not Yet"),
                                    "post", _("_Record as Sent by Post"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "post", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_all_sent_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Each letter printed goes in the audit trail, with its patient. */
static void
note_printed (HarleyLettersPage *self,
              GArray            *letter_ids,
              const char        *printed,
              const char        *file)
{
  g_autoptr(GError) error = NULL;

  if (!harley_audit_add_printed (self->store, HARLEY_AUDIT_SUBJECT_LETTER, letter_ids, printed, file, &error))
    toast (self, error->message);
}

static void
finish_print (HarleyLettersPage *self,
              Batch             *batch)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  g_autofree char *job = g_strdup_printf (_("%u letters"), batch->done);

  if (batch->pdfs->len == 0)
    return;
  if (!harley_pdf_print_run (parent, batch->pdfs, job, batch->export_filename, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  note_printed (self, batch->gathered, "the letter and every copy, in a batch", batch->export_filename);
  if (batch->export_filename == NULL)
    ask_all_sent (self, batch->ids);
  else
    toast (self, _("Printed to a file"));
}

static void
finish (HarleyLettersPage *self,
        Batch             *batch)
{
  g_autofree char *message = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  self->busy = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->worklist_box), TRUE);
  if (batch->problems->len > 0)
    message = g_strdup_printf (_("%u of %u done. %s"), batch->done, batch->ids->len, batch->problems->str);
  else if (batch->kind == BATCH_APPROVE)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Approved %u letter", "Approved %u letters",
                                            batch->done), batch->done);
  if (message != NULL)
    toast (self, message);
  if (batch->kind == BATCH_PRINT)
    finish_print (self, batch);
  harley_letters_page_refresh (self);
}

static gboolean
batch_step_cb (gpointer data)
{
  Batch *batch = data;
  HarleyLettersPage *self = batch->page;
  gint64 id;

  if (batch->next >= batch->ids->len)
    {
      g_object_set_data (G_OBJECT (self), "harley-batch-source", NULL);
      finish (self, batch);
      return G_SOURCE_REMOVE;
    }
  show_progress (self, batch);
  id = g_array_index (batch->ids, gint64, batch->next++);
  if (batch->kind == BATCH_APPROVE)
    approve_one (self, batch, id);
  else
    gather_one (self, batch, id);
  return G_SOURCE_CONTINUE;
}

static void
start (HarleyLettersPage *self,
       Batch             *batch)
{
  guint source;

  batch->page = self;
  batch->ids = g_array_copy (self->shown);
  batch->problems = g_string_new (NULL);
  batch->pdfs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  batch->gathered = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->busy = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->worklist_box), FALSE);
  source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, batch_step_cb, batch, (GDestroyNotify) batch_free);
  g_object_set_data_full (G_OBJECT (self), "harley-batch-source", GUINT_TO_POINTER (source),
                          (GDestroyNotify) NULL);
}

/* A batch still going when the window closes stops between letters:
 * each letter's step is its own transaction, so none is half done. */
void
_harley_letters_page_dispose_batch (HarleyLettersPage *self)
{
  guint source = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "harley-batch-source"));

  if (source != 0)
    g_source_remove (source);
  g_object_set_data (G_OBJECT (self), "harley-batch-source", NULL);
}

/* Actions {{{1 */

static void
approve_all (HarleyLettersPage *self,
             gboolean           on_behalf)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->kind = BATCH_APPROVE;
  batch->on_behalf = on_behalf;
  start (self, batch);
}

static void
on_approve_all_response_cb (AdwMessageDialog  *dialog,
                            const char        *response,
                            HarleyLettersPage *self)
{
  g_signal_handlers_disconnect_by_func (dialog, on_approve_all_response_cb, self);
  if (g_strcmp0 (response, "cancel") != 0 && !self->busy)
    approve_all (self, g_strcmp0 (response, "on-behalf") == 0);
}

/* letters.approve-all ("on-behalf" | "clinician" | ""): every letter
 * awaiting approval; with no answer given, asks who approves */
static void
approve_all_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HarleyLettersPage *self = HARLEY_LETTERS_PAGE (widget);
  const char *answer = g_variant_get_string (parameter, NULL);
  guint n = harley_letters_page_get_n_shown (self);
  GtkWidget *dialog;

  if (self->busy || self->worklist != HARLEY_WORKLIST_AWAITING_APPROVAL || n == 0)
    return;
  if (*answer != '\0')
    {
      approve_all (self, g_str_equal (answer, "on-behalf"));
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Approve All These Letters?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "The letter awaiting approval is kept exactly as it is now, with its copies, ready to print.",
                                               "The %u letters awaiting approval are kept exactly as they are now, with their copies, ready to print.",
                                               n), n);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "clinician", _("I Am the _Clinician"),
                                    "on-behalf", _("Approve on the Clinician's _Behalf"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "on-behalf", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_approve_all_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* letters.print-all ("" | "path"): everything ready to send, each
 * letter with its copies, exactly as approved; with a path, to that PDF
 * file instead of a printer */
static void
print_all_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HarleyLettersPage *self = HARLEY_LETTERS_PAGE (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  Batch *batch;

  if (self->busy || self->worklist != HARLEY_WORKLIST_READY_TO_SEND || harley_letters_page_get_n_shown (self) == 0)
    return;
  batch = g_new0 (Batch, 1);
  batch->kind = BATCH_PRINT;
  batch->export_filename = *path != '\0' ? g_strdup (path) : NULL;
  start (self, batch);
}

/* Labels and envelopes {{{1 */

/* The address of everyone still to be sent each letter ready to send,
 * and the letters they are for. */
static GPtrArray *
collect_addresses (HarleyLettersPage *self,
                   GArray            *letter_ids)
{
  GPtrArray *addresses = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; self->shown != NULL && i < self->shown->len; i++)
    {
      g_autoptr(HarleyLetter) letter = harley_letter_load (self->store, g_array_index (self->shown, gint64, i), NULL);

      for (guint r = 0; letter != NULL && r < letter->recipients->len; r++)
        {
          const HarleyRecipient *recipient = g_ptr_array_index (letter->recipients, r);
          GStrv address = recipient->sent_at == NULL
                        ? harley_letter_dup_recipient_address (self->store, letter->patient_id, recipient) : NULL;

          if (address != NULL)
            g_ptr_array_add (addresses, address);
          if (address != NULL && (letter_ids->len == 0
                                  || g_array_index (letter_ids, gint64, letter_ids->len - 1) != letter->id))
            g_array_append_val (letter_ids, letter->id);
        }
    }
  return addresses;
}

static void
print_paper (HarleyLettersPage *self,
             GBytes            *pdf,
             const char        *job,
             const char        *path,
             GArray            *letter_ids,
             const char        *printed,
             GError            *error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  g_autoptr(GError) print_error = NULL;
  const char *file = *path != '\0' ? path : NULL;

  if (pdf == NULL)
    {
      toast (self, error->message);
      return;
    }
  g_ptr_array_add (documents, pdf);
  if (harley_pdf_print_run (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), documents, job, file,
                            &print_error))
    note_printed (self, letter_ids, printed, file);
  else if (!g_error_matches (print_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, print_error->message);
}

/* letters.print-labels ("" | "path"), letters.print-envelopes: one
 * address a label (21 to an A4 sheet) or a DL envelope each */
static void
print_addresses_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  HarleyLettersPage *self = HARLEY_LETTERS_PAGE (widget);
  g_autoptr(GArray) letter_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) addresses = collect_addresses (self, letter_ids);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *practice = NULL;
  gboolean labels = g_str_equal (action_name, "letters.print-labels");

  if (addresses->len == 0)
    {
      toast (self, _("No letter ready to send has an address to print."));
      return;
    }
  if (labels)
    pdf = harley_address_labels_render ((const char * const * const *) addresses->pdata, addresses->len, 0, &error);
  else
    {
      practice = harley_store_get_practice_detail (self->store, "address");
      pdf = harley_dl_envelopes_render ((const char * const * const *) addresses->pdata, addresses->len, practice,
                                        &error);
    }
  print_paper (self, pdf, labels ? _("Address labels") : _("Envelopes"), g_variant_get_string (parameter, NULL),
               letter_ids, labels ? "address labels" : "envelopes", error);
}

void
_harley_letters_page_class_batch_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "letters.approve-all", "s", approve_all_action);
  gtk_widget_class_install_action (widget_class, "letters.print-all", "s", print_all_action);
  gtk_widget_class_install_action (widget_class, "letters.print-labels", "s", print_addresses_action);
  gtk_widget_class_install_action (widget_class, "letters.print-envelopes", "s", print_addresses_action);
}
