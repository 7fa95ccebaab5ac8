/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-audit"

/* The audit trail as a GListModel, newest first, however long it grows:
 *
 *   harley_audit_find ()  → GArray of entry ids that match the filter
 *                           (at most HARLEY_AUDIT_LIST_LIMIT)
 *   HarleyAuditList       → a HarleyAuditEntry for a position, read when
 *                           the view asks for it and kept until the
 *                           filter changes
 *
 * The filtering is one query in SQLite; nothing is filtered in memory.
 */

#include "harley-audit-list.h"

struct _HarleyAuditList
{
  GObject      parent_instance;

  HarleyStore *store;
  GArray      *ids;       /* gint64 */
  GHashTable  *built;     /* gint64 id → HarleyAuditEntry */

  /* The filter */
  gint64       patient_id;
  char        *who;
  char        *action;
  GDate        from;
  GDate        to;

  guint        more : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HarleyAuditList, harley_audit_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_MORE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
harley_audit_list_get_item_type (GListModel *model)
{
  return HARLEY_TYPE_AUDIT_ENTRY;
}

static guint
harley_audit_list_get_n_items (GListModel *model)
{
  return HARLEY_AUDIT_LIST (model)->ids->len;
}

static gpointer
harley_audit_list_get_item (GListModel *model,
                            guint       position)
{
  HarleyAuditList *self = HARLEY_AUDIT_LIST (model);
  g_autoptr(GError) error = NULL;
  HarleyAuditEntry *entry;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;
  id = g_array_index (self->ids, gint64, position);
  if ((entry = g_hash_table_lookup (self->built, &id)) != NULL)
    return g_object_ref (entry);
  if ((entry = harley_audit_entry_load (self->store, id, &error)) == NULL)
    {
      /* A row must always have an item: an unreadable one shows blank. */
      g_warning ("Audit entry %" G_GINT64_FORMAT " could not be read: %s", id, error->message);
      entry = g_object_new (HARLEY_TYPE_AUDIT_ENTRY, NULL);
    }
  g_hash_table_insert (self->built, g_memdup2 (&id, sizeof id), entry);
  return g_object_ref (entry);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = harley_audit_list_get_item_type;
  iface->get_n_items = harley_audit_list_get_n_items;
  iface->get_item = harley_audit_list_get_item;
}

static void
harley_audit_list_finalize (GObject *object)
{
  HarleyAuditList *self = HARLEY_AUDIT_LIST (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->built, g_hash_table_unref);
  g_free (self->who);
  g_free (self->action);

  G_OBJECT_CLASS (harley_audit_list_parent_class)->finalize (object);
}

static void
harley_audit_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HarleyAuditList *self = HARLEY_AUDIT_LIST (object);

  switch (prop_id)
    {
    case PROP_MORE:
      g_value_set_boolean (value, self->more);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harley_audit_list_class_init (HarleyAuditListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = harley_audit_list_finalize;
  object_class->get_property = harley_audit_list_get_property;

  properties[PROP_MORE] = g_param_spec_boolean ("more", NULL, NULL, FALSE, ro);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
harley_audit_list_init (HarleyAuditList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->built = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_date_clear (&self->from, 1);
  g_date_clear (&self->to, 1);
}

static void set_filter (HarleyAuditList          *self,
                        const HarleyAuditFilter  *filter);

/**
 * harley_audit_list_new:
 * @store: the practice database
 * @filter: (nullable): which entries to show; %NULL for all of them
 *
 * Returns: (transfer full): the entries, newest first
 */
HarleyAuditList *
harley_audit_list_new (HarleyStore              *store,
                       const HarleyAuditFilter  *filter)
{
  const HarleyAuditFilter all = { 0 };
  HarleyAuditList *self;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);

  self = g_object_new (HARLEY_TYPE_AUDIT_LIST, NULL);
  self->store = g_object_ref (store);
  set_filter (self, filter != NULL ? filter : &all);
  harley_audit_list_refresh (self);
  return self;
}

/**
 * harley_audit_list_refresh:
 * @self: a #HarleyAuditList
 *
 * Reads the entries that match again: the trail may have grown.
 */
void
harley_audit_list_refresh (HarleyAuditList *self)
{
  HarleyAuditFilter filter = {
    self->patient_id, self->who, self->action,
    g_date_valid (&self->from) ? &self->from : NULL, g_date_valid (&self->to) ? &self->to : NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  guint old_len = self->ids->len;
  gboolean old_more = self->more;
  gboolean more = FALSE;

  g_return_if_fail (HARLEY_IS_AUDIT_LIST (self));

  ids = harley_audit_find (self->store, &filter, HARLEY_AUDIT_LIST_LIMIT, &more, &error);
  if (ids == NULL)
    {
      g_warning ("The audit trail could not be read: %s", error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = g_steal_pointer (&ids);
  self->more = more;
  g_hash_table_remove_all (self->built);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->ids->len);
  if (old_len != self->ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (old_more != self->more)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MORE]);
}

static void
copy_date (GDate       *into,
           const GDate *date)
{
  g_date_clear (into, 1);
  if (date != NULL && g_date_valid (date))
    *into = *date;
}

static void
set_filter (HarleyAuditList          *self,
            const HarleyAuditFilter  *filter)
{
  self->patient_id = filter->patient_id;
  g_free (self->who);
  self->who = g_strdup (filter->who);
  g_free (self->action);
  self->action = g_strdup (filter->action);
  copy_date (&self->from, filter->from);
  copy_date (&self->to, filter->to);
}

/**
 * harley_audit_list_set_filter:
 * @self: a #HarleyAuditList
 * @filter: which entries to show; it is copied
 */
void
harley_audit_list_set_filter (HarleyAuditList          *self,
                              const HarleyAuditFilter  *filter)
{
  g_return_if_fail (HARLEY_IS_AUDIT_LIST (self));
  g_return_if_fail (filter != NULL);

  set_filter (self, filter);
  harley_audit_list_refresh (self);
}

gboolean
harley_audit_list_get_more (HarleyAuditList *self)
{
  g_return_val_if_fail (HARLEY_IS_AUDIT_LIST (self), FALSE);
  return self->more;
}

gint64
harley_audit_list_get_id (HarleyAuditList *self,
                          guint            position)
{
  g_return_val_if_fail (HARLEY_IS_AUDIT_LIST (self), 0);
  return position < self->ids->len ? g_array_index (self->ids, gint64, position) : 0;
}
