/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-diary"

/* Clinic sessions (when a clinician sees patients, and where) and
 * blocked time (holidays, theatre, admin). A session is stored as a
 * recurrence rule with local start and end times, so a Monday clinic at
 * 09:00 stays at 09:00 on both sides of a clock change. */

#include <glib/gi18n-lib.h>

#include "harley-diary-private.h"
#include "harley-wall-time.h"

void
harley_session_free (HarleySession *session)
{
  g_clear_pointer (&session->recurrence, harley_recurrence_free);
  g_free (session);
}

void
harley_blocked_time_free (HarleyBlockedTime *blocked)
{
  g_free (blocked->reason);
  g_free (blocked->note);
  g_free (blocked->starts);
  g_free (blocked->ends);
  g_free (blocked);
}

static char *
join_exceptions (const HarleyRecurrence *r)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; r->exceptions != NULL && i < r->exceptions->len; i++)
    {
      GDate date;
      g_autofree char *iso = NULL;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, g_array_index (r->exceptions, guint32, i));
      iso = _harley_diary_date_iso (&date);
      if (text->len > 0)
        g_string_append_c (text, ',');
      g_string_append (text, iso);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static HarleySession *
session_from_row (sqlite3_stmt  *stmt,
                  GError       **error)
{
  g_autoptr(HarleySession) s = g_new0 (HarleySession, 1);
  g_auto(GStrv) skipped = NULL;
  GDate first, last;

  s->id = sqlite3_column_int64 (stmt, 0);
  s->clinician_id = sqlite3_column_int64 (stmt, 1);
  s->location_id = sqlite3_column_int64 (stmt, 2);
  if (!_harley_diary_date_parse ((const char *) sqlite3_column_text (stmt, 4), &first)
      || !harley_recurrence_rule_from_string ((const char *) sqlite3_column_text (stmt, 3), &first,
                                              &s->recurrence, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                     _("A clinic session has a damaged date."));
      return NULL;
    }
  if (_harley_diary_date_parse ((const char *) sqlite3_column_text (stmt, 5), &last))
    harley_recurrence_set_end (s->recurrence, &last);
  s->start = sqlite3_column_int (stmt, 6);
  s->end = sqlite3_column_int (stmt, 7);
  s->slot_minutes = sqlite3_column_int (stmt, 8);
  skipped = g_strsplit ((const char *) sqlite3_column_text (stmt, 9), ",", -1);
  for (guint i = 0; skipped[i] != NULL; i++)
    {
      GDate day;

      if (_harley_diary_date_parse (skipped[i], &day))
        harley_recurrence_add_exception (s->recurrence, &day);
    }
  return g_steal_pointer (&s);
}

/**
 * _harley_diary_load_sessions:
 * @clinician_id: one clinician, or 0 for all
 * @from: (nullable): the first day of interest
 * @to: (nullable): the last day of interest
 *
 * Returns: (transfer full) (element-type HarleySession): the sessions
 *   that may fall between @from and @to
 */
