/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-user"

/* The people who use Harley, their roles and their passphrases.
 *
 * A passphrase is kept only as an Argon2id hash (libsodium's
 * crypto_pwhash_str, at its "interactive" cost: about a tenth of a second
 * and 64 MiB to check, so guessing offline is slow too). Signing in, a
 * wrong passphrase, unlocking and locking all enter the audit trail, and
 * from signing in the store acts for that user: the trail's harley_user ()
 * is their name.
 *
 * Guessing at the desk is slowed down: after HARLEY_USER_FREE_TRIES wrong
 * passphrases in a row each try must wait, five seconds doubling up to
 * five minutes. The count is in the database, so starting Harley again
 * does not reset it.
 *
 * Nobody signed in is harley-cli, and tests of the core: the system user,
 * whom the file's own permissions guard, may do everything.
 */

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "harley-audit.h"
#include "harley-user-private.h"

#define TEST_KDF_VARIABLE  "HARLEY_USER_TEST_KDF"
#define FIRST_WAIT_SECONDS 5
#define LONGEST_WAIT       (5 * 60)

G_DEFINE_QUARK (harley-user-error-quark, harley_user_error)

static GQuark
signed_in_quark (void)
{
  return g_quark_from_static_string ("harley-user-signed-in");
}

static const struct
{
  const char *code;
  const char *label;
} roles[] = {
  [HARLEY_ROLE_SECRETARY]     = { "secretary", N_("Secretary") },
  [HARLEY_ROLE_CLINICIAN]     = { "clinician", N_("Clinician") },
  [HARLEY_ROLE_ADMINISTRATOR] = { "administrator", N_("Administrator") },
};

const char *
harley_role_to_string (HarleyRole role)
{
  g_return_val_if_fail (role <= HARLEY_ROLE_ADMINISTRATOR, NULL);
  return roles[role].code;
}

gboolean
harley_role_from_string (const char *text,
                         HarleyRole *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_strcmp0 (text, roles[i].code) == 0)
      {
        *role = (HarleyRole) i;
        return TRUE;
      }
  return FALSE;
}

const char *
harley_role_label (HarleyRole role)
{
  g_return_val_if_fail (role <= HARLEY_ROLE_ADMINISTRATOR, NULL);
  return _(roles[role].label);
}

HarleyUser *
harley_user_copy (const HarleyUser *user)
{
  HarleyUser *copy = g_memdup2 (user, sizeof *user);

  copy->name = g_strdup (user->name);
  return copy;
}

void
harley_user_free (HarleyUser *user)
{
  if (user == NULL)
    return;
  g_free (user->name);
  g_free (user);
}

/* Passphrases {{{1 */

/**
 * harley_user_check_passphrase_rules:
 * @name: (nullable): the user's name
 * @passphrase: the passphrase they chose
 * @error: where to say what is wrong with it
 *
 * A passphrase has at least %HARLEY_USER_MIN_PASSPHRASE characters and
 * is not the user's own name.
 */
gboolean
harley_user_check_passphrase_rules (const char  *name,
                                    const char  *passphrase,
                                    GError     **error)
{
  g_autofree char *folded_name = NULL;
  g_autofree char *folded = NULL;

  if (passphrase == NULL || !g_utf8_validate (passphrase, -1, NULL)
      || g_utf8_strlen (passphrase, -1) < HARLEY_USER_MIN_PASSPHRASE)
    {
      g_set_error (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_WEAK_PASSPHRASE,
                   _("A passphrase needs at least %d characters. A few words that mean something "
                     "only to you are easy to remember and hard to guess."), HARLEY_USER_MIN_PASSPHRASE);
      return FALSE;
    }
  folded = g_utf8_casefold (passphrase, -1);
  folded_name = name != NULL && *name != '\0' ? g_utf8_casefold (name, -1) : NULL;
  if (folded_name != NULL && strstr (folded, folded_name) != NULL)
    {
      g_set_error_literal (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_WEAK_PASSPHRASE,
                           _("The passphrase must not have the user's name in it: choose words "
                             "nobody would guess."));
      return FALSE;
    }
  return TRUE;
}

