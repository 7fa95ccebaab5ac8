/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-demo"

/* The demo's diary: the consultant and a nurse, their clinic sessions at
 * the consulting rooms and the private hospitals of the address book,
 * holidays, theatre and admin time, and appointments with their history
 * on the patients' timelines.
 *
 * The appointments are laid out around "now": bookings for the next six
 * months, fuller nearer today, then the past, walking back from
 * yesterday one clinic at a time until there are as many as asked for.
 * The default (HARLEY_DEMO_DEFAULT_APPOINTMENTS) reaches about six
 * months back. A clinic is filled slot by slot, one appointment after
 * another, so nobody is double-booked except the few marked overbooked;
 * a cancelled slot is sometimes given to another patient.
 *
 * One consultant and one nurse hold about 2,600 appointments a year, so
 * a large demo would go back centuries, before the patients were born
 * and before the dates Harley reads (from 1880). Each further
 * HARLEY_DEMO_APPOINTMENTS_PER_TEAM appointments bring another
 * consultant and nurse instead, with the same clinics on other days:
 * 1,000,000 appointments make seven of each and go back about 55 years,
 * to a week of some 360 appointments. Patients are only booked after
 * they were born (as long as anyone had been), and seldom twice a day.
 *
 * Everything is drawn from the demo's GRand after the patients, so a
 * seed and a "now" always give the same diary. Appointments are made in
 * memory first and written in time order, with prepared statements, in
 * the demo's transaction, by harley-demo-diary-write.c. */

#include "harley-appointment.h"
#include "harley-demo.h"
#include "harley-demo-diary-private.h"
#include "harley-demo-private.h"
#include "harley-diary-private.h"
#include "harley-recurrence.h"
#include "harley-wall-time.h"

#define FUTURE_DAYS         183      /* bookings reach about six months ahead */
#define SESSION_DAYS_AHEAD  364      /* clinics are set up a year ahead */
#define SESSION_DAYS_BEHIND 364      /* and started at least a year ago */
#define PAST_CHUNK_DAYS     28
#define EARLIEST_YEAR       1900     /* a floor the walk back never reaches */
#define MAX_PATIENT_DRAWS   8

/* The tables {{{1 */

