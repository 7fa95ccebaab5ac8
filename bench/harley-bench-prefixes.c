/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-bench"

/* What the benchmarks type, and the floor each keystroke is held against.
 *
 * The prefixes come from the database itself, from patients drawn with a
 * fixed seed, so every run on the same file types the same keys. They are
 * typed the way the secretary types: a search at a time, one character
 * per keystroke, in a mix of what she looks people up by:
 *
 *   surname       "s" "sm" "smi" "smit" "smith"          (up to 5 letters)
 *   name pair     "j" … "jane" "jane " "jane s" … "jane smit"
 *   NHS number    "9" "99" … "9991037640"                (digits only)
 *   birth date    "0" "03" "03/" … "03/12/1996"
 *   postcode      "S" "SW" "SW1" … "SW19 6RF"            (as written)
 *   phone         "0" "02" … "02079460284"               (digits only)
 *
 * The floor is one prepared SQL statement per keystroke: a single index
 * range read for what the person means (not what Harley takes it for),
 * stopped at the list's limit, without Harley's ranking, word matching,
 * archive filter or de-duplication. Where the patient table has an index
 * for it, that index: patient_name_dob for surnames, the unique index on
 * nhs_number. Where it has none (first names, dates of birth, postcodes,
 * phones) Harley's own key tables, read bare: without them the only raw
 * query would be a scan of the whole table, and no floor at all.
 */

#include <string.h>

#include "harley-bench-prefixes.h"
#include "harley-patient-list.h"
#include "harley-validate.h"

/* U+10FFFF sorts after anything that can follow a prefix. */
#define PREFIX_END "\xf4\x8f\xbf\xbf"
#define SEED       20260101
#define MAX_TRIES  1000

/* patient_name_key's class of first and preferred names (harley-search.c) */
#define CLASS_GIVEN "2"

typedef enum
{
  SESSION_SURNAME,
  SESSION_PAIR,
  SESSION_NHS,
  SESSION_DATE_OF_BIRTH,
  SESSION_POSTCODE,
  SESSION_PHONE,
} Session;

/* Surnames most, as at a real desk. */
static const Session sessions[] = {
  SESSION_SURNAME, SESSION_PAIR, SESSION_NHS, SESSION_SURNAME,
  SESSION_DATE_OF_BIRTH, SESSION_POSTCODE, SESSION_SURNAME, SESSION_PHONE,
};

enum { COL_GIVEN, COL_FAMILY, COL_DOB, COL_NHS, COL_POSTCODE, COL_PHONE, COL_ID, N_COLS };

typedef struct
{
  GPtrArray *prefixes;
  guint      wanted;
  gboolean   first;      /* the next prefix starts a search */
} Typist;

static const char * const floor_names[] = { "family", "given", "nhs", "key" };

G_STATIC_ASSERT (G_N_ELEMENTS (floor_names) == HARLEY_BENCH_N_FLOORS);

const char *
harley_bench_floor_name (HarleyBenchFloor floor)
{
  g_return_val_if_fail (floor < HARLEY_BENCH_N_FLOORS, NULL);
  return floor_names[floor];
}

void
harley_bench_prefix_free (HarleyBenchPrefix *prefix)
{
  g_free (prefix->typed);
  for (guint i = 0; i < G_N_ELEMENTS (prefix->low); i++)
    {
      g_free (prefix->low[i]);
      g_free (prefix->high[i]);
    }
  g_free (prefix);
}

/* Adds a keystroke; FALSE once there are enough. */
static gboolean
typist_add (Typist           *typist,
            const char       *typed,
            HarleyBenchFloor  floor,
            const char       *low,
            const char       *given_low)
{
  HarleyBenchPrefix *prefix;

  if (typist->prefixes->len >= typist->wanted)
    return FALSE;
  prefix = g_new0 (HarleyBenchPrefix, 1);
  prefix->typed = g_strdup (typed);
  prefix->first = typist->first;
  prefix->floor = floor;
  prefix->low[0] = g_strdup (low);
  prefix->high[0] = g_strconcat (low, PREFIX_END, NULL);
  prefix->low[1] = g_strdup (given_low ? given_low : "");
  prefix->high[1] = g_strconcat (given_low ? given_low : "", PREFIX_END, NULL);
  g_ptr_array_add (typist->prefixes, prefix);
  typist->first = FALSE;
  return TRUE;
}

/* The start of a name as stored that holds @n_typed typed characters:
 * apostrophes are not typed ("O'B" is "ob"), accented letters are. */
static char *
stored_prefix (const char *stored,
               guint       n_typed)
{
  const char *p = stored;
  guint counted = 0;

  while (*p != '\0' && counted < n_typed)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || g_unichar_isspace (c) || c == '-')
        counted++;
      p = g_utf8_next_char (p);
    }
  return g_strndup (stored, p - stored);
}

