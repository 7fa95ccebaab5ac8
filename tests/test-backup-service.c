/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-backup-service"

/* The app's backups without the window: the settings as the practice's
 * details, the passphrase rules, when a backup is due and how the last
 * one is described; and the service, which backs up in a worker thread on
 * a second connection while the first goes on saving, records the audit
 * entry on the first, and on a folder that is gone says so and changes
 * nothing. */

#include <glib/gstdio.h>
#include <string.h>

#include "harley-audit.h"
#include "harley-backup-service.h"
#include "harley-register.h"
#include "harley-test-util.h"

#define PASSPHRASE "a quiet walk by the river"

static GDateTime *
at (const char *iso)
{
  GDateTime *dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return dt;
}

/* Settings {{{1 */

static void
test_settings_round_trip (HarleyTestDb  *db,
                          gconstpointer  data)
{
  g_autoptr(HarleyBackupSettings) before = harley_backup_settings_load (db->store);
  g_autoptr(HarleyBackupSettings) after = NULL;
  g_autoptr(HarleyBackupSecret) secret = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (before->folder);
  g_assert_cmpuint (before->keep, ==, HARLEY_BACKUP_DEFAULT_KEEP);
  g_assert_false (before->has_passphrase);
  g_assert_null (before->last_at);
  g_assert_false (harley_backup_settings_is_ready (before));
  g_assert_null (harley_backup_settings_dup_passphrase (db->store));

  g_assert_true (harley_backup_settings_set_folder (db->store, db->dir, &error));
  g_assert_no_error (error);
  g_assert_true (harley_backup_settings_set_keep (db->store, 14, &error));
  g_assert_no_error (error);
  g_assert_true (harley_backup_settings_set_passphrase (db->store, PASSPHRASE, PASSPHRASE, &error));
  g_assert_no_error (error);

  after = harley_backup_settings_load (db->store);
  g_assert_cmpstr (after->folder, ==, db->dir);
  g_assert_cmpuint (after->keep, ==, 14);
  g_assert_true (after->has_passphrase);
  g_assert_true (harley_backup_settings_is_ready (after));
  secret = harley_backup_settings_dup_passphrase (db->store);
  g_assert_cmpstr (secret, ==, PASSPHRASE);
  /* Stored as the practice's, in its database */
  harley_test_assert_query_text (db->path, "SELECT value FROM practice_detail WHERE key = 'backup_keep'", "14");
}

static void
test_settings_refused (HarleyTestDb  *db,
                       gconstpointer  data)
{
  g_autofree char *gone = g_build_filename (db->dir, "not-there", NULL);
  g_autoptr(HarleyBackupSettings) settings = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (harley_backup_settings_set_folder (db->store, gone, &error));
  g_assert_error (error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "is not there"));
  g_clear_error (&error);
  g_assert_false (harley_backup_settings_set_folder (db->store, "relative/folder", &error));
  g_clear_error (&error);
  g_assert_false (harley_backup_settings_set_keep (db->store, 0, &error));
  g_clear_error (&error);
  g_assert_false (harley_backup_settings_set_keep (db->store, HARLEY_BACKUP_MAX_KEEP + 1, &error));
  g_clear_error (&error);
  g_assert_false (harley_backup_settings_set_passphrase (db->store, "short", "short", &error));
  g_assert_nonnull (strstr (error->message, "at least 8 characters"));
  g_clear_error (&error);

  settings = harley_backup_settings_load (db->store);
  g_assert_null (settings->folder);
  g_assert_cmpuint (settings->keep, ==, HARLEY_BACKUP_DEFAULT_KEEP);
  g_assert_false (settings->has_passphrase);
}