const Pattern _harley_demo_diary_patterns[] = {
  { FALSE, PLACE_ROOMS, G_DATE_MONDAY, 1, 0, 0, 9 * 60, 13 * 60, SESSION_CLINIC },
  { FALSE, PLACE_ST_ANNES, G_DATE_WEDNESDAY, 2, 0, 0, 14 * 60, 18 * 60, SESSION_CLINIC },
  { FALSE, PLACE_KINGSMEAD, G_DATE_WEDNESDAY, 2, 1, 0, 14 * 60, 18 * 60, SESSION_CLINIC },
  { FALSE, PLACE_HARLEY_CLINIC, G_DATE_FRIDAY, 0, 0, 2, 9 * 60, 13 * 60, SESSION_PROCEDURES },
  { TRUE, PLACE_ROOMS, G_DATE_TUESDAY, 1, 0, 0, 9 * 60, 13 * 60, SESSION_NURSE },
  { TRUE, PLACE_ROOMS, G_DATE_TUESDAY, 1, 0, 0, 14 * 60, 17 * 60, SESSION_NURSE },
  { TRUE, PLACE_ROOMS, G_DATE_THURSDAY, 1, 0, 0, 9 * 60, 13 * 60, SESSION_NURSE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (_harley_demo_diary_patterns) == N_PATTERNS);

/* The consultant's weekly theatre morning and the afternoons given to
 * admin, on the weekdays of the first team. */
#define THEATRE_WEEKDAY          G_DATE_TUESDAY
#define THEATRE_START            (8 * 60)
#define THEATRE_END              (13 * 60)
#define CONSULTANT_ADMIN_PATTERN 1          /* a Wednesday afternoon clinic */
#define NURSE_ADMIN_PATTERN      5          /* the Tuesday afternoon clinic */

/* As migration 002 names them. */
const char * const _harley_demo_diary_type_names[N_TYPES] = {
  "New consultation", "Follow-up", "Procedure", "Telephone consultation", "Results discussion",
};

static const guint type_weights[N_SESSION_KINDS][N_TYPES] = {
  [SESSION_CLINIC] = { 28, 42, 6, 10, 14 },
  [SESSION_PROCEDURES] = { 0, 12, 80, 0, 8 },
  [SESSION_NURSE] = { 0, 50, 22, 14, 14 },
};

/* How many days ahead each kind is booked: from, and up to that more. */
static const guint lead_days[N_TYPES][2] = {
  [TYPE_NEW] = { 3, 40 },
  [TYPE_FOLLOW_UP] = { 14, 110 },
  [TYPE_PROCEDURE] = { 7, 50 },
  [TYPE_TELEPHONE] = { 1, 14 },
  [TYPE_RESULTS] = { 7, 21 },
};

static const char * const new_notes[] = {
  "GP referral: changing mole on the back", "Acne not settling on antibiotics", "Eczema flare",
  "Psoriasis: second opinion", "Itchy rash for three months", "Hair loss", "Skin check: family history of melanoma",
  "Rosacea", "Lesion on the nose, bleeds", "Hand dermatitis",
};

static const char * const follow_up_notes[] = {
  "Isotretinoin: monthly review", "Eczema review", "Psoriasis: biologic review", "Wound check",
  "Suture removal", "Patch test reading", "Methotrexate review", "Mole check: photographs",
};

static const char * const procedure_notes[] = {
  "Excision of naevus, left shoulder", "Punch biopsy", "Cryotherapy to seborrhoeic keratoses",
  "Shave excision", "Curettage and cautery", "Excision of cyst, scalp", "Patch testing: application",
};

static const char * const telephone_notes[] = {
  "Results by phone", "Isotretinoin: blood tests", "Medication review", "Query about dressings",
};

static const char * const results_notes[] = {
  "Histology results", "Patch test results", "Blood results", "Biopsy results",
};

const TypeNotes _harley_demo_diary_type_notes[N_TYPES] = {
  [TYPE_NEW] = { new_notes, G_N_ELEMENTS (new_notes) },
  [TYPE_FOLLOW_UP] = { follow_up_notes, G_N_ELEMENTS (follow_up_notes) },
  [TYPE_PROCEDURE] = { procedure_notes, G_N_ELEMENTS (procedure_notes) },
  [TYPE_TELEPHONE] = { telephone_notes, G_N_ELEMENTS (telephone_notes) },
  [TYPE_RESULTS] = { results_notes, G_N_ELEMENTS (results_notes) },
};

static const char * const patient_reasons[] = {
  "Unwell", "Work commitments", "On holiday", "Transport problems", "No longer needed",
  "Family emergency", "Childcare", "Booked by mistake",
};

static const char * const practice_reasons[] = {
  "Consultant unwell", "Clinic overran", "Room unavailable", "Called to theatre", "Equipment fault",
};

static const char * const admin_notes[] = {
  "Admin: appraisal", "Admin: audit meeting", "Admin: medico-legal reports", "Admin: mandatory training",
};

/* The generator's state {{{1 */

/* One day of one clinic pattern of one team. */
typedef struct
{
  guint32 julian;
  guint   team;
  guint   pattern;
} SessionDay;

static void
diary_free (Diary *d)
{
  for (guint i = 0; d->rules != NULL && i < d->n_teams * N_PATTERNS; i++)
    harley_recurrence_free (d->rules[i]);
  g_free (d->rules);
  g_clear_pointer (&d->appointments, g_array_unref);
  g_clear_pointer (&d->blocked, g_array_unref);
  g_clear_pointer (&d->blocked_days, g_hash_table_unref);
  g_clear_pointer (&d->day_patients, g_array_unref);
  g_free (d->patient_ids);
  g_free (d->patient_born);
  g_free (d->clinician_ids);
  g_free (d->utc_offsets);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Diary, diary_free)

static guint32
julian_of_dmy (int day,
               int month,
               int year)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return g_date_get_julian (&date);
}

void
_harley_demo_diary_date_of_julian (guint32  julian,
                                   GDate   *date)
{
  g_date_clear (date, 1);
  g_date_set_julian (date, julian);
}

/* Day 1, 01/01/0001, was a Monday. */
static GDateWeekday
weekday_of (guint32 julian)
{
  return (GDateWeekday) ((julian - 1) % 7 + 1);
}

static int
year_of (guint32 julian)
{
  GDate date;

  _harley_demo_diary_date_of_julian (julian, &date);
  return g_date_get_year (&date);
}

