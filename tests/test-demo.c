/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-demo"

#include <string.h>
#include <sys/wait.h>

#include "harley-cli.h"
#include "harley-demo.h"
#include "harley-diary.h"
#include "harley-letter.h"
#include "harley-register.h"
#include "harley-test-demo.h"
#include "harley-validate.h"
#include "harley-wall-time.h"

static double
query_share (HarleyStore *store,
             const char  *condition)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1000 * count(*) / (SELECT count(*) FROM patient) "
                                          "FROM patient WHERE %s", condition);

  return query_int (store, sql) / 1000.0;
}

/* Calls @func on every value of the first column of @sql. */
static void
foreach_text (HarleyStore *store,
              const char  *sql,
              void       (*func) (const char *text, gpointer data),
              gpointer     data)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (harley_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    func ((const char *) sqlite3_column_text (stmt, 0), data);
  sqlite3_finalize (stmt);
}

/* A digest of every row of @table, leaving out the times rows were
 * written, which are the clock's and not the seed's. */
static void
hash_table (HarleyStore *store,
            GChecksum   *checksum,
            const char  *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", table);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (harley_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < sqlite3_column_count (stmt); c++)
      {
        const char *name = sqlite3_column_name (stmt, c);
        const char *text = (const char *) sqlite3_column_text (stmt, c);

        if (g_str_equal (name, "created_at") || g_str_equal (name, "updated_at") || g_str_equal (name, "at"))
          continue;
        g_checksum_update (checksum, (const guchar *) (text ? text : "\x01NULL"), -1);
        g_checksum_update (checksum, (const guchar *) "\x02", 1);
      }
  sqlite3_finalize (stmt);
}

static char *
hash_database (HarleyStore *store)
{
  const char *tables[] = {
    "patient", "contact", "hospital_number", "practice_detail", "patient_name_key", "patient_id_key",
    "patient_event", "clinician", "clinic_session", "blocked_time", "appointment", "appointment_event",
    "sample", "result", "call", "sample_event",
  };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    hash_table (store, checksum, tables[i]);
  return g_strdup (g_checksum_get_string (checksum));
}

static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = harley_test_db_path (dir);
  g_autofree char *other_dir = harley_test_make_dir ();
  g_autofree char *other_path = harley_test_db_path (other_dir);
  g_autoptr(HarleyStore) same = harley_store_open (path, NULL);
  g_autoptr(HarleyStore) other = harley_store_open (other_path, NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  fill (f->store, N_PATIENTS, SEED);
  fill (same, N_PATIENTS, SEED);
  fill (other, N_PATIENTS, SEED + 1);
  first = hash_database (f->store);
  second = hash_database (same);
  third = hash_database (other);

  g_assert_cmpint (harley_register_count (f->store), ==, N_PATIENTS);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment"), ==, HARLEY_DEMO_DEFAULT_APPOINTMENTS);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpstr (first, !=, third);

  g_clear_object (&same);
  g_clear_object (&other);
  harley_test_remove_tree (dir);
  harley_test_remove_tree (other_dir);
}

