/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-letter"

/* Changing who a letter goes to before it is approved: another
 * addressee (the patient, their GP, referrer or insurer, or anyone in the
 * address book), a copy added or taken off. Once approved, each copy is
 * frozen as its own PDF, so the recipients are frozen with them. */

#include <glib/gi18n-lib.h>

#include "harley-letter-private.h"
#include "harley-letter-worklists.h"
#include "harley-register.h"

/* Loads the letter for a change of recipients, inside the transaction. */
static HarleyLetter *
load_changeable (HarleyStore  *store,
                 gint64        letter_id,
                 GError      **error)
{
  g_autoptr(HarleyLetter) letter = harley_letter_load (store, letter_id, error);

  if (letter == NULL)
    return NULL;
  if (letter->state >= HARLEY_LETTER_APPROVED)
    {
      g_set_error_literal (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_FROZEN,
                           _("An approved letter keeps its recipients. Change the letter first, then who it goes to."));
      return NULL;
    }
  return g_steal_pointer (&letter);
}

static gboolean
resolve (HarleyStore          *store,
         const HarleyLetter   *letter,
         HarleyRecipientKind   kind,
         gint64               *contact_id,
         gboolean              copy,
         GError              **error)
{
  g_autoptr(HarleyPatient) patient = harley_register_load (store, letter->patient_id, error);

  return patient != NULL && _harley_letter_resolve_recipient (store, patient, kind, contact_id, copy, error);
}

static const HarleyRecipient *
find_recipient (const HarleyLetter   *letter,
                HarleyRecipientKind   kind,
                gint64                contact_id)
{
  for (guint i = 0; i < letter->recipients->len; i++)
    {
      const HarleyRecipient *r = g_ptr_array_index (letter->recipients, i);

      if ((kind == HARLEY_RECIPIENT_PATIENT && r->kind == HARLEY_RECIPIENT_PATIENT)
          || (contact_id > 0 && r->contact_id == contact_id))
        return r;
    }
  return NULL;
}

/**
 * harley_letter_add_copy:
 * @kind: who: the patient, or the GP, referrer or insurer in the
 *   patient's record, or CONTACT for @contact_id
 *
 * Adds a copy to a letter not yet approved.
 *
 * Returns: the new recipient's id, or 0 with @error: nothing is added for
 *   someone who already has the letter, or whom the record lacks
 */
gint64
harley_letter_add_copy (HarleyStore          *store,
                        gint64                letter_id,
                        HarleyRecipientKind   kind,
                        gint64                contact_id,
                        GError              **error)
{
  g_autoptr(HarleyLetter) letter = NULL;
  gint64 id = 0;

  if (!harley_store_begin (store, error))
    return 0;
  if ((letter = load_changeable (store, letter_id, error)) == NULL
      || !resolve (store, letter, kind, &contact_id, TRUE, error))
    goto done;
  if (find_recipient (letter, kind, contact_id) != NULL)
    {
      g_set_error_literal (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID,
                           _("They already have this letter."));
      goto done;
    }
  id = _harley_letter_insert_recipient (store, letter_id, TRUE, kind, contact_id, error);

done:
  if (id == 0)
    {
      harley_store_rollback (store);
      return 0;
    }
  return harley_store_commit (store, error) ? id : 0;
}

static gboolean
delete_recipient (HarleyStore  *store,
                  gint64        recipient_id,
                  GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "DELETE FROM letter_recipient WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, recipient_id);
  return harley_store_step_done (store, stmt, error);
}

static gboolean
update_addressee (HarleyStore          *store,
                  gint64                letter_id,
                  HarleyRecipientKind   kind,
                  gint64                contact_id,
                  GError              **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "UPDATE letter_recipient SET kind = ?, contact_id = nullif (?, 0) "
                                                    "WHERE letter_id = ? AND role = 'to'", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, harley_recipient_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  sqlite3_bind_int64 (stmt, 3, letter_id);
  return harley_store_step_done (store, stmt, error);
}

/**
 * harley_letter_set_addressee:
 *
 * Sends a letter not yet approved to someone else; a copy they had is
 * taken off, as they now have the letter itself.
 */
gboolean
harley_letter_set_addressee (HarleyStore          *store,
                             gint64                letter_id,
                             HarleyRecipientKind   kind,
                             gint64                contact_id,
                             GError              **error)
{
  g_autoptr(HarleyLetter) letter = NULL;
  const HarleyRecipient *had;

  if (!harley_store_begin (store, error))
    return FALSE;
  if ((letter = load_changeable (store, letter_id, error)) == NULL
      || !resolve (store, letter, kind, &contact_id, FALSE, error))
    goto failed;
  had = find_recipient (letter, kind, contact_id);
  if ((had != NULL && had->copy && !delete_recipient (store, had->id, error))
      || !update_addressee (store, letter_id, kind, contact_id, error))
    goto failed;
  return harley_store_commit (store, error);

failed:
  harley_store_rollback (store);
  return FALSE;
}

/**
 * harley_letter_remove_copy:
 * @recipient_id: one of a letter's copies
 *
 * Takes a copy off a letter that is not yet approved.
 */
gboolean
harley_letter_remove_copy (HarleyStore  *store,
                           gint64        recipient_id,
                           GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "DELETE FROM letter_recipient WHERE id = ? AND role = 'cc' AND letter_id IN "
    "(SELECT id FROM letter WHERE state IN ('draft', 'typed', 'awaiting-approval', 'awaiting-correction'))",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, recipient_id);
  if (!harley_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (harley_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_FROZEN,
                           _("An approved letter keeps its copies. Change the letter first, then take the copy off."));
      return FALSE;
    }
  return TRUE;
}
