/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The demo diary's internals, shared by its two halves:
 * harley-demo-diary.c lays the diary out in memory, and
 * harley-demo-diary-write.c writes it to the store. Here are the kinds
 * of place, clinic and appointment, the tables both read, the
 * generator's state, and the few functions one half calls in the
 * other. Only those two files include this header, hence its short
 * type names. */

#include <glib.h>

#include "harley-demo-private.h"
#include "harley-recurrence.h"

G_BEGIN_DECLS

#define SLOT_MINUTES        15
#define MINUTES_PER_DAY     (24 * 60)

/* The tables */

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

typedef enum
{
  TYPE_NEW,
  TYPE_FOLLOW_UP,
  TYPE_PROCEDURE,
  TYPE_TELEPHONE,
  TYPE_RESULTS,
  N_TYPES,
} TypeIndex;

typedef struct
{
  const char * const *notes;
  guint               n_notes;
} TypeNotes;

/* In harley-demo-diary.c. The patterns have a constant length, which
 * it asserts, as G_N_ELEMENTS() cannot measure an array declared here
 * without one. */
#define N_PATTERNS 7

extern const Pattern _harley_demo_diary_patterns[];  /* N_PATTERNS */
extern const char * const _harley_demo_diary_type_names[N_TYPES];
extern const TypeNotes _harley_demo_diary_type_notes[N_TYPES];

/* The generator's state */

typedef enum
{
  BLOCK_HOLIDAY,
  BLOCK_THEATRE,
  BLOCK_ADMIN,
} BlockReason;

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

/* In harley-demo-diary.c */
void        _harley_demo_diary_date_of_julian   (guint32             julian,
                                                 GDate              *date);
guint       _harley_demo_diary_clinician_of     (guint               team,
                                                 const Pattern      *pattern);
gint64      _harley_demo_diary_moment           (guint32             julian,
                                                 int                 minute);
gint64      _harley_demo_diary_arrival          (Diary              *d,
                                                 const Appointment  *a,
                                                 gint64              booked);
const char *_harley_demo_diary_reason_of        (const Appointment  *a);

/* In harley-demo-diary-write.c: the clinicians and the rooms before
 * the diary is laid out, the rest after. */
gboolean    _harley_demo_diary_write_clinicians (Diary              *d,
                                                 GError            **error);
gboolean    _harley_demo_diary_write_places     (Diary              *d,
                                                 GError            **error);
gboolean    _harley_demo_diary_write_sessions   (Diary              *d,
                                                 GError            **error);
gboolean    _harley_demo_diary_write_blocked    (Diary              *d,
                                                 GError            **error);
gboolean    _harley_demo_diary_write_diary      (Diary              *d,
                                                 GError            **error);

G_END_DECLS
