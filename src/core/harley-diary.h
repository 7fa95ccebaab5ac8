/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-appointment.h"
#include "harley-recurrence.h"
#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_DIARY_ERROR (harley_diary_error_quark ())

/* Why a booking is refused. Each refusal but INVALID, NOT_FOUND and
 * STATUS can be overridden by the matching HarleyBookFlags. */
typedef enum
{
  HARLEY_DIARY_ERROR_INVALID,
  HARLEY_DIARY_ERROR_NOT_FOUND,
  HARLEY_DIARY_ERROR_STATUS,
  HARLEY_DIARY_ERROR_DOUBLE_BOOKED,
  HARLEY_DIARY_ERROR_BLOCKED,
  HARLEY_DIARY_ERROR_IN_PAST,
  HARLEY_DIARY_ERROR_OUTSIDE_SESSION,
  HARLEY_DIARY_ERROR_SAME_DAY,
} HarleyDiaryError;

typedef enum
{
  HARLEY_BOOK_DEFAULT               = 0,
  HARLEY_BOOK_OVERBOOK              = 1 << 0,
  HARLEY_BOOK_ALLOW_BLOCKED         = 1 << 1,
  HARLEY_BOOK_ALLOW_PAST            = 1 << 2,
  HARLEY_BOOK_ALLOW_OUTSIDE_SESSION = 1 << 3,
  HARLEY_BOOK_ALLOW_SAME_DAY        = 1 << 4,
} HarleyBookFlags;

typedef struct
{
  gint64  id;
  char   *name;
  char   *role;
} HarleyClinician;

typedef struct
{
  gint64  id;
  char   *name;
  int     minutes;
  char   *colour;
} HarleyAppointmentType;

/* A place where clinics are held, from the address book. */
typedef struct
{
  gint64  id;
  char   *name;
} HarleyPlace;

/* A booking or move asked for: a local date, start and end in minutes
 * after midnight. location_id 0 takes the session's location. */
typedef struct
{
  gint64       patient_id;
  gint64       clinician_id;
  gint64       location_id;
  gint64       type_id;
  GDate        date;
  int          start;
  int          end;
  const char  *notes;
} HarleyBooking;

/* One day of a clinic session, as drawn and booked. */
typedef struct
{
  gint64  session_id;
  gint64  clinician_id;
  gint64  location_id;
  GDate   date;
  int     start;
  int     end;
  int     slot_minutes;
} HarleySessionDay;

/* A clinic session's pattern, as stored. */
typedef struct
{
  gint64             id;
  gint64             clinician_id;
  gint64             location_id;
  HarleyRecurrence  *recurrence;
  int                start;
  int                end;
  int                slot_minutes;
} HarleySession;

typedef struct
{
  gint64  id;
  gint64  clinician_id;   /* 0: everyone */
  char   *reason;         /* holiday, theatre, admin, other */
  char   *note;
  char   *starts;         /* "YYYY-MM-DD HH:MM" */
  char   *ends;
} HarleyBlockedTime;

typedef enum
{
  HARLEY_PART_OF_DAY_ANY,
  HARLEY_PART_OF_DAY_MORNING,
  HARLEY_PART_OF_DAY_AFTERNOON,
} HarleyPartOfDay;

typedef struct
{
  int               minutes;
  const gint64     *clinician_ids;   /* NULL: any clinician */
  guint             n_clinicians;
  const gint64     *location_ids;    /* NULL: any place */
  guint             n_locations;
  GDate             earliest;
  int               earliest_minute;
  HarleyPartOfDay   part_of_day;
  guint             max_results;
  guint             horizon_days;
} HarleySlotQuery;

typedef struct
{
  gint64  clinician_id;
  gint64  location_id;
  gint64  session_id;
  GDate   date;
  int     start;
  int     end;
} HarleySlot;

GQuark             harley_diary_error_quark          (void);
const char        *harley_diary_user                 (void);

GPtrArray         *harley_diary_list_clinicians      (HarleyStore          *store,
                                                      GError              **error);
gint64             harley_diary_add_clinician        (HarleyStore          *store,
                                                      const char           *name,
                                                      const char           *role,
                                                      GError              **error);
gboolean           harley_diary_rename_clinician     (HarleyStore          *store,
                                                      gint64                id,
                                                      const char           *name,
                                                      GError              **error);
