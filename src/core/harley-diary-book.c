/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-diary"

/* Appointments: reading a range, booking with the conflict rules,
 * moving, and the steps from booked to seen. Every change goes into the
 * appointment's history and the patient's timeline in one transaction. */

#include <glib/gi18n-lib.h>

#include "harley-diary-private.h"
#include "harley-wall-time.h"

#define SELECT_APPOINTMENT \
  "SELECT a.id, a.patient_id, a.clinician_id, a.location_id, a.type_id, a.starts, a.ends, a.status, " \
  "a.status IN ('booked', 'arrived', 'seen') AND EXISTS (SELECT 1 FROM appointment o " \
  "WHERE o.clinician_id = a.clinician_id AND o.id <> a.id AND o.starts >= substr (a.starts, 1, 10) " \
  "AND o.starts < a.ends AND o.ends > a.starts AND o.status IN ('booked', 'arrived', 'seen')), " \
  "p.given_name || ' ' || p.family_name, p.date_of_birth, p.nhs_number, p.alerts, " \
  "t.name, t.colour, c.name, l.name, a.notes, a.cancel_reason, a.booked_by, a.booked_at " \
  "FROM appointment a JOIN patient p ON p.id = a.patient_id " \
  "JOIN appointment_type t ON t.id = a.type_id JOIN clinician c ON c.id = a.clinician_id " \
  "LEFT JOIN contact l ON l.id = a.location_id "

static gpointer
appointment_from_row (sqlite3_stmt *stmt)
{
  HarleyAppointmentInfo info = { 0 };

  info.id = sqlite3_column_int64 (stmt, 0);
  info.patient_id = sqlite3_column_int64 (stmt, 1);
  info.clinician_id = sqlite3_column_int64 (stmt, 2);
  info.location_id = sqlite3_column_int64 (stmt, 3);
  info.type_id = sqlite3_column_int64 (stmt, 4);
  if (!harley_wall_time_parse ((const char *) sqlite3_column_text (stmt, 5), &info.date, &info.start, NULL))
    g_date_clear (&info.date, 1);
  {
    GDate end_date;

    if (!harley_wall_time_parse ((const char *) sqlite3_column_text (stmt, 6), &end_date, &info.end, NULL))
      info.end = info.start;
  }
  if (!harley_appointment_status_from_string ((const char *) sqlite3_column_text (stmt, 7), &info.status))
    info.status = HARLEY_APPOINTMENT_BOOKED;
  info.overbooked = sqlite3_column_int (stmt, 8);
  info.patient_name = harley_column_dup (stmt, 9);
  info.date_of_birth = harley_column_dup (stmt, 10);
  info.nhs_number = harley_column_dup (stmt, 11);
  info.alerts = harley_column_dup (stmt, 12);
  info.type_name = harley_column_dup (stmt, 13);
  info.colour = harley_column_dup (stmt, 14);
  info.clinician_name = harley_column_dup (stmt, 15);
  info.location_name = harley_column_dup (stmt, 16);
  info.notes = harley_column_dup (stmt, 17);
  info.cancel_reason = harley_column_dup (stmt, 18);
  info.booked_by = harley_column_dup (stmt, 19);
  info.booked_at = harley_column_dup (stmt, 20);
  return harley_appointment_new (&info);
}

static GPtrArray *
collect (HarleyStore   *store,
         sqlite3_stmt  *stmt,
         GError       **error)
{
  return _harley_diary_collect (store, stmt, appointment_from_row, g_object_unref, error);
}

/**
 * harley_diary_list_range:
 * @from: the first day
 * @to: the last day, inclusive
 *
 * One read of the starts index.
 *
 * Returns: (transfer full) (element-type HarleyAppointment): the
 *   appointments on those days, cancelled ones too, by start
 */