static void
check_nhs_number (const char *text,
                  gpointer    data)
{
  GHashTable *seen = data;
  g_autofree char *normalised = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_validate_nhs_number (text, &normalised, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (normalised, ==, text);
  g_assert_true (g_str_has_prefix (text, "999"));
  g_assert_true (g_hash_table_add (seen, g_strdup (text)));
}

static void
test_nhs_numbers (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  fill (f->store, N_PATIENTS, SEED);
  foreach_text (f->store, "SELECT nhs_number FROM patient WHERE nhs_number IS NOT NULL", check_nhs_number, seen);
  /* Nearly everyone has one; overseas patients may not. */
  g_assert_cmpuint (g_hash_table_size (seen), >=, N_PATIENTS * 9 / 10);
  g_assert_cmpuint (g_hash_table_size (seen), <, N_PATIENTS);
}

static void
check_postcode (const char *text,
                gpointer    data)
{
  g_autofree char *normalised = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_validate_postcode (text, &normalised, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (normalised, ==, text);
}

static void
check_phone (const char *text,
             gpointer    data)
{
  g_autofree char *normalised = NULL;
  g_autofree char *digits = harley_phone_digits (text);
  g_autoptr(GError) error = NULL;
  const char *ranges[] = {
    "07700900", "02079460", "01632960", "01134960", "01144960", "01154960", "01164960", "01174960",
    "01184960", "01214960", "01314960", "01414960", "01514960", "01614960", "01914980", "02890180",
    "02920180",
  };
  gboolean in_drama_range = FALSE;

  g_assert_true (harley_validate_phone (text, &normalised, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (normalised, ==, text);
  /* Ofcom's numbers for drama: none of them rings anyone. */
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    in_drama_range |= g_str_has_prefix (digits, ranges[i]);
  g_assert_true (in_drama_range);
  g_assert_cmpuint (strlen (digits), ==, 11);
}

static void
test_addresses_and_phones (Fixture       *f,
                           gconstpointer  data)
{
  const char *phones[] = {
    "SELECT phone_home FROM patient WHERE phone_home IS NOT NULL",
    "SELECT phone_mobile FROM patient WHERE phone_mobile IS NOT NULL",
    "SELECT phone_work FROM patient WHERE phone_work IS NOT NULL",
    "SELECT next_of_kin_phone FROM patient WHERE next_of_kin_phone IS NOT NULL",
    "SELECT phone FROM contact WHERE phone IS NOT NULL",
  };

  fill (f->store, N_PATIENTS, SEED);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE postcode IS NULL "
                                        "OR post_town IS NULL OR address_line1 IS NULL"), ==, 0);
  foreach_text (f->store, "SELECT postcode FROM patient", check_postcode, NULL);
  foreach_text (f->store, "SELECT postcode FROM contact WHERE postcode IS NOT NULL", check_postcode, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    foreach_text (f->store, phones[i], check_phone, NULL);
  /* The outward code belongs to the town. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE post_town = 'Leeds' "
                                        "AND postcode NOT LIKE 'LS%'"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE post_town = 'Cardiff' "
                                        "AND postcode NOT LIKE 'CF%'"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE post_town = 'London' AND "
                                        "substr (postcode, 1, 1) NOT IN ('N', 'S', 'E', 'W')"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE email IS NOT NULL "
                                        "AND email NOT GLOB '*@example.[cno][oer][mgt]'"), ==, 0);
}

static void
test_address_book (Fixture       *f,
                   gconstpointer  data)
{
  fill (f->store, N_PATIENTS, SEED);

  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contact WHERE kind = 'gp-practice'"), ==, 40);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contact WHERE kind = 'hospital'"), ==, 3);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contact WHERE kind = 'laboratory'"), ==, 3);
  /* Each laboratory's usual turnaround, in working days */
  g_assert_cmpint (query_int (f->store, "SELECT group_concat (turnaround_days || ':' || turnaround_working, ' ') "
                                        "= '2:1 10:1 5:1' FROM (SELECT * FROM contact WHERE kind = 'laboratory' "
                                        "ORDER BY id)"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contact WHERE kind = 'insurer'"), ==, 6);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contact WHERE kind = 'referrer'"), ==, 10);
  /* Every GP works at a practice, and every practice has two to four. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contact g LEFT JOIN contact p "
                                        "ON p.id = g.organisation_id WHERE g.kind = 'gp' "
                                        "AND (p.kind IS NOT 'gp-practice')"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM (SELECT count(g.id) AS n FROM contact p "
                                        "LEFT JOIN contact g ON g.organisation_id = p.id AND g.kind = 'gp' "
                                        "WHERE p.kind = 'gp-practice' GROUP BY p.id) WHERE n NOT BETWEEN 2 AND 4"),
                   ==, 0);
  /* Every patient has a GP who is in the address book. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient p LEFT JOIN contact g "
                                        "ON g.id = p.gp_id WHERE g.kind IS NOT 'gp'"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient p LEFT JOIN contact i "
                                        "ON i.id = p.insurer_id WHERE p.insurer_id IS NOT NULL "
                                        "AND i.kind IS NOT 'insurer'"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM hospital_number h LEFT JOIN contact c "
                                        "ON c.id = h.hospital_id WHERE c.kind IS NOT 'hospital'"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) - count(DISTINCT number) FROM hospital_number"), ==, 0);
}

static void
test_shares (Fixture       *f,
             gconstpointer  data)
{
  fill (f->store, 2000, SEED);

  g_assert_cmpfloat_with_epsilon (query_share (f->store, "insurer_id IS NOT NULL"), 0.7, 0.05);
  g_assert_cmpfloat_with_epsilon (query_share (f->store, "self_pay = 1"), 0.3, 0.05);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE (insurer_id IS NULL) = (self_pay = 0)"),
                   ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE insurer_id IS NOT NULL "
                                        "AND insurance_membership IS NULL"), ==, 0);
  g_assert_cmpfloat_with_epsilon (query_share (f->store, "email IS NOT NULL"), 0.6, 0.05);
  g_assert_cmpfloat_with_epsilon (query_share (f->store, "next_of_kin_name IS NOT NULL"), 0.5, 0.07);
  g_assert_cmpfloat_with_epsilon (query_share (f->store, "alerts IS NOT NULL"), 0.03, 0.015);
  g_assert_cmpfloat_with_epsilon (query_share (f->store, "id IN (SELECT patient_id FROM hospital_number)"),
                                  0.4, 0.05);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE consent_email = 1 AND email IS NULL"),
                   ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE consent_sms = 1 "
                                        "AND phone_mobile IS NULL"), ==, 0);
}

static void
test_names (Fixture       *f,
            gconstpointer  data)
{
  fill (f->store, 2000, SEED);

  /* A mix that search and letters must cope with. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE family_name GLOB '*-*'"), >, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE family_name GLOB \"*'*\""), >, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE given_name IN "
                                        "('Siobhán', 'Zoë', 'Łukasz', 'Róisín', 'Małgorzata', 'Seán')"), >, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE preferred_name IS NOT NULL"), >, 50);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT family_name) FROM patient"), >, 150);
  /* Titles agree with sex and age: no Mr who is female, no Mrs of ten. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE title IN ('Mrs', 'Ms', 'Miss') "
                                        "AND sex <> 'female'"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE title IN ('Mr', 'Master') "
                                        "AND sex <> 'male'"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE title IN ('Mrs', 'Ms', 'Mr', 'Dr') "
                                        "AND date_of_birth > '2008-12-31'"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE title = 'Master' "
                                        "AND date_of_birth < '2009-01-01'"), ==, 0);
  /* Ages from newborn to 95. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE date_of_birth < '1929-01-01' "
                                        "OR date_of_birth > '2024-12-31'"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE date_of_birth < '1940-01-01'"), >, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient WHERE date_of_birth > '2019-12-31'"), >, 0);
}

static gboolean
ids_contain (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(HarleyPatient) patient = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;

  fill (f->store, N_PATIENTS, SEED);
  patient = harley_register_load (f->store, 321, &error);
  g_assert_no_error (error);
  query = g_strdup_printf ("%s %s", harley_patient_get_text (patient, HARLEY_PATIENT_GIVEN_NAME),
                           harley_patient_get_text (patient, HARLEY_PATIENT_FAMILY_NAME));

  g_assert_cmpint (harley_register_search (f->store, query, HARLEY_SEARCH_DEFAULT, 100, ids, NULL, &error),
                   ==, HARLEY_SEARCH_NAME);
  g_assert_no_error (error);
  g_assert_true (ids_contain (ids, 321));

  g_array_set_size (ids, 0);
  g_assert_cmpint (harley_register_search (f->store, harley_patient_get_text (patient, HARLEY_PATIENT_POSTCODE),
                                           HARLEY_SEARCH_DEFAULT, 100, ids, NULL, &error),
                   ==, HARLEY_SEARCH_IDENTIFIER);
  g_assert_no_error (error);
  g_assert_true (ids_contain (ids, 321));
}

static void
test_practice (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *gmc = NULL;
  g_autofree char *address = NULL;

  fill (f->store, 10, SEED);
  name = harley_store_get_practice_detail (f->store, "name");
  gmc = harley_store_get_practice_detail (f->store, "gmc");
  address = harley_store_get_practice_detail (f->store, "address");
  g_assert_cmpstr (name, ==, "Dr Eleanor Hartley — Consultant Dermatologist");
  g_assert_cmpstr (gmc, ==, "1234567");
  g_assert_nonnull (strchr (address, '\n'));
  g_clear_pointer (&name, g_free);

  /* A practice that has a name keeps it. */
  fixture_tear_down (f, data);
  fixture_set_up (f, data);
  g_assert_true (harley_store_set_practice_detail (f->store, "name", "Dr A Jones", &error));
  fill (f->store, 10, SEED);
  name = harley_store_get_practice_detail (f->store, "name");
  g_assert_cmpstr (name, ==, "Dr A Jones");

  g_assert_true (harley_demo_fill_practice (f->store, &error));
  g_assert_no_error (error);
  g_clear_pointer (&name, g_free);
  name = harley_store_get_practice_detail (f->store, "name");
  g_assert_cmpstr (name, ==, "Dr Eleanor Hartley — Consultant Dermatologist");
}

static void
assert_nothing_written (HarleyStore *store)
{
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM patient"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM contact"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM practice_detail"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM patient_event"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM patient_name_key"), ==, 0);
}

/* The disk fills up part of the way through: nothing at all is kept, and
 * the practice can go on using the database. */
static void
test_disk_full_leaves_nothing (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                                            query_int (f->store, "PRAGMA page_count") + 40);

  g_assert_true (harley_store_exec (f->store, limit, &error));
  g_assert_false (harley_demo_fill (f->store, 2000, SEED, &error));
  g_assert_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_DISK_FULL);
  g_assert_false (harley_store_in_transaction (f->store));
  assert_nothing_written (f->store);
  g_clear_error (&error);

  g_assert_true (harley_store_exec (f->store, "PRAGMA max_page_count = 1073741823", &error));
  fill (f->store, 20, SEED);
  g_assert_cmpint (harley_register_count (f->store), ==, 20);
}

static void
test_refuses_register_with_patients (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(HarleyPatient) patient = harley_test_patient ("Jane", "Smith", "1965-03-07", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_register_save (f->store, patient, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_false (harley_demo_fill (f->store, 10, SEED, &error));
  g_assert_error (error, HARLEY_DEMO_ERROR, HARLEY_DEMO_ERROR_NOT_EMPTY);
  g_assert_cmpint (harley_register_count (f->store), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contact"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM practice_detail"), ==, 0);
}

static void
test_too_many (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (harley_demo_fill (f->store, HARLEY_DEMO_MAX_PATIENTS + 1, SEED, &error));
  g_assert_error (error, HARLEY_DEMO_ERROR, HARLEY_DEMO_ERROR_TOO_MANY);
  assert_nothing_written (f->store);
}

/* The diary {{{1 */

static char *
query_text (HarleyStore *store,
            const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (harley_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
assert_count (HarleyStore *store,
              const char  *condition,
              gint64       expected)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM appointment WHERE %s", condition);

  g_assert_cmpint (query_int (store, sql), ==, expected);
}

static void
test_diary_counts (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *consultant = NULL;
  gint64 n;

  fill (f->store, N_PATIENTS, SEED);
  n = query_int (f->store, "SELECT count(*) FROM appointment");

  g_assert_cmpint (n, ==, HARLEY_DEMO_DEFAULT_APPOINTMENTS);
  /* The consultant of migration 002, renamed, and a nurse. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM clinician"), ==, 2);
  consultant = query_text (f->store, "SELECT name FROM clinician WHERE role = 'consultant'");
  g_assert_cmpstr (consultant, ==, "Dr Eleanor Hartley");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM clinician WHERE role = 'nurse'"), ==, 1);
  /* Their clinics at the consulting rooms and the private hospitals. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM clinic_session"), ==, 7);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM clinic_session s JOIN contact c ON c.id = s.location_id "
                                        "WHERE c.kind = 'hospital' OR c.name GLOB 'Consulting Rooms*'"), ==, 7);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT location_id) FROM clinic_session"), ==, 4);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contact WHERE kind = 'other'"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM clinic_session WHERE slot_minutes <> 15"), ==, 0);
  /* A year back and a year ahead. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM clinic_session WHERE first_date "
                                        "NOT BETWEEN '2024-10-14' AND '2024-12-14' OR last_date <> '2026-10-13'"),
                   ==, 0);
  /* Holidays, Christmas for everyone, a theatre morning a week, admin. */
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT reason) FROM blocked_time"), ==, 3);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM blocked_time WHERE clinician_id IS NULL "
                                        "AND starts LIKE '%-12-24 %'"), ==, 2);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM blocked_time WHERE reason = 'theatre'"), >, 80);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM blocked_time WHERE reason = 'admin'"), >, 2);

  /* Six months back, six months ahead. */
  g_assert_cmpint (query_int (f->store, "SELECT min (starts) BETWEEN '2025-03-14' AND '2025-05-14' "
                                        "FROM appointment"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT max (starts) BETWEEN '2026-03-14' AND '2026-04-16' "
                                        "FROM appointment"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT type_id) FROM appointment"), ==, 5);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT clinician_id) FROM appointment"), ==, 2);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT patient_id) FROM appointment"), >, N_PATIENTS / 2);
  /* Mostly seen, some missed, some cancelled with a reason, a few overbooked. */
  g_assert_cmpint (query_int (f->store, "SELECT 100 * count(*) / (SELECT count(*) FROM appointment WHERE ends <= '"
                                        NOW_LOCAL "') FROM appointment WHERE status = 'seen'"), >=, 75);
  assert_count (f->store, "status = 'did-not-attend'", query_int (f->store, "SELECT count(*) FROM appointment "
                                                                          "WHERE status = 'did-not-attend'"));
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment WHERE status = 'did-not-attend'"), >, 10);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment WHERE status = 'cancelled-by-patient'"),
                   >, 20);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment WHERE status = 'cancelled-by-practice'"),
                   >, 2);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment WHERE status = 'booked'"), >, n / 5);
  assert_count (f->store, "(status GLOB 'cancelled-*') <> (cancel_reason IS NOT NULL)", 0);
  g_assert_cmpint (query_int (f->store, "SELECT sum (overbooked) FROM appointment"), >, 0);
  g_assert_cmpint (query_int (f->store, "SELECT sum (overbooked) FROM appointment"), <, n / 50);
  assert_count (f->store, "booked_by NOT IN ('Margaret Ellis', 'Joanne Price')", 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment WHERE notes IS NOT NULL"), >, n / 5);

  /* Every appointment has its history and is on its patient's timeline. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment_event WHERE summary GLOB 'Booked: *'"),
                   ==, n);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment a WHERE NOT EXISTS (SELECT 1 FROM "
                                        "appointment_event e WHERE e.appointment_id = a.id)"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient_event WHERE kind = 'appointment'"),
                   ==, query_int (f->store, "SELECT count(*) FROM appointment_event"));
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment_event e JOIN appointment a "
                                        "ON a.id = e.appointment_id WHERE a.status = 'seen'"),
                   ==, 3 * query_int (f->store, "SELECT count(*) FROM appointment WHERE status = 'seen'"));

  /* Another number is made exactly. */
  fixture_tear_down (f, data);
  fixture_set_up (f, data);
  fill_full (f->store, 50, 777, SEED);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment"), ==, 777);
}

