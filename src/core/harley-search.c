/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-search"

/* Search as you type over the patient register.
 *
 * Every save writes search keys beside the record (same transaction):
 *   patient_name_key (class, word, sort_key, patient_id)  folded name words
 *   patient_id_key   (key, sort_key, patient_id)          NHS, phones, postcode,
 *                                                         hospital numbers, birth date
 * Both are WITHOUT ROWID tables whose primary key is the order results are
 * shown in, so a prefix search is one index range read in order, stopped at
 * the limit: no sort, no scan, whatever the size of the practice.
 */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harley-register-private.h"
#include "harley-validate.h"

/* U+10FFFF sorts after anything that can follow a prefix. */
#define PREFIX_END "\xf4\x8f\xbf\xbf"

/* Word classes, in the order matches are shown: a surname that starts
 * with what was typed, a later word of a surname (Jones-Smith), a first or
 * preferred name. */
enum { CLASS_FAMILY_FIRST = 0, CLASS_FAMILY_OTHER = 1, CLASS_GIVEN = 2 };

static char *
sort_key (HarleyPatient *patient)
{
  g_autofree char *family = harley_fold_for_search (harley_patient_get_text (patient, HARLEY_PATIENT_FAMILY_NAME));
  g_autofree char *given = harley_fold_for_search (harley_patient_get_text (patient, HARLEY_PATIENT_GIVEN_NAME));

  /* \x01 sorts "smith" before "smith jones" */
  return g_strdup_printf ("%s\x01%s\x01%s", family, given,
                          harley_patient_get_text (patient, HARLEY_PATIENT_DATE_OF_BIRTH));
}

/**
 * _harley_register_name_words:
 * @patient: a patient
 *
 * Returns: (transfer full): " smith jane janey ", every folded name word
 *   between spaces, for checking the other words typed
 */
char *
_harley_register_name_words (HarleyPatient *patient)
{
  const HarleyPatientText parts[] = {
    HARLEY_PATIENT_FAMILY_NAME, HARLEY_PATIENT_GIVEN_NAME, HARLEY_PATIENT_PREFERRED_NAME
  };
  g_autoptr(GString) words = g_string_new (" ");

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *folded = harley_fold_for_search (harley_patient_get_text (patient, parts[i]));

      if (folded != NULL && *folded != '\0')
        g_string_append_printf (words, "%s ", folded);
    }
  return g_string_free (g_steal_pointer (&words), FALSE);
}