GPtrArray *
harley_diary_list_range (HarleyStore  *store,
                         const GDate  *from,
                         const GDate  *to,
                         GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, SELECT_APPOINTMENT
                                             "WHERE a.starts >= ?1 AND a.starts < ?2 ORDER BY a.starts, a.id",
                                             error);
  GDate after = *to;

  if (stmt == NULL)
    return NULL;
  g_date_add_days (&after, 1);
  sqlite3_bind_text (stmt, 1, _harley_diary_date_iso (from), -1, g_free);
  sqlite3_bind_text (stmt, 2, _harley_diary_date_iso (&after), -1, g_free);
  return collect (store, stmt, error);
}

/**
 * harley_diary_list_for_patient:
 *
 * Returns: (transfer full) (element-type HarleyAppointment): the
 *   patient's appointments, past and future, by start
 */
GPtrArray *
harley_diary_list_for_patient (HarleyStore  *store,
                               gint64        patient_id,
                               GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, SELECT_APPOINTMENT
                                             "WHERE a.patient_id = ? ORDER BY a.starts, a.id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, patient_id);
  return collect (store, stmt, error);
}

/**
 * harley_diary_load:
 *
 * Returns: (transfer full): the appointment, or %NULL with
 *   %HARLEY_DIARY_ERROR_NOT_FOUND
 */
HarleyAppointment *
harley_diary_load (HarleyStore  *store,
                   gint64        id,
                   GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, SELECT_APPOINTMENT "WHERE a.id = ?", error);
  g_autoptr(GPtrArray) list = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  list = collect (store, stmt, error);
  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_NOT_FOUND,
                   _("That appointment is no longer in the diary."));
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (list, 0));
}

/* The conflict rules {{{1 */

static gboolean
check_times (const HarleyBooking  *b,
             GError              **error)
{
  if (!g_date_valid (&b->date))
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                   _("Choose the day of the appointment."));
      return FALSE;
    }
  if (b->start < 0 || b->end > 1439 || b->start >= b->end)
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                   _("The appointment must end after it starts, on the same day."));
      return FALSE;
    }
  {
    /* The hour that does not exist on the March clock-change day. */
    g_autoptr(GDateTime) utc = harley_wall_time_to_utc (&b->date, b->start, error);

    return utc != NULL;
  }
}

/* Refuses with @missing when row @id is not there; a read that fails is
 * the database's error, not a row missing. */
static gboolean
check_exists (HarleyStore  *store,
              const char   *sql,
              gint64        id,
              const char   *missing,
              GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_NOT_FOUND, missing);
  else
    harley_store_set_error (store, error);
  return FALSE;
}

static gboolean
check_references (HarleyStore          *store,
                  const HarleyBooking  *b,
                  GError              **error)
{
  return check_exists (store, "SELECT 1 FROM patient WHERE id = ? AND archived = 0", b->patient_id,
                       _("There is no current patient with that number. Bring the record back from the "
                         "archive first, or choose another patient."), error)
         && check_exists (store, "SELECT 1 FROM clinician WHERE id = ? AND archived = 0", b->clinician_id,
                          _("Choose one of the practice's clinicians."), error)
         && check_exists (store, "SELECT 1 FROM appointment_type WHERE id = ?", b->type_id,
                          _("Choose a type of appointment."), error);
}

/* Another active appointment of @clinician_id (or, with @patient_id, of
 * that patient on the day) overlapping the booking; its description. */
