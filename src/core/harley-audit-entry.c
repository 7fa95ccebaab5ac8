/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-audit"

/* One entry of the audit trail, as the windows show it: its details
 * read out of their JSON by SQLite's json_each (), field by field. */

#include <glib/gi18n-lib.h>

#include "harley-audit.h"
#include "harley-audit-entry.h"

struct _HarleyAuditEntry
{
  GObject    parent_instance;

  gint64     id;
  gint64     patient_id;
  char      *at;
  char      *who;
  char      *action;
  char      *what;
  char      *details;
  char      *prev_hash;
  char      *hash;
  char      *patient_name;   /* as the record is now, or NULL */
  GPtrArray *changes;        /* HarleyAuditChange */
};

G_DEFINE_FINAL_TYPE (HarleyAuditEntry, harley_audit_entry, G_TYPE_OBJECT)

static void
change_free (HarleyAuditChange *change)
{
  g_free (change->field);
  g_free (change->before);
  g_free (change->after);
  g_free (change);
}

static void
harley_audit_entry_finalize (GObject *object)
{
  HarleyAuditEntry *self = HARLEY_AUDIT_ENTRY (object);

  g_free (self->at);
  g_free (self->who);
  g_free (self->action);
  g_free (self->what);
  g_free (self->details);
  g_free (self->prev_hash);
  g_free (self->hash);
  g_free (self->patient_name);
  g_clear_pointer (&self->changes, g_ptr_array_unref);

  G_OBJECT_CLASS (harley_audit_entry_parent_class)->finalize (object);
}

static void
harley_audit_entry_class_init (HarleyAuditEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = harley_audit_entry_finalize;
}

static void
harley_audit_entry_init (HarleyAuditEntry *self)
{
  self->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
}

/* "date_of_birth" → "date of birth", "nhs_number" → "NHS number",
 * "gp_id" → "GP" */
static char *
field_label (const char *column)
{
  g_auto(GStrv) words = g_strsplit (column, "_", -1);
  guint n = g_strv_length (words);

  if (n > 1 && g_str_equal (words[n - 1], "id"))
    g_clear_pointer (&words[--n], g_free);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (words[i], "nhs") || g_str_equal (words[i], "gp") || g_str_equal (words[i], "sha256"))
      {
        char *upper = g_ascii_strup (words[i], -1);

        g_free (words[i]);
        words[i] = upper;
      }
  return g_strjoinv (" ", words);
}

/* A value as read out of the JSON: text or a number as it is, a letter's
 * text by its length, an empty field as NULL. */
static char *
read_value (sqlite3_stmt *stmt,
            int           type_column)
{
  const char *type = (const char *) sqlite3_column_text (stmt, type_column);
  gint64 characters;

  if (type == NULL || g_str_equal (type, "null"))
    return NULL;
  if (g_str_equal (type, "object"))
    {
      characters = sqlite3_column_int64 (stmt, type_column + 2);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GINT64_FORMAT " character",
                                           "%" G_GINT64_FORMAT " characters", characters), characters);
    }
  return harley_column_dup (stmt, type_column + 1);
}