static void
test_passphrase_rules (void)
{
  g_autofree char *too_long = g_strnfill (HARLEY_BACKUP_MAX_PASSPHRASE + 1, 'a');
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_backup_check_new_passphrase ("eightchr", "eightchr", &error));
  g_assert_no_error (error);
  /* Characters, not bytes: eight accented letters are enough, seven not */
  g_assert_true (harley_backup_check_new_passphrase ("éééééééé", "éééééééé", NULL));
  g_assert_false (harley_backup_check_new_passphrase ("ééééééé", "ééééééé", &error));
  g_assert_nonnull (strstr (error->message, "at least 8 characters"));
  g_clear_error (&error);
  g_assert_false (harley_backup_check_new_passphrase ("", "", &error));
  g_clear_error (&error);
  g_assert_false (harley_backup_check_new_passphrase (PASSPHRASE, "a quiet walk by the rivet", &error));
  g_assert_nonnull (strstr (error->message, "not the same"));
  g_clear_error (&error);
  g_assert_false (harley_backup_check_new_passphrase (too_long, too_long, &error));
  g_assert_nonnull (strstr (error->message, "too long"));
}

/* Due, and described {{{1 */

static void
test_is_due (void)
{
  g_autoptr(GDateTime) now = at ("2026-11-25T14:00:00Z");
  g_autoptr(GDateTime) hour_ago = at ("2026-11-25T13:00:00Z");
  g_autoptr(GDateTime) nearly_day = at ("2026-11-24T14:00:01Z");
  g_autoptr(GDateTime) day_ago = at ("2026-11-24T14:00:00Z");
  g_autoptr(GDateTime) future = at ("2026-11-26T09:00:00Z");

  g_assert_true (harley_backup_is_due (NULL, now));
  g_assert_false (harley_backup_is_due (hour_ago, now));
  g_assert_false (harley_backup_is_due (nearly_day, now));
  g_assert_true (harley_backup_is_due (day_ago, now));
  g_assert_true (harley_backup_is_due (future, now));
}

static void
test_describe (HarleyTestDb  *db,
               gconstpointer  data)
{
  g_autoptr(GDateTime) now = at ("2026-11-25T14:30:00Z");
  g_autofree char *folder = g_build_filename (db->dir, "Harley Backups", NULL);
  g_autofree char *file = g_build_filename (folder, "harley-20261125-140200.hbak", NULL);
  g_autofree char *content = g_strnfill (1500000, 'x');
  HarleyBackupSettings settings = { 0 };
  g_autofree char *never = NULL;
  g_autofree char *today = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *overdue = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *yesterday = NULL;
  g_autofree char *long_ago = NULL;
  g_autoptr(GDateTime) y = at ("2026-11-24T09:05:00Z");
  g_autoptr(GDateTime) old = at ("2026-11-21T09:05:00Z");

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  never = harley_backup_describe_last (&settings, now);
  g_assert_cmpstr (never, ==, "No backup yet");
  overdue = harley_backup_describe_overdue (&settings, now);
  g_assert_cmpstr (overdue, ==, "No backup yet");
  g_clear_pointer (&overdue, g_free);

  settings.last_at = at ("2026-11-25T14:02:00Z");
  settings.last_file = file;
  gone = harley_backup_describe_last (&settings, now);
  g_assert_cmpstr (gone, ==, "Last good backup: today at 14:02, to …/Harley Backups");
  g_assert_true (g_file_set_contents (file, content, -1, NULL));
  today = harley_backup_describe_last (&settings, now);
  g_assert_cmpstr (today, ==, "Last good backup: today at 14:02, to …/Harley Backups, 1.5\u00a0MB");
  fresh = harley_backup_describe_overdue (&settings, now);
  g_assert_null (fresh);

  g_date_time_unref (settings.last_at);
  settings.last_at = at ("2026-11-22T10:00:00Z");
  overdue = harley_backup_describe_overdue (&settings, now);
  g_assert_cmpstr (overdue, ==, "No backup for 3 days");
  g_clear_pointer (&overdue, g_free);
  /* Counted by the calendar: late on the 22nd is three days before the 25th */
  g_date_time_unref (settings.last_at);
  settings.last_at = at ("2026-11-22T23:50:00Z");
  overdue = harley_backup_describe_overdue (&settings, now);
  g_assert_cmpstr (overdue, ==, "No backup for 3 days");
  g_clear_pointer (&overdue, g_free);
  g_date_time_unref (settings.last_at);
  settings.last_at = at ("2026-11-24T09:00:00Z");
  overdue = harley_backup_describe_overdue (&settings, now);
  g_assert_cmpstr (overdue, ==, "No backup since yesterday");
  g_clear_pointer (&settings.last_at, g_date_time_unref);

  yesterday = harley_backup_describe_when (y, now);
  g_assert_cmpstr (yesterday, ==, "yesterday at 09:05");
  long_ago = harley_backup_describe_when (old, now);
  g_assert_cmpstr (long_ago, ==, "on 21/11/2026 at 09:05");
}

