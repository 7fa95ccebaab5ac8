/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-diary"

/* The diary without a display, on a large demo diary.
 *
 * Switching weeks: for random weeks (Monday to Sunday) within the
 * diary's appointments, everything the week view reads, that is
 * harley_diary_list_range(), harley_diary_list_sessions() and
 * harley_diary_list_blocked(), against the floor: one prepared range
 * read of the appointment_starts index stepping the week's rows
 * (SELECT id, starts FROM appointment WHERE starts >= ? AND starts < ?).
 *
 * Next free slot: harley_diary_find_free() for a new consultation, ten
 * results, a year ahead, from random dates between today and the last
 * booked appointment (it never offers a time that has passed, so an
 * earlier date would start from now), against the floor: one range read
 * of the appointments between the date asked for and the last slot
 * found, which is what the search must at least look at. The worst
 * case, a length no clinic holds, searches the whole year and finds
 * nothing; its floor reads the year's appointments.
 *
 * Both on the same connection, in turns, after one warm-up round.
 *
 *   bench-diary [--weeks 200] [--searches 100] [--rounds 1] DATABASE
 */

#include <stdlib.h>
#include <string.h>

#include "harley-bench-stats.h"
#include "harley-diary.h"
#include "harley-wall-time.h"

#define SEED          20251124
#define WORST_MINUTES 480
#define WORST_RUNS    5
#define N_SLOWEST     5

typedef struct
{
  GDate   monday;
  double  floor_ms;
  double  harley_ms;
  guint   rows;
} Week;

typedef struct
{
  HarleyStore *store;
  GArray      *weeks;            /* Week */
  GArray      *starts;           /* GDate: find-free start dates */
  int          new_minutes;
  /* measured */
  GArray      *week_floor_ms;
  GArray      *week_harley_ms;
  GArray      *week_range_ms;
  GArray      *week_sessions_ms;
  GArray      *week_blocked_ms;
  GArray      *week_rows;
  GArray      *free_floor_ms;
  GArray      *free_harley_ms;
  GArray      *free_found;
} Bench;

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

/* The floor {{{1 */

/* Steps every appointment starting from @from up to @to (exclusive)
 * through the starts index, as a bare SQLite reader would. */
static guint
read_range (HarleyStore  *store,
            const char   *from,
            const char   *to)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT id, starts FROM appointment "
                                                    "WHERE starts >= ? AND starts < ?", NULL);
  guint rows = 0;
  int rc;

  g_assert (stmt != NULL);
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* Read the columns, as a caller would. */
      if (sqlite3_column_int64 (stmt, 0) < 0 || sqlite3_column_text (stmt, 1) == NULL)
        g_error ("A damaged appointment row");
      rows++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    g_error ("The floor query failed: %s", sqlite3_errmsg (harley_store_get_db (store)));
  return rows;
}

static double
time_week_floor (Bench       *bench,
                 const GDate *monday,
                 guint       *rows)
{
  GDate next = *monday;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  double start;

  g_date_add_days (&next, 7);
  from = iso (monday);
  to = iso (&next);
  start = harley_bench_now_ms ();
  *rows = read_range (bench->store, from, to);
  return harley_bench_now_ms () - start;
}

/* Harley's path {{{1 */

static double
time_week_harley (Bench       *bench,
                  const GDate *monday,
                  gboolean     measured)
{
  g_autoptr(GPtrArray) appointments = NULL;
  g_autoptr(GArray) sessions = NULL;
  g_autoptr(GPtrArray) blocked = NULL;
  g_autoptr(GError) error = NULL;
  GDate sunday = *monday;
  double t0, t1, t2, t3;

  g_date_add_days (&sunday, 6);
  t0 = harley_bench_now_ms ();
  appointments = harley_diary_list_range (bench->store, monday, &sunday, &error);
  t1 = harley_bench_now_ms ();
  if (appointments != NULL)
    sessions = harley_diary_list_sessions (bench->store, monday, &sunday, &error);
  t2 = harley_bench_now_ms ();
  if (sessions != NULL)
    blocked = harley_diary_list_blocked (bench->store, monday, &sunday, &error);
  t3 = harley_bench_now_ms ();
  if (blocked == NULL)
    g_error ("Reading a week failed: %s", error->message);
  if (measured)
    {
      add_sample (bench->week_range_ms, t1 - t0);
      add_sample (bench->week_sessions_ms, t2 - t1);
      add_sample (bench->week_blocked_ms, t3 - t2);
    }
  return t3 - t0;
}

