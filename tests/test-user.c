/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Users, roles and passphrases: only an Argon2id hash is stored; signing
 * in makes the audit trail name the user; wrong passphrases are counted,
 * recorded and slowed down, even across a restart; the last
 * administrator cannot be taken away; refused changes write nothing. */

#include <string.h>

#include "harley-audit.h"
#include "harley-cli.h"
#include "harley-test-util.h"
#include "harley-user.h"

#define ANN_PASS "walnut harbour lantern"

typedef struct
{
  HarleyTestDb db;
  gint64       ann;   /* an administrator */
  gint64       ray;   /* a clinician */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  harley_test_db_set_up (&f->db, data);
  f->ann = harley_user_add (f->db.store, "Ann Baker", HARLEY_ROLE_ADMINISTRATOR, ANN_PASS, 0, &error);
  g_assert_no_error (error);
  f->ray = harley_user_add (f->db.store, "Dr Ray Okafor", HARLEY_ROLE_CLINICIAN, "seven green hills", 1, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  harley_test_db_tear_down (&f->db, data);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return harley_test_query_int (f->db.path, sql);
}

static char *
text (Fixture    *f,
      const char *sql)
{
  return harley_test_query_text (f->db.path, sql);
}

/* Only the hash is kept, at libsodium's interactive cost outside tests. */
static void
test_only_a_hash_is_stored (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyUser) user = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *file = NULL;
  gsize length;
  gint64 id;

  g_unsetenv ("HARLEY_USER_TEST_KDF");
  id = harley_user_add (f->db.store, "Bea Cole", HARLEY_ROLE_SECRETARY, "quiet amber river", 0, &error);
  g_setenv ("HARLEY_USER_TEST_KDF", "fast", TRUE);
  g_assert_no_error (error);
  hash = text (f, "SELECT passphrase_hash FROM user_account WHERE name = 'Bea Cole'");
  g_assert_true (g_str_has_prefix (hash, "$argon2id$v=19$m=65536,t=2,p=1$"));
  g_assert_null (strstr (hash, "amber"));

  g_assert_true (g_file_get_contents (f->db.path, &file, &length, NULL));
  g_assert_null (g_strstr_len (file, length, "quiet amber river"));
  user = harley_user_sign_in (f->db.store, id, "quiet amber river", HARLEY_SIGN_IN_START, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
}

static void
test_passphrase_rules (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (harley_user_add (f->db.store, "Bea Cole", HARLEY_ROLE_SECRETARY, "short", 0, &error), ==, 0);
  g_assert_error (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_WEAK_PASSPHRASE);
  g_clear_error (&error);
  g_assert_cmpint (harley_user_add (f->db.store, "Bea Cole", HARLEY_ROLE_SECRETARY, "xbea colex", 0, &error),
                   ==, 0);
  g_assert_error (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_WEAK_PASSPHRASE);
  g_clear_error (&error);
  g_assert_cmpint (harley_user_add (f->db.store, "  ", HARLEY_ROLE_SECRETARY, "quiet amber river", 0, &error),
                   ==, 0);
  g_assert_error (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (harley_user_add (f->db.store, "ann baker", HARLEY_ROLE_SECRETARY, "quiet amber river", 0,
                                    &error), ==, 0);
  g_assert_error (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_NAME_TAKEN);
  g_assert_cmpint (count (f, "SELECT count(*) FROM user_account"), ==, 2);
}

/* Signing in names the user in the trail; a wrong passphrase is recorded
 * under whoever Harley acted for, and never signs anyone in. */
static void
test_sign_in_is_audited (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyUser) user = NULL;
  g_autofree char *who = NULL;
  g_autofree char *system_who = NULL;

  g_assert_null (harley_user_sign_in (f->db.store, f->ann, "walnut harbour", HARLEY_SIGN_IN_START, &error));
  g_assert_error (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_null (harley_user_get_signed_in (f->db.store));
  system_who = text (f, "SELECT who FROM audit WHERE action = 'failed-sign-in'");
  g_assert_cmpstr (system_who, ==, g_get_user_name ());
  g_assert_cmpint (count (f, "SELECT failed_tries FROM user_account WHERE name = 'Ann Baker'"), ==, 1);

  user = harley_user_sign_in (f->db.store, f->ann, ANN_PASS, HARLEY_SIGN_IN_START, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->name, ==, "Ann Baker");
  g_assert_cmpstr (harley_user_get_signed_in (f->db.store)->name, ==, "Ann Baker");
  g_assert_cmpstr (harley_store_get_user (f->db.store), ==, "Ann Baker");
  g_assert_cmpint (count (f, "SELECT failed_tries FROM user_account WHERE name = 'Ann Baker'"), ==, 0);
  who = text (f, "SELECT who || ': ' || what FROM audit WHERE action = 'sign-in'");
  g_assert_cmpstr (who, ==, "Ann Baker: Signed in");

  harley_user_sign_out (f->db.store, "Locked Harley");
  g_assert_null (harley_user_get_signed_in (f->db.store));
  g_assert_cmpstr (harley_store_get_user (f->db.store), ==, g_get_user_name ());
  g_clear_pointer (&who, g_free);
  who = text (f, "SELECT who || ': ' || what FROM audit WHERE action = 'sign-out'");
  g_assert_cmpstr (who, ==, "Ann Baker: Locked Harley");
  g_assert_true (harley_audit_verify (f->db.store, NULL, &error));
  g_assert_no_error (error);
}

/* After three wrong tries each try waits, without even being checked;
 * the count survives closing Harley; time passing lets the right
 * passphrase in. */
static void
test_wrong_tries_are_slowed (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyUser) user = NULL;
  g_autoptr(HarleyStore) reopened = NULL;
  sqlite3 *db;

  for (int i = 0; i < HARLEY_USER_FREE_TRIES - 1; i++)
    {
      g_assert_null (harley_user_sign_in (f->db.store, f->ray, "guess guess", HARLEY_SIGN_IN_START, &error));
      g_assert_error (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_WRONG_PASSPHRASE);
      g_clear_error (&error);
    }
  g_assert_null (harley_user_sign_in (f->db.store, f->ray, "guess guess", HARLEY_SIGN_IN_START, &error));
  g_assert_error (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_WAIT);
  g_assert_nonnull (strstr (error->message, "Wait 5 seconds"));
  g_clear_error (&error);

  /* Even the right passphrase waits, and the try is not counted */
  g_clear_object (&f->db.store);
  reopened = harley_store_open (f->db.path, &error);
  g_assert_no_error (error);
  g_assert_null (harley_user_sign_in (reopened, f->ray, "seven green hills", HARLEY_SIGN_IN_START, &error));
  g_assert_error (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_WAIT);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT failed_tries FROM user_account WHERE id = 2"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit WHERE action = 'failed-sign-in'"), ==, 3);

  /* A minute later */
  db = harley_store_get_db (reopened);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE user_account SET last_failed_at = "
                                 "strftime ('%Y-%m-%dT%H:%M:%SZ', 'now', '-60 seconds')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  user = harley_user_sign_in (reopened, f->ray, "seven green hills", HARLEY_SIGN_IN_START, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  g_assert_cmpint (count (f, "SELECT failed_tries FROM user_account WHERE id = 2"), ==, 0);
  f->db.store = g_steal_pointer (&reopened);
}

