/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-diary"

/* The diary's people and kinds of appointment: clinicians and
 * appointment types. Sessions, bookings and free slots have their own
 * files. */

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "harley-diary-private.h"
#include "harley-register-private.h"

G_DEFINE_QUARK (harley-diary-error-quark, harley_diary_error)

/**
 * harley_diary_user:
 *
 * Who is booking, for "booked by": the desktop user's real name until
 * Harley has its own sign-in.
 *
 * Returns: (transfer none): a name
 */
const char *
harley_diary_user (void)
{
  const char *name = g_get_real_name ();

  if (name == NULL || *name == '\0' || g_strcmp0 (name, "Unknown") == 0)
    name = g_get_user_name ();
  return name;
}

char *
_harley_diary_date_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

gboolean
_harley_diary_date_parse (const char *iso,
                          GDate      *date)
{
  guint y, m, d;
  char tail;

  g_date_clear (date, 1);
  if (iso == NULL || sscanf (iso, "%4u-%2u-%2u%c", &y, &m, &d, &tail) < 3)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

int
_harley_diary_compare_days (gconstpointer a,
                            gconstpointer b)
{
  const HarleySessionDay *x = a;
  const HarleySessionDay *y = b;
  int c = g_date_compare (&x->date, &y->date);

  if (c != 0)
    return c;
  if (x->clinician_id != y->clinician_id)
    return x->clinician_id < y->clinician_id ? -1 : 1;
  return x->start - y->start;
}

/**
 * _harley_diary_add_events:
 *
 * Records a change to an appointment in its history and on the
 * patient's timeline, in the caller's transaction.
 */
gboolean
_harley_diary_add_events (HarleyStore  *store,
                          gint64        appointment_id,
                          gint64        patient_id,
                          const char   *now,
                          const char   *summary,
                          GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "INSERT INTO appointment_event "
                                                    "(appointment_id, at, by, summary) VALUES (?, ?, ?, ?)",
                                             error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, appointment_id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, harley_diary_user (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, summary, -1, SQLITE_TRANSIENT);
  if (!harley_store_step_done (store, stmt, error))
    return FALSE;
  return _harley_register_add_event (store, patient_id, now, "appointment", summary, error);
}

/**
 * _harley_diary_collect:
 * @stmt: a prepared, bound statement
 * @row: makes an item of each row
 * @free_func: frees an item
 *
 * Steps @stmt to its end and resets it.
 *
 * Returns: (transfer full): the items, or %NULL with @error set
 */
GPtrArray *
_harley_diary_collect (HarleyStore         *store,
                       sqlite3_stmt        *stmt,
                       HarleyDiaryRowFunc   row,
                       GDestroyNotify       free_func,
                       GError             **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Clinicians {{{1 */

void
harley_clinician_free (HarleyClinician *clinician)
{
  g_free (clinician->name);
  g_free (clinician->role);
  g_free (clinician);
}

static gpointer
clinician_from_row (sqlite3_stmt *stmt)
{
  HarleyClinician *c = g_new0 (HarleyClinician, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->name = harley_column_dup (stmt, 1);
  c->role = harley_column_dup (stmt, 2);
  return c;
}

/**
 * harley_diary_list_clinicians:
 *
 * Returns: (transfer full) (element-type HarleyClinician): the
 *   clinicians in the order of the diary's columns
 */
GPtrArray *
harley_diary_list_clinicians (HarleyStore  *store,
                              GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT id, name, role FROM clinician "
                                                    "WHERE archived = 0 ORDER BY position, id", error);

  if (stmt == NULL)
    return NULL;
  return _harley_diary_collect (store, stmt, clinician_from_row, (GDestroyNotify) harley_clinician_free, error);
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  const char *p = name;

  while (p != NULL && g_ascii_isspace (*p))
    p++;
  if (p == NULL || *p == '\0')
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                   _("Type a name."));
      return FALSE;
    }
  return TRUE;
}

gint64
harley_diary_add_clinician (HarleyStore  *store,
                            const char   *name,
                            const char   *role,
                            GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!check_name (name, error) || !harley_store_begin (store, error))
    return 0;
  stmt = harley_store_prepare (store, "INSERT INTO clinician (name, role, position) VALUES "
                                      "(?, ?, (SELECT coalesce (max (position), 0) + 1 FROM clinician))",
                               error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, role != NULL ? role : "consultant", -1, SQLITE_TRANSIENT);
  if (!harley_store_step_done (store, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (harley_store_get_db (store));
  if (!harley_store_commit (store, error))
    return 0;
  return id;

failed:
  harley_store_rollback (store);
  return 0;
}

gboolean
harley_diary_rename_clinician (HarleyStore  *store,
                               gint64        id,
                               const char   *name,
                               GError      **error)
{
  sqlite3_stmt *stmt;

  if (!check_name (name, error) || !harley_store_begin (store, error))
    return FALSE;
  stmt = harley_store_prepare (store, "UPDATE clinician SET name = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!harley_store_step_done (store, stmt, error))
    goto failed;
  return harley_store_commit (store, error);

failed:
  harley_store_rollback (store);
  return FALSE;
}

/* Places {{{1 */

void
harley_place_free (HarleyPlace *place)
{
  g_free (place->name);
  g_free (place);
}

static gpointer
place_from_row (sqlite3_stmt *stmt)
{
  HarleyPlace *place = g_new0 (HarleyPlace, 1);

  place->id = sqlite3_column_int64 (stmt, 0);
  place->name = harley_column_dup (stmt, 1);
  return place;
}

/**
 * harley_diary_list_places:
 *
 * Returns: (transfer full) (element-type HarleyPlace): the places where
 *   clinic sessions are held, by name
 */
GPtrArray *
harley_diary_list_places (HarleyStore  *store,
                          GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT DISTINCT c.id, c.name FROM clinic_session s "
                                                    "JOIN contact c ON c.id = s.location_id ORDER BY c.name",
                                             error);

  if (stmt == NULL)
    return NULL;
  return _harley_diary_collect (store, stmt, place_from_row, (GDestroyNotify) harley_place_free, error);
}

/* Appointment types {{{1 */

void
harley_appointment_type_free (HarleyAppointmentType *type)
{
  g_free (type->name);
  g_free (type->colour);
  g_free (type);
}

static gpointer
type_from_row (sqlite3_stmt *stmt)
{
  HarleyAppointmentType *t = g_new0 (HarleyAppointmentType, 1);

  t->id = sqlite3_column_int64 (stmt, 0);
  t->name = harley_column_dup (stmt, 1);
  t->minutes = sqlite3_column_int (stmt, 2);
  t->colour = harley_column_dup (stmt, 3);
  return t;
}

/**
 * harley_diary_list_types:
 *
 * Returns: (transfer full) (element-type HarleyAppointmentType): the
 *   appointment types in their usual order
 */
GPtrArray *
harley_diary_list_types (HarleyStore  *store,
                         GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT id, name, minutes, colour FROM appointment_type "
                                                    "WHERE archived = 0 ORDER BY position, id", error);

  if (stmt == NULL)
    return NULL;
  return _harley_diary_collect (store, stmt, type_from_row, (GDestroyNotify) harley_appointment_type_free, error);
}

/**
 * harley_diary_find_type:
 * @name: a type's name, any case
 *
 * Returns: the type's id, or 0 if there is none of that name
 */
gint64
harley_diary_find_type (HarleyStore *store,
                        const char  *name)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT id FROM appointment_type "
                                                    "WHERE name = ? COLLATE NOCASE AND archived = 0", NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static gboolean
valid_colour (const char *colour)
{
  if (colour == NULL || strlen (colour) != 7 || colour[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (colour[i]) || g_ascii_isupper (colour[i]))
      return FALSE;
  return TRUE;
}

static gboolean
type_name_taken (HarleyStore *store,
                 gint64       id,
                 const char  *name)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT 1 FROM appointment_type "
                                                    "WHERE name = ? COLLATE NOCASE AND id <> ?", NULL);
  gboolean taken;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return taken;
}

/**
 * harley_diary_save_type:
 * @id: the type to change, or 0 for a new one
 * @colour: "#rrggbb", lower case
 *
 * Changes or adds an appointment type, as in Preferences.
 */
gboolean
harley_diary_save_type (HarleyStore  *store,
                        gint64        id,
                        const char   *name,
                        int           minutes,
                        const char   *colour,
                        GError      **error)
{
  sqlite3_stmt *stmt;

  if (!check_name (name, error))
    return FALSE;
  if (minutes < 5 || minutes > 480)
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                   _("An appointment lasts from 5 minutes to 8 hours."));
      return FALSE;
    }
  if (!valid_colour (colour))
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                   _("Choose a colour for the appointment type."));
      return FALSE;
    }
  if (type_name_taken (store, id, name))
    {
      g_set_error (error, HARLEY_DIARY_ERROR, HARLEY_DIARY_ERROR_INVALID,
                   _("There is already an appointment type called “%s”. Choose another name."), name);
      return FALSE;
    }
  if (!harley_store_begin (store, error))
    return FALSE;
  if (id == 0)
    stmt = harley_store_prepare (store, "INSERT INTO appointment_type (name, minutes, colour, position) "
                                        "VALUES (?1, ?2, ?3, (SELECT coalesce (max (position), 0) + 1 "
                                        "FROM appointment_type))", error);
  else
    stmt = harley_store_prepare (store, "UPDATE appointment_type SET name = ?1, minutes = ?2, colour = ?3 "
                                        "WHERE id = ?4", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, minutes);
  sqlite3_bind_text (stmt, 3, colour, -1, SQLITE_TRANSIENT);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 4, id);
  if (!harley_store_step_done (store, stmt, error))
    goto failed;
  return harley_store_commit (store, error);

failed:
  harley_store_rollback (store);
  return FALSE;
}
