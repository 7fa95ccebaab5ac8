/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_SAMPLE_ERROR (harley_sample_error_quark ())

typedef enum
{
  HARLEY_SAMPLE_ERROR_INVALID,     /* bad input: what is wrong and what to do */
  HARLEY_SAMPLE_ERROR_NOT_FOUND,
  HARLEY_SAMPLE_ERROR_STATE,       /* a step that may not be taken from where the sample is */
  HARLEY_SAMPLE_ERROR_CONSENT,     /* a message left where the patient has not agreed to it */
  HARLEY_SAMPLE_ERROR_TAMPERED,    /* a stored report no longer matches its SHA-256 */
} HarleySampleError;

typedef enum
{
  HARLEY_SAMPLE_HISTOLOGY,         /* histology / skin biopsy */
  HARLEY_SAMPLE_BLOOD,
  HARLEY_SAMPLE_SWAB,
  HARLEY_SAMPLE_SCRAPINGS,
  HARLEY_SAMPLE_OTHER,
  HARLEY_SAMPLE_N_TYPES,
} HarleySampleType;

/* taken → sent → received → reviewed → informed → closed; or cancelled
 * or lost, with a reason, from taken or sent. No step is skipped. */
typedef enum
{
  HARLEY_SAMPLE_TAKEN,
  HARLEY_SAMPLE_SENT,
  HARLEY_SAMPLE_RECEIVED,
  HARLEY_SAMPLE_REVIEWED,
  HARLEY_SAMPLE_INFORMED,
  HARLEY_SAMPLE_CLOSED,
  HARLEY_SAMPLE_CANCELLED,
  HARLEY_SAMPLE_LOST,
  HARLEY_SAMPLE_N_STATES,
} HarleySampleState;

typedef enum
{
  HARLEY_SEND_COURIER,
  HARLEY_SEND_POST,
  HARLEY_SEND_INTERNAL,
  HARLEY_SEND_N_METHODS,
} HarleySendMethod;

/* What the clinician decides on reviewing a result */
typedef enum
{
  HARLEY_REVIEW_NO_ACTION,
  HARLEY_REVIEW_LETTER,
  HARLEY_REVIEW_APPOINTMENT,
  HARLEY_REVIEW_PROCEDURE,
  HARLEY_REVIEW_REFER,
  HARLEY_REVIEW_N_ACTIONS,
} HarleyReviewAction;

typedef enum
{
  HARLEY_INFORMED_PHONE,
  HARLEY_INFORMED_LETTER,
  HARLEY_INFORMED_IN_PERSON,
  HARLEY_INFORMED_EMAIL,
  HARLEY_INFORMED_N_WAYS,
} HarleyInformedHow;

typedef enum
{
  HARLEY_CALL_SPOKE,               /* spoke to the patient (or the laboratory) */
  HARLEY_CALL_MESSAGE,             /* left a message: only where consent allows */
  HARLEY_CALL_NO_ANSWER,
  HARLEY_CALL_WRONG_NUMBER,
  HARLEY_CALL_N_OUTCOMES,
} HarleyCallOutcome;

/* A sample as stored. Dates are "YYYY-MM-DD" (NULL when not yet set);
 * time stamps ISO 8601 UTC. */
typedef struct
{
  gint64              id;
  gint64              patient_id;
  gint64              appointment_id;   /* 0: none */
  gint64              lab_id;           /* 0: not chosen yet */
  gint64              result_id;        /* 0: no result yet */
  HarleySampleType    type;
  HarleySampleState   state;
  char               *site;             /* body site, "left cheek" */
  char               *description;
  char               *taken_on;
  char               *taken_by;
  char               *lab_reference;
  char               *sent_on;
  HarleySendMethod    sent_method;      /* when sent_on is set */
  char               *expected_by;
  HarleyReviewAction  review_action;    /* when reviewed */
  char               *review_note;
  char               *reviewed_by;
  char               *reviewed_at;
  HarleyInformedHow   informed_how;     /* when informed */
  char               *informed_by;
  char               *informed_at;
  char               *reason;           /* cancelled or lost */
  char               *notes;
  char               *created_at;
  char               *updated_at;
} HarleySample;

/* What is known when a sample is taken. */
typedef struct
{
  gint64            patient_id;
  gint64            appointment_id;     /* 0: none */
  HarleySampleType  type;
  const char       *site;
  const char       *description;
  GDate             taken_on;           /* must be set, not in the future */
  const char       *taken_by;
  gint64            lab_id;             /* 0: chosen when sent */
  const char       *notes;
} HarleySampleNew;

