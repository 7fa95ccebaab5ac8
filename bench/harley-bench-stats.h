/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

double   harley_bench_now_ms         (void);
double   harley_bench_percentile     (GArray      *samples,
                                      double       percent);
void     harley_bench_print          (const char  *metric,
                                      double       value);
void     harley_bench_print_count    (const char  *metric,
                                      gint64       value);
void     harley_bench_print_timings  (const char  *metric,
                                      GArray      *samples);
gint64   harley_bench_rss_kib        (void);
double   harley_bench_process_age_ms (void);

G_END_DECLS