GPtrArray *
_harley_diary_load_sessions (HarleyStore  *store,
                             gint64        clinician_id,
                             const GDate  *from,
                             const GDate  *to,
                             GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "SELECT id, clinician_id, location_id, rule, first_date, last_date, start_minute, end_minute, "
    "slot_minutes, skipped FROM clinic_session "
    "WHERE (?1 = 0 OR clinician_id = ?1) AND (?2 IS NULL OR first_date <= ?2) "
    "AND (?3 IS NULL OR last_date IS NULL OR last_date >= ?3) ORDER BY start_minute, id", error);
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, clinician_id);
  if (to != NULL)
    sqlite3_bind_text (stmt, 2, _harley_diary_date_iso (to), -1, g_free);
  if (from != NULL)
    sqlite3_bind_text (stmt, 3, _harley_diary_date_iso (from), -1, g_free);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) harley_session_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HarleySession *s = session_from_row (stmt, error);

      if (s == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (list, s);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Appends each day of each session between @from and @to to @days. */
void
_harley_diary_expand (GPtrArray   *sessions,
                      const GDate *from,
                      const GDate *to,
                      GArray      *days)
{
  for (guint i = 0; i < sessions->len; i++)
    {
      const HarleySession *s = g_ptr_array_index (sessions, i);
      g_autoptr(GArray) dates = harley_recurrence_expand (s->recurrence, from, to);

      for (guint j = 0; j < dates->len; j++)
        {
          HarleySessionDay day = {
            .session_id = s->id,
            .clinician_id = s->clinician_id,
            .location_id = s->location_id,
            .date = g_array_index (dates, GDate, j),
            .start = s->start,
            .end = s->end,
            .slot_minutes = s->slot_minutes,
          };
          g_array_append_val (days, day);
        }
    }
}

/**
 * harley_diary_list_sessions:
 * @from: the first day
 * @to: the last day, inclusive
 *
 * Returns: (transfer full) (element-type HarleySessionDay): every
 *   clinic session day between @from and @to, by date, clinician and time
 */
GArray *
harley_diary_list_sessions (HarleyStore  *store,
                            const GDate  *from,
                            const GDate  *to,
                            GError      **error)
{
  g_autoptr(GPtrArray) sessions = _harley_diary_load_sessions (store, 0, from, to, error);
  GArray *days;

  if (sessions == NULL)
    return NULL;
  days = g_array_new (FALSE, FALSE, sizeof (HarleySessionDay));
  _harley_diary_expand (sessions, from, to, days);
  g_array_sort (days, _harley_diary_compare_days);
  return days;
}

/**
 * harley_diary_list_session_rules:
 * @clinician_id: one clinician, or 0 for all
 *
 * Returns: (transfer full) (element-type HarleySession): the stored
 *   session patterns, ended ones too
 */
GPtrArray *
harley_diary_list_session_rules (HarleyStore  *store,
                                 gint64        clinician_id,
                                 GError      **error)
{
  return _harley_diary_load_sessions (store, clinician_id, NULL, NULL, error);
}

static gboolean
check_session (const HarleySession  *s,
               GError              **error)
{
  if (s->recurrence == NULL || !g_date_valid (&s->recurrence->start))
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                   _("Choose the date of the first clinic."));
      return FALSE;
    }
  if (s->start < 0 || s->end > 1440 || s->end <= s->start)
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                   _("A clinic must end after it starts."));
      return FALSE;
    }
  if (s->slot_minutes < 5 || s->slot_minutes > 240)
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                   _("Slots last from 5 minutes to 4 hours."));
      return FALSE;
    }
  return TRUE;
}

static gint64
insert_session (HarleyStore          *store,
                const HarleySession  *s,
                const char           *now,
                GError              **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "INSERT INTO clinic_session (clinician_id, location_id, rule, first_date, last_date, start_minute, "
    "end_minute, slot_minutes, skipped, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, s->clinician_id);
  if (s->location_id != 0)
    sqlite3_bind_int64 (stmt, 2, s->location_id);
  sqlite3_bind_text (stmt, 3, harley_recurrence_rule_to_string (s->recurrence), -1, g_free);
  sqlite3_bind_text (stmt, 4, _harley_diary_date_iso (&s->recurrence->start), -1, g_free);
  if (g_date_valid (&s->recurrence->end))
    sqlite3_bind_text (stmt, 5, _harley_diary_date_iso (&s->recurrence->end), -1, g_free);
  sqlite3_bind_int (stmt, 6, s->start);
  sqlite3_bind_int (stmt, 7, s->end);
  sqlite3_bind_int (stmt, 8, s->slot_minutes);
  sqlite3_bind_text (stmt, 9, join_exceptions (s->recurrence), -1, g_free);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, now, -1, SQLITE_TRANSIENT);
  if (!harley_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (harley_store_get_db (store));
}

