/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-sample"

/* The steps of a sample's life after it is taken, but for its result
 * (harley-sample-results.c): sent, reviewed by the clinician, the
 * patient informed, closed; or cancelled or lost. Each checks what it
 * is given and where the sample is before it writes anything, and
 * writes the sample, its history and the patient's timeline in the same
 * transaction. */

#include <glib/gi18n-lib.h>

#include "harley-diary-private.h"
#include "harley-diary.h"
#include "harley-sample-private.h"
#include "harley-validate.h"

/* Nothing but spaces is no answer to "who?" or "why?". */
static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Taking a step {{{1 */

/* Prepares @sql, the UPDATE that takes the sample @id to @to: ?1 is the
 * new state, ?2 the step's time and ?3 the sample; the step binds its
 * own values from ?4. */
static sqlite3_stmt *
prepare_step (HarleyStore        *store,
              gint64              id,
              HarleySampleState   to,
              const char         *sql,
              const char         *now,
              GError            **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, harley_sample_state_to_string (to), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  return stmt;
}

/* Writes the step prepared in @stmt, and @what happened in the sample's
 * history and the patient's timeline. */
static gboolean
record_step (HarleyStore         *store,
             sqlite3_stmt        *stmt,
             const HarleySample  *sample,
             const char          *what,
             const char          *now,
             GError             **error)
{
  g_autofree char *summary = NULL;

  if (!harley_store_step_done (store, stmt, error))
    return FALSE;
  summary = _harley_sample_describe (sample, what);
  return _harley_sample_add_event (store, sample->id, sample->patient_id, now, "sample", summary, error);
}

/* A step whose own values are all text. */
typedef struct
{
  HarleySampleState  to;
  const char        *sql;         /* as prepare_step() has it */
  const char        *values[3];   /* bound from ?4 on; NULL or "" binds NULL */
} Step;

/* Takes the sample @id one @step on, if it may go there now, and says
 * @what in its history. */
static gboolean
take_step (HarleyStore  *store,
           gint64        id,
           const Step   *step,
           const char   *what,
           const char   *now,
           GError      **error)
{
  g_autoptr(HarleySample) sample = NULL;
  sqlite3_stmt *stmt;

  if ((sample = _harley_sample_load_for_step (store, id, step->to, error)) == NULL
      || (stmt = prepare_step (store, id, step->to, step->sql, now, error)) == NULL)
    return FALSE;
  for (int i = 0; i < (int) G_N_ELEMENTS (step->values) && 4 + i <= sqlite3_bind_parameter_count (stmt); i++)
    harley_bind_text (stmt, 4 + i, step->values[i]);
  return record_step (store, stmt, sample, what, now, error);
}

/* Sent {{{1 */

typedef struct
{
  gint64            lab_id;
  GDate             sent_on;
  GDate             expected_by;
  HarleySendMethod  method;
} Sending;

static gboolean
check_sending (HarleyStore         *store,
               const HarleySample  *sample,
               Sending             *s,
               const GDate         *expected_by,
               GError             **error)
{
  g_autofree char *sent = NULL;

  if (s->lab_id == 0)
    s->lab_id = sample->lab_id;
  if (s->lab_id == 0)
    {
      g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                           _("Choose the laboratory the sample goes to."));
      return FALSE;
    }
  if (!_harley_sample_check_lab (store, s->lab_id, error)
      || !_harley_sample_check_order (&s->sent_on, sample->taken_on, HARLEY_SAMPLE_SENT_AFTER_TAKEN, error))
    return FALSE;
  if (expected_by == NULL)
    {
      harley_sample_expected_by (store, s->lab_id, &s->sent_on, &s->expected_by);
      return TRUE;
    }
  if (!g_date_valid (expected_by))
    {
      g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                           _("Enter the date the result is expected by, or leave it to the laboratory's "
                             "usual turnaround."));
      return FALSE;
    }
  s->expected_by = *expected_by;
  sent = _harley_diary_date_iso (&s->sent_on);
  return _harley_sample_check_order (&s->expected_by, sent, HARLEY_SAMPLE_DUE_AFTER_SENT, error);
}

static sqlite3_stmt *
prepare_sending (HarleyStore    *store,
                 gint64          id,
                 const Sending  *s,
                 const char     *lab_reference,
                 const char     *now,
                 GError        **error)
{
  sqlite3_stmt *stmt = prepare_step (store, id, HARLEY_SAMPLE_SENT,
    "UPDATE sample SET state = ?1, updated_at = ?2, lab_id = ?4, lab_reference = coalesce (?5, lab_reference), "
    "sent_on = ?6, sent_method = ?7, expected_by = ?8 WHERE id = ?3", now, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 4, s->lab_id);
  harley_bind_text (stmt, 5, lab_reference);
  sqlite3_bind_text (stmt, 6, _harley_diary_date_iso (&s->sent_on), -1, g_free);
  sqlite3_bind_text (stmt, 7, _harley_send_method_to_string (s->method), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, _harley_diary_date_iso (&s->expected_by), -1, g_free);
  return stmt;
}

gboolean
_harley_sample_send_at (HarleyStore       *store,
                        gint64             id,
                        gint64             lab_id,
                        const GDate       *sent_on,
                        HarleySendMethod   method,
                        const char        *lab_reference,
                        const GDate       *expected_by,
                        const char        *now,
                        GError           **error)
{
  g_autoptr(HarleySample) sample = NULL;
  g_autofree char *lab = NULL;
  g_autofree char *due = NULL;
  g_autofree char *how = NULL;
  g_autofree char *what = NULL;
  Sending s = { lab_id, { 0 }, { 0 }, method };
  sqlite3_stmt *stmt;
  GDate today;

  _harley_sample_today_of (now, &today);
  s.sent_on = sent_on != NULL ? *sent_on : today;
  if (method >= HARLEY_SEND_N_METHODS)
    {
      g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                           _("Choose how the sample goes: by courier, by post or internally."));
      return FALSE;
    }
  if (!_harley_sample_check_date (&s.sent_on, &today, _("Enter the date the sample was sent."),
                                  _("The date the sample was sent is in the future: enter the day it went."), error)
      || (sample = _harley_sample_load_for_step (store, id, HARLEY_SAMPLE_SENT, error)) == NULL
      || !check_sending (store, sample, &s, expected_by, error))
    return FALSE;
  lab = _harley_sample_dup_contact_name (store, s.lab_id);
  due = harley_format_gdate (&s.expected_by);
  how = g_utf8_strdown (harley_send_method_label (method), -1);
  what = g_strdup_printf (_("sent to %s (%s), result expected by %s"), lab, how, due);
  return (stmt = prepare_sending (store, id, &s, lab_reference, now, error)) != NULL
         && record_step (store, stmt, sample, what, now, error);
}

