/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-register"

#include <glib/gi18n-lib.h>

#include "harley-patient-private.h"
#include "harley-register-private.h"
#include "harley-validate.h"

/* The record's own columns: every text field but the two timestamps. */
#define N_EDITABLE_TEXT HARLEY_PATIENT_CREATED_AT

G_DEFINE_QUARK (harley-register-error-quark, harley_register_error)

static char *
build_column_list (void)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  for (guint i = 0; i < HARLEY_PATIENT_N_TEXT; i++)
    g_string_append_printf (sql, "%s, ", harley_patient_text_column (i));
  for (guint i = 0; i < HARLEY_PATIENT_N_FLAGS; i++)
    g_string_append_printf (sql, "%s, ", harley_patient_flag_column (i));
  for (guint i = 0; i < HARLEY_PATIENT_N_LINKS; i++)
    g_string_append_printf (sql, "%s, ", harley_patient_link_column (i));
  g_string_truncate (sql, sql->len - 2);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* The statements below are built once from the field tables, which are
 * constants: no user text ever enters SQL. */
static const char *
select_sql (void)
{
  static gsize sql;

  if (g_once_init_enter (&sql))
    {
      g_autofree char *columns = build_column_list ();

      g_once_init_leave (&sql, (gsize) g_strdup_printf ("SELECT id, %s FROM patient WHERE id = ?",
                                                         columns));
    }
  return (const char *) sql;
}

static const char *
insert_sql (void)
{
  static gsize sql;

  if (g_once_init_enter (&sql))
    {
      g_autofree char *columns = build_column_list ();
      g_autoptr(GString) marks = g_string_new (NULL);

      for (guint i = 0; i < HARLEY_PATIENT_N_TEXT + HARLEY_PATIENT_N_FLAGS + HARLEY_PATIENT_N_LINKS; i++)
        g_string_append (marks, "?, ");
      g_once_init_leave (&sql, (gsize) g_strdup_printf ("INSERT INTO patient (%s, name_words) VALUES (%s?)",
                                                         columns, marks->str));
    }
  return (const char *) sql;
}

static const char *
update_sql (void)
{
  static gsize sql;

  if (g_once_init_enter (&sql))
    {
      g_autofree char *list = build_column_list ();
      g_auto(GStrv) columns = g_strsplit (list, ", ", -1);
      g_autoptr(GString) set = g_string_new ("UPDATE patient SET ");

      for (guint i = 0; columns[i] != NULL; i++)
        g_string_append_printf (set, "%s = ?, ", columns[i]);
      g_string_append (set, "name_words = ? WHERE id = ?");
      g_once_init_leave (&sql, (gsize) g_string_free (g_steal_pointer (&set), FALSE));
    }
  return (const char *) sql;
}

static void
read_row (HarleyPatient *patient,
          sqlite3_stmt  *stmt)
{
  const char *text[HARLEY_PATIENT_N_TEXT];
  gboolean flags[HARLEY_PATIENT_N_FLAGS];
  gint64 links[HARLEY_PATIENT_N_LINKS];
  int col = 1;

  for (guint i = 0; i < HARLEY_PATIENT_N_TEXT; i++)
    text[i] = (const char *) sqlite3_column_text (stmt, col++);
  for (guint i = 0; i < HARLEY_PATIENT_N_FLAGS; i++)
    flags[i] = sqlite3_column_int (stmt, col++) != 0;
  for (guint i = 0; i < HARLEY_PATIENT_N_LINKS; i++)
    links[i] = sqlite3_column_int64 (stmt, col++);
  _harley_patient_load (patient, sqlite3_column_int64 (stmt, 0), text, flags, links);
}

