/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-letter"

/* The letter templates: the shipped ones and the practice's own, read,
 * changed, added and archived. Archived templates are left out, since no
 * new letter may use them; a template is only written with letter text
 * that harley_template_parse() reads without a problem. */

#include <glib/gi18n-lib.h>

#include "harley-letter.h"
#include "harley-template.h"

static const char * const default_to_codes[] = {
  [HARLEY_RECIPIENT_PATIENT] = "patient",
  [HARLEY_RECIPIENT_GP] = "gp",
  [HARLEY_RECIPIENT_REFERRER] = "referrer",
  [HARLEY_RECIPIENT_INSURER] = "insurer",
  [HARLEY_RECIPIENT_CONTACT] = "contact",
};

#define SELECT_TEMPLATE "SELECT id, name, description, body, default_to, shipped FROM letter_template "

/**
 * harley_recipient_kind_to_string:
 *
 * Returns: the code stored for @kind: "patient", "gp", "referrer",
 *   "insurer" or "contact"
 */
const char *
harley_recipient_kind_to_string (HarleyRecipientKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (default_to_codes), NULL);
  return default_to_codes[kind];
}

gboolean
harley_recipient_kind_from_string (const char          *text,
                                   HarleyRecipientKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (default_to_codes); i++)
    if (g_strcmp0 (text, default_to_codes[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

void
harley_letter_template_free (HarleyLetterTemplate *template)
{
  g_free (template->name);
  g_free (template->description);
  g_free (template->body);
  g_free (template);
}

static HarleyLetterTemplate *
template_from_row (sqlite3_stmt *stmt)
{
  HarleyLetterTemplate *template = g_new0 (HarleyLetterTemplate, 1);
  g_autofree char *default_to = harley_column_dup (stmt, 4);

  template->id = sqlite3_column_int64 (stmt, 0);
  template->name = harley_column_dup (stmt, 1);
  template->description = harley_column_dup (stmt, 2);
  template->body = harley_column_dup (stmt, 3);
  if (!harley_recipient_kind_from_string (default_to, &template->default_to))
    template->default_to = HARLEY_RECIPIENT_GP;
  template->shipped = sqlite3_column_int (stmt, 5) != 0;
  return template;
}

/**
 * harley_letter_template_list:
 * @store: the practice database
 * @error: where to put a failure
 *
 * Returns: (transfer full) (nullable) (element-type HarleyLetterTemplate):
 *   the templates in use, by name
 */
GPtrArray *
harley_letter_template_list (HarleyStore  *store,
                             GError      **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) templates = NULL;
  int rc;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);

  stmt = harley_store_prepare (store, SELECT_TEMPLATE "WHERE archived = 0 ORDER BY name COLLATE NOCASE, id", error);
  if (stmt == NULL)
    return NULL;
  templates = g_ptr_array_new_with_free_func ((GDestroyNotify) harley_letter_template_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (templates, template_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&templates);
}

/**
 * harley_letter_template_find:
 * @store: the practice database
 * @name: the template's name, as listed
 * @error: where to put a failure; %HARLEY_LETTER_ERROR_NOT_FOUND if no
 *   template in use has that name
 *
 * Returns: (transfer full) (nullable): the template
 */
HarleyLetterTemplate *
harley_letter_template_find (HarleyStore  *store,
                             const char   *name,
                             GError      **error)
{
  sqlite3_stmt *stmt;
  HarleyLetterTemplate *template = NULL;
  int rc;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = harley_store_prepare (store, SELECT_TEMPLATE "WHERE archived = 0 AND name = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    template = template_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      harley_store_set_error (store, error);
      return NULL;
    }
  if (template == NULL)
    g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_NOT_FOUND,
                 /* TRANSLATORS: %s is a letter template's name */
                 _("There is no letter template called “%s”."), name);
  return template;
}

/* Changing the templates {{{1 */

/* A name or description as she meant it, without the spaces around it */
static char *
dup_stripped (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

static gboolean
check_name_given (const char  *name,
                  GError     **error)
{
  if (*name != '\0')
    return TRUE;
  g_set_error_literal (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID,
                       _("Give the template a name, so that it can be chosen for a letter."));
  return FALSE;
}

/* The first problem, with where it is, is the reason to refuse. */
static gboolean
check_body (const char  *body,
            GError     **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(HarleyTemplate) template = harley_template_parse (body, -1, &problems, NULL);
  g_autofree char *message = NULL;

  if (template != NULL)
    return TRUE;
  message = harley_template_problem_dup_message (g_ptr_array_index (problems, 0));
  g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID,
               /* TRANSLATORS: %s is a problem with its place: "Line 4, column 12: …" */
               _("Put the letter text right before saving. %s"), message);
  return FALSE;
}

/* Names are told apart as she reads them, so "results letter" clashes
 * with "Results letter". An archived template keeps its name. In the
 * write's transaction, so that no other write slips in between. */
static gboolean
check_name_free (HarleyStore  *store,
                 gint64        id,
                 const char   *name,
                 GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean archived;
  int rc;

  stmt = harley_store_prepare (store, "SELECT archived FROM letter_template "
                                      "WHERE name = ? COLLATE NOCASE AND id <> ? LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  archived = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    harley_store_set_error (store, error);
  else if (archived)
    g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID,
                 /* TRANSLATORS: %s is a letter template's name */
                 _("An archived template is called “%s”. Choose another name."), name);
  else
    g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID,
                 /* TRANSLATORS: %s is a letter template's name */
                 _("There is already a template called “%s”. Choose another name."), name);
  return FALSE;
}

static gboolean
no_such_template (GError **error)
{
  g_set_error_literal (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_NOT_FOUND,
                       _("This template is no longer in use: it has been archived. "
                         "Close it and choose another."));
  return FALSE;
}

