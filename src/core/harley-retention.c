/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-retention"

/* Which records are past their retention period: a report for the
 * practice to act on. Harley never deletes or archives anything because
 * of it; whether to destroy a record is the practice's decision.
 *
 * The periods are those of the NHS England Records Management Code of
 * Practice (2021, updated 2023), retention schedule:
 *   - adults' health records: 8 years after the conclusion of treatment;
 *   - children's records: until the patient's 25th birthday, or the 26th
 *     if the patient was 17 at the conclusion of treatment.
 * Harley takes the last contact (below) as the conclusion of treatment,
 * and a patient's age on that day decides which rule applies: 18 or over
 * is an adult. For a child the later of the birthday and 8 years after
 * the last contact is taken (the birthday is always the later in fact,
 * so this only guards the rule). A patient with no date of birth is
 * treated as an adult. A birthday on 29 February falls on 1 March in
 * other years, as does a period ending on one: the later day, so that
 * nothing is reported a day early.
 *
 * Not applied, because Harley does not record what they rest on: "8
 * years after death" (Harley keeps no date of death), and the longer
 * periods the Code sets for some records (cancer records 30 years, for
 * example, which a dermatology practice may hold). The practice should
 * check each record against them before destroying it.
 *
 * The last contact is the latest of these days:
 *   - an appointment booked, arrived or seen (not cancelled or missed),
 *     including one still to come: a patient booked in is not due;
 *   - a letter sent to anyone (its recipients' sent_at);
 *   - a sample taken, a result received for one of the patient's samples;
 *   - a call to the patient, or to a laboratory about the patient's sample;
 *   - failing all of these, the day the record was made.
 * Times stored in UTC (letters sent, calls) count on their UTC day: an
 * hour either way does not matter to a period of years.
 *
 * The report is one SQL query for the last contacts of the patients who
 * could be due (last contact at least 8 years before the day asked
 * about: no rule ends sooner), then the rule in C for each. */

#include <stdio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "harley-retention.h"
#include "harley-validate.h"

/* Dates {{{1 */

/* @date moved on by @years; 29 February becomes 1 March in a year that
 * has none. */
static void
add_years (GDate *date,
           guint  years)
{
  GDateYear year = g_date_get_year (date) + years;

  if (g_date_get_month (date) == G_DATE_FEBRUARY && g_date_get_day (date) == 29 && !g_date_is_leap_year (year))
    g_date_set_dmy (date, 1, G_DATE_MARCH, year);
  else
    g_date_set_year (date, year);
}

/* Whole years from @from to @to; a 29 February birthday comes on 1 March. */
static int
years_between (const GDate *from,
               const GDate *to)
{
  GDate birthday = *from;
  int years;

  if (g_date_compare (to, from) < 0)
    return -1;
  years = g_date_get_year (to) - g_date_get_year (from);
  add_years (&birthday, years);
  return g_date_compare (to, &birthday) < 0 ? years - 1 : years;
}

/**
 * harley_retention_end:
 * @date_of_birth: (nullable): the patient's, or %NULL or an invalid date
 *   when not known
 * @last_contact: the last contact (see the top of this file)
 * @end: (out): the day the retention period ends
 *
 * Applies the rules at the top of this file.
 */
void
harley_retention_end (const GDate *date_of_birth,
                      const GDate *last_contact,
                      GDate       *end)
{
  int age;

  g_return_if_fail (last_contact != NULL && g_date_valid (last_contact));
  g_return_if_fail (end != NULL);

  *end = *last_contact;
  add_years (end, HARLEY_RETENTION_ADULT_YEARS);
  if (date_of_birth == NULL || !g_date_valid (date_of_birth))
    return;
  age = years_between (date_of_birth, last_contact);
  if (age >= HARLEY_RETENTION_ADULT_AGE)
    return;
  {
    GDate birthday = *date_of_birth;

    add_years (&birthday, age == HARLEY_RETENTION_ADULT_AGE - 1 ? HARLEY_RETENTION_AGE_17_BIRTHDAY
                                                                : HARLEY_RETENTION_CHILD_BIRTHDAY);
    if (g_date_compare (&birthday, end) > 0)
      *end = birthday;
  }
}

/* The report {{{1 */

