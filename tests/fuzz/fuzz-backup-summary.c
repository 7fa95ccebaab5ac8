/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The backup's summary, a GKeyFile text read after it authenticates: a
 * damaged or hand-made one must be refused, never crash the reader, and
 * what is accepted must read back the same after being written again. */

#include "harley-backup-private.h"
#include "harley-fuzz.h"

HarleyFuzzVerdict harley_fuzz_verdict;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  return 0;
}

static void
assert_same_rows (GHashTable *a,
                  GHashTable *b)
{
  GHashTableIter iter;
  gpointer table, count;

  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &table, &count))
    {
      const gint64 *other = g_hash_table_lookup (b, table);

      g_assert_nonnull (other);
      g_assert_cmpint (*(gint64 *) count, ==, *other);
    }
}

static void
assert_reads_back (const HarleyBackupSummary *summary)
{
  g_autoptr(GBytes) text = _harley_backup_summary_to_bytes (summary);
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (text, &length);
  g_autoptr(HarleyBackupSummary) again = _harley_backup_summary_from_bytes (data, length);

  g_assert_nonnull (again);
  g_assert_true (g_date_time_equal (summary->made, again->made));
  g_assert_cmpstr (summary->harley_version, ==, again->harley_version);
  g_assert_cmpint (summary->schema, ==, again->schema);
  g_assert_cmpuint (summary->size, ==, again->size);
  g_assert_cmpint (summary->patients, ==, again->patients);
  assert_same_rows (summary->rows, again->rows);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(HarleyBackupSummary) summary = _harley_backup_summary_from_bytes (data, size);

  harley_fuzz_verdict = summary != NULL ? HARLEY_FUZZ_ACCEPTED : HARLEY_FUZZ_REFUSED;
  if (summary == NULL)
    return 0;
  g_assert_nonnull (summary->made);
  g_assert_nonnull (summary->harley_version);
  g_assert_cmpint (summary->schema, >=, 0);
  g_assert_cmpint (summary->patients, >=, 0);
  assert_reads_back (summary);
  return 0;
}
