/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-sample"

/* The worklists that keep every sample in sight until the patient is
 * told: outstanding (taken or sent, no result yet), to review, to tell,
 * and the results that came for no sample on file. Each is counted and
 * listed by SQLite in one range of an index of migration 005, so that
 * the sidebar's counts and a list of 100,000 samples' worth open within
 * a frame; tests/test-sample.c checks each plan with EXPLAIN QUERY PLAN. */

#include <glib/gi18n-lib.h>

#include "harley-diary-private.h"
#include "harley-sample-private.h"

typedef struct
{
  const char *label;
  const char *count;
  const char *list;
} Worklist;

static const Worklist worklists[HARLEY_SAMPLES_N_WORKLISTS] = {
  /* 'sent' sorts before 'taken', and a taken sample has no day due:
   * sample_state gives the sent ones by the day due, so the most overdue
   * come first whatever day it is, then those not yet sent, the longest
   * waiting first. */
  [HARLEY_SAMPLES_OUTSTANDING] = { N_("Outstanding"),
    "SELECT count(*) FROM sample WHERE state IN ('sent', 'taken')",
    "SELECT id FROM sample WHERE state IN ('sent', 'taken') ORDER BY state, expected_by, taken_on, id" },
  [HARLEY_SAMPLES_TO_REVIEW] = { N_("To Review"),
    "SELECT count(*) FROM sample WHERE state = 'received'",
    "SELECT id FROM sample WHERE state = 'received' ORDER BY updated_at, id" },
  [HARLEY_SAMPLES_TO_TELL] = { N_("To Tell"),
    "SELECT count(*) FROM sample WHERE state = 'reviewed'",
    "SELECT id FROM sample WHERE state = 'reviewed' ORDER BY updated_at, id" },
  [HARLEY_SAMPLES_UNMATCHED] = { N_("Unmatched Results"),
    "SELECT count(*) FROM result WHERE sample_id IS NULL",
    "SELECT id FROM result WHERE sample_id IS NULL ORDER BY received_on, id" },
};

static const char count_overdue_sql[] = "SELECT count(*) FROM sample WHERE state = 'sent' AND expected_by < ?";

/**
 * _harley_sample_worklist_sql:
 * @worklist: a worklist, or %HARLEY_SAMPLES_N_WORKLISTS for the count
 *   of the overdue
 * @count: %TRUE for the count's statement, %FALSE for the list's
 *
 * For the tests and the benchmark, which read these statements' plans.
 *
 * Returns: (transfer none): the SQL
 */
const char *
_harley_sample_worklist_sql (HarleySampleWorklist worklist,
                             gboolean             count)
{
  g_return_val_if_fail (worklist <= HARLEY_SAMPLES_N_WORKLISTS, NULL);

  if (worklist == HARLEY_SAMPLES_N_WORKLISTS)
    return count_overdue_sql;
  return count ? worklists[worklist].count : worklists[worklist].list;
}

const char *
harley_sample_worklist_label (HarleySampleWorklist worklist)
{
  g_return_val_if_fail (worklist < HARLEY_SAMPLES_N_WORKLISTS, NULL);
  return _(worklists[worklist].label);
}

static guint
count (HarleyStore *store,
       const char  *sql,
       const char  *parameter)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, sql, NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  if (parameter != NULL)
    sqlite3_bind_text (stmt, 1, parameter, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/**
 * harley_sample_worklist_count:
 *
 * Returns: how many samples (or, for %HARLEY_SAMPLES_UNMATCHED, results)
 *   are on @worklist now
 */
guint
harley_sample_worklist_count (HarleyStore          *store,
                              HarleySampleWorklist  worklist)
{
  g_return_val_if_fail (HARLEY_IS_STORE (store), 0);
  g_return_val_if_fail (worklist < HARLEY_SAMPLES_N_WORKLISTS, 0);

  return count (store, worklists[worklist].count, NULL);
}

/**
 * harley_sample_count_overdue:
 * @today: (nullable): the day it is, or %NULL for today in London
 *
 * Returns: how many samples were sent and are past their day due with
 *   no result: the first of the outstanding list
 */
guint
harley_sample_count_overdue (HarleyStore *store,
                             const GDate *today)
{
  g_autofree char *iso = NULL;
  GDate day;

  g_return_val_if_fail (HARLEY_IS_STORE (store), 0);

  if (today == NULL || !g_date_valid (today))
    {
      g_autofree char *now = harley_store_now ();

      _harley_sample_today_of (now, &day);
      today = &day;
    }
  iso = _harley_diary_date_iso (today);
  return count (store, count_overdue_sql, iso);
}

/**
 * harley_sample_worklist_list:
 * @today: (nullable): the day it is; the order needs none, as the
 *   outstanding list goes by the day due, so the overdue come first
 *   whatever day it is
 *
 * Returns: (transfer full) (element-type gint64): the ids on @worklist
 *   (results' for %HARLEY_SAMPLES_UNMATCHED, else samples'): outstanding
 *   overdue first, the oldest due first, then the others sent by their
 *   day due, then those not yet sent by the day taken; the others the
 *   longest waiting first
 */
GArray *
harley_sample_worklist_list (HarleyStore           *store,
                             HarleySampleWorklist   worklist,
                             const GDate           *today,
                             GError               **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);
  g_return_val_if_fail (worklist < HARLEY_SAMPLES_N_WORKLISTS, NULL);

  if ((stmt = harley_store_prepare (store, worklists[worklist].list, error)) == NULL)
    return NULL;
  return harley_store_read_ids (store, stmt, error);
}
