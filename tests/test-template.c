/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Letter templates: reading them into text and fields, every problem with
 * its line and column, the merge from a real database, the escaping that
 * keeps a value from changing the layout, a fuzz test of the parser, and
 * `harley-cli templates check`. */

#include <string.h>

#include "harley-contact.h"
#include "harley-diary.h"
#include "harley-register.h"
#include "harley-template.h"
#include "harley-test-util.h"
#include "harley-wall-time.h"

/* Helpers {{{1 */

static GPtrArray *
parse_problems (const char *text)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyTemplate) template = harley_template_parse (text, -1, &problems, &error);

  g_assert_null (template);
  g_assert_error (error, HARLEY_TEMPLATE_ERROR, error->code);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, >, 0);
  return g_steal_pointer (&problems);
}

static const HarleyTemplateProblem *
problem_at (GPtrArray *problems,
            guint      i)
{
  g_assert_cmpuint (i, <, problems->len);
  return g_ptr_array_index (problems, i);
}

#define assert_problem(problems, i, code_, line_, column_) \
  G_STMT_START { \
    const HarleyTemplateProblem *p_ = problem_at ((problems), (i)); \
    g_assert_cmpint (p_->code, ==, (code_)); \
    g_assert_cmpuint (p_->line, ==, (line_)); \
    g_assert_cmpuint (p_->column, ==, (column_)); \
  } G_STMT_END

static void
assert_message (GPtrArray  *problems,
                guint       i,
                const char *expected)
{
  g_autofree char *message = harley_template_problem_dup_message (problem_at (problems, i));

  g_assert_cmpstr (message, ==, expected);
}

static HarleyTemplate *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  HarleyTemplate *template = harley_template_parse (text, -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (template);
  return template;
}

static char *
merge_ok (const char         *text,
          HarleyMergeContext *context)
{
  g_autoptr(HarleyTemplate) template = parse_ok (text);
  g_autoptr(GError) error = NULL;
  char *merged = harley_template_merge (template, context, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (merged);
  return merged;
}

/* Parsing {{{1 */

static void
test_parse_parts (void)
{
  g_autoptr(HarleyTemplate) template =
    parse_ok ("Dear {{patient.title}} {{ patient.family_name }},\n\nZoë {{referrer.name?}}. \\{{not}}");
  const HarleyTemplatePart *part;

  g_assert_cmpuint (harley_template_get_n_parts (template), ==, 7);
  g_assert_cmpuint (harley_template_count_fields (template), ==, 3);

  part = harley_template_get_part (template, 0);
  g_assert_cmpint (part->kind, ==, HARLEY_TEMPLATE_PART_TEXT);
  g_assert_cmpstr (part->text, ==, "Dear ");
  part = harley_template_get_part (template, 1);
  g_assert_cmpint (part->kind, ==, HARLEY_TEMPLATE_PART_FIELD);
  g_assert_cmpstr (part->text, ==, "patient.title");
  g_assert_false (part->optional);
  g_assert_cmpuint (part->line, ==, 1);
  g_assert_cmpuint (part->column, ==, 6);
  part = harley_template_get_part (template, 3);
  g_assert_cmpstr (part->text, ==, "patient.family_name");
  g_assert_cmpuint (part->column, ==, 24);
  part = harley_template_get_part (template, 4);
  g_assert_cmpstr (part->text, ==, ",\n\nZoë ");
  part = harley_template_get_part (template, 5);
  g_assert_cmpstr (part->text, ==, "referrer.name");
  g_assert_true (part->optional);
  g_assert_cmpuint (part->line, ==, 3);
  g_assert_cmpuint (part->column, ==, 5);   /* characters, not bytes: "Zoë " */
  /* A backslash makes "{{" plain text, and stays for the letter's reader. */
  part = harley_template_get_part (template, 6);
  g_assert_cmpint (part->kind, ==, HARLEY_TEMPLATE_PART_TEXT);
  g_assert_cmpstr (part->text, ==, ". \\{{not}}");
}

static void
test_parse_every_error (void)
{
  g_autoptr(GPtrArray) problems = parse_problems ("Dear {{patient.full_name}},\n"
                                                  "Zoë Brontë, {{patient.dateofbirth}}\n"
                                                  "{{patient.name\n"
                                                  "All done }} here\n"
                                                  "{{ ? }}\n"
                                                  "王小明 {{nhs}} and {{xyzzy.frob}}\n");

  g_assert_cmpuint (problems->len, ==, 6);
  assert_problem (problems, 0, HARLEY_TEMPLATE_ERROR_UNKNOWN_FIELD, 2, 13);
  assert_message (problems, 0, "Line 2, column 13: “{{patient.dateofbirth}}” is not a field Harley knows. "
                               "Did you mean {{patient.dob}}?");
  g_assert_cmpstr (problem_at (problems, 0)->field, ==, "{{patient.dateofbirth}}");
  g_assert_cmpstr (problem_at (problems, 0)->suggestion, ==, "patient.dob");
  assert_problem (problems, 1, HARLEY_TEMPLATE_ERROR_UNCLOSED, 3, 1);
  assert_message (problems, 1, "Line 3, column 1: “{{patient.name” is not closed: add “}}”.");
  assert_problem (problems, 2, HARLEY_TEMPLATE_ERROR_UNOPENED, 4, 10);
  assert_problem (problems, 3, HARLEY_TEMPLATE_ERROR_NO_NAME, 5, 1);
  assert_problem (problems, 4, HARLEY_TEMPLATE_ERROR_UNKNOWN_FIELD, 6, 5);
  g_assert_cmpstr (problem_at (problems, 4)->suggestion, ==, "patient.nhs_number");
  assert_problem (problems, 5, HARLEY_TEMPLATE_ERROR_UNKNOWN_FIELD, 6, 17);
  g_assert_null (problem_at (problems, 5)->suggestion);
  assert_message (problems, 5, "Line 6, column 17: “{{xyzzy.frob}}” is not a field Harley knows. "
                               "Choose one from the list of fields.");
}

static void
test_parse_error_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyTemplate) template = harley_template_parse ("{{a}} {{b}}", -1, NULL, &error);

  g_assert_null (template);
  g_assert_error (error, HARLEY_TEMPLATE_ERROR, HARLEY_TEMPLATE_ERROR_UNKNOWN_FIELD);
  g_assert_nonnull (strstr (error->message, "Line 1, column 1: “{{a}}” is not a field Harley knows."));
  g_assert_true (g_str_has_suffix (error->message, "(and 1 more problem)"));
}

