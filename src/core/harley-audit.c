/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-audit"

/* The audit trail: adding the entries the database's triggers cannot
 * (views, prints, exports, backups), finding them, and checking the hash
 * chain that shows whether any was changed, removed or slipped in behind
 * Harley's back. resources/sql/006-audit.sql sets out the table, the
 * triggers and the canonical form each entry's hash is taken over. */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harley-audit-private.h"

/* Where the store's migrations are, with the audit triggers they make */
#define SQL_RESOURCE_PATH "/org/harleydesk/Harley/sql"

G_DEFINE_QUARK (harley-audit-error-quark, harley_audit_error)

/* Actions {{{1 */

static const char * const actions[] = {
  HARLEY_AUDIT_VIEW, HARLEY_AUDIT_CREATE, HARLEY_AUDIT_CHANGE, HARLEY_AUDIT_ARCHIVE,
  HARLEY_AUDIT_RESTORE, HARLEY_AUDIT_DELETE, HARLEY_AUDIT_PRINT, HARLEY_AUDIT_EXPORT,
  HARLEY_AUDIT_BACKUP, HARLEY_AUDIT_RESTORE_BACKUP, HARLEY_AUDIT_SIGN_IN,
  HARLEY_AUDIT_FAILED_SIGN_IN, HARLEY_AUDIT_SIGN_OUT, NULL
};

/**
 * harley_audit_actions:
 *
 * Returns: (transfer none): the actions an entry can record, %NULL-terminated
 */
const char * const *
harley_audit_actions (void)
{
  return actions;
}

gboolean
harley_audit_is_action (const char *action)
{
  return action != NULL && g_strv_contains (actions, action);
}

/**
 * harley_audit_action_label:
 * @action: an action, e.g. "view"
 *
 * Returns: (transfer none): the action as a person reads it, e.g. "Viewed"
 */
const char *
harley_audit_action_label (const char *action)
{
  static const struct { const char *action; const char *label; } labels[] = {
    { HARLEY_AUDIT_VIEW, N_("Viewed") },
    { HARLEY_AUDIT_CREATE, N_("Created") },
    { HARLEY_AUDIT_CHANGE, N_("Changed") },
    { HARLEY_AUDIT_ARCHIVE, N_("Archived") },
    { HARLEY_AUDIT_RESTORE, N_("Brought back") },
    { HARLEY_AUDIT_DELETE, N_("Removed") },
    { HARLEY_AUDIT_PRINT, N_("Printed") },
    { HARLEY_AUDIT_EXPORT, N_("Exported") },
    { HARLEY_AUDIT_BACKUP, N_("Backed up") },
    { HARLEY_AUDIT_RESTORE_BACKUP, N_("Restored from a backup") },
    { HARLEY_AUDIT_SIGN_IN, N_("Signed in") },
    { HARLEY_AUDIT_FAILED_SIGN_IN, N_("Failed to sign in") },
    { HARLEY_AUDIT_SIGN_OUT, N_("Signed out") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].action, action) == 0)
      return _(labels[i].label);
  return action;
}

/* The hash {{{1 */

/* harley_sha256 (value, …): the lowercase hex SHA-256 of its arguments'
 * canonical form: each written as its length in bytes, ':', its text and
 * ',', or as "~," when it is NULL, so that no two lists of values are
 * written alike. Numbers are written as SQLite prints them. */
void
_harley_audit_sha256_func (sqlite3_context  *context,
                           int               argc,
                           sqlite3_value   **argv)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (int i = 0; i < argc; i++)
    {
      const guchar *text;
      char length[24];
      int n;

      if (sqlite3_value_type (argv[i]) == SQLITE_NULL)
        {
          g_checksum_update (checksum, (const guchar *) "~,", 2);
          continue;
        }
      text = sqlite3_value_text (argv[i]);
      n = sqlite3_value_bytes (argv[i]);
      if (text == NULL && n > 0)
        {
          sqlite3_result_error_nomem (context);
          return;
        }
      g_snprintf (length, sizeof length, "%d:", n);
      g_checksum_update (checksum, (const guchar *) length, -1);
      if (n > 0)
        g_checksum_update (checksum, text, n);
      g_checksum_update (checksum, (const guchar *) ",", 1);
    }
  sqlite3_result_text (context, g_checksum_get_string (checksum), -1, SQLITE_TRANSIENT);
}