/* A result as it arrives: for a sample, or (sample_id 0) for none known,
 * with the patient's details as the laboratory wrote them. */
typedef struct
{
  gint64       sample_id;               /* 0: arrived for no known sample */
  gint64       lab_id;                  /* 0: the sample's laboratory */
  const char  *lab_reference;
  const char  *patient_details;         /* for matching an unmatched result */
  GDate        received_on;
  const char  *report;                  /* the report's text */
  gboolean     abnormal;
  GBytes      *attachment;              /* nullable: the laboratory's PDF or image */
  const char  *attachment_type;         /* "application/pdf", "image/png", "image/jpeg" */
  const char  *attachment_name;
} HarleyResultNew;

typedef struct
{
  gint64    id;
  gint64    sample_id;                  /* 0: not matched yet */
  gint64    lab_id;
  char     *lab_reference;
  char     *patient_details;
  char     *received_on;
  char     *report;
  gboolean  abnormal;
  gboolean  has_attachment;
  char     *attachment_type;
  char     *attachment_name;
  char     *created_at;
} HarleyResult;

/* A line of a sample's history, as harley_sample_list_events() reads it */
typedef struct
{
  char  *at;                            /* ISO 8601 UTC */
  char  *by;                            /* who was using Harley */
  char  *summary;                       /* "Histology (skin biopsy), left cheek: sent to …" */
} HarleySampleEvent;

/* A call as stored, as harley_sample_list_calls() reads it */
typedef struct
{
  gint64             id;
  char              *at;                /* ISO 8601 UTC */
  char              *by;                /* who made the call */
  HarleyCallOutcome  outcome;
  gint64             patient_id;        /* 0: none; the patient phoned when contact_id is 0 */
  gint64             contact_id;        /* 0: none; the laboratory phoned */
  char              *contact_name;      /* the laboratory's name, or NULL */
  char              *note;              /* nullable */
} HarleyCall;

typedef struct
{
  gint64             patient_id;        /* a call to the patient, or */
  gint64             contact_id;        /* to a laboratory (to chase a result) */
  gint64             sample_id;         /* 0: not about one sample */
  HarleyCallOutcome  outcome;
  const char        *note;
} HarleyCallNew;

GQuark             harley_sample_error_quark         (void);

const char        *harley_sample_type_to_string      (HarleySampleType    type);
gboolean           harley_sample_type_from_string    (const char         *text,
                                                      HarleySampleType   *type);
const char        *harley_sample_type_label          (HarleySampleType    type);
const char        *harley_sample_state_to_string     (HarleySampleState   state);
gboolean           harley_sample_state_from_string   (const char         *text,
                                                      HarleySampleState  *state);
const char        *harley_sample_state_label         (HarleySampleState   state);
const char        *harley_send_method_label          (HarleySendMethod    method);
gboolean           harley_send_method_from_string    (const char         *text,
                                                      HarleySendMethod   *method);
const char        *harley_review_action_label        (HarleyReviewAction  action);
const char        *harley_informed_how_label         (HarleyInformedHow   how);
const char        *harley_call_outcome_label         (HarleyCallOutcome   outcome);
gboolean           harley_call_outcome_from_string   (const char         *text,
                                                      HarleyCallOutcome  *outcome);

/* The life of a sample (harley-sample.c, harley-sample-steps.c). Each
 * step is one transaction that also writes the sample's history and the
 * patient's timeline; a refused step writes nothing. */
gint64             harley_sample_add                 (HarleyStore            *store,
                                                      const HarleySampleNew  *sample,
                                                      GError                **error);
HarleySample      *harley_sample_load                (HarleyStore            *store,
                                                      gint64                  id,
                                                      GError                **error);
gboolean           harley_sample_send                (HarleyStore            *store,
                                                      gint64                  id,
                                                      gint64                  lab_id,
                                                      const GDate            *sent_on,
                                                      HarleySendMethod        method,
                                                      const char             *lab_reference,
                                                      const GDate            *expected_by,
                                                      GError                **error);
gint64             harley_result_add                 (HarleyStore            *store,
                                                      const HarleyResultNew  *result,
                                                      GError                **error);
gboolean           harley_result_match               (HarleyStore            *store,
                                                      gint64                  result_id,
                                                      gint64                  sample_id,
                                                      GError                **error);