/* A field is not closed by a "}}" on a later line, or after another "{{". */
static void
test_parse_unclosed (void)
{
  g_autoptr(GPtrArray) problems = parse_problems ("Born {{patient.dob and {{today}}\n{{gp.name\n}}");

  g_assert_cmpuint (problems->len, ==, 3);
  assert_problem (problems, 0, HARLEY_TEMPLATE_ERROR_UNCLOSED, 1, 6);
  g_assert_cmpstr (problem_at (problems, 0)->field, ==, "{{patient.dob and");
  assert_problem (problems, 1, HARLEY_TEMPLATE_ERROR_UNCLOSED, 2, 1);
  assert_problem (problems, 2, HARLEY_TEMPLATE_ERROR_UNOPENED, 3, 1);
}

static void
test_parse_not_text (void)
{
  g_autoptr(GPtrArray) problems = parse_problems ("Dear Zoë\nab\xff{{today}}");

  g_assert_cmpuint (problems->len, ==, 1);
  assert_problem (problems, 0, HARLEY_TEMPLATE_ERROR_NOT_TEXT, 2, 3);
}

static void
test_suggestions (void)
{
  const struct { const char *written; const char *meant; } cases[] = {
    { "patient.dateofbirth", "patient.dob" },
    { "patient.date_of_birth", "patient.dob" },
    { "Patient.DOB", "patient.dob" },
    { "dob", "patient.dob" },
    { "patient.fullname", "patient.full_name" },
    { "patient.surname", "patient.family_name" },
    { "patient.nhs_numbr", "patient.nhs_number" },
    { "gp.nme", "gp.name" },
    { "appointment.tme", "appointment.time" },
    { "todya", "today" },
    { "consultant", "clinician.name" },
    { "banana.split", NULL },
    { "x", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{{%s}}", cases[i].written);
      g_autoptr(GPtrArray) problems = parse_problems (text);

      g_test_message ("%s", cases[i].written);
      g_assert_cmpuint (problems->len, ==, 1);
      g_assert_cmpstr (problem_at (problems, 0)->suggestion, ==, cases[i].meant);
    }
}

static void
test_known_fields (void)
{
  guint n = 0;
  const HarleyTemplateField *list = harley_template_list_fields (&n);

  g_assert_cmpuint (n, ==, 23);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("{{%s}}", list[i].name);
      g_autoptr(HarleyTemplate) template = parse_ok (text);

      g_assert_true (harley_template_find_field (list[i].name) == &list[i]);
      g_assert_cmpstr (harley_template_field_describe (&list[i]), !=, "");
      g_assert_cmpuint (harley_template_count_fields (template), ==, 1);
    }
  g_assert_null (harley_template_find_field ("patient.dateofbirth"));
}

