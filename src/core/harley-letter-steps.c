/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-letter"

/* The steps of a letter's life that change it: its text, its state,
 * approval (the PDF frozen with its SHA-256) and sending to each
 * recipient. */

#include <glib/gi18n-lib.h>

#include "harley-letter-private.h"

static gboolean
update_letter (HarleyStore        *store,
               gint64              id,
               const char         *body,
               HarleyLetterState   state,
               int                 version,
               const char         *correction,
               const char         *now,
               GError            **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "UPDATE letter SET body = ?, state = ?, version = ?, "
                                                    "correction = ?, updated_at = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, body != NULL ? body : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, harley_letter_state_to_string (state), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, version);
  harley_bind_text (stmt, 4, correction);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, id);
  return harley_store_step_done (store, stmt, error);
}

/**
 * harley_letter_set_body:
 * @body: the letter's new text
 *
 * Typing goes on in a draft, a typed letter or one awaiting correction.
 * A letter awaiting approval goes back to typed. An approved letter
 * becomes a new version, typed, that needs approval again; the approved
 * one is kept. A sent or filed letter is kept as it was.
 */
gboolean
harley_letter_set_body (HarleyStore  *store,
                        gint64        id,
                        const char   *body,
                        GError      **error)
{
  g_autoptr(HarleyLetter) letter = NULL;
  g_autofree char *now = harley_store_now ();
  g_autofree char *summary = NULL;
  HarleyLetterState state;
  int version;

  if (!harley_store_begin (store, error))
    return FALSE;
  if ((letter = harley_letter_load (store, id, error)) == NULL)
    goto failed;
  if (g_strcmp0 (letter->body, body) == 0)
    return harley_store_commit (store, error);
  state = letter->state;
  version = letter->version;
  switch (letter->state)
    {
    case HARLEY_LETTER_SENT:
    case HARLEY_LETTER_FILED:
      g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_FROZEN,
                   _("A letter that has been sent is kept as it was: write a new letter instead."));
      goto failed;
    case HARLEY_LETTER_APPROVED:
      state = HARLEY_LETTER_TYPED;
      version++;
      summary = g_strdup_printf (_("changed after approval: version %d needs approval"), version);
      break;
    case HARLEY_LETTER_AWAITING_APPROVAL:
      state = HARLEY_LETTER_TYPED;
      summary = g_strdup (_("changed while awaiting approval"));
      break;
    case HARLEY_LETTER_DRAFT:
    case HARLEY_LETTER_TYPED:
    case HARLEY_LETTER_AWAITING_CORRECTION:
    case HARLEY_LETTER_N_STATES:
    default:
      break;
    }
  if (!update_letter (store, id, body, state, version, letter->correction, now, error))
    goto failed;
  if (summary != NULL)
    {
      g_autofree char *what = _harley_letter_describe (letter, summary);

      if (!_harley_letter_add_event (store, id, letter->patient_id, now, what, error))
        goto failed;
    }
  return harley_store_commit (store, error);

failed:
  harley_store_rollback (store);
  return FALSE;
}

/**
 * harley_letter_set_state:
 * @state: the next step (see harley_letter_state_can_become())
 * @correction: (nullable): for %HARLEY_LETTER_AWAITING_CORRECTION, what
 *   the clinician asks to be corrected; needed then
 */
gboolean
harley_letter_set_state (HarleyStore        *store,
                         gint64              id,
                         HarleyLetterState   state,
                         const char         *correction,
                         GError            **error)
{
  g_autoptr(HarleyLetter) letter = NULL;
  g_autofree char *now = harley_store_now ();
  g_autofree char *summary = NULL;
  gboolean correcting = state == HARLEY_LETTER_AWAITING_CORRECTION;

  if (correcting && (correction == NULL || *correction == '\0'))
    {
      g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID,
                   _("Say what needs correcting."));
      return FALSE;
    }
  if (!harley_store_begin (store, error))
    return FALSE;
  if ((letter = harley_letter_load (store, id, error)) == NULL)
    goto failed;
  if (!harley_letter_state_can_become (letter->state, state))
    {
      g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_STATE,
                   _("A letter that is “%s” cannot become “%s”."),
                   harley_letter_state_label (letter->state), harley_letter_state_label (state));
      goto failed;
    }
  if (state == HARLEY_LETTER_AWAITING_APPROVAL && *letter->body == '\0')
    {
      g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID,
                   _("The letter is empty: type it before it goes for approval."));
      goto failed;
    }
  if (!update_letter (store, id, letter->body, state, letter->version,
                      correcting ? correction : letter->correction, now, error))
    goto failed;
  summary = correcting ? g_strdup_printf ("%s (%s)", harley_letter_state_label (state), correction)
                       : g_strdup (harley_letter_state_label (state));
  {
    g_autofree char *what = _harley_letter_describe (letter, summary);

    if (!_harley_letter_add_event (store, id, letter->patient_id, now, what, error))
      goto failed;
  }
  return harley_store_commit (store, error);