/**
 * harley_diary_add_session:
 * @session: the pattern; its id is ignored
 *
 * Returns: the new session's id, or 0 on failure
 */
gint64
harley_diary_add_session (HarleyStore          *store,
                          const HarleySession  *session,
                          GError              **error)
{
  g_autofree char *now = harley_store_now ();
  gint64 id;

  if (!check_session (session, error) || !harley_store_begin (store, error))
    return 0;
  id = insert_session (store, session, now, error);
  if (id == 0)
    {
      harley_store_rollback (store);
      return 0;
    }
  return harley_store_commit (store, error) ? id : 0;
}

static gboolean
end_session (HarleyStore  *store,
             gint64        id,
             const GDate  *last,
             const char   *now,
             GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "UPDATE clinic_session SET last_date = ?, updated_at = ? "
                                                    "WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, _harley_diary_date_iso (last), -1, g_free);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  return harley_store_step_done (store, stmt, error);
}

static gboolean
replace_session (HarleyStore          *store,
                 gint64                id,
                 const HarleySession  *s,
                 const char           *now,
                 GError              **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "UPDATE clinic_session SET location_id = ?1, rule = ?2, first_date = ?3, last_date = ?4, "
    "start_minute = ?5, end_minute = ?6, slot_minutes = ?7, skipped = ?8, updated_at = ?9 WHERE id = ?10",
    error);

  if (stmt == NULL)
    return FALSE;
  if (s->location_id != 0)
    sqlite3_bind_int64 (stmt, 1, s->location_id);
  sqlite3_bind_text (stmt, 2, harley_recurrence_rule_to_string (s->recurrence), -1, g_free);
  sqlite3_bind_text (stmt, 3, _harley_diary_date_iso (&s->recurrence->start), -1, g_free);
  if (g_date_valid (&s->recurrence->end))
    sqlite3_bind_text (stmt, 4, _harley_diary_date_iso (&s->recurrence->end), -1, g_free);
  sqlite3_bind_int (stmt, 5, s->start);
  sqlite3_bind_int (stmt, 6, s->end);
  sqlite3_bind_int (stmt, 7, s->slot_minutes);
  sqlite3_bind_text (stmt, 8, join_exceptions (s->recurrence), -1, g_free);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 10, id);
  return harley_store_step_done (store, stmt, error);
}

static gboolean
fits_a_session (GArray                  *days,
                const HarleyAppointmentInfo *info)
{
  for (guint i = 0; i < days->len; i++)
    {
      const HarleySessionDay *d = &g_array_index (days, HarleySessionDay, i);

      if (d->clinician_id == info->clinician_id && g_date_compare (&d->date, &info->date) == 0
          && d->start <= info->start && info->end <= d->end)
        return TRUE;
    }
  return FALSE;
}

/* The clinician's future bookings from @from_date that sit in no session. */
static GPtrArray *
list_misfits (HarleyStore  *store,
              gint64        clinician_id,
              const GDate  *from_date,
              GError      **error)
{
  g_autoptr(GPtrArray) sessions = _harley_diary_load_sessions (store, clinician_id, from_date, NULL, error);
  g_autoptr(GPtrArray) misfits = NULL;
  g_autoptr(GPtrArray) booked = NULL;
  g_autoptr(GArray) days = NULL;
  GDate last;

  if (sessions == NULL)
    return NULL;
  last = *from_date;
  g_date_add_years (&last, 5);
  booked = harley_diary_list_range (store, from_date, &last, error);
  if (booked == NULL)
    return NULL;
  days = g_array_new (FALSE, FALSE, sizeof (HarleySessionDay));
  _harley_diary_expand (sessions, from_date, &last, days);
  misfits = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < booked->len; i++)
    {
      HarleyAppointment *a = g_ptr_array_index (booked, i);
      const HarleyAppointmentInfo *info = harley_appointment_get_info (a);

      if (info->clinician_id == clinician_id && harley_appointment_is_active (a)
          && !fits_a_session (days, info))
        g_ptr_array_add (misfits, g_object_ref (a));
    }
  return g_steal_pointer (&misfits);
}