static char *
hash_passphrase (const char  *passphrase,
                 GError     **error)
{
  gboolean fast = g_strcmp0 (g_getenv (TEST_KDF_VARIABLE), "fast") == 0;
  char hash[crypto_pwhash_STRBYTES];

  if (sodium_init () < 0
      || crypto_pwhash_str (hash, passphrase, strlen (passphrase),
                            fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_INVALID,
                           _("There was not enough memory to keep the passphrase safely. Close "
                             "other programs and try again."));
      return NULL;
    }
  return g_strdup (hash);
}

/**
 * harley_user_seconds_to_wait:
 * @failed_tries: wrong passphrases in a row
 * @last_failed: (nullable): when the last one was given
 * @now: the time now
 *
 * Returns: how many seconds the next try must wait, or 0
 */
gint64
harley_user_seconds_to_wait (int        failed_tries,
                             GDateTime *last_failed,
                             GDateTime *now)
{
  gint64 wait = FIRST_WAIT_SECONDS;
  gint64 since;

  if (failed_tries < HARLEY_USER_FREE_TRIES || last_failed == NULL)
    return 0;
  for (int i = HARLEY_USER_FREE_TRIES; i < failed_tries && wait < LONGEST_WAIT; i++)
    wait *= 2;
  wait = MIN (wait, LONGEST_WAIT);
  since = g_date_time_difference (now, last_failed) / G_TIME_SPAN_SECOND;
  return since >= wait ? 0 : wait - MAX (since, 0);
}

/* Reading {{{1 */

#define USER_COLUMNS "id, name, role, coalesce (clinician_id, 0), archived"

static HarleyUser *
read_user (sqlite3_stmt *stmt)
{
  HarleyUser *user = g_new0 (HarleyUser, 1);

  user->id = sqlite3_column_int64 (stmt, 0);
  user->name = harley_column_dup (stmt, 1);
  if (!harley_role_from_string ((const char *) sqlite3_column_text (stmt, 2), &user->role))
    user->role = HARLEY_ROLE_SECRETARY;
  user->clinician_id = sqlite3_column_int64 (stmt, 3);
  user->archived = sqlite3_column_int (stmt, 4) != 0;
  return user;
}

/**
 * harley_user_count:
 *
 * Returns: how many users are not archived, or -1 on failure
 */
gint64
harley_user_count (HarleyStore  *store,
                   GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT count(*) FROM user_account WHERE NOT archived",
                                             error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    harley_store_set_error (store, error);
  sqlite3_reset (stmt);
  return n;
}

/**
 * harley_user_list:
 *
 * Returns: (transfer container) (element-type HarleyUser): the users by name
 */
GPtrArray *
harley_user_list (HarleyStore  *store,
                  gboolean      include_archived,
                  GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT " USER_COLUMNS " FROM user_account "
                                             "WHERE ?1 OR NOT archived ORDER BY archived, name COLLATE NOCASE",
                                             error);
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) harley_user_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_archived);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (users, read_user (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&users);
}

HarleyUser *
harley_user_get (HarleyStore  *store,
                 gint64        id,
                 GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT " USER_COLUMNS " FROM user_account WHERE id = ?",
                                             error);
  HarleyUser *user = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    user = read_user (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_NOT_FOUND,
                         _("That user is not on file."));
  else
    harley_store_set_error (store, error);
  sqlite3_reset (stmt);
  return user;
}

/* Changing users {{{1 */

/* Only an administrator changes users, and anyone their own passphrase.
 * Nobody signed in is harley-cli, or the first run making the first user. */
static gboolean
check_may_change (HarleyStore  *store,
                  gint64        id,
                  GError      **error)
{
  const HarleyUser *me = harley_user_get_signed_in (store);

  if (me == NULL || me->role == HARLEY_ROLE_ADMINISTRATOR || (id != 0 && me->id == id))
    return TRUE;
  g_set_error_literal (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_INVALID,
                       _("Only an administrator can add users or change them."));
  return FALSE;
}