/* Merging plain values {{{1 */

static void
test_merge_values (void)
{
  g_autoptr(HarleyMergeContext) context = harley_merge_context_new ();
  g_autofree char *merged = NULL;

  harley_merge_context_set (context, "patient.full_name", "Mrs Zoë Brontë");
  harley_merge_context_set (context, "gp.name", "Dr Amir Khan");
  harley_merge_context_set (context, "gp.practice_address", "1 High Street\n\n  \nBath\nBA1 1AA\n");
  harley_merge_context_set (context, "today", "24 November 2026");
  merged = merge_ok ("{{today}}\n\n{{gp.name}}\n{{gp.practice_address}}\n{{referrer.name?}}\n\n"
                     "## Re: {{patient.full_name}}\n\nDear {{gp.name}}, {{referrer.name?}}thank you.",
                     context);
  g_assert_cmpstr (merged, ==, "24 November 2026\n\nDr Amir Khan\n1 High Street\nBath\nBA1 1AA\n\n"
                               "## Re: Mrs Zoë Brontë\n\nDear Dr Amir Khan, thank you.");
}

static void
test_merge_empty_value (void)
{
  g_autoptr(HarleyMergeContext) context = harley_merge_context_new ();
  g_autoptr(HarleyTemplate) template = parse_ok ("Dear Zoë,\nCopy to {{gp.name}}\n{{gp.name?}} "
                                                  "{{appointment.date}}");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *merged = harley_template_merge (template, context, &problems, &error);

  g_assert_null (merged);
  g_assert_error (error, HARLEY_TEMPLATE_ERROR, HARLEY_TEMPLATE_ERROR_EMPTY_VALUE);
  g_assert_cmpuint (problems->len, ==, 2);
  assert_problem (problems, 0, HARLEY_TEMPLATE_ERROR_EMPTY_VALUE, 2, 9);
  assert_message (problems, 0, "Line 2, column 9: the GP's name ({{gp.name}}) is empty for this patient: "
                               "add the GP to the record, or mark the field optional ({{gp.name?}}).");
  assert_problem (problems, 1, HARLEY_TEMPLATE_ERROR_EMPTY_VALUE, 3, 14);
  g_assert_cmpstr (problem_at (problems, 1)->field, ==, "appointment.date");
}

/* Escaping {{{1 */

/* No "*", "{" or "}" without a backslash, no line that starts (after
 * spaces) with an unescaped "#" or "-", no blank line. */
static void
assert_plain_in_layout (const char *text)
{
  gboolean line_start = TRUE;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_null (strstr (text, "\n\n"));
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\')
        {
          g_assert_true (g_ascii_ispunct (p[1]));
          p++;
          line_start = FALSE;
          continue;
        }
      g_assert_true (*p != '*' && *p != '{' && *p != '}');
      if (line_start)
        g_assert_true (*p != '#' && *p != '-');
      if (*p == '\n')
        line_start = TRUE;
      else if (*p != ' ')
        line_start = FALSE;
    }
}