static char *
find_overlap (HarleyStore          *store,
              const HarleyBooking  *b,
              gint64                moving_id,
              gboolean              same_patient)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "SELECT a.starts, p.given_name || ' ' || p.family_name FROM appointment a "
    "JOIN patient p ON p.id = a.patient_id "
    "WHERE a.starts >= ?1 AND a.starts < ?2 AND a.ends > ?3 "
    "AND a.status IN ('booked', 'arrived', 'seen') AND a.id <> ?4 "
    "AND (?5 = 0 OR a.clinician_id = ?5) AND (?6 = 0 OR a.patient_id = ?6) LIMIT 1", NULL);
  g_autofree char *day = _harley_diary_date_iso (&b->date);
  char *found = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  if (same_patient)
    sqlite3_bind_text (stmt, 2, g_strconcat (day, " 99", NULL), -1, g_free);
  else
    sqlite3_bind_text (stmt, 2, harley_wall_time_to_iso (&b->date, b->end), -1, g_free);
  sqlite3_bind_text (stmt, 3, same_patient ? g_strdup (day) : harley_wall_time_to_iso (&b->date, b->start),
                     -1, g_free);
  sqlite3_bind_int64 (stmt, 4, moving_id);
  sqlite3_bind_int64 (stmt, 5, same_patient ? 0 : b->clinician_id);
  sqlite3_bind_int64 (stmt, 6, same_patient ? b->patient_id : 0);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = g_strdup_printf ("%s %s", (const char *) sqlite3_column_text (stmt, 0) + 11,
                             (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  return found;
}

static char *
find_blocked (HarleyStore          *store,
              const HarleyBooking  *b)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "SELECT reason, note FROM blocked_time WHERE ends > ?1 AND starts < ?2 "
    "AND (clinician_id IS NULL OR clinician_id = ?3) LIMIT 1", NULL);
  char *found = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, harley_wall_time_to_iso (&b->date, b->start), -1, g_free);
  sqlite3_bind_text (stmt, 2, harley_wall_time_to_iso (&b->date, b->end), -1, g_free);
  sqlite3_bind_int64 (stmt, 3, b->clinician_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *note = (const char *) sqlite3_column_text (stmt, 1);

      const char *reason = harley_diary_blocked_reason_label ((const char *) sqlite3_column_text (stmt, 0));

      found = note != NULL && *note != '\0' ? g_strdup_printf ("%s: %s", reason, note) : g_strdup (reason);
    }
  sqlite3_reset (stmt);
  return found;
}

static gboolean
in_the_past (const HarleyBooking *b)
{
  g_autoptr(GDateTime) start = harley_wall_time_to_utc (&b->date, b->start, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return start != NULL && g_date_time_compare (start, now) < 0;
}

/* The session the booking sits in, or 0. */
static gint64
find_session (HarleyStore          *store,
              const HarleyBooking  *b,
              gint64               *location_id)
{
  g_autoptr(GPtrArray) sessions = _harley_diary_load_sessions (store, b->clinician_id, &b->date, &b->date, NULL);
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (HarleySessionDay));

  if (sessions == NULL)
    return 0;
  _harley_diary_expand (sessions, &b->date, &b->date, days);
  for (guint i = 0; i < days->len; i++)
    {
      const HarleySessionDay *d = &g_array_index (days, HarleySessionDay, i);

      if (d->start <= b->start && b->end <= d->end)
        {
          *location_id = d->location_id;
          return d->session_id;
        }
    }
  return 0;
}

/**
 * harley_diary_check:
 * @booking: what is asked for
 * @moving_id: the appointment being moved, or 0 for a new booking
 * @flags: the refusals the user has overridden
 * @error: the first refusal not overridden
 *
 * The rules, in order: a valid time on one day; the clinician free (or
 * %HARLEY_BOOK_OVERBOOK); no blocked time; not in the past; within a
 * clinic session; the patient not booked already that day.
 *
 * Returns: %TRUE if the booking may be made
 */