gint64             harley_result_file_to_patient     (HarleyStore            *store,
                                                      gint64                  result_id,
                                                      gint64                  patient_id,
                                                      HarleySampleType        type,
                                                      GError                **error);
HarleyResult      *harley_result_load                (HarleyStore            *store,
                                                      gint64                  id,
                                                      GError                **error);
GBytes            *harley_result_get_attachment      (HarleyStore            *store,
                                                      gint64                  result_id,
                                                      GError                **error);
gboolean           harley_sample_review              (HarleyStore            *store,
                                                      gint64                  id,
                                                      HarleyReviewAction      action,
                                                      const char             *note,
                                                      const char             *reviewed_by,
                                                      GError                **error);
gboolean           harley_sample_inform              (HarleyStore            *store,
                                                      gint64                  id,
                                                      HarleyInformedHow       how,
                                                      const char             *informed_by,
                                                      GError                **error);
gboolean           harley_sample_close               (HarleyStore            *store,
                                                      gint64                  id,
                                                      GError                **error);
gboolean           harley_sample_cancel              (HarleyStore            *store,
                                                      gint64                  id,
                                                      gboolean                lost,
                                                      const char             *reason,
                                                      GError                **error);
GArray            *harley_sample_list_for_patient    (HarleyStore            *store,
                                                      gint64                  patient_id,
                                                      GError                **error);
GPtrArray         *harley_sample_list_events         (HarleyStore            *store,
                                                      gint64                  sample_id,
                                                      GError                **error);
void               harley_sample_free                (HarleySample           *sample);
void               harley_sample_event_free          (HarleySampleEvent      *event);
void               harley_result_free                (HarleyResult           *result);

/* When a result is due: the laboratory's turnaround from the day sent,
 * in working days (England and Wales bank holidays and weekends left
 * out) or calendar days. A sample sent and past its expected-by day with
 * no result is overdue. */
void               harley_sample_expected_by         (HarleyStore            *store,
                                                      gint64                  lab_id,
                                                      const GDate            *sent_on,
                                                      GDate                  *expected_by);
gboolean           harley_sample_is_overdue          (const HarleySample     *sample,
                                                      const GDate            *today);
gboolean           harley_date_is_bank_holiday       (const GDate            *date);
void               harley_date_add_working_days      (GDate                  *date,
                                                      guint                   days);

/* Calls (harley-call.c) */
gint64             harley_call_add                   (HarleyStore            *store,
                                                      const HarleyCallNew    *call,
                                                      GError                **error);
guint              harley_sample_count_failed_calls  (HarleyStore            *store,
                                                      gint64                  sample_id);
gboolean           harley_sample_suggests_letter     (HarleyStore            *store,
                                                      gint64                  sample_id);
GPtrArray         *harley_sample_list_calls          (HarleyStore            *store,
                                                      gint64                  sample_id,
                                                      GError                **error);
GPtrArray         *harley_sample_list_patient_calls  (HarleyStore            *store,
                                                      gint64                  patient_id,
                                                      GError                **error);
void               harley_call_free                  (HarleyCall             *call);

/* Worklists (harley-sample-worklists.c): counted and listed by SQLite
 * with indexes, so that 100,000 samples open within a frame. */
typedef enum
{
  HARLEY_SAMPLES_OUTSTANDING,     /* taken or sent, no result: overdue first, then not yet sent */
  HARLEY_SAMPLES_TO_REVIEW,       /* result received, not yet reviewed */
  HARLEY_SAMPLES_TO_TELL,         /* reviewed, the patient not yet told */
  HARLEY_SAMPLES_UNMATCHED,       /* results for no known sample (result ids) */
  HARLEY_SAMPLES_N_WORKLISTS,
} HarleySampleWorklist;

const char        *harley_sample_worklist_label      (HarleySampleWorklist    worklist);
guint              harley_sample_worklist_count      (HarleyStore            *store,
                                                      HarleySampleWorklist    worklist);
guint              harley_sample_count_overdue       (HarleyStore            *store,
                                                      const GDate            *today);
GArray            *harley_sample_worklist_list       (HarleyStore            *store,
                                                      HarleySampleWorklist    worklist,
                                                      const GDate            *today,
                                                      GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleySample, harley_sample_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleySampleEvent, harley_sample_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyResult, harley_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyCall, harley_call_free)

G_END_DECLS