static void
test_escape (void)
{
  const struct { const char *value; gboolean start; gboolean lines; const char *escaped; } cases[] = {
    { "**Bold** Smith", FALSE, FALSE, "\\*\\*Bold\\*\\* Smith" },
    { "- 3 The Row", TRUE, TRUE, "\\- 3 The Row" },
    { "- 3 The Row", FALSE, TRUE, "- 3 The Row" },
    { "Flat 2\n# 5\n-x", FALSE, TRUE, "Flat 2\n\\# 5\n\\-x" },
    { "## Heading", TRUE, FALSE, "\\## Heading" },
    { "{{today}}", FALSE, FALSE, "\\{\\{today\\}\\}" },
    { "C:\\temp", FALSE, FALSE, "C:\\\\temp" },
    { "  Smith-Jones  ", TRUE, FALSE, "Smith-Jones" },
    { "Line\none", FALSE, FALSE, "Line one" },
    { "a\n\n\n  b\r\n", FALSE, TRUE, "a\nb" },
    { "O'Brien_Zoë", TRUE, FALSE, "O'Brien_Zoë" },
    { "", TRUE, TRUE, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = harley_letter_text_escape (cases[i].value, cases[i].start, cases[i].lines);

      g_assert_cmpstr (escaped, ==, cases[i].escaped);
    }
  {
    g_autofree char *plain = harley_letter_text_unescape ("\\*\\*Bold\\*\\* \\\\ \\a \\{");

    g_assert_cmpstr (plain, ==, "**Bold** \\ \\a {");
  }
}

static void
test_merge_escapes (void)
{
  g_autoptr(HarleyMergeContext) context = harley_merge_context_new ();
  g_autofree char *merged = NULL;

  harley_merge_context_set (context, "patient.full_name", "**Bold** Smith");
  harley_merge_context_set (context, "patient.address", "- 3 The Row\n## Top Flat\n{{gp.name}}");
  merged = merge_ok ("Dear *{{patient.full_name}}*,\n{{patient.address}}\n- {{patient.full_name}}", context);
  g_assert_cmpstr (merged, ==, "Dear *\\*\\*Bold\\*\\* Smith*,\n\\- 3 The Row\n\\## Top Flat\n"
                               "\\{\\{gp.name\\}\\}\n- \\*\\*Bold\\*\\* Smith");
}

/* Merging from the database {{{1 */

typedef struct
{
  HarleyTestDb  db;
  gint64        patient;
  gint64        appointment;
} Fixture;

static gint64
add_contact (Fixture           *f,
             HarleyContactKind  kind,
             const char        *name,
             gint64             organisation,
             const char        *address)
{
  g_autoptr(HarleyContact) contact = harley_contact_new (kind, name);
  g_autoptr(GError) error = NULL;

  g_object_set (contact, "address-lines", address, "post-town", address ? "Bath" : NULL,
                "postcode", address ? "BA1 1AA" : NULL, NULL);
  harley_contact_set_organisation_id (contact, organisation);
  g_assert_true (harley_contact_save (f->db.store, contact, &error));
  g_assert_no_error (error);
  return harley_contact_get_id (contact);
}

static gint64
add_patient (Fixture    *f,
             const char *given,
             const char *family,
             gboolean    linked)
{
  g_autoptr(HarleyPatient) p = harley_test_patient (given, family, "1965-03-07", linked ? "9434765919" : NULL);
  g_autoptr(GError) error = NULL;

  if (linked)
    {
      gint64 surgery = add_contact (f, HARLEY_CONTACT_GP_PRACTICE, "Abbey Surgery", 0, "1 Abbey Green");

      harley_patient_set_text (p, HARLEY_PATIENT_ADDRESS_LINE1, "Flat 2");
      harley_patient_set_text (p, HARLEY_PATIENT_ADDRESS_LINE2, "12 Royal Crescent");
      harley_patient_set_text (p, HARLEY_PATIENT_POST_TOWN, "Bath");
      harley_patient_set_text (p, HARLEY_PATIENT_POSTCODE, "BA1 2LR");
      harley_patient_set_text (p, HARLEY_PATIENT_INSURANCE_MEMBERSHIP, "BU-123456");
      harley_patient_add_hospital_number (p, 0, NULL, "H0012345");
      harley_patient_set_link (p, HARLEY_PATIENT_GP,
                               add_contact (f, HARLEY_CONTACT_GP, "Dr Amir Khan", surgery, NULL));
      harley_patient_set_link (p, HARLEY_PATIENT_REFERRER,
                               add_contact (f, HARLEY_CONTACT_REFERRER, "Mr Tom Reed", 0, NULL));
      harley_patient_set_link (p, HARLEY_PATIENT_INSURER,
                               add_contact (f, HARLEY_CONTACT_INSURER, "Bupa", 0, NULL));
    }
  g_assert_true (harley_register_save (f->db.store, p, HARLEY_REGISTER_SAVE_ALLOW_SAME_NAME_DOB, &error));
  g_assert_no_error (error);
  return harley_patient_get_id (p);
}

static gint64
book (Fixture *f,
      gint64   patient)
{
  g_autoptr(GPtrArray) clinicians = harley_diary_list_clinicians (f->db.store, NULL);
  g_autoptr(GError) error = NULL;
  HarleyBooking b = { 0 };
  int minutes;
  gint64 id;

  b.patient_id = patient;
  b.clinician_id = ((HarleyClinician *) g_ptr_array_index (clinicians, 0))->id;
  g_assert_true (harley_diary_rename_clinician (f->db.store, b.clinician_id, "Dr Eleanor Whitfield", &error));
  b.location_id = add_contact (f, HARLEY_CONTACT_HOSPITAL, "The London Clinic", 0, NULL);
  b.type_id = harley_diary_find_type (f->db.store, "New consultation");
  g_assert_true (harley_wall_time_parse ("2030-01-14 09:15", &b.date, &minutes, NULL));
  b.start = minutes;
  b.end = minutes + 30;
  id = harley_diary_book (f->db.store, &b, HARLEY_BOOK_ALLOW_OUTSIDE_SESSION, &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *keys[] = { "name", "address", "phone", "consultant" };
  const char *values[] = { "Harley Street Dermatology", "10 Harley Street\nLondon\nW1G 9PF", "020 7946 0000",
                           "Dr Eleanor Whitfield" };
  g_autoptr(GError) error = NULL;

  harley_test_db_set_up (&f->db, data);
  g_assert_true (harley_store_set_practice_details (f->db.store, keys, values, G_N_ELEMENTS (keys), &error));
  g_assert_no_error (error);
  f->patient = add_patient (f, "Zoë", "**Bold** Smith", TRUE);
  f->appointment = book (f, f->patient);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  harley_test_db_tear_down (&f->db, data);
}

static const char every_field[] =
  "{{practice.name}}\n{{practice.address}}\nTel {{practice.phone}}\n\n{{today}}\n\n"
  "{{gp.name}}\n{{gp.practice_name}}\n{{gp.practice_address}}\n\n"
  "## Re: {{patient.full_name}}, born {{patient.dob}}\n\n"
  "NHS {{patient.nhs_number}}, hospital number {{patient.hospital_number}}\n{{patient.address}}\n\n"
  "Dear {{patient.title}} {{patient.family_name}} ({{patient.given_name}}),\n\n"
  "- {{appointment.type}} on {{appointment.date}} at {{appointment.time}}, {{appointment.location}}\n"
  "- Referred by {{referrer.name}}; {{insurer.name}} {{insurer.membership_number}}\n\n"
  "*{{clinician.name}}*";

static void
test_merge_from_store (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyMergeContext) context =
    harley_merge_context_new_for_patient (f->db.store, f->patient, f->appointment, &error);
  g_autofree char *merged = NULL;

  g_assert_no_error (error);
  harley_merge_context_set (context, "today", "24 November 2026");
  merged = merge_ok (every_field, context);
  g_assert_cmpstr (merged, ==,
                   "Harley Street Dermatology\n10 Harley Street\nLondon\nW1G 9PF\nTel 020 7946 0000\n\n"
                   "24 November 2026\n\n"
                   "Dr Amir Khan\nAbbey Surgery\n1 Abbey Green\nBath\nBA1 1AA\n\n"
                   "## Re: Mrs Zoë \\*\\*Bold\\*\\* Smith, born 07/03/1965\n\n"
                   "NHS 943 476 5919, hospital number H0012345\nFlat 2\n12 Royal Crescent\nBath\nBA1 2LR\n\n"
                   "Dear Mrs \\*\\*Bold\\*\\* Smith (Zoë),\n\n"
                   "- New consultation on Monday 14 January 2030 at 09:15, The London Clinic\n"
                   "- Referred by Mr Tom Reed; Bupa BU-123456\n\n"
                   "*Dr Eleanor Whitfield*");
}

/* With no GP, referrer, insurer or appointment, those fields are empty,
 * the clinician is the practice's consultant, and today is today. */
static void
test_merge_from_store_missing (Fixture       *f,
                               gconstpointer  data)
{
  gint64 bare = add_patient (f, "John", "Roe", FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyMergeContext) context = harley_merge_context_new_for_patient (f->db.store, bare, 0, &error);
  g_autoptr(HarleyTemplate) template = parse_ok (every_field);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *merged = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = NULL;
  GDate date;
  int minutes;

  g_assert_no_error (error);
  merged = harley_template_merge (template, context, &problems, &error);
  g_assert_null (merged);
  g_assert_error (error, HARLEY_TEMPLATE_ERROR, HARLEY_TEMPLATE_ERROR_EMPTY_VALUE);
  /* GP ×3, NHS and hospital numbers, address, appointment ×4, referrer, insurer ×2 */
  g_assert_cmpuint (problems->len, ==, 13);
  assert_problem (problems, 0, HARLEY_TEMPLATE_ERROR_EMPTY_VALUE, 7, 1);
  g_assert_cmpstr (problem_at (problems, 0)->field, ==, "gp.name");
  g_assert_cmpstr (harley_merge_context_get (context, "clinician.name"), ==, "Dr Eleanor Whitfield");
  g_assert_true (harley_wall_time_from_utc (now, &date, &minutes));
  today = harley_format_long_date (&date, FALSE);
  g_assert_cmpstr (harley_merge_context_get (context, "today"), ==, today);
}

static void
test_merge_wrong_patient (Fixture       *f,
                          gconstpointer  data)
{
  gint64 other = add_patient (f, "John", "Roe", FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyMergeContext) context =
    harley_merge_context_new_for_patient (f->db.store, other, f->appointment, &error);

  g_assert_null (context);
  g_assert_error (error, HARLEY_TEMPLATE_ERROR, HARLEY_TEMPLATE_ERROR_WRONG_PATIENT);
}

static void
test_merge_no_such_patient (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyMergeContext) context = harley_merge_context_new_for_patient (f->db.store, 9999, 0, &error);

  g_assert_null (context);
  g_assert_nonnull (error);
}