static gboolean
read_changes (HarleyAuditEntry  *self,
              HarleyStore       *store,
              GError           **error)
{
  /* For each field: [old, new] of a change, or the value of a row made or
   * removed; each value's type, its text, and a letter's length. */
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "SELECT key, type = 'array', "
    "CASE type WHEN 'array' THEN json_type (value, '$[0]') END, "
    "CASE type WHEN 'array' THEN json_extract (value, '$[0]') END, "
    "CASE type WHEN 'array' THEN json_extract (value, '$[0].characters') END, "
    "CASE type WHEN 'array' THEN json_type (value, '$[1]') ELSE type END, "
    "CASE type WHEN 'array' THEN json_extract (value, '$[1]') "
    "          WHEN 'object' THEN NULL ELSE value END, "
    "CASE type WHEN 'array' THEN json_extract (value, '$[1].characters') "
    "          WHEN 'object' THEN json_extract (value, '$.characters') END "
    "FROM json_each (CASE WHEN json_valid (?1) THEN ?1 ELSE '{}' END)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->details, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HarleyAuditChange *change = g_new0 (HarleyAuditChange, 1);
      char *value;

      change->field = field_label ((const char *) sqlite3_column_text (stmt, 0));
      change->changed = sqlite3_column_int (stmt, 1);
      value = read_value (stmt, 5);
      if (change->changed)
        {
          change->before = read_value (stmt, 2);
          change->after = value;
        }
      else if (g_str_equal (self->action, "delete"))
        change->before = value;
      else
        change->after = value;
      g_ptr_array_add (self->changes, change);
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
 * harley_audit_entry_load:
 * @store: a #HarleyStore
 * @id: the entry
 * @error: where to put a failure
 *
 * Returns: (transfer full) (nullable): the entry, with the name its
 *   patient's record has now
 */
HarleyAuditEntry *
harley_audit_entry_load (HarleyStore  *store,
                         gint64        id,
                         GError      **error)
{
  g_autoptr(HarleyAuditEntry) self = NULL;
  sqlite3_stmt *stmt = harley_store_prepare (store,
    "SELECT a.id, a.at, a.who, a.action, a.patient_id, a.what, a.details, "
    "p.given_name || ' ' || p.family_name, a.prev_hash, a.hash "
    "FROM audit AS a LEFT JOIN patient AS p ON p.id = a.patient_id WHERE a.id = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_NOT_FOUND,
                     _("Entry %" G_GINT64_FORMAT " is not in the audit trail."), id);
      else
        harley_store_set_error (store, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  self = g_object_new (HARLEY_TYPE_AUDIT_ENTRY, NULL);
  self->id = sqlite3_column_int64 (stmt, 0);
  self->at = harley_column_dup (stmt, 1);
  self->who = harley_column_dup (stmt, 2);
  self->action = harley_column_dup (stmt, 3);
  self->patient_id = sqlite3_column_int64 (stmt, 4);
  self->what = harley_column_dup (stmt, 5);
  self->details = harley_column_dup (stmt, 6);
  self->patient_name = harley_column_dup (stmt, 7);
  self->prev_hash = harley_column_dup (stmt, 8);
  self->hash = harley_column_dup (stmt, 9);
  sqlite3_reset (stmt);
  if (self->details != NULL && !read_changes (self, store, error))
    return NULL;
  return g_steal_pointer (&self);
}

gint64
harley_audit_entry_get_id (HarleyAuditEntry *self)
{
  g_return_val_if_fail (HARLEY_IS_AUDIT_ENTRY (self), 0);
  return self->id;
}

/**
 * harley_audit_entry_get_at:
 *
 * Returns: (transfer none): when, UTC ISO 8601
 */
const char *
harley_audit_entry_get_at (HarleyAuditEntry *self)
{
  g_return_val_if_fail (HARLEY_IS_AUDIT_ENTRY (self), NULL);
  return self->at;
}

const char *
harley_audit_entry_get_who (HarleyAuditEntry *self)
{
  g_return_val_if_fail (HARLEY_IS_AUDIT_ENTRY (self), NULL);
  return self->who;
}

const char *
harley_audit_entry_get_action (HarleyAuditEntry *self)
{
  g_return_val_if_fail (HARLEY_IS_AUDIT_ENTRY (self), NULL);
  return self->action;
}

gint64
harley_audit_entry_get_patient_id (HarleyAuditEntry *self)
{
  g_return_val_if_fail (HARLEY_IS_AUDIT_ENTRY (self), 0);
  return self->patient_id;
}

/**
 * harley_audit_entry_get_patient_name:
 *
 * Returns: (transfer none) (nullable): the patient's name as the record
 *   has it now
 */
const char *
harley_audit_entry_get_patient_name (HarleyAuditEntry *self)
{
  g_return_val_if_fail (HARLEY_IS_AUDIT_ENTRY (self), NULL);
  return self->patient_name;
}

const char *
harley_audit_entry_get_what (HarleyAuditEntry *self)
{
  g_return_val_if_fail (HARLEY_IS_AUDIT_ENTRY (self), NULL);
  return self->what;
}

/**
 * harley_audit_entry_get_details:
 *
 * Returns: (transfer none) (nullable): the details as stored, JSON
 */
const char *
harley_audit_entry_get_details (HarleyAuditEntry *self)
{
  g_return_val_if_fail (HARLEY_IS_AUDIT_ENTRY (self), NULL);
  return self->details;
}

/**
 * harley_audit_entry_get_hash:
 * @self: a #HarleyAuditEntry
 * @prev_hash: (out) (optional) (transfer none): the hash it follows on from
 *
 * Returns: (transfer none) (nullable): its own hash, as stored
 */
const char *
harley_audit_entry_get_hash (HarleyAuditEntry  *self,
                             const char       **prev_hash)
{
  g_return_val_if_fail (HARLEY_IS_AUDIT_ENTRY (self), NULL);
  if (prev_hash != NULL)
    *prev_hash = self->prev_hash;
  return self->hash;
}

/**
 * harley_audit_entry_get_changes:
 *
 * Returns: (transfer none) (element-type HarleyAuditChange): the fields
 *   the details name, in their order
 */
GPtrArray *
harley_audit_entry_get_changes (HarleyAuditEntry *self)
{
  g_return_val_if_fail (HARLEY_IS_AUDIT_ENTRY (self), NULL);
  return self->changes;
}

/**
 * harley_audit_entry_dup_when:
 *
 * Returns: (transfer full): when, in local time: "dd/mm/yyyy hh:mm"
 */
char *
harley_audit_entry_dup_when (HarleyAuditEntry *self)
{
  g_return_val_if_fail (HARLEY_IS_AUDIT_ENTRY (self), NULL);
  return harley_audit_format_time (self->at);
}

/**
 * harley_audit_entry_dup_changes_text:
 *
 * Returns: (transfer full): the fields one a line: "family name: Lee →
 *   Leigh" for a change, "family name: Lee" for a row made or removed;
 *   an empty field is "—"
 */
char *
harley_audit_entry_dup_changes_text (HarleyAuditEntry *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (HARLEY_IS_AUDIT_ENTRY (self), NULL);

  for (guint i = 0; i < self->changes->len; i++)
    {
      HarleyAuditChange *change = g_ptr_array_index (self->changes, i);
      const char *before = change->before ? change->before : "—";
      const char *after = change->after ? change->after : "—";

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (change->changed)
        g_string_append_printf (text, "%s: %s → %s", change->field, before, after);
      else
        g_string_append_printf (text, "%s: %s", change->field, change->before ? before : after);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
