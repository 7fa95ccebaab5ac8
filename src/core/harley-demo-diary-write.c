/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-demo"

/* The demo's diary as harley-demo-diary.c lays it out, written to the
 * store: its clinicians and the consulting rooms first, then the clinic
 * sessions, the blocked time, and the appointments in time order with
 * their histories, on the appointments and on the patients' timelines. */

#include <glib/gi18n-lib.h>

#include "harley-appointment.h"
#include "harley-contact.h"
#include "harley-demo-diary-private.h"
#include "harley-demo-private.h"
#include "harley-recurrence.h"
#include "harley-validate.h"

#define UNIX_EPOCH_JULIAN   719163   /* g_date_get_julian () of 01/01/1970 */

/* The tables {{{1 */

static const char * const block_reasons[] = { "holiday", "theatre", "admin" };

static const char * const secretaries[] = { "Margaret Ellis", "Joanne Price" };

#define NURSE_NAME  "Claire Donnelly, Nurse Specialist"

/* Time zones {{{1 */

/* The practice's clock's offset from UTC on @julian at @minute. A day's
 * offset is the same from 03:00 on, so it is kept by day. */
static int
utc_offset (Diary   *d,
            guint32  julian,
            int      minute)
{
  GTimeZone *tz = harley_london_time_zone ();
  gint64 local = ((gint64) julian - UNIX_EPOCH_JULIAN) * 86400 + (gint64) minute * 60;
  gboolean cached = minute >= 3 * 60 && julian >= d->offsets_base && julian - d->offsets_base < d->n_offsets;
  int interval;

  if (cached && d->utc_offsets[julian - d->offsets_base] != G_MININT16)
    return d->utc_offsets[julian - d->offsets_base];
  interval = g_time_zone_adjust_time (tz, G_TIME_TYPE_STANDARD, &local);
  if (interval < 0)
    return 0;
  if (!cached)
    return g_time_zone_get_offset (tz, interval) / 60;
  d->utc_offsets[julian - d->offsets_base] = (gint16) (g_time_zone_get_offset (tz, interval) / 60);
  return d->utc_offsets[julian - d->offsets_base];
}

/* A moment as stored for "booked at" and events: ISO 8601, UTC. The
 * seconds are made up from the moment, to look typed by hand, but for
 * the minute of now, whose seconds may not have passed yet. */
static void
format_utc (Diary   *d,
            gint64   at,
            char     out[24])
{
  guint32 julian = (guint32) (at / MINUTES_PER_DAY);
  int minute = (int) (at % MINUTES_PER_DAY);
  gint64 utc = at - utc_offset (d, julian, minute);
  GDate date;

  _harley_demo_diary_date_of_julian ((guint32) (utc / MINUTES_PER_DAY), &date);
  minute = (int) (utc % MINUTES_PER_DAY);
  g_snprintf (out, 24, "%04u-%02u-%02uT%02d:%02d:%02dZ", (guint) g_date_get_year (&date),
              (guint) g_date_get_month (&date), (guint) g_date_get_day (&date), minute / 60, minute % 60,
              at < d->now ? (int) (at * 37 % 60) : 0);
}

/* Writing {{{1 */