/**
 * harley_sample_send:
 * @lab_id: the laboratory, or 0 for the one chosen when it was taken
 * @sent_on: (nullable): the day it went, or %NULL for today
 * @lab_reference: (nullable): the laboratory's reference, if known yet
 * @expected_by: (nullable): when the result is due, or %NULL for the
 *   laboratory's usual turnaround (harley_sample_expected_by())
 *
 * Records a taken sample sent away.
 */
gboolean
harley_sample_send (HarleyStore       *store,
                    gint64             id,
                    gint64             lab_id,
                    const GDate       *sent_on,
                    HarleySendMethod   method,
                    const char        *lab_reference,
                    const GDate       *expected_by,
                    GError           **error)
{
  g_autofree char *now = harley_store_now ();

  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);

  return harley_store_begin (store, error)
         && _harley_sample_finish (store, _harley_sample_send_at (store, id, lab_id, sent_on, method, lab_reference,
                                                                  expected_by, now, error), error);
}

/* Reviewed {{{1 */

gboolean
_harley_sample_review_at (HarleyStore         *store,
                          gint64               id,
                          HarleyReviewAction   action,
                          const char          *note,
                          const char          *reviewed_by,
                          const char          *now,
                          GError             **error)
{
  Step step = {
    HARLEY_SAMPLE_REVIEWED,
    "UPDATE sample SET state = ?1, updated_at = ?2, review_action = ?4, review_note = ?5, reviewed_by = ?6, "
    "reviewed_at = ?2 WHERE id = ?3",
    { NULL, note, reviewed_by },
  };
  g_autofree char *decided = NULL;
  g_autofree char *what = NULL;

  if (action >= HARLEY_REVIEW_N_ACTIONS)
    {
      g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                           _("Choose what the clinician decided: no action, a letter, an appointment, "
                             "a procedure or a referral."));
      return FALSE;
    }
  if (is_blank (reviewed_by))
    {
      g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                           _("Say which clinician reviewed the result."));
      return FALSE;
    }
  step.values[0] = _harley_review_action_to_string (action);
  decided = g_utf8_strdown (harley_review_action_label (action), -1);
  what = is_blank (note) ? g_strdup_printf (_("result reviewed by %s: %s"), reviewed_by, decided)
                         : g_strdup_printf (_("result reviewed by %s: %s (%s)"), reviewed_by, decided, note);
  return take_step (store, id, &step, what, now, error);
}

/**
 * harley_sample_review:
 * @action: what the clinician decided
 * @note: (nullable): the clinician's words, for whoever tells the patient
 * @reviewed_by: the clinician's name
 *
 * Records the clinician's review of a result received: the sample goes
 * on the list of patients to tell.
 */
