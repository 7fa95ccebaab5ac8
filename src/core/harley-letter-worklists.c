/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-letter"

/* The secretary's worklists: the letters waiting on her, or on the
 * clinician, or ready to go, each counted and listed by SQLite. */

#include <glib/gi18n-lib.h>

#include "harley-letter-private.h"
#include "harley-letter-worklists.h"

typedef struct
{
  const char *label;
  const char *where;   /* SQL: which letters, ?1 being the start of today in UTC */
} Worklist;

static const Worklist worklists[HARLEY_WORKLIST_N] = {
  [HARLEY_WORKLIST_TO_TYPE] = { N_("To Type"), "l.state IN ('draft', 'typed')" },
  [HARLEY_WORKLIST_AWAITING_APPROVAL] = { N_("Awaiting Approval"), "l.state = 'awaiting-approval'" },
  [HARLEY_WORKLIST_AWAITING_CORRECTION] = { N_("Awaiting Correction"), "l.state = 'awaiting-correction'" },
  [HARLEY_WORKLIST_READY_TO_SEND] = { N_("Ready to Send"), "l.state = 'approved'" },
  [HARLEY_WORKLIST_SENT_TODAY] = { N_("Sent Today"),
    "EXISTS (SELECT 1 FROM letter_recipient r WHERE r.letter_id = l.id AND r.sent_at >= ?1)" },
};

const char *
harley_letter_worklist_label (HarleyLetterWorklist worklist)
{
  g_return_val_if_fail (worklist < HARLEY_WORKLIST_N, NULL);
  return _(worklists[worklist].label);
}

/* Midnight in Europe/London, as stored: UTC. */
static char *
start_of_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (midnight);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static sqlite3_stmt *
prepare (HarleyStore           *store,
         HarleyLetterWorklist   worklist,
         const char            *what,
         const char            *today,
         GError               **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  /* The WHERE clauses are the constant strings above, never input. */
  sql = g_strdup_printf ("SELECT %s FROM letter l WHERE %s%s", what, worklists[worklist].where,
                         g_str_has_prefix (what, "count") ? "" : " ORDER BY l.updated_at, l.id");
  if ((stmt = harley_store_prepare (store, sql, error)) == NULL)
    return NULL;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  return stmt;
}

/**
 * harley_letter_worklist_count:
 *
 * Returns: how many letters are on @worklist now
 */
guint
harley_letter_worklist_count (HarleyStore          *store,
                              HarleyLetterWorklist  worklist)
{
  g_autofree char *today = start_of_today ();
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (worklist < HARLEY_WORKLIST_N, 0);

  if ((stmt = prepare (store, worklist, "count(*)", today, NULL)) == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/**
 * harley_letter_worklist_list:
 *
 * Returns: (transfer full) (element-type gint64): the letters on
 *   @worklist, the longest waiting first
 */
GArray *
harley_letter_worklist_list (HarleyStore           *store,
                             HarleyLetterWorklist   worklist,
                             GError               **error)
{
  g_autofree char *today = start_of_today ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (worklist < HARLEY_WORKLIST_N, NULL);

  if ((stmt = prepare (store, worklist, "l.id", today, error)) == NULL)
    return NULL;
  return harley_store_read_ids (store, stmt, error);
}

/**
 * harley_letter_dup_clinician_name:
 *
 * Returns: (transfer full): who approves @letter: the clinician of its
 *   appointment's clinic, or else the practice's consultant
 */
char *
harley_letter_dup_clinician_name (HarleyStore        *store,
                                  const HarleyLetter *letter)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT name FROM clinician WHERE id = ?", NULL);
  char *name = NULL;

  if (stmt != NULL && letter->clinician_id > 0)
    {
      sqlite3_bind_int64 (stmt, 1, letter->clinician_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        name = harley_column_dup (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = harley_store_get_practice_detail (store, "consultant");
    }
  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = g_strdup (_("the clinician"));
    }
  return name;
}
