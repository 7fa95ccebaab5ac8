/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-letter"

/* Reading the letter templates: the shipped ones and the practice's own.
 * Archived templates are left out, since no new letter may use them. */

#include <glib/gi18n-lib.h>

#include "harley-letter.h"

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