static void
type_surname (Typist      *typist,
              const char  *family,
              const char  *given,
              guint        max_letters)
{
  g_autofree char *folded = harley_fold_for_search (family);
  guint n = MIN (max_letters, (guint) g_utf8_strlen (folded, -1));

  for (guint k = 1; k <= n; k++)
    {
      g_autofree char *typed = g_utf8_substring (folded, 0, k);
      g_autofree char *low = stored_prefix (family, k);

      if (!typist_add (typist, typed, HARLEY_BENCH_FLOOR_FAMILY, low, given))
        return;
    }
}

static void
type_pair (Typist     *typist,
           const char *given,
           const char *family)
{
  g_auto(GStrv) words = g_strsplit (given, " ", 2);
  g_autofree char *folded = harley_fold_for_search (words[0]);
  g_autofree char *spaced = g_strconcat (folded, " ", NULL);
  guint n = g_utf8_strlen (folded, -1);

  for (guint k = 1; k <= n; k++)
    {
      g_autofree char *typed = g_utf8_substring (folded, 0, k);

      if (!typist_add (typist, typed, HARLEY_BENCH_FLOOR_GIVEN, typed, NULL))
        return;
    }
  if (!typist_add (typist, spaced, HARLEY_BENCH_FLOOR_GIVEN, folded, NULL))
    return;
  /* The first name is known now; the surname narrows it. */
  {
    g_autofree char *family_folded = harley_fold_for_search (family);
    guint m = MIN (4, (guint) g_utf8_strlen (family_folded, -1));

    for (guint k = 1; k <= m; k++)
      {
        g_autofree char *part = g_utf8_substring (family_folded, 0, k);
        g_autofree char *typed = g_strconcat (spaced, part, NULL);
        g_autofree char *low = stored_prefix (family, k);

        if (!typist_add (typist, typed, HARLEY_BENCH_FLOOR_FAMILY, low, words[0]))
          return;
      }
  }
}

/* Types @text a character at a time; the floor reads the compacted text
 * typed so far, or @whole_key once all of it is typed. */
static void
type_identifier (Typist            *typist,
                 const char        *text,
                 HarleyBenchFloor   floor,
                 const char        *whole_key)
{
  guint n = g_utf8_strlen (text, -1);

  for (guint k = 1; k <= n; k++)
    {
      g_autofree char *typed = g_utf8_substring (text, 0, k);
      g_autofree char *key = harley_compact_identifier (typed);

      if (!typist_add (typist, typed, floor, k == n && whole_key ? whole_key : key, NULL))
        return;
    }
}

static void
type_date_of_birth (Typist     *typist,
                    const char *iso)
{
  g_autofree char *written = harley_format_date (iso);

  type_identifier (typist, written, HARLEY_BENCH_FLOOR_KEY, iso);
}

static void
type_phone (Typist     *typist,
            const char *phone)
{
  g_autofree char *digits = harley_phone_digits (phone);

  type_identifier (typist, digits, HARLEY_BENCH_FLOOR_KEY, NULL);
}

static int
session_column (Session session)
{
  switch (session)
    {
    case SESSION_NHS:
      return COL_NHS;
    case SESSION_POSTCODE:
      return COL_POSTCODE;
    case SESSION_PHONE:
      return COL_PHONE;
    case SESSION_SURNAME:
    case SESSION_PAIR:
    case SESSION_DATE_OF_BIRTH:
    default:
      return COL_FAMILY;
    }
}

static void
type_session (Typist        *typist,
              Session        session,
              sqlite3_stmt  *person)
{
  const char *col[COL_ID];

  for (int i = 0; i < COL_ID; i++)
    col[i] = (const char *) sqlite3_column_text (person, i);
  typist->first = TRUE;
  switch (session)
    {
    case SESSION_SURNAME:
      type_surname (typist, col[COL_FAMILY], NULL, 5);
      break;
    case SESSION_PAIR:
      type_pair (typist, col[COL_GIVEN], col[COL_FAMILY]);
      break;
    case SESSION_NHS:
      type_identifier (typist, col[COL_NHS], HARLEY_BENCH_FLOOR_NHS, NULL);
      break;
    case SESSION_DATE_OF_BIRTH:
      type_date_of_birth (typist, col[COL_DOB]);
      break;
    case SESSION_POSTCODE:
      type_identifier (typist, col[COL_POSTCODE], HARLEY_BENCH_FLOOR_KEY, NULL);
      break;
    case SESSION_PHONE:
      type_phone (typist, col[COL_PHONE]);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gint64
query_int64 (HarleyStore  *store,
             const char   *sql)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, sql, NULL);
  gint64 value = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return value;
}

gint64
harley_bench_count_patients (HarleyStore *store)
{
  return query_int64 (store, "SELECT count(*) FROM patient");
}