failed:
  harley_store_rollback (store);
  return FALSE;
}

/* Approval {{{1 */

static void
bind_pdf (sqlite3_stmt  *stmt,
          int            column,
          GBytes        *pdf)
{
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  gsize size;
  gconstpointer data = g_bytes_get_data (pdf, &size);

  sqlite3_bind_blob64 (stmt, column, data, size, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, column + 1, sha256, -1, SQLITE_TRANSIENT);
}

static gboolean
store_copy (HarleyStore   *store,
            gint64         version_id,
            gint64         recipient_id,
            GBytes        *pdf,
            GError       **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "INSERT INTO letter_copy (version_id, recipient_id, pdf, sha256) VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, version_id);
  sqlite3_bind_int64 (stmt, 2, recipient_id);
  bind_pdf (stmt, 3, pdf);
  return harley_store_step_done (store, stmt, error);
}

/* The addressee's PDF goes with the version, each copy's beside it. */
static gboolean
store_version (HarleyStore         *store,
               const HarleyLetter  *letter,
               GPtrArray           *pdfs,
               const char          *approved_by,
               gboolean             on_behalf,
               const char          *now,
               GError             **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "INSERT INTO letter_version (letter_id, version, body, pdf, sha256, approved_at, approved_by, on_behalf) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  gint64 version_id;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, letter->id);
  sqlite3_bind_int (stmt, 2, letter->version);
  sqlite3_bind_text (stmt, 3, letter->body, -1, SQLITE_TRANSIENT);
  bind_pdf (stmt, 4, g_ptr_array_index (pdfs, 0));
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, approved_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, on_behalf);
  if (!harley_store_step_done (store, stmt, error))
    return FALSE;
  version_id = sqlite3_last_insert_rowid (harley_store_get_db (store));
  for (guint i = 1; i < pdfs->len; i++)
    {
      const HarleyRecipient *r = g_ptr_array_index (letter->recipients, i);

      if (!store_copy (store, version_id, r->id, g_ptr_array_index (pdfs, i), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_pdfs (const HarleyLetter  *letter,
            GPtrArray           *pdfs,
            GError             **error)
{
  guint n = letter->recipients->len > 0 ? letter->recipients->len : 1;

  if (pdfs->len != n)
    {
      g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID,
                   _("This letter goes to %u people, and each needs their own printed copy to approve."), n);
      return FALSE;
    }
  for (guint i = 0; i < pdfs->len; i++)
    if (g_ptr_array_index (pdfs, i) == NULL || g_bytes_get_size (g_ptr_array_index (pdfs, i)) == 0)
      {
        g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID,
                     _("A letter is approved with its printed form and the clinician's name."));
        return FALSE;
      }
  return TRUE;
}

/**
 * harley_letter_approve_all:
 * @pdfs: (element-type GBytes): the letter as it will be printed, drawn
 *   from its text as it is now: the addressee's first, then one for each
 *   copy, addressed to its recipient, in the letter's recipient order
 * @approved_by: the clinician's name
 * @on_behalf: %TRUE when the secretary approves on the clinician's behalf
 *
 * Approves a typed letter, or one awaiting approval, and keeps each PDF
 * with its SHA-256: what prints afterwards is exactly what was approved.
 */
gboolean
harley_letter_approve_all (HarleyStore  *store,
                           gint64        id,
                           GPtrArray    *pdfs,
                           const char   *approved_by,
                           gboolean      on_behalf,
                           GError      **error)
{
  g_autoptr(HarleyLetter) letter = NULL;
  g_autofree char *now = harley_store_now ();
  g_autofree char *summary = NULL;
  g_autofree char *what = NULL;

  if (pdfs == NULL || pdfs->len == 0 || approved_by == NULL || *approved_by == '\0')
    {
      g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID,
                   _("A letter is approved with its printed form and the clinician's name."));
      return FALSE;
    }
  if (!harley_store_begin (store, error))
    return FALSE;
  if ((letter = harley_letter_load (store, id, error)) == NULL)
    goto failed;
  if (letter->state != HARLEY_LETTER_TYPED && letter->state != HARLEY_LETTER_AWAITING_APPROVAL)
    {
      g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_STATE,
                   _("Only a typed letter, or one awaiting approval, can be approved; this one is “%s”."),
                   harley_letter_state_label (letter->state));
      goto failed;
    }
  if (!check_pdfs (letter, pdfs, error)
      || !store_version (store, letter, pdfs, approved_by, on_behalf, now, error)
      || !update_letter (store, id, letter->body, HARLEY_LETTER_APPROVED, letter->version, NULL, now, error))
    goto failed;
  summary = on_behalf ? g_strdup_printf (_("approved on behalf of %s (version %d)"), approved_by, letter->version)
                      : g_strdup_printf (_("approved by %s (version %d)"), approved_by, letter->version);
  what = _harley_letter_describe (letter, summary);
  if (!_harley_letter_add_event (store, id, letter->patient_id, now, what, error))
    goto failed;
  return harley_store_commit (store, error);