static void
test_diary_deterministic (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = harley_test_db_path (dir);
  g_autoptr(HarleyStore) same = harley_store_open (path, NULL);
  g_autoptr(GChecksum) first = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GChecksum) second = g_checksum_new (G_CHECKSUM_SHA256);
  const char *tables[] = { "clinician", "clinic_session", "blocked_time", "appointment", "appointment_event" };

  fill_full (f->store, 300, 1500, SEED);
  fill_full (same, 300, 1500, SEED);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      hash_table (f->store, first, tables[i]);
      hash_table (same, second, tables[i]);
    }
  g_assert_cmpstr (g_checksum_get_string (first), ==, g_checksum_get_string (second));
  /* Down to the times: "booked at" and the events' times are the seed's. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment WHERE booked_at > '" NOW_UTC "'"), ==, 0);

  g_clear_object (&same);
  harley_test_remove_tree (dir);
}

/* No clinician has two active appointments at once, but for those marked
 * overbooked, which do overlap another. */
static void
test_diary_no_double_booking (Fixture       *f,
                              gconstpointer  data)
{
  fill (f->store, N_PATIENTS, SEED);

  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment a JOIN appointment b "
                                        "ON b.clinician_id = a.clinician_id AND b.starts >= a.starts "
                                        "AND b.starts < a.ends AND b.id <> a.id "
                                        "WHERE a.status IN ('booked', 'arrived', 'seen') AND a.overbooked = 0 "
                                        "AND b.status IN ('booked', 'arrived', 'seen') AND b.overbooked = 0"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment o WHERE o.overbooked = 1 AND NOT EXISTS "
                                        "(SELECT 1 FROM appointment b WHERE b.clinician_id = o.clinician_id "
                                        "AND b.id <> o.id AND b.starts < o.ends AND b.ends > o.starts)"), ==, 0);
  /* Nor is a patient booked twice on a day, nor is anyone booked into
   * blocked time. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM (SELECT 1 FROM appointment "
                                        "WHERE status IN ('booked', 'arrived', 'seen') "
                                        "GROUP BY patient_id, substr (starts, 1, 10) HAVING count(*) > 1)"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment a JOIN blocked_time b "
                                        "ON b.starts < a.ends AND b.ends > a.starts "
                                        "AND (b.clinician_id IS NULL OR b.clinician_id = a.clinician_id)"), ==, 0);
}

typedef struct
{
  gint64 location_id;
  int    start;
  int    end;
} Clinic;

static void
test_diary_within_sessions (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GHashTable) clinics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_array_unref);
  g_autoptr(GArray) days = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  guint checked = 0;
  GDate from, to;

  fill (f->store, N_PATIENTS, SEED);
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, 1, 2025);
  g_date_set_dmy (&to, 31, 12, 2026);
  days = harley_diary_list_sessions (f->store, &from, &to, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < days->len; i++)
    {
      const HarleySessionDay *day = &g_array_index (days, HarleySessionDay, i);
      char *key = g_strdup_printf ("%" G_GINT64_FORMAT " %u", day->clinician_id, g_date_get_julian (&day->date));
      GArray *list = g_hash_table_lookup (clinics, key);
      Clinic clinic = { day->location_id, day->start, day->end };

      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (Clinic));
          g_hash_table_insert (clinics, g_strdup (key), list);
        }
      g_array_append_val (list, clinic);
      g_free (key);
    }

  g_assert_cmpint (sqlite3_prepare_v2 (harley_store_get_db (f->store),
                                       "SELECT clinician_id, location_id, starts, ends, overbooked FROM appointment",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *key = NULL;
      GArray *list;
      gboolean inside = FALSE;
      GDate date, end_date;
      int start, end;

      g_assert_true (harley_wall_time_parse ((const char *) sqlite3_column_text (stmt, 2), &date, &start, NULL));
      g_assert_true (harley_wall_time_parse ((const char *) sqlite3_column_text (stmt, 3), &end_date, &end, NULL));
      key = g_strdup_printf ("%" G_GINT64_FORMAT " %u", (gint64) sqlite3_column_int64 (stmt, 0),
                             g_date_get_julian (&date));
      list = g_hash_table_lookup (clinics, key);
      for (guint i = 0; list != NULL && i < list->len && !inside; i++)
        {
          const Clinic *c = &g_array_index (list, Clinic, i);

          inside = c->start <= start && end <= c->end && c->location_id == sqlite3_column_int64 (stmt, 1);
        }
      g_assert_true (inside || sqlite3_column_int (stmt, 4) == 1);
      checked++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (checked, ==, HARLEY_DEMO_DEFAULT_APPOINTMENTS);
}

static void
test_diary_times (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  GDate from, to;

  fill (f->store, N_PATIENTS, SEED);

  assert_count (f->store, "starts NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-2][0-9]:[0-5][0-9]' "
                          "OR ends NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-2][0-9]:[0-5][0-9]' "
                          "OR substr (ends, 1, 10) <> substr (starts, 1, 10) OR ends <= starts", 0);
  /* On the quarter hours of the clinics, as long as their type. */
  assert_count (f->store, "substr (starts, 15, 2) NOT IN ('00', '15', '30', '45') "
                          "OR substr (starts, 12, 5) < '09:00' OR substr (ends, 12, 5) > '18:00'", 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment a JOIN appointment_type t ON t.id = a.type_id "
                                        "WHERE (substr (a.ends, 12, 2) * 60 + substr (a.ends, 15, 2)) - "
                                        "(substr (a.starts, 12, 2) * 60 + substr (a.starts, 15, 2)) <> t.minutes"), ==, 0);
  /* Booked before it happens and before now; nothing written after now. */
  assert_count (f->store, "booked_at NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:"
                          "[0-9][0-9]Z' OR booked_at > '" NOW_UTC "' OR updated_at < booked_at "
                          "OR updated_at > '" NOW_UTC "' OR substr (booked_at, 1, 10) > substr (starts, 1, 10)", 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment_event e JOIN appointment a "
                                        "ON a.id = e.appointment_id WHERE e.at > '" NOW_UTC "' OR e.at < a.booked_at"),
                   ==, 0);

  /* The diary reads them all back. */
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, 1, 2025);
  g_date_set_dmy (&to, 31, 12, 2026);
  all = harley_diary_list_range (f->store, &from, &to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, HARLEY_DEMO_DEFAULT_APPOINTMENTS);
  for (guint i = 0; i < all->len; i++)
    {
      const HarleyAppointmentInfo *info = harley_appointment_get_info (g_ptr_array_index (all, i));

      g_assert_true (g_date_valid (&info->date));
      g_assert_cmpint (info->end, >, info->start);
      g_assert_nonnull (info->location_name);
    }
}