static gboolean
load_hospital_numbers (HarleyStore    *store,
                       HarleyPatient  *patient,
                       GError        **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "SELECT h.hospital_id, c.name, h.number FROM hospital_number h "
    "LEFT JOIN contact c ON c.id = h.hospital_id WHERE h.patient_id = ? ORDER BY h.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, harley_patient_get_id (patient));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    harley_patient_add_hospital_number (patient, sqlite3_column_int64 (stmt, 0),
                                        (const char *) sqlite3_column_text (stmt, 1),
                                        (const char *) sqlite3_column_text (stmt, 2));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * harley_register_load:
 * @store: a #HarleyStore
 * @id: the patient's id
 * @error: where to put a failure
 *
 * Returns: (transfer full) (nullable): the patient
 */
HarleyPatient *
harley_register_load (HarleyStore  *store,
                      gint64        id,
                      GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, select_sql (), error);
  g_autoptr(HarleyPatient) patient = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      patient = harley_patient_new ();
      read_row (patient, stmt);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_NOT_FOUND,
                 _("There is no patient number %" G_GINT64_FORMAT "."), id);
  else
    harley_store_set_error (store, error);
  sqlite3_reset (stmt);
  if (patient == NULL || !load_hospital_numbers (store, patient, error))
    return NULL;
  return g_steal_pointer (&patient);
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, HARLEY_REGISTER_ERROR, HARLEY_REGISTER_ERROR_INVALID, message);
  return FALSE;
}

/**
 * harley_register_check_patient:
 * @patient: a patient about to be saved
 * @error: where to put what is wrong
 *
 * The last line of defence behind the editor's and the CLI's checks: the
 * record holds values already normalised (ISO dates, plain NHS digits).
 */
gboolean
harley_register_check_patient (HarleyPatient  *patient,
                               GError        **error)
{
  const char *nhs = harley_patient_get_text (patient, HARLEY_PATIENT_NHS_NUMBER);
  const char *dob = harley_patient_get_text (patient, HARLEY_PATIENT_DATE_OF_BIRTH);
  const char *postcode = harley_patient_get_text (patient, HARLEY_PATIENT_POSTCODE);
  g_autofree char *normal = NULL;

  if (harley_patient_get_text (patient, HARLEY_PATIENT_FAMILY_NAME) == NULL)
    return invalid (error, _("Enter the patient's surname."));
  if (harley_patient_get_text (patient, HARLEY_PATIENT_GIVEN_NAME) == NULL)
    return invalid (error, _("Enter the patient's first name."));
  if (dob == NULL)
    return invalid (error, _("Enter the patient's date of birth."));
  if (!harley_validate_date_of_birth (dob, NULL, &normal, error))
    return FALSE;
  harley_patient_set_text (patient, HARLEY_PATIENT_DATE_OF_BIRTH, normal);
  g_clear_pointer (&normal, g_free);
  if (nhs != NULL && !harley_validate_nhs_number (nhs, &normal, error))
    return FALSE;
  if (normal != NULL && g_strcmp0 (normal, nhs) != 0)
    harley_patient_set_text (patient, HARLEY_PATIENT_NHS_NUMBER, normal);
  g_clear_pointer (&normal, g_free);
  if (postcode != NULL && !harley_validate_postcode (postcode, &normal, error))
    return FALSE;
  if (normal != NULL)
    harley_patient_set_text (patient, HARLEY_PATIENT_POSTCODE, normal);
  return TRUE;
}

