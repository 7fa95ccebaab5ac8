/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-contact"

#include <glib/gi18n-lib.h>

#include "harley-contact.h"
#include "harley-validate.h"

struct _HarleyContact
{
  GObject            parent_instance;

  gint64             id;
  HarleyContactKind  kind;
  gint64             organisation_id;
  char              *name;
  char              *code;
  char              *address_lines;
  char              *post_town;
  char              *postcode;
  char              *phone;
  char              *email;
  char              *notes;
  int                turnaround_days;     /* -1: not known */
  gboolean           turnaround_working;  /* counted in working days, not calendar days */
};

G_DEFINE_FINAL_TYPE (HarleyContact, harley_contact, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_NAME,
  PROP_CODE,
  PROP_ADDRESS_LINES,
  PROP_POST_TOWN,
  PROP_POSTCODE,
  PROP_PHONE,
  PROP_EMAIL,
  PROP_NOTES,
  PROP_ORGANISATION_ID,
  PROP_TURNAROUND_DAYS,
  PROP_TURNAROUND_WORKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *id;
  const char *label;
} kinds[HARLEY_CONTACT_N_KINDS] = {
  { "gp", N_("GP") },
  { "gp-practice", N_("GP practice") },
  { "referrer", N_("Referrer") },
  { "hospital", N_("Hospital") },
  { "laboratory", N_("Laboratory") },
  { "insurer", N_("Insurer") },
  { "other", N_("Other") },
};

/* Text properties in column order, for the table-driven accessors below. */
static char **
text_slot (HarleyContact *self,
           guint          prop_id)
{
  switch (prop_id)
    {
    case PROP_NAME: return &self->name;
    case PROP_CODE: return &self->code;
    case PROP_ADDRESS_LINES: return &self->address_lines;
    case PROP_POST_TOWN: return &self->post_town;
    case PROP_POSTCODE: return &self->postcode;
    case PROP_PHONE: return &self->phone;
    case PROP_EMAIL: return &self->email;
    case PROP_NOTES: return &self->notes;
    default: return NULL;
    }
}

static void
harley_contact_finalize (GObject *object)
{
  HarleyContact *self = HARLEY_CONTACT (object);

  for (guint p = PROP_NAME; p <= PROP_NOTES; p++)
    g_free (*text_slot (self, p));

  G_OBJECT_CLASS (harley_contact_parent_class)->finalize (object);
}

static void
harley_contact_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HarleyContact *self = HARLEY_CONTACT (object);
  char **slot = text_slot (self, prop_id);

  if (slot != NULL)
    g_value_set_string (value, *slot);
  else if (prop_id == PROP_ID)
    g_value_set_int64 (value, self->id);
  else if (prop_id == PROP_KIND)
    g_value_set_string (value, kinds[self->kind].id);
  else if (prop_id == PROP_ORGANISATION_ID)
    g_value_set_int64 (value, self->organisation_id);
  else if (prop_id == PROP_TURNAROUND_DAYS)
    g_value_set_int (value, self->turnaround_days);
  else if (prop_id == PROP_TURNAROUND_WORKING)
    g_value_set_boolean (value, self->turnaround_working);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
set_text (HarleyContact *self,
          guint          prop_id,
          const char    *value)
{
  char **slot = text_slot (self, prop_id);

  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*slot, value) == 0)
    return;
  g_free (*slot);
  *slot = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