static void
test_diary_past_and_future (Fixture       *f,
                            gconstpointer  data)
{
  fill (f->store, N_PATIENTS, SEED);

  /* Seen or missed only once over, arrived only while it is on, booked
   * only while it is to come. */
  assert_count (f->store, "status IN ('seen', 'did-not-attend') AND ends > '" NOW_LOCAL "'", 0);
  assert_count (f->store, "status = 'arrived' AND NOT (starts <= '" NOW_LOCAL "' AND ends > '" NOW_LOCAL "')", 0);
  assert_count (f->store, "status = 'booked' AND starts <= '" NOW_LOCAL "'", 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment WHERE starts > '" NOW_LOCAL "'"), >, 500);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment WHERE ends <= '" NOW_LOCAL "'"), >, 1000);
  /* Bookings thin out further ahead. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment WHERE starts BETWEEN '2025-10-15' "
                                        "AND '2025-11-14'"),
                   >, 2 * query_int (f->store, "SELECT count(*) FROM appointment WHERE starts BETWEEN '2026-02-15' "
                                               "AND '2026-03-14'"));
}

/* A large demo brings another consultant and nurse for every
 * HARLEY_DEMO_APPOINTMENTS_PER_TEAM appointments, and stays within
 * living memory. */
static void
test_diary_teams (Fixture       *f,
                  gconstpointer  data)
{
#ifdef __SANITIZE_ADDRESS__
  /* Each insert's CHECK (... IN (...)) makes SQLite allocate, and the
   * sanitizer unwinds every allocation: minutes, past the test's limit. */
  g_test_skip ("150,001 appointments take minutes under AddressSanitizer");
  return;
#endif
  fill_full (f->store, 200, HARLEY_DEMO_APPOINTMENTS_PER_TEAM + 1, SEED);

  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment"), ==, HARLEY_DEMO_APPOINTMENTS_PER_TEAM + 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM clinician WHERE role = 'consultant'"), ==, 2);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM clinician WHERE role = 'nurse'"), ==, 2);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT clinician_id) FROM appointment"), ==, 4);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM clinic_session"), ==, 14);
  g_assert_cmpint (query_int (f->store, "SELECT min (starts) > '1990' FROM appointment"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT min (first_date) <= min (substr (starts, 1, 10)) "
                                        "FROM clinic_session, appointment"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM appointment a JOIN appointment b "
                                        "ON b.clinician_id = a.clinician_id AND b.starts >= a.starts "
                                        "AND b.starts < a.ends AND b.id <> a.id "
                                        "WHERE a.status IN ('booked', 'arrived', 'seen') AND a.overbooked = 0 "
                                        "AND b.status IN ('booked', 'arrived', 'seen') AND b.overbooked = 0"), ==, 0);
}