/* Ends the transaction a change began: committed when all went well. */
static gboolean
finish (HarleyStore  *store,
        gboolean      ok,
        GError      **error)
{
  if (ok && harley_store_commit (store, error))
    return TRUE;
  harley_store_rollback (store);
  return FALSE;
}

static gboolean
check_name (HarleyStore  *store,
            gint64        id,
            const char   *name,
            GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean taken;
  int rc;

  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_INVALID,
                           _("Type the user's name, as it should appear in the records."));
      return FALSE;
    }
  stmt = harley_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM user_account WHERE NOT archived "
                               "AND name = ?1 COLLATE NOCASE AND id IS NOT ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  taken = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0);
  if (rc != SQLITE_ROW)
    harley_store_set_error (store, error);
  sqlite3_reset (stmt);
  if (taken)
    g_set_error (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_NAME_TAKEN,
                 _("There is already a user called %s. Add a middle initial or a title to tell "
                   "them apart."), name);
  return rc == SQLITE_ROW && !taken;
}

/**
 * _harley_user_insert:
 *
 * harley_user_add () in the transaction the caller has begun.
 *
 * Returns: the new user's id, or 0 on failure
 */
gint64
_harley_user_insert (HarleyStore  *store,
                     const char   *name,
                     HarleyRole    role,
                     const char   *passphrase,
                     gint64        clinician_id,
                     GError      **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *now = harley_store_now ();
  g_autofree char *clean = g_strstrip (g_strdup (name != NULL ? name : ""));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (role <= HARLEY_ROLE_ADMINISTRATOR, 0);
  g_return_val_if_fail (harley_store_in_transaction (store), 0);

  if (!check_name (store, 0, clean, error) || !harley_user_check_passphrase_rules (clean, passphrase, error)
      || (hash = hash_passphrase (passphrase, error)) == NULL)
    return 0;
  stmt = harley_store_prepare (store, "INSERT INTO user_account (name, role, passphrase_hash, clinician_id, "
                               "created_at) VALUES (?, ?, ?, nullif (?, 0), ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, harley_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, role == HARLEY_ROLE_CLINICIAN ? clinician_id : 0);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  if (!harley_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (harley_store_get_db (store));
}

/**
 * harley_user_add:
 * @store: a #HarleyStore
 * @name: as it should appear in the records
 * @role: what they do
 * @passphrase: theirs; only its hash is kept
 * @clinician_id: for a clinician, the diary's clinician they are, or 0
 * @error: where to say what is wrong
 *
 * Returns: the new user's id, or 0 on failure (nothing written)
 */
gint64
harley_user_add (HarleyStore  *store,
                 const char   *name,
                 HarleyRole    role,
                 const char   *passphrase,
                 gint64        clinician_id,
                 GError      **error)
{
  gint64 id;

  if (!check_may_change (store, 0, error) || !harley_store_begin (store, error))
    return 0;
  id = _harley_user_insert (store, name, role, passphrase, clinician_id, error);
  return finish (store, id != 0, error) ? id : 0;
}

gboolean
harley_user_set_passphrase (HarleyStore  *store,
                            gint64        id,
                            const char   *passphrase,
                            GError      **error)
{
  g_autoptr(HarleyUser) user = NULL;
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;

  if (!check_may_change (store, id, error) || (user = harley_user_get (store, id, error)) == NULL || !harley_user_check_passphrase_rules (user->name, passphrase, error)
      || (hash = hash_passphrase (passphrase, error)) == NULL || !harley_store_begin (store, error))
    return FALSE;
  stmt = harley_store_prepare (store, "UPDATE user_account SET passphrase_hash = ?, failed_tries = 0, "
                               "last_failed_at = NULL WHERE id = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, id);
    }
  return finish (store, stmt != NULL && harley_store_step_done (store, stmt, error), error);
}

/* Refuses to leave the practice with nobody who can look after users. */
static gboolean
check_other_administrator (HarleyStore  *store,
                           const HarleyUser *user,
                           GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;
  gboolean others;

  if (user->role != HARLEY_ROLE_ADMINISTRATOR || user->archived)
    return TRUE;
  stmt = harley_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM user_account WHERE NOT archived "
                               "AND role = 'administrator' AND id <> ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user->id);
  rc = sqlite3_step (stmt);
  others = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      harley_store_set_error (store, error);
      return FALSE;
    }
  if (!others)
    g_set_error (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_LAST_ADMINISTRATOR,
                 _("%s is the only administrator. Make someone else an administrator first, so that "
                   "somebody can still look after users and backups."), user->name);
  return others;
}

