/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-search"

/* Search as you type without a display: for each typed prefix, the floor
 * (one prepared index range read, see harley-bench-prefixes.c) against
 * Harley's path, harley_patient_list_set_query() and the first rows a list
 * view shows built. Both on the same connection, in turns, so neither has
 * the other's cache to itself.
 *
 *   bench-search [--prefixes 200] [--rounds 1] DATABASE
 */

#include <stdlib.h>

#include "harley-bench-prefixes.h"
#include "harley-bench-stats.h"
#include "harley-patient-list.h"

/* The rows an 800-pixel list shows. GTK 4.8's GtkListView builds more
 * than it shows; bench-window measures that. */
#define VISIBLE_ROWS 30
#define N_SLOWEST    5

typedef struct
{
  HarleyStore       *store;
  HarleyPatientList *list;
  GPtrArray         *prefixes;
  GArray            *floor_ms;                          /* double */
  GArray            *harley_ms;
  GArray            *harley_by_floor[HARLEY_BENCH_N_FLOORS];
  GArray            *floor_by_floor[HARLEY_BENCH_N_FLOORS];
  GArray            *ids;
  double            *last_floor_ms;                     /* by prefix */
  double            *last_harley_ms;
} Bench;

static double
time_floor (Bench             *bench,
            HarleyBenchPrefix *prefix)
{
  g_autoptr(GError) error = NULL;
  double start = harley_bench_now_ms ();

  g_array_set_size (bench->ids, 0);
  if (!harley_bench_floor_run (bench->store, prefix, bench->ids, &error))
    g_error ("Floor query for “%s” failed: %s", prefix->typed, error->message);
  return harley_bench_now_ms () - start;
}

static double
time_harley (Bench             *bench,
             HarleyBenchPrefix *prefix)
{
  GListModel *model = G_LIST_MODEL (bench->list);
  double start = harley_bench_now_ms ();
  guint n;

  harley_patient_list_set_query (bench->list, prefix->typed);
  n = MIN (VISIBLE_ROWS, g_list_model_get_n_items (model));
  for (guint i = 0; i < n; i++)
    g_object_unref (g_list_model_get_item (model, i));
  return harley_bench_now_ms () - start;
}

static void
record (GArray *all,
        GArray *by_floor,
        double  ms)
{
  g_array_append_val (all, ms);
  g_array_append_val (by_floor, ms);
}

static void
type_all (Bench    *bench,
          gboolean  measured)
{
  for (guint i = 0; i < bench->prefixes->len; i++)
    {
      HarleyBenchPrefix *prefix = g_ptr_array_index (bench->prefixes, i);
      double floor_ms, harley_ms;

      /* A new search starts from an empty entry, as in the window. */
      if (prefix->first)
        harley_patient_list_set_query (bench->list, "");
      if (i % 2 == 0)
        {
          floor_ms = time_floor (bench, prefix);
          harley_ms = time_harley (bench, prefix);
        }
      else
        {
          harley_ms = time_harley (bench, prefix);
          floor_ms = time_floor (bench, prefix);
        }
      if (!measured)
        continue;
      bench->last_floor_ms[i] = floor_ms;
      bench->last_harley_ms[i] = harley_ms;
      record (bench->floor_ms, bench->floor_by_floor[prefix->floor], floor_ms);
      record (bench->harley_ms, bench->harley_by_floor[prefix->floor], harley_ms);
    }
}

static int
compare_slower (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const double *last_ms = user_data;
  double x = last_ms[*(const guint *) a];
  double y = last_ms[*(const guint *) b];

  return (y > x) - (y < x);
}

/* For whoever has to find out why a figure is high. */
static void
print_slowest (Bench *bench)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < bench->prefixes->len; i++)
    g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_slower, bench->last_harley_ms);
  g_print ("# slowest keystrokes in the last round: Harley ms, floor ms, typed, floor\n");
  for (guint k = 0; k < N_SLOWEST && k < order->len; k++)
    {
      guint i = g_array_index (order, guint, k);
      HarleyBenchPrefix *prefix = g_ptr_array_index (bench->prefixes, i);

      g_print ("#   %8.3f %8.3f  '%s'  %s\n", bench->last_harley_ms[i], bench->last_floor_ms[i],
               prefix->typed, harley_bench_floor_name (prefix->floor));
    }
}

static void
show_prefixes (GPtrArray *prefixes)
{
  for (guint i = 0; i < prefixes->len; i++)
    {
      HarleyBenchPrefix *prefix = g_ptr_array_index (prefixes, i);

      g_print ("# %3u %s '%s'  %s ['%s', '%s']\n", i, prefix->first ? "new " : "    ", prefix->typed,
               harley_bench_floor_name (prefix->floor), prefix->low[0], prefix->low[1]);
    }
}

static void
print_results (Bench *bench,
               guint  rounds)
{
  harley_bench_print_count ("patients", harley_bench_count_patients (bench->store));
  harley_bench_print_count ("prefixes", bench->prefixes->len);
  harley_bench_print_count ("rounds", rounds);
  harley_bench_print_timings ("search_floor", bench->floor_ms);
  harley_bench_print_timings ("search_harley", bench->harley_ms);
  for (guint f = 0; f < HARLEY_BENCH_N_FLOORS; f++)
    {
      g_autofree char *floor = g_strdup_printf ("search_floor.%s", harley_bench_floor_name (f));
      g_autofree char *harley = g_strdup_printf ("search_harley.%s", harley_bench_floor_name (f));

      if (bench->harley_by_floor[f]->len == 0)
        continue;
      harley_bench_print_timings (floor, bench->floor_by_floor[f]);
      harley_bench_print_timings (harley, bench->harley_by_floor[f]);
    }
  print_slowest (bench);
}

int
main (int   argc,
      char *argv[])
{
  int n_prefixes = 200;
  int rounds = 1;
  gboolean show = FALSE;
  const GOptionEntry entries[] = {
    { "show", 's', 0, G_OPTION_ARG_NONE, &show, "List the keystrokes and their floors first", NULL },
    { "prefixes", 'n', 0, G_OPTION_ARG_INT, &n_prefixes, "Keystrokes to type (200)", "N" },
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &rounds, "Measured rounds after one warm-up (1)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DATABASE");
  g_autoptr(GError) error = NULL;
  Bench bench = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2
      || n_prefixes < 1 || rounds < 1)
    {
      g_printerr ("Usage: bench-search [--prefixes N] [--rounds N] DATABASE\n");
      return EXIT_FAILURE;
    }
  /* Opening a missing file would make an empty practice. */
  if (!g_file_test (argv[1], G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("bench-search: there is no database at %s\n", argv[1]);
      return EXIT_FAILURE;
    }
  bench.store = harley_store_open (argv[1], &error);
  if (bench.store == NULL
      || (bench.prefixes = harley_bench_prefixes_derive (bench.store, n_prefixes, &error)) == NULL)
    {
      g_printerr ("bench-search: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (show)
    show_prefixes (bench.prefixes);
  bench.list = harley_patient_list_new (bench.store);
  bench.last_floor_ms = g_new0 (double, bench.prefixes->len);
  bench.last_harley_ms = g_new0 (double, bench.prefixes->len);
  bench.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench.floor_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.harley_ms = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint f = 0; f < HARLEY_BENCH_N_FLOORS; f++)
    {
      bench.floor_by_floor[f] = g_array_new (FALSE, FALSE, sizeof (double));
      bench.harley_by_floor[f] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  type_all (&bench, FALSE);
  for (int r = 0; r < rounds; r++)
    type_all (&bench, TRUE);
  print_results (&bench, rounds);
  return EXIT_SUCCESS;
}