static void
test_long_date (void)
{
  GDate date;
  g_autofree char *with_day = NULL;
  g_autofree char *without = NULL;

  g_date_set_dmy (&date, 14, G_DATE_JANUARY, 2030);
  with_day = harley_format_long_date (&date, TRUE);
  g_assert_cmpstr (with_day, ==, "Monday 14 January 2030");
  g_date_set_dmy (&date, 24, G_DATE_NOVEMBER, 2026);
  without = harley_format_long_date (&date, FALSE);
  g_assert_cmpstr (without, ==, "24 November 2026");
}

/* Fuzz {{{1 */

#define FUZZ_ROUNDS 4000

static const char * const pieces[] = {
  "{{", "}}", "{", "}", "?", " ", "  ", "\n", "\n\n", "\r\n", "\\", "\\{", "**", "*", "- ", "## ", "#",
  "patient.dob", "gp.name", "referrer.name", "today", ".", "patient.", "{{patient.full_name}}",
  "{{ gp.name? }}", "{{patient.address}}", "Zoë", "王小明", "Łukasz", "x", "\t", "é",
};

static const char seed_template[] =
  "Dear {{patient.title}} {{patient.family_name}},\n\n## Plan\n- {{appointment.date}} at "
  "{{appointment.time?}}\n\n**{{patient.full_name}}** *{{referrer.name?}}* Zoë\n{{ today }}";