/* Adding {{{1 */

/* Runs @sql, which adds one entry, in the caller's transaction or in one
 * of its own: begin() waits for the whole-file check, so nothing is
 * written to a file not known to be sound. */
gboolean
_harley_audit_add_entry (HarleyStore  *store,
                         const char   *sql,
                         const char   *action,
                         gint64        id,
                         const char   *what,
                         const char   *details_json,
                         GError      **error)
{
  gboolean own = !harley_store_in_transaction (store);
  sqlite3_stmt *stmt;

  if (own && !harley_store_begin (store, error))
    return FALSE;
  if ((stmt = harley_store_prepare (store, sql, error)) == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  harley_bind_text (stmt, 3, what);
  harley_bind_text (stmt, 4, details_json);
  if (!harley_store_step_done (store, stmt, error))
    goto failed;
  return own ? harley_store_commit (store, error) : TRUE;

failed:
  if (own)
    harley_store_rollback (store);
  return FALSE;
}

/**
 * harley_audit_add:
 * @store: a #HarleyStore
 * @action: what was done: one of harley_audit_actions (), e.g.
 *   %HARLEY_AUDIT_VIEW, %HARLEY_AUDIT_PRINT, %HARLEY_AUDIT_BACKUP
 * @patient_id: the patient it was done to, or 0 for none
 * @what: (nullable): a short description, e.g. "Backup to /media/usb";
 *   %NULL for the patient's record ("Record of Ann Lee")
 * @details_json: (nullable): a JSON object with anything more, e.g.
 *   `{"file": "/media/usb/practice.hbk"}`
 * @error: where to put a failure
 *
 * Adds an entry for something the database's own triggers do not see:
 * a record viewed, a letter printed, a file exported, a backup made or
 * restored. It joins the transaction in progress, if there is one. The
 * entry names the store's user (harley_store_set_user ()).
 *
 * Returns: %TRUE when the entry was added
 */
gboolean
harley_audit_add (HarleyStore  *store,
                  const char   *action,
                  gint64        patient_id,
                  const char   *what,
                  const char   *details_json,
                  GError      **error)
{
  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);
  g_return_val_if_fail (harley_audit_is_action (action), FALSE);
  g_return_val_if_fail (patient_id > 0 || (what != NULL && *what != '\0'), FALSE);

  return _harley_audit_add_entry (store,
                                  "INSERT INTO audit_entry (action, patient_id, what, details) "
                                  "VALUES (?1, nullif (?2, 0), coalesce (?3, (SELECT 'Record of ' || given_name || ' ' "
                                  "|| family_name FROM patient WHERE id = ?2)), ?4)",
                                  action, patient_id, what, details_json, error);
}

/**
 * harley_audit_add_letter:
 * @store: a #HarleyStore
 * @action: what was done, e.g. %HARLEY_AUDIT_PRINT
 * @letter_id: the letter
 * @what: (nullable): a short description; %NULL for "Letter 12: its subject"
 * @details_json: (nullable): a JSON object with anything more
 * @error: where to put a failure
 *
 * harley_audit_add () for a letter: the entry names the letter's patient.
 *
 * Returns: %TRUE when the entry was added
 */
gboolean
harley_audit_add_letter (HarleyStore  *store,
                         const char   *action,
                         gint64        letter_id,
                         const char   *what,
                         const char   *details_json,
                         GError      **error)
{
  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);
  g_return_val_if_fail (harley_audit_is_action (action), FALSE);

  return _harley_audit_add_entry (store,
                                  "INSERT INTO audit_entry (action, patient_id, what, details) "
                                  "SELECT ?1, patient_id, coalesce (?3, 'Letter ' || id || coalesce (': ' || subject, '')), ?4 "
                                  "FROM letter WHERE id = ?2",
                                  action, letter_id, what, details_json, error);
}

typedef struct
{
  HarleyStore *store;
  const char  *action;
  gint64       patient_id;
} Later;

static void
later_free (Later *later)
{
  g_object_unref (later->store);
  g_free (later);
}

