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
 * the demo's transaction. */

#include <glib/gi18n-lib.h>

#include "harley-appointment.h"
#include "harley-contact.h"
#include "harley-demo.h"
#include "harley-demo-private.h"
#include "harley-diary-private.h"
#include "harley-recurrence.h"
#include "harley-validate.h"
#include "harley-wall-time.h"

#define SLOT_MINUTES        15
#define MINUTES_PER_DAY     (24 * 60)
#define FUTURE_DAYS         183      /* bookings reach about six months ahead */
#define SESSION_DAYS_AHEAD  364      /* clinics are set up a year ahead */
#define SESSION_DAYS_BEHIND 364      /* and started at least a year ago */
#define PAST_CHUNK_DAYS     28
#define EARLIEST_YEAR       1900     /* a floor the walk back never reaches */
#define MAX_PATIENT_DRAWS   8
#define UNIX_EPOCH_JULIAN   719163   /* g_date_get_julian () of 01/01/1970 */

/* The tables {{{1 */

typedef enum
{
  PLACE_ROOMS,
  PLACE_HARLEY_CLINIC,
  PLACE_ST_ANNES,
  PLACE_KINGSMEAD,
  N_PLACES,
} Place;

/* Indexes into harley_demo_hospitals[] of the hospitals in Place. */
G_STATIC_ASSERT (HARLEY_DEMO_N_HOSPITALS == N_PLACES - 1);

typedef enum
{
  SESSION_CLINIC,
  SESSION_PROCEDURES,
  SESSION_NURSE,
  N_SESSION_KINDS,
} SessionKind;

/* One clinic pattern of a consultant–nurse team. The first team's
 * clinics are these; each further team's fall one weekday later. */
typedef struct
{
  gboolean      nurse;
  Place         place;
  GDateWeekday  weekday;
  guint         interval;   /* weeks between clinics; 0: monthly */
  guint         phase;      /* fortnightly: which of the two weeks */
  int           week;       /* monthly: the week-th weekday */
  int           start;
  int           end;
  SessionKind   kind;
} Pattern;

static const Pattern patterns[] = {
  { FALSE, PLACE_ROOMS, G_DATE_MONDAY, 1, 0, 0, 9 * 60, 13 * 60, SESSION_CLINIC },
  { FALSE, PLACE_ST_ANNES, G_DATE_WEDNESDAY, 2, 0, 0, 14 * 60, 18 * 60, SESSION_CLINIC },
  { FALSE, PLACE_KINGSMEAD, G_DATE_WEDNESDAY, 2, 1, 0, 14 * 60, 18 * 60, SESSION_CLINIC },
  { FALSE, PLACE_HARLEY_CLINIC, G_DATE_FRIDAY, 0, 0, 2, 9 * 60, 13 * 60, SESSION_PROCEDURES },
  { TRUE, PLACE_ROOMS, G_DATE_TUESDAY, 1, 0, 0, 9 * 60, 13 * 60, SESSION_NURSE },
  { TRUE, PLACE_ROOMS, G_DATE_TUESDAY, 1, 0, 0, 14 * 60, 17 * 60, SESSION_NURSE },
  { TRUE, PLACE_ROOMS, G_DATE_THURSDAY, 1, 0, 0, 9 * 60, 13 * 60, SESSION_NURSE },
};

#define N_PATTERNS G_N_ELEMENTS (patterns)

/* The consultant's weekly theatre morning and the afternoons given to
 * admin, on the weekdays of the first team. */
#define THEATRE_WEEKDAY          G_DATE_TUESDAY
#define THEATRE_START            (8 * 60)
#define THEATRE_END              (13 * 60)
#define CONSULTANT_ADMIN_PATTERN 1          /* a Wednesday afternoon clinic */
#define NURSE_ADMIN_PATTERN      5          /* the Tuesday afternoon clinic */

typedef enum
{
  TYPE_NEW,
  TYPE_FOLLOW_UP,
  TYPE_PROCEDURE,
  TYPE_TELEPHONE,
  TYPE_RESULTS,
  N_TYPES,
} TypeIndex;