static gboolean
check_duplicates (HarleyStore              *store,
                  HarleyPatient            *patient,
                  HarleyRegisterSaveFlags   flags,
                  GError                  **error)
{
  sqlite3_stmt *stmt;
  const char *nhs = harley_patient_get_text (patient, HARLEY_PATIENT_NHS_NUMBER);
  gint64 other = 0;

  if (nhs != NULL)
    {
      stmt = harley_store_prepare (store, "SELECT id FROM patient WHERE nhs_number = ? AND id <> ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, nhs, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, harley_patient_get_id (patient));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        other = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (other != 0)
        {
          g_autoptr(HarleyPatient) found = harley_register_load (store, other, NULL);
          g_autofree char *name = found ? harley_patient_dup_full_name (found) : g_strdup ("?");
          g_autofree char *shown = harley_format_nhs_number (nhs);

          g_set_error (error, HARLEY_REGISTER_ERROR, HARLEY_REGISTER_ERROR_DUPLICATE_NHS,
                       _("NHS number %s is already on file for %s. Open that record instead "
                         "of making a new one."), shown, name);
          return FALSE;
        }
    }
  if (flags & HARLEY_REGISTER_SAVE_ALLOW_SAME_NAME_DOB)
    return TRUE;

  stmt = harley_store_prepare (store,
    "SELECT id FROM patient WHERE family_name = ? COLLATE NOCASE AND given_name = ? COLLATE NOCASE "
    "AND date_of_birth = ? AND id <> ? LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, harley_patient_get_text (patient, HARLEY_PATIENT_FAMILY_NAME), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, harley_patient_get_text (patient, HARLEY_PATIENT_GIVEN_NAME), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, harley_patient_get_text (patient, HARLEY_PATIENT_DATE_OF_BIRTH), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, harley_patient_get_id (patient));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    other = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (other != 0)
    {
      g_autofree char *name = harley_patient_dup_full_name (patient);
      g_autofree char *dob = harley_format_date (harley_patient_get_text (patient, HARLEY_PATIENT_DATE_OF_BIRTH));

      g_set_error (error, HARLEY_REGISTER_ERROR, HARLEY_REGISTER_ERROR_POSSIBLE_DUPLICATE,
                   _("There is already a patient called %s born on %s. Check it is not the "
                     "same person before saving another record."), name, dob);
      return FALSE;
    }
  return TRUE;
}

static void
bind_fields (sqlite3_stmt  *stmt,
             HarleyPatient *patient,
             const char    *name_words)
{
  int index = 1;

  for (guint i = 0; i < HARLEY_PATIENT_N_TEXT; i++)
    harley_bind_text (stmt, index++, harley_patient_get_text (patient, i));
  for (guint i = 0; i < HARLEY_PATIENT_N_FLAGS; i++)
    sqlite3_bind_int (stmt, index++, harley_patient_get_flag (patient, i));
  for (guint i = 0; i < HARLEY_PATIENT_N_LINKS; i++)
    {
      gint64 link = harley_patient_get_link (patient, i);

      if (link > 0)
        sqlite3_bind_int64 (stmt, index++, link);
      else
        sqlite3_bind_null (stmt, index++);
    }
  sqlite3_bind_text (stmt, index++, name_words, -1, SQLITE_TRANSIENT);
  if (harley_patient_get_id (patient) > 0)
    sqlite3_bind_int64 (stmt, index, harley_patient_get_id (patient));
}

static gboolean
write_row (HarleyStore    *store,
           HarleyPatient  *patient,
           GError        **error)
{
  gboolean is_new = harley_patient_get_id (patient) == 0;
  sqlite3_stmt *stmt = harley_store_prepare (store, is_new ? insert_sql () : update_sql (), error);
  g_autofree char *name_words = NULL;

  if (stmt == NULL)
    return FALSE;
  name_words = _harley_register_name_words (patient);
  bind_fields (stmt, patient, name_words);
  if (!harley_store_step_done (store, stmt, error))
    return FALSE;
  if (is_new)
    harley_patient_set_id (patient, sqlite3_last_insert_rowid (harley_store_get_db (store)));
  return TRUE;
}

/* A hospital number as stored, with its row. */
typedef struct
{
  gint64  row;
  gint64  hospital_id;
  char   *number;
  gboolean kept;
} StoredNumber;

static void
stored_number_clear (gpointer data)
{
  g_free (((StoredNumber *) data)->number);
}

static GArray *
read_stored_numbers (HarleyStore  *store,
                     gint64        patient_id,
                     GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT id, coalesce (hospital_id, 0), number "
                                                    "FROM hospital_number WHERE patient_id = ? ORDER BY id", error);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (StoredNumber));
  int rc;

  g_array_set_clear_func (rows, stored_number_clear);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, patient_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StoredNumber row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                           harley_column_dup (stmt, 2), FALSE };

      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* The stored row @wanted can stay as it is (same hospital and number), or
 * else one at the same hospital to change, or NULL. */
