/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-backup"

/* Encrypted backups: made, verified, restored whole or not at all; a wrong
 * passphrase, a damaged, cut or foreign file each refused with the live
 * database untouched; and harley-cli backup as a script runs it. */

#include <gio/gio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harley-audit.h"
#include "harley-backup.h"
#include "harley-demo.h"
#include "harley-letter-draw.h"
#include "harley-register.h"
#include "harley-test-util.h"

#define PASSPHRASE  "correct horse battery staple"
#define WRONG       "correct horse battery stable"
#define SURNAME     "Quillfeather-Marchbanks"
#define HEADER_SIZE 72

static char *template_path;   /* a demo practice, made once and copied */
static char *private_tmp;     /* TMPDIR of this test and the programs it runs */

typedef struct
{
  HarleyTestDb  db;
  char         *backups;
} Fixture;

/* Helpers {{{1 */

static void
make_template (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2025-10-14T11:20:00Z", NULL);
  g_autoptr(HarleyPatient) patient = harley_test_patient ("Philippa", SURNAME, "1958-02-11", "9434765919");
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = harley_test_make_dir ();

  template_path = harley_test_db_path (dir);
  store = harley_store_open (template_path, &error);
  g_assert_no_error (error);
  g_assert_true (harley_demo_fill_with_letters (store, 120, 300, 3, now, harley_letter_draw_for_demo, NULL,
                                                &error));
  g_assert_no_error (error);
  g_assert_true (harley_register_save (store, patient, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) bytes = harley_test_read_file (template_path);
  g_autoptr(GError) error = NULL;

  f->db.dir = harley_test_make_dir ();
  f->db.path = harley_test_db_path (f->db.dir);
  g_assert_true (g_file_set_contents (f->db.path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                      &error));
  g_chmod (f->db.path, 0600);
  f->db.store = harley_store_open (f->db.path, &error);
  g_assert_no_error (error);
  f->backups = g_build_filename (f->db.dir, "backups", NULL);
  g_assert_cmpint (g_mkdir (f->backups, 0700), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->backups);
  harley_test_db_tear_down (&f->db, data);
}

/* A hash of every row of the main tables, to tell "untouched" exactly. */
static char *
fingerprint (const char *path)
{
  static const char * const queries[] = {
    "SELECT * FROM patient ORDER BY rowid", "SELECT * FROM contact ORDER BY rowid",
    "SELECT * FROM appointment ORDER BY rowid", "SELECT * FROM letter ORDER BY rowid",
    "SELECT * FROM sample ORDER BY rowid",
  };
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const guchar *text = sqlite3_column_text (stmt, c);

            g_checksum_update (sum, text != NULL ? text : (const guchar *) "\x01", -1);
            g_checksum_update (sum, (const guchar *) "\x1f", 1);
          }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (sum));
}

static char *
make_backup (Fixture    *f,
             guint       keep)
{
  g_autoptr(GError) error = NULL;
  char *file = harley_backup_create (f->db.store, f->backups, PASSPHRASE, keep, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (file);
  return file;
}

static gint64
store_query_int (HarleyStore *store,
                             const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (harley_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Makes a backup and closes the store, as a restore needs. */
static char *
backup_and_close (Fixture *f)
{
  char *file = make_backup (f, 7);

  g_clear_object (&f->db.store);
  return file;
}

static guint
count_names (const char *dir,
             const char *part)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (strstr (name, part) != NULL)
      n++;
  return n;
}

/* Nothing of a backup or a restore is left behind: no ".part", no hidden
 * restore copy, no private folder with a plain copy in it. */
static void
assert_no_leftovers (Fixture *f)
{
  g_assert_cmpuint (count_names (f->backups, ".part"), ==, 0);
  g_assert_cmpuint (count_names (f->db.dir, ".restore-"), ==, 0);
  g_assert_cmpuint (count_names (private_tmp, "harley-backup-"), ==, 0);
}

static char *
write_variant (Fixture    *f,
               const char *name,
               GBytes     *bytes,
               gsize       length)
{
  char *path = g_build_filename (f->db.dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), length, &error));
  return path;
}

