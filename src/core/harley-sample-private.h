/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by harley-sample*.c, harley-call.c and the demo. Each step of a
 * sample's life has an "_at" form that runs inside the caller's
 * transaction (harley_store_begin() does not nest) with the caller's
 * clock: @now is the step's time stamp (ISO 8601 UTC) and "today", for
 * the dates that may not be in the future, is its day in London. The
 * public functions run it in a transaction of their own with the clock;
 * the demo runs it in its one transaction with days in the past, so
 * that demo samples obey the same rules as real ones. */

#include "harley-sample.h"

G_BEGIN_DECLS

/* Two dates of a sample that must come in order: the later first. */
typedef enum
{
  HARLEY_SAMPLE_SENT_AFTER_TAKEN,
  HARLEY_SAMPLE_DUE_AFTER_SENT,
  HARLEY_SAMPLE_RESULT_AFTER_SENT,
} HarleySampleDateOrder;

/* Makes something of the row @stmt is on, for _harley_sample_read_rows() */
typedef gpointer (*HarleySampleFromRow) (sqlite3_stmt *stmt);

/* Stored codes of the enums harley-sample.h only labels */
const char   *_harley_send_method_to_string    (HarleySendMethod    method);
const char   *_harley_review_action_to_string  (HarleyReviewAction  action);
const char   *_harley_informed_how_to_string   (HarleyInformedHow   how);
const char   *_harley_call_outcome_to_string   (HarleyCallOutcome   outcome);

void          _harley_sample_today_of          (const char         *now,
                                                GDate              *today);
char         *_harley_sample_describe          (const HarleySample *sample,
                                                const char         *what);
char         *_harley_sample_dup_contact_name  (HarleyStore        *store,
                                                gint64              contact_id);
gboolean      _harley_sample_add_event         (HarleyStore        *store,
                                                gint64              sample_id,
                                                gint64              patient_id,
                                                const char         *now,
                                                const char         *kind,
                                                const char         *summary,
                                                GError            **error);
gboolean      _harley_sample_step_row          (HarleyStore        *store,
                                                sqlite3_stmt       *stmt,
                                                HarleySampleError   code,
                                                const char         *missing,
                                                GError            **error);
gboolean      _harley_sample_check_exists      (HarleyStore        *store,
                                                const char         *sql,
                                                gint64              id,
                                                HarleySampleError   code,
                                                const char         *missing,
                                                GError            **error);
gboolean      _harley_sample_check_patient     (HarleyStore        *store,
                                                gint64              patient_id,
                                                GError            **error);
gboolean      _harley_sample_check_lab         (HarleyStore        *store,
                                                gint64              lab_id,
                                                GError            **error);
gboolean      _harley_sample_check_date        (const GDate        *date,
                                                const GDate        *today,
                                                const char         *missing,
                                                const char         *future,
                                                GError            **error);
gboolean      _harley_sample_check_order       (const GDate            *date,
                                                const char             *earliest_iso,
                                                HarleySampleDateOrder   order,
                                                GError                **error);
HarleySample *_harley_sample_load_for_step     (HarleyStore        *store,
                                                gint64              id,
                                                HarleySampleState   to,
                                                GError            **error);
gboolean      _harley_sample_finish            (HarleyStore        *store,
                                                gboolean            done,
                                                GError            **error);
GPtrArray    *_harley_sample_read_rows         (HarleyStore         *store,
                                                sqlite3_stmt        *stmt,
                                                HarleySampleFromRow  from_row,
                                                GDestroyNotify       free_func,
                                                GError             **error);

gint64        _harley_sample_add_at            (HarleyStore            *store,
                                                const HarleySampleNew  *sample,
                                                const char             *now,
                                                GError                **error);
gboolean      _harley_sample_send_at           (HarleyStore            *store,
                                                gint64                  id,
                                                gint64                  lab_id,
                                                const GDate            *sent_on,
                                                HarleySendMethod        method,
                                                const char             *lab_reference,
                                                const GDate            *expected_by,
                                                const char             *now,
                                                GError                **error);
gboolean      _harley_sample_review_at         (HarleyStore            *store,
                                                gint64                  id,
                                                HarleyReviewAction      action,
                                                const char             *note,
                                                const char             *reviewed_by,
                                                const char             *now,
                                                GError                **error);
gboolean      _harley_sample_inform_at         (HarleyStore            *store,
                                                gint64                  id,
                                                HarleyInformedHow       how,
                                                const char             *informed_by,
                                                const char             *now,
                                                GError                **error);
gboolean      _harley_sample_close_at          (HarleyStore            *store,
                                                gint64                  id,
                                                const char             *now,
                                                GError                **error);
gboolean      _harley_sample_cancel_at         (HarleyStore            *store,
                                                gint64                  id,
                                                gboolean                lost,
                                                const char             *reason,
                                                const char             *now,
                                                GError                **error);
gint64        _harley_result_add_at            (HarleyStore            *store,
                                                const HarleyResultNew  *result,
                                                const char             *now,
                                                GError                **error);
gboolean      _harley_result_match_at          (HarleyStore            *store,
                                                gint64                  result_id,
                                                gint64                  sample_id,
                                                const char             *now,
                                                GError                **error);
gint64        _harley_result_file_to_patient_at (HarleyStore           *store,
                                                 gint64                 result_id,
                                                 gint64                 patient_id,
                                                 HarleySampleType       type,
                                                 const char            *now,
                                                 GError               **error);
const char   *_harley_sample_worklist_sql      (HarleySampleWorklist    worklist,
                                                gboolean                count);
gint64        _harley_call_add_at              (HarleyStore            *store,
                                                const HarleyCallNew    *call,
                                                const char             *now,
                                                GError                **error);

G_END_DECLS
