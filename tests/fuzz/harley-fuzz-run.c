/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Runs a fuzz target's body over every file of its corpus, as a unit
 * test under any compiler, so the corpus (and every regression input in
 * it) is read in each test run, not only by the fuzzer. */

#include <glib.h>

#include "harley-fuzz.h"

static void
check_file (gconstpointer data)
{
  const char *path = data;
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  harley_fuzz_verdict = HARLEY_FUZZ_SKIPPED;
  g_assert_cmpint (LLVMFuzzerTestOneInput ((const uint8_t *) contents, length), ==, 0);
  if (g_str_has_prefix (name, "good-"))
    g_assert_cmpint (harley_fuzz_verdict, ==, HARLEY_FUZZ_ACCEPTED);
  else if (g_str_has_prefix (name, "bad-"))
    g_assert_cmpint (harley_fuzz_verdict, ==, HARLEY_FUZZ_REFUSED);
  else
    g_assert_cmpint (harley_fuzz_verdict, !=, HARLEY_FUZZ_SKIPPED);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static GPtrArray *
list_corpus (const char *dir)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = g_dir_open (dir, 0, &error);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, compare_paths);
  return g_steal_pointer (&paths);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) paths = NULL;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (LLVMFuzzerInitialize (&argc, &argv), ==, 0);
  paths = list_corpus (HARLEY_FUZZ_CORPUS);
  g_assert_cmpuint (paths->len, >, 0);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *test = g_strdup_printf ("/fuzz/%s/%s", HARLEY_FUZZ_TARGET, name);

      g_test_add_data_func (test, path, check_file);
    }
  return g_test_run ();
}