static void
random_template (GRand   *rand,
                 GString *out)
{
  guint n = g_rand_int_range (rand, 0, 40);

  g_string_truncate (out, 0);
  if (g_rand_boolean (rand))
    {
      for (guint i = 0; i < n; i++)
        g_string_append (out, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      return;
    }
  /* Mutate a sound template: random bytes in, out and changed. */
  g_string_assign (out, seed_template);
  for (guint i = 0; i < n % 8 + 1; i++)
    {
      guint at = g_rand_int_range (rand, 0, out->len + 1);
      char byte = (char) g_rand_int_range (rand, 1, 256);

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          g_string_insert_c (out, at, byte);
          break;
        case 1:
          if (at < out->len)
            g_string_erase (out, at, 1);
          break;
        case 2:
          if (at < out->len)
            out->str[at] = byte;
          break;
        default:
          g_string_insert (out, at, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
          break;
        }
    }
}

/* The number of characters on each line, or NULL if the text is not UTF-8. */
static GArray *
line_lengths (const char *text,
              gsize       length)
{
  GArray *lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *line = text;
  const char *end = text + length;

  while (TRUE)
    {
      const char *nl = memchr (line, '\n', end - line);
      const char *stop = nl != NULL ? nl : end;
      guint n = g_utf8_validate_len (line, stop - line, NULL) ? (guint) g_utf8_strlen (line, stop - line)
                                                              : (guint) (stop - line);

      g_array_append_val (lengths, n);
      if (nl == NULL)
        break;
      line = nl + 1;
    }
  return lengths;
}

static void
assert_places_valid (GPtrArray  *problems,
                     const char *text,
                     gsize       length)
{
  g_autoptr(GArray) lengths = line_lengths (text, length);

  for (guint i = 0; i < problems->len; i++)
    {
      const HarleyTemplateProblem *p = g_ptr_array_index (problems, i);

      g_assert_cmpuint (p->line, >=, 1);
      g_assert_cmpuint (p->line, <=, lengths->len);
      g_assert_cmpuint (p->column, >=, 1);
      g_assert_cmpuint (p->column, <=, g_array_index (lengths, guint, p->line - 1) + 1);
      g_assert_true (p->reason != NULL && p->reason[0] != '\0');
      g_assert_true (g_utf8_validate (p->reason, -1, NULL));
    }
}

static HarleyMergeContext *
full_context (GRand *rand)
{
  HarleyMergeContext *context = harley_merge_context_new ();
  guint n = 0;
  const HarleyTemplateField *list = harley_template_list_fields (&n);

  for (guint i = 0; i < n; i++)
    {
      const char *value = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];
      g_autofree char *text = g_strconcat ("v", value, "\n- *x*", NULL);

      harley_merge_context_set (context, list[i].name, text);
    }
  return context;
}