/**
 * harley_diary_change_session_from:
 * @session_id: the session pattern to change
 * @from_date: the first day the change applies to
 * @changed: the new times, place and slot length; its recurrence, if
 *   any, is the new pattern and must start on or after @from_date; if
 *   %NULL-recurrence, the old pattern goes on
 * @no_longer_fit: (out) (transfer full) (element-type HarleyAppointment):
 *   the bookings from @from_date on that no longer sit in a session;
 *   they are kept, for the user to move or keep as they are
 *
 * "This and later clinics": the pattern ends the day before @from_date
 * and a changed copy takes over, so the past is never rewritten.
 */
gboolean
harley_diary_change_session_from (HarleyStore          *store,
                                  gint64                session_id,
                                  const GDate          *from_date,
                                  const HarleySession  *changed,
                                  GPtrArray           **no_longer_fit,
                                  GError              **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(HarleyRecurrence) before = NULL;
  g_autoptr(HarleyRecurrence) after = NULL;
  g_autoptr(HarleyRecurrence) new_pattern = NULL;
  g_autofree char *now = harley_store_now ();
  HarleySession *old = NULL;
  HarleySession next;

  all = _harley_diary_load_sessions (store, 0, NULL, NULL, error);
  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len && old == NULL; i++)
    if (((HarleySession *) g_ptr_array_index (all, i))->id == session_id)
      old = g_ptr_array_index (all, i);
  if (old == NULL)
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_NOT_FOUND,
                   _("That clinic session is no longer in the diary."));
      return FALSE;
    }

  harley_recurrence_split (old->recurrence, from_date, &before, &after);
  if (changed->recurrence == NULL && after == NULL)
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                   _("That clinic has no dates from then on: there is nothing to change."));
      return FALSE;
    }
  next = *changed;
  next.clinician_id = old->clinician_id;
  if (changed->recurrence != NULL)
    {
      /* A new pattern keeps the dates already skipped (bank holidays). */
      new_pattern = harley_recurrence_copy (changed->recurrence);
      for (guint i = 0; old->recurrence->exceptions != NULL && i < old->recurrence->exceptions->len; i++)
        {
          GDate skipped;

          g_date_clear (&skipped, 1);
          g_date_set_julian (&skipped, g_array_index (old->recurrence->exceptions, guint32, i));
          if (g_date_compare (&skipped, from_date) >= 0)
            harley_recurrence_add_exception (new_pattern, &skipped);
        }
    }
  next.recurrence = new_pattern != NULL ? new_pattern : after;
  if (g_date_compare (&next.recurrence->start, from_date) < 0)
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                   _("The changed clinics must start on or after the date of the change."));
      return FALSE;
    }
  if (!check_session (&next, error) || !harley_store_begin (store, error))
    return FALSE;

  /* With no dates before the change, the pattern is rewritten in place:
   * nothing in the past depends on it. */
  if (before != NULL ? !end_session (store, session_id, &before->end, now, error)
                     : !replace_session (store, session_id, &next, now, error))
    goto failed;
  if (before != NULL && insert_session (store, &next, now, error) == 0)
    goto failed;
  if (!harley_store_commit (store, error))
    return FALSE;

  /* Saved: a failure to list the misfits must not make it look unsaved. */
  if (no_longer_fit != NULL
      && (*no_longer_fit = list_misfits (store, old->clinician_id, from_date, NULL)) == NULL)
    *no_longer_fit = g_ptr_array_new_with_free_func (g_object_unref);
  return TRUE;

failed:
  harley_store_rollback (store);
  return FALSE;
}

/* Blocked time {{{1 */

