/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-render"

/* A letter drawn from what the practice holds now: the letterhead and
 * signature from the practice's details, the recipient's name and
 * address from the patient's record or the address book, the Re: block
 * from the record, and the letter's text. The app's preview and
 * approval, harley-cli and the demo all draw letters here. */

#include <glib/gi18n-lib.h>

#include "harley-contact.h"
#include "harley-letter-draw.h"
#include "harley-letter-pdf.h"
#include "harley-template.h"

/* The strings a HarleyLetterLayout points to live here. */
typedef struct
{
  HarleyMergeContext *merged;
  char               *practice[7];
  GBytes             *logo;
  GStrv               address;
  GPtrArray          *cc;
  char               *date;
} Letterhead;

static const char * const practice_keys[] = {
  "name", "address", "phone", "email", "consultant", "qualifications", "gmc",
};

static void
letterhead_clear (Letterhead *head)
{
  g_clear_pointer (&head->merged, harley_merge_context_free);
  for (guint i = 0; i < G_N_ELEMENTS (head->practice); i++)
    g_clear_pointer (&head->practice[i], g_free);
  g_clear_pointer (&head->logo, g_bytes_unref);
  g_clear_pointer (&head->address, g_strfreev);
  g_clear_pointer (&head->cc, g_ptr_array_unref);
  g_clear_pointer (&head->date, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Letterhead, letterhead_clear)

static void
add_lines (GPtrArray  *lines,
           const char *text)
{
  g_auto(GStrv) split = text != NULL ? g_strsplit (text, "\n", -1) : NULL;

  for (guint i = 0; split != NULL && split[i] != NULL; i++)
    if (*g_strstrip (split[i]) != '\0')
      g_ptr_array_add (lines, g_strdup (split[i]));
}

/* A contact's name and address, one line each; a person without an
 * address of their own is written to at their organisation's. */
static void
add_contact_lines (HarleyStore *store,
                   GPtrArray   *lines,
                   gint64       contact_id)
{
  g_autoptr(HarleyContact) contact = NULL;
  g_autoptr(HarleyContact) organisation = NULL;

  if (contact_id <= 0 || (contact = harley_contact_load (store, contact_id, NULL)) == NULL)
    return;
  add_lines (lines, harley_contact_get_name (contact));
  if (harley_contact_get_organisation_id (contact) > 0)
    organisation = harley_contact_load (store, harley_contact_get_organisation_id (contact), NULL);
  if (organisation != NULL && harley_contact_get_address_lines (contact) == NULL)
    {
      add_lines (lines, harley_contact_get_name (organisation));
      g_set_object (&contact, organisation);
    }
  add_lines (lines, harley_contact_get_address_lines (contact));
  add_lines (lines, harley_contact_get_post_town (contact));
  add_lines (lines, harley_contact_get_postcode (contact));
}

static GPtrArray *
recipient_lines (HarleyStore           *store,
                 HarleyMergeContext    *merged,
                 const HarleyRecipient *r)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  if (r->kind == HARLEY_RECIPIENT_PATIENT)
    {
      add_lines (lines, harley_merge_context_get (merged, "patient.full_name"));
      add_lines (lines, harley_merge_context_get (merged, "patient.address"));
    }
  else
    add_contact_lines (store, lines, r->contact_id);
  return g_steal_pointer (&lines);
}

/* The window shows @recipient's address; every copy is listed after cc:. */
static void
fill_recipients (HarleyStore        *store,
                 const HarleyLetter *letter,
                 guint               recipient,
                 Letterhead         *head)
{
  head->cc = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < letter->recipients->len; i++)
    {
      const HarleyRecipient *r = g_ptr_array_index (letter->recipients, i);
      g_autoptr(GPtrArray) lines = recipient_lines (store, head->merged, r);

      if (lines->len > 0 && r->copy)
        g_ptr_array_add (head->cc, g_strdup (g_ptr_array_index (lines, 0)));
      if (lines->len > 0 && i == recipient)
        {
          g_ptr_array_add (lines, NULL);
          head->address = harley_format_royal_mail_address ((const char * const *) lines->pdata);
        }
    }
  g_ptr_array_add (head->cc, NULL);
}

static void
fill_practice (HarleyStore        *store,
               Letterhead         *head,
               HarleyLetterLayout *layout)
{
  for (guint i = 0; i < G_N_ELEMENTS (practice_keys); i++)
    head->practice[i] = harley_store_get_practice_detail (store, practice_keys[i]);
  head->logo = harley_store_get_practice_logo (store, NULL);
  layout->practice_name = head->practice[0];
  layout->practice_address = head->practice[1];
  layout->practice_phone = head->practice[2];
  layout->practice_email = head->practice[3];
  layout->logo_png = head->logo;
  layout->signatory_name = head->practice[4];
  layout->qualifications = head->practice[5];
  layout->gmc_number = head->practice[6];
}

static void
fill_patient (Letterhead         *head,
              HarleyLetterLayout *layout)
{
  /* Every letter from the practice is about a patient. */
  layout->private_and_confidential = TRUE;
  layout->patient_name = harley_merge_context_get (head->merged, "patient.full_name");
  layout->patient_dob = harley_merge_context_get (head->merged, "patient.dob");
  layout->patient_nhs = harley_merge_context_get (head->merged, "patient.nhs_number");
  layout->patient_hospital_number = harley_merge_context_get (head->merged, "patient.hospital_number");
  layout->patient_address = harley_merge_context_get (head->merged, "patient.address");
}