static gboolean
delete_keys (HarleyStore  *store,
             gint64        id,
             GError      **error)
{
  const char *sql[] = {
    "DELETE FROM patient_name_key WHERE patient_id = ?",
    "DELETE FROM patient_id_key WHERE patient_id = ?",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = harley_store_prepare (store, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!harley_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_name_words (HarleyStore  *store,
                   gint64        id,
                   int           first_class,
                   int           later_class,
                   const char   *text,
                   const char   *sort,
                   GError      **error)
{
  g_autofree char *folded = harley_fold_for_search (text);
  g_auto(GStrv) words = NULL;

  if (folded == NULL || *folded == '\0')
    return TRUE;
  words = g_strsplit (folded, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = harley_store_prepare (store,
        "INSERT OR IGNORE INTO patient_name_key (class, word, sort_key, patient_id) VALUES (?, ?, ?, ?)",
        error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, i == 0 ? first_class : later_class);
      sqlite3_bind_text (stmt, 2, words[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, sort, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, id);
      if (!harley_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_id_key (HarleyStore  *store,
               gint64        id,
               const char   *key,
               const char   *sort,
               GError      **error)
{
  sqlite3_stmt *stmt;

  if (key == NULL || *key == '\0')
    return TRUE;
  stmt = harley_store_prepare (store, "INSERT OR IGNORE INTO patient_id_key (key, sort_key, patient_id) "
                                      "VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, sort, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  return harley_store_step_done (store, stmt, error);
}

static GPtrArray *
collect_id_keys (HarleyPatient *patient)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  const HarleyPatientText phones[] = {
    HARLEY_PATIENT_PHONE_HOME, HARLEY_PATIENT_PHONE_MOBILE, HARLEY_PATIENT_PHONE_WORK
  };
  GPtrArray *numbers = harley_patient_get_hospital_numbers (patient);

  g_ptr_array_add (keys, g_strdup (harley_patient_get_text (patient, HARLEY_PATIENT_NHS_NUMBER)));
  g_ptr_array_add (keys, g_strdup (harley_patient_get_text (patient, HARLEY_PATIENT_DATE_OF_BIRTH)));
  g_ptr_array_add (keys, harley_compact_identifier (harley_patient_get_text (patient, HARLEY_PATIENT_POSTCODE)));
  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    g_ptr_array_add (keys, harley_phone_digits (harley_patient_get_text (patient, phones[i])));
  for (guint i = 0; i < numbers->len; i++)
    g_ptr_array_add (keys, harley_compact_identifier (((HarleyHospitalNumber *) g_ptr_array_index (numbers, i))->number));
  return keys;
}

/**
 * _harley_register_write_keys:
 * @store: a #HarleyStore, in a transaction
 * @patient: a saved patient
 * @error: where to put a failure
 *
 * Replaces the patient's search keys.
 */
gboolean
_harley_register_write_keys (HarleyStore    *store,
                             HarleyPatient  *patient,
                             GError        **error)
{
  gint64 id = harley_patient_get_id (patient);
  g_autofree char *sort = sort_key (patient);
  g_autoptr(GPtrArray) keys = collect_id_keys (patient);

  if (!delete_keys (store, id, error)
      || !insert_name_words (store, id, CLASS_FAMILY_FIRST, CLASS_FAMILY_OTHER,
                             harley_patient_get_text (patient, HARLEY_PATIENT_FAMILY_NAME), sort, error)
      || !insert_name_words (store, id, CLASS_GIVEN, CLASS_GIVEN,
                             harley_patient_get_text (patient, HARLEY_PATIENT_GIVEN_NAME), sort, error)
      || !insert_name_words (store, id, CLASS_GIVEN, CLASS_GIVEN,
                             harley_patient_get_text (patient, HARLEY_PATIENT_PREFERRED_NAME), sort, error))
    return FALSE;
  for (guint i = 0; i < keys->len; i++)
    if (!insert_id_key (store, id, g_ptr_array_index (keys, i), sort, error))
      return FALSE;
  return TRUE;
}

typedef struct
{
  GArray     *ids;
  GHashTable *seen;
  guint       limit;
  gboolean    more;
} Results;

/* Adds an id once; FALSE when the list is full. */
static gboolean
results_add (Results *results,
             gint64   id)
{
  if (g_hash_table_contains (results->seen, &id))
    return TRUE;
  if (results->ids->len >= results->limit)
    {
      results->more = TRUE;
      return FALSE;
    }
  g_array_append_val (results->ids, id);
  g_hash_table_add (results->seen, g_memdup2 (&id, sizeof id));
  return TRUE;
}

static gboolean
has_every_word (const char  *name_words,
                char       **words,
                guint        skip)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *needle = g_strconcat (" ", words[i], NULL);

      if (i != skip && strstr (name_words, needle) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
finish_scan (HarleyStore   *store,
             sqlite3_stmt  *stmt,
             int            rc,
             GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      harley_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
scan_names (HarleyStore        *store,
            int                 klass,
            char              **words,
            guint               driver,
            const char         *date_of_birth,
            HarleySearchFlags   flags,
            Results            *results,
            GError            **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "SELECT k.patient_id, p.name_words FROM patient_name_key k JOIN patient p ON p.id = k.patient_id "
    "WHERE k.class = ?1 AND k.word >= ?2 AND k.word < ?3 AND (p.archived = 0 OR ?4) "
    "AND (?5 IS NULL OR p.date_of_birth = ?5) "
    "ORDER BY k.class, k.word, k.sort_key", error);
  g_autofree char *end = g_strconcat (words[driver], PREFIX_END, NULL);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, klass);
  sqlite3_bind_text (stmt, 2, words[driver], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, end, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, (flags & HARLEY_SEARCH_INCLUDE_ARCHIVED) != 0);
  harley_bind_text (stmt, 5, date_of_birth);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name_words = (const char *) sqlite3_column_text (stmt, 1);

      if (has_every_word (name_words, words, driver)
          && !results_add (results, sqlite3_column_int64 (stmt, 0)))
        break;
    }
  return finish_scan (store, stmt, rc, error);
}

static gboolean
scan_identifiers (HarleyStore        *store,
                  const char         *key,
                  gboolean            exact,
                  HarleySearchFlags   flags,
                  Results            *results,
                  GError            **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "SELECT k.patient_id FROM patient_id_key k JOIN patient p ON p.id = k.patient_id "
    "WHERE k.key >= ?1 AND k.key < ?2 AND (p.archived = 0 OR ?3) ORDER BY k.key, k.sort_key", error);
  g_autofree char *end = g_strconcat (key, exact ? "\x01" : PREFIX_END, NULL);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, end, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, (flags & HARLEY_SEARCH_INCLUDE_ARCHIVED) != 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!results_add (results, sqlite3_column_int64 (stmt, 0)))
      break;
  return finish_scan (store, stmt, rc, error);
}

static gboolean
scan_recent (HarleyStore        *store,
             HarleySearchFlags   flags,
             Results            *results,
             GError            **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "SELECT id FROM patient WHERE archived = 0 OR ?1 ORDER BY updated_at DESC", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, (flags & HARLEY_SEARCH_INCLUDE_ARCHIVED) != 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!results_add (results, sqlite3_column_int64 (stmt, 0)))
      break;
  return finish_scan (store, stmt, rc, error);
}

static gboolean
search_names (HarleyStore        *store,
              const char         *query,
              const char         *date_of_birth,
              HarleySearchFlags   flags,
              Results            *results,
              GError            **error)
{
  g_autofree char *folded = harley_fold_for_search (query);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  guint driver = 0;

  /* "(" or "-" alone folds to nothing: no name to look for yet */
  if (words[0] == NULL || *words[0] == '\0')
    return TRUE;

  /* The longest word picks the fewest rows; the others filter. */
  for (guint i = 1; words[i] != NULL; i++)
    if (strlen (words[i]) > strlen (words[driver]))
      driver = i;
  for (int klass = CLASS_FAMILY_FIRST; klass <= CLASS_GIVEN && !results->more; klass++)
    if (!scan_names (store, klass, words, driver, date_of_birth, flags, results, error))
      return FALSE;
  return TRUE;
}

static gboolean
looks_like_date (const char *query)
{
  return g_regex_match_simple ("^\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{4}$", query, 0, 0);
}

/* "smith 07/03/1965": name words and one date of birth. Splits them, with
 * the date as stored; FALSE for any other query. */
static gboolean
split_name_and_date (const char  *query,
                     char       **names,
                     char       **iso)
{
  g_auto(GStrv) words = g_strsplit_set (query, " \t,", -1);
  g_autoptr(GString) rest = g_string_new (NULL);
  g_autoptr(GDate) date = g_date_new ();
  guint n_dates = 0;
  char found[16];

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (looks_like_date (words[i]) && harley_parse_date (words[i], date, NULL))
        {
          g_date_strftime (found, sizeof found, "%Y-%m-%d", date);
          n_dates++;
        }
      else if (strpbrk (words[i], "0123456789") != NULL)
        return FALSE;
      else if (*words[i] != '\0')
        g_string_append_printf (rest, "%s ", words[i]);
    }
  if (n_dates != 1 || rest->len == 0)
    return FALSE;
  *names = g_strdup (rest->str);
  *iso = g_strdup (found);
  return TRUE;
}

static char *
identifier_key (const char *query)
{
  /* Digits and the marks of a written phone number, "(01632) 960576" or
   * "+44 1632.960576", are keyed as phone numbers are stored; NHS numbers
   * come out the same. Anything with letters is a postcode or a hospital
   * number. */
  if (strspn (query, "0123456789 +()-.") == strlen (query))
    return harley_phone_digits (query);
  return harley_compact_identifier (query);
}

/**
 * harley_register_search:
 * @store: a #HarleyStore
 * @query: (nullable): what was typed: names, NHS number, hospital number,
 *   dd/mm/yyyy, postcode or phone number, or names with a dd/mm/yyyy
 * @flags: whether to include archived records
 * @limit: the most ids to return
 * @ids: (element-type gint64): where the matching ids are appended, best first
 * @more: (out) (optional): set when more than @limit matched
 * @error: where to put a failure
 *
 * Returns: what kind of search the query was taken for
 */
HarleySearchKind
harley_register_search (HarleyStore        *store,
                        const char         *query,
                        HarleySearchFlags   flags,
                        guint               limit,
                        GArray             *ids,
                        gboolean           *more,
                        GError            **error)
{
  g_autofree char *text = g_strstrip (g_strdup (query ? query : ""));
  g_autofree char *names = NULL;
  g_autofree char *iso_date = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  Results results = { ids, seen, limit, FALSE };
  HarleySearchKind kind;

  if (*text == '\0')
    {
      kind = HARLEY_SEARCH_RECENT;
      scan_recent (store, flags, &results, error);
    }
  else if (split_name_and_date (text, &names, &iso_date))
    {
      kind = HARLEY_SEARCH_NAME;
      search_names (store, names, iso_date, flags, &results, error);
    }
  else if (looks_like_date (text))
    {
      g_autoptr(GDate) date = g_date_new ();
      char iso[16];

      kind = HARLEY_SEARCH_DATE_OF_BIRTH;
      if (harley_parse_date (text, date, NULL))
        {
          g_date_strftime (iso, sizeof iso, "%Y-%m-%d", date);
          scan_identifiers (store, iso, TRUE, flags, &results, error);
        }
    }
  else if (strpbrk (text, "0123456789") != NULL)
    {
      g_autofree char *key = identifier_key (text);

      kind = strlen (key) < HARLEY_SEARCH_MIN_IDENTIFIER ? HARLEY_SEARCH_TOO_SHORT : HARLEY_SEARCH_IDENTIFIER;
      if (kind == HARLEY_SEARCH_IDENTIFIER)
        scan_identifiers (store, key, FALSE, flags, &results, error);
    }
  else
    {
      kind = HARLEY_SEARCH_NAME;
      search_names (store, text, NULL, flags, &results, error);
    }
  if (more != NULL)
    *more = results.more;
  return kind;
}