/* A "YYYY-MM-DD" (and anything after it) as a day */
static gboolean
parse_day (const char *iso,
           GDate      *date)
{
  unsigned int y, m, d;

  g_date_clear (date, 1);
  if (iso == NULL || sscanf (iso, "%4u-%2u-%2u", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static void
row_clear (HarleyRetentionRow *row)
{
  g_free (row->name);
  g_free (row->date_of_birth);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const HarleyRetentionRow *x = a, *y = b;
  int by_end = g_date_compare (&x->retention_end, &y->retention_end);

  if (by_end != 0)
    return by_end;
  return x->patient_id < y->patient_id ? -1 : x->patient_id > y->patient_id;
}

/* Each patient who could be due, with the last contact. */
static const char last_contact_sql[] =
  "WITH contact (patient_id, day) AS ("
  "  SELECT patient_id, substr (starts, 1, 10) FROM appointment WHERE status IN ('booked', 'arrived', 'seen')"
  "  UNION ALL SELECT l.patient_id, substr (r.sent_at, 1, 10) FROM letter_recipient r"
  "    JOIN letter l ON l.id = r.letter_id WHERE r.sent_at IS NOT NULL"
  "  UNION ALL SELECT patient_id, taken_on FROM sample"
  "  UNION ALL SELECT s.patient_id, r.received_on FROM result r JOIN sample s ON s.id = r.sample_id"
  "  UNION ALL SELECT coalesce (c.patient_id, s.patient_id), substr (c.at, 1, 10) FROM call c"
  "    LEFT JOIN sample s ON s.id = c.sample_id),"
  " last (patient_id, day) AS (SELECT patient_id, max (day) FROM contact WHERE patient_id IS NOT NULL"
  "  GROUP BY patient_id) "
  "SELECT id, name, date_of_birth, archived, last_day FROM ("
  "  SELECT p.id, p.given_name || ' ' || p.family_name AS name, p.date_of_birth, p.archived,"
  "    coalesce (last.day, substr (p.created_at, 1, 10)) AS last_day"
  "  FROM patient p LEFT JOIN last ON last.patient_id = p.id) "
  "WHERE last_day <= ?1";

static void
add_if_due (GArray       *rows,
            sqlite3_stmt *stmt,
            const GDate  *as_of)
{
  HarleyRetentionRow row = { 0 };
  GDate dob;
  gboolean has_dob = parse_day ((const char *) sqlite3_column_text (stmt, 2), &dob);

  if (!parse_day ((const char *) sqlite3_column_text (stmt, 4), &row.last_contact))
    return;
  harley_retention_end (has_dob ? &dob : NULL, &row.last_contact, &row.retention_end);
  if (g_date_compare (&row.retention_end, as_of) > 0)
    return;
  row.patient_id = sqlite3_column_int64 (stmt, 0);
  row.name = harley_column_dup (stmt, 1);
  row.date_of_birth = has_dob ? harley_column_dup (stmt, 2) : NULL;
  row.archived = sqlite3_column_int (stmt, 3) != 0;
  g_array_append_val (rows, row);
}

/* Runs @stmt, last_contact_sql, for @as_of: the rows due, sorted; or
 * NULL with SQLite's result code in @rc. */
static GArray *
read_due (sqlite3_stmt *stmt,
          const GDate  *as_of,
          int          *rc)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (HarleyRetentionRow));
  GDate cutoff = *as_of;

  g_array_set_clear_func (rows, (GDestroyNotify) row_clear);
  g_date_subtract_years (&cutoff, HARLEY_RETENTION_ADULT_YEARS);
  sqlite3_bind_text (stmt, 1, harley_format_gdate_iso (&cutoff), -1, g_free);
  while ((*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_if_due (rows, stmt, as_of);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (*rc != SQLITE_DONE)
    return NULL;
  g_array_sort (rows, compare_rows);
  return g_steal_pointer (&rows);
}

/**
 * harley_retention_list_due:
 * @store: the practice database
 * @as_of: the day asked about, usually today
 * @error: where to say what went wrong
 *
 * Lists the patients whose retention period (see the top of this file)
 * ended on or before @as_of, archived or not, the longest past it first.
 * Nothing is changed.
 *
 * Returns: (transfer full) (element-type HarleyRetentionRow): the rows;
 *   free with harley_retention_rows_free ()
 */
GArray *
harley_retention_list_due (HarleyStore  *store,
                           const GDate  *as_of,
                           GError      **error)
{
  sqlite3_stmt *stmt;
  GArray *rows;
  int rc;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  if ((stmt = harley_store_prepare (store, last_contact_sql, error)) == NULL)
    return NULL;
  if ((rows = read_due (stmt, as_of, &rc)) == NULL)
    harley_store_set_error (store, error);
  return rows;
}

/**
 * harley_retention_list_due_at:
 * @path: the practice database's file, open in this Harley
 * @as_of: the day asked about
 * @error: where to say what went wrong
 *
 * harley_retention_list_due () on a read-only connection of its own, so
 * that a worker thread can make the report while the window goes on
 * using the store: a million appointments take about a second.
 *
 * Returns: (transfer full) (element-type HarleyRetentionRow): the rows
 */
GArray *
harley_retention_list_due_at (const char   *path,
                              const GDate  *as_of,
                              GError      **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GArray *rows = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, last_contact_sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rows = read_due (stmt, as_of, &rc);
  if (rows == NULL)
    g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_FAILED,
                 /* TRANSLATORS: %s is SQLite's reason, in English */
                 _("The retention report could not be made: %s. Close Harley, start it again and try once more."),
                 db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rows;
}

void
harley_retention_rows_free (GArray *rows)
{
  g_array_unref (rows);
}
