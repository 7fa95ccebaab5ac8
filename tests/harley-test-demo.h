/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by test-demo.c and test-demo-samples.c: a fresh database
 * filled with the demo at the tests' "now", and queries on it. */

#include "harley-demo.h"
#include "harley-test-util.h"

#define N_PATIENTS 500
#define SEED       7

/* The diary is laid out around "now"; the tests give it this one, a
 * Tuesday in British Summer Time a fortnight before the clocks go back,
 * so that a year of appointments spans both clock changes. */
#define NOW_UTC        "2025-10-14T11:20:00Z"
#define NOW_LOCAL      "2025-10-14 12:20"

typedef HarleyTestDb Fixture;

#define fixture_set_up harley_test_db_set_up
#define fixture_tear_down harley_test_db_tear_down

static inline GDateTime *
test_now (void)
{
  return g_date_time_new_from_iso8601 (NOW_UTC, NULL);
}

static inline void
fill_full (HarleyStore *store,
           guint        n_patients,
           guint        n_appointments,
           guint32      seed)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_demo_fill_full (store, n_patients, n_appointments, seed, now, &error));
  g_assert_no_error (error);
}

/* The default demo, at the tests' "now". */
static inline void
fill (HarleyStore *store,
      guint        n,
      guint32      seed)
{
  fill_full (store, n, HARLEY_DEMO_DEFAULT_APPOINTMENTS, seed);
}

static inline gint64
query_int (HarleyStore *store,
           const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (harley_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}