static void
test_wait_grows (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);
  g_autoptr(GDateTime) just = g_date_time_add_seconds (now, -1);
  g_autoptr(GDateTime) long_ago = g_date_time_add_hours (now, -1);

  g_assert_cmpint (harley_user_seconds_to_wait (2, just, now), ==, 0);
  g_assert_cmpint (harley_user_seconds_to_wait (3, just, now), ==, 4);
  g_assert_cmpint (harley_user_seconds_to_wait (4, now, now), ==, 10);
  g_assert_cmpint (harley_user_seconds_to_wait (5, now, now), ==, 20);
  g_assert_cmpint (harley_user_seconds_to_wait (9, now, now), ==, 300);
  g_assert_cmpint (harley_user_seconds_to_wait (1000, now, now), ==, 300);
  g_assert_cmpint (harley_user_seconds_to_wait (1000, long_ago, now), ==, 0);
  g_assert_cmpint (harley_user_seconds_to_wait (3, NULL, now), ==, 0);
}

/* A clinician confirming beside the desk does not sign the secretary out */
static void
test_confirm_keeps_who_is_signed_in (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyUser) ann = harley_user_sign_in (f->db.store, f->ann, ANN_PASS, HARLEY_SIGN_IN_START, &error);
  g_autoptr(HarleyUser) ray = NULL;
  g_autofree char *entry = NULL;

  g_assert_no_error (error);
  ray = harley_user_sign_in (f->db.store, f->ray, "seven green hills", HARLEY_SIGN_IN_CONFIRM, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ray->role, ==, HARLEY_ROLE_CLINICIAN);
  g_assert_cmpint (ray->clinician_id, ==, 1);
  g_assert_cmpstr (harley_user_get_signed_in (f->db.store)->name, ==, "Ann Baker");
  entry = text (f, "SELECT who || ': ' || what FROM audit WHERE action = 'sign-in' ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (entry, ==, "Ann Baker: Dr Ray Okafor confirmed with their passphrase");
  g_assert_true (harley_user_signed_in_can (f->db.store, HARLEY_ROLE_ADMINISTRATOR));
  g_assert_false (harley_user_signed_in_can (f->db.store, HARLEY_ROLE_CLINICIAN));
}