/* A random patient in the list (not archived) with @column filled in. */
static sqlite3_stmt *
pick_person (HarleyStore  *store,
             GRand        *rand,
             gint64        max_id,
             int           column,
             GError      **error)
{
  for (guint tries = 0; tries < MAX_TRIES; tries++)
    {
      sqlite3_stmt *stmt = harley_store_prepare (store,
        "SELECT given_name, family_name, date_of_birth, nhs_number, postcode, "
        "       coalesce (phone_mobile, phone_home, phone_work), id "
        "FROM patient WHERE id >= ? AND archived = 0 ORDER BY id LIMIT 1", error);

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, 1 + (gint64) (g_rand_double (rand) * max_id));
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, column) != SQLITE_NULL)
        return stmt;
      sqlite3_reset (stmt);
    }
  g_set_error_literal (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_NOT_FOUND,
                       "The database has too few patients to type searches from.");
  return NULL;
}

/**
 * harley_bench_prefixes_derive:
 * @store: a practice database with patients
 * @n_prefixes: how many keystrokes
 * @error: where to put a failure
 *
 * Returns: (transfer full) (element-type HarleyBenchPrefix): the keystrokes,
 *   the same for the same database
 */
GPtrArray *
harley_bench_prefixes_derive (HarleyStore  *store,
                              guint         n_prefixes,
                              GError      **error)
{
  g_autoptr(GPtrArray) prefixes = g_ptr_array_new_with_free_func ((GDestroyNotify) harley_bench_prefix_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  gint64 max_id = query_int64 (store, "SELECT max(id) FROM patient");
  Typist typist = { prefixes, n_prefixes, TRUE };

  for (guint i = 0; prefixes->len < n_prefixes; i++)
    {
      Session session = sessions[i % G_N_ELEMENTS (sessions)];
      sqlite3_stmt *person = pick_person (store, rand, max_id, session_column (session), error);

      if (person == NULL)
        return NULL;
      type_session (&typist, session, person);
      sqlite3_reset (person);
    }
  return g_steal_pointer (&prefixes);
}

/**
 * harley_bench_sample_ids:
 * @store: a practice database with patients
 * @n_ids: how many
 * @error: where to put a failure
 *
 * Returns: (transfer full) (element-type gint64): patients drawn with a
 *   fixed seed
 */
GArray *
harley_bench_sample_ids (HarleyStore  *store,
                         guint         n_ids,
                         GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 1);
  gint64 max_id = query_int64 (store, "SELECT max(id) FROM patient");

  while (ids->len < n_ids)
    {
      sqlite3_stmt *person = pick_person (store, rand, max_id, COL_FAMILY, error);
      gint64 id;

      if (person == NULL)
        return NULL;
      id = sqlite3_column_int64 (person, COL_ID);
      sqlite3_reset (person);
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

static const char * const floor_sql[] = {
  [HARLEY_BENCH_FLOOR_FAMILY] =
    "SELECT id FROM patient WHERE family_name >= ?1 AND family_name < ?2 "
    "AND given_name >= ?3 AND given_name < ?4 "
    "ORDER BY family_name, given_name, date_of_birth LIMIT ?5",
  [HARLEY_BENCH_FLOOR_GIVEN] =
    "SELECT patient_id FROM patient_name_key WHERE class = " CLASS_GIVEN " "
    "AND word >= ?1 AND word < ?2 ORDER BY class, word, sort_key LIMIT ?5",
  [HARLEY_BENCH_FLOOR_NHS] =
    "SELECT id FROM patient WHERE nhs_number >= ?1 AND nhs_number < ?2 "
    "ORDER BY nhs_number LIMIT ?5",
  [HARLEY_BENCH_FLOOR_KEY] =
    "SELECT patient_id FROM patient_id_key WHERE key >= ?1 AND key < ?2 "
    "ORDER BY key, sort_key LIMIT ?5",
};

G_STATIC_ASSERT (G_N_ELEMENTS (floor_sql) == HARLEY_BENCH_N_FLOORS);

/**
 * harley_bench_floor_run:
 * @store: the practice database
 * @prefix: a keystroke
 * @ids: (element-type gint64): where the matching ids go
 * @error: where to put a failure
 *
 * Runs the floor query of @prefix, as many rows as the list shows at most.
 *
 * Returns: %TRUE when it ran
 */
gboolean
harley_bench_floor_run (HarleyStore        *store,
                        HarleyBenchPrefix  *prefix,
                        GArray             *ids,
                        GError            **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, floor_sql[prefix->floor], error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, prefix->low[0], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, prefix->high[0], -1, SQLITE_STATIC);
  if (prefix->floor == HARLEY_BENCH_FLOOR_FAMILY)
    {
      sqlite3_bind_text (stmt, 3, prefix->low[1], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, prefix->high[1], -1, SQLITE_STATIC);
    }
  sqlite3_bind_int (stmt, 5, HARLEY_PATIENT_LIST_LIMIT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  harley_store_set_error (store, error);
  return FALSE;
}

/**
 * harley_bench_fetch_row:
 * @store: the practice database
 * @id: a patient
 * @error: where to put a failure
 *
 * The floor of opening a record: its row read as text, nothing built.
 *
 * Returns: %TRUE when the row was read
 */
gboolean
harley_bench_fetch_row (HarleyStore  *store,
                        gint64        id,
                        GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT * FROM patient WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      sqlite3_column_text (stmt, i);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  harley_store_set_error (store, error);
  return FALSE;
}