failed:
  harley_store_rollback (store);
  return FALSE;
}

/**
 * harley_letter_approve:
 * @pdf: the letter as it will be printed
 *
 * harley_letter_approve_all() for a letter that goes to one person.
 */
gboolean
harley_letter_approve (HarleyStore  *store,
                       gint64        id,
                       GBytes       *pdf,
                       const char   *approved_by,
                       gboolean      on_behalf,
                       GError      **error)
{
  g_autoptr(GPtrArray) pdfs = g_ptr_array_new ();

  if (pdf != NULL)
    g_ptr_array_add (pdfs, pdf);
  return harley_letter_approve_all (store, id, pdfs, approved_by, on_behalf, error);
}

static GBytes *
column_pdf_checked (sqlite3_stmt  *stmt,
                    GError       **error)
{
  g_autoptr(GBytes) pdf = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  g_autofree char *actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);

  if (g_strcmp0 (actual, (const char *) sqlite3_column_text (stmt, 1)) != 0)
    {
      g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_TAMPERED,
                   _("The approved letter has been changed since it was approved: do not send it. "
                     "Ask the clinician to approve it again."));
      return NULL;
    }
  return g_steal_pointer (&pdf);
}

/**
 * harley_letter_get_approved_pdfs:
 *
 * Returns: (transfer container) (element-type GBytes): the PDFs of the
 *   letter's approved version, the addressee's first, then each copy's
 *   in recipient order, each checked against its SHA-256; %NULL with
 *   %HARLEY_LETTER_ERROR_STATE when this version is not approved, or
 *   %HARLEY_LETTER_ERROR_TAMPERED
 */
GPtrArray *
harley_letter_get_approved_pdfs (HarleyStore  *store,
                                 gint64        id,
                                 GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "SELECT v.pdf, v.sha256, 0 FROM letter_version v JOIN letter l ON l.id = v.letter_id "
    "WHERE l.id = ?1 AND v.version = l.version AND l.state IN ('approved', 'sent', 'filed') "
    "UNION ALL "
    "SELECT c.pdf, c.sha256, r.position FROM letter_copy c "
    "JOIN letter_version v ON v.id = c.version_id JOIN letter l ON l.id = v.letter_id "
    "JOIN letter_recipient r ON r.id = c.recipient_id "
    "WHERE l.id = ?1 AND v.version = l.version AND l.state IN ('approved', 'sent', 'filed') "
    "ORDER BY 3", error);
  g_autoptr(GPtrArray) pdfs = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  pdfs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GBytes *pdf = column_pdf_checked (stmt, error);

      if (pdf == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (pdfs, pdf);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (store, error);
      return NULL;
    }
  if (pdfs->len == 0)
    {
      g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_STATE,
                   _("This letter has not been approved yet, so there is nothing to print."));
      return NULL;
    }
  return g_steal_pointer (&pdfs);
}

