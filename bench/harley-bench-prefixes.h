/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-store.h"

G_BEGIN_DECLS

/* The one index read that answers what the person means, without Harley */
typedef enum
{
  HARLEY_BENCH_FLOOR_FAMILY,  /* patient_name_dob: surname range, first name range */
  HARLEY_BENCH_FLOOR_GIVEN,   /* patient_name_key: first-name words */
  HARLEY_BENCH_FLOOR_NHS,     /* the unique index on patient.nhs_number */
  HARLEY_BENCH_FLOOR_KEY,     /* patient_id_key: date of birth, postcode, phone */
  HARLEY_BENCH_N_FLOORS,
} HarleyBenchFloor;

typedef struct
{
  char             *typed;     /* the search entry's text after this keystroke */
  gboolean          first;     /* the first keystroke of a search: clear before */
  HarleyBenchFloor  floor;
  char             *low[2];    /* bounds of the floor's ranges */
  char             *high[2];
} HarleyBenchPrefix;

const char *harley_bench_floor_name      (HarleyBenchFloor    floor);
GPtrArray  *harley_bench_prefixes_derive (HarleyStore        *store,
                                          guint               n_prefixes,
                                          GError            **error);
GArray     *harley_bench_sample_ids      (HarleyStore        *store,
                                          guint               n_ids,
                                          GError            **error);
gint64      harley_bench_count_patients  (HarleyStore        *store);
gboolean    harley_bench_floor_run       (HarleyStore        *store,
                                          HarleyBenchPrefix  *prefix,
                                          GArray             *ids,
                                          GError            **error);
gboolean    harley_bench_fetch_row       (HarleyStore        *store,
                                          gint64              id,
                                          GError            **error);
void        harley_bench_prefix_free     (HarleyBenchPrefix  *prefix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyBenchPrefix, harley_bench_prefix_free)

G_END_DECLS
