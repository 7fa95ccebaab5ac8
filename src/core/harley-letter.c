/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-letter"

/* A letter's life: draft → typed → awaiting approval → (awaiting
 * correction → typed …) → approved → sent → filed. Approval is the
 * clinician's act and freezes the letter: the PDF bytes as approved are
 * kept with their SHA-256, and any change after that is a new version
 * that needs approval again. A letter is sent when every recipient has
 * had it. Each step is in the letter's history and the patient's
 * timeline, in the same transaction. */

#include <glib/gi18n-lib.h>

#include "harley-diary.h"
#include "harley-letter-private.h"
#include "harley-register-private.h"

G_DEFINE_QUARK (harley-letter-error-quark, harley_letter_error)

static const struct
{
  const char *code;
  const char *label;
} states[HARLEY_LETTER_N_STATES] = {
  [HARLEY_LETTER_DRAFT] = { "draft", N_("Draft") },
  [HARLEY_LETTER_TYPED] = { "typed", N_("Typed") },
  [HARLEY_LETTER_AWAITING_APPROVAL] = { "awaiting-approval", N_("Awaiting approval") },
  [HARLEY_LETTER_AWAITING_CORRECTION] = { "awaiting-correction", N_("Awaiting correction") },
  [HARLEY_LETTER_APPROVED] = { "approved", N_("Approved") },
  [HARLEY_LETTER_SENT] = { "sent", N_("Sent") },
  [HARLEY_LETTER_FILED] = { "filed", N_("Filed") },
};

static const char * const recipient_kinds[] = { "patient", "gp", "referrer", "insurer", "contact" };

const char *
harley_letter_state_to_string (HarleyLetterState state)
{
  g_return_val_if_fail (state < HARLEY_LETTER_N_STATES, NULL);
  return states[state].code;
}

gboolean
harley_letter_state_from_string (const char        *text,
                                 HarleyLetterState *state)
{
  for (guint i = 0; i < HARLEY_LETTER_N_STATES; i++)
    if (g_strcmp0 (text, states[i].code) == 0)
      {
        *state = i;
        return TRUE;
      }
  return FALSE;
}

const char *
harley_letter_state_label (HarleyLetterState state)
{
  g_return_val_if_fail (state < HARLEY_LETTER_N_STATES, NULL);
  return _(states[state].label);
}

/**
 * harley_letter_state_can_become:
 *
 * The steps harley_letter_set_state() takes. Approval and sending have
 * their own calls (harley_letter_approve(), harley_letter_record_sent()),
 * so that no letter is approved without its PDF or sent without a record
 * of how.
 */
gboolean
harley_letter_state_can_become (HarleyLetterState from,
                                HarleyLetterState to)
{
  switch (from)
    {
    case HARLEY_LETTER_DRAFT:
      return to == HARLEY_LETTER_TYPED;
    case HARLEY_LETTER_TYPED:
      return to == HARLEY_LETTER_AWAITING_APPROVAL || to == HARLEY_LETTER_DRAFT;
    case HARLEY_LETTER_AWAITING_APPROVAL:
      return to == HARLEY_LETTER_AWAITING_CORRECTION || to == HARLEY_LETTER_TYPED;
    case HARLEY_LETTER_AWAITING_CORRECTION:
      return to == HARLEY_LETTER_TYPED;
    case HARLEY_LETTER_SENT:
      return to == HARLEY_LETTER_FILED;
    case HARLEY_LETTER_APPROVED:
    case HARLEY_LETTER_FILED:
    case HARLEY_LETTER_N_STATES:
    default:
      return FALSE;
    }
}

void
harley_letter_free (HarleyLetter *letter)
{
  g_free (letter->subject);
  g_free (letter->body);
  g_free (letter->correction);
  g_free (letter->created_at);
  g_free (letter->updated_at);
  g_clear_pointer (&letter->recipients, g_ptr_array_unref);
  g_free (letter);
}

static void
recipient_free (HarleyRecipient *r)
{
  g_free (r->sent_method);
  g_free (r->sent_at);
  g_free (r);
}

/* History {{{1 */