static StoredNumber *
match_stored_number (GArray                     *rows,
                     const HarleyHospitalNumber *wanted,
                     gboolean                    exact)
{
  for (guint i = 0; i < rows->len; i++)
    {
      StoredNumber *row = &g_array_index (rows, StoredNumber, i);

      if (!row->kept && row->hospital_id == MAX (wanted->hospital_id, 0)
          && (!exact || g_strcmp0 (row->number, wanted->number) == 0))
        return row;
    }
  return NULL;
}

static gboolean
run_number_write (HarleyStore                *store,
                  const char                 *sql,
                  gint64                      first,
                  const HarleyHospitalNumber *number,
                  GError                    **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first);
  if (number != NULL && number->hospital_id > 0)
    sqlite3_bind_int64 (stmt, 2, number->hospital_id);
  if (number != NULL)
    sqlite3_bind_text (stmt, 3, number->number, -1, SQLITE_TRANSIENT);
  return harley_store_step_done (store, stmt, error);
}

/* Writes only what changed, so that the audit trail holds real changes:
 * a number kept is left alone, one changed at the same hospital is
 * updated, the rest removed or added. */
static gboolean
write_hospital_numbers (HarleyStore    *store,
                        HarleyPatient  *patient,
                        GError        **error)
{
  GPtrArray *numbers = harley_patient_get_hospital_numbers (patient);
  gint64 patient_id = harley_patient_get_id (patient);
  g_autoptr(GArray) rows = read_stored_numbers (store, patient_id, error);
  g_autofree StoredNumber **matched = g_new0 (StoredNumber *, numbers->len + 1);

  if (rows == NULL)
    return FALSE;
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < numbers->len; i++)
      if (matched[i] == NULL
          && (matched[i] = match_stored_number (rows, g_ptr_array_index (numbers, i), pass == 0)) != NULL)
        matched[i]->kept = TRUE;
  for (guint i = 0; i < rows->len; i++)
    if (!g_array_index (rows, StoredNumber, i).kept
        && !run_number_write (store, "DELETE FROM hospital_number WHERE id = ?",
                              g_array_index (rows, StoredNumber, i).row, NULL, error))
      return FALSE;
  for (guint i = 0; i < numbers->len; i++)
    {
      const HarleyHospitalNumber *n = g_ptr_array_index (numbers, i);

      if (matched[i] == NULL
          && !run_number_write (store, "INSERT INTO hospital_number (patient_id, hospital_id, number) "
                                       "VALUES (?, ?, ?)", patient_id, n, error))
        return FALSE;
      if (matched[i] != NULL && g_strcmp0 (matched[i]->number, n->number) != 0
          && !run_number_write (store, "UPDATE hospital_number SET number = ?3 WHERE id = ?1",
                                matched[i]->row, n, error))
        return FALSE;
    }
  return TRUE;
}

static char *
describe_changes (HarleyPatient *before,
                  HarleyPatient *after)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint i = 0; i < N_EDITABLE_TEXT; i++)
    if (g_strcmp0 (harley_patient_get_text (before, i), harley_patient_get_text (after, i)) != 0)
      g_string_append_printf (summary, "%s%s", summary->len ? ", " : "", harley_patient_text_label (i));
  for (guint i = 0; i < HARLEY_PATIENT_N_FLAGS; i++)
    if (harley_patient_get_flag (before, i) != harley_patient_get_flag (after, i))
      g_string_append_printf (summary, "%s%s", summary->len ? ", " : "", harley_patient_flag_label (i));
  for (guint i = 0; i < HARLEY_PATIENT_N_LINKS; i++)
    if (harley_patient_get_link (before, i) != harley_patient_get_link (after, i))
      g_string_append_printf (summary, "%s%s", summary->len ? ", " : "", harley_patient_link_label (i));
  if (summary->len == 0)
    return NULL;
  return g_strdup_printf (_("Changed %s"), summary->str);
}