static void
assert_no_diary (HarleyStore *store)
{
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM appointment"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM appointment_event"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM clinic_session"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM blocked_time"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM clinician"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM patient_event WHERE kind = 'appointment'"), ==, 0);
}

/* Runs harley-cli demo with @appointments on a new database in @dir. */
static int
run_demo (const char *path,
          const char *appointments,
          char      **err)
{
  const char *argv[] = { g_getenv ("HARLEY_CLI"), "--database", path, "demo", "--patients", "20",
                         "--appointments", appointments, NULL };
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err,
                               &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

static void
test_diary_none (Fixture       *f,
                 gconstpointer  data)
{
  const char *wrong[] = { "-1", "2000001", "many" };
  g_autofree char *path = g_build_filename (f->dir, "cli.db", NULL);
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GError) error = NULL;

  fill_full (f->store, 20, 0, SEED);
  assert_no_diary (f->store);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contact WHERE kind = 'other'"), ==, 0);

  /* The same from harley-cli; a wrong number writes nothing. */
  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (run_demo (path, wrong[i], &err), ==, 2);
      g_assert_nonnull (strstr (err, "--appointments"));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  g_assert_cmpint (run_demo (path, "0", NULL), ==, 0);
  store = harley_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (harley_register_count (store), ==, 20);
  assert_no_diary (store);
}