/* A restore of @file must fail with @code, leaving the live database as
 * it was and nothing kept aside. */
static void
assert_refused (Fixture    *f,
                const char *file,
                const char *passphrase,
                int         code)
{
  g_autofree char *before = fingerprint (f->db.path);
  g_autofree char *after = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(HarleyBackupSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = harley_backup_verify (file, passphrase, &error);
  g_assert_error (error, HARLEY_BACKUP_ERROR, code);
  g_assert_null (summary);
  g_clear_error (&error);
  g_assert_false (harley_backup_restore (file, f->db.path, passphrase, &kept, &error));
  g_assert_error (error, HARLEY_BACKUP_ERROR, code);
  g_assert_null (kept);
  after = fingerprint (f->db.path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_names (f->db.dir, "before-restore"), ==, 0);
  assert_no_leftovers (f);
}

/* Round trip {{{1 */

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *original = fingerprint (f->db.path);
  g_autofree char *file = make_backup (f, 7);
  g_autofree char *name = g_path_get_basename (file);
  g_autofree char *recorded = harley_store_get_practice_detail (f->db.store, "last_backup_file");
  g_autofree char *recorded_at = harley_store_get_practice_detail (f->db.store, "last_backup_at");
  g_autoptr(HarleyPatient) later = harley_test_patient ("Late", "Addition", "1990-01-01", NULL);
  g_autoptr(HarleyBackupSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *kept = NULL;

  g_assert_true (g_regex_match_simple ("^harley-[0-9]{8}-[0-9]{6}\\.hbak$", name, 0, 0));
  g_assert_cmpstr (recorded, ==, file);
  g_assert_nonnull (recorded_at);
  assert_no_leftovers (f);

  summary = harley_backup_verify (file, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->patients, ==, harley_test_query_int (f->db.path, "SELECT count(*) FROM patient"));
  g_assert_cmpint (summary->patients, ==, 121);
  g_assert_cmpint (summary->appointments, >, 0);
  g_assert_cmpint (summary->letters, >, 0);
  g_assert_cmpint (summary->samples, >, 0);
  g_assert_cmpint (summary->schema, ==, harley_store_latest_schema ());
  g_assert_cmpstr (summary->harley_version, ==, HARLEY_VERSION);
  assert_no_leftovers (f);

  /* A change after the backup is undone by the restore, and kept aside. */
  g_assert_true (harley_register_save (f->db.store, later, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  g_clear_object (&f->db.store);
  changed = fingerprint (f->db.path);
  g_assert_cmpstr (changed, !=, original);

  g_assert_true (harley_backup_restore (file, f->db.path, PASSPHRASE, &kept, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (kept, f->db.path));
  g_assert_true (strstr (kept, ".before-restore-") != NULL);
  restored = fingerprint (f->db.path);
  aside = fingerprint (kept);
  g_assert_cmpstr (restored, ==, original);
  g_assert_cmpstr (aside, ==, changed);
  assert_no_leftovers (f);

  f->db.store = harley_store_open (f->db.path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (harley_test_query_int (f->db.path, "PRAGMA application_id"), ==, 0x48524C59);
}

/* Restoring while the database is open is refused before anything is
 * decrypted. */
static void
test_restore_in_use (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *file = make_backup (f, 7);
  g_autoptr(GError) error = NULL;

  g_assert_false (harley_backup_restore (file, f->db.path, PASSPHRASE, NULL, &error));
  g_assert_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_IN_USE);
  assert_no_leftovers (f);
}

/* A WAL left by a crash goes aside with the old database, and never sits
 * beside the restored one, where SQLite would replay it. */
static void
test_restore_after_crash (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *file = backup_and_close (f);
  g_autofree char *original = fingerprint (f->db.path);
  g_autofree char *wal = g_strconcat (f->db.path, "-wal", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  pid_t pid = fork ();

  if (pid == 0)
    {
      sqlite3 *db = NULL;

      /* A new table: no audit trigger stands in the way of this
       * connection, which lacks the store's functions. */
      sqlite3_open_v2 (f->db.path, &db, SQLITE_OPEN_READWRITE, NULL);
      _exit (sqlite3_exec (db, "CREATE TABLE crash_marker (x)", NULL, NULL, NULL) == SQLITE_OK
             ? 0 : 1);   /* no close: the change is only in the WAL */
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_true (harley_backup_restore (file, f->db.path, PASSPHRASE, &kept, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (harley_test_query_int (kept, "SELECT count(*) FROM sqlite_schema WHERE name = 'crash_marker'"),
                   ==, 1);
  g_assert_cmpint (harley_test_query_int (f->db.path,
                                          "SELECT count(*) FROM sqlite_schema WHERE name = 'crash_marker'"),
                   ==, 0);
  {
    g_autofree char *restored = fingerprint (f->db.path);

    g_assert_cmpstr (restored, ==, original);
  }
}

/* Restoring onto a computer with no database yet. */
static void
test_restore_new_place (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *file = backup_and_close (f);
  g_autofree char *original = fingerprint (f->db.path);
  g_autofree char *elsewhere = g_build_filename (f->db.dir, "new", "harley", "practice.db", NULL);
  g_autofree char *restored = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_backup_restore (file, elsewhere, PASSPHRASE, &kept, &error));
  g_assert_no_error (error);
  g_assert_null (kept);
  restored = fingerprint (elsewhere);
  g_assert_cmpstr (restored, ==, original);
}

/* Refusals {{{1 */

static void
test_wrong_passphrase (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *file = backup_and_close (f);
  g_autoptr(HarleyBackupSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  assert_refused (f, file, WRONG, HARLEY_BACKUP_ERROR_WRONG_PASSPHRASE);
  summary = harley_backup_read_summary (file, "", &error);
  g_assert_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_WRONG_PASSPHRASE);
  g_assert_true (strstr (error->message, "passphrase does not open this backup") != NULL);
}

/* Where each record of a backup ends, read from the length prefixes. */
static GArray *
record_ends (GBytes *bytes)
{
  const guint8 *p = g_bytes_get_data (bytes, NULL);
  gsize size = g_bytes_get_size (bytes), at = HEADER_SIZE;
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (gsize));

  while (at + 4 <= size)
    {
      at += 4 + (((gsize) p[at] << 24) | ((gsize) p[at + 1] << 16) | ((gsize) p[at + 2] << 8) | p[at + 3]);
      g_array_append_val (ends, at);
    }
  g_assert_cmpuint (at, ==, size);
  return ends;
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *file = backup_and_close (f);
  g_autoptr(GBytes) bytes = harley_test_read_file (file);
  g_autoptr(GArray) ends = record_ends (bytes);
  gsize size = g_bytes_get_size (bytes);
  gsize summary_end = g_array_index (ends, gsize, 0);
  gsize before_final = g_array_index (ends, gsize, ends->len - 2);
  /* In the magic, in the header, the header alone, in a length, in the
   * summary, at a record's end before the last, in the middle, one short. */
  const gsize cuts[] = { 5, 40, HEADER_SIZE, HEADER_SIZE + 2, summary_end - 10, summary_end, before_final,
                         size / 2, size - 1 };

  g_assert_cmpuint (ends->len, >=, 3);
  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autofree char *cut = write_variant (f, "cut.hbak", bytes, cuts[i]);

      g_test_message ("Cut at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT, cuts[i], size);
      assert_refused (f, cut, PASSPHRASE, HARLEY_BACKUP_ERROR_DAMAGED);
    }
}

static void
test_flipped_byte (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *file = backup_and_close (f);
  g_autoptr(GBytes) bytes = harley_test_read_file (file);
  gsize size = g_bytes_get_size (bytes);
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  g_autoptr(GBytes) flipped = NULL;
  g_autoptr(GBytes) longer = NULL;
  g_autofree char *path = NULL;
  g_autofree char *added = NULL;
  guint8 *extra;

  copy[size / 2] ^= 0x01;
  flipped = g_bytes_new (copy, size);
  path = write_variant (f, "flipped.hbak", flipped, size);
  assert_refused (f, path, PASSPHRASE, HARLEY_BACKUP_ERROR_DAMAGED);

  /* Something added after the last chunk is damage too. */
  extra = g_malloc0 (size + 3);
  memcpy (extra, g_bytes_get_data (bytes, NULL), size);
  longer = g_bytes_new_take (extra, size + 3);
  added = write_variant (f, "longer.hbak", longer, size + 3);
  assert_refused (f, added, PASSPHRASE, HARLEY_BACKUP_ERROR_DAMAGED);
}

static void
test_not_a_backup (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *file = backup_and_close (f);
  g_autoptr(GBytes) bytes = harley_test_read_file (file);
  g_autoptr(GBytes) database = harley_test_read_file (f->db.path);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  gsize size = g_bytes_get_size (bytes);
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  g_autoptr(GBytes) renamed = NULL;
  g_autofree char *bad_magic = NULL;
  g_autofree char *plain = write_variant (f, "plain.hbak", database, g_bytes_get_size (database));
  g_autofree char *nothing = write_variant (f, "empty.hbak", empty, 0);

  copy[7] = 'X';   /* "HARLEYBX" */
  renamed = g_bytes_new (copy, size);
  bad_magic = write_variant (f, "magic.hbak", renamed, size);
  assert_refused (f, bad_magic, PASSPHRASE, HARLEY_BACKUP_ERROR_NOT_A_BACKUP);
  assert_refused (f, plain, PASSPHRASE, HARLEY_BACKUP_ERROR_NOT_A_BACKUP);
  assert_refused (f, nothing, PASSPHRASE, HARLEY_BACKUP_ERROR_NOT_A_BACKUP);
}

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *file = backup_and_close (f);
  g_autoptr(GBytes) bytes = harley_test_read_file (file);
  gsize size = g_bytes_get_size (bytes);
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  g_autoptr(GBytes) newer = NULL;
  g_autofree char *path = NULL;

  copy[8] = 0;
  copy[9] = 2;   /* format version 2 */
  newer = g_bytes_new (copy, size);
  path = write_variant (f, "newer.hbak", newer, size);
  assert_refused (f, path, PASSPHRASE, HARLEY_BACKUP_ERROR_TOO_NEW);
}

/* Generations and disks {{{1 */

static void
touch (const char *dir,
       const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
}

static void
test_generations (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other = g_build_filename (f->backups, "my-notes.hbak", NULL);
  g_autofree char *stale = g_build_filename (f->backups, "harley-20000101-000000.hbak.part", NULL);

  touch (f->backups, "my-notes.hbak");
  touch (f->backups, "harley-20000101-000000.hbak.part");
  /* Four in a second or two: the same second's get "-1", "-2" … and
   * must still count as newer. */
  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (made, make_backup (f, 2));
  left = harley_backup_list (f->backups, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (left->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (left, 0), ==, g_ptr_array_index (made, 3));
  g_assert_cmpstr (g_ptr_array_index (left, 1), ==, g_ptr_array_index (made, 2));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
}

/* Whether a new backup would hold anything the last does not: a write
 * since its snapshot, not a view or a sign-in, nor the backup's own
 * records */
static void
test_changed_since_last (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyPatient) patient = harley_test_patient ("Ruth", "Okonjo", "1961-02-03", NULL);

  g_assert_true (harley_backup_changed_since_last (f->db.store));
  first = make_backup (f, 7);
  g_assert_false (harley_backup_changed_since_last (f->db.store));
  g_assert_true (harley_audit_add (f->db.store, HARLEY_AUDIT_VIEW, 1, NULL, NULL, &error));
  g_assert_true (harley_audit_add (f->db.store, HARLEY_AUDIT_SIGN_IN, 0, "Signed in", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (harley_backup_changed_since_last (f->db.store));
  g_assert_true (harley_register_save (f->db.store, patient, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_true (harley_backup_changed_since_last (f->db.store));
  g_free (make_backup (f, 7));
  g_assert_false (harley_backup_changed_since_last (f->db.store));
}

/* A backup that cannot be written leaves no ".part" and removes no older
 * backup. The file size limit stands in for a drive that fills up. */
static void
test_failed_write_keeps_older (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *first = make_backup (f, 1);
  g_autofree char *snapshot_size = NULL;
  g_autoptr(HarleyBackupSummary) summary = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit saved, small;
  gint64 copy_size;
  GStatBuf st;
  char *file;

  /* The backup is a little larger than the database copy, which must
   * still fit in the private folder: the limit falls between the two. The
   * copy is the database as it is now (each backup adds to the audit
   * trail, so it grows), the backup some hundred bytes more. */
  g_assert_cmpint (g_stat (first, &st), ==, 0);
  summary = harley_backup_read_summary (first, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->size + 256, <, st.st_size);
  copy_size = store_query_int (f->db.store, "PRAGMA page_count")
              * store_query_int (f->db.store, "PRAGMA page_size");
  getrlimit (RLIMIT_FSIZE, &saved);
  small = saved;
  small.rlim_cur = (rlim_t) (copy_size + 128);
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &small);
  file = harley_backup_create (f->db.store, f->backups, PASSPHRASE, 1, NULL, &error);
  setrlimit (RLIMIT_FSIZE, &saved);
  signal (SIGXFSZ, SIG_DFL);

  g_assert_null (file);
  g_assert_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED);
  g_assert_true (strstr (error->message, "larger than that disk can hold") != NULL);
  left = harley_backup_list (f->backups, NULL);
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (left, 0), ==, first);
  assert_no_leftovers (f);
}

/* A damaged database is not backed up over good backups. */
static void
test_damaged_database (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *first = make_backup (f, 1);
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;
  guint8 garbage[512];
  char *file;
  FILE *db;

  g_clear_object (&f->db.store);
  memset (garbage, 0xa5, sizeof garbage);
  db = fopen (f->db.path, "r+b");
  g_assert_nonnull (db);
  g_assert_cmpint (fseek (db, 4096 * 12, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (garbage, 1, sizeof garbage, db), ==, sizeof garbage);
  fclose (db);
  /* Opened without the whole-file check, as the app does at first. */
  f->db.store = harley_store_open_full (f->db.path, HARLEY_STORE_OPEN_DEFER_CHECK, &error);
  g_assert_no_error (error);

  file = harley_backup_create (f->db.store, f->backups, PASSPHRASE, 1, NULL, &error);
  g_assert_null (file);
  g_assert_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED);
  g_assert_true (strstr (error->message, "The practice database is damaged") != NULL);
  left = harley_backup_list (f->backups, NULL);
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (left, 0), ==, first);
  assert_no_leftovers (f);
}

static void
test_same_disk (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->db.dir, "not-there", NULL);
  GStatBuf here, shm;

  g_assert_true (harley_backup_is_same_disk (f->db.path, f->backups));
  g_assert_true (harley_backup_is_same_disk (f->db.path, f->db.dir));
  g_assert_false (harley_backup_is_same_disk (f->db.path, missing));
  /* /proc is never a disk */
  g_assert_false (harley_backup_is_same_disk (f->db.path, "/proc"));
  if (g_stat (f->db.dir, &here) == 0 && g_stat ("/dev/shm", &shm) == 0 && here.st_dev != shm.st_dev)
    g_assert_false (harley_backup_is_same_disk (f->db.path, "/dev/shm"));
}

static gboolean
contains (GBytes     *bytes,
          const char *needle)
{
  const guint8 *p = g_bytes_get_data (bytes, NULL);
  gsize size = g_bytes_get_size (bytes), length = strlen (needle);

  for (gsize i = 0; i + length <= size; i++)
    if (p[i] == (guint8) needle[0] && memcmp (p + i, needle, length) == 0)
      return TRUE;
  return FALSE;
}

/* The file reveals nothing without the passphrase: not a name, not even
 * that it holds an SQLite database. */
static void
test_reveals_nothing (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *file = make_backup (f, 7);
  g_autoptr(GBytes) bytes = harley_test_read_file (file);
  g_autoptr(GBytes) database = harley_test_read_file (f->db.path);

  /* The surname is in the database itself, so its absence below counts. */
  g_assert_true (contains (database, SURNAME));
  g_assert_false (contains (bytes, SURNAME));
  g_assert_false (contains (bytes, "Quillfeather"));
  g_assert_false (contains (bytes, "SQLite format 3"));
  g_assert_false (contains (bytes, "patient"));
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 8, "HARLEYBK", 8);
}

/* harley-cli backup {{{1 */

static void
detach_from_terminal (gpointer data)
{
  /* No test ever waits on the terminal of whoever runs it. */
  setsid ();
}

/* Runs harley-cli with the passphrase, if any, on descriptor 3 through a
 * pipe and @input on its standard input; returns its exit status. */
static int
run_cli (const char  *passphrase,
         const char  *input,
         char       **out,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  va_list ap;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  g_subprocess_launcher_set_child_setup (launcher, detach_from_terminal, NULL, NULL);
  if (passphrase != NULL)
    {
      int fds[2];

      g_assert_cmpint (pipe (fds), ==, 0);
      g_assert_cmpint (write (fds[1], passphrase, strlen (passphrase)), ==, (gssize) strlen (passphrase));
      close (fds[1]);
      g_subprocess_launcher_take_fd (launcher, fds[0], 3);
    }
  g_ptr_array_add (argv, (char *) g_getenv ("HARLEY_CLI"));
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL, &stdout_text,
                                                &stderr_text, &error));
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", stdout_text, stderr_text);
  g_assert_true (g_subprocess_get_if_exited (process));
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  return g_subprocess_get_exit_status (process);
}

static guint
count_backups (Fixture *f)
{
  g_autoptr(GPtrArray) files = harley_backup_list (f->backups, NULL);

  return files->len;
}

static void
test_cli_create_verify_list (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) files = NULL;
  const char *file;

  g_clear_object (&f->db.store);
  g_assert_cmpint (run_cli (PASSPHRASE "\n", NULL, &out, NULL, "-d", f->db.path, "backup", "create", "--to",
                            f->backups, "--passphrase-fd", "3", NULL), ==, 0);
  g_assert_true (strstr (out, "Made and checked the backup") != NULL);
  g_assert_true (strstr (out, "121 patients") != NULL);
  files = harley_backup_list (f->backups, NULL);
  g_assert_cmpuint (files->len, ==, 1);
  file = g_ptr_array_index (files, 0);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (PASSPHRASE, NULL, &out, NULL, "backup", "verify", file, "--passphrase-fd", "3",
                            NULL), ==, 0);
  g_assert_true (strstr (out, "is a good backup") != NULL);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (WRONG "\n", NULL, NULL, &err, "backup", "verify", file, "--passphrase-fd", "3",
                            NULL), ==, 2);
  g_assert_true (strstr (err, "passphrase does not open this backup") != NULL);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, NULL, &out, NULL, "backup", "list", f->backups, NULL), ==, 0);
  g_assert_true (strstr (out, "harley-") != NULL);
  g_assert_true (strstr (out, "patients") == NULL);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (PASSPHRASE "\n", NULL, &out, NULL, "backup", "list", f->backups,
                            "--passphrase-fd", "3", NULL), ==, 0);
  g_assert_true (strstr (out, "121 patients") != NULL);
}