/**
 * harley_diary_blocked_reason_label:
 * @reason: holiday, theatre, admin or other, as stored
 *
 * Returns: (transfer none): the reason in words, translated
 */
const char *
harley_diary_blocked_reason_label (const char *reason)
{
  if (g_strcmp0 (reason, "holiday") == 0)
    return _("Holiday");
  if (g_strcmp0 (reason, "theatre") == 0)
    return _("Theatre");
  if (g_strcmp0 (reason, "admin") == 0)
    return _("Admin");
  return _("Blocked");
}

static gboolean
check_blocked (const char  *starts,
               const char  *ends,
               GError     **error)
{
  GDate d;
  int m;

  if (!harley_wall_time_parse (starts, &d, &m, error) || !harley_wall_time_parse (ends, &d, &m, error))
    return FALSE;
  if (g_strcmp0 (ends, starts) <= 0)
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                   _("Blocked time must end after it starts."));
      return FALSE;
    }
  return TRUE;
}

/**
 * harley_diary_add_blocked:
 * @clinician_id: the clinician, or 0 for everyone
 * @reason: holiday, theatre, admin or other
 * @starts: "YYYY-MM-DD HH:MM"
 * @ends: "YYYY-MM-DD HH:MM", after @starts
 *
 * Returns: the new entry's id, or 0 on failure
 */
gint64
harley_diary_add_blocked (HarleyStore  *store,
                          gint64        clinician_id,
                          const char   *reason,
                          const char   *note,
                          const char   *starts,
                          const char   *ends,
                          GError      **error)
{
  g_autofree char *now = harley_store_now ();
  sqlite3_stmt *stmt;
  gint64 id;

  if (!check_blocked (starts, ends, error) || !harley_store_begin (store, error))
    return 0;
  stmt = harley_store_prepare (store, "INSERT INTO blocked_time (clinician_id, reason, note, starts, ends, "
                                      "created_at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto failed;
  if (clinician_id != 0)
    sqlite3_bind_int64 (stmt, 1, clinician_id);
  sqlite3_bind_text (stmt, 2, reason, -1, SQLITE_TRANSIENT);
  harley_bind_text (stmt, 3, note);
  sqlite3_bind_text (stmt, 4, starts, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, ends, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  if (!harley_store_step_done (store, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (harley_store_get_db (store));
  return harley_store_commit (store, error) ? id : 0;

failed:
  harley_store_rollback (store);
  return 0;
}

static gpointer
blocked_from_row (sqlite3_stmt *stmt)
{
  HarleyBlockedTime *b = g_new0 (HarleyBlockedTime, 1);

  b->id = sqlite3_column_int64 (stmt, 0);
  b->clinician_id = sqlite3_column_int64 (stmt, 1);
  b->reason = harley_column_dup (stmt, 2);
  b->note = harley_column_dup (stmt, 3);
  b->starts = harley_column_dup (stmt, 4);
  b->ends = harley_column_dup (stmt, 5);
  return b;
}

/**
 * harley_diary_list_blocked:
 * @from: the first day
 * @to: the last day, inclusive
 *
 * Returns: (transfer full) (element-type HarleyBlockedTime): blocked
 *   time that overlaps the days, by start
 */
GPtrArray *
harley_diary_list_blocked (HarleyStore  *store,
                           const GDate  *from,
                           const GDate  *to,
                           GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "SELECT id, clinician_id, reason, note, starts, ends FROM blocked_time "
    "WHERE ends > ?1 AND starts < ?2 ORDER BY starts", error);
  GDate after = *to;

  if (stmt == NULL)
    return NULL;
  g_date_add_days (&after, 1);
  sqlite3_bind_text (stmt, 1, _harley_diary_date_iso (from), -1, g_free);
  sqlite3_bind_text (stmt, 2, _harley_diary_date_iso (&after), -1, g_free);
  return _harley_diary_collect (store, stmt, blocked_from_row, (GDestroyNotify) harley_blocked_time_free, error);
}
