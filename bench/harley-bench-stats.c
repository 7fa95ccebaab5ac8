/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-bench"

/* What every benchmark prints: times in milliseconds from a monotonic
 * clock, percentiles by the nearest-rank method (p99 of 200 samples is the
 * third slowest), one "metric value" line each, so build-aux/bench.sh can
 * read them with awk. */

#include <math.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harley-bench-stats.h"

static double
clock_ms (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double
harley_bench_now_ms (void)
{
  return clock_ms (CLOCK_MONOTONIC);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/**
 * harley_bench_percentile:
 * @samples: (element-type double): times; sorted in place
 * @percent: 50, 99 ...
 *
 * Returns: the smallest sample with at least @percent of them at or below
 *   it, or 0 when there are none
 */
double
harley_bench_percentile (GArray *samples,
                         double  percent)
{
  guint rank;

  if (samples->len == 0)
    return 0;
  g_array_sort (samples, compare_doubles);
  rank = (guint) MAX (1.0, ceil (percent / 100.0 * samples->len));
  return g_array_index (samples, double, MIN (rank, samples->len) - 1);
}

void
harley_bench_print (const char *metric,
                    double      value)
{
  g_print ("%s %.3f\n", metric, value);
}

void
harley_bench_print_count (const char *metric,
                          gint64      value)
{
  g_print ("%s %" G_GINT64_FORMAT "\n", metric, value);
}

/* metric_p50_ms, metric_p99_ms and metric_max_ms of @samples */
void
harley_bench_print_timings (const char *metric,
                            GArray     *samples)
{
  const struct { const char *suffix; double percent; } ranks[] = {
    { "p50", 50 }, { "p99", 99 }, { "max", 100 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ranks); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s_%s_ms", metric, ranks[i].suffix);

      harley_bench_print (name, harley_bench_percentile (samples, ranks[i].percent));
    }
}

/**
 * harley_bench_rss_kib:
 *
 * Returns: VmRSS of this process in KiB, from /proc/self/status, or -1
 */
gint64
harley_bench_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "\nVmRSS:");
  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen ("\nVmRSS:"), NULL, 10);
}

/**
 * harley_bench_process_age_ms:
 *
 * The time since the kernel started this process: field 22 of
 * /proc/self/stat against CLOCK_BOOTTIME. Only as fine as the clock tick
 * (10 ms at the usual 100 Hz).
 *
 * Returns: the age in milliseconds, or -1
 */
double
harley_bench_process_age_ms (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;
  double start_ms;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL)
      || (after_name = strrchr (stat, ')')) == NULL)
    return -1;
  /* After "pid (comm)" come the fields from 3, state, on: 22 is starttime. */
  fields = g_strsplit (after_name + 2, " ", 0);
  if (g_strv_length (fields) < 20)
    return -1;
  start_ms = g_ascii_strtod (fields[19], NULL) * 1e3 / sysconf (_SC_CLK_TCK);
  return clock_ms (CLOCK_BOOTTIME) - start_ms;
}