static void
test_diary_too_many (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GError) error = NULL;

  g_assert_false (harley_demo_fill_full (f->store, 10, HARLEY_DEMO_MAX_APPOINTMENTS + 1, SEED, now, &error));
  g_assert_error (error, HARLEY_DEMO_ERROR, HARLEY_DEMO_ERROR_TOO_MANY);
  g_assert_cmpint (harley_register_count (f->store), ==, 0);
  assert_no_diary (f->store);
}

/* Letters {{{1 */

static void
fill_with_letters (HarleyStore *store,
                   guint        n_patients,
                   guint32      seed)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_demo_fill_with_letters (store, n_patients, HARLEY_DEMO_DEFAULT_APPOINTMENTS, seed, now,
                                                harley_letter_draw_for_demo, NULL, &error));
  g_assert_no_error (error);
}

/* With a way to draw PDFs, letters in every state; approved ones keep a
 * PDF that passes its SHA-256. */
static void
test_letters_every_state (Fixture       *f,
                          gconstpointer  data)
{
  fill_with_letters (f->store, N_PATIENTS, SEED);
  for (guint s = HARLEY_LETTER_DRAFT; s < HARLEY_LETTER_N_STATES; s++)
    g_assert_cmpint (harley_letter_count_in_state (f->store, s), >, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM letter"), >=, 25);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM letter"), <=, 40);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM letter WHERE state = 'awaiting-correction' "
                                        "AND coalesce (correction, '') = ''"), ==, 0);
  /* Every letter has an addressee, its history and its timeline rows. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM letter l WHERE NOT EXISTS (SELECT 1 FROM "
                                        "letter_recipient r WHERE r.letter_id = l.id AND r.role = 'to')"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM letter l WHERE NOT EXISTS (SELECT 1 FROM "
                                        "letter_event e WHERE e.letter_id = l.id)"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM patient_event WHERE kind = 'letter'"), ==,
                   query_int (f->store, "SELECT count(*) FROM letter_event"));
  /* Sent and filed letters went to everyone; the others to nobody yet. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM letter_recipient r JOIN letter l ON l.id = r.letter_id "
                                        "WHERE (l.state IN ('sent', 'filed')) <> (r.sent_at IS NOT NULL)"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM letter WHERE body LIKE '%{{%'"), ==, 0);

  for (guint s = HARLEY_LETTER_APPROVED; s <= HARLEY_LETTER_FILED; s++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = harley_letter_list_in_state (f->store, s, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(GBytes) pdf = harley_letter_get_approved_pdf (f->store, g_array_index (ids, gint64, i), &error);
          gsize size = 0;
          const char *bytes;

          g_assert_no_error (error);
          bytes = g_bytes_get_data (pdf, &size);
          g_assert_cmpuint (size, >, 1000);
          g_assert_true (memcmp (bytes, "%PDF", 4) == 0);
        }
    }
}

/* Without a way to draw PDFs, no letter is approved. */
static void
test_letters_without_pdf (Fixture       *f,
                          gconstpointer  data)
{
  fill (f->store, N_PATIENTS, SEED);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM letter"), >, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM letter WHERE state IN ('approved', 'sent', 'filed')"),
                   ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM letter_version"), ==, 0);
  for (guint s = HARLEY_LETTER_DRAFT; s <= HARLEY_LETTER_AWAITING_CORRECTION; s++)
    g_assert_cmpint (harley_letter_count_in_state (f->store, s), >, 0);
}