/* As migration 002 names them. */
static const char * const type_names[N_TYPES] = {
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

static const struct
{
  const char * const *notes;
  guint               n_notes;
} type_notes[N_TYPES] = {
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

static const char * const secretaries[] = { "Margaret Ellis", "Joanne Price" };

static const char * const admin_notes[] = {
  "Admin: appraisal", "Admin: audit meeting", "Admin: medico-legal reports", "Admin: mandatory training",
};

#define NURSE_NAME  "Claire Donnelly, Nurse Specialist"

/* The generator's state {{{1 */

typedef enum
{
  BLOCK_HOLIDAY,
  BLOCK_THEATRE,
  BLOCK_ADMIN,
} BlockReason;

static const char * const block_reasons[] = { "holiday", "theatre", "admin" };

/* Blocked time, from day and minute to day and minute (exclusive). */
typedef struct
{
  int          clinician;     /* index, or -1 for everyone */
  guint32      from_day;
  int          from_minute;
  guint32      to_day;
  int          to_minute;
  BlockReason  reason;
  const char  *note;
} Blocked;

/* One day of one clinic pattern of one team. */
typedef struct
{
  guint32 julian;
  guint   team;
  guint   pattern;
} SessionDay;

/* An appointment as made, before it is written. Times are in minutes
 * after the start of its day; moments, "local minutes", are
 * julian * MINUTES_PER_DAY + minutes, on the practice's clocks. */
typedef struct
{
  guint32 julian;
  guint32 patient;          /* index into Diary.patient_ids */
  guint32 seq;              /* the order it was made in */
  guint32 booked_before;    /* minutes from its booking to its start */
  gint32  changed_after;    /* minutes from its start to its last change */
  guint16 start;
  guint16 end;
  guint8  clinician;
  guint8  place;
  guint8  type;
  guint8  status;           /* HarleyAppointmentStatus */
  guint8  overbooked;
  guint8  reason;           /* into the status's reasons */
  guint8  note;             /* 0, or 1 + index into the type's notes */
  guint8  by;               /* into secretaries[] */
} Appointment;

typedef struct
{
  HarleyDemo        *demo;
  guint              target;
  guint              n_teams;
  guint              n_clinicians;     /* the team's consultant, then its nurse */
  guint32            today;
  gint64             now;              /* local minutes */
  guint32            last_day;         /* of the clinics */
  guint32            first_day;        /* of the clinics, once known */
  HarleyRecurrence **rules;            /* by team, then pattern */
  GArray            *appointments;     /* Appointment */
  GArray            *blocked;          /* Blocked */
  GHashTable        *blocked_days;     /* day × clinician → blocked minutes */
  int                blocked_low_year;
  int                blocked_high_year;
  gint64            *patient_ids;      /* by date of birth */
  guint32           *patient_born;     /* julian */
  guint              n_patients;
  GArray            *day_patients;     /* guint32: the patients booked on day_of_patients */
  guint32            day_of_patients;
  gint64             type_ids[N_TYPES];
  int                type_minutes[N_TYPES];
  int                shortest_type;
  gint64            *clinician_ids;
  gint64             place_ids[N_PLACES];
  gint16            *utc_offsets;      /* minutes, by day from EARLIEST_YEAR; G_MININT16 unknown */
  guint32            offsets_base;
  guint              n_offsets;
} Diary;

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

static void
date_of_julian (guint32  julian,
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

  date_of_julian (julian, &date);
  return g_date_get_year (&date);
}

/* The first team's weekday moved on by @team working days. */
static GDateWeekday
team_weekday (GDateWeekday weekday,
              guint        team)
{
  return (GDateWeekday) ((weekday - 1 + team) % 5 + 1);
}

static guint
clinician_of (guint          team,
              const Pattern *pattern)
{
  return team * 2 + (pattern->nurse ? 1 : 0);
}

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

  date_of_julian ((guint32) (utc / MINUTES_PER_DAY), &date);
  minute = (int) (utc % MINUTES_PER_DAY);
  g_snprintf (out, 24, "%04u-%02u-%02uT%02d:%02d:%02dZ", (guint) g_date_get_year (&date),
              (guint) g_date_get_month (&date), (guint) g_date_get_day (&date), minute / 60, minute % 60,
              at < d->now ? (int) (at * 37 % 60) : 0);
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
  const Pattern *consultant_admin = &patterns[CONSULTANT_ADMIN_PATTERN];
  const Pattern *nurse_admin = &patterns[NURSE_ADMIN_PATTERN];
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

static gint64
moment (guint32 julian,
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
  gint64 at = moment (day, 8 * 60 + 30 + (int) _harley_demo_pick (d->demo, 9 * 60));

  return CLAMP (at, from, MAX (to - 1, from));
}

static gint64
booking_moment (Diary             *d,
                const Appointment *a,
                gint64             not_before)
{
  const guint *lead = lead_days[a->type];
  gint64 start = moment (a->julian, a->start);
  guint32 day = a->julian - lead[0] - _harley_demo_pick (d->demo, lead[1] + 1);
  gint64 booked = moment (day, 8 * 60 + 30 + (int) _harley_demo_pick (d->demo, 9 * 60));

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
static gint64
arrival (Diary             *d,
         const Appointment *a,
         gint64             booked)
{
  gint64 at = moment (a->julian, a->start) - (gint64) (a->seq % 11);

  return MIN (MAX (at, booked + 1), d->now);
}

/* What became of @a, with when, as of now. */
static void
settle (Diary       *d,
        Appointment *a,
        gint64       booked,
        gboolean     may_cancel)
{
  gint64 start = moment (a->julian, a->start);
  gint64 end = moment (a->julian, a->end);
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
      changed = arrival (d, a, booked);
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
  const Pattern *p = &patterns[day->pattern];
  Appointment a = { 0 };
  gint64 booked;

  if (d->appointments->len >= d->target)
    return;
  a.julian = day->julian;
  a.seq = d->appointments->len;
  a.start = (guint16) start;
  a.end = (guint16) (start + d->type_minutes[type]);
  a.clinician = (guint8) clinician_of (day->team, p);
  a.place = (guint8) p->place;
  a.type = (guint8) type;
  a.overbooked = overbooked;
  a.patient = pick_patient (d, day->julian);
  a.by = _harley_demo_chance (d->demo, 0.15) ? 1 : 0;
  if (_harley_demo_chance (d->demo, 0.3))
    a.note = (guint8) (1 + _harley_demo_pick (d->demo, type_notes[type].n_notes));
  booked = booking_moment (d, &a, not_before);
  a.booked_before = (guint32) (moment (a.julian, a.start) - booked);
  settle (d, &a, booked, not_before == G_MININT64);
  g_array_append_val (d->appointments, a);

  if ((a.status == HARLEY_APPOINTMENT_CANCELLED_BY_PATIENT || a.status == HARLEY_APPOINTMENT_CANCELLED_BY_PRACTICE)
      && moment (a.julian, a.end) <= d->now && _harley_demo_chance (d->demo, 0.5))
    add_appointment (d, day, start, type, overbooked, moment (a.julian, a.start) + a.changed_after);
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
  const Pattern *p = &patterns[day->pattern];
  guint first = d->appointments->len;
  int t = p->start;

  if (d->appointments->len >= d->target
      || overlaps_blocked (d, (int) clinician_of (day->team, p), day->julian, p->start, p->end))
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
  const Pattern *px = &patterns[x->pattern];
  const Pattern *py = &patterns[y->pattern];
  guint cx = clinician_of (x->team, px);
  guint cy = clinician_of (y->team, py);

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

  date_of_julian (from, &lo);
  date_of_julian (to, &hi);
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

/* Setting up {{{1 */

/* The patterns as recurrences from a far-off Monday, so that fortnightly
 * clinics keep their weeks however far back the diary goes. */
static void
make_rules (Diary *d)
{
  guint32 anchor = julian_of_dmy (1, 1, EARLIEST_YEAR);
  GDate end;

  anchor -= weekday_of (anchor) - 1;
  date_of_julian (d->last_day, &end);
  d->rules = g_new0 (HarleyRecurrence *, d->n_teams * N_PATTERNS);
  for (guint t = 0; t < d->n_teams; t++)
    for (guint p = 0; p < N_PATTERNS; p++)
      {
        const Pattern *pattern = &patterns[p];
        GDateWeekday weekday = team_weekday (pattern->weekday, t);
        HarleyRecurrence *r;
        GDate start;

        /* Teams share the fortnights in turn. */
        date_of_julian (anchor + (weekday - 1) + 7 * ((pattern->phase + t / 5) % 2), &start);
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
      sqlite3_bind_text (stmt, 1, type_names[i], -1, SQLITE_STATIC);
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
  d->now = moment (d->today, minute);
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
static gboolean
write_clinicians (Diary   *d,
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
static gboolean
write_places (Diary   *d,
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

  date_of_julian (julian, &date);
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
  const Pattern *pattern = &patterns[p];
  g_autoptr(GArray) dates = NULL;
  GDate from, to;
  char first[11], last[11];

  /* Stored from its first clinic in the diary, which keeps its weeks. */
  date_of_julian (d->first_day, &from);
  date_of_julian (d->first_day + 62, &to);
  dates = harley_recurrence_expand (rule, &from, &to);
  if (dates->len == 0)
    return TRUE;
  format_date (g_date_get_julian (&g_array_index (dates, GDate, 0)), first);
  format_date (d->last_day, last);
  sqlite3_bind_int64 (stmt, 1, d->clinician_ids[clinician_of (team, pattern)]);
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

static gboolean
write_sessions (Diary   *d,
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
static gboolean
write_blocked (Diary   *d,
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
  date_of_julian (julian, &date);
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

static const char *
reason_of (const Appointment *a)
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
  const char *type = type_names[a->type];
  const char *by = secretaries[a->by];
  gint64 patient_id = d->patient_ids[a->patient];
  gint64 start = moment (a->julian, a->start);
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
      format_utc (d, arrival (d, a, start - a->booked_before), arrived_at);
      if (!write_event (d, w, id, patient_id, arrived_at, by, summary, error))
        return FALSE;
    }
  if (reason_of (a) != NULL)
    g_snprintf (summary, sizeof summary, "%s: %s, %s (%s)", harley_appointment_status_label (status), type, when,
                reason_of (a));
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
  gint64 start = moment (a->julian, a->start);
  gint64 id;
  guint n_notes = type_notes[a->type].n_notes;
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
  if (reason_of (a) != NULL)
    sqlite3_bind_text (stmt, 8, reason_of (a), -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 8);
  sqlite3_bind_int (stmt, 9, a->overbooked);
  if (a->note > 0 && a->note <= n_notes)
    sqlite3_bind_text (stmt, 10, type_notes[a->type].notes[a->note - 1], -1, SQLITE_STATIC);
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
static gboolean
write_diary (Diary   *d,
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

  if (!write_clinicians (d, error) || !write_places (d, error) || !load_types (d, error)
      || !load_patients (d, error))
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
  return write_sessions (d, error) && write_blocked (d, error) && write_diary (d, error);
}