static gboolean
fuzz_one (GRand      *rand,
          const char *text,
          gsize       length)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyTemplate) template = harley_template_parse (text, length, &problems, &error);
  g_autoptr(HarleyMergeContext) full = NULL;
  g_autoptr(HarleyMergeContext) empty = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *nothing = NULL;

  if (template == NULL)
    {
      g_assert_nonnull (error);
      g_assert_cmpuint (problems->len, >, 0);
      assert_places_valid (problems, text, length);
      return FALSE;
    }
  g_assert_no_error (error);
  g_assert_null (problems);
  full = full_context (rand);
  merged = harley_template_merge (template, full, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (merged, -1, NULL));
  /* Every field must have a value: each one not optional is a problem. */
  empty = harley_merge_context_new ();
  harley_merge_context_set (empty, "today", NULL);
  nothing = harley_template_merge (template, empty, &problems, &error);
  if (nothing == NULL)
    assert_places_valid (problems, text, length);
  else
    g_assert_no_error (error);
  return TRUE;
}

static void
test_fuzz_parse (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  g_autoptr(GString) text = g_string_new (NULL);
  guint sound = 0;

  for (guint round = 0; round < FUZZ_ROUNDS; round++)
    {
      random_template (rand, text);
      if (fuzz_one (rand, text->str, text->len))
        sound++;
    }
  /* Both ways are taken often enough to mean something. */
  g_test_message ("%u of %u templates were sound", sound, FUZZ_ROUNDS);
  g_assert_cmpuint (sound, >, FUZZ_ROUNDS / 10);
  g_assert_cmpuint (sound, <, FUZZ_ROUNDS - FUZZ_ROUNDS / 10);
}

/* A long line of fields, known and not, is read in a moment, each problem
 * in its place. */
static void
test_parse_long_line (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) problems = NULL;
  const guint n = 20000;

  for (guint i = 0; i < n; i++)
    g_string_append (text, "Zoë {{today}} {{tody}} ");
  problems = parse_problems (text->str);
  g_assert_cmpuint (problems->len, ==, n);
  assert_problem (problems, n - 1, HARLEY_TEMPLATE_ERROR_UNKNOWN_FIELD, 1, 23 * (n - 1) + 15);
  g_assert_cmpstr (problem_at (problems, n - 1)->suggestion, ==, "today");
}