gboolean
harley_diary_check (HarleyStore          *store,
                    const HarleyBooking  *booking,
                    gint64                moving_id,
                    HarleyBookFlags       flags,
                    GError              **error)
{
  g_autofree char *clash = NULL;
  gint64 location_id = 0;

  if (!check_times (booking, error) || !check_references (store, booking, error))
    return FALSE;
  if (!(flags & HARLEY_BOOK_OVERBOOK) && (clash = find_overlap (store, booking, moving_id, FALSE)) != NULL)
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_DOUBLE_BOOKED,
                   _("The clinician is already booked then (%s)."), clash);
      return FALSE;
    }
  if (!(flags & HARLEY_BOOK_ALLOW_BLOCKED) && (clash = find_blocked (store, booking)) != NULL)
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_BLOCKED,
                   _("That time is blocked in the diary (%s)."), clash);
      return FALSE;
    }
  if (!(flags & HARLEY_BOOK_ALLOW_PAST) && in_the_past (booking))
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_IN_PAST,
                   _("That time has already passed."));
      return FALSE;
    }
  if (!(flags & HARLEY_BOOK_ALLOW_OUTSIDE_SESSION) && find_session (store, booking, &location_id) == 0)
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_OUTSIDE_SESSION,
                   _("That time is outside the clinician's clinics."));
      return FALSE;
    }
  if (!(flags & HARLEY_BOOK_ALLOW_SAME_DAY) && (clash = find_overlap (store, booking, moving_id, TRUE)) != NULL)
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_SAME_DAY,
                   _("The patient already has an appointment that day (%s)."), clash);
      return FALSE;
    }
  return TRUE;
}

static char *
type_name (HarleyStore *store,
           gint64       type_id)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT name FROM appointment_type WHERE id = ?", NULL);
  char *name = NULL;

  if (stmt == NULL)
    return g_strdup ("");
  sqlite3_bind_int64 (stmt, 1, type_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = harley_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return name != NULL ? name : g_strdup ("");
}

/**
 * harley_diary_book:
 *
 * Books an appointment if harley_diary_check() allows it.
 *
 * Returns: the appointment's id, or 0 with the refusal in @error
 */
