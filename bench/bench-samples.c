/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-samples"

/* The samples' worklists at 100,000 samples, without a display.
 *
 * The database: if DATABASE has no samples, it is made first, once: a
 * demo practice of 20,000 patients (no diary), then 100,000 samples
 * taken over ten years, about 27 a day, written straight into the
 * tables in one transaction (the rows, not their history, which the
 * worklists never read): each as far as its age allows at its
 * laboratory's turnaround (2, 5 or 10 working days), a few per hundred
 * late and a few per thousand never back (the overdue), one in a
 * hundred cancelled or lost, 30 results for no sample on file.
 *
 * For each worklist, what the window does when it opens it: the count
 * (harley_sample_worklist_count()), the ids
 * (harley_sample_worklist_list()) and the first page of samples
 * (harley_sample_load() for the first 30), against the floor: the same
 * index ranges read bare (count(*) and the ids with INDEXED BY, no
 * ORDER BY) and the same 30 rows read by id with SELECT *. And the
 * sidebar's counts: the four worklists and the overdue, against the
 * bare counts. In turns on one connection, after warm-up rounds. It
 * prints the plan of each worklist's statements and whether all are
 * covering index searches.
 *
 *   bench-samples [--rounds 200] [--samples 100000] DATABASE
 */

#include <string.h>

#include "harley-bench-stats.h"
#include "harley-demo.h"
#include "harley-sample-private.h"

#define SEED       20251124
#define PATIENTS   20000
#define YEARS      10
#define PAGE       30
#define WARM_UPS   10
#define UNMATCHED  30

typedef struct
{
  const char *name;
  const char *count;      /* the floor's count */
  const char *ids[2];     /* the floor's ranges, in the list's order */
} Floor;

static const Floor floors[HARLEY_SAMPLES_N_WORKLISTS] = {
  [HARLEY_SAMPLES_OUTSTANDING] = { "outstanding",
    "SELECT count(*) FROM sample INDEXED BY sample_state WHERE state IN ('sent', 'taken')",
    { "SELECT id FROM sample INDEXED BY sample_state WHERE state = 'sent'",
      "SELECT id FROM sample INDEXED BY sample_state WHERE state = 'taken'" } },
  [HARLEY_SAMPLES_TO_REVIEW] = { "to_review",
    "SELECT count(*) FROM sample INDEXED BY sample_step WHERE state = 'received'",
    { "SELECT id FROM sample INDEXED BY sample_step WHERE state = 'received'", NULL } },
  [HARLEY_SAMPLES_TO_TELL] = { "to_tell",
    "SELECT count(*) FROM sample INDEXED BY sample_step WHERE state = 'reviewed'",
    { "SELECT id FROM sample INDEXED BY sample_step WHERE state = 'reviewed'", NULL } },
  [HARLEY_SAMPLES_UNMATCHED] = { "unmatched",
    "SELECT count(*) FROM result INDEXED BY result_unmatched WHERE sample_id IS NULL",
    { "SELECT id FROM result INDEXED BY result_unmatched WHERE sample_id IS NULL", NULL } },
};

static const char floor_overdue[] =
  "SELECT count(*) FROM sample INDEXED BY sample_state WHERE state = 'sent' AND expected_by < ?";