static gint64
insert_clinician (Diary       *d,
                  const char  *name,
                  const char  *role,
                  guint        position,
                  GError     **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (d->demo->store, "INSERT INTO clinician (name, role, position) "
                                                             "VALUES (?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, role, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, (int) position);
  if (!harley_store_step_done (d->demo->store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (harley_store_get_db (d->demo->store));
}

static char *
make_clinician_name (HarleyDemo *demo,
                     gboolean    nurse)
{
  const HarleyDemoNameGroup *group = _harley_demo_pick_group (demo);
  HarleyDemoSex sex = _harley_demo_chance (demo, nurse ? 0.85 : 0.5) ? HARLEY_DEMO_SEX_FEMALE
                                                                     : HARLEY_DEMO_SEX_MALE;
  g_autofree char *given = _harley_demo_make_given_name (demo, group, sex);
  g_autofree char *family = _harley_demo_make_family_name (demo, group, sex);

  if (nurse)
    return g_strdup_printf ("%s %s, Nurse Specialist", given, family);
  return g_strdup_printf ("Dr %s %s", given, family);
}

/* The consultant of migration 002 takes the practice's consultant's
 * name; a nurse joins, and further teams for a large demo. */
gboolean
_harley_demo_diary_write_clinicians (Diary   *d,
                                     GError **error)
{
  HarleyStore *store = d->demo->store;
  g_autofree char *consultant = harley_store_get_practice_detail (store, "consultant");
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT id FROM clinician WHERE role = 'consultant' "
                                                    "AND archived = 0 ORDER BY position, id LIMIT 1", error);
  guint position = 1;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    d->clinician_ids[0] = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (d->clinician_ids[0] != 0 && consultant != NULL && *consultant != '\0')
    {
      stmt = harley_store_prepare (store, "UPDATE clinician SET name = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, consultant, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, d->clinician_ids[0]);
      if (!harley_store_step_done (store, stmt, error))
        return FALSE;
    }
  stmt = harley_store_prepare (store, "SELECT coalesce (max (position), 0) FROM clinician", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    position = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  for (guint c = 0; c < d->n_clinicians; c++)
    {
      gboolean nurse = c % 2 == 1;
      g_autofree char *name = NULL;

      if (d->clinician_ids[c] != 0)
        continue;
      name = c == 1 ? g_strdup (NURSE_NAME) : make_clinician_name (d->demo, nurse);
      d->clinician_ids[c] = insert_clinician (d, name, nurse ? "nurse" : "consultant", ++position, error);
      if (d->clinician_ids[c] == 0)
        return FALSE;
    }
  return TRUE;
}

/* The practice's own rooms, which the address book lacks: its
 * hospitals issue hospital numbers, the rooms do not. */
gboolean
_harley_demo_diary_write_places (Diary   *d,
                                 GError **error)
{
  HarleyStore *store = d->demo->store;
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "INSERT INTO contact (kind, name, address_lines, post_town, postcode, phone, notes, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)", error);
  g_autofree char *phone = _harley_demo_make_phone (d->demo, harley_demo_hospitals[0].phone);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, harley_contact_kind_to_string (HARLEY_CONTACT_OTHER), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, "Consulting Rooms, 112 Harley Street", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, harley_demo_hospitals[0].address, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, harley_demo_hospitals[0].town, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, harley_demo_hospitals[0].postcode, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, phone, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, "The practice's consulting rooms, second floor: the consultant's and "
                              "the nurse's clinics.", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, d->demo->now, -1, SQLITE_STATIC);
  if (!harley_store_step_done (store, stmt, error))
    return FALSE;
  d->place_ids[PLACE_ROOMS] = sqlite3_last_insert_rowid (harley_store_get_db (store));
  for (guint i = 0; i < HARLEY_DEMO_N_HOSPITALS; i++)
    d->place_ids[PLACE_HARLEY_CLINIC + i] = d->demo->hospital_ids[i];
  return TRUE;
}

static void
format_date (guint32  julian,
             char     out[11])
{
  GDate date;

  _harley_demo_diary_date_of_julian (julian, &date);
  g_snprintf (out, 11, "%04u-%02u-%02u", (guint) g_date_get_year (&date), (guint) g_date_get_month (&date),
              (guint) g_date_get_day (&date));
}

static gboolean
write_session (Diary             *d,
               sqlite3_stmt      *stmt,
               guint              team,
               guint              p,
               GError           **error)
{
  const HarleyRecurrence *rule = d->rules[team * N_PATTERNS + p];
  const Pattern *pattern = &_harley_demo_diary_patterns[p];
  g_autoptr(GArray) dates = NULL;
  GDate from, to;
  char first[11], last[11];

  /* Stored from its first clinic in the diary, which keeps its weeks. */
  _harley_demo_diary_date_of_julian (d->first_day, &from);
  _harley_demo_diary_date_of_julian (d->first_day + 62, &to);
  dates = harley_recurrence_expand (rule, &from, &to);
  if (dates->len == 0)
    return TRUE;
  format_date (g_date_get_julian (&g_array_index (dates, GDate, 0)), first);
  format_date (d->last_day, last);
  sqlite3_bind_int64 (stmt, 1, d->clinician_ids[_harley_demo_diary_clinician_of (team, pattern)]);
  sqlite3_bind_int64 (stmt, 2, d->place_ids[pattern->place]);
  sqlite3_bind_text (stmt, 3, harley_recurrence_rule_to_string (rule), -1, g_free);
  sqlite3_bind_text (stmt, 4, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, last, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, pattern->start);
  sqlite3_bind_int (stmt, 7, pattern->end);
  sqlite3_bind_int (stmt, 8, SLOT_MINUTES);
  sqlite3_bind_text (stmt, 9, d->demo->now, -1, SQLITE_STATIC);
  return harley_store_step_done (d->demo->store, stmt, error);
}

gboolean
_harley_demo_diary_write_sessions (Diary   *d,
                                   GError **error)
{
  for (guint t = 0; t < d->n_teams; t++)
    for (guint p = 0; p < N_PATTERNS; p++)
      {
        sqlite3_stmt *stmt = harley_store_prepare (d->demo->store,
          "INSERT INTO clinic_session (clinician_id, location_id, rule, first_date, last_date, start_minute, "
          "end_minute, slot_minutes, skipped, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '', "
          "?9, ?9)", error);

        if (stmt == NULL || !write_session (d, stmt, t, p, error))
          return FALSE;
      }
  return TRUE;
}

static int
compare_blocked (gconstpointer a,
                 gconstpointer b)
{
  const Blocked *x = a;
  const Blocked *y = b;

  if (x->from_day != y->from_day)
    return x->from_day < y->from_day ? -1 : 1;
  if (x->from_minute != y->from_minute)
    return x->from_minute - y->from_minute;
  return x->clinician - y->clinician;
}

static void
format_wall (guint32  julian,
             int      minute,
             char     out[17])
{
  char date[11];

  format_date (julian, date);
  g_snprintf (out, 17, "%s %02d:%02d", date, minute / 60, minute % 60);
}

/* The blocked time from the diary's first day to its last. */
gboolean
_harley_demo_diary_write_blocked (Diary   *d,
                                  GError **error)
{
  g_array_sort (d->blocked, compare_blocked);
  for (guint i = 0; i < d->blocked->len; i++)
    {
      const Blocked *b = &g_array_index (d->blocked, Blocked, i);
      sqlite3_stmt *stmt;
      char starts[17], ends[17];

      if (b->to_day < d->first_day || b->from_day > d->last_day)
        continue;
      stmt = harley_store_prepare (d->demo->store, "INSERT INTO blocked_time (clinician_id, reason, note, starts, "
                                                   "ends, created_at) VALUES (?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      format_wall (b->from_day, b->from_minute, starts);
      format_wall (b->to_day, b->to_minute, ends);
      if (b->clinician >= 0)
        sqlite3_bind_int64 (stmt, 1, d->clinician_ids[b->clinician]);
      sqlite3_bind_text (stmt, 2, block_reasons[b->reason], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, b->note, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, starts, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, ends, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, d->demo->now, -1, SQLITE_STATIC);
      if (!harley_store_step_done (d->demo->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* What the writer keeps between appointments: the statements, and the
 * texts of the day being written. */
typedef struct
{
  sqlite3_stmt *appointment;
  sqlite3_stmt *event;
  sqlite3_stmt *timeline;
  guint32       julian;
  char          iso[11];
  char          british[11];
  char         *weekday;        /* "Tue 03/03/2026", as harley_appointment_dup_when () */
} Writer;

static void
writer_set_day (Writer  *w,
                guint32  julian)
{
  g_autoptr(GDateTime) noon = NULL;
  GDate date;

  if (w->julian == julian)
    return;
  w->julian = julian;
  _harley_demo_diary_date_of_julian (julian, &date);
  format_date (julian, w->iso);
  g_snprintf (w->british, sizeof w->british, "%02u/%02u/%04u", (guint) g_date_get_day (&date),
              (guint) g_date_get_month (&date), (guint) g_date_get_year (&date));
  noon = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  g_free (w->weekday);
  w->weekday = g_date_time_format (noon, "%a %d/%m/%Y");
}

/* One line of the appointment's history, and the same on the patient's
 * timeline, as harley-diary.c records them. */
static gboolean
write_event (Diary         *d,
             Writer        *w,
             gint64         appointment_id,
             gint64         patient_id,
             const char    *at,
             const char    *by,
             const char    *summary,
             GError       **error)
{
  sqlite3_bind_int64 (w->event, 1, appointment_id);
  sqlite3_bind_text (w->event, 2, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->event, 3, by, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->event, 4, summary, -1, SQLITE_STATIC);
  if (!harley_store_step_done (d->demo->store, w->event, error))
    return FALSE;
  sqlite3_bind_int64 (w->timeline, 1, patient_id);
  sqlite3_bind_text (w->timeline, 2, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->timeline, 3, summary, -1, SQLITE_STATIC);
  return harley_store_step_done (d->demo->store, w->timeline, error);
}

/* Booked, then arrived and seen, or what else became of it. The texts
 * are made on the stack: a large demo writes millions. */
static gboolean
write_history (Diary             *d,
               Writer            *w,
               const Appointment *a,
               gint64             id,
               const char        *booked_at,
               const char        *changed_at,
               GError           **error)
{
  const char *type = _harley_demo_diary_type_names[a->type];
  const char *by = secretaries[a->by];
  gint64 patient_id = d->patient_ids[a->patient];
  gint64 start = _harley_demo_diary_moment (a->julian, a->start);
  HarleyAppointmentStatus status = a->status;
  char wall[17], when[128], summary[512];

  g_snprintf (wall, sizeof wall, "%s %02d:%02d", w->british, a->start / 60, a->start % 60);
  g_snprintf (when, sizeof when, "%s %02d:%02d–%02d:%02d", w->weekday, a->start / 60, a->start % 60,
              a->end / 60, a->end % 60);
  g_snprintf (summary, sizeof summary, a->overbooked ? _("Booked: %s, %s (overbooked)") : _("Booked: %s, %s"),
              type, wall);
  if (!write_event (d, w, id, patient_id, booked_at, by, summary, error))
    return FALSE;
  if (status == HARLEY_APPOINTMENT_BOOKED)
    return TRUE;
  if (status == HARLEY_APPOINTMENT_SEEN)
    {
      char arrived_at[24];

      g_snprintf (summary, sizeof summary, "%s: %s, %s",
                  harley_appointment_status_label (HARLEY_APPOINTMENT_ARRIVED), type, when);
      format_utc (d, _harley_demo_diary_arrival (d, a, start - a->booked_before), arrived_at);
      if (!write_event (d, w, id, patient_id, arrived_at, by, summary, error))
        return FALSE;
    }
  if (_harley_demo_diary_reason_of (a) != NULL)
    g_snprintf (summary, sizeof summary, "%s: %s, %s (%s)", harley_appointment_status_label (status), type, when,
                _harley_demo_diary_reason_of (a));
  else
    g_snprintf (summary, sizeof summary, "%s: %s, %s", harley_appointment_status_label (status), type, when);
  return write_event (d, w, id, patient_id, changed_at, by, summary, error);
}

static gboolean
write_appointment (Diary             *d,
                   Writer            *w,
                   const Appointment *a,
                   GError           **error)
{
  sqlite3_stmt *stmt = w->appointment;
  gint64 start = _harley_demo_diary_moment (a->julian, a->start);
  gint64 id;
  guint n_notes = _harley_demo_diary_type_notes[a->type].n_notes;
  char starts[17], ends[17], booked_at[24], changed_at[24];

  writer_set_day (w, a->julian);
  g_snprintf (starts, sizeof starts, "%s %02d:%02d", w->iso, a->start / 60, a->start % 60);
  g_snprintf (ends, sizeof ends, "%s %02d:%02d", w->iso, a->end / 60, a->end % 60);
  format_utc (d, start - a->booked_before, booked_at);
  format_utc (d, start + a->changed_after, changed_at);

  sqlite3_bind_int64 (stmt, 1, d->patient_ids[a->patient]);
  sqlite3_bind_int64 (stmt, 2, d->clinician_ids[a->clinician]);
  sqlite3_bind_int64 (stmt, 3, d->place_ids[a->place]);
  sqlite3_bind_int64 (stmt, 4, d->type_ids[a->type]);
  sqlite3_bind_text (stmt, 5, starts, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, ends, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, harley_appointment_status_to_string (a->status), -1, SQLITE_STATIC);
  if (_harley_demo_diary_reason_of (a) != NULL)
    sqlite3_bind_text (stmt, 8, _harley_demo_diary_reason_of (a), -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 8);
  sqlite3_bind_int (stmt, 9, a->overbooked);
  if (a->note > 0 && a->note <= n_notes)
    sqlite3_bind_text (stmt, 10, _harley_demo_diary_type_notes[a->type].notes[a->note - 1], -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 10);
  sqlite3_bind_text (stmt, 11, secretaries[a->by], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, booked_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, changed_at, -1, SQLITE_STATIC);
  if (!harley_store_step_done (d->demo->store, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (harley_store_get_db (d->demo->store));
  return write_history (d, w, a, id, booked_at, changed_at, error);
}

static int
compare_appointments (gconstpointer a,
                      gconstpointer b)
{
  const Appointment *x = a;
  const Appointment *y = b;

  if (x->julian != y->julian)
    return x->julian < y->julian ? -1 : 1;
  if (x->start != y->start)
    return x->start - y->start;
  if (x->clinician != y->clinician)
    return x->clinician - y->clinician;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static gboolean
write_appointments (Diary   *d,
                    GError **error)
{
  HarleyStore *store = d->demo->store;
  Writer w = { 0 };
  gboolean ok = TRUE;

  w.appointment = harley_store_prepare (store,
    "INSERT INTO appointment (patient_id, clinician_id, location_id, type_id, starts, ends, status, "
    "cancel_reason, overbooked, notes, booked_by, booked_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error);
  w.event = harley_store_prepare (store, "INSERT INTO appointment_event (appointment_id, at, by, summary) "
                                         "VALUES (?, ?, ?, ?)", error);
  w.timeline = harley_store_prepare (store, "INSERT INTO patient_event (patient_id, at, kind, summary) "
                                            "VALUES (?, ?, 'appointment', ?)", error);
  if (w.appointment == NULL || w.event == NULL || w.timeline == NULL)
    return FALSE;
  g_array_sort (d->appointments, compare_appointments);
  for (guint i = 0; i < d->appointments->len && ok; i++)
    ok = write_appointment (d, &w, &g_array_index (d->appointments, Appointment, i), error);
  g_free (w.weekday);
  return ok;
}

static int
cache_size (HarleyStore *store)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "PRAGMA cache_size", NULL);
  int size = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    size = sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return size;
}

/* A large diary's timelines and indexes are written all over the file;
 * with the store's usual cache SQLite would write the same pages out and
 * read them back many times. */
gboolean
_harley_demo_diary_write_diary (Diary   *d,
                                GError **error)
{
  HarleyStore *store = d->demo->store;
  int usual = cache_size (store);
  /* A PRAGMA takes no parameters; this is a number SQLite gave. */
  g_autofree char *restore = g_strdup_printf ("PRAGMA cache_size = %d", usual);
  gboolean large = d->appointments->len >= 100000 && usual != 0;
  gboolean ok;

  if (large && !harley_store_exec (store, "PRAGMA cache_size = -262144", error))
    return FALSE;
  ok = write_appointments (d, error);
  if (large && !harley_store_exec (store, restore, ok ? error : NULL))
    return FALSE;
  return ok;
}