static char *
letters_text (HarleyStore *store)
{
  sqlite3_stmt *stmt = NULL;
  GString *text = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (harley_store_get_db (store),
                                       "SELECT patient_id, appointment_id, subject, state, body, "
                                       "coalesce (correction, ''), (SELECT group_concat (role || kind || "
                                       "coalesce (contact_id, 0) || coalesce (sent_method, ''), ',') FROM "
                                       "letter_recipient r WHERE r.letter_id = l.id) FROM letter l ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < sqlite3_column_count (stmt); c++)
      g_string_append_printf (text, "%s\x02", (const char *) sqlite3_column_text (stmt, c));
  sqlite3_finalize (stmt);
  return g_string_free (text, FALSE);
}

static void
test_letters_deterministic (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = harley_test_db_path (dir);
  g_autoptr(HarleyStore) same = harley_store_open (path, NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  fill_with_letters (f->store, 300, SEED);
  fill_with_letters (same, 300, SEED);
  first = letters_text (f->store);
  second = letters_text (same);
  g_assert_cmpuint (strlen (first), >, 0);
  g_assert_cmpstr (first, ==, second);

  g_clear_object (&same);
  harley_test_remove_tree (dir);
}

/* No appointments, no letters. */
static void
test_letters_none (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_demo_fill_with_letters (f->store, 50, 0, SEED, now, harley_letter_draw_for_demo, NULL,
                                                &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM letter"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM sample"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM result"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/demo/deterministic", test_deterministic);
  ADD ("/demo/nhs-numbers", test_nhs_numbers);
  ADD ("/demo/addresses-and-phones", test_addresses_and_phones);
  ADD ("/demo/address-book", test_address_book);
  ADD ("/demo/shares", test_shares);
  ADD ("/demo/names", test_names);
  ADD ("/demo/search", test_search);
  ADD ("/demo/practice", test_practice);
  ADD ("/demo/disk-full-leaves-nothing", test_disk_full_leaves_nothing);
  ADD ("/demo/refuses-register-with-patients", test_refuses_register_with_patients);
  ADD ("/demo/too-many", test_too_many);
  ADD ("/demo/diary/counts", test_diary_counts);
  ADD ("/demo/diary/deterministic", test_diary_deterministic);
  ADD ("/demo/diary/no-double-booking", test_diary_no_double_booking);
  ADD ("/demo/diary/within-sessions", test_diary_within_sessions);
  ADD ("/demo/diary/times", test_diary_times);
  ADD ("/demo/diary/past-and-future", test_diary_past_and_future);
  ADD ("/demo/diary/teams", test_diary_teams);
  ADD ("/demo/diary/none", test_diary_none);
  ADD ("/demo/diary/too-many", test_diary_too_many);
  ADD ("/demo/letters/every-state", test_letters_every_state);
  ADD ("/demo/letters/without-pdf", test_letters_without_pdf);
  ADD ("/demo/letters/deterministic", test_letters_deterministic);
  ADD ("/demo/letters/none", test_letters_none);
#undef ADD

  return g_test_run ();
}