gboolean
_harley_letter_add_event (HarleyStore  *store,
                          gint64        letter_id,
                          gint64        patient_id,
                          const char   *now,
                          const char   *summary,
                          GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "INSERT INTO letter_event (letter_id, at, by, summary) "
                                                    "VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, letter_id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, harley_diary_user (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, summary, -1, SQLITE_TRANSIENT);
  if (!harley_store_step_done (store, stmt, error))
    return FALSE;
  return _harley_register_add_event (store, patient_id, now, "letter", summary, error);
}

char *
_harley_letter_describe (const HarleyLetter *letter,
                         const char         *what)
{
  const char *subject = letter->subject != NULL && *letter->subject != '\0' ? letter->subject : _("Letter");

  return g_strdup_printf ("%s: %s", subject, what);
}

/* Creating {{{1 */

/**
 * _harley_letter_insert:
 *
 * Writes a new draft and its "started" event. The caller holds the
 * transaction, so that a letter and its recipients are written together
 * or not at all (harley_store_begin() does not nest).
 *
 * Returns: the new letter's id, or 0
 */
gint64
_harley_letter_insert (HarleyStore  *store,
                       gint64        patient_id,
                       gint64        template_id,
                       gint64        appointment_id,
                       gint64        clinician_id,
                       const char   *subject,
                       const char   *body,
                       GError      **error)
{
  g_autofree char *now = harley_store_now ();
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_assert (harley_store_in_transaction (store));

  stmt = harley_store_prepare (store,
    "INSERT INTO letter (patient_id, template_id, appointment_id, clinician_id, subject, body, created_at, "
    "updated_at) VALUES (?, nullif (?, 0), nullif (?, 0), nullif (?, 0), ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, patient_id);
  sqlite3_bind_int64 (stmt, 2, template_id);
  sqlite3_bind_int64 (stmt, 3, appointment_id);
  sqlite3_bind_int64 (stmt, 4, clinician_id);
  harley_bind_text (stmt, 5, subject);
  sqlite3_bind_text (stmt, 6, body != NULL ? body : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  if (!harley_store_step_done (store, stmt, error))
    {
      if (error != NULL && *error != NULL && (*error)->code == HARLEY_STORE_ERROR_CONSTRAINT)
        {
          g_clear_error (error);
          g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_NOT_FOUND,
                       _("There is no such patient, template, appointment or clinician."));
        }
      return 0;
    }
  id = sqlite3_last_insert_rowid (harley_store_get_db (store));
  summary = g_strdup_printf (_("%s: started"), subject != NULL && *subject != '\0' ? subject : _("Letter"));
  if (!_harley_letter_add_event (store, id, patient_id, now, summary, error))
    return 0;
  return id;
}

/**
 * harley_letter_create:
 * @template_id: the template it was made from, or 0
 * @appointment_id: the appointment it is about, or 0
 * @clinician_id: the clinician who will approve it, or 0
 * @body: the letter's text, merged from the template
 *
 * Returns: the new letter's id (a draft), or 0
 */
gint64
harley_letter_create (HarleyStore  *store,
                      gint64        patient_id,
                      gint64        template_id,
                      gint64        appointment_id,
                      gint64        clinician_id,
                      const char   *subject,
                      const char   *body,
                      GError      **error)
{
  gint64 id;

  if (!harley_store_begin (store, error))
    return 0;
  id = _harley_letter_insert (store, patient_id, template_id, appointment_id, clinician_id, subject, body, error);
  if (id == 0)
    {
      harley_store_rollback (store);
      return 0;
    }
  return harley_store_commit (store, error) ? id : 0;
}

/**
 * _harley_letter_insert_recipient:
 *
 * Adds a recipient after those the letter has, inside the caller's
 * transaction.
 *
 * Returns: the recipient's id, or 0
 */
gint64
_harley_letter_insert_recipient (HarleyStore          *store,
                                 gint64                letter_id,
                                 gboolean              copy,
                                 HarleyRecipientKind   kind,
                                 gint64                contact_id,
                                 GError              **error)
{
  sqlite3_stmt *stmt;

  g_assert (harley_store_in_transaction (store));

  if (kind != HARLEY_RECIPIENT_PATIENT && contact_id == 0)
    {
      g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID,
                   _("Choose who the letter goes to from the address book."));
      return 0;
    }
  stmt = harley_store_prepare (store,
    "INSERT INTO letter_recipient (letter_id, role, kind, contact_id, position) VALUES (?1, ?2, ?3, "
    "nullif (?4, 0), (SELECT coalesce (max (position), 0) + 1 FROM letter_recipient WHERE letter_id = ?1))",
    error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, letter_id);
  sqlite3_bind_text (stmt, 2, copy ? "cc" : "to", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, recipient_kinds[kind], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, contact_id);
  if (!harley_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (harley_store_get_db (store));
}

/**
 * harley_letter_add_recipient:
 * @copy: %FALSE for the addressee, %TRUE for a copy
 * @contact_id: the address book entry (a GP, referrer, insurer or other
 *   contact), or 0 for the patient
 *
 * Returns: the recipient's id, or 0
 */
gint64
harley_letter_add_recipient (HarleyStore          *store,
                             gint64                letter_id,
                             gboolean              copy,
                             HarleyRecipientKind   kind,
                             gint64                contact_id,
                             GError              **error)
{
  gint64 id;

  if (!harley_store_begin (store, error))
    return 0;
  id = _harley_letter_insert_recipient (store, letter_id, copy, kind, contact_id, error);
  if (id == 0)
    {
      harley_store_rollback (store);
      return 0;
    }
  return harley_store_commit (store, error) ? id : 0;
}

/* Reading {{{1 */

static gboolean
load_recipients (HarleyStore   *store,
                 HarleyLetter  *letter,
                 GError       **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "SELECT id, role, kind, contact_id, sent_method, sent_at FROM letter_recipient WHERE letter_id = ? "
    "ORDER BY role = 'cc', position", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  letter->recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) recipient_free);
  sqlite3_bind_int64 (stmt, 1, letter->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HarleyRecipient *r = g_new0 (HarleyRecipient, 1);
      const char *kind = (const char *) sqlite3_column_text (stmt, 2);

      r->id = sqlite3_column_int64 (stmt, 0);
      r->copy = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "cc") == 0;
      for (guint i = 0; i < G_N_ELEMENTS (recipient_kinds); i++)
        if (g_strcmp0 (kind, recipient_kinds[i]) == 0)
          r->kind = i;
      r->contact_id = sqlite3_column_int64 (stmt, 3);
      r->sent_method = harley_column_dup (stmt, 4);
      r->sent_at = harley_column_dup (stmt, 5);
      g_ptr_array_add (letter->recipients, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * harley_letter_load:
 *
 * Returns: (transfer full): the letter with its recipients, or %NULL
 */
HarleyLetter *
harley_letter_load (HarleyStore  *store,
                    gint64        id,
                    GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "SELECT id, patient_id, appointment_id, template_id, clinician_id, state, version, subject, body, "
    "correction, created_at, updated_at FROM letter WHERE id = ?", error);
  g_autoptr(HarleyLetter) letter = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      /* A read that fails is the database's error, not a letter missing. */
      if (rc == SQLITE_DONE)
        g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_NOT_FOUND, _("That letter is not on file."));
      else
        harley_store_set_error (store, error);
      return NULL;
    }
  letter = g_new0 (HarleyLetter, 1);
  letter->id = sqlite3_column_int64 (stmt, 0);
  letter->patient_id = sqlite3_column_int64 (stmt, 1);
  letter->appointment_id = sqlite3_column_int64 (stmt, 2);
  letter->template_id = sqlite3_column_int64 (stmt, 3);
  letter->clinician_id = sqlite3_column_int64 (stmt, 4);
  if (!harley_letter_state_from_string ((const char *) sqlite3_column_text (stmt, 5), &letter->state))
    letter->state = HARLEY_LETTER_DRAFT;
  letter->version = sqlite3_column_int (stmt, 6);
  letter->subject = harley_column_dup (stmt, 7);
  letter->body = harley_column_dup (stmt, 8);
  letter->correction = harley_column_dup (stmt, 9);
  letter->created_at = harley_column_dup (stmt, 10);
  letter->updated_at = harley_column_dup (stmt, 11);
  sqlite3_reset (stmt);
  if (!load_recipients (store, letter, error))
    return NULL;
  return g_steal_pointer (&letter);
}