gint64
harley_diary_book (HarleyStore          *store,
                   const HarleyBooking  *booking,
                   HarleyBookFlags       flags,
                   GError              **error)
{
  g_autofree char *now = harley_store_now ();
  g_autofree char *summary = NULL;
  g_autofree char *clash = NULL;
  g_autofree char *when = NULL;
  g_autofree char *kind = NULL;
  gint64 location_id = booking->location_id;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!harley_store_begin (store, error))
    return 0;
  if (!harley_diary_check (store, booking, 0, flags, error))
    goto failed;
  clash = find_overlap (store, booking, 0, FALSE);
  if (location_id == 0)
    find_session (store, booking, &location_id);

  stmt = harley_store_prepare (store,
    "INSERT INTO appointment (patient_id, clinician_id, location_id, type_id, starts, ends, overbooked, "
    "notes, booked_by, booked_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, booking->patient_id);
  sqlite3_bind_int64 (stmt, 2, booking->clinician_id);
  if (location_id != 0)
    sqlite3_bind_int64 (stmt, 3, location_id);
  sqlite3_bind_int64 (stmt, 4, booking->type_id);
  sqlite3_bind_text (stmt, 5, harley_wall_time_to_iso (&booking->date, booking->start), -1, g_free);
  sqlite3_bind_text (stmt, 6, harley_wall_time_to_iso (&booking->date, booking->end), -1, g_free);
  sqlite3_bind_int (stmt, 7, clash != NULL);
  harley_bind_text (stmt, 8, booking->notes);
  sqlite3_bind_text (stmt, 9, harley_diary_user (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, now, -1, SQLITE_TRANSIENT);
  if (!harley_store_step_done (store, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (harley_store_get_db (store));

  kind = type_name (store, booking->type_id);
  when = harley_wall_time_format (&booking->date, booking->start);
  summary = g_strdup_printf (clash != NULL ? _("Booked: %s, %s (overbooked)") : _("Booked: %s, %s"), kind, when);
  if (!_harley_diary_add_events (store, id, booking->patient_id, now, summary, error))
    goto failed;
  if (!harley_store_commit (store, error))
    return 0;
  return id;

failed:
  harley_store_rollback (store);
  return 0;
}

/* Changes {{{1 */

/**
 * harley_diary_move:
 * @id: the appointment
 * @clinician_id: the clinician it moves to (the same one, or another)
 * @date: the new day
 * @start: the new start, minutes after midnight
 * @end: the new end: a move keeps the length, a resize changes it
 * @flags: the refusals the user has overridden
 *
 * Moves or resizes an active appointment under the booking rules; the
 * old time stays in its history.
 */
gboolean
harley_diary_move (HarleyStore      *store,
                   gint64            id,
                   gint64            clinician_id,
                   const GDate      *date,
                   int               start,
                   int               end,
                   HarleyBookFlags   flags,
                   GError          **error)
{
  g_autoptr(HarleyAppointment) appointment = NULL;
  g_autofree char *now = harley_store_now ();
  g_autofree char *clash = NULL;
  g_autofree char *was = NULL;
  g_autofree char *is = NULL;
  g_autofree char *summary = NULL;
  const HarleyAppointmentInfo *info;
  HarleyBooking booking = { 0 };
  gint64 location_id = 0;

  if (!harley_store_begin (store, error))
    return FALSE;
  if ((appointment = harley_diary_load (store, id, error)) == NULL)
    goto failed;
  info = harley_appointment_get_info (appointment);
  if (!harley_appointment_status_is_active (info->status))
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_STATUS,
                   _("A cancelled or missed appointment cannot be moved. Book a new one instead."));
      goto failed;
    }
  booking.patient_id = info->patient_id;
  booking.clinician_id = clinician_id;
  booking.type_id = info->type_id;
  booking.date = *date;
  booking.start = start;
  booking.end = end;
  if (!harley_diary_check (store, &booking, id, flags, error))
    goto failed;
  clash = find_overlap (store, &booking, id, FALSE);
  /* The clinic it now falls in says where; outside any, the place stays. */
  location_id = info->location_id;
  find_session (store, &booking, &location_id);

  {
    sqlite3_stmt *stmt = harley_store_prepare (store,
      "UPDATE appointment SET clinician_id = ?1, location_id = nullif (?2, 0), starts = ?3, ends = ?4, "
      "overbooked = ?5, updated_at = ?6 WHERE id = ?7", error);

    if (stmt == NULL)
      goto failed;
    sqlite3_bind_int64 (stmt, 1, clinician_id);
    sqlite3_bind_int64 (stmt, 2, location_id);
    sqlite3_bind_text (stmt, 3, harley_wall_time_to_iso (date, start), -1, g_free);
    sqlite3_bind_text (stmt, 4, harley_wall_time_to_iso (date, end), -1, g_free);
    sqlite3_bind_int (stmt, 5, clash != NULL);
    sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 7, id);
    if (!harley_store_step_done (store, stmt, error))
      goto failed;
  }

  was = harley_appointment_dup_when (appointment);
  is = harley_wall_time_format (date, start);
  if (g_date_compare (date, &info->date) == 0 && start == info->start && clinician_id == info->clinician_id)
    summary = g_strdup_printf (_("%s now lasts %d minutes"), was, end - start);
  else
    summary = g_strdup_printf (_("Moved: %s, from %s to %s"), info->type_name, was, is);
  if (!_harley_diary_add_events (store, id, info->patient_id, now, summary, error))
    goto failed;
  return harley_store_commit (store, error);

failed:
  harley_store_rollback (store);
  return FALSE;
}

/* A missed appointment put back (the patient came late): only if its
 * time has not been given to someone else meanwhile. */
static gboolean
time_still_free (HarleyStore                  *store,
                 const HarleyAppointmentInfo  *info,
                 GError                      **error)
{
  g_autofree char *clash = NULL;
  HarleyBooking booking = { 0 };

  booking.patient_id = info->patient_id;
  booking.clinician_id = info->clinician_id;
  booking.date = info->date;
  booking.start = info->start;
  booking.end = info->end;
  if ((clash = find_overlap (store, &booking, info->id, FALSE)) == NULL)
    return TRUE;
  g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_DOUBLE_BOOKED,
               _("That time has been booked again since (%s): book a new appointment instead."), clash);
  return FALSE;
}

