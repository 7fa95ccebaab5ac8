/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A letter template as the practice writes it (in Preferences, or checked
 * with "harley-cli templates check"): parsed, and when sound merged with
 * every field filled in. Problems must point at a place in the text and
 * say what to do; a merged value must never become a field or markup. */

#include <string.h>

#include "harley-fuzz.h"
#include "harley-template.h"

/* A value with everything letter text treats specially. */
#define AWKWARD_VALUE "**Bold** {{patient.dob}} \\ }} {{\n- 3 The Row\n# Heading\n\n\t*x*"

HarleyFuzzVerdict harley_fuzz_verdict;

static HarleyMergeContext *full_context;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  guint n_fields = 0;
  const HarleyTemplateField *fields = harley_template_list_fields (&n_fields);

  full_context = harley_merge_context_new ();
  for (guint i = 0; i < n_fields; i++)
    harley_merge_context_set (full_context, fields[i].name, AWKWARD_VALUE);
  return 0;
}

static void
assert_problems_placed (GPtrArray *problems)
{
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, >, 0);
  for (guint i = 0; i < problems->len; i++)
    {
      HarleyTemplateProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *message = harley_template_problem_dup_message (problem);

      g_assert_cmpuint (problem->line, >=, 1);
      g_assert_cmpuint (problem->column, >=, 1);
      g_assert_nonnull (problem->reason);
      g_assert_true (g_utf8_validate (message, -1, NULL));
    }
}

/* Whatever a value holds, escaped it reads as plain text: no field. */
static void
assert_value_stays_text (const char *value,
                         gboolean    at_line_start,
                         gboolean    multi_line)
{
  g_autofree char *escaped = harley_letter_text_escape (value, at_line_start, multi_line);
  g_autoptr(HarleyTemplate) template = harley_template_parse (escaped, -1, NULL, NULL);

  g_assert_nonnull (template);
  g_assert_cmpuint (harley_template_count_fields (template), ==, 0);
}

static void
merge_sound (HarleyTemplate *template)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *merged = harley_template_merge (template, full_context, &problems, &error);
  g_autofree char *shown = NULL;
  g_autoptr(HarleyTemplate) again = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (merged);
  shown = harley_letter_text_unescape (merged);
  g_assert_nonnull (shown);
  /* The awkward values were escaped: the letter has no fields left. */
  again = harley_template_parse (merged, -1, NULL, NULL);
  if (again != NULL)
    g_assert_cmpuint (harley_template_count_fields (again), ==, 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyTemplate) template = harley_template_parse ((const char *) data, (gssize) size,
                                                              &problems, &error);
  g_autofree char *text = g_strndup ((const char *) data, size);

  harley_fuzz_verdict = template != NULL ? HARLEY_FUZZ_ACCEPTED : HARLEY_FUZZ_REFUSED;
  g_assert_true ((template == NULL) == (error != NULL));
  if (template == NULL)
    assert_problems_placed (problems);
  else
    merge_sound (template);
  assert_value_stays_text (text, TRUE, TRUE);
  assert_value_stays_text (text, FALSE, FALSE);
  return 0;
}