static gboolean
update_template (HarleyStore          *store,
                 gint64                id,
                 const char           *name,
                 const char           *description,
                 const char           *body,
                 HarleyRecipientKind   default_to,
                 GError              **error)
{
  g_autofree char *now = harley_store_now ();
  sqlite3_stmt *stmt;

  stmt = harley_store_prepare (store, "UPDATE letter_template SET name = ?, description = ?, body = ?, "
                                      "default_to = ?, updated_at = ? WHERE id = ? AND archived = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  harley_bind_text (stmt, 2, description);
  sqlite3_bind_text (stmt, 3, body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, default_to_codes[default_to], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, id);
  if (!harley_store_step_done (store, stmt, error))
    return FALSE;
  return sqlite3_changes (harley_store_get_db (store)) > 0 || no_such_template (error);
}

static gint64
insert_template (HarleyStore          *store,
                 const char           *name,
                 const char           *description,
                 const char           *body,
                 HarleyRecipientKind   default_to,
                 GError              **error)
{
  g_autofree char *now = harley_store_now ();
  sqlite3_stmt *stmt;

  stmt = harley_store_prepare (store, "INSERT INTO letter_template (name, description, body, default_to, "
                                      "shipped, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  harley_bind_text (stmt, 2, description);
  sqlite3_bind_text (stmt, 3, body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, default_to_codes[default_to], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  if (!harley_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (harley_store_get_db (store));
}

/* Writes one template, new (@id 0) or changed, after the checks that
 * need no database; returns its id, or 0. */
static gint64
write_template (HarleyStore          *store,
                gint64                id,
                const char           *name,
                const char           *description,
                const char           *body,
                HarleyRecipientKind   default_to,
                GError              **error)
{
  g_autofree char *clean_name = dup_stripped (name);
  g_autofree char *clean_description = dup_stripped (description);

  if (!check_name_given (clean_name, error) || !check_body (body, error) || !harley_store_begin (store, error))
    return 0;
  if (!check_name_free (store, id, clean_name, error))
    id = 0;
  else if (id == 0)
    id = insert_template (store, clean_name, clean_description, body, default_to, error);
  else if (!update_template (store, id, clean_name, clean_description, body, default_to, error))
    id = 0;
  if (id == 0)
    {
      harley_store_rollback (store);
      return 0;
    }
  return harley_store_commit (store, error) ? id : 0;
}

/**
 * harley_letter_template_save:
 * @store: the practice database
 * @id: the template to change, in use
 * @name: its name; the spaces around it are left out
 * @description: (nullable): what it is for
 * @body: its letter text with merge fields
 * @default_to: who its letters usually go to
 * @error: where to put a failure: %HARLEY_LETTER_ERROR_INVALID for no
 *   name, a name another template has, or letter text with a problem
 *   (the first, with its line and column); %HARLEY_LETTER_ERROR_NOT_FOUND
 *   if the template has been archived
 *
 * Changes a template, in one transaction. A template that came with
 * Harley stays marked so.
 *
 * Returns: %TRUE if it was saved; if not, nothing was written
 */
gboolean
harley_letter_template_save (HarleyStore          *store,
                             gint64                id,
                             const char           *name,
                             const char           *description,
                             const char           *body,
                             HarleyRecipientKind   default_to,
                             GError              **error)
{
  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);
  g_return_val_if_fail (id > 0, FALSE);
  g_return_val_if_fail (body != NULL, FALSE);
  g_return_val_if_fail (default_to < G_N_ELEMENTS (default_to_codes), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_template (store, id, name, description, body, default_to, error) != 0;
}

/**
 * harley_letter_template_create:
 * @store: the practice database
 * @name: its name; the spaces around it are left out
 * @description: (nullable): what it is for
 * @body: its letter text with merge fields
 * @default_to: who its letters usually go to
 * @error: where to put a failure, as for harley_letter_template_save()
 *
 * Adds the practice's own template, in one transaction.
 *
 * Returns: the new template's id, or 0 with nothing written
 */
gint64
harley_letter_template_create (HarleyStore          *store,
                               const char           *name,
                               const char           *description,
                               const char           *body,
                               HarleyRecipientKind   default_to,
                               GError              **error)
{
  g_return_val_if_fail (HARLEY_IS_STORE (store), 0);
  g_return_val_if_fail (body != NULL, 0);
  g_return_val_if_fail (default_to < G_N_ELEMENTS (default_to_codes), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return write_template (store, 0, name, description, body, default_to, error);
}

/**
 * harley_letter_template_archive:
 * @store: the practice database
 * @id: a template in use
 * @error: where to put a failure; %HARLEY_LETTER_ERROR_NOT_FOUND if it
 *   is archived already
 *
 * Archives a template, in one transaction: it is no longer listed, so no
 * new letter uses it. Letters written with it keep their text, and the
 * template is kept, as nothing in Harley is deleted.
 *
 * Returns: %TRUE if it was archived
 */
gboolean
harley_letter_template_archive (HarleyStore  *store,
                                gint64        id,
                                GError      **error)
{
  g_autofree char *now = harley_store_now ();

  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);
  g_return_val_if_fail (id > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!harley_store_begin (store, error))
    return FALSE;
  if (!harley_store_mark_archived (store, "UPDATE letter_template SET archived = ?1, updated_at = ?2 "
                                          "WHERE id = ?3 AND archived = 0", id, TRUE, now, error)
      || (sqlite3_changes (harley_store_get_db (store)) == 0 && !no_such_template (error)))
    {
      harley_store_rollback (store);
      return FALSE;
    }
  return harley_store_commit (store, error);
}