/* The service {{{1 */

typedef struct
{
  gboolean  done;
  char     *file;
  GError   *error;
} Outcome;

static void
on_finished_cb (HarleyBackupService *service,
                const char          *file,
                const GError        *error,
                Outcome             *outcome)
{
  outcome->done = TRUE;
  outcome->file = g_strdup (file);
  outcome->error = error ? g_error_copy (error) : NULL;
}

static void
wait_for (HarleyBackupService *service,
          Outcome             *outcome)
{
  gulong id = g_signal_connect (service, "finished", G_CALLBACK (on_finished_cb), outcome);

  while (!outcome->done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (service, id);
  g_assert_false (harley_backup_service_get_running (service));
}

static void
set_up_backups (HarleyTestDb *db,
                const char   *folder)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (harley_backup_settings_set_folder (db->store, folder, &error));
  g_assert_true (harley_backup_settings_set_passphrase (db->store, PASSPHRASE, PASSPHRASE, &error));
  g_assert_no_error (error);
}

static void
save_patient (HarleyStore *store,
              const char  *family)
{
  g_autoptr(HarleyPatient) patient = harley_test_patient ("Ada", family, "1961-05-02", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (harley_register_save (store, patient, HARLEY_REGISTER_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
}

static void
test_service_backs_up (HarleyTestDb  *db,
                       gconstpointer  data)
{
  HarleyBackupService *service = harley_backup_service_get (db->store);
  g_autofree char *folder = g_build_filename (db->dir, "backups", NULL);
  g_autoptr(HarleyBackupSummary) summary = NULL;
  g_autoptr(HarleyBackupSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  Outcome outcome = { 0 };

  g_assert_true (harley_backup_service_get (db->store) == service);
  save_patient (db->store, "Lovelace");
  set_up_backups (db, folder);
  g_assert_true (harley_backup_service_back_up (service, &error));
  g_assert_no_error (error);
  g_assert_true (harley_backup_service_get_running (service));
  /* One at a time */
  g_assert_false (harley_backup_service_back_up (service, &error));
  g_assert_nonnull (strstr (error->message, "already"));
  g_clear_error (&error);
  /* The main connection goes on saving while the worker copies. */
  save_patient (db->store, "Babbage");
  wait_for (service, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_nonnull (outcome.file);

  summary = harley_backup_verify (outcome.file, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->patients, >=, 1);
  settings = harley_backup_settings_load (db->store);
  g_assert_cmpstr (settings->last_file, ==, outcome.file);
  g_assert_nonnull (settings->last_at);
  name = g_path_get_basename (outcome.file);
  g_assert_cmpint (harley_test_query_int (db->path, "SELECT count(*) FROM audit WHERE action = 'backup'"), ==, 1);
  harley_test_assert_query_text (db->path, "SELECT what FROM audit WHERE action = 'backup'", name);
  g_assert_true (harley_audit_verify (db->store, NULL, &error));
  g_assert_no_error (error);
  /* A day has not passed: not due */
  g_assert_false (harley_backup_service_back_up_if_due (service, settings->last_at));
  g_free (outcome.file);
}

static void
test_service_folder_gone (HarleyTestDb  *db,
                          gconstpointer  data)
{
  HarleyBackupService *service = harley_backup_service_get (db->store);
  g_autofree char *folder = g_build_filename (db->dir, "usb", NULL);
  g_autoptr(HarleyBackupSettings) settings = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  Outcome outcome = { 0 };
  gint64 patients;

  save_patient (db->store, "Somerville");
  set_up_backups (db, folder);
  patients = harley_test_query_int (db->path, "SELECT count(*) FROM patient");
  /* The drive pulled out after it was chosen */
  g_assert_cmpint (g_rmdir (folder), ==, 0);
  g_assert_true (harley_backup_service_back_up_if_due (service, now));
  wait_for (service, &outcome);
  g_assert_null (outcome.file);
  g_assert_error (outcome.error, HARLEY_BACKUP_ERROR, HARLEY_BACKUP_ERROR_FAILED);
  g_assert_nonnull (strstr (outcome.error->message, "is not there"));
  g_assert_nonnull (harley_backup_service_get_last_error (service));
  settings = harley_backup_settings_load (db->store);
  g_assert_null (settings->last_at);
  g_assert_cmpint (harley_test_query_int (db->path, "SELECT count(*) FROM patient"), ==, patients);
  g_assert_cmpint (harley_test_query_int (db->path, "SELECT count(*) FROM audit WHERE action = 'backup'"), ==, 0);
  /* An automatic backup that failed waits before trying again */
  g_assert_false (harley_backup_service_back_up_if_due (service, now));
  g_clear_error (&outcome.error);
}

/* The daily backup: looking every second here, it finds none made yet and
 * makes one by itself, then finds it fresh and makes no other. */
static void
test_service_watch (HarleyTestDb  *db,
                    gconstpointer  data)
{
  HarleyBackupService *service = harley_backup_service_get (db->store);
  g_autofree char *folder = g_build_filename (db->dir, "nas", NULL);
  g_autoptr(GPtrArray) files = NULL;
  Outcome outcome = { 0 };
  gint64 until;

  set_up_backups (db, folder);
  harley_backup_service_watch (service, 1);
  wait_for (service, &outcome);
  g_assert_no_error (outcome.error);
  harley_test_assert_query_text (db->path, "SELECT details ->> '$.automatic' FROM audit WHERE action = 'backup'",
                                 "yes");
  until = g_get_monotonic_time () + 2500 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_false (harley_backup_service_get_running (service));
      g_usleep (10000);
    }
  files = harley_backup_list (folder, NULL);
  g_assert_cmpuint (files->len, ==, 1);
  g_free (outcome.file);
}

static void
test_service_not_set_up (HarleyTestDb  *db,
                         gconstpointer  data)
{
  HarleyBackupService *service = harley_backup_service_get (db->store);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;

  g_assert_false (harley_backup_service_back_up_if_due (service, now));
  g_assert_false (harley_backup_service_back_up (service, &error));
  g_assert_nonnull (strstr (error->message, "Preferences → Backups"));
  g_assert_false (harley_backup_service_get_running (service));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("HARLEY_BACKUP_TEST_KDF", "fast", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, HarleyTestDb, NULL, harley_test_db_set_up, func, harley_test_db_tear_down)
  ADD ("/backup-service/settings/round-trip", test_settings_round_trip);
  ADD ("/backup-service/settings/refused", test_settings_refused);
  g_test_add_func ("/backup-service/passphrase-rules", test_passphrase_rules);
  g_test_add_func ("/backup-service/is-due", test_is_due);
  ADD ("/backup-service/describe", test_describe);
  ADD ("/backup-service/backs-up", test_service_backs_up);
  ADD ("/backup-service/folder-gone", test_service_folder_gone);
  ADD ("/backup-service/not-set-up", test_service_not_set_up);
  ADD ("/backup-service/watch", test_service_watch);
#undef ADD

  return g_test_run ();
}