static void
switch_weeks (Bench    *bench,
              gboolean  measured)
{
  for (guint i = 0; i < bench->weeks->len; i++)
    {
      Week *week = &g_array_index (bench->weeks, Week, i);
      double floor_ms, harley_ms;
      guint rows = 0;

      if (i % 2 == 0)
        {
          floor_ms = time_week_floor (bench, &week->monday, &rows);
          harley_ms = time_week_harley (bench, &week->monday, measured);
        }
      else
        {
          harley_ms = time_week_harley (bench, &week->monday, measured);
          floor_ms = time_week_floor (bench, &week->monday, &rows);
        }
      if (!measured)
        continue;
      week->floor_ms = floor_ms;
      week->harley_ms = harley_ms;
      week->rows = rows;
      add_sample (bench->week_floor_ms, floor_ms);
      add_sample (bench->week_harley_ms, harley_ms);
      add_sample (bench->week_rows, rows);
    }
}

/* Next free slot {{{1 */

static void
init_query (HarleySlotQuery *query,
            const GDate     *from,
            int              minutes)
{
  harley_slot_query_init (query, minutes);
  query->earliest = *from;
  query->earliest_minute = 0;
  query->max_results = 10;
  query->horizon_days = 365;
}

/* The search starts from now when @from has passed. */
static GDate
search_start (const GDate *from)
{
  HarleySlotQuery now;

  harley_slot_query_init (&now, 30);
  return g_date_compare (from, &now.earliest) < 0 ? now.earliest : *from;
}

static double
time_free_harley (Bench       *bench,
                  const GDate *from,
                  int          minutes,
                  GDate       *last_found,
                  guint       *found)
{
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GError) error = NULL;
  HarleySlotQuery query;
  double start;

  init_query (&query, from, minutes);
  start = harley_bench_now_ms ();
  slots = harley_diary_find_free (bench->store, &query, &error);
  if (slots == NULL)
    g_error ("Finding a free slot failed: %s", error->message);
  *found = slots->len;
  if (slots->len > 0)
    *last_found = g_array_index (slots, HarleySlot, slots->len - 1).date;
  else
    {
      *last_found = search_start (from);
      g_date_add_days (last_found, query.horizon_days);
    }
  return harley_bench_now_ms () - start;
}

static double
time_free_floor (Bench       *bench,
                 const GDate *from,
                 const GDate *last)
{
  GDate first = search_start (from);
  GDate after = *last;
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;
  double start;

  g_date_add_days (&after, 1);
  lo = iso (&first);
  hi = iso (&after);
  start = harley_bench_now_ms ();
  read_range (bench->store, lo, hi);
  return harley_bench_now_ms () - start;
}

static void
find_free (Bench    *bench,
           gboolean  measured)
{
  for (guint i = 0; i < bench->starts->len; i++)
    {
      const GDate *from = &g_array_index (bench->starts, GDate, i);
      GDate last;
      guint found = 0;
      double harley_ms = time_free_harley (bench, from, bench->new_minutes, &last, &found);
      double floor_ms = time_free_floor (bench, from, &last);

      if (!measured)
        continue;
      add_sample (bench->free_harley_ms, harley_ms);
      add_sample (bench->free_floor_ms, floor_ms);
      add_sample (bench->free_found, found);
    }
}

static void
find_nothing (Bench *bench)
{
  g_autoptr(GArray) harley_ms = new_samples ();
  g_autoptr(GArray) floor_ms = new_samples ();
  HarleySlotQuery now;
  guint found = 0;

  harley_slot_query_init (&now, WORST_MINUTES);
  for (guint i = 0; i < WORST_RUNS + 1; i++)
    {
      GDate last;
      double h = time_free_harley (bench, &now.earliest, WORST_MINUTES, &last, &found);
      double f = time_free_floor (bench, &now.earliest, &last);

      /* The first is a warm-up. */
      if (i == 0)
        continue;
      add_sample (harley_ms, h);
      add_sample (floor_ms, f);
    }
  harley_bench_print_count ("free_worst_found", found);
  harley_bench_print ("free_worst_harley_ms", harley_bench_percentile (harley_ms, 50));
  harley_bench_print ("free_worst_harley_max_ms", harley_bench_percentile (harley_ms, 100));
  harley_bench_print ("free_worst_floor_ms", harley_bench_percentile (floor_ms, 50));
}