gboolean
harley_user_set_role (HarleyStore  *store,
                      gint64        id,
                      HarleyRole    role,
                      gint64        clinician_id,
                      GError      **error)
{
  g_autoptr(HarleyUser) user = NULL;
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (role <= HARLEY_ROLE_ADMINISTRATOR, FALSE);

  if (!check_may_change (store, 0, error) || !harley_store_begin (store, error))
    return FALSE;
  user = harley_user_get (store, id, error);
  if (user != NULL && (role == user->role || check_other_administrator (store, user, error)))
    stmt = harley_store_prepare (store, "UPDATE user_account SET role = ?, clinician_id = nullif (?, 0) "
                                 "WHERE id = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, harley_role_to_string (role), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, role == HARLEY_ROLE_CLINICIAN ? clinician_id : 0);
      sqlite3_bind_int64 (stmt, 3, id);
    }
  return finish (store, stmt != NULL && harley_store_step_done (store, stmt, error), error);
}

/**
 * harley_user_set_archived:
 *
 * A user who has left is archived, never deleted: the audit trail and
 * the records keep their name.
 */
gboolean
harley_user_set_archived (HarleyStore  *store,
                          gint64        id,
                          gboolean      archived,
                          GError      **error)
{
  const HarleyUser *signed_in = harley_user_get_signed_in (store);
  g_autoptr(HarleyUser) user = NULL;
  sqlite3_stmt *stmt = NULL;

  if (archived && signed_in != NULL && signed_in->id == id)
    {
      g_set_error_literal (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_INVALID,
                           _("You cannot archive yourself while signed in. Ask another "
                             "administrator to do it."));
      return FALSE;
    }
  if (!check_may_change (store, 0, error) || !harley_store_begin (store, error))
    return FALSE;
  user = harley_user_get (store, id, error);
  if (user != NULL && (archived ? check_other_administrator (store, user, error)
                                : check_name (store, id, user->name, error)))
    stmt = harley_store_prepare (store, "UPDATE user_account SET archived = ? WHERE id = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int (stmt, 1, archived ? 1 : 0);
      sqlite3_bind_int64 (stmt, 2, id);
    }
  return finish (store, stmt != NULL && harley_store_step_done (store, stmt, error), error);
}

/* Signing in {{{1 */

typedef struct
{
  char       *hash;
  int         failed_tries;
  GDateTime  *last_failed;
} Secret;

static void
secret_clear (Secret *secret)
{
  if (secret->hash != NULL)
    sodium_memzero (secret->hash, strlen (secret->hash));
  g_free (secret->hash);
  g_clear_pointer (&secret->last_failed, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Secret, secret_clear)

static gboolean
read_secret (HarleyStore  *store,
             gint64        id,
             Secret       *secret,
             GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT passphrase_hash, failed_tries, last_failed_at "
                                             "FROM user_account WHERE id = ? AND NOT archived", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *last = harley_column_dup (stmt, 2);

      secret->hash = harley_column_dup (stmt, 0);
      secret->failed_tries = sqlite3_column_int (stmt, 1);
      secret->last_failed = last != NULL ? g_date_time_new_from_iso8601 (last, NULL) : NULL;
    }
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_NOT_FOUND,
                         _("That user is no longer on file. Choose your name again."));
  else
    harley_store_set_error (store, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW && secret->hash != NULL;
}