/* The first team's weekday moved on by @team working days. */
static GDateWeekday
team_weekday (GDateWeekday weekday,
              guint        team)
{
  return (GDateWeekday) ((weekday - 1 + team) % 5 + 1);
}

guint
_harley_demo_diary_clinician_of (guint          team,
                                 const Pattern *pattern)
{
  return team * 2 + (pattern->nurse ? 1 : 0);
}

/* Blocked time {{{1 */

static guint
blocked_key (guint32 julian,
             int     clinician)
{
  return julian * 64 + (guint) (clinician + 1);
}

/* Marks the minutes of @b on each of its days, merging with what the
 * clinician already has blocked that day. */
static void
mark_blocked (Diary         *d,
              const Blocked *b)
{
  for (guint32 j = b->from_day; j <= b->to_day; j++)
    {
      int from = j == b->from_day ? b->from_minute : 0;
      int to = j == b->to_day ? b->to_minute : MINUTES_PER_DAY;
      gpointer key = GUINT_TO_POINTER (blocked_key (j, b->clinician));
      guint old = GPOINTER_TO_UINT (g_hash_table_lookup (d->blocked_days, key));

      if (to <= from)
        continue;
      if (old != 0)
        {
          from = MIN (from, (int) (old >> 16));
          to = MAX (to, (int) (old & 0xffff));
        }
      g_hash_table_insert (d->blocked_days, key, GUINT_TO_POINTER (((guint) from << 16) | (guint) to));
    }
}

static void
add_blocked (Diary       *d,
             int          clinician,
             guint32      from_day,
             int          from_minute,
             guint32      to_day,
             int          to_minute,
             BlockReason  reason,
             const char  *note)
{
  Blocked b = { clinician, from_day, from_minute, to_day, to_minute, reason, note };

  g_array_append_val (d->blocked, b);
  mark_blocked (d, &b);
}

static gboolean
overlaps_blocked (Diary   *d,
                  int      clinician,
                  guint32  julian,
                  int      start,
                  int      end)
{
  int who[2] = { clinician, -1 };

  for (guint i = 0; i < G_N_ELEMENTS (who); i++)
    {
      guint range = GPOINTER_TO_UINT (g_hash_table_lookup (d->blocked_days,
                                                           GUINT_TO_POINTER (blocked_key (julian, who[i]))));

      if (range != 0 && (int) (range >> 16) < end && start < (int) (range & 0xffff))
        return TRUE;
    }
  return FALSE;
}

/* The Monday of ISO week @week of @year: the week of 4 January is the
 * first. */
static guint32
monday_of_week (int  year,
                guint week)
{
  guint32 jan4 = julian_of_dmy (4, 1, year);

  return jan4 - (weekday_of (jan4) - 1) + (week - 1) * 7;
}

static guint32
weekday_in_week (guint32      monday,
                 GDateWeekday weekday)
{
  return monday + (weekday - 1);
}

/* Holidays, theatre and admin of one team in @year. */
static void
add_team_year (Diary *d,
               guint  team,
               int    year)
{
  int consultant = (int) team * 2;
  int nurse = consultant + 1;
  guint32 holiday = monday_of_week (year, 29 + _harley_demo_pick (d->demo, 5));
  guint32 nurse_holiday = monday_of_week (year, 24 + _harley_demo_pick (d->demo, 14));
  GDateWeekday theatre_day = team_weekday (THEATRE_WEEKDAY, team);
  const Pattern *consultant_admin = &_harley_demo_diary_patterns[CONSULTANT_ADMIN_PATTERN];
  const Pattern *nurse_admin = &_harley_demo_diary_patterns[NURSE_ADMIN_PATTERN];
  guint n_admin;

  add_blocked (d, consultant, holiday, 0, holiday + 14, 0, BLOCK_HOLIDAY, "Annual leave");
  add_blocked (d, nurse, nurse_holiday, 0, nurse_holiday + 7, 0, BLOCK_HOLIDAY, "Annual leave");
  for (guint week = 1; week <= 53; week++)
    {
      guint32 day = weekday_in_week (monday_of_week (year, week), theatre_day);

      if (year_of (day) == year && !overlaps_blocked (d, consultant, day, THEATRE_START, THEATRE_END))
        add_blocked (d, consultant, day, THEATRE_START, day, THEATRE_END, BLOCK_THEATRE,
                     "Theatre list, St Anne's");
    }
  n_admin = 2 + _harley_demo_pick (d->demo, 3);
  for (guint i = 0; i < n_admin; i++)
    {
      gboolean for_nurse = _harley_demo_chance (d->demo, 0.4);
      const Pattern *p = for_nurse ? nurse_admin : consultant_admin;
      guint32 monday = monday_of_week (year, 2 + _harley_demo_pick (d->demo, 46));
      guint32 day = weekday_in_week (monday, team_weekday (p->weekday, team));
      const char *note = admin_notes[_harley_demo_pick (d->demo, G_N_ELEMENTS (admin_notes))];

      add_blocked (d, for_nurse ? nurse : consultant, day, p->start, day, p->end, BLOCK_ADMIN, note);
    }
}