/* Setting up {{{1 */

static gint64
query_int (HarleyStore *store,
           const char  *sql)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, sql, NULL);
  gint64 value = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return value;
}

static gboolean
query_date (HarleyStore *store,
            const char  *sql,
            GDate       *date)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, sql, NULL);
  gboolean ok = FALSE;
  int minutes;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    ok = harley_wall_time_parse ((const char *) sqlite3_column_text (stmt, 0), date, &minutes, NULL);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return ok;
}

static GDate
random_date (GRand       *rand,
             const GDate *first,
             const GDate *last)
{
  guint32 lo = g_date_get_julian (first);
  guint32 hi = g_date_get_julian (last);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, lo + (guint32) g_rand_int_range (rand, 0, (gint32) (hi - lo + 1)));
  return date;
}

static void
pick_dates (Bench *bench,
            guint  n_weeks,
            guint  n_searches)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  HarleySlotQuery now;
  GDate first, last;

  if (!query_date (bench->store, "SELECT min (starts) FROM appointment", &first)
      || !query_date (bench->store, "SELECT max (starts) FROM appointment", &last))
    g_error ("The database has no appointments: make it with harley-cli demo --appointments N");
  harley_bench_print_count ("appointments", query_int (bench->store, "SELECT count(*) FROM appointment"));
  harley_bench_print_count ("clinicians", query_int (bench->store, "SELECT count(*) FROM clinician"));
  harley_bench_print_count ("blocked", query_int (bench->store, "SELECT count(*) FROM blocked_time"));
  g_print ("# appointments from %04u-%02u-%02u to %04u-%02u-%02u\n", g_date_get_year (&first),
           g_date_get_month (&first), g_date_get_day (&first), g_date_get_year (&last), g_date_get_month (&last),
           g_date_get_day (&last));

  for (guint i = 0; i < n_weeks; i++)
    {
      Week week = { random_date (rand, &first, &last) };

      g_date_subtract_days (&week.monday, g_date_get_weekday (&week.monday) - G_DATE_MONDAY);
      g_array_append_val (bench->weeks, week);
    }
  harley_slot_query_init (&now, 30);
  if (g_date_compare (&last, &now.earliest) < 0)
    last = now.earliest;
  for (guint i = 0; i < n_searches; i++)
    {
      GDate date = random_date (rand, &now.earliest, &last);

      g_array_append_val (bench->starts, date);
    }
}

/* The plan SQLite chose for the week's appointments: Harley's own
 * statement, found among the connection's prepared ones. */
static void
print_week_plan (Bench *bench)
{
  sqlite3 *db = harley_store_get_db (bench->store);
  gboolean uses_index = FALSE;
  gboolean found = FALSE;

  for (sqlite3_stmt *s = sqlite3_next_stmt (db, NULL); s != NULL && !found; s = sqlite3_next_stmt (db, s))
    {
      const char *sql = sqlite3_sql (s);
      g_autofree char *explain = NULL;
      sqlite3_stmt *plan = NULL;

      if (strstr (sql, "FROM appointment a JOIN patient") == NULL || strstr (sql, "a.starts >= ?1") == NULL)
        continue;
      found = TRUE;
      explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
      if (sqlite3_prepare_v2 (db, explain, -1, &plan, NULL) != SQLITE_OK)
        g_error ("EXPLAIN failed: %s", sqlite3_errmsg (db));
      while (sqlite3_step (plan) == SQLITE_ROW)
        {
          const char *detail = (const char *) sqlite3_column_text (plan, 3);

          g_print ("# week plan: %s\n", detail);
          uses_index |= g_str_has_prefix (detail, "SEARCH a USING INDEX appointment_starts");
        }
      sqlite3_finalize (plan);
    }
  if (!found)
    g_error ("harley_diary_list_range()'s statement was not found");
  harley_bench_print_count ("week_plan_uses_starts_index", uses_index);
}

static int
compare_slower (gconstpointer a,
                gconstpointer b)
{
  const Week *x = a;
  const Week *y = b;

  return (y->harley_ms > x->harley_ms) - (y->harley_ms < x->harley_ms);
}