static gboolean
set_failed_tries (HarleyStore  *store,
                  gint64        id,
                  int           tries,
                  GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "UPDATE user_account SET failed_tries = ?1, "
                                             "last_failed_at = CASE WHEN ?1 > 0 THEN ?2 END WHERE id = ?3",
                                             error);
  g_autofree char *now = harley_store_now ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, tries);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  return harley_store_step_done (store, stmt, error);
}

static const char *
sign_in_what (HarleySignIn why)
{
  switch (why)
    {
    case HARLEY_SIGN_IN_START:
      return "Signed in";
    case HARLEY_SIGN_IN_UNLOCK:
      return "Unlocked Harley";
    case HARLEY_SIGN_IN_CONFIRM:
    default:
      return "Confirmed with their passphrase";
    }
}

/* A wrong passphrase: counted, and in the trail under whoever Harley acts
 * for now (nobody has signed in yet, or the user who locked it). */
static gboolean
record_failure (HarleyStore  *store,
                const HarleyUser *user,
                int           tries,
                GError      **error)
{
  g_autofree char *what = g_strdup_printf ("Wrong passphrase for %s", user->name);
  g_autofree char *count = g_strdup_printf ("%d", tries);
  g_autofree char *details = harley_audit_details ("user", user->name, "tries", count, NULL);

  if (!harley_store_begin (store, error))
    return FALSE;
  return finish (store, set_failed_tries (store, user->id, tries, error)
                        && harley_audit_add (store, HARLEY_AUDIT_FAILED_SIGN_IN, 0, what, details, error),
                 error);
}

static gboolean
record_success (HarleyStore  *store,
                const HarleyUser *user,
                int           failed_tries,
                HarleySignIn  why,
                GError      **error)
{
  g_autofree char *details = harley_audit_details ("user", user->name, NULL);
  g_autofree char *what = why == HARLEY_SIGN_IN_CONFIRM
                          ? g_strdup_printf ("%s confirmed with their passphrase", user->name)
                          : g_strdup (sign_in_what (why));

  if (!harley_store_begin (store, error))
    return FALSE;
  return finish (store, (failed_tries == 0 || set_failed_tries (store, user->id, 0, error))
                        && harley_audit_add (store, HARLEY_AUDIT_SIGN_IN, 0, what, details, error),
                 error);
}

static void
say_wait (gint64   seconds,
          GError **error)
{
  if (seconds > 90)
    g_set_error (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_WAIT,
                 g_dngettext (GETTEXT_PACKAGE, "Too many wrong passphrases. Wait %d minute, then try again.",
                              "Too many wrong passphrases. Wait %d minutes, then try again.",
                              (gulong) ((seconds + 59) / 60)),
                 (int) ((seconds + 59) / 60));
  else
    g_set_error (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_WAIT,
                 g_dngettext (GETTEXT_PACKAGE, "Too many wrong passphrases. Wait %d second, then try again.",
                              "Too many wrong passphrases. Wait %d seconds, then try again.", (gulong) seconds),
                 (int) seconds);
}

/**
 * harley_user_sign_in:
 * @store: a #HarleyStore
 * @id: the user
 * @passphrase: what they typed
 * @why: signing in, unlocking, or a clinician confirming
 * @error: where to say why not
 *
 * Checks @id's passphrase, waiting out no time but refusing a try that
 * comes too soon after too many wrong ones (%HARLEY_USER_ERROR_WAIT: the
 * passphrase is not even checked). A wrong passphrase is counted and
 * recorded; a right one clears the count and is recorded. Signing in
 * makes the store act for the user from then on.
 *
 * Returns: (transfer full): the user, or %NULL
 */
