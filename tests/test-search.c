/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "harley-register.h"
#include "harley-test-util.h"

typedef struct
{
  HarleyTestDb db;
  gint64       smith_jane, smith_john, smithers, jones_smith, odubh, lukasz, wang, archived;
} Fixture;

static gint64
add (Fixture    *f,
     const char *given,
     const char *family,
     const char *dob,
     const char *nhs,
     const char *postcode,
     const char *mobile,
     const char *hospital_number)
{
  g_autoptr(HarleyPatient) p = harley_test_patient (given, family, dob, nhs);
  g_autoptr(GError) error = NULL;

  harley_patient_set_text (p, HARLEY_PATIENT_POSTCODE, postcode);
  harley_patient_set_text (p, HARLEY_PATIENT_PHONE_MOBILE, mobile);
  if (hospital_number != NULL)
    harley_patient_add_hospital_number (p, 0, NULL, hospital_number);
  g_assert_true (harley_register_save (f->db.store, p, HARLEY_REGISTER_SAVE_ALLOW_SAME_NAME_DOB, &error));
  g_assert_no_error (error);
  return harley_patient_get_id (p);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  harley_test_db_set_up (&f->db, data);
  f->smithers = add (f, "Alan", "Smithers", "1950-06-01", NULL, "LS1 4AP", NULL, NULL);
  f->smith_john = add (f, "John", "Smith", "1972-11-30", "9434765870", "BS1 5TR", "07700 900001", NULL);
  f->smith_jane = add (f, "Jane", "Smith", "1965-03-07", "9434765919", "SW1A 1AA", "07700 900123", "RF123456");
  f->jones_smith = add (f, "Mary", "Jones-Smith", "1980-01-15", NULL, "M1 1AE", NULL, NULL);
  f->odubh = add (f, "Siobhán", "Ó Dúbhghaill", "1990-08-20", NULL, "CF10 1EP", NULL, NULL);
  f->lukasz = add (f, "Łukasz", "Nowak", "1985-04-04", NULL, "G1 1XQ", NULL, NULL);
  f->wang = add (f, "小明", "王", "2001-02-03", NULL, NULL, NULL, NULL);
  f->archived = add (f, "Old", "Smithson", "1930-01-01", NULL, NULL, NULL, NULL);
  g_assert_true (harley_register_set_archived (f->db.store, f->archived, TRUE, NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  harley_test_db_tear_down (&f->db, data);
}

static GArray *
search (Fixture          *f,
        const char       *query,
        HarleySearchKind  expected_kind)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  HarleySearchKind kind = harley_register_search (f->db.store, query, HARLEY_SEARCH_DEFAULT, 100, ids, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, expected_kind);
  return ids;
}

#define ID(ids, i) g_array_index ((ids), gint64, (i))

static void
test_surname_prefix (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GArray) ids = search (f, "smi", HARLEY_SEARCH_NAME);

  /* Alphabetical by the word matched, then by first name; archived left out. */
  g_assert_cmpuint (ids->len, ==, 4);
  g_assert_cmpint (ID (ids, 0), ==, f->smith_jane);
  g_assert_cmpint (ID (ids, 1), ==, f->smith_john);
  g_assert_cmpint (ID (ids, 2), ==, f->smithers);
  g_assert_cmpint (ID (ids, 3), ==, f->jones_smith);
}

static void
test_full_name (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GArray) a = search (f, "jane smith", HARLEY_SEARCH_NAME);
  g_autoptr(GArray) b = search (f, "Smith, Jane", HARLEY_SEARCH_NAME);
  g_autoptr(GArray) c = search (f, "jo sm", HARLEY_SEARCH_NAME);

  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpint (ID (a, 0), ==, f->smith_jane);
  g_assert_cmpuint (b->len, ==, 1);
  g_assert_cmpint (ID (b, 0), ==, f->smith_jane);
  /* "jo" is John, and Jones in Jones-Smith */
  g_assert_cmpuint (c->len, ==, 2);
}

static void
test_name_and_date_of_birth (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GArray) a = search (f, "smith 07/03/1965", HARLEY_SEARCH_NAME);
  g_autoptr(GArray) b = search (f, "30/11/1972 smi", HARLEY_SEARCH_NAME);
  g_autoptr(GArray) c = search (f, "smithers 07/03/1965", HARLEY_SEARCH_NAME);
  g_autoptr(GArray) d = search (f, "smith 31/02/1965", HARLEY_SEARCH_IDENTIFIER);

  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpint (ID (a, 0), ==, f->smith_jane);
  g_assert_cmpuint (b->len, ==, 1);
  g_assert_cmpint (ID (b, 0), ==, f->smith_john);
  g_assert_cmpuint (c->len, ==, 0);
  /* a date that does not exist is not taken for one */
  g_assert_cmpuint (d->len, ==, 0);
}

static void
test_forename_and_accents (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GArray) a = search (f, "siobhan", HARLEY_SEARCH_NAME);
  g_autoptr(GArray) b = search (f, "dubh", HARLEY_SEARCH_NAME);
  g_autoptr(GArray) c = search (f, "lukasz", HARLEY_SEARCH_NAME);
  g_autoptr(GArray) d = search (f, "王", HARLEY_SEARCH_NAME);
  g_autoptr(GArray) e = search (f, "jones", HARLEY_SEARCH_NAME);

  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpint (ID (a, 0), ==, f->odubh);
  g_assert_cmpuint (b->len, ==, 1);
  g_assert_cmpuint (c->len, ==, 1);
  g_assert_cmpint (ID (c, 0), ==, f->lukasz);
  g_assert_cmpuint (d->len, ==, 1);
  g_assert_cmpint (ID (d, 0), ==, f->wang);
  g_assert_cmpuint (e->len, ==, 1);
  g_assert_cmpint (ID (e, 0), ==, f->jones_smith);
}