/* A value, whatever it holds, can add no markup to the letter. */
static void
test_fuzz_escape (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7031965);
  g_autoptr(GString) value = g_string_new (NULL);

  for (guint round = 0; round < FUZZ_ROUNDS; round++)
    {
      g_autofree char *escaped = NULL;
      g_autofree char *plain = NULL;
      guint n = g_rand_int_range (rand, 0, 12);
      gboolean simple = TRUE;

      g_string_truncate (value, 0);
      for (guint i = 0; i < n; i++)
        g_string_append (value, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      escaped = harley_letter_text_escape (value->str, TRUE, g_rand_boolean (rand));
      assert_plain_in_layout (escaped);
      /* Plain words with markup in them come back as they were. */
      for (const char *p = value->str; *p != '\0'; p++)
        if ((guchar) *p < 0x20)
          simple = FALSE;
      if (simple && value->len > 0 && value->str[0] != ' ' && value->str[value->len - 1] != ' ')
        {
          plain = harley_letter_text_unescape (escaped);
          g_assert_cmpstr (plain, ==, value->str);
        }
    }
}

/* harley-cli templates check {{{1 */

static char *
write_template (const char *dir,
                const char *name,
                const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_cli_check (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *good = write_template (dir, "gp.txt", "Dear {{gp.name}},\n\n{{patient.full_name}} "
                                                         "{{referrer.name?}}\n");
  g_autofree char *bad = write_template (dir, "bad.txt", "Dear Zoë {{patient.dateofbirth}}\n{{patient.name\n");
  g_autofree char *missing = g_build_filename (dir, "none.txt", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpint (harley_test_run_cli ((const char *[]) { "templates", "check", good, NULL }, &out, &err), ==, 0);
  expected = g_strdup_printf ("%s is a sound template (3 fields).\n", good);
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&expected, g_free);

  g_assert_cmpint (harley_test_run_cli ((const char *[]) { "templates", "check", bad, NULL }, &out, &err), ==, 2);
  expected = g_strdup_printf ("%s:1:10: “{{patient.dateofbirth}}” is not a field Harley knows. "
                              "Did you mean {{patient.dob}}?\n"
                              "%s:2:1: “{{patient.name” is not closed: add “}}”.\n", bad, bad);
  g_assert_cmpstr (err, ==, expected);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (harley_test_run_cli ((const char *[]) { "templates", "check", missing, NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "none.txt"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (harley_test_run_cli ((const char *[]) { "templates", "check", NULL }, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (harley_test_run_cli ((const char *[]) { "templates", "frobnicate", NULL }, &out, &err), ==, 2);
  harley_test_remove_tree (dir);
}

/* Main {{{1 */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/template/parse/parts", test_parse_parts);
  g_test_add_func ("/template/parse/every-error", test_parse_every_error);
  g_test_add_func ("/template/parse/error-message", test_parse_error_message);
  g_test_add_func ("/template/parse/unclosed", test_parse_unclosed);
  g_test_add_func ("/template/parse/not-text", test_parse_not_text);
  g_test_add_func ("/template/parse/suggestions", test_suggestions);
  g_test_add_func ("/template/fields", test_known_fields);
  g_test_add_func ("/template/merge/values", test_merge_values);
  g_test_add_func ("/template/merge/empty-value", test_merge_empty_value);
  g_test_add_func ("/template/escape/values", test_escape);
  g_test_add_func ("/template/escape/merge", test_merge_escapes);
  g_test_add_func ("/template/long-date", test_long_date);
  g_test_add ("/template/merge/from-store", Fixture, NULL, fixture_set_up, test_merge_from_store,
              fixture_tear_down);
  g_test_add ("/template/merge/from-store-missing", Fixture, NULL, fixture_set_up,
              test_merge_from_store_missing, fixture_tear_down);
  g_test_add ("/template/merge/wrong-patient", Fixture, NULL, fixture_set_up, test_merge_wrong_patient,
              fixture_tear_down);
  g_test_add ("/template/merge/no-such-patient", Fixture, NULL, fixture_set_up, test_merge_no_such_patient,
              fixture_tear_down);
  g_test_add_func ("/template/fuzz/parse", test_fuzz_parse);
  g_test_add_func ("/template/fuzz/escape", test_fuzz_escape);
  g_test_add_func ("/template/parse/long-line", test_parse_long_line);
  g_test_add_func ("/template/cli/check", test_cli_check);

  return g_test_run ();
}