harley_contact_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HarleyContact *self = HARLEY_CONTACT (object);

  if (text_slot (self, prop_id) != NULL)
    set_text (self, prop_id, g_value_get_string (value));
  else if (prop_id == PROP_ID)
    self->id = g_value_get_int64 (value);
  else if (prop_id == PROP_KIND)
    harley_contact_kind_from_string (g_value_get_string (value), &self->kind);
  else if (prop_id == PROP_ORGANISATION_ID)
    harley_contact_set_organisation_id (self, g_value_get_int64 (value));
  else if (prop_id == PROP_TURNAROUND_DAYS)
    harley_contact_set_turnaround_days (self, g_value_get_int (value));
  else if (prop_id == PROP_TURNAROUND_WORKING)
    harley_contact_set_turnaround_working (self, g_value_get_boolean (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
harley_contact_class_init (HarleyContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const char *text_names[] = {
    "name", "code", "address-lines", "post-town", "postcode", "phone", "email", "notes"
  };

  object_class->finalize = harley_contact_finalize;
  object_class->get_property = harley_contact_get_property;
  object_class->set_property = harley_contact_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, "other", rw | G_PARAM_CONSTRUCT);
  properties[PROP_ORGANISATION_ID] =
    g_param_spec_int64 ("organisation-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  /* Any number may be set, so that saving can refuse one out of range
   * with a sentence rather than a warning. */
  properties[PROP_TURNAROUND_DAYS] =
    g_param_spec_int ("turnaround-days", NULL, NULL, -1, G_MAXINT, -1, rw);
  properties[PROP_TURNAROUND_WORKING] =
    g_param_spec_boolean ("turnaround-working", NULL, NULL, TRUE, rw);
  for (guint i = 0; i < G_N_ELEMENTS (text_names); i++)
    properties[PROP_NAME + i] = g_param_spec_string (text_names[i], NULL, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
harley_contact_init (HarleyContact *self)
{
  self->turnaround_days = -1;
  self->turnaround_working = TRUE;
}

HarleyContact *
harley_contact_new (HarleyContactKind  kind,
                    const char        *name)
{
  g_return_val_if_fail (kind < HARLEY_CONTACT_N_KINDS, NULL);
  return g_object_new (HARLEY_TYPE_CONTACT, "kind", kinds[kind].id, "name", name, NULL);
}

gint64 harley_contact_get_id (HarleyContact *self) { return self->id; }
HarleyContactKind harley_contact_get_kind (HarleyContact *self) { return self->kind; }
const char *harley_contact_get_name (HarleyContact *self) { return self->name; }
gint64 harley_contact_get_organisation_id (HarleyContact *self) { return self->organisation_id; }
const char *harley_contact_get_address_lines (HarleyContact *self) { return self->address_lines; }
const char *harley_contact_get_post_town (HarleyContact *self) { return self->post_town; }
const char *harley_contact_get_postcode (HarleyContact *self) { return self->postcode; }
const char *harley_contact_get_phone (HarleyContact *self) { return self->phone; }
const char *harley_contact_get_email (HarleyContact *self) { return self->email; }
const char *harley_contact_get_code (HarleyContact *self) { return self->code; }

/**
 * harley_contact_get_turnaround_days:
 * @self: a #HarleyContact
 *
 * Returns: how many days a laboratory or hospital usually takes to send a
 *   result back, or -1 when that is not known
 */
int
harley_contact_get_turnaround_days (HarleyContact *self)
{
  g_return_val_if_fail (HARLEY_IS_CONTACT (self), -1);
  return self->turnaround_days;
}

/**
 * harley_contact_set_turnaround_days:
 * @self: a #HarleyContact
 * @days: the usual turnaround, 0 to 365, or -1 when not known
 *
 * Saving refuses a number over 365.
 */
void
harley_contact_set_turnaround_days (HarleyContact *self,
                                    int            days)
{
  g_return_if_fail (HARLEY_IS_CONTACT (self));

  days = MAX (days, -1);
  if (self->turnaround_days == days)
    return;
  self->turnaround_days = days;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TURNAROUND_DAYS]);
}

/**
 * harley_contact_get_turnaround_working:
 * @self: a #HarleyContact
 *
 * Returns: whether the turnaround counts working days (weekends and bank
 *   holidays left out) rather than calendar days
 */
gboolean
harley_contact_get_turnaround_working (HarleyContact *self)
{
  g_return_val_if_fail (HARLEY_IS_CONTACT (self), TRUE);
  return self->turnaround_working;
}

void
harley_contact_set_turnaround_working (HarleyContact *self,
                                       gboolean       working)
{
  g_return_if_fail (HARLEY_IS_CONTACT (self));

  working = !!working;
  if (self->turnaround_working == working)
    return;
  self->turnaround_working = working;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TURNAROUND_WORKING]);
}

void
harley_contact_set_organisation_id (HarleyContact *self,
                                    gint64         organisation_id)
{
  g_return_if_fail (HARLEY_IS_CONTACT (self));

  if (self->organisation_id == organisation_id)
    return;
  self->organisation_id = organisation_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANISATION_ID]);
}

const char *
harley_contact_kind_to_string (HarleyContactKind kind)
{
  g_return_val_if_fail (kind < HARLEY_CONTACT_N_KINDS, NULL);
  return kinds[kind].id;
}