static void
test_identifiers (Fixture       *f,
                  gconstpointer  data)
{
  const char *jane[] = { "943 476 5919", "9434765919", "94347659", "SW1A 1AA", "sw1a1aa", "sw1a",
                         "07700 900123", "+44 7700 900123", "(07700) 900123", "07700.900.123",
                         "rf123456", "RF12", "07/03/1965", "7/3/1965" };

  for (guint i = 0; i < G_N_ELEMENTS (jane); i++)
    {
      HarleySearchKind kind = strchr (jane[i], '/') ? HARLEY_SEARCH_DATE_OF_BIRTH : HARLEY_SEARCH_IDENTIFIER;
      g_autoptr(GArray) ids = search (f, jane[i], kind);

      if (ids->len != 1 || ID (ids, 0) != f->smith_jane)
        g_error ("“%s” should find Jane Smith alone, found %u", jane[i], ids->len);
    }
}

static void
test_no_match_and_short (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GArray) none = search (f, "zzz", HARLEY_SEARCH_NAME);
  g_autoptr(GArray) short_digits = search (f, "07", HARLEY_SEARCH_TOO_SHORT);
  g_autoptr(GArray) bad_date = search (f, "31/02/2025", HARLEY_SEARCH_DATE_OF_BIRTH);
  g_autoptr(GArray) recent = search (f, "  ", HARLEY_SEARCH_RECENT);

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (short_digits->len, ==, 0);
  g_assert_cmpuint (bad_date->len, ==, 0);
  g_assert_cmpuint (recent->len, ==, 7);
}

static void
test_punctuation_alone (Fixture       *f,
                        gconstpointer  data)
{
  const char *typed[] = { "(", "-", "'", ".", "- 07/03/1965", "  ,  " };

  /* the first key of "(01632) 960576" or of a hyphenated name */
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GError) error = NULL;

      harley_register_search (f->db.store, typed[i], HARLEY_SEARCH_DEFAULT, 50, ids, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, 0);
    }
}

static void
test_archived_flag (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  harley_register_search (f->db.store, "smithson", HARLEY_SEARCH_INCLUDE_ARCHIVED, 10, ids, NULL, NULL);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (ID (ids, 0), ==, f->archived);
}

static void
test_limit (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean more = FALSE;

  harley_register_search (f->db.store, "s", HARLEY_SEARCH_DEFAULT, 2, ids, &more, NULL);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_true (more);
  g_array_set_size (ids, 0);
  harley_register_search (f->db.store, "s", HARLEY_SEARCH_DEFAULT, 50, ids, &more, NULL);
  g_assert_false (more);
}

static void
test_keys_follow_edits (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(HarleyPatient) p = harley_register_load (f->db.store, f->smithers, NULL);
  g_autoptr(GArray) old_name = NULL;
  g_autoptr(GArray) new_name = NULL;

  harley_patient_set_text (p, HARLEY_PATIENT_FAMILY_NAME, "Fairweather");
  g_assert_true (harley_register_save (f->db.store, p, HARLEY_REGISTER_SAVE_DEFAULT, NULL));
  old_name = search (f, "smithers", HARLEY_SEARCH_NAME);
  new_name = search (f, "fairw", HARLEY_SEARCH_NAME);
  g_assert_cmpuint (old_name->len, ==, 0);
  g_assert_cmpuint (new_name->len, ==, 1);
}

static void
test_plan_uses_index (Fixture       *f,
                      gconstpointer  data)
{
  /* The name search must read the key index in order: no temp B-tree sort. */
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (harley_store_get_db (f->db.store),
    "EXPLAIN QUERY PLAN SELECT k.patient_id, p.name_words FROM patient_name_key k "
    "JOIN patient p ON p.id = k.patient_id WHERE k.class = ?1 AND k.word >= ?2 AND k.word < ?3 "
    "AND (p.archived = 0 OR ?4) AND (?5 IS NULL OR p.date_of_birth = ?5) "
    "ORDER BY k.class, k.word, k.sort_key", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  g_assert_null (strstr (plan->str, "TEMP B-TREE"));
  g_assert_nonnull (strstr (plan->str, "SEARCH k USING PRIMARY KEY (class=? AND word>? AND word<?)"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/search/surname-prefix", test_surname_prefix);
  ADD ("/search/full-name", test_full_name);
  ADD ("/search/name-and-date-of-birth", test_name_and_date_of_birth);
  ADD ("/search/forename-and-accents", test_forename_and_accents);
  ADD ("/search/identifiers", test_identifiers);
  ADD ("/search/no-match-and-short", test_no_match_and_short);
  ADD ("/search/punctuation-alone", test_punctuation_alone);
  ADD ("/search/archived", test_archived_flag);
  ADD ("/search/limit", test_limit);
  ADD ("/search/keys-follow-edits", test_keys_follow_edits);
  ADD ("/search/plan-uses-index", test_plan_uses_index);

  return g_test_run ();
}