static gboolean
main_loop_idle_cb (gpointer data)
{
  Later *later = data;
  g_autoptr(GError) error = NULL;

  if (!harley_audit_add (later->store, later->action, later->patient_id, NULL, NULL, &error))
    g_warning ("The audit trail could not note “%s” of patient %" G_GINT64_FORMAT ": %s", later->action,
               later->patient_id, error->message);
  return G_SOURCE_REMOVE;
}

/**
 * harley_audit_add_when_idle:
 * @store: a #HarleyStore
 * @action: what was done, e.g. %HARLEY_AUDIT_VIEW
 * @patient_id: the patient's record it was done to
 *
 * harley_audit_add () for a patient's record, once the main loop has
 * nothing more urgent to do: after a record opened is on screen. Adding
 * an entry is a commit, which waits for the disk; showing the record need
 * not wait for it. A failure is logged.
 */
void
harley_audit_add_when_idle (HarleyStore *store,
                            const char  *action,
                            gint64       patient_id)
{
  Later *later;

  g_return_if_fail (HARLEY_IS_STORE (store));
  g_return_if_fail (harley_audit_is_action (action));
  g_return_if_fail (patient_id > 0);

  later = g_new0 (Later, 1);
  later->store = g_object_ref (store);
  later->action = g_intern_string (action);
  later->patient_id = patient_id;
  g_idle_add_full (G_PRIORITY_LOW, main_loop_idle_cb, later, (GDestroyNotify) later_free);
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

/**
 * harley_audit_details:
 * @key: the first field's name
 * @...: its value (nullable), then more names and values, ending with %NULL
 *
 * Writes the details of an entry for harley_audit_add (), text values
 * escaped as JSON needs: harley_audit_details ("file", path, NULL).
 *
 * Returns: (transfer full): a JSON object
 */
char *
harley_audit_details (const char *key,
                      ...)
{
  g_autoptr(GString) out = g_string_new ("{");
  va_list args;

  va_start (args, key);
  for (const char *name = key; name != NULL; name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (out->len > 1)
        g_string_append_c (out, ',');
      append_json_string (out, name);
      g_string_append_c (out, ':');
      if (value != NULL)
        append_json_string (out, value);
      else
        g_string_append (out, "null");
    }
  va_end (args);
  g_string_append_c (out, '}');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Checking {{{1 */

/* The triggers that keep the trail, as 006-audit.sql and 008-audit-more.sql
 * make them. Without them, changes can be made that no entry records. */
static const char * const guards[] = {
  "audit_no_update", "audit_no_delete", "audit_chained", "audit_entry_insert",
};
static const char * const audited_tables[] = {
  "patient", "appointment", "letter", "letter_recipient", "sample", "result", "call", "contact", "user_account",
  "hospital_number", "letter_template", "practice_detail", "practice_logo",
};
static const char * const audited_events[] = { "insert", "update", "delete" };

typedef struct
{
  gint64  id;
  char   *at;
  char   *who;
  char   *what;
  char   *hash;
} Seen;

static void
seen_clear (Seen *seen)
{
  g_clear_pointer (&seen->at, g_free);
  g_clear_pointer (&seen->who, g_free);
  g_clear_pointer (&seen->what, g_free);
  g_clear_pointer (&seen->hash, g_free);
  seen->id = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Seen, seen_clear)

/* "12 (04/03/2025 10:15, alice, Record of Ann Lee)" */
static char *
describe (const Seen *seen)
{
  g_autofree char *when = harley_audit_format_time (seen->at);

  return g_strdup_printf ("%" G_GINT64_FORMAT " (%s, %s, %s)", seen->id, when, seen->who, seen->what);
}

static gboolean
broken (GError     **error,
        gint64      *first_bad_id,
        gint64       id,
        const char  *message)
{
  if (first_bad_id != NULL)
    *first_bad_id = id;
  g_set_error (error, HARLEY_AUDIT_ERROR, HARLEY_AUDIT_ERROR_BROKEN, "%s %s", message,
               _("Keep this file as it is, and tell whoever looks after the practice’s records."));
  return FALSE;
}

static gboolean
removed (GError     **error,
         gint64      *first_bad_id,
         gint64       from,
         gint64       to,
         const Seen  *next)
{
  g_autofree char *message = NULL;
  g_autofree char *entry = next != NULL ? describe (next) : NULL;

  if (next != NULL && from == to)
    message = g_strdup_printf (_("The audit trail is broken at entry %" G_GINT64_FORMAT ": it has been "
                                 "removed. The entry after it is %s."), from, entry);
  else if (next != NULL)
    message = g_strdup_printf (_("The audit trail is broken at entry %" G_GINT64_FORMAT ": entries %"
                                 G_GINT64_FORMAT " to %" G_GINT64_FORMAT " have been removed. The entry "
                                 "after them is %s."), from, from, to, entry);
  else if (from == to)
    message = g_strdup_printf (_("The audit trail is broken at entry %" G_GINT64_FORMAT ": the last entry "
                                 "has been removed."), from);
  else
    message = g_strdup_printf (_("The audit trail is broken at entry %" G_GINT64_FORMAT ": the last "
                                 "entries, %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT ", have been "
                                 "removed."), from, from, to);
  return broken (error, first_bad_id, from, message);
}

/* The row's prev_hash is not the hash of the entry before it. If it is
 * that of the entry before that one, the one between was slipped in;
 * otherwise one of the two was replaced. */
static gboolean
not_following (GError     **error,
               gint64      *first_bad_id,
               const Seen  *row,
               const Seen  *before,
               gboolean     before_was_added)
{
  g_autofree char *message = NULL;
  g_autofree char *entry = NULL;

  if (before_was_added)
    {
      entry = describe (before);
      message = g_strdup_printf (_("The audit trail is broken at entry %s: it was added behind Harley’s "
                                   "back, between entries %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT "."),
                                 entry, before->id - 1, row->id);
      return broken (error, first_bad_id, before->id, message);
    }
  entry = describe (row);
  message = g_strdup_printf (_("The audit trail is broken at entry %s: it does not follow on from the "
                               "entry before it, so one of the two has been replaced."), entry);
  return broken (error, first_bad_id, row->id, message);
}

static gboolean
changed (GError     **error,
         gint64      *first_bad_id,
         const Seen  *row)
{
  g_autofree char *entry = describe (row);
  g_autofree char *message = g_strdup_printf (_("The audit trail is broken at entry %s: it is not as "
                                                "Harley wrote it, so it has been changed, or added "
                                                "behind Harley’s back."), entry);

  return broken (error, first_bad_id, row->id, message);
}

static gint64
query_int64 (HarleyStore  *store,
             const char   *sql,
             const char   *text,
             GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, sql, error);
  gint64 value = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      harley_store_set_error (store, error);
      value = -1;
    }
  sqlite3_reset (stmt);
  return value;
}

/* Every migration's text: a trigger as Harley made it is in one of them,
 * word for word, as SQLite keeps the statement that made it. */
static char *
dup_migrations (GError **error)
{
  g_auto(GStrv) names = g_resources_enumerate_children (SQL_RESOURCE_PATH, 0, error);
  g_autoptr(GString) all = g_string_new (NULL);

  if (names == NULL)
    return NULL;
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_path ("/", SQL_RESOURCE_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, error);

      if (bytes == NULL)
        return NULL;
      g_string_append_len (all, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  return g_string_free (g_steal_pointer (&all), FALSE);
}

static gboolean
guard_is_sound (HarleyStore  *store,
                const char   *name,
                const char   *migrations,
                GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                                    "AND name = ?", error);
  gboolean sound = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    sound = strstr (migrations, (const char *) sqlite3_column_text (stmt, 0)) != NULL;
  else if (rc != SQLITE_DONE)
    harley_store_set_error (store, error);
  sqlite3_reset (stmt);
  return sound;
}

/* The triggers that keep the trail, missing or not as Harley made them */
static guint
count_bad_guards (HarleyStore  *store,
                  GError      **error)
{
  g_autofree char *migrations = dup_migrations (error);
  guint bad = 0;

  if (migrations == NULL)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (guards); i++)
    bad += !guard_is_sound (store, guards[i], migrations, error);
  for (guint t = 0; t < G_N_ELEMENTS (audited_tables); t++)
    for (guint e = 0; e < G_N_ELEMENTS (audited_events); e++)
      {
        g_autofree char *name = g_strdup_printf ("audit_%s_%s", audited_tables[t], audited_events[e]);

        bad += !guard_is_sound (store, name, migrations, error);
      }
  return bad;
}

static gboolean
check_guards (HarleyStore  *store,
              GError      **error)
{
  GError *local_error = NULL;
  guint bad = count_bad_guards (store, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (bad == 0)
    return TRUE;
  g_set_error (error, HARLEY_AUDIT_ERROR, HARLEY_AUDIT_ERROR_UNPROTECTED,
               g_dngettext (GETTEXT_PACKAGE,
                            "The audit trail is not protected: %u of the safeguards that keep it has been "
                            "removed from the database or changed, so changes may have been made without "
                            "being recorded. Keep this file as it is, and tell whoever looks after the "
                            "practice’s records.",
                            "The audit trail is not protected: %u of the safeguards that keep it have been "
                            "removed from the database or changed, so changes may have been made without "
                            "being recorded. Keep this file as it is, and tell whoever looks after the "
                            "practice’s records.", bad), bad);
  return FALSE;
}

static void
seen_read (Seen         *seen,
           sqlite3_stmt *stmt)
{
  seen_clear (seen);
  seen->id = sqlite3_column_int64 (stmt, 0);
  seen->at = harley_column_dup (stmt, 1);
  seen->who = harley_column_dup (stmt, 2);
  seen->what = harley_column_dup (stmt, 3);
  seen->hash = harley_column_dup (stmt, 5);
}

/* Walks the chain in order of id; returns FALSE at the first break, with
 * @last the last entry that was sound. */
static gboolean
check_chain (HarleyStore  *store,
             Seen         *last,
             gint64       *first_bad_id,
             GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "SELECT id, at, who, what, prev_hash, hash, "
    "harley_sha256 (prev_hash, id, at, who, action, patient_id, what, details) FROM audit ORDER BY id", error);
  g_auto(Seen) row = { 0 };
  g_autofree char *two_back = NULL;   /* the hash of the entry before @last */
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *prev_hash = (const char *) sqlite3_column_text (stmt, 4);
      const char *expected = last->id ? last->hash : HARLEY_AUDIT_FIRST_PREV_HASH;
      gboolean ok = FALSE;

      seen_read (&row, stmt);
      if (row.id != last->id + 1)
        removed (error, first_bad_id, last->id + 1, row.id - 1, &row);
      else if (g_strcmp0 (prev_hash, expected) != 0)
        not_following (error, first_bad_id, &row, last, two_back != NULL && g_str_equal (prev_hash, two_back));
      else if (g_strcmp0 (row.hash, (const char *) sqlite3_column_text (stmt, 6)) != 0)
        changed (error, first_bad_id, &row);
      else
        ok = TRUE;
      if (!ok)
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      g_free (two_back);
      two_back = g_strdup (last->id ? last->hash : HARLEY_AUDIT_FIRST_PREV_HASH);
      seen_clear (last);
      *last = row;
      memset (&row, 0, sizeof row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * harley_audit_verify:
 * @store: a #HarleyStore
 * @first_bad_id: (out) (optional): where the trail breaks: the entry
 *   changed or added, or the first one removed; 0 when it is whole
 * @error: where to put what is wrong, in words to act on
 *
 * Recomputes every entry's hash and follows the chain from the first. An
 * entry changed behind Harley's back fails its own hash; one removed
 * leaves a gap in the ids (the last ones too: sqlite_sequence keeps the
 * highest id ever given); one added does not follow on from the entry
 * before it, or the entry after it does not follow on from it. It also
 * checks that the triggers that keep the trail are all still there.
 *
 * Returns: %TRUE when the trail is whole; otherwise %FALSE with
 *   %HARLEY_AUDIT_ERROR_BROKEN or %HARLEY_AUDIT_ERROR_UNPROTECTED
 */
gboolean
harley_audit_verify (HarleyStore  *store,
                     gint64       *first_bad_id,
                     GError      **error)
{
  g_auto(Seen) last = { 0 };
  GError *local_error = NULL;
  gint64 highest;

  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);

  if (first_bad_id != NULL)
    *first_bad_id = 0;
  if (!check_chain (store, &last, first_bad_id, error))
    return FALSE;
  highest = query_int64 (store, "SELECT seq FROM sqlite_sequence WHERE name = 'audit'", NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (highest > last.id)
    return removed (error, first_bad_id, last.id + 1, highest, NULL);
  return check_guards (store, error);
}

/**
 * harley_audit_count:
 *
 * Returns: how many entries the trail holds, or -1 on failure
 */
gint64
harley_audit_count (HarleyStore  *store,
                    GError      **error)
{
  g_return_val_if_fail (HARLEY_IS_STORE (store), -1);
  return query_int64 (store, "SELECT count(*) FROM audit", NULL, error);
}

/* Finding {{{1 */

/* The UTC time stamp at which the local day @date starts. */
static char *
day_start_utc (const GDate *date)
{
  g_autoptr(GDateTime) local = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                      g_date_get_day (date), 0, 0, 0);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (local);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
bind_filter (sqlite3_stmt             *stmt,
             const HarleyAuditFilter  *filter,
             guint                     limit)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (filter->from != NULL && g_date_valid (filter->from))
    from = day_start_utc (filter->from);
  if (filter->to != NULL && g_date_valid (filter->to))
    {
      GDate after = *filter->to;

      g_date_add_days (&after, 1);
      to = day_start_utc (&after);
    }
  sqlite3_bind_int64 (stmt, 1, filter->patient_id);
  harley_bind_text (stmt, 2, filter->who);
  harley_bind_text (stmt, 3, filter->action);
  harley_bind_text (stmt, 4, from);
  harley_bind_text (stmt, 5, to);
  sqlite3_bind_int64 (stmt, 6, (gint64) limit + 1);
}

/**
 * harley_audit_find:
 * @store: a #HarleyStore
 * @filter: what to look for
 * @limit: the most entries to return
 * @more: (out) (optional): whether more entries match than @limit
 * @error: where to put a failure
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the ids of
 *   the entries that match, newest first
 */
GArray *
harley_audit_find (HarleyStore              *store,
                   const HarleyAuditFilter  *filter,
                   guint                     limit,
                   gboolean                 *more,
                   GError                  **error)
{
  /* A patient's entries are one range of audit_patient; the rest are read
   * newest first until the limit is reached. */
#define AUDIT_FIND_CONDITIONS \
  "AND (?2 IS NULL OR who = ?2) AND (?3 IS NULL OR action = ?3) " \
  "AND (?4 IS NULL OR at >= ?4) AND (?5 IS NULL OR at < ?5) ORDER BY id DESC LIMIT ?6"
  static const char *for_patient = "SELECT id FROM audit WHERE patient_id = ?1 " AUDIT_FIND_CONDITIONS;
  static const char *for_all = "SELECT id FROM audit WHERE ?1 = 0 " AUDIT_FIND_CONDITIONS;
#undef AUDIT_FIND_CONDITIONS
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if ((stmt = harley_store_prepare (store, filter->patient_id > 0 ? for_patient : for_all, error)) == NULL)
    return NULL;
  bind_filter (stmt, filter, limit);
  if ((ids = harley_store_read_ids (store, stmt, error)) == NULL)
    return NULL;
  if (more != NULL)
    *more = ids->len > limit;
  if (ids->len > limit)
    g_array_set_size (ids, limit);
  return g_steal_pointer (&ids);
}

/**
 * harley_audit_list_users:
 *
 * Returns: (transfer full) (nullable): everyone the trail names, in order
 */
char **
harley_audit_list_users (HarleyStore  *store,
                         GError      **error)
{
  g_autoptr(GStrvBuilder) users = g_strv_builder_new ();
  g_autofree char *last = g_strdup ("");

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);

  /* One step along audit_who per person, however long the trail. */
  for (;;)
    {
      sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT min (who) FROM audit WHERE who > ?", error);
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, last, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          harley_store_set_error (store, error);
          sqlite3_reset (stmt);
          return NULL;
        }
      if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        {
          sqlite3_reset (stmt);
          break;
        }
      g_free (last);
      last = harley_column_dup (stmt, 0);
      sqlite3_reset (stmt);
      g_strv_builder_add (users, last);
    }
  return g_strv_builder_end (users);
}

/**
 * harley_audit_format_time:
 * @at: (nullable): an entry's time, UTC ISO 8601
 *
 * Returns: (transfer full): it in local time, "dd/mm/yyyy hh:mm"
 */
char *
harley_audit_format_time (const char *at)
{
  g_autoptr(GDateTime) utc = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup (at != NULL ? at : "");
  return g_date_time_format (local, "%d/%m/%Y %H:%M");
}