static void
test_cli_restore (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *file = backup_and_close (f);
  g_autofree char *original = fingerprint (f->db.path);
  g_autoptr(HarleyStore) store = NULL;
  g_autoptr(HarleyPatient) later = harley_test_patient ("Late", "Addition", "1990-01-01", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *now = NULL;
  g_autofree char *out = NULL;

  store = harley_store_open (f->db.path, &error);
  g_assert_true (harley_register_save (store, later, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_clear_object (&store);
  changed = fingerprint (f->db.path);

  /* Not typing RESTORE changes nothing. */
  g_assert_cmpint (run_cli (PASSPHRASE "\n", "restore\n", &out, NULL, "-d", f->db.path, "backup", "restore", file,
                            "--passphrase-fd", "3", NULL), ==, 2);
  g_assert_true (strstr (out, "Type RESTORE") != NULL);
  now = fingerprint (f->db.path);
  g_assert_cmpstr (now, ==, changed);
  g_assert_cmpuint (count_names (f->db.dir, "before-restore"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&now, g_free);

  g_assert_cmpint (run_cli (PASSPHRASE "\n", "RESTORE\n", &out, NULL, "-d", f->db.path, "backup", "restore",
                            file, "--passphrase-fd", "3", NULL), ==, 0);
  g_assert_true (strstr (out, "121 patients") != NULL);
  g_assert_true (strstr (out, "Restored") != NULL);
  now = fingerprint (f->db.path);
  g_assert_cmpstr (now, ==, original);
  g_assert_cmpuint (count_names (f->db.dir, "before-restore"), ==, 1);
  g_clear_pointer (&out, g_free);

  /* --yes, for scripts; the passphrase on standard input */
  g_assert_cmpint (run_cli (NULL, PASSPHRASE "\n", &out, NULL, "-d", f->db.path, "backup", "restore", file, "--yes",
                            "--passphrase-fd", "0", NULL), ==, 0);
  g_assert_cmpuint (count_names (f->db.dir, "before-restore"), ==, 2);
  assert_no_leftovers (f);
}

/* The passphrase is never taken from the command line, and without a
 * terminal or --passphrase-fd nothing is done. */
static void
test_cli_no_argv_passphrase (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *err = NULL;

  g_clear_object (&f->db.store);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, NULL, "-d", f->db.path, "backup", "create", "--to", f->backups,
                            "--passphrase", PASSPHRASE, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, NULL, "-d", f->db.path, "backup", "create", "--to", f->backups,
                            PASSPHRASE, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, &err, "-d", f->db.path, "backup", "create", "--to", f->backups,
                            NULL), ==, 2);
  g_assert_true (strstr (err, "there is no terminal") != NULL);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ("short\n", NULL, NULL, &err, "-d", f->db.path, "backup", "create", "--to",
                            f->backups, "--passphrase-fd", "3", NULL), ==, 2);
  g_assert_true (strstr (err, "at least 8 characters") != NULL);
  g_assert_cmpuint (count_backups (f), ==, 0);
  assert_no_leftovers (f);
}

/* Main {{{1 */

static void
make_private_tmp (void)
{
  const char *base = g_getenv ("TMPDIR") != NULL ? g_getenv ("TMPDIR") : "/tmp";
  g_autofree char *template = g_build_filename (base, "test-backup-XXXXXX", NULL);

  /* Set before GLib reads TMPDIR, so that "no private folder is left" can
   * be asserted whatever else runs on this machine. */
  private_tmp = g_strdup (g_mkdtemp (template));
  g_assert_nonnull (private_tmp);
  g_setenv ("TMPDIR", private_tmp, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  make_private_tmp ();
  g_setenv ("HARLEY_BACKUP_TEST_KDF", "fast", TRUE);
  g_test_init (&argc, &argv, NULL);
  make_template ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/backup/round-trip", test_round_trip);
  ADD ("/backup/restore-in-use", test_restore_in_use);
  ADD ("/backup/restore-after-crash", test_restore_after_crash);
  ADD ("/backup/restore-new-place", test_restore_new_place);
  ADD ("/backup/wrong-passphrase", test_wrong_passphrase);
  ADD ("/backup/truncated", test_truncated);
  ADD ("/backup/flipped-byte", test_flipped_byte);
  ADD ("/backup/not-a-backup", test_not_a_backup);
  ADD ("/backup/too-new", test_too_new);
  ADD ("/backup/generations", test_generations);
  ADD ("/backup/failed-write-keeps-older", test_failed_write_keeps_older);
  ADD ("/backup/changed-since-last", test_changed_since_last);
  ADD ("/backup/damaged-database", test_damaged_database);
  ADD ("/backup/same-disk", test_same_disk);
  ADD ("/backup/reveals-nothing", test_reveals_nothing);
  ADD ("/backup/cli/create-verify-list", test_cli_create_verify_list);
  ADD ("/backup/cli/restore", test_cli_restore);
  ADD ("/backup/cli/no-argv-passphrase", test_cli_no_argv_passphrase);
#undef ADD

  status = g_test_run ();
  harley_test_remove_tree (private_tmp);
  return status;
}