static char *
iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date), (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

static GArray *
new_samples (void)
{
  return g_array_new (FALSE, FALSE, sizeof (double));
}

static void
add_sample (GArray *samples,
            double  value)
{
  g_array_append_val (samples, value);
}

static sqlite3_stmt *
prepare (HarleyStore *store,
         const char  *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = harley_store_prepare (store, sql, &error);

  if (stmt == NULL)
    g_error ("%s: %s", sql, error->message);
  return stmt;
}

static gint64
count_of (HarleyStore *store,
          const char  *sql)
{
  sqlite3_stmt *stmt = prepare (store, sql);
  gint64 n = -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* The database {{{1 */

typedef struct
{
  HarleyStore  *store;
  GRand        *rand;
  GDate         today;
  gint64        labs[3];
  int           turnaround[3];
  sqlite3_stmt *insert_sample;
  sqlite3_stmt *insert_result;
} Maker;

static gint64
add_lab (Maker      *m,
         const char *name,
         int         days)
{
  sqlite3_stmt *stmt = prepare (m->store, "INSERT INTO contact (kind, name, turnaround_days, created_at, updated_at) "
                                          "VALUES ('laboratory', ?, ?, '2016-01-01T09:00:00Z', '2016-01-01T09:00:00Z')");

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, days);
  if (!harley_store_step_done (m->store, stmt, NULL))
    g_error ("Adding a laboratory failed");
  return sqlite3_last_insert_rowid (harley_store_get_db (m->store));
}

static void
bind_date (sqlite3_stmt *stmt,
           int           column,
           const GDate  *date)
{
  if (date != NULL)
    sqlite3_bind_text (stmt, column, iso (date), -1, g_free);
  else
    sqlite3_bind_null (stmt, column);
}

/* When it happened: the day, at a time that keeps the order of steps. */
static char *
stamp (const GDate *date,
       int          hour)
{
  g_autofree char *day = iso (date);

  return g_strdup_printf ("%sT%02d:%02d:00Z", day, hour, (hour * 7) % 60);
}

typedef struct
{
  const char *state;
  GDate       taken, sent, due, received;
  gboolean    is_sent, is_received;
  guint       lab;
} Row;

/* How far a sample taken @age days ago has got. */
static void
plan_row (Maker *m,
          Row   *r,
          int    age)
{
  int late = 0;
  int since;

  r->lab = g_rand_int_range (m->rand, 0, 3);
  r->taken = m->today;
  g_date_subtract_days (&r->taken, age);
  r->sent = r->taken;
  r->due = r->taken;
  harley_date_add_working_days (&r->due, m->turnaround[r->lab]);
  r->is_sent = age > 0 || g_rand_boolean (m->rand);
  r->is_received = FALSE;
  if (g_rand_int_range (m->rand, 0, 1000) < 3)
    late = 100000;                                    /* never back: overdue for ever */
  else if (g_rand_int_range (m->rand, 0, 100) < 3)
    late = g_rand_int_range (m->rand, 3, 25);         /* the laboratory is late */
  r->received = r->due;
  g_date_add_days (&r->received, late);
  if (!r->is_sent)
    r->state = "taken";
  else if (age > 30 && g_rand_int_range (m->rand, 0, 100) < 1)
    r->state = g_rand_boolean (m->rand) ? "cancelled" : "lost";
  else if (g_date_compare (&r->received, &m->today) > 0)
    r->state = "sent";
  else
    {
      r->is_received = TRUE;
      since = g_date_days_between (&r->received, &m->today);
      r->state = since < 2 ? "received" : since < 5 ? "reviewed" : since < 9 ? "informed" : "closed";
    }
}

static void
write_result (Maker      *m,
              gint64      sample_id,
              const Row  *r)
{
  sqlite3_stmt *stmt = m->insert_result;
  g_autofree char *at = stamp (&r->received, 9);

  if (sample_id > 0)
    sqlite3_bind_int64 (stmt, 1, sample_id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, m->labs[r->lab]);
  bind_date (stmt, 3, &r->received);
  sqlite3_bind_text (stmt, 4, "Seborrhoeic keratosis. No dysplasia.", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, at, -1, SQLITE_TRANSIENT);
  if (!harley_store_step_done (m->store, stmt, NULL))
    g_error ("Writing a result failed: %s", sqlite3_errmsg (harley_store_get_db (m->store)));
}

static void
write_sample (Maker  *m,
              gint64  patient_id,
              int     age)
{
  sqlite3_stmt *stmt = m->insert_sample;
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  gboolean reviewed, informed;
  Row r;

  plan_row (m, &r, age);
  reviewed = r.is_received && g_strcmp0 (r.state, "received") != 0;
  informed = reviewed && g_strcmp0 (r.state, "reviewed") != 0;
  created = stamp (&r.taken, 10);
  updated = r.is_received ? stamp (&r.received, informed ? 16 : reviewed ? 14 : 9) : stamp (&r.taken, 16);
  sqlite3_bind_int64 (stmt, 1, patient_id);
  sqlite3_bind_text (stmt, 2, r.lab == 0 ? "histology" : r.lab == 1 ? "blood" : "swab", -1, SQLITE_STATIC);
  bind_date (stmt, 3, &r.taken);
  sqlite3_bind_int64 (stmt, 4, m->labs[r.lab]);
  bind_date (stmt, 5, r.is_sent ? &r.sent : NULL);
  if (r.is_sent)
    sqlite3_bind_text (stmt, 6, "courier", -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 6);
  bind_date (stmt, 7, r.is_sent ? &r.due : NULL);
  sqlite3_bind_text (stmt, 8, r.state, -1, SQLITE_STATIC);
  if (reviewed)
    sqlite3_bind_text (stmt, 9, "none", -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 9);
  sqlite3_bind_text (stmt, 10, reviewed ? updated : NULL, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, informed ? "phone" : NULL, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, informed ? updated : NULL, -1, SQLITE_TRANSIENT);
  if (g_strcmp0 (r.state, "cancelled") == 0 || g_strcmp0 (r.state, "lost") == 0)
    sqlite3_bind_text (stmt, 13, "Not needed", -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 13);
  sqlite3_bind_text (stmt, 14, created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 15, updated, -1, SQLITE_TRANSIENT);
  if (!harley_store_step_done (m->store, stmt, NULL))
    g_error ("Writing a sample failed: %s", sqlite3_errmsg (harley_store_get_db (m->store)));
  if (r.is_received)
    write_result (m, sqlite3_last_insert_rowid (harley_store_get_db (m->store)), &r);
}

static void
make_samples (HarleyStore *store,
              guint        n)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  Maker m = { store, g_rand_new_with_seed (SEED) };
  int days = YEARS * 365;
  Row unmatched = { 0 };

  g_date_clear (&m.today, 1);
  g_date_set_dmy (&m.today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if (!harley_demo_fill_full (store, PATIENTS, 0, SEED, NULL, &error))
    g_error ("The demo practice failed: %s", error->message);
  if (!harley_store_begin (store, &error))
    g_error ("%s", error->message);
  m.turnaround[0] = 10;
  m.turnaround[1] = 2;
  m.turnaround[2] = 5;
  m.labs[0] = add_lab (&m, "Bench Histopathology", 10);
  m.labs[1] = add_lab (&m, "Bench Blood Sciences", 2);
  m.labs[2] = add_lab (&m, "Bench Microbiology", 5);
  m.insert_sample = prepare (store,
    "INSERT INTO sample (patient_id, type, taken_on, lab_id, sent_on, sent_method, expected_by, state, "
    "review_action, reviewed_at, informed_how, informed_at, reason, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  m.insert_result = prepare (store, "INSERT INTO result (sample_id, lab_id, received_on, report, created_at) "
                                    "VALUES (?, ?, ?, ?, ?)");
  /* Oldest first, as they were taken */
  for (guint i = 0; i < n; i++)
    write_sample (&m, 1 + g_rand_int_range (m.rand, 0, PATIENTS), days - (int) ((gint64) i * days / n));
  for (guint i = 0; i < UNMATCHED; i++)
    {
      unmatched.received = m.today;
      g_date_subtract_days (&unmatched.received, i);
      write_result (&m, 0, &unmatched);
    }
  if (!harley_store_commit (store, &error))
    g_error ("%s", error->message);
  g_rand_free (m.rand);
}

/* The floor {{{1 */

static void
read_ids (HarleyStore *store,
          const char  *sql,
          GArray      *ids)
{
  sqlite3_stmt *stmt = prepare (store, sql);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
}

/* The first page's rows, as they are stored. */
static void
read_rows (HarleyStore *store,
           const char  *sql,
           GArray      *ids)
{
  sqlite3_stmt *stmt = prepare (store, sql);

  for (guint i = 0; i < MIN (ids->len, PAGE); i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          sqlite3_column_text (stmt, c);
      sqlite3_reset (stmt);
    }
}

static double
open_floor (HarleyStore          *store,
            HarleySampleWorklist  w,
            guint                *rows)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  double start = harley_bench_now_ms ();

  *rows = (guint) count_of (store, floors[w].count);
  for (guint i = 0; i < G_N_ELEMENTS (floors[w].ids) && floors[w].ids[i] != NULL; i++)
    read_ids (store, floors[w].ids[i], ids);
  read_rows (store, w == HARLEY_SAMPLES_UNMATCHED ? "SELECT * FROM result WHERE id = ?"
                                                  : "SELECT * FROM sample WHERE id = ?", ids);
  return harley_bench_now_ms () - start;
}

static double
sidebar_floor (HarleyStore *store,
               const char  *today)
{
  double start = harley_bench_now_ms ();
  sqlite3_stmt *stmt;

  for (HarleySampleWorklist w = 0; w < HARLEY_SAMPLES_N_WORKLISTS; w++)
    count_of (store, floors[w].count);
  stmt = prepare (store, floor_overdue);
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return harley_bench_now_ms () - start;
}

/* Harley's path {{{1 */

static double
open_harley (HarleyStore          *store,
             HarleySampleWorklist  w,
             const GDate          *today,
             guint                *rows)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  double start = harley_bench_now_ms ();

  *rows = harley_sample_worklist_count (store, w);
  ids = harley_sample_worklist_list (store, w, today, &error);
  if (ids == NULL)
    g_error ("Listing failed: %s", error->message);
  for (guint i = 0; i < MIN (ids->len, PAGE); i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (w == HARLEY_SAMPLES_UNMATCHED)
        harley_result_free (harley_result_load (store, id, NULL));
      else
        harley_sample_free (harley_sample_load (store, id, NULL));
    }
  return harley_bench_now_ms () - start;
}

static double
sidebar_harley (HarleyStore *store,
                const GDate *today)
{
  double start = harley_bench_now_ms ();

  for (HarleySampleWorklist w = 0; w < HARLEY_SAMPLES_N_WORKLISTS; w++)
    harley_sample_worklist_count (store, w);
  harley_sample_count_overdue (store, today);
  return harley_bench_now_ms () - start;
}

/* Plans {{{1 */

static gboolean
plan_is_covering_search (HarleyStore *store,
                         const char  *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  sqlite3_stmt *stmt = NULL;
  gboolean good = TRUE;

  if (sqlite3_prepare_v2 (harley_store_get_db (store), explain, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("EXPLAIN failed: %s", sqlite3_errmsg (harley_store_get_db (store)));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *detail = (const char *) sqlite3_column_text (stmt, 3);

      g_print ("# plan: %s: %s\n", sql, detail);
      good &= strstr (detail, "SEARCH") != NULL && strstr (detail, "COVERING INDEX") != NULL
              && strstr (detail, "TEMP B-TREE") == NULL;
    }
  sqlite3_finalize (stmt);
  return good;
}

/* main {{{1 */

static void
measure (HarleyStore *store,
         int          rounds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today_iso = NULL;
  GArray *harley[HARLEY_SAMPLES_N_WORKLISTS];
  GArray *floor[HARLEY_SAMPLES_N_WORKLISTS];
  g_autoptr(GArray) side_harley = new_samples ();
  g_autoptr(GArray) side_floor = new_samples ();
  guint rows[HARLEY_SAMPLES_N_WORKLISTS] = { 0 };
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
  today_iso = iso (&today);
  for (HarleySampleWorklist w = 0; w < HARLEY_SAMPLES_N_WORKLISTS; w++)
    {
      harley[w] = new_samples ();
      floor[w] = new_samples ();
    }
  for (int r = 0; r < WARM_UPS + rounds; r++)
    {
      gboolean measured = r >= WARM_UPS;

      for (HarleySampleWorklist w = 0; w < HARLEY_SAMPLES_N_WORKLISTS; w++)
        {
          guint floor_rows = 0;
          double a = r % 2 ? open_floor (store, w, &floor_rows) : open_harley (store, w, &today, &rows[w]);
          double b = r % 2 ? open_harley (store, w, &today, &rows[w]) : open_floor (store, w, &floor_rows);

          if (measured)
            {
              add_sample (harley[w], r % 2 ? b : a);
              add_sample (floor[w], r % 2 ? a : b);
            }
          if (floor_rows != rows[w])
            g_error ("%s: Harley counts %u, the floor %u", floors[w].name, rows[w], floor_rows);
        }
      if (measured)
        {
          add_sample (side_harley, sidebar_harley (store, &today));
          add_sample (side_floor, sidebar_floor (store, today_iso));
        }
    }
  for (HarleySampleWorklist w = 0; w < HARLEY_SAMPLES_N_WORKLISTS; w++)
    {
      g_autofree char *metric = g_strdup_printf ("samples_%s", floors[w].name);
      g_autofree char *floor_metric = g_strdup_printf ("samples_%s_floor", floors[w].name);
      g_autofree char *count_metric = g_strdup_printf ("samples_%s_rows", floors[w].name);

      harley_bench_print_count (count_metric, rows[w]);
      harley_bench_print_timings (metric, harley[w]);
      harley_bench_print_timings (floor_metric, floor[w]);
      g_array_unref (harley[w]);
      g_array_unref (floor[w]);
    }
  harley_bench_print_count ("samples_overdue_rows", harley_sample_count_overdue (store, &today));
  harley_bench_print_timings ("samples_sidebar", side_harley);
  harley_bench_print_timings ("samples_sidebar_floor", side_floor);
}

int
main (int    argc,
      char **argv)
{
  int rounds = 200;
  int n_samples = 100000;
  const GOptionEntry entries[] = {
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Measured rounds of each worklist (200)", "N" },
    { "samples", 0, 0, G_OPTION_ARG_INT, &n_samples, "Samples in a database made anew (100000)", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DATABASE");
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean covering = TRUE;
  double start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || rounds < 1 || n_samples < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Usage: bench-samples [--rounds N] [--samples N] DATABASE");
      return 2;
    }
  if ((store = harley_store_open (argv[1], &error)) == NULL)
    g_error ("%s", error->message);
  if (count_of (store, "SELECT count(*) FROM sample") == 0)
    {
      start = harley_bench_now_ms ();
      make_samples (store, (guint) n_samples);
      harley_bench_print ("samples_make_s", (harley_bench_now_ms () - start) / 1e3);
    }
  harley_bench_print_count ("samples", count_of (store, "SELECT count(*) FROM sample"));
  harley_bench_print_count ("samples_results", count_of (store, "SELECT count(*) FROM result"));
  /* Each worklist's count and list, then the count of the overdue */
  for (HarleySampleWorklist w = 0; w <= HARLEY_SAMPLES_N_WORKLISTS; w++)
    for (int count = 0; count <= (w < HARLEY_SAMPLES_N_WORKLISTS); count++)
      covering &= plan_is_covering_search (store, _harley_sample_worklist_sql (w, count || w == HARLEY_SAMPLES_N_WORKLISTS));
  harley_bench_print_count ("samples_plans_covering_search", covering);
  measure (store, rounds);
  return 0;
}