static gboolean
fill_layout (HarleyStore         *store,
             const HarleyLetter  *letter,
             guint                recipient,
             Letterhead          *head,
             HarleyLetterLayout  *layout,
             GError             **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  head->merged = harley_merge_context_new_for_patient (store, letter->patient_id, 0, error);
  if (head->merged == NULL)
    return FALSE;
  harley_letter_layout_init (layout);
  harley_letter_window_box_load (store, &layout->window_left_mm, &layout->window_top_mm,
                                 &layout->window_width_mm, &layout->window_height_mm);
  fill_practice (store, head, layout);
  fill_patient (head, layout);
  fill_recipients (store, letter, recipient, head);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  head->date = harley_format_long_date (&today, FALSE);
  layout->address_lines = (const char * const *) head->address;
  layout->date = head->date;
  layout->body = letter->body;
  layout->cc = head->cc->len > 1 ? (const char * const *) head->cc->pdata : NULL;
  layout->database = harley_store_get_path (store);
  return TRUE;
}

/**
 * harley_letter_draw:
 * @letter: a letter, as it stands
 * @recipient: the index in @letter's recipients whose address shows
 *   through the envelope's window: 0 is the addressee
 * @n_pages: (out) (optional): the number of pages
 *
 * Draws a letter now from its text and what the practice holds, dated
 * today: a draft's preview, or the form it is approved with.
 *
 * Returns: (transfer full) (nullable): the PDF
 */
GBytes *
harley_letter_draw (HarleyStore         *store,
                    const HarleyLetter  *letter,
                    guint                recipient,
                    guint               *n_pages,
                    GError             **error)
{
  g_auto(Letterhead) head = { 0 };
  HarleyLetterLayout layout;

  g_return_val_if_fail (letter != NULL, NULL);

  if (!fill_layout (store, letter, recipient, &head, &layout, error))
    return NULL;
  return harley_letter_pdf_render (&layout, n_pages, error);
}

/**
 * harley_letter_draw_all:
 *
 * Draws the letter for each of its recipients, the addressee first, as
 * harley_letter_approve_all() keeps them.
 *
 * Returns: (transfer container) (element-type GBytes) (nullable): the PDFs
 */
GPtrArray *
harley_letter_draw_all (HarleyStore         *store,
                        const HarleyLetter  *letter,
                        GError             **error)
{
  g_autoptr(GPtrArray) pdfs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  guint n = MAX (letter->recipients->len, 1);

  for (guint i = 0; i < n; i++)
    {
      GBytes *pdf = harley_letter_draw (store, letter, i, NULL, error);

      if (pdf == NULL)
        return NULL;
      g_ptr_array_add (pdfs, pdf);
    }
  return g_steal_pointer (&pdfs);
}

/**
 * harley_letter_draw_to_file:
 *
 * Writes the letter, drawn now for its addressee, to @path, never over
 * the practice database.
 */
gboolean
harley_letter_draw_to_file (HarleyStore         *store,
                            const HarleyLetter  *letter,
                            const char          *path,
                            GError             **error)
{
  g_auto(Letterhead) head = { 0 };
  HarleyLetterLayout layout;

  return fill_layout (store, letter, 0, &head, &layout, error)
         && harley_letter_pdf_write (&layout, path, error);
}

/**
 * harley_letter_draw_for_demo:
 * @letter_id: a letter not yet approved
 * @user_data: unused
 *
 * A #HarleyDemoDrawPdf: the demo's approved letters are drawn as the
 * app draws them.
 *
 * Returns: (transfer container) (element-type GBytes) (nullable): the PDFs
 */
GPtrArray *
harley_letter_draw_for_demo (HarleyStore *store,
                             gint64       letter_id,
                             gpointer     user_data)
{
  g_autoptr(HarleyLetter) letter = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *pdfs;

  if ((letter = harley_letter_load (store, letter_id, &error)) == NULL
      || (pdfs = harley_letter_draw_all (store, letter, &error)) == NULL)
    {
      g_warning ("Cannot draw letter %" G_GINT64_FORMAT ": %s", letter_id, error->message);
      return NULL;
    }
  return pdfs;
}

/**
 * harley_letter_dup_recipient_name:
 * @patient_id: the letter's patient
 *
 * Returns: (transfer full): who @recipient is, "Dr Anna Patel" or the
 *   patient's name, or a description when the address book has lost them
 */
char *
harley_letter_dup_recipient_name (HarleyStore           *store,
                                  gint64                 patient_id,
                                  const HarleyRecipient *recipient)
{
  g_autoptr(HarleyMergeContext) merged = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  if (recipient->kind == HARLEY_RECIPIENT_PATIENT)
    merged = harley_merge_context_new_for_patient (store, patient_id, 0, NULL);
  if (recipient->kind == HARLEY_RECIPIENT_PATIENT && merged == NULL)
    return g_strdup (_("The patient"));
  lines = recipient_lines (store, merged, recipient);
  if (lines->len == 0)
    return g_strdup (_("Someone no longer in the address book"));
  return g_strdup (g_ptr_array_index (lines, 0));
}

/**
 * harley_letter_dup_recipient_address:
 * @patient_id: the letter's patient
 *
 * Returns: (transfer full) (nullable): @recipient's name and address in
 *   Royal Mail style, one line each, for a label or an envelope; %NULL
 *   when there is no address to write to
 */
GStrv
harley_letter_dup_recipient_address (HarleyStore           *store,
                                     gint64                 patient_id,
                                     const HarleyRecipient *recipient)
{
  g_autoptr(HarleyMergeContext) merged = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  if (recipient->kind == HARLEY_RECIPIENT_PATIENT
      && (merged = harley_merge_context_new_for_patient (store, patient_id, 0, NULL)) == NULL)
    return NULL;
  lines = recipient_lines (store, merged, recipient);
  if (lines->len < 2)
    return NULL;
  g_ptr_array_add (lines, NULL);
  return harley_format_royal_mail_address ((const char * const *) lines->pdata);
}