HarleyUser *
harley_user_sign_in (HarleyStore  *store,
                     gint64        id,
                     const char   *passphrase,
                     HarleySignIn  why,
                     GError      **error)
{
  g_auto(Secret) secret = { NULL };
  g_autoptr(HarleyUser) user = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) local_error = NULL;
  gint64 wait;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  if ((user = harley_user_get (store, id, error)) == NULL || !read_secret (store, id, &secret, error))
    return NULL;
  wait = harley_user_seconds_to_wait (secret.failed_tries, secret.last_failed, now);
  if (wait > 0)
    {
      say_wait (wait, error);
      return NULL;
    }
  if (sodium_init () < 0 || crypto_pwhash_str_verify (secret.hash, passphrase, strlen (passphrase)) != 0)
    {
      int tries = secret.failed_tries + 1;

      if (!record_failure (store, user, tries, error))
        return NULL;
      if (tries >= HARLEY_USER_FREE_TRIES)
        say_wait (harley_user_seconds_to_wait (tries, now, now), error);
      else
        g_set_error_literal (error, HARLEY_USER_ERROR, HARLEY_USER_ERROR_WRONG_PASSPHRASE,
                             _("That passphrase is not right. Check that Caps Lock is off, and "
                               "try again."));
      return NULL;
    }
  if (why == HARLEY_SIGN_IN_START)
    {
      harley_store_set_user (store, user->name);
      g_object_set_qdata_full (G_OBJECT (store), signed_in_quark (), harley_user_copy (user),
                               (GDestroyNotify) harley_user_free);
    }
  /* A database that takes no writes (damaged, read-only, a full disk)
   * still lets the right passphrase in: the secretary must be able to
   * read the records to rescue them. Only the entry is missing. */
  if (!record_success (store, user, secret.failed_tries, why, &local_error))
    {
      if (!g_error_matches (local_error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_DAMAGED)
          && !g_error_matches (local_error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_READ_ONLY)
          && !g_error_matches (local_error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_DISK_FULL))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          if (why == HARLEY_SIGN_IN_START)
            harley_user_sign_out (store, NULL);
          return NULL;
        }
      g_message ("Signed in without an entry in the audit trail: %s", local_error->message);
    }
  return g_steal_pointer (&user);
}

/**
 * harley_user_sign_out:
 * @store: a #HarleyStore
 * @why: (nullable): what is recorded, e.g. "Locked Harley"; %NULL
 *   records nothing (Harley closing)
 *
 * Records that the signed-in user left, and makes the store act for the
 * system user again.
 */
void
harley_user_sign_out (HarleyStore *store,
                      const char  *why)
{
  g_autoptr(GError) error = NULL;

  if (harley_user_get_signed_in (store) == NULL)
    return;
  if (why != NULL && !harley_audit_add (store, HARLEY_AUDIT_SIGN_OUT, 0, why, NULL, &error))
    g_warning ("Could not record signing out: %s", error->message);
  g_object_set_qdata (G_OBJECT (store), signed_in_quark (), NULL);
  harley_store_set_user (store, NULL);
}

/**
 * harley_user_get_signed_in:
 *
 * Returns: (transfer none) (nullable): who is signed in to @store
 */
const HarleyUser *
harley_user_get_signed_in (HarleyStore *store)
{
  return g_object_get_qdata (G_OBJECT (store), signed_in_quark ());
}

/**
 * harley_user_signed_in_can:
 * @store: a #HarleyStore
 * @role: what the work needs: %HARLEY_ROLE_SECRETARY for anyone signed
 *   in, %HARLEY_ROLE_CLINICIAN to approve or review,
 *   %HARLEY_ROLE_ADMINISTRATOR for users, backups and preferences
 *
 * Nobody signed in is harley-cli or a test, acting as the system user,
 * which may do everything.
 */
gboolean
harley_user_signed_in_can (HarleyStore *store,
                           HarleyRole   role)
{
  const HarleyUser *user = harley_user_get_signed_in (store);

  return user == NULL || role == HARLEY_ROLE_SECRETARY || user->role == role;
}
