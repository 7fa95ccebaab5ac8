/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit trail: every write path leaves an entry naming who, what and
 * which patient, with the fields changed; the app can neither change nor
 * remove an entry; and an entry edited, removed or slipped in with the
 * plain SQLite library, behind Harley's back, is found by verify, which
 * names the entry. */

#include <string.h>

#include "harley-audit-entry.h"
#include "harley-audit-print.h"
#include "harley-audit.h"
#include "harley-cli.h"
#include "harley-contact.h"
#include "harley-demo.h"
#include "harley-diary.h"
#include "harley-ical.h"
#include "harley-letter.h"
#include "harley-register.h"
#include "harley-sample.h"
#include "harley-test-util.h"

typedef struct
{
  HarleyTestDb db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  harley_test_db_set_up (&f->db, data);
  harley_store_set_user (f->db.store, "alice");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  harley_test_db_tear_down (&f->db, data);
}

/* The newest entry, as an outsider reads it */
typedef struct
{
  gint64  id;
  char   *who;
  char   *action;
  gint64  patient_id;
  char   *what;
  char   *details;
} Entry;

static void
entry_clear (Entry *e)
{
  g_clear_pointer (&e->who, g_free);
  g_clear_pointer (&e->action, g_free);
  g_clear_pointer (&e->what, g_free);
  g_clear_pointer (&e->details, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Entry, entry_clear)

static void
read_entry (Fixture *f,
            gint64   id,
            Entry   *e)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->db.path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, who, action, coalesce (patient_id, 0), what, details "
                                           "FROM audit WHERE id = coalesce (nullif (?, 0), (SELECT max (id) FROM audit))",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  e->id = sqlite3_column_int64 (stmt, 0);
  e->who = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  e->action = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  e->patient_id = sqlite3_column_int64 (stmt, 3);
  e->what = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  e->details = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static gint64
count_entries (Fixture *f)
{
  return harley_test_query_int (f->db.path, "SELECT count(*) FROM audit");
}

static void
assert_whole (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 bad = -1;

  g_assert_true (harley_audit_verify (f->db.store, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bad, ==, 0);
}

static gint64
add_patient (Fixture    *f,
             const char *given,
             const char *family)
{
  g_autoptr(HarleyPatient) p = harley_test_patient (given, family, "1961-03-12", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_register_save (f->db.store, p, HARLEY_REGISTER_SAVE_ALLOW_SAME_NAME_DOB, &error));
  g_assert_no_error (error);
  return harley_patient_get_id (p);
}

/* Write paths {{{1 */

static void
test_patient (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(HarleyPatient) p = NULL;
  g_autoptr(HarleyAuditEntry) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *changes = NULL;
  g_auto(Entry) created = { 0 };
  g_auto(Entry) changed = { 0 };
  g_auto(Entry) archived = { 0 };
  g_auto(Entry) restored = { 0 };
  gint64 id = add_patient (f, "Ann", "Lee");
  gint64 before;

  read_entry (f, 0, &created);
  g_assert_cmpstr (created.who, ==, "alice");
  g_assert_cmpstr (created.action, ==, "create");
  g_assert_cmpint (created.patient_id, ==, id);
  g_assert_cmpstr (created.what, ==, "Record of Ann Lee");
  g_assert_nonnull (strstr (created.details, "\"family_name\":\"Lee\""));
  g_assert_nonnull (strstr (created.details, "\"date_of_birth\":\"1961-03-12\""));
  /* empty fields are left out, and so is what Harley works out itself */
  g_assert_null (strstr (created.details, "\"email\""));
  g_assert_null (strstr (created.details, "name_words"));

  /* A change records only the fields changed, each [old, new]. */
  harley_store_set_user (f->db.store, "bob");
  p = harley_register_load (f->db.store, id, &error);
  g_assert_no_error (error);
  harley_patient_set_text (p, HARLEY_PATIENT_GIVEN_NAME, "Anne");
  harley_patient_set_text (p, HARLEY_PATIENT_PHONE_MOBILE, "07700 900123");
  g_assert_true (harley_register_save (f->db.store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  read_entry (f, 0, &changed);
  g_assert_cmpstr (changed.who, ==, "bob");
  g_assert_cmpstr (changed.action, ==, "change");
  g_assert_cmpint (changed.patient_id, ==, id);
  g_assert_cmpstr (changed.what, ==, "Record of Anne Lee");
  g_assert_cmpstr (changed.details, ==, "{\"given_name\":[\"Ann\",\"Anne\"],\"phone_mobile\":[null,\"07700 900123\"]}");
  loaded = harley_audit_entry_load (f->db.store, changed.id, &error);
  g_assert_no_error (error);
  changes = harley_audit_entry_dup_changes_text (loaded);
  g_assert_cmpstr (changes, ==, "given name: Ann → Anne\nphone mobile: — → 07700 900123");

  /* Saving without a change records nothing. */
  before = count_entries (f);
  g_assert_true (harley_register_save (f->db.store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_cmpint (count_entries (f), ==, before);

  g_assert_true (harley_register_set_archived (f->db.store, id, TRUE, &error));
  read_entry (f, 0, &archived);
  g_assert_cmpstr (archived.action, ==, "archive");
  g_assert_cmpstr (archived.details, ==, "{\"archived\":[0,1]}");
  g_assert_true (harley_register_set_archived (f->db.store, id, FALSE, &error));
  read_entry (f, 0, &restored);
  g_assert_cmpstr (restored.action, ==, "restore");
  assert_whole (f);
}

static gint64
book (Fixture *f,
      gint64   patient)
{
  HarleyBooking booking = { .patient_id = patient, .clinician_id = 1, .type_id = 2, .start = 9 * 60,
                            .end = 9 * 60 + 15 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_date_clear (&booking.date, 1);
  g_date_set_dmy (&booking.date, 14, G_DATE_JANUARY, 2031);
  id = harley_diary_book (f->db.store, &booking, HARLEY_BOOK_ALLOW_OUTSIDE_SESSION, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_booking (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Entry) booked = { 0 };
  g_auto(Entry) noted = { 0 };
  gint64 patient = add_patient (f, "Ann", "Lee");
  gint64 id = book (f, patient);

  read_entry (f, 0, &booked);
  g_assert_cmpstr (booked.who, ==, "alice");
  g_assert_cmpstr (booked.action, ==, "create");
  g_assert_cmpint (booked.patient_id, ==, patient);
  g_assert_cmpstr (booked.what, ==, "Appointment 14/01/2031 09:00");
  g_assert_nonnull (strstr (booked.details, "\"starts\":\"2031-01-14 09:00\""));
  g_assert_nonnull (strstr (booked.details, "\"status\":\"booked\""));

  g_assert_true (harley_diary_set_notes (f->db.store, id, "Bring the GP's letter", &error));
  g_assert_no_error (error);
  read_entry (f, 0, &noted);
  g_assert_cmpstr (noted.action, ==, "change");
  g_assert_cmpint (noted.patient_id, ==, patient);
  g_assert_cmpstr (noted.details, ==, "{\"notes\":[null,\"Bring the GP's letter\"]}");
  assert_whole (f);
}

static void
test_letter (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Entry) created = { 0 };
  g_auto(Entry) typed = { 0 };
  g_auto(Entry) printed = { 0 };
  g_autofree char *what = NULL;
  gint64 patient = add_patient (f, "Ann", "Lee");
  gint64 letter = harley_letter_create (f->db.store, patient, 0, 0, 0, "Clinic letter", "Dear Dr Khan", &error);

  g_assert_no_error (error);
  read_entry (f, 0, &created);
  g_assert_cmpstr (created.action, ==, "create");
  g_assert_cmpint (created.patient_id, ==, patient);
  /* The text by its length, not itself: it is saved as it is typed. */
  g_assert_nonnull (strstr (created.details, "\"body\":{\"characters\":12}"));
  g_assert_nonnull (strstr (created.details, "\"state\":\"draft\""));

  g_assert_true (harley_letter_set_state (f->db.store, letter, HARLEY_LETTER_TYPED, NULL, &error));
  g_assert_no_error (error);
  read_entry (f, 0, &typed);
  g_assert_cmpstr (typed.action, ==, "change");
  g_assert_cmpint (typed.patient_id, ==, patient);
  what = g_strdup_printf ("Letter %" G_GINT64_FORMAT ": Clinic letter", letter);
  g_assert_cmpstr (typed.what, ==, what);
  g_assert_nonnull (strstr (typed.details, "\"state\":[\"draft\",\"typed\"]"));

  /* A letter printed is noted with its patient. */
  g_assert_true (harley_audit_add_letter (f->db.store, HARLEY_AUDIT_PRINT, letter, NULL,
                                          "{\"printed\":\"the letter alone\"}", &error));
  read_entry (f, 0, &printed);
  g_assert_cmpstr (printed.action, ==, "print");
  g_assert_cmpint (printed.patient_id, ==, patient);
  g_assert_cmpstr (printed.what, ==, typed.what);
  assert_whole (f);
}

static void
test_sample (Fixture       *f,
             gconstpointer  data)
{
  HarleySampleNew sample = { .type = HARLEY_SAMPLE_HISTOLOGY, .site = "left forearm" };
  g_autoptr(HarleyContact) lab = harley_contact_new (HARLEY_CONTACT_LABORATORY, "Northgate Dermatopathology");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_auto(Entry) taken = { 0 };
  g_auto(Entry) sent = { 0 };
  g_auto(Entry) contact = { 0 };
  g_autofree char *what = NULL;
  gint64 id;

  sample.patient_id = add_patient (f, "Ann", "Lee");
  g_assert_true (harley_contact_save (f->db.store, lab, &error));
  read_entry (f, 0, &contact);
  g_assert_cmpstr (contact.action, ==, "create");
  g_assert_cmpint (contact.patient_id, ==, 0);
  g_assert_cmpstr (contact.what, ==, "Address book: Northgate Dermatopathology");

  g_date_clear (&sample.taken_on, 1);
  g_date_set_dmy (&sample.taken_on, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  id = harley_sample_add (f->db.store, &sample, &error);
  g_assert_no_error (error);
  read_entry (f, 0, &taken);
  g_assert_cmpstr (taken.action, ==, "create");
  g_assert_cmpint (taken.patient_id, ==, sample.patient_id);
  what = g_strdup_printf ("Sample %" G_GINT64_FORMAT " (histology, left forearm)", id);
  g_assert_cmpstr (taken.what, ==, what);

  g_assert_true (harley_sample_send (f->db.store, id, harley_contact_get_id (lab), &sample.taken_on,
                                     HARLEY_SEND_POST, "NDP-1", NULL, &error));
  g_assert_no_error (error);
  read_entry (f, 0, &sent);
  g_assert_cmpstr (sent.action, ==, "change");
  g_assert_cmpint (sent.patient_id, ==, sample.patient_id);
  g_assert_nonnull (strstr (sent.details, "\"state\":[\"taken\",\"sent\"]"));
  g_assert_nonnull (strstr (sent.details, "\"lab_reference\":[null,\"NDP-1\"]"));
  assert_whole (f);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *ics = g_build_filename (f->db.dir, "diary \"week\".ics", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(Entry) exported = { 0 };
  GDate from, to;

  book (f, add_patient (f, "Ann", "Lee"));
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 13, G_DATE_JANUARY, 2031);
  g_date_clear (&to, 1);
  g_date_set_dmy (&to, 19, G_DATE_JANUARY, 2031);
  g_assert_true (harley_ical_export_to_file (f->db.store, 0, &from, &to, HARLEY_ICAL_INCLUDE_PATIENT_NAMES, ics,
                                             NULL, &error));
  g_assert_no_error (error);
  read_entry (f, 0, &exported);
  g_assert_cmpstr (exported.action, ==, "export");
  g_assert_cmpint (exported.patient_id, ==, 0);
  g_assert_cmpstr (exported.what, ==, "Diary as iCalendar, 13/01/2031 to 19/01/2031, 1 appointment");
  /* the file's name is escaped as JSON needs */
  g_assert_cmpint (harley_test_query_int (f->db.path, "SELECT json_valid (details) FROM audit "
                                                      "WHERE id = (SELECT max (id) FROM audit)"), ==, 1);
  g_assert_nonnull (strstr (exported.details, "diary \\\"week\\\".ics"));
  g_assert_nonnull (strstr (exported.details, "\"patient_names\":\"included\""));
}

static void
test_view (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *details = harley_audit_details ("file", "/media/usb/a \"b\"\n", "none", NULL, NULL);
  g_auto(Entry) viewed = { 0 };
  g_auto(Entry) backup = { 0 };
  gint64 id = add_patient (f, "Ann", "Lee");
  gint64 n;

  g_assert_cmpstr (details, ==, "{\"file\":\"/media/usb/a \\\"b\\\"\\u000a\",\"none\":null}");
  g_assert_true (harley_audit_add (f->db.store, HARLEY_AUDIT_VIEW, id, NULL, NULL, &error));
  read_entry (f, 0, &viewed);
  g_assert_cmpstr (viewed.who, ==, "alice");
  g_assert_cmpstr (viewed.action, ==, "view");
  g_assert_cmpint (viewed.patient_id, ==, id);
  g_assert_cmpstr (viewed.what, ==, "Record of Ann Lee");
  g_assert_null (viewed.details);

  g_assert_true (harley_audit_add (f->db.store, HARLEY_AUDIT_BACKUP, 0, "Backup to /media/usb", details, &error));
  read_entry (f, 0, &backup);
  g_assert_cmpint (backup.patient_id, ==, 0);
  g_assert_cmpstr (backup.details, ==, details);

  /* A record on screen is noted once the main loop is idle. */
  n = count_entries (f);
  harley_audit_add_when_idle (f->db.store, HARLEY_AUDIT_VIEW, id);
  g_assert_cmpint (count_entries (f), ==, n);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (count_entries (f), ==, n + 1);
}

static void
test_default_user (void)
{
  g_autofree char *dir = harley_test_make_dir ();
  g_autofree char *path = harley_test_db_path (dir);
  g_autoptr(HarleyStore) store = harley_store_open (path, NULL);

  g_assert_cmpstr (harley_store_get_user (store), ==, g_get_user_name ());
  harley_store_set_user (store, "carol");
  g_assert_cmpstr (harley_store_get_user (store), ==, "carol");
  harley_store_set_user (store, NULL);
  g_assert_cmpstr (harley_store_get_user (store), ==, g_get_user_name ());
  g_clear_object (&store);
  harley_test_remove_tree (dir);
}

static void
test_find (Fixture       *f,
           gconstpointer  data)
{
  HarleyAuditFilter filter = { 0 };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) users = NULL;
  gboolean more = TRUE;
  gint64 ann = add_patient (f, "Ann", "Lee");
  GDate today;

  harley_store_set_user (f->db.store, "bob");
  add_patient (f, "Bea", "Lee");
  g_assert_true (harley_audit_add (f->db.store, HARLEY_AUDIT_VIEW, ann, NULL, NULL, &error));

  filter.patient_id = ann;
  ids = harley_audit_find (f->db.store, &filter, 10, &more, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_false (more);
  /* newest first */
  g_assert_cmpint (g_array_index (ids, gint64, 0), >, g_array_index (ids, gint64, 1));
  g_clear_pointer (&ids, g_array_unref);

  filter = (HarleyAuditFilter) { .who = "bob", .action = "create" };
  ids = harley_audit_find (f->db.store, &filter, 10, &more, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  filter = (HarleyAuditFilter) { 0 };
  ids = harley_audit_find (f->db.store, &filter, 2, &more, &error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_true (more);
  g_clear_pointer (&ids, g_array_unref);

  /* Today's entries, and none from a day long past */
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  filter = (HarleyAuditFilter) { .from = &today, .to = &today };
  ids = harley_audit_find (f->db.store, &filter, 10, &more, &error);
  g_assert_cmpuint (ids->len, ==, 3);
  g_clear_pointer (&ids, g_array_unref);
  g_date_set_dmy (&today, 1, G_DATE_JANUARY, 2001);
  ids = harley_audit_find (f->db.store, &filter, 10, &more, &error);
  g_assert_cmpuint (ids->len, ==, 0);

  users = harley_audit_list_users (f->db.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (users), ==, 2);
  g_assert_cmpstr (users[0], ==, "alice");
  g_assert_cmpstr (users[1], ==, "bob");
}

/* A whole demo practice: every table's triggers, each row there now
 * created once (and not removed since) */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  static const struct { const char *table; const char *what; } tables[] = {
    { "patient", "what LIKE 'Record of %'" },
    { "appointment", "what LIKE 'Appointment %'" },
    { "contact", "what LIKE 'Address book: %'" },
    { "letter", "what LIKE 'Letter %' AND json_extract (details, '$.state') IS NOT NULL" },
    { "letter_recipient", "what LIKE 'Letter %' AND json_extract (details, '$.role') IS NOT NULL" },
    { "sample", "what LIKE 'Sample %'" },
    { "result", "what LIKE 'Result %'" },
    { "call", "what LIKE 'Call %'" },
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_demo_fill_full (f->db.store, 200, HARLEY_DEMO_DEFAULT_APPOINTMENTS, 1, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *rows = g_strdup_printf ("SELECT count(*) FROM %s", tables[i].table);
      g_autofree char *created = g_strdup_printf ("SELECT total (action = 'create') - total (action = 'delete') "
                                                  "FROM audit WHERE %s", tables[i].what);
      gint64 n = harley_test_query_int (f->db.path, rows);

      g_test_message ("%s: %" G_GINT64_FORMAT " rows", tables[i].table, n);
      g_assert_cmpint (n, >, 0);
      g_assert_cmpint (harley_test_query_int (f->db.path, created), ==, n);
    }
  g_assert_cmpint (harley_test_query_int (f->db.path, "SELECT count(*) FROM audit WHERE who <> 'alice'"), ==, 0);
  assert_whole (f);
}

/* The app cannot change the trail {{{1 */

static void
test_app_cannot_change (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *who = NULL;
  gint64 n;

  add_patient (f, "Ann", "Lee");
  n = count_entries (f);
  g_assert_false (harley_store_exec (f->db.store, "UPDATE audit SET who = 'mallory'", &error));
  g_assert_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "cannot be changed"));
  g_clear_error (&error);
  g_assert_false (harley_store_exec (f->db.store, "DELETE FROM audit", &error));
  g_assert_nonnull (strstr (error->message, "cannot be removed"));
  g_clear_error (&error);
  /* nor add one that does not follow on from the last */
  g_assert_false (harley_store_exec (f->db.store,
    "INSERT INTO audit (id, at, who, action, what, prev_hash, hash) SELECT max (id) + 1, "
    "'2030-01-01T00:00:00Z', 'mallory', 'view', 'Forged', hash, hash FROM audit", &error));
  g_assert_nonnull (strstr (error->message, "must follow on"));

  g_assert_cmpint (count_entries (f), ==, n);
  who = harley_test_query_text (f->db.path, "SELECT group_concat (DISTINCT who) FROM audit");
  g_assert_cmpstr (who, ==, "alice");
  assert_whole (f);
}

/* Tampering behind Harley's back {{{1 */

#define N_FILLED 8

/* Entries 1 to N_FILLED, then the store closed. */
static void
fill (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i <= N_FILLED; i++)
    {
      g_autofree char *what = g_strdup_printf ("Entry %u", i);

      g_assert_true (harley_audit_add (f->db.store, HARLEY_AUDIT_EXPORT, 0, what, NULL, &error));
      g_assert_no_error (error);
    }
  assert_whole (f);
  g_clear_object (&f->db.store);
}

/* What someone with the file and the sqlite3 library could do: without
 * Harley's functions, and with its triggers dropped. */
static void
tamper (Fixture    *f,
        const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->db.path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
verify_after_tampering (Fixture          *f,
                        HarleyAuditError  code,
                        const char       *said)
{
  g_autoptr(GError) error = NULL;
  gint64 bad = -1;

  f->db.store = harley_store_open (f->db.path, &error);
  g_assert_no_error (error);
  g_assert_false (harley_audit_verify (f->db.store, &bad, &error));
  g_assert_error (error, HARLEY_AUDIT_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, said));
  g_assert_nonnull (strstr (error->message, "Keep this file as it is"));
  return bad;
}

#define DROP_GUARDS "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; DROP TRIGGER audit_chained; "

static void
test_tamper_edit (Fixture       *f,
                  gconstpointer  data)
{
  fill (f);
  tamper (f, DROP_GUARDS "UPDATE audit SET what = 'Nothing to see' WHERE id = 5");
  g_assert_cmpint (verify_after_tampering (f, HARLEY_AUDIT_ERROR_BROKEN, "broken at entry 5 ("), ==, 5);
}

static void
test_tamper_remove (Fixture       *f,
                    gconstpointer  data)
{
  fill (f);
  tamper (f, DROP_GUARDS "DELETE FROM audit WHERE id = 5");
  g_assert_cmpint (verify_after_tampering (f, HARLEY_AUDIT_ERROR_BROKEN,
                                           "broken at entry 5: it has been removed. The entry after it is 6 ("),
                   ==, 5);
}

static void
test_tamper_remove_last (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fill (f);
  tamper (f, DROP_GUARDS "DELETE FROM audit WHERE id >= 7");
  g_assert_cmpint (verify_after_tampering (f, HARLEY_AUDIT_ERROR_BROKEN,
                                           "broken at entry 7: the last entries, 7 to 8, have been removed"),
                   ==, 7);
  /* and still once Harley adds more: the next entry is 9, not 7 */
  g_assert_true (harley_audit_add (f->db.store, HARLEY_AUDIT_EXPORT, 0, "Entry 9", NULL, &error));
  g_assert_cmpint (harley_test_query_int (f->db.path, "SELECT max (id) FROM audit"), ==, 9);
  g_clear_object (&f->db.store);
  g_assert_cmpint (verify_after_tampering (f, HARLEY_AUDIT_ERROR_BROKEN,
                                           "broken at entry 7: entries 7 to 8 have been removed. The entry "
                                           "after them is 9 ("), ==, 7);
}

static char *
canonical_hash (const char * const *fields,
                guint               n)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  /* As 006-audit.sql documents it: length ':' text ',' or "~," for NULL */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *field = fields[i] != NULL ? g_strdup_printf ("%zu:%s,", strlen (fields[i]), fields[i])
                                                 : g_strdup ("~,");

      g_checksum_update (checksum, (const guchar *) field, -1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static void
test_tamper_insert (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *prev = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *sql = NULL;

  fill (f);
  prev = harley_test_query_text (f->db.path, "SELECT hash FROM audit WHERE id = 4");
  /* A well-made forgery: the entries after it moved up one, and its own
   * hash right. The entry after it still follows on from entry 4. */
  hash = canonical_hash ((const char *[]) { prev, "5", "2030-01-01T10:00:00Z", "mallory", "view", NULL,
                                            "Forged", NULL }, 8);
  sql = g_strdup_printf (DROP_GUARDS
                         "UPDATE audit SET id = id + 1000 WHERE id >= 5; "
                         "UPDATE audit SET id = id - 999 WHERE id >= 1000; "
                         "INSERT INTO audit (id, at, who, action, patient_id, what, details, prev_hash, hash) "
                         "VALUES (5, '2030-01-01T10:00:00Z', 'mallory', 'view', NULL, 'Forged', NULL, '%s', '%s')",
                         prev, hash);
  tamper (f, sql);
  g_assert_cmpint (verify_after_tampering (f, HARLEY_AUDIT_ERROR_BROKEN, "broken at entry 5 (01/01/2030 10:00, "
                                           "mallory, Forged): it was added behind Harley’s back, between "
                                           "entries 4 and 6"), ==, 5);
}

static void
test_tamper_insert_last (Fixture       *f,
                         gconstpointer  data)
{
  fill (f);
  tamper (f, DROP_GUARDS
          "INSERT INTO audit (id, at, who, action, what, prev_hash, hash) SELECT 9, '2030-01-01T10:00:00Z', "
          "'mallory', 'view', 'Forged', hash, hash FROM audit WHERE id = 8");
  g_assert_cmpint (verify_after_tampering (f, HARLEY_AUDIT_ERROR_BROKEN, "broken at entry 9 ("), ==, 9);
}

static void
test_tamper_unprotected (Fixture       *f,
                         gconstpointer  data)
{
  fill (f);
  tamper (f, "DROP TRIGGER audit_patient_update");
  g_assert_cmpint (verify_after_tampering (f, HARLEY_AUDIT_ERROR_UNPROTECTED, "1 of the safeguards"), ==, 0);
}

static void
test_tamper_guard_replaced (Fixture       *f,
                            gconstpointer  data)
{
  fill (f);
  /* The same name, doing nothing */
  tamper (f, "DROP TRIGGER audit_no_delete; "
             "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT 1; END");
  g_assert_cmpint (verify_after_tampering (f, HARLEY_AUDIT_ERROR_UNPROTECTED, "1 of the safeguards that keep "
                                           "it has been removed from the database or changed"), ==, 0);
}

static void
test_canonical_form (Fixture       *f,
                     gconstpointer  data)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  add_patient (f, "Ann", "Lee");
  g_assert_true (harley_audit_add (f->db.store, HARLEY_AUDIT_VIEW, 1, NULL, NULL, NULL));
  g_assert_cmpint (sqlite3_open_v2 (f->db.path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT prev_hash, id, at, who, action, patient_id, what, details, hash "
                                           "FROM audit ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *fields[8];
      g_autofree char *hash = NULL;

      for (int i = 0; i < 8; i++)
        fields[i] = (const char *) sqlite3_column_text (stmt, i);
      if (n++ == 0)
        g_assert_cmpstr (fields[0], ==, HARLEY_AUDIT_FIRST_PREV_HASH);
      hash = canonical_hash (fields, 8);
      g_assert_cmpstr (hash, ==, (const char *) sqlite3_column_text (stmt, 8));
    }
  g_assert_cmpuint (n, ==, 2);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* harley-cli {{{1 */

static int
run_cli (Fixture     *f,
         char       **out,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (char *) "-d");
  g_ptr_array_add (args, f->db.path);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return harley_test_run_cli ((const char * const *) args->pdata, out, err);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *json = NULL;
  g_auto(Entry) added = { 0 };

  fill (f);
  g_assert_cmpint (run_cli (f, &out, NULL, "audit", "verify", NULL), ==, HARLEY_CLI_EXIT_OK);
  g_assert_cmpstr (out, ==, "The audit trail is whole: 8 entries.\n");
  g_clear_pointer (&out, g_free);

  /* harley-cli's own writes are the system user's */
  g_assert_cmpint (run_cli (f, NULL, NULL, "patients", "add", "--given", "Ann", "--family", "Lee", "--dob",
                            "1961-03-12", NULL), ==, HARLEY_CLI_EXIT_OK);
  read_entry (f, 0, &added);
  g_assert_cmpstr (added.who, ==, g_get_user_name ());
  g_assert_cmpstr (added.action, ==, "create");

  g_assert_cmpint (run_cli (f, &out, NULL, "audit", "list", "--action", "export", "--limit", "3", NULL),
                   ==, HARLEY_CLI_EXIT_OK);
  g_assert_true (g_str_has_prefix (out, "8  "));
  g_assert_nonnull (strstr (out, "alice  export  Entry 8\n"));
  g_assert_null (strstr (out, "Entry 5"));
  g_assert_cmpint (run_cli (f, &json, NULL, "audit", "list", "--patient", "1", "--json", NULL),
                   ==, HARLEY_CLI_EXIT_OK);
  g_assert_true (g_str_has_prefix (json, "{\"more\": false, \"entries\": [\n  {\"id\": 9, "));
  g_assert_nonnull (strstr (json, "\"who\": \""));
  g_assert_nonnull (strstr (json, "\"action\": \"create\", \"patient_id\": 1, \"what\": \"Record of Ann Lee\""));
  g_assert_cmpint (run_cli (f, NULL, &err, "audit", "list", "--action", "shred", NULL), ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_nonnull (strstr (err, "is not an action"));
  g_clear_pointer (&err, g_free);

  tamper (f, DROP_GUARDS "UPDATE audit SET who = 'mallory' WHERE id = 3");
  g_assert_cmpint (run_cli (f, NULL, &err, "audit", "verify", NULL), ==, HARLEY_CLI_EXIT_AUDIT_BROKEN);
  g_assert_true (g_str_has_prefix (err, "harley-cli: The audit trail is broken at entry 3 ("));
  g_assert_nonnull (strstr (err, ", mallory, Entry 3): "));
}

/* A hospital number changed is one entry: the others are left alone. */
static void
save_numbers (Fixture            *f,
              HarleyPatient      *p,
              const char * const *numbers)
{
  g_autoptr(GError) error = NULL;

  harley_patient_clear_hospital_numbers (p);
  for (guint i = 0; numbers[i] != NULL; i++)
    harley_patient_add_hospital_number (p, 0, NULL, numbers[i]);
  g_assert_true (harley_register_save (f->db.store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
}

static void
assert_number_entry (Fixture    *f,
                     gint64      patient,
                     const char *action,
                     const char *details)
{
  g_auto(Entry) e = { 0 };

  read_entry (f, 0, &e);
  g_assert_cmpstr (e.action, ==, action);
  g_assert_cmpint (e.patient_id, ==, patient);
  g_assert_cmpstr (e.what, ==, "Hospital number of Ann Lee");
  g_assert_cmpstr (e.details, ==, details);
}

static void
test_hospital_numbers (Fixture       *f,
                       gconstpointer  data)
{
  gint64 id = add_patient (f, "Ann", "Lee");
  g_autoptr(HarleyPatient) p = harley_register_load (f->db.store, id, NULL);
  const char *sql = "SELECT group_concat (id || ':' || number, ' ') FROM hospital_number";
  gint64 before;

  save_numbers (f, p, (const char *[]) { "RX1 234", NULL });
  assert_number_entry (f, id, "create", "{\"number\":\"RX1 234\"}");
  before = count_entries (f);
  save_numbers (f, p, (const char *[]) { "RX1 234", "K55", NULL });
  g_assert_cmpint (count_entries (f), ==, before + 1);   /* not a delete and two inserts */
  assert_number_entry (f, id, "create", "{\"number\":\"K55\"}");
  harley_test_assert_query_text (f->db.path, sql, "1:RX1 234 2:K55");

  save_numbers (f, p, (const char *[]) { "RX1 234", "K56", NULL });
  assert_number_entry (f, id, "change", "{\"number\":[\"K55\",\"K56\"]}");
  harley_test_assert_query_text (f->db.path, sql, "1:RX1 234 2:K56");
  save_numbers (f, p, (const char *[]) { "K56", NULL });
  assert_number_entry (f, id, "delete", "{\"number\":\"RX1 234\"}");
  harley_test_assert_query_text (f->db.path, sql, "2:K56");

  before = count_entries (f);
  save_numbers (f, p, (const char *[]) { "K56", NULL });
  g_assert_cmpint (count_entries (f), ==, before);
  assert_whole (f);
}

static void
test_templates_and_practice (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GBytes) logo = g_bytes_new_static ("\x89PNG fake", 9);
  g_autoptr(GError) error = NULL;
  g_auto(Entry) created = { 0 };
  g_auto(Entry) changed = { 0 };
  g_auto(Entry) detail = { 0 };
  g_auto(Entry) secret = { 0 };
  g_auto(Entry) picture = { 0 };
  gint64 id = harley_letter_template_create (f->db.store, "Thank you", "To the GP", "Dear {{gp.name}},",
                                             HARLEY_RECIPIENT_GP, &error);
  gint64 before;

  g_assert_no_error (error);
  read_entry (f, 0, &created);
  g_assert_cmpstr (created.action, ==, "create");
  g_assert_cmpstr (created.what, ==, "Letter template: Thank you");
  g_assert_nonnull (strstr (created.details, "\"body\":\"Dear {{gp.name}},\""));
  g_assert_true (harley_letter_template_save (f->db.store, id, "Thank you", "To the GP", "Dear Dr {{gp.name}},",
                                              HARLEY_RECIPIENT_GP, &error));
  read_entry (f, 0, &changed);
  g_assert_cmpstr (changed.action, ==, "change");
  g_assert_cmpstr (changed.details, ==, "{\"body\":[\"Dear {{gp.name}},\",\"Dear Dr {{gp.name}},\"]}");

  g_assert_true (harley_store_set_practice_detail (f->db.store, "phone", "0113 496 0000", &error));
  g_assert_true (harley_store_set_practice_detail (f->db.store, "phone", "0113 496 0001", &error));
  read_entry (f, 0, &detail);
  g_assert_cmpstr (detail.what, ==, "Practice details: phone");
  g_assert_cmpstr (detail.details, ==, "{\"value\":[\"0113 496 0000\",\"0113 496 0001\"]}");
  before = count_entries (f);
  g_assert_true (harley_store_set_practice_detail (f->db.store, "phone", "0113 496 0001", &error));
  g_assert_cmpint (count_entries (f), ==, before);

  /* A passphrase: that it changed, never what it is. */
  g_assert_true (harley_store_set_practice_detail (f->db.store, "backup_passphrase", "tangerine harbour 42", &error));
  g_assert_true (harley_store_set_practice_detail (f->db.store, "backup_passphrase", "violet canal 7", &error));
  read_entry (f, 0, &secret);
  g_assert_cmpstr (secret.action, ==, "change");
  g_assert_cmpstr (secret.details, ==, "{\"value\":[\"(not recorded)\",\"(not recorded)\"]}");
  g_assert_cmpint (harley_test_query_int (f->db.path, "SELECT count(*) FROM audit WHERE details LIKE '%tangerine%' "
                                                      "OR details LIKE '%violet%'"), ==, 0);

  g_assert_true (harley_store_set_practice_logo (f->db.store, logo, "image/png", &error));
  g_assert_no_error (error);
  read_entry (f, 0, &picture);
  g_assert_cmpstr (picture.what, ==, "Practice logo");
  g_assert_cmpstr (picture.details, ==, "{\"mime_type\":\"image/png\",\"bytes\":9}");
  assert_whole (f);
}

/* Labels, envelopes, manifests: each letter or sample printed, with its patient. */
static void
test_printouts (Fixture       *f,
                gconstpointer  data)
{
  HarleySampleNew sample = { .type = HARLEY_SAMPLE_HISTOLOGY, .site = "left forearm" };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_auto(Entry) letter_entry = { 0 };
  g_auto(Entry) sample_entry = { 0 };
  gint64 ann = add_patient (f, "Ann", "Lee");
  gint64 letter = harley_letter_create (f->db.store, ann, 0, 0, 0, "Clinic letter", "Dear Dr Khan", &error);
  gint64 before, id;

  g_array_append_val (ids, letter);
  g_assert_true (harley_audit_add_printed (f->db.store, HARLEY_AUDIT_SUBJECT_LETTER, ids, "address labels",
                                           "/media/usb/labels.pdf", &error));
  g_assert_no_error (error);
  read_entry (f, 0, &letter_entry);
  g_assert_cmpstr (letter_entry.action, ==, "print");
  g_assert_cmpint (letter_entry.patient_id, ==, ann);
  g_assert_cmpstr (letter_entry.details, ==, "{\"printed\":\"address labels\",\"file\":\"/media/usb/labels.pdf\"}");

  sample.patient_id = add_patient (f, "Bob", "Hill");
  g_date_clear (&sample.taken_on, 1);
  g_date_set_dmy (&sample.taken_on, 14, G_DATE_JANUARY, 2025);
  id = harley_sample_add (f->db.store, &sample, &error);
  g_assert_no_error (error);
  g_array_set_size (ids, 0);
  g_array_append_val (ids, id);
  g_assert_true (harley_audit_add_printed (f->db.store, HARLEY_AUDIT_SUBJECT_SAMPLE, ids, "specimen labels", NULL,
                                           &error));
  read_entry (f, 0, &sample_entry);
  g_assert_cmpint (sample_entry.patient_id, ==, sample.patient_id);
  g_assert_true (g_str_has_suffix (sample_entry.what, " (histology, left forearm)"));
  g_assert_cmpstr (sample_entry.details, ==, "{\"printed\":\"specimen labels\"}");

  /* A sample no longer there adds nothing; the others are noted. */
  before = count_entries (f);
  id = 999;
  g_array_append_val (ids, id);
  g_assert_true (harley_audit_add_printed (f->db.store, HARLEY_AUDIT_SUBJECT_SAMPLE, ids, "specimen labels", NULL,
                                           &error));
  g_assert_cmpint (count_entries (f), ==, before + 1);
  assert_whole (f);
}

/* Many entries {{{1 */

static void
test_many (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 start, added, checked, bad = -1;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *what = g_strdup_printf ("Entry %u", i + 1);

      if (i % 1000 == 0)
        g_assert_true (harley_store_begin (f->db.store, &error));
      g_assert_true (harley_audit_add (f->db.store, HARLEY_AUDIT_VIEW, 0, what, "{\"n\":1}", &error));
      if (i % 1000 == 999)
        g_assert_true (harley_store_commit (f->db.store, &error));
    }
  added = g_get_monotonic_time () - start;
  start = g_get_monotonic_time ();
  g_assert_true (harley_audit_verify (f->db.store, &bad, &error));
  checked = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_assert_cmpint (harley_audit_count (f->db.store, NULL), ==, 10000);
  g_test_message ("10000 entries added in %.0f ms (%.1f µs each), verified in %.0f ms",
                  added / 1000.0, added / 10000.0, checked / 1000.0);
  /* generous: it takes some tens of milliseconds */
  g_assert_cmpint (checked, <, 5 * G_USEC_PER_SEC);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/audit/patient", test_patient);
  ADD ("/audit/booking", test_booking);
  ADD ("/audit/letter", test_letter);
  ADD ("/audit/sample", test_sample);
  ADD ("/audit/export", test_export);
  ADD ("/audit/hospital-numbers", test_hospital_numbers);
  ADD ("/audit/templates-and-practice", test_templates_and_practice);
  ADD ("/audit/printouts", test_printouts);
  ADD ("/audit/view", test_view);
  g_test_add_func ("/audit/default-user", test_default_user);
  ADD ("/audit/find", test_find);
  ADD ("/audit/demo", test_demo);
  ADD ("/audit/app-cannot-change", test_app_cannot_change);
  ADD ("/audit/tamper/edit", test_tamper_edit);
  ADD ("/audit/tamper/remove", test_tamper_remove);
  ADD ("/audit/tamper/remove-last", test_tamper_remove_last);
  ADD ("/audit/tamper/insert", test_tamper_insert);
  ADD ("/audit/tamper/insert-last", test_tamper_insert_last);
  ADD ("/audit/tamper/unprotected", test_tamper_unprotected);
  ADD ("/audit/tamper/guard-replaced", test_tamper_guard_replaced);
  ADD ("/audit/canonical-form", test_canonical_form);
  ADD ("/audit/cli", test_cli);
  ADD ("/audit/many", test_many);
#undef ADD

  return g_test_run ();
}