static gboolean
hospital_numbers_equal (HarleyPatient *a,
                        HarleyPatient *b)
{
  GPtrArray *x = harley_patient_get_hospital_numbers (a);
  GPtrArray *y = harley_patient_get_hospital_numbers (b);

  if (x->len != y->len)
    return FALSE;
  for (guint i = 0; i < x->len; i++)
    {
      HarleyHospitalNumber *m = g_ptr_array_index (x, i);
      HarleyHospitalNumber *n = g_ptr_array_index (y, i);

      if (m->hospital_id != n->hospital_id || g_strcmp0 (m->number, n->number) != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
_harley_register_add_event (HarleyStore  *store,
                            gint64        patient_id,
                            const char   *at,
                            const char   *kind,
                            const char   *summary,
                            GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "INSERT INTO patient_event (patient_id, at, kind, summary) "
                                                    "VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, patient_id);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, summary, -1, SQLITE_TRANSIENT);
  return harley_store_step_done (store, stmt, error);
}

/* A result arriving adds a line to the notes while the record may be
 * open on screen. When the record changed since it was opened, the lines
 * the stored notes have and the screen's do not are kept, after the
 * screen's: nothing written elsewhere is lost by saving. */
static void
keep_notes_written_since (HarleyPatient *stored,
                          HarleyPatient *patient)
{
  const char *theirs = harley_patient_get_text (stored, HARLEY_PATIENT_NOTES);
  const char *ours = harley_patient_get_text (patient, HARLEY_PATIENT_NOTES);
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) our_lines = NULL;
  g_autoptr(GString) merged = NULL;

  if (theirs == NULL || *theirs == '\0' || g_strcmp0 (theirs, ours) == 0
      || g_strcmp0 (harley_patient_get_text (stored, HARLEY_PATIENT_UPDATED_AT),
                    harley_patient_get_text (patient, HARLEY_PATIENT_UPDATED_AT)) == 0)
    return;
  merged = g_string_new (ours);
  lines = g_strsplit (theirs, "\n", -1);
  our_lines = g_strsplit (ours != NULL ? ours : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0' && !g_strv_contains ((const char * const *) our_lines, lines[i]))
      g_string_append_printf (merged, "%s%s", merged->len > 0 ? "\n" : "", lines[i]);
  harley_patient_set_text (patient, HARLEY_PATIENT_NOTES, merged->str);
}

gboolean
_harley_register_save_in_transaction (HarleyStore              *store,
                     HarleyPatient            *patient,
                     HarleyRegisterSaveFlags   flags,
                     GError                  **error)
{
  g_autofree char *now = harley_store_now ();
  g_autoptr(HarleyPatient) before = NULL;
  g_autofree char *summary = NULL;
  gboolean is_new = harley_patient_get_id (patient) == 0;

  if (!is_new && (before = harley_register_load (store, harley_patient_get_id (patient), error)) == NULL)
    return FALSE;
  if (!is_new)
    keep_notes_written_since (before, patient);
  if (!check_duplicates (store, patient, flags, error))
    return FALSE;
  summary = is_new ? g_strdup (_("Record created")) : describe_changes (before, patient);
  if (!is_new && summary == NULL && hospital_numbers_equal (before, patient))
    return TRUE;   /* nothing changed: nothing to write */
  if (summary == NULL)
    summary = g_strdup (_("Changed hospital numbers"));

  harley_patient_set_text (patient, HARLEY_PATIENT_UPDATED_AT, now);
  if (is_new)
    harley_patient_set_text (patient, HARLEY_PATIENT_CREATED_AT, now);
  return write_row (store, patient, error)
         && write_hospital_numbers (store, patient, error)
         && _harley_register_write_keys (store, patient, error)
         && _harley_register_add_event (store, harley_patient_get_id (patient), now,
                                        is_new ? "created" : "changed", summary, error);
}

/**
 * harley_register_save:
 * @store: a #HarleyStore
 * @patient: the record; a new one (id 0) gets its id
 * @flags: whether the user has overridden the same-name warning
 * @error: where to put what stopped the save
 *
 * Saves a patient, with its search keys and a timeline entry, in one
 * transaction: on any failure nothing is written.
 */
gboolean
harley_register_save (HarleyStore              *store,
                      HarleyPatient            *patient,
                      HarleyRegisterSaveFlags   flags,
                      GError                  **error)
{
  gint64 old_id = harley_patient_get_id (patient);
  g_autofree char *old_updated = g_strdup (harley_patient_get_text (patient, HARLEY_PATIENT_UPDATED_AT));
  g_autofree char *old_created = g_strdup (harley_patient_get_text (patient, HARLEY_PATIENT_CREATED_AT));

  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);
  g_return_val_if_fail (HARLEY_IS_PATIENT (patient), FALSE);

  if (!harley_register_check_patient (patient, error) || !harley_store_begin (store, error))
    return FALSE;
  if (_harley_register_save_in_transaction (store, patient, flags, error) && harley_store_commit (store, error))
    return TRUE;

  harley_store_rollback (store);
  /* Leave the caller's copy as it was, so a retry is a clean retry. */
  harley_patient_set_id (patient, old_id);
  harley_patient_set_text (patient, HARLEY_PATIENT_UPDATED_AT, old_updated);
  harley_patient_set_text (patient, HARLEY_PATIENT_CREATED_AT, old_created);
  return FALSE;
}

/**
 * harley_register_set_archived:
 * @store: a #HarleyStore
 * @id: the patient
 * @archived: archive (%TRUE) or bring back (%FALSE)
 * @error: where to put a failure
 *
 * Patients are never deleted: an archived record leaves everyday search.
 */
gboolean
harley_register_set_archived (HarleyStore  *store,
                              gint64        id,
                              gboolean      archived,
                              GError      **error)
{
  g_autofree char *now = harley_store_now ();

  if (!harley_store_begin (store, error))
    return FALSE;
  if (harley_store_mark_archived (store, "UPDATE patient SET archived = ?1, updated_at = ?2 WHERE id = ?3",
                                  id, archived, now, error)
      && _harley_register_add_event (store, id, now, archived ? "archived" : "restored",
                                     archived ? _("Record archived") : _("Record brought back from the archive"),
                                     error)
      && harley_store_commit (store, error))
    return TRUE;
  harley_store_rollback (store);
  return FALSE;
}

void
harley_patient_event_free (HarleyPatientEvent *event)
{
  g_free (event->at);
  g_free (event->kind);
  g_free (event->summary);
  g_free (event);
}

/**
 * harley_register_list_events:
 * @store: a #HarleyStore
 * @patient_id: the patient
 * @error: where to put a failure
 *
 * Returns: (transfer full) (element-type HarleyPatientEvent): the record's
 *   timeline, newest first
 */
GPtrArray *
harley_register_list_events (HarleyStore  *store,
                             gint64        patient_id,
                             GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT at, kind, summary FROM patient_event "
                                                    "WHERE patient_id = ? ORDER BY at DESC, id DESC", error);
  g_autoptr(GPtrArray) events = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  events = g_ptr_array_new_with_free_func ((GDestroyNotify) harley_patient_event_free);
  sqlite3_bind_int64 (stmt, 1, patient_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HarleyPatientEvent *event = g_new0 (HarleyPatientEvent, 1);

      event->at = harley_column_dup (stmt, 0);
      event->kind = harley_column_dup (stmt, 1);
      event->summary = harley_column_dup (stmt, 2);
      g_ptr_array_add (events, event);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&events);
}

gint64
harley_register_count (HarleyStore *store)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT count(*) FROM patient", NULL);
  gint64 count = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return count;
}
