/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

/* harley-cli as a script uses it: the real program, spawned, its exit
 * status, output and what the database holds afterwards. */

#include <string.h>
#include <sys/stat.h>

#include "harley-cli.h"
#include "harley-register.h"
#include "harley-test-util.h"
#include "harley-validate.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = harley_test_make_dir ();
  f->path = harley_test_db_path (f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  harley_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Running the program {{{1 */

static gint64
count_patients (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyStore) store = harley_store_open (path, &error);

  g_assert_no_error (error);
  return harley_register_count (store);
}

static void
make_demo (Fixture    *f,
           const char *n)
{
  g_assert_cmpint (harley_test_cli (NULL, NULL, "--database", f->path, "demo", "--patients", n, "--seed", "5", NULL),
                   ==, HARLEY_CLI_EXIT_OK);
}

/* A small JSON reader {{{1 */

typedef enum { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } JsonType;

typedef struct _Json Json;
struct _Json
{
  JsonType   type;
  char      *key;        /* in an object */
  char      *string;
  double     number;
  GPtrArray *children;   /* Json, of arrays and objects */
};

static void
json_free (Json *json)
{
  g_free (json->key);
  g_free (json->string);
  g_clear_pointer (&json->children, g_ptr_array_unref);
  g_free (json);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Json, json_free)

static Json *parse_value (const char **p);

static void
skip_space (const char **p)
{
  while (**p == ' ' || **p == '\n' || **p == '\r' || **p == '\t')
    (*p)++;
}

static gunichar
parse_hex4 (const char **p)
{
  char digits[5] = { 0 };

  for (int i = 0; i < 4; i++)
    {
      g_assert_true (g_ascii_isxdigit ((*p)[i]));
      digits[i] = (*p)[i];
    }
  *p += 4;
  return (gunichar) g_ascii_strtoull (digits, NULL, 16);
}

static char *
parse_string (const char **p)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_cmpint (**p, ==, '"');
  for ((*p)++; **p != '"'; )
    {
      g_assert_cmpint ((guchar) **p, >=, 0x20);   /* raw control characters are not allowed */
      if (**p != '\\')
        {
          g_string_append_c (out, *(*p)++);
          continue;
        }
      (*p)++;
      switch (*(*p)++)
        {
        case '"': g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/': g_string_append_c (out, '/'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar c = parse_hex4 (p);

            if (c >= 0xd800 && c < 0xdc00)
              {
                g_assert_true ((*p)[0] == '\\' && (*p)[1] == 'u');
                *p += 2;
                c = 0x10000 + ((c - 0xd800) << 10) + (parse_hex4 (p) - 0xdc00);
              }
            g_string_append_unichar (out, c);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  (*p)++;
  g_assert_true (g_utf8_validate (out->str, out->len, NULL));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static Json *
parse_container (const char **p,
                 JsonType     type)
{
  Json *json = g_new0 (Json, 1);
  char close = type == JSON_OBJECT ? '}' : ']';

  json->type = type;
  json->children = g_ptr_array_new_with_free_func ((GDestroyNotify) json_free);
  (*p)++;
  skip_space (p);
  while (**p != close)
    {
      g_autofree char *key = NULL;
      Json *child;

      if (json->children->len > 0)
        {
          g_assert_cmpint (**p, ==, ',');
          (*p)++;
          skip_space (p);
        }
      if (type == JSON_OBJECT)
        {
          key = parse_string (p);
          skip_space (p);
          g_assert_cmpint (*(*p)++, ==, ':');
        }
      child = parse_value (p);
      child->key = g_steal_pointer (&key);
      g_ptr_array_add (json->children, child);
      skip_space (p);
    }
  (*p)++;
  return json;
}

static Json *
parse_value (const char **p)
{
  Json *json;

  skip_space (p);
  if (**p == '{' || **p == '[')
    return parse_container (p, **p == '{' ? JSON_OBJECT : JSON_ARRAY);
  json = g_new0 (Json, 1);
  if (**p == '"')
    {
      json->type = JSON_STRING;
      json->string = parse_string (p);
    }
  else if (g_str_has_prefix (*p, "null") || g_str_has_prefix (*p, "true") || g_str_has_prefix (*p, "false"))
    {
      json->type = **p == 'n' ? JSON_NULL : JSON_BOOL;
      json->number = **p == 't';
      *p += **p == 'f' ? 5 : 4;
    }
  else
    {
      char *end = NULL;

      json->type = JSON_NUMBER;
      json->number = g_ascii_strtod (*p, &end);
      g_assert_true (end > *p);
      *p = end;
    }
  return json;
}

static Json *
parse_json (const char *text)
{
  const char *p = text;
  Json *json = parse_value (&p);

  skip_space (&p);
  g_assert_cmpint (*p, ==, '\0');
  return json;
}

static Json *
json_member (Json       *object,
             const char *key)
{
  g_assert_cmpint (object->type, ==, JSON_OBJECT);
  for (guint i = 0; i < object->children->len; i++)
    {
      Json *child = g_ptr_array_index (object->children, i);

      if (g_str_equal (child->key, key))
        return child;
    }
  return NULL;
}

static const char *
json_string (Json       *object,
             const char *key)
{
  Json *member = json_member (object, key);

  g_assert_nonnull (member);
  if (member->type == JSON_NULL)
    return NULL;
  g_assert_cmpint (member->type, ==, JSON_STRING);
  return member->string;
}

/* Tests {{{1 */

static void
assert_escapes (const char *text,
                const char *expected)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(Json) json = NULL;

  harley_cli_json_append_string (out, text);
  g_assert_cmpstr (out->str, ==, expected);
  if (text == NULL)
    return;
  /* It reads back as it was (valid UTF-8 in, so nothing replaced). */
  json = parse_json (out->str);
  g_assert_cmpint (json->type, ==, JSON_STRING);
  if (g_utf8_validate (text, -1, NULL))
    g_assert_cmpstr (json->string, ==, text);
}

static void
test_json_escape (void)
{
  assert_escapes (NULL, "null");
  assert_escapes ("", "\"\"");
  assert_escapes ("Smith", "\"Smith\"");
  assert_escapes ("O'Brien \"Bob\"", "\"O'Brien \\\"Bob\\\"\"");
  assert_escapes ("C:\\notes", "\"C:\\\\notes\"");
  assert_escapes ("line 1\nline 2\r\n\ttab", "\"line 1\\nline 2\\r\\n\\ttab\"");
  assert_escapes ("\b\f\x01\x1f\x7f", "\"\\b\\f\\u0001\\u001f\\u007f\"");
  assert_escapes ("Zoë Łukasz Siobhán 王", "\"Zoë Łukasz Siobhán 王\"");
  assert_escapes ("a\u2028b\u2029c", "\"a\\u2028b\\u2029c\"");
  assert_escapes ("😀", "\"😀\"");
  assert_escapes ("</script>", "\"</script>\"");
  /* Bytes that are not UTF-8 never reach the output as they are. */
  assert_escapes ("bad \xff byte", "\"bad \xef\xbf\xbd byte\"");
}

static void
test_init (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "new", "harley", NULL);
  g_autofree char *path = g_build_filename (folder, "practice.db", NULL);
  g_autofree char *out = NULL;
  struct stat st;

  g_assert_cmpint (harley_test_cli (&out, NULL, "--database", path, "init", NULL), ==, HARLEY_CLI_EXIT_OK);
  g_assert_nonnull (strstr (out, "Created"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (count_patients (path), ==, 0);

  /* Again: the same database, opened and ready. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (harley_test_cli (&out, NULL, "init", "--database", path, NULL), ==, HARLEY_CLI_EXIT_OK);
  g_assert_nonnull (strstr (out, "ready"));
  g_assert_cmpint (harley_test_cli (NULL, NULL, "init", "extra", NULL), ==, HARLEY_CLI_EXIT_USAGE);
}

static void
test_demo_and_search (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(HarleyPatient) patient = NULL;
  g_autofree char *family = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *dob = NULL;
  g_autofree char *nhs = NULL;
  g_autofree char *out = NULL;

  make_demo (f, "200");
  g_assert_cmpint (count_patients (f->path), ==, 200);
  store = harley_store_open (f->path, &error);
  g_assert_no_error (error);
  patient = harley_register_load (store, 42, &error);
  g_assert_no_error (error);
  g_clear_object (&store);   /* let go of the lock for the program */
  family = g_strdup (harley_patient_get_text (patient, HARLEY_PATIENT_FAMILY_NAME));
  upper = g_utf8_strup (family, -1);
  dob = harley_format_date (harley_patient_get_text (patient, HARLEY_PATIENT_DATE_OF_BIRTH));
  nhs = harley_format_nhs_number (harley_patient_get_text (patient, HARLEY_PATIENT_NHS_NUMBER));

  g_assert_cmpint (harley_test_cli (&out, NULL, "-d", f->path, "patients", "search", family, "--limit", "200", NULL),
                   ==, HARLEY_CLI_EXIT_OK);
  g_assert_nonnull (strstr (out, "Date of birth"));
  g_assert_nonnull (strstr (out, upper));
  g_assert_nonnull (strstr (out, dob));
  g_assert_true (g_regex_match_simple ("^\\d+ ", strchr (out, '\n') + 1, 0, 0));
  if (nhs != NULL)
    g_assert_nonnull (strstr (out, nhs));

  /* A second demo is refused: the register is not empty. */
  g_assert_cmpint (harley_test_cli (NULL, NULL, "-d", f->path, "demo", "--patients", "10", NULL),
                   ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_cmpint (count_patients (f->path), ==, 200);
}

static void
assert_json_patient (Json *patient)
{
  const char *dob = json_string (patient, "date_of_birth_display");
  const char *nhs = json_string (patient, "nhs_number_display");

  g_assert_cmpint (json_member (patient, "id")->type, ==, JSON_NUMBER);
  g_assert_nonnull (json_string (patient, "name"));
  g_assert_nonnull (json_string (patient, "family_name"));
  g_assert_true (g_regex_match_simple ("^\\d\\d/\\d\\d/\\d{4}$", dob, 0, 0));
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\d$", json_string (patient, "date_of_birth"), 0, 0));
  if (nhs != NULL)
    g_assert_true (g_regex_match_simple ("^\\d{3} \\d{3} \\d{4}$", nhs, 0, 0));
}

static void
test_search_json (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(Json) json = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  Json *patients;

  make_demo (f, "200");
  g_assert_cmpint (harley_test_cli (&out, &err, "-d", f->path, "patients", "search", "--json", "--limit", "500", "a",
                                    NULL), ==, HARLEY_CLI_EXIT_OK);
  json = parse_json (out);
  g_assert_cmpstr (json_string (json, "query"), ==, "a");
  g_assert_cmpstr (json_string (json, "kind"), ==, "name");
  g_assert_cmpint (json_member (json, "more")->type, ==, JSON_BOOL);
  patients = json_member (json, "patients");
  g_assert_cmpint (patients->type, ==, JSON_ARRAY);
  g_assert_cmpuint (patients->children->len, >, 5);
  for (guint i = 0; i < patients->children->len; i++)
    assert_json_patient (g_ptr_array_index (patients->children, i));
  g_clear_pointer (&json, json_free);
  g_clear_pointer (&out, g_free);

  /* Nothing found is an empty list, not an error. */
  g_assert_cmpint (harley_test_cli (&out, NULL, "-d", f->path, "patients", "search", "--json", "zzzzzz", NULL),
                   ==, HARLEY_CLI_EXIT_OK);
  json = parse_json (out);
  g_assert_cmpuint (json_member (json, "patients")->children->len, ==, 0);
  g_clear_pointer (&json, json_free);
  g_clear_pointer (&out, g_free);

  /* --limit */
  g_assert_cmpint (harley_test_cli (&out, NULL, "-d", f->path, "patients", "search", "--json", "--limit", "3", "a",
                                    NULL), ==, HARLEY_CLI_EXIT_OK);
  json = parse_json (out);
  g_assert_cmpuint (json_member (json, "patients")->children->len, ==, 3);
  g_assert_cmpint (json_member (json, "more")->number, ==, 1);
}

static void
init_database (Fixture *f)
{
  g_assert_cmpint (harley_test_cli (NULL, NULL, "-d", f->path, "init", NULL), ==, HARLEY_CLI_EXIT_OK);
}

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(HarleyPatient) patient = NULL;
  g_autofree char *out = NULL;
  char *end = NULL;
  gint64 id;

  init_database (f);
  g_assert_cmpint (harley_test_cli (&out, NULL, "-d", f->path, "patients", "add", "--title", "Ms", "--given",
                                    "Siobhán", "--family", "O'Brien-Łukasiewicz", "--preferred", "Shiv", "--dob",
                                    "07/03/1965", "--nhs", "943 476 5919", "--postcode", "sw1a1aa", "--mobile",
                                    "+44 7700 900123", "--address", "Flat 2", "--address", "12 Harley Street",
                                    "--town", "London", "--sex", "female", "--email", "Siobhan@Example.com", NULL),
                   ==, HARLEY_CLI_EXIT_OK);
  id = g_ascii_strtoll (out, &end, 10);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (end, ==, "\n");

  store = harley_store_open (f->path, &error);
  g_assert_no_error (error);
  patient = harley_register_load (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (harley_patient_get_text (patient, HARLEY_PATIENT_GIVEN_NAME), ==, "Siobhán");
  g_assert_cmpstr (harley_patient_get_text (patient, HARLEY_PATIENT_FAMILY_NAME), ==, "O'Brien-Łukasiewicz");
  g_assert_cmpstr (harley_patient_get_text (patient, HARLEY_PATIENT_DATE_OF_BIRTH), ==, "1965-03-07");
  g_assert_cmpstr (harley_patient_get_text (patient, HARLEY_PATIENT_NHS_NUMBER), ==, "9434765919");
  g_assert_cmpstr (harley_patient_get_text (patient, HARLEY_PATIENT_POSTCODE), ==, "SW1A 1AA");
  g_assert_cmpstr (harley_patient_get_text (patient, HARLEY_PATIENT_PHONE_MOBILE), ==, "07700 900123");
  g_assert_cmpstr (harley_patient_get_text (patient, HARLEY_PATIENT_ADDRESS_LINE2), ==, "12 Harley Street");
  g_assert_cmpstr (harley_patient_get_text (patient, HARLEY_PATIENT_SEX), ==, "female");
}

/* Bad input: exit 2, the reason on stderr, nothing on stdout and nothing
 * written. */
static void
assert_refused (Fixture    *f,
                const char *expected_in_message,
                ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 before = count_patients (f->path);
  va_list ap;

  g_ptr_array_add (args, (char *) "--database");
  g_ptr_array_add (args, f->path);
  g_ptr_array_add (args, (char *) "patients");
  g_ptr_array_add (args, (char *) "add");
  va_start (ap, expected_in_message);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_assert_cmpint (harley_test_run_cli ((const char * const *) args->pdata, &out, &err), ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, expected_in_message));
  g_assert_cmpint (count_patients (f->path), ==, before);
}

static void
test_add_refused (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *err = NULL;

  init_database (f);
  g_assert_cmpint (harley_test_cli (NULL, NULL, "-d", f->path, "patients", "add", "--given", "Jane", "--family",
                                    "Smith", "--dob", "1965-03-07", "--nhs", "9434765919", NULL),
                   ==, HARLEY_CLI_EXIT_OK);
  g_assert_cmpint (count_patients (f->path), ==, 1);

  /* A wrong check digit */
  assert_refused (f, "NHS number", "--given", "Ann", "--family", "Lee", "--dob", "1970-01-01",
                  "--nhs", "9434765918", NULL);
  assert_refused (f, "9434765918", "--given", "Ann", "--family", "Lee", "--dob", "1970-01-01",
                  "--nhs", "9434765918", NULL);
  /* A day that does not exist */
  assert_refused (f, "2025-02-31", "--given", "Ann", "--family", "Lee", "--dob", "2025-02-31", NULL);
  assert_refused (f, "future", "--given", "Ann", "--family", "Lee", "--dob", "2099-01-01", NULL);
  /* The NHS number of a patient already on file */
  assert_refused (f, "already on file", "--given", "Ann", "--family", "Lee", "--dob", "1970-01-01",
                  "--nhs", "943 476 5919", NULL);
  assert_refused (f, "Postcode", "--given", "Ann", "--family", "Lee", "--dob", "1970-01-01",
                  "--postcode", "SW1A 1A", NULL);
  assert_refused (f, "Mobile", "--given", "Ann", "--family", "Lee", "--dob", "1970-01-01",
                  "--mobile", "12345", NULL);
  assert_refused (f, "--family", "--given", "Ann", "--dob", "1970-01-01", NULL);
  assert_refused (f, "--dob", "--given", "Ann", "--family", "Lee", NULL);
  assert_refused (f, "Unknown option", "--given", "Ann", "--family", "Lee", "--dob", "1970-01-01",
                  "--shoe-size", "9", NULL);
  /* Same name and birthday: a warning, unless the secretary says it is
   * someone else. */
  assert_refused (f, "--allow-duplicate-name", "--given", "jane", "--family", "SMITH", "--dob", "07/03/1965", NULL);
  g_assert_cmpint (harley_test_cli (NULL, &err, "-d", f->path, "patients", "add", "--given", "Jane", "--family",
                                    "Smith", "--dob", "1965-03-07", "--allow-duplicate-name", NULL),
                   ==, HARLEY_CLI_EXIT_OK);
  g_assert_cmpint (count_patients (f->path), ==, 2);
}

static void
test_missing_database (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (harley_test_cli (NULL, &err, "-d", f->path, "patients", "search", "smith", NULL),
                   ==, HARLEY_CLI_EXIT_NO_DATABASE);
  g_assert_nonnull (strstr (err, "harley-cli init"));
  g_assert_cmpint (harley_test_cli (NULL, NULL, "-d", f->path, "check", NULL), ==, HARLEY_CLI_EXIT_NO_DATABASE);
  g_assert_cmpint (harley_test_cli (NULL, NULL, "-d", f->path, "patients", "add", "--given", "A", "--family", "B",
                                    "--dob", "1970-01-01", NULL), ==, HARLEY_CLI_EXIT_NO_DATABASE);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

static void
assert_help (const char *usage,
             const char *first,
             ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_assert_cmpint (harley_test_run_cli ((const char * const *) args->pdata, &out, &err), ==, HARLEY_CLI_EXIT_OK);
  g_assert_nonnull (strstr (out, "Usage:"));
  g_assert_nonnull (strstr (out, usage));
  g_assert_nonnull (strstr (out, "--database"));
  g_assert_cmpstr (err, ==, "");
}

static void
test_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  assert_help ("harley-cli [OPTION…] COMMAND", "--help", NULL);
  assert_help ("harley-cli [OPTION…] COMMAND", "help", NULL);
  assert_help ("harley-cli init", "init", "--help", NULL);
  assert_help ("harley-cli demo", "demo", "--help", NULL);
  assert_help ("--seed", "demo", "-h", NULL);
  assert_help ("harley-cli check", "check", "--help", NULL);
  assert_help ("harley-cli patients", "patients", "--help", NULL);
  assert_help ("harley-cli patients search", "patients", "search", "--help", NULL);
  assert_help ("--json", "patients", "search", "--help", NULL);
  assert_help ("harley-cli patients add", "patients", "add", "--help", NULL);
  assert_help ("--allow-duplicate-name", "help", "patients", "add", NULL);

  /* Every exit status is documented. */
  g_assert_cmpint (harley_test_cli (&out, NULL, "--help", NULL), ==, HARLEY_CLI_EXIT_OK);
  for (int code = HARLEY_CLI_EXIT_OK; code <= HARLEY_CLI_EXIT_NO_DATABASE; code++)
    {
      g_autofree char *line = g_strdup_printf ("\n  %d  ", code);

      g_assert_nonnull (strstr (out, line));
    }
  g_assert_nonnull (strstr (out, "Exit status"));

  /* Mistakes: the help goes to stderr and the status says so. */
  g_assert_cmpint (harley_test_cli (NULL, &err, NULL), ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (err, "Usage:"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (harley_test_cli (NULL, &err, "frobnicate", NULL), ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (err, "frobnicate"));
  g_assert_cmpint (harley_test_cli (NULL, NULL, "patients", NULL), ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_cmpint (harley_test_cli (NULL, NULL, "patients", "delete", NULL), ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_cmpint (harley_test_cli (NULL, NULL, "--bogus", NULL), ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_cmpint (harley_test_cli (NULL, NULL, "demo", "--patients", "many", NULL), ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_cmpint (harley_test_cli (NULL, NULL, "demo", "--patients", "-1", NULL), ==, HARLEY_CLI_EXIT_USAGE);
}

static void
test_check_good (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *out = NULL;

  make_demo (f, "50");
  g_assert_cmpint (harley_test_cli (&out, NULL, "-d", f->path, "check", NULL), ==, HARLEY_CLI_EXIT_OK);
  g_assert_nonnull (strstr (out, "sound"));
  g_assert_nonnull (strstr (out, "50 patients"));
}

static void
test_check_not_harley (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GByteArray) noise = g_byte_array_new ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  for (guint i = 0; i < 16384; i++)
    {
      guint8 byte = (guint8) g_rand_int_range (rand, 0, 256);

      g_byte_array_append (noise, &byte, 1);
    }
  g_assert_true (g_file_set_contents (f->path, (const char *) noise->data, noise->len, &error));
  before = harley_test_read_file (f->path);

  g_assert_cmpint (harley_test_cli (NULL, &err, "-d", f->path, "check", NULL), ==, HARLEY_CLI_EXIT_NOT_HARLEY);
  g_assert_nonnull (strstr (err, "not a Harley practice database"));
  g_assert_cmpint (harley_test_cli (NULL, NULL, "-d", f->path, "patients", "search", "smith", NULL),
                   ==, HARLEY_CLI_EXIT_NOT_HARLEY);
  g_assert_cmpint (harley_test_cli (NULL, NULL, "-d", f->path, "demo", "--patients", "5", NULL),
                   ==, HARLEY_CLI_EXIT_NOT_HARLEY);
  after = harley_test_read_file (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

/* Spoils the first cell of the root page of an index, well away from the
 * file's header, the way a failing disk might. */
static void
damage_index (const char *path)
{
  gint64 root = harley_test_query_int (path, "SELECT rootpage FROM sqlite_schema WHERE name = 'patient_name_dob'");
  gint64 page_size = harley_test_query_int (path, "PRAGMA page_size");
  g_autoptr(GBytes) bytes = harley_test_read_file (path);
  gsize size;
  guint8 *data = g_bytes_unref_to_data (g_steal_pointer (&bytes), &size);
  guint8 *page = data + (root - 1) * page_size;
  guint content = (page[5] << 8) | page[6];
  g_autoptr(GError) error = NULL;
  guint8 header[100];

  g_assert_cmpint (root, >, 1);
  g_assert_cmpuint ((root) * page_size, <=, size);
  g_assert_cmpuint (content, >, 8);
  g_assert_cmpuint (content, <, page_size);
  memcpy (header, data, sizeof header);
  memset (page + content, 0xff, MIN (16, page_size - content));
  g_assert_cmpmem (header, sizeof header, data, sizeof header);
  g_assert_true (g_file_set_contents (path, (const char *) data, size, &error));
  g_free (data);
}

static void
test_check_damaged (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  make_demo (f, "200");
  damage_index (f->path);
  before = harley_test_read_file (f->path);

  g_assert_cmpint (harley_test_cli (NULL, &err, "-d", f->path, "check", NULL), ==, HARLEY_CLI_EXIT_DAMAGED);
  g_assert_nonnull (strstr (err, "damaged"));
  g_assert_cmpint (harley_test_cli (NULL, NULL, "-d", f->path, "patients", "add", "--given", "A", "--family", "B",
                                    "--dob", "1970-01-01", NULL), ==, HARLEY_CLI_EXIT_DAMAGED);
  after = harley_test_read_file (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_in_use (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  init_database (f);
  store = harley_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (harley_test_cli (NULL, &err, "-d", f->path, "patients", "search", "smith", NULL),
                   ==, HARLEY_CLI_EXIT_IN_USE);
  g_assert_nonnull (strstr (err, "already open"));
  g_clear_object (&store);
  g_assert_cmpint (harley_test_cli (NULL, NULL, "-d", f->path, "patients", "search", "smith", NULL),
                   ==, HARLEY_CLI_EXIT_OK);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *path = g_build_filename (folder, "practice.db", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (harley_test_cli (NULL, NULL, "-d", path, "init", NULL), ==, HARLEY_CLI_EXIT_OK);
  g_assert_cmpint (g_chmod (folder, 0500), ==, 0);
  g_assert_cmpint (harley_test_cli (NULL, &err, "-d", path, "patients", "add", "--given", "A", "--family", "B",
                                    "--dob", "1970-01-01", NULL), ==, HARLEY_CLI_EXIT_READ_ONLY);
  g_assert_nonnull (strstr (err, "read-only"));
  g_assert_cmpint (g_chmod (folder, 0700), ==, 0);
  g_assert_cmpint (count_patients (path), ==, 0);
}

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  sqlite3 *db = NULL;

  init_database (f);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (harley_test_cli (NULL, NULL, "-d", f->path, "check", NULL), ==, HARLEY_CLI_EXIT_TOO_NEW);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/json-escape", test_json_escape);
  g_test_add_func ("/cli/help", test_help);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/init", test_init);
  ADD ("/cli/demo-and-search", test_demo_and_search);
  ADD ("/cli/search-json", test_search_json);
  ADD ("/cli/add", test_add);
  ADD ("/cli/add-refused", test_add_refused);
  ADD ("/cli/missing-database", test_missing_database);
  ADD ("/cli/check-good", test_check_good);
  ADD ("/cli/check-not-harley", test_check_not_harley);
  ADD ("/cli/check-damaged", test_check_damaged);
  ADD ("/cli/in-use", test_in_use);
  ADD ("/cli/read-only", test_read_only);
  ADD ("/cli/too-new", test_too_new);
#undef ADD

  return g_test_run ();
}