gboolean
harley_contact_kind_from_string (const char        *text,
                                 HarleyContactKind *kind)
{
  for (guint i = 0; i < HARLEY_CONTACT_N_KINDS; i++)
    if (g_strcmp0 (text, kinds[i].id) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
harley_contact_kind_label (HarleyContactKind kind)
{
  g_return_val_if_fail (kind < HARLEY_CONTACT_N_KINDS, NULL);
  return _(kinds[kind].label);
}

#define CONTACT_COLUMNS "id, kind, name, organisation_id, code, address_lines, post_town, " \
                        "postcode, phone, email, notes, turnaround_days, turnaround_working"

static HarleyContact *
read_contact (sqlite3_stmt *stmt)
{
  HarleyContact *contact = g_object_new (HARLEY_TYPE_CONTACT,
                                         "kind", sqlite3_column_text (stmt, 1), NULL);

  contact->id = sqlite3_column_int64 (stmt, 0);
  contact->organisation_id = sqlite3_column_int64 (stmt, 3);
  for (guint p = PROP_NAME; p <= PROP_NOTES; p++)
    {
      /* columns 2 and 4..10 hold name and the other texts, in order */
      int column = p == PROP_NAME ? 2 : (int) (p - PROP_CODE) + 4;

      *text_slot (contact, p) = harley_column_dup (stmt, column);
    }
  if (sqlite3_column_type (stmt, 11) != SQLITE_NULL)
    contact->turnaround_days = sqlite3_column_int (stmt, 11);
  contact->turnaround_working = sqlite3_column_int (stmt, 12) != 0;
  return contact;
}

/**
 * harley_contact_save:
 * @store: a #HarleyStore
 * @contact: a contact; a new one (id 0) gets its id
 * @error: where to put a failure
 *
 * A turnaround over 365 days is refused, and nothing is written.
 */
gboolean
harley_contact_save (HarleyStore    *store,
                     HarleyContact  *contact,
                     GError        **error)
{
  g_autofree char *now = harley_store_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HARLEY_IS_CONTACT (contact), FALSE);

  if (contact->turnaround_days > HARLEY_CONTACT_MAX_TURNAROUND_DAYS)
    {
      g_set_error (error, HARLEY_VALIDATE_ERROR, HARLEY_VALIDATE_ERROR_INVALID,
                   _("The usual turnaround must be from 0 to %d days."), HARLEY_CONTACT_MAX_TURNAROUND_DAYS);
      return FALSE;
    }
  if (!harley_store_begin (store, error))
    return FALSE;
  stmt = harley_store_prepare (store,
    "INSERT INTO contact (id, kind, name, organisation_id, code, address_lines, post_town, postcode, "
    "phone, email, notes, turnaround_days, turnaround_working, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?13, ?14, ?12, ?12) "
    "ON CONFLICT (id) DO UPDATE SET kind = ?2, name = ?3, organisation_id = ?4, code = ?5, "
    "address_lines = ?6, post_town = ?7, postcode = ?8, phone = ?9, email = ?10, notes = ?11, "
    "turnaround_days = ?13, turnaround_working = ?14, updated_at = ?12", error);
  if (stmt == NULL)
    {
      harley_store_rollback (store);
      return FALSE;
    }
  if (contact->id > 0)
    sqlite3_bind_int64 (stmt, 1, contact->id);
  sqlite3_bind_text (stmt, 2, kinds[contact->kind].id, -1, SQLITE_STATIC);
  harley_bind_text (stmt, 3, contact->name);
  if (contact->organisation_id > 0)
    sqlite3_bind_int64 (stmt, 4, contact->organisation_id);
  for (guint p = PROP_CODE; p <= PROP_NOTES; p++)
    harley_bind_text (stmt, (int) (p - PROP_CODE) + 5, *text_slot (contact, p));
  sqlite3_bind_text (stmt, 12, now, -1, SQLITE_TRANSIENT);
  if (contact->turnaround_days >= 0)
    sqlite3_bind_int (stmt, 13, contact->turnaround_days);
  sqlite3_bind_int (stmt, 14, contact->turnaround_working ? 1 : 0);
  if (!harley_store_step_done (store, stmt, error))
    {
      harley_store_rollback (store);
      return FALSE;
    }
  if (contact->id == 0)
    contact->id = sqlite3_last_insert_rowid (harley_store_get_db (store));
  return harley_store_commit (store, error);
}

/**
 * harley_contact_set_archived:
 * @store: a #HarleyStore
 * @id: the address book entry
 * @archived: whether to take it out of the lists
 * @error: where to put a failure
 *
 * Entries are archived, never deleted: the records that name one (a
 * patient's GP, say) keep it.
 */
gboolean
harley_contact_set_archived (HarleyStore  *store,
                             gint64        id,
                             gboolean      archived,
                             GError      **error)
{
  g_autofree char *now = harley_store_now ();

  if (!harley_store_begin (store, error))
    return FALSE;
  if (harley_store_mark_archived (store, "UPDATE contact SET archived = ?1, updated_at = ?2 WHERE id = ?3",
                                  id, archived, now, error)
      && harley_store_commit (store, error))
    return TRUE;
  harley_store_rollback (store);
  return FALSE;
}

/**
 * harley_contact_load:
 * @store: a #HarleyStore
 * @id: the contact's id
 * @error: where to put a failure
 *
 * Returns: (transfer full) (nullable): the contact
 */
HarleyContact *
harley_contact_load (HarleyStore  *store,
                     gint64        id,
                     GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT " CONTACT_COLUMNS " FROM contact WHERE id = ?", error);
  HarleyContact *contact = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    contact = read_contact (stmt);
  else
    g_set_error (error, HARLEY_STORE_ERROR, HARLEY_STORE_ERROR_NOT_FOUND,
                 _("There is no address book entry number %" G_GINT64_FORMAT "."), id);
  sqlite3_reset (stmt);
  return contact;
}

/**
 * harley_contact_list:
 * @store: a #HarleyStore
 * @kind: which kind of contact
 * @error: where to put a failure
 *
 * The address book is small (hundreds, not the register's hundred
 * thousand), so a plain list store suits it.
 *
 * Returns: (transfer full) (nullable): a list of #HarleyContact, by name
 */
GListModel *
harley_contact_list (HarleyStore        *store,
                     HarleyContactKind   kind,
                     GError            **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT " CONTACT_COLUMNS " FROM contact "
                                                    "WHERE kind = ? AND archived = 0 ORDER BY name", error);
  g_autoptr(GListStore) list = g_list_store_new (HARLEY_TYPE_CONTACT);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kinds[kind].id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(HarleyContact) contact = read_contact (stmt);

      g_list_store_append (list, contact);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (store, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}