GPtrArray         *harley_diary_list_types           (HarleyStore          *store,
                                                      GError              **error);
gboolean           harley_diary_save_type            (HarleyStore          *store,
                                                      gint64                id,
                                                      const char           *name,
                                                      int                   minutes,
                                                      const char           *colour,
                                                      GError              **error);
gint64             harley_diary_find_type            (HarleyStore          *store,
                                                      const char           *name);
GPtrArray         *harley_diary_list_places          (HarleyStore          *store,
                                                      GError              **error);
void               harley_clinician_free             (HarleyClinician      *clinician);
void               harley_place_free                 (HarleyPlace          *place);
void               harley_appointment_type_free      (HarleyAppointmentType *type);

/* Sessions and blocked time (harley-diary-sessions.c) */
gint64             harley_diary_add_session          (HarleyStore          *store,
                                                      const HarleySession  *session,
                                                      GError              **error);
GPtrArray         *harley_diary_list_session_rules   (HarleyStore          *store,
                                                      gint64                clinician_id,
                                                      GError              **error);
GArray            *harley_diary_list_sessions        (HarleyStore          *store,
                                                      const GDate          *from,
                                                      const GDate          *to,
                                                      GError              **error);
gboolean           harley_diary_change_session_from  (HarleyStore          *store,
                                                      gint64                session_id,
                                                      const GDate          *from_date,
                                                      const HarleySession  *changed,
                                                      GPtrArray           **no_longer_fit,
                                                      GError              **error);
gint64             harley_diary_add_blocked          (HarleyStore          *store,
                                                      gint64                clinician_id,
                                                      const char           *reason,
                                                      const char           *note,
                                                      const char           *starts,
                                                      const char           *ends,
                                                      GError              **error);
GPtrArray         *harley_diary_list_blocked         (HarleyStore          *store,
                                                      const GDate          *from,
                                                      const GDate          *to,
                                                      GError              **error);
const char        *harley_diary_blocked_reason_label (const char           *reason);
void               harley_session_free               (HarleySession        *session);
void               harley_blocked_time_free          (HarleyBlockedTime    *blocked);

/* Appointments (harley-diary-book.c) */
GPtrArray         *harley_diary_list_range           (HarleyStore          *store,
                                                      const GDate          *from,
                                                      const GDate          *to,
                                                      GError              **error);
GPtrArray         *harley_diary_list_for_patient     (HarleyStore          *store,
                                                      gint64                patient_id,
                                                      GError              **error);
HarleyAppointment *harley_diary_load                 (HarleyStore          *store,
                                                      gint64                id,
                                                      GError              **error);
gboolean           harley_diary_check                (HarleyStore          *store,
                                                      const HarleyBooking  *booking,
                                                      gint64                moving_id,
                                                      HarleyBookFlags       flags,
                                                      GError              **error);
gint64             harley_diary_book                 (HarleyStore          *store,
                                                      const HarleyBooking  *booking,
                                                      HarleyBookFlags       flags,
                                                      GError              **error);
gboolean           harley_diary_move                 (HarleyStore          *store,
                                                      gint64                id,
                                                      gint64                clinician_id,
                                                      const GDate          *date,
                                                      int                   start,
                                                      int                   end,
                                                      HarleyBookFlags       flags,
                                                      GError              **error);
gboolean           harley_diary_set_status           (HarleyStore          *store,
                                                      gint64                id,
                                                      HarleyAppointmentStatus status,
                                                      const char           *reason,
                                                      GError              **error);
gboolean           harley_diary_set_notes            (HarleyStore          *store,
                                                      gint64                id,
                                                      const char           *notes,
                                                      GError              **error);
GPtrArray         *harley_diary_list_history         (HarleyStore          *store,
                                                      gint64                id,
                                                      GError              **error);

/* Free slots (harley-diary-slots.c) */
void               harley_slot_query_init            (HarleySlotQuery      *query,
                                                      int                   minutes);
GArray            *harley_diary_find_free            (HarleyStore          *store,
                                                      const HarleySlotQuery *query,
                                                      GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyClinician, harley_clinician_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyAppointmentType, harley_appointment_type_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleySession, harley_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyBlockedTime, harley_blocked_time_free)

G_END_DECLS