gboolean
harley_sample_review (HarleyStore         *store,
                      gint64               id,
                      HarleyReviewAction   action,
                      const char          *note,
                      const char          *reviewed_by,
                      GError             **error)
{
  g_autofree char *now = harley_store_now ();

  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);

  return harley_store_begin (store, error)
         && _harley_sample_finish (store, _harley_sample_review_at (store, id, action, note, reviewed_by, now, error),
                                   error);
}

/* Informed {{{1 */

gboolean
_harley_sample_inform_at (HarleyStore        *store,
                          gint64              id,
                          HarleyInformedHow   how,
                          const char         *informed_by,
                          const char         *now,
                          GError            **error)
{
  const char *by = is_blank (informed_by) ? harley_diary_user () : informed_by;
  Step step = {
    HARLEY_SAMPLE_INFORMED,
    "UPDATE sample SET state = ?1, updated_at = ?2, informed_how = ?4, informed_by = ?5, informed_at = ?2 "
    "WHERE id = ?3",
    { NULL, by },
  };
  g_autofree char *way = NULL;
  g_autofree char *what = NULL;

  if (how >= HARLEY_INFORMED_N_WAYS)
    {
      g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                           _("Choose how the patient was told: by phone, by letter, in person or by email."));
      return FALSE;
    }
  step.values[0] = _harley_informed_how_to_string (how);
  way = g_utf8_strdown (harley_informed_how_label (how), -1);
  what = g_strdup_printf (_("patient told %s, by %s"), way, by);
  return take_step (store, id, &step, what, now, error);
}

/**
 * harley_sample_inform:
 * @how: how the patient was told
 * @informed_by: (nullable): who told them, or %NULL for the person
 *   using Harley
 *
 * Records that the patient has been told a reviewed result.
 */
gboolean
harley_sample_inform (HarleyStore        *store,
                      gint64              id,
                      HarleyInformedHow   how,
                      const char         *informed_by,
                      GError            **error)
{
  g_autofree char *now = harley_store_now ();

  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);

  return harley_store_begin (store, error)
         && _harley_sample_finish (store, _harley_sample_inform_at (store, id, how, informed_by, now, error), error);
}

/* Closed {{{1 */

gboolean
_harley_sample_close_at (HarleyStore  *store,
                         gint64        id,
                         const char   *now,
                         GError      **error)
{
  const Step step = { HARLEY_SAMPLE_CLOSED, "UPDATE sample SET state = ?1, updated_at = ?2 WHERE id = ?3" };

  return take_step (store, id, &step, _("closed"), now, error);
}

/**
 * harley_sample_close:
 *
 * Closes a sample whose patient has been told: nothing more is to be
 * done for it.
 */
gboolean
harley_sample_close (HarleyStore  *store,
                     gint64        id,
                     GError      **error)
{
  g_autofree char *now = harley_store_now ();

  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);

  return harley_store_begin (store, error)
         && _harley_sample_finish (store, _harley_sample_close_at (store, id, now, error), error);
}

/* Cancelled or lost {{{1 */

gboolean
_harley_sample_cancel_at (HarleyStore  *store,
                          gint64        id,
                          gboolean      lost,
                          const char   *reason,
                          const char   *now,
                          GError      **error)
{
  const Step step = {
    lost ? HARLEY_SAMPLE_LOST : HARLEY_SAMPLE_CANCELLED,
    "UPDATE sample SET state = ?1, updated_at = ?2, reason = ?4 WHERE id = ?3",
    { reason },
  };
  g_autofree char *what = NULL;

  if (is_blank (reason))
    {
      g_set_error_literal (error, HARLEY_SAMPLE_ERROR, HARLEY_SAMPLE_ERROR_INVALID,
                           lost ? _("Say what is known of how the sample was lost.")
                                : _("Say why the sample is cancelled."));
      return FALSE;
    }
  what = g_strdup_printf (lost ? _("marked lost: %s") : _("cancelled: %s"), reason);
  return take_step (store, id, &step, what, now, error);
}

/**
 * harley_sample_cancel:
 * @lost: %TRUE when the sample was lost, %FALSE when it is cancelled
 * @reason: why, or what is known; needed
 *
 * Ends the life of a sample not yet back from the laboratory.
 */
gboolean
harley_sample_cancel (HarleyStore  *store,
                      gint64        id,
                      gboolean      lost,
                      const char   *reason,
                      GError      **error)
{
  g_autofree char *now = harley_store_now ();

  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);

  return harley_store_begin (store, error)
         && _harley_sample_finish (store, _harley_sample_cancel_at (store, id, lost, reason, now, error), error);
}