static void
print_slowest_weeks (Bench *bench)
{
  g_autoptr(GArray) weeks = g_array_copy (bench->weeks);

  g_array_sort (weeks, compare_slower);
  g_print ("# slowest weeks in the last round: Harley ms, floor ms, appointments, Monday\n");
  for (guint i = 0; i < N_SLOWEST && i < weeks->len; i++)
    {
      const Week *w = &g_array_index (weeks, Week, i);
      g_autofree char *monday = iso (&w->monday);

      g_print ("#   %8.3f %8.3f %5u  %s\n", w->harley_ms, w->floor_ms, w->rows, monday);
    }
}

int
main (int   argc,
      char *argv[])
{
  int n_weeks = 200;
  int n_searches = 100;
  int rounds = 1;
  const GOptionEntry entries[] = {
    { "weeks", 'w', 0, G_OPTION_ARG_INT, &n_weeks, "Weeks to switch to (200)", "N" },
    { "searches", 'f', 0, G_OPTION_ARG_INT, &n_searches, "Free-slot searches (100)", "N" },
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &rounds, "Measured rounds after one warm-up (1)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DATABASE");
  g_autoptr(GError) error = NULL;
  Bench bench = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2
      || n_weeks < 1 || n_searches < 1 || rounds < 1)
    {
      g_printerr ("Usage: bench-diary [--weeks N] [--searches N] [--rounds N] DATABASE\n");
      return EXIT_FAILURE;
    }
  /* Opening a missing file would make an empty practice. */
  if (!g_file_test (argv[1], G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("bench-diary: there is no database at %s\n", argv[1]);
      return EXIT_FAILURE;
    }
  bench.store = harley_store_open (argv[1], &error);
  if (bench.store == NULL)
    {
      g_printerr ("bench-diary: %s\n", error->message);
      return EXIT_FAILURE;
    }
  bench.weeks = g_array_new (FALSE, FALSE, sizeof (Week));
  bench.starts = g_array_new (FALSE, FALSE, sizeof (GDate));
  bench.week_floor_ms = new_samples ();
  bench.week_harley_ms = new_samples ();
  bench.week_range_ms = new_samples ();
  bench.week_sessions_ms = new_samples ();
  bench.week_blocked_ms = new_samples ();
  bench.week_rows = new_samples ();
  bench.free_floor_ms = new_samples ();
  bench.free_harley_ms = new_samples ();
  bench.free_found = new_samples ();
  bench.new_minutes = 30;
  {
    g_autoptr(GPtrArray) types = harley_diary_list_types (bench.store, NULL);

    for (guint i = 0; types != NULL && i < types->len; i++)
      {
        HarleyAppointmentType *type = g_ptr_array_index (types, i);

        if (g_strcmp0 (type->name, "New consultation") == 0)
          bench.new_minutes = type->minutes;
      }
  }
  pick_dates (&bench, (guint) n_weeks, (guint) n_searches);

  switch_weeks (&bench, FALSE);
  for (int r = 0; r < rounds; r++)
    switch_weeks (&bench, TRUE);
  print_week_plan (&bench);
  harley_bench_print_count ("weeks", bench.weeks->len);
  harley_bench_print ("week_appointments_p50", harley_bench_percentile (bench.week_rows, 50));
  harley_bench_print ("week_appointments_max", harley_bench_percentile (bench.week_rows, 100));
  harley_bench_print_timings ("week_floor", bench.week_floor_ms);
  harley_bench_print_timings ("week_harley", bench.week_harley_ms);
  harley_bench_print_timings ("week_range", bench.week_range_ms);
  harley_bench_print_timings ("week_sessions", bench.week_sessions_ms);
  harley_bench_print_timings ("week_blocked", bench.week_blocked_ms);
  print_slowest_weeks (&bench);

  find_free (&bench, FALSE);
  for (int r = 0; r < rounds; r++)
    find_free (&bench, TRUE);
  harley_bench_print_count ("free_searches", bench.starts->len);
  harley_bench_print ("free_found_min", harley_bench_percentile (bench.free_found, 0));
  harley_bench_print_timings ("free_floor", bench.free_floor_ms);
  harley_bench_print_timings ("free_harley", bench.free_harley_ms);
  find_nothing (&bench);
  return EXIT_SUCCESS;
}