/**
 * harley_diary_set_status:
 * @status: the next step (see harley_appointment_status_can_become())
 * @reason: (nullable): why it was cancelled; needed for a cancellation
 */
gboolean
harley_diary_set_status (HarleyStore              *store,
                         gint64                    id,
                         HarleyAppointmentStatus   status,
                         const char               *reason,
                         GError                  **error)
{
  g_autoptr(HarleyAppointment) appointment = NULL;
  g_autofree char *now = harley_store_now ();
  g_autofree char *when = NULL;
  g_autofree char *summary = NULL;
  const HarleyAppointmentInfo *info;
  sqlite3_stmt *stmt;
  gboolean cancelling = status == HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT
                        || status == HARLEY_APPOINTMENT_CANCELLED_BY_PRACTICE;

  if (cancelling && (reason == NULL || *reason == '\0'))
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                   _("Say why the appointment is cancelled."));
      return FALSE;
    }
  if (!harley_store_begin (store, error))
    return FALSE;
  if ((appointment = harley_diary_load (store, id, error)) == NULL)
    goto failed;
  info = harley_appointment_get_info (appointment);
  if (!harley_appointment_status_can_become (info->status, status))
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_STATUS,
                   _("An appointment that is “%s” cannot become “%s”."),
                   harley_appointment_status_label (info->status), harley_appointment_status_label (status));
      goto failed;
    }
  if (!harley_appointment_status_is_active (info->status) && harley_appointment_status_is_active (status)
      && !time_still_free (store, info, error))
    goto failed;
  stmt = harley_store_prepare (store, "UPDATE appointment SET status = ?, cancel_reason = ?, updated_at = ? "
                                      "WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, harley_appointment_status_to_string (status), -1, SQLITE_STATIC);
  harley_bind_text (stmt, 2, cancelling ? reason : NULL);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, id);
  if (!harley_store_step_done (store, stmt, error))
    goto failed;
  when = harley_appointment_dup_when (appointment);
  if (cancelling)
    summary = g_strdup_printf ("%s: %s, %s (%s)", harley_appointment_status_label (status), info->type_name,
                               when, reason);
  else
    summary = g_strdup_printf ("%s: %s, %s", harley_appointment_status_label (status), info->type_name, when);
  if (!_harley_diary_add_events (store, id, info->patient_id, now, summary, error))
    goto failed;
  return harley_store_commit (store, error);

failed:
  harley_store_rollback (store);
  return FALSE;
}

gboolean
harley_diary_set_notes (HarleyStore  *store,
                        gint64        id,
                        const char   *notes,
                        GError      **error)
{
  g_autofree char *now = harley_store_now ();
  sqlite3_stmt *stmt;

  if (!harley_store_begin (store, error))
    return FALSE;
  if (!check_exists (store, "SELECT 1 FROM appointment WHERE id = ?", id,
                     _("That appointment is no longer in the diary."), error))
    goto failed;
  stmt = harley_store_prepare (store, "UPDATE appointment SET notes = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  harley_bind_text (stmt, 1, notes);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!harley_store_step_done (store, stmt, error))
    goto failed;
  return harley_store_commit (store, error);

failed:
  harley_store_rollback (store);
  return FALSE;
}

/**
 * harley_diary_list_history:
 *
 * Returns: (transfer full) (element-type utf8): "at — by — what" lines,
 *   oldest first
 */
GPtrArray *
harley_diary_list_history (HarleyStore  *store,
                           gint64        id,
                           GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT at, by, summary FROM appointment_event "
                                                    "WHERE appointment_id = ? ORDER BY id", error);
  g_autoptr(GPtrArray) lines = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  lines = g_ptr_array_new_with_free_func (g_free);
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (lines, g_strdup_printf ("%s — %s — %s", sqlite3_column_text (stmt, 0),
                                             sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&lines);
}