/* A clinician signed in changes her own passphrase, and nobody else */
static void
test_only_administrators_change_users (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyUser) ray = harley_user_sign_in (f->db.store, f->ray, "seven green hills", HARLEY_SIGN_IN_START,
                                                   &error);
  gint64 entries = count (f, "SELECT count(*) FROM audit");

  g_assert_no_error (error);
  g_assert_cmpint (harley_user_add (f->db.store, "Bea Cole", HARLEY_ROLE_ADMINISTRATOR, "quiet amber river", 0,
                                    &error), ==, 0);
  g_assert_error (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (harley_user_set_passphrase (f->db.store, f->ann, "my own idea now", &error));
  g_clear_error (&error);
  g_assert_false (harley_user_set_role (f->db.store, f->ray, HARLEY_ROLE_ADMINISTRATOR, 0, &error));
  g_clear_error (&error);
  g_assert_false (harley_user_set_archived (f->db.store, f->ann, TRUE, &error));
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit"), ==, entries);
  g_assert_true (harley_user_set_passphrase (f->db.store, f->ray, "eight blue lakes", &error));
  g_assert_no_error (error);
}

/* The practice always keeps an administrator; users are archived, never
 * deleted; a refused change writes nothing. */
static void
test_roles_and_archiving (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyUser) ann = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autofree char *details = NULL;
  gint64 entries = count (f, "SELECT count(*) FROM audit");

  g_assert_false (harley_user_set_role (f->db.store, f->ann, HARLEY_ROLE_SECRETARY, 0, &error));
  g_assert_error (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_LAST_ADMINISTRATOR);
  g_clear_error (&error);
  g_assert_false (harley_user_set_archived (f->db.store, f->ann, TRUE, &error));
  g_assert_error (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_LAST_ADMINISTRATOR);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit"), ==, entries);

  g_assert_true (harley_user_set_role (f->db.store, f->ray, HARLEY_ROLE_ADMINISTRATOR, 0, &error));
  g_assert_no_error (error);
  details = text (f, "SELECT details FROM audit ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (details, ==, "{\"role\":[\"clinician\",\"administrator\"],\"clinician_id\":[1,null]}");

  ann = harley_user_sign_in (f->db.store, f->ann, ANN_PASS, HARLEY_SIGN_IN_START, &error);
  g_assert_no_error (error);
  g_assert_false (harley_user_set_archived (f->db.store, f->ann, TRUE, &error));
  g_assert_error (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (harley_user_set_archived (f->db.store, f->ray, TRUE, &error));
  g_assert_no_error (error);
  g_assert_null (harley_user_sign_in (f->db.store, f->ray, "seven green hills", HARLEY_SIGN_IN_START, &error));
  g_assert_error (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  users = harley_user_list (f->db.store, FALSE, &error);
  g_assert_cmpuint (users->len, ==, 1);
  g_assert_cmpint (harley_user_count (f->db.store, NULL), ==, 1);
  g_clear_pointer (&users, g_ptr_array_unref);
  users = harley_user_list (f->db.store, TRUE, &error);
  g_assert_cmpuint (users->len, ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit WHERE action = 'archive' AND what = "
                          "'User: Dr Ray Okafor' AND who = 'Ann Baker'"), ==, 1);
}

static void
test_change_passphrase (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyUser) user = NULL;
  g_autofree char *details = NULL;

  g_assert_false (harley_user_set_passphrase (f->db.store, f->ann, "tiny", &error));
  g_assert_error (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_WEAK_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (harley_user_set_passphrase (f->db.store, f->ann, "new copper kettle", &error));
  g_assert_no_error (error);
  details = text (f, "SELECT details FROM audit ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (details, ==, "{\"passphrase\":\"changed\"}");
  g_assert_null (harley_user_sign_in (f->db.store, f->ann, ANN_PASS, HARLEY_SIGN_IN_START, &error));
  g_clear_error (&error);
  user = harley_user_sign_in (f->db.store, f->ann, "new copper kettle", HARLEY_SIGN_IN_START, &error);
  g_assert_no_error (error);
}

/* harley-cli, with the passphrase on its standard input */
static int
run_cli (Fixture    *f,
         const char *input,
         const char *first,
         ...)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_ptr_array_add (argv, (char *) g_getenv ("HARLEY_CLI"));
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, f->db.path);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                               | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, input, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

/* The only administrator forgot her passphrase and is slowed down:
 * harley-cli, which whoever may open the file can run, lets her back in */
static void
test_cli_lets_the_administrator_back_in (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarleyUser) ann = NULL;
  g_autofree char *who = NULL;

  for (int i = 0; i < HARLEY_USER_FREE_TRIES; i++)
    {
      g_assert_null (harley_user_sign_in (f->db.store, f->ann, "forgotten it", HARLEY_SIGN_IN_START, &error));
      g_clear_error (&error);
    }
  g_clear_object (&f->db.store);

  g_assert_cmpint (run_cli (f, "copper\n", "users", "passphrase", "Ann Baker", "--passphrase-fd", "0", NULL),
                   ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_cmpint (run_cli (f, "", "users", "add", "Bea Cole", "--role", "nurse", "--passphrase-fd", "0", NULL),
                   ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_cmpint (run_cli (f, "", "users", "archive", "Ann Baker", NULL), ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_cmpint (run_cli (f, "", "users", "passphrase", "Nobody", "--passphrase-fd", "0", NULL),
                   ==, HARLEY_CLI_EXIT_USAGE);
  g_assert_cmpint (count (f, "SELECT count(*) FROM user_account"), ==, 2);
  g_assert_cmpint (run_cli (f, "new copper kettle\n", "users", "passphrase", "ann baker", "--passphrase-fd", "0",
                            NULL), ==, HARLEY_CLI_EXIT_OK);
  g_assert_cmpint (run_cli (f, "quiet amber river\n", "users", "add", "Bea Cole", "--passphrase-fd", "0", NULL),
                   ==, HARLEY_CLI_EXIT_OK);
  who = text (f, "SELECT who FROM audit WHERE what = 'User: Ann Baker' AND action = 'change'");
  g_assert_cmpstr (who, ==, g_get_user_name ());

  f->db.store = harley_store_open (f->db.path, &error);
  g_assert_no_error (error);
  ann = harley_user_sign_in (f->db.store, f->ann, "new copper kettle", HARLEY_SIGN_IN_START, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM user_account WHERE name = 'Bea Cole' AND role = 'secretary'"),
                   ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("HARLEY_USER_TEST_KDF", "fast", TRUE);

#define ADD(path, func) \
  g_test_add ("/user/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("only-a-hash-is-stored", test_only_a_hash_is_stored);
  ADD ("passphrase-rules", test_passphrase_rules);
  ADD ("sign-in-is-audited", test_sign_in_is_audited);
  ADD ("wrong-tries-are-slowed", test_wrong_tries_are_slowed);
  ADD ("confirm-keeps-who-is-signed-in", test_confirm_keeps_who_is_signed_in);
  ADD ("roles-and-archiving", test_roles_and_archiving);
  ADD ("change-passphrase", test_change_passphrase);
  ADD ("only-administrators-change-users", test_only_administrators_change_users);
  ADD ("cli-lets-the-administrator-back-in", test_cli_lets_the_administrator_back_in);
#undef ADD
  g_test_add_func ("/user/wait-grows", test_wait_grows);

  return g_test_run ();
}