/**
 * harley_letter_get_approved_pdf:
 *
 * Returns: (transfer full): the addressee's PDF of the letter's approved
 *   version; see harley_letter_get_approved_pdfs()
 */
GBytes *
harley_letter_get_approved_pdf (HarleyStore  *store,
                                gint64        id,
                                GError      **error)
{
  g_autoptr(GPtrArray) pdfs = harley_letter_get_approved_pdfs (store, id, error);

  return pdfs != NULL ? g_bytes_ref (g_ptr_array_index (pdfs, 0)) : NULL;
}

/* Sending {{{1 */

static gboolean
all_sent (HarleyStore *store,
          gint64       letter_id)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT count(*) FROM letter_recipient "
                                                    "WHERE letter_id = ? AND sent_at IS NULL", NULL);
  gboolean done = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, letter_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    done = sqlite3_column_int64 (stmt, 0) == 0;
  sqlite3_reset (stmt);
  return done;
}

static gint64
letter_of_recipient (HarleyStore *store,
                     gint64       recipient_id)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT letter_id FROM letter_recipient WHERE id = ?", NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, recipient_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/**
 * harley_letter_record_sent:
 * @recipient_id: one of the letter's recipients
 * @method: how it went
 *
 * Records that an approved letter went to one recipient, today. When
 * every recipient has had it, the letter is sent.
 */
gboolean
harley_letter_record_sent (HarleyStore       *store,
                           gint64             recipient_id,
                           HarleySentMethod   method,
                           GError           **error)
{
  static const char * const methods[] = { "post", "email", "by-hand" };
  g_autoptr(HarleyLetter) letter = NULL;
  g_autofree char *now = harley_store_now ();
  g_autofree char *what = NULL;
  sqlite3_stmt *stmt;
  gboolean everyone;
  gint64 letter_id;

  if (!harley_store_begin (store, error))
    return FALSE;
  if ((letter_id = letter_of_recipient (store, recipient_id)) == 0
      || (letter = harley_letter_load (store, letter_id, error)) == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_NOT_FOUND, _("That letter is not on file."));
      goto failed;
    }
  if (letter->state != HARLEY_LETTER_APPROVED && letter->state != HARLEY_LETTER_SENT)
    {
      g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_STATE,
                   _("A letter is sent only once it is approved; this one is “%s”."),
                   harley_letter_state_label (letter->state));
      goto failed;
    }
  stmt = harley_store_prepare (store, "UPDATE letter_recipient SET sent_method = ?, sent_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, methods[method], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, recipient_id);
  if (!harley_store_step_done (store, stmt, error))
    goto failed;
  everyone = all_sent (store, letter_id);
  if (everyone
      && !update_letter (store, letter_id, letter->body, HARLEY_LETTER_SENT, letter->version, NULL, now, error))
    goto failed;
  what = _harley_letter_describe (letter, everyone ? _("sent to everyone") : _("sent to one recipient"));
  if (!_harley_letter_add_event (store, letter_id, letter->patient_id, now, what, error))
    goto failed;
  return harley_store_commit (store, error);

failed:
  harley_store_rollback (store);
  return FALSE;
}

/* Worklists {{{1 */

gint64
harley_letter_count_in_state (HarleyStore       *store,
                              HarleyLetterState  state)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT count(*) FROM letter WHERE state = ?", NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, harley_letter_state_to_string (state), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/**
 * harley_letter_list_in_state:
 *
 * Returns: (transfer full) (element-type gint64): the letters in @state,
 *   oldest change first, for a worklist
 */
GArray *
harley_letter_list_in_state (HarleyStore        *store,
                             HarleyLetterState   state,
                             GError            **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT id FROM letter WHERE state = ? "
                                                    "ORDER BY updated_at, id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, harley_letter_state_to_string (state), -1, SQLITE_STATIC);
  return harley_store_read_ids (store, stmt, error);
}