/* Christmas to New Year: the practice is closed. */
static void
add_christmas (Diary *d,
               int    year)
{
  add_blocked (d, -1, julian_of_dmy (24, 12, year), 13 * 60, julian_of_dmy (2, 1, year + 1), 0,
               BLOCK_HOLIDAY, "Christmas: the practice is closed");
}

/* Makes the blocked time of @year and of every year between it and
 * those made already; the year before too, whose Christmas runs into
 * this one. */
static void
need_blocked_year (Diary *d,
                   int    year)
{
  year--;
  if (d->blocked_low_year == 0)
    {
      d->blocked_low_year = year;
      d->blocked_high_year = year - 1;
    }
  while (d->blocked_high_year < year + 1)
    {
      int y = ++d->blocked_high_year;

      add_christmas (d, y);
      for (guint t = 0; t < d->n_teams; t++)
        add_team_year (d, t, y);
    }
  while (d->blocked_low_year > year)
    {
      int y = --d->blocked_low_year;

      add_christmas (d, y);
      for (guint t = 0; t < d->n_teams; t++)
        add_team_year (d, t, y);
    }
}

/* Patients {{{1 */

static gboolean
load_patients (Diary   *d,
               GError **error)
{
  HarleyStore *store = d->demo->store;
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT count(*) FROM patient WHERE archived = 0", error);
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  d->patient_ids = g_new (gint64, MAX (n, 1));
  d->patient_born = g_new (guint32, MAX (n, 1));
  stmt = harley_store_prepare (store, "SELECT id, date_of_birth FROM patient WHERE archived = 0 "
                                      "ORDER BY date_of_birth, id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && d->n_patients < n)
    {
      GDate born;

      d->patient_ids[d->n_patients] = sqlite3_column_int64 (stmt, 0);
      d->patient_born[d->n_patients] = _harley_diary_date_parse ((const char *) sqlite3_column_text (stmt, 1), &born)
                                       ? g_date_get_julian (&born) : 1;
      d->n_patients++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      harley_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

/* A patient born before @julian, and not booked already that day if
 * that can be helped. */
static guint32
pick_patient (Diary   *d,
              guint32  julian)
{
  guint lo = 0, hi = d->n_patients;
  guint32 p = 0;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (d->patient_born[mid] < julian)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    lo = d->n_patients;
  if (d->day_of_patients != julian)
    {
      g_array_set_size (d->day_patients, 0);
      d->day_of_patients = julian;
    }
  for (guint draw = 0; draw < MAX_PATIENT_DRAWS; draw++)
    {
      gboolean taken = FALSE;

      p = _harley_demo_pick (d->demo, lo);
      for (guint i = 0; i < d->day_patients->len && !taken; i++)
        taken = g_array_index (d->day_patients, guint32, i) == p;
      if (!taken)
        break;
    }
  g_array_append_val (d->day_patients, p);
  return p;
}

/* Appointments {{{1 */

gint64
_harley_demo_diary_moment (guint32 julian,
                           int     minute)
{
  return (gint64) julian * MINUTES_PER_DAY + minute;
}

/* A moment in office hours from @from up to @to, or as near as can be. */
static gint64
office_moment (Diary  *d,
               gint64  from,
               gint64  to)
{
  guint32 first_day = (guint32) (from / MINUTES_PER_DAY);
  guint32 last_day = (guint32) ((MAX (to, from + 1) - 1) / MINUTES_PER_DAY);
  guint32 day = first_day + _harley_demo_pick (d->demo, last_day - first_day + 1);
  gint64 at = _harley_demo_diary_moment (day, 8 * 60 + 30 + (int) _harley_demo_pick (d->demo, 9 * 60));

  return CLAMP (at, from, MAX (to - 1, from));
}

static gint64
booking_moment (Diary             *d,
                const Appointment *a,
                gint64             not_before)
{
  const guint *lead = lead_days[a->type];
  gint64 start = _harley_demo_diary_moment (a->julian, a->start);
  guint32 day = a->julian - lead[0] - _harley_demo_pick (d->demo, lead[1] + 1);
  gint64 booked = _harley_demo_diary_moment (day, 8 * 60 + 30 + (int) _harley_demo_pick (d->demo, 9 * 60));

  /* A cancelled slot is offered again after the cancellation; nothing is
   * booked after now. */
  if (booked <= not_before)
    booked = office_moment (d, not_before + 1, start);
  if (booked >= d->now)
    booked = office_moment (d, MAX (not_before + 1, d->now - 3 * MINUTES_PER_DAY), d->now);
  return MIN (booked, start - 1);
}

/* When the patient of @a came in: a few minutes early, after the
 * booking and not yet to come. */
gint64
_harley_demo_diary_arrival (Diary             *d,
                            const Appointment *a,
                            gint64             booked)
{
  gint64 at = _harley_demo_diary_moment (a->julian, a->start) - (gint64) (a->seq % 11);

  return MIN (MAX (at, booked + 1), d->now);
}

/* What became of @a, with when, as of now. */
static void
settle (Diary       *d,
        Appointment *a,
        gint64       booked,
        gboolean     may_cancel)
{
  gint64 start = _harley_demo_diary_moment (a->julian, a->start);
  gint64 end = _harley_demo_diary_moment (a->julian, a->end);
  double roll = g_rand_double (d->demo->rand);
  gint64 changed = booked;

  if (end <= d->now)
    {
      if (!may_cancel)
        roll *= 0.91;
      if (roll < 0.87)
        {
          a->status = HARLEY_APPOINTMENT_SEEN;
          changed = MIN (end + a->seq % 6, d->now);
        }
      else if (roll < 0.91)
        {
          a->status = HARLEY_APPOINTMENT_DID_NOT_ATTEND;
          changed = MIN (end + 20, d->now);
        }
      else
        a->status = roll < 0.98 ? HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT : HARLEY_APPOINTMENT_CANCELLED_BY_PRACTICE;
    }
  else if (start <= d->now)
    {
      a->status = HARLEY_APPOINTMENT_ARRIVED;
      changed = _harley_demo_diary_arrival (d, a, booked);
    }
  else if (may_cancel && roll >= 0.95)
    a->status = roll < 0.99 ? HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT : HARLEY_APPOINTMENT_CANCELLED_BY_PRACTICE;
  else
    a->status = HARLEY_APPOINTMENT_BOOKED;

  if (a->status == HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT)
    a->reason = (guint8) _harley_demo_pick (d->demo, G_N_ELEMENTS (patient_reasons));
  else if (a->status == HARLEY_APPOINTMENT_CANCELLED_BY_PRACTICE)
    a->reason = (guint8) _harley_demo_pick (d->demo, G_N_ELEMENTS (practice_reasons));
  if (a->status == HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT
      || a->status == HARLEY_APPOINTMENT_CANCELLED_BY_PRACTICE)
    {
      /* After the booking, an hour before at the latest, and not yet. */
      changed = office_moment (d, booked + 1, MIN (start - 60, d->now));
    }
  a->changed_after = (gint32) (changed - start);
}

const char *
_harley_demo_diary_reason_of (const Appointment *a)
{
  switch ((HarleyAppointmentStatus) a->status)
    {
    case HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT:
      return patient_reasons[a->reason];
    case HARLEY_APPOINTMENT_CANCELLED_BY_PRACTICE:
      return practice_reasons[a->reason];
    case HARLEY_APPOINTMENT_BOOKED:
    case HARLEY_APPOINTMENT_ARRIVED:
    case HARLEY_APPOINTMENT_SEEN:
    case HARLEY_APPOINTMENT_DID_NOT_ATTEND:
    case HARLEY_APPOINTMENT_N_STATUSES:
    default:
      return NULL;
    }
}

/* Books one appointment of @type at @start; a cancelled one in the past
 * may have its slot given to someone else. */
static void
add_appointment (Diary            *d,
                 const SessionDay *day,
                 int               start,
                 TypeIndex         type,
                 gboolean          overbooked,
                 gint64            not_before)
{
  const Pattern *p = &_harley_demo_diary_patterns[day->pattern];
  Appointment a = { 0 };
  gint64 booked;

  if (d->appointments->len >= d->target)
    return;
  a.julian = day->julian;
  a.seq = d->appointments->len;
  a.start = (guint16) start;
  a.end = (guint16) (start + d->type_minutes[type]);
  a.clinician = (guint8) _harley_demo_diary_clinician_of (day->team, p);
  a.place = (guint8) p->place;
  a.type = (guint8) type;
  a.overbooked = overbooked;
  a.patient = pick_patient (d, day->julian);
  a.by = _harley_demo_chance (d->demo, 0.15) ? 1 : 0;
  if (_harley_demo_chance (d->demo, 0.3))
    a.note = (guint8) (1 + _harley_demo_pick (d->demo, _harley_demo_diary_type_notes[type].n_notes));
  booked = booking_moment (d, &a, not_before);
  a.booked_before = (guint32) (_harley_demo_diary_moment (a.julian, a.start) - booked);
  settle (d, &a, booked, not_before == G_MININT64);
  g_array_append_val (d->appointments, a);

  if ((a.status == HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT || a.status == HARLEY_APPOINTMENT_CANCELLED_BY_PRACTICE)
      && _harley_demo_diary_moment (a.julian, a.end) <= d->now && _harley_demo_chance (d->demo, 0.5))
    add_appointment (d, day, start, type, overbooked,
                     _harley_demo_diary_moment (a.julian, a.start) + a.changed_after);
}

static TypeIndex
pick_type (Diary       *d,
           SessionKind  kind)
{
  const guint *weights = type_weights[kind];
  guint total = 0, r;
  guint i;

  for (i = 0; i < N_TYPES; i++)
    total += d->type_ids[i] != 0 ? weights[i] : 0;
  if (total == 0)
    return (TypeIndex) d->shortest_type;
  r = _harley_demo_pick (d->demo, total);
  for (i = 0; i + 1 < N_TYPES; i++)
    {
      guint w = d->type_ids[i] != 0 ? weights[i] : 0;

      if (r < w)
        break;
      r -= w;
    }
  return (TypeIndex) i;
}

/* Fills one clinic slot by slot, each slot taken with the chance @fill. */
static void
fill_session (Diary            *d,
              const SessionDay *day,
              double            fill)
{
  const Pattern *p = &_harley_demo_diary_patterns[day->pattern];
  guint first = d->appointments->len;
  int t = p->start;

  if (d->appointments->len >= d->target
      || overlaps_blocked (d, (int) _harley_demo_diary_clinician_of (day->team, p), day->julian, p->start, p->end))
    return;
  while (t + d->type_minutes[d->shortest_type] <= p->end && d->appointments->len < d->target)
    {
      TypeIndex type;

      if (!_harley_demo_chance (d->demo, fill))
        {
          t += SLOT_MINUTES;
          continue;
        }
      type = pick_type (d, p->kind);
      if (t + d->type_minutes[type] > p->end)
        type = (TypeIndex) d->shortest_type;
      add_appointment (d, day, t, type, FALSE, G_MININT64);
      t += (d->type_minutes[type] + SLOT_MINUTES - 1) / SLOT_MINUTES * SLOT_MINUTES;
    }
  /* Now and then someone is squeezed in on top of another. */
  if (d->appointments->len > first && _harley_demo_chance (d->demo, 0.04))
    {
      guint i = first + _harley_demo_pick (d->demo, d->appointments->len - first);
      int at = g_array_index (d->appointments, Appointment, i).start;

      if (at + d->type_minutes[d->shortest_type] <= p->end)
        add_appointment (d, day, at, (TypeIndex) d->shortest_type, TRUE, G_MININT64);
    }
}

static int
compare_days_ascending (gconstpointer a,
                        gconstpointer b)
{
  const SessionDay *x = a;
  const SessionDay *y = b;
  const Pattern *px = &_harley_demo_diary_patterns[x->pattern];
  const Pattern *py = &_harley_demo_diary_patterns[y->pattern];
  guint cx = _harley_demo_diary_clinician_of (x->team, px);
  guint cy = _harley_demo_diary_clinician_of (y->team, py);

  if (x->julian != y->julian)
    return x->julian < y->julian ? -1 : 1;
  if (cx != cy)
    return cx < cy ? -1 : 1;
  return px->start - py->start;
}

/* The same, days latest first, each day's clinics in time order. */
static int
compare_days_descending (gconstpointer a,
                         gconstpointer b)
{
  const SessionDay *x = a;
  const SessionDay *y = b;

  if (x->julian != y->julian)
    return x->julian > y->julian ? -1 : 1;
  return compare_days_ascending (a, b);
}

static GArray *
list_session_days (Diary   *d,
                   guint32  from,
                   guint32  to)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (SessionDay));
  GDate lo, hi;

  _harley_demo_diary_date_of_julian (from, &lo);
  _harley_demo_diary_date_of_julian (to, &hi);
  for (guint t = 0; t < d->n_teams; t++)
    for (guint p = 0; p < N_PATTERNS; p++)
      {
        g_autoptr(GArray) dates = harley_recurrence_expand (d->rules[t * N_PATTERNS + p], &lo, &hi);

        for (guint i = 0; i < dates->len; i++)
          {
            SessionDay day = { g_date_get_julian (&g_array_index (dates, GDate, i)), t, p };

            g_array_append_val (days, day);
          }
      }
  return days;
}

/* The next six months as booked so far: nearly full in the next
 * fortnight, emptier further on. */
static void
fill_future (Diary *d)
{
  g_autoptr(GArray) days = list_session_days (d, d->today, d->today + FUTURE_DAYS);

  g_array_sort (days, compare_days_ascending);
  for (guint i = 0; i < days->len && d->appointments->len < d->target; i++)
    {
      const SessionDay *day = &g_array_index (days, SessionDay, i);
      guint ahead = day->julian - d->today;
      double fill = ahead <= 14 ? 0.9 : 0.9 - 0.75 * (ahead - 14) / (double) (FUTURE_DAYS - 14);

      need_blocked_year (d, year_of (day->julian));
      fill_session (d, day, fill);
    }
}

/* Back from yesterday until there are enough. */
static void
fill_past (Diary *d)
{
  guint32 floor = julian_of_dmy (1, 1, EARLIEST_YEAR) + 7;
  guint32 hi = d->today - 1;

  while (d->appointments->len < d->target && hi > floor)
    {
      guint32 lo = MAX (hi - (PAST_CHUNK_DAYS - 1), floor);
      g_autoptr(GArray) days = list_session_days (d, lo, hi);

      need_blocked_year (d, year_of (lo));
      g_array_sort (days, compare_days_descending);
      for (guint i = 0; i < days->len && d->appointments->len < d->target; i++)
        fill_session (d, &g_array_index (days, SessionDay, i), 0.86);
      hi = lo - 1;
    }
}

/* Setting up {{{1 */

/* The patterns as recurrences from a far-off Monday, so that fortnightly
 * clinics keep their weeks however far back the diary goes. */
static void
make_rules (Diary *d)
{
  guint32 anchor = julian_of_dmy (1, 1, EARLIEST_YEAR);
  GDate end;

  anchor -= weekday_of (anchor) - 1;
  _harley_demo_diary_date_of_julian (d->last_day, &end);
  d->rules = g_new0 (HarleyRecurrence *, d->n_teams * N_PATTERNS);
  for (guint t = 0; t < d->n_teams; t++)
    for (guint p = 0; p < N_PATTERNS; p++)
      {
        const Pattern *pattern = &_harley_demo_diary_patterns[p];
        GDateWeekday weekday = team_weekday (pattern->weekday, t);
        HarleyRecurrence *r;
        GDate start;

        /* Teams share the fortnights in turn. */
        _harley_demo_diary_date_of_julian (anchor + (weekday - 1) + 7 * ((pattern->phase + t / 5) % 2), &start);
        if (pattern->interval == 0)
          r = harley_recurrence_new_monthly (&start, pattern->week, weekday);
        else
          r = harley_recurrence_new_weekly (&start, pattern->interval);
        harley_recurrence_set_end (r, &end);
        d->rules[t * N_PATTERNS + p] = r;
      }
}

static gboolean
load_types (Diary   *d,
            GError **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (d->demo->store, "SELECT id, minutes FROM appointment_type "
                                                             "WHERE name = ? AND archived = 0", error);

  if (stmt == NULL)
    return FALSE;
  d->shortest_type = -1;
  for (guint i = 0; i < N_TYPES; i++)
    {
      sqlite3_bind_text (stmt, 1, _harley_demo_diary_type_names[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 1) <= 240)
        {
          d->type_ids[i] = sqlite3_column_int64 (stmt, 0);
          d->type_minutes[i] = sqlite3_column_int (stmt, 1);
          if (d->shortest_type < 0 || d->type_minutes[i] < d->type_minutes[d->shortest_type])
            d->shortest_type = (int) i;
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

static Diary *
diary_new (HarleyDemo *demo,
           guint       n_appointments,
           GDateTime  *now)
{
  Diary *d = g_new0 (Diary, 1);
  g_autoptr(GDateTime) clock = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  GDate today;
  int minute;

  d->demo = demo;
  d->target = n_appointments;
  d->n_teams = 1 + (MAX (n_appointments, 1) - 1) / HARLEY_DEMO_APPOINTMENTS_PER_TEAM;
  d->n_clinicians = d->n_teams * 2;
  harley_wall_time_from_utc (clock, &today, &minute);
  d->today = g_date_get_julian (&today);
  d->now = _harley_demo_diary_moment (d->today, minute);
  d->last_day = d->today + SESSION_DAYS_AHEAD;
  d->first_day = d->today - SESSION_DAYS_BEHIND;
  d->appointments = g_array_new (FALSE, FALSE, sizeof (Appointment));
  d->blocked = g_array_new (FALSE, FALSE, sizeof (Blocked));
  d->blocked_days = g_hash_table_new (g_direct_hash, g_direct_equal);
  d->day_patients = g_array_new (FALSE, FALSE, sizeof (guint32));
  d->clinician_ids = g_new0 (gint64, d->n_clinicians);
  d->offsets_base = julian_of_dmy (1, 1, EARLIEST_YEAR);
  d->n_offsets = d->last_day + 400 - d->offsets_base;
  d->utc_offsets = g_new (gint16, d->n_offsets);
  for (guint i = 0; i < d->n_offsets; i++)
    d->utc_offsets[i] = G_MININT16;
  make_rules (d);
  return d;
}

/* The entry point {{{1 */

/**
 * _harley_demo_add_diary:
 * @demo: the demo being made, with its address book and patients
 * @n_appointments: how many appointments, past and future
 * @now: (nullable): the moment the diary is laid out around, or %NULL
 *   for the clock
 * @error: where to put a failure
 *
 * Adds the demo's clinicians, clinics, blocked time and appointments,
 * with their histories, in the caller's transaction. Without patients
 * the clinics are made but no appointments.
 *
 * Returns: %TRUE when it was all written
 */
gboolean
_harley_demo_add_diary (HarleyDemo  *demo,
                        guint        n_appointments,
                        GDateTime   *now,
                        GError     **error)
{
  g_autoptr(Diary) d = diary_new (demo, n_appointments, now);

  if (!_harley_demo_diary_write_clinicians (d, error) || !_harley_demo_diary_write_places (d, error)
      || !load_types (d, error) || !load_patients (d, error))
    return FALSE;
  need_blocked_year (d, year_of (d->today));
  need_blocked_year (d, year_of (d->last_day));
  if (d->n_patients == 0 || d->shortest_type < 0)
    d->target = 0;
  fill_future (d);
  fill_past (d);
  if (d->appointments->len > 0)
    {
      guint32 earliest = G_MAXUINT32;

      for (guint i = 0; i < d->appointments->len; i++)
        earliest = MIN (earliest, g_array_index (d->appointments, Appointment, i).julian);
      d->first_day = MIN (d->first_day, earliest);
    }
  d->first_day -= weekday_of (d->first_day) - 1;
  need_blocked_year (d, year_of (d->first_day));
  return _harley_demo_diary_write_sessions (d, error) && _harley_demo_diary_write_blocked (d, error)
         && _harley_demo_diary_write_diary (d, error);
}
