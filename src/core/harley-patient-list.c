/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-patient-list"

/* The patient list as a GListModel that scales to the whole register.
 *
 *   harley_register_search()  → GArray of row ids (at most LIMIT, ranked)
 *   HarleyPatientList         → builds a HarleyPatient for a position only
 *                               when the view asks for it, and keeps the
 *                               few it built until the query changes
 *
 * It never holds the register in memory and never filters in memory: each
 * keystroke is one index read in SQLite.
 */

#include "harley-patient-list.h"

struct _HarleyPatientList
{
  GObject           parent_instance;

  HarleyStore      *store;
  char             *query;
  GArray           *ids;        /* gint64 */
  GHashTable       *built;      /* gint64 id → HarleyPatient */
  HarleySearchKind  kind;
  guint             n_built;    /* since the last query: for tests */
  guint             more : 1;
  guint             show_archived : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HarleyPatientList, harley_patient_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_QUERY,
  PROP_KIND,
  PROP_MORE,
  PROP_N_ITEMS,
  PROP_SHOW_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
harley_patient_list_get_item_type (GListModel *model)
{
  return HARLEY_TYPE_PATIENT;
}

static guint
harley_patient_list_get_n_items (GListModel *model)
{
  return HARLEY_PATIENT_LIST (model)->ids->len;
}

static gpointer
harley_patient_list_get_item (GListModel *model,
                              guint       position)
{
  HarleyPatientList *self = HARLEY_PATIENT_LIST (model);
  g_autoptr(GError) error = NULL;
  HarleyPatient *patient;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;
  id = g_array_index (self->ids, gint64, position);
  patient = g_hash_table_lookup (self->built, &id);
  if (patient != NULL)
    return g_object_ref (patient);

  patient = harley_register_load (self->store, id, &error);
  if (patient == NULL)
    {
      /* A row must always have an item; an unreadable one says so. */
      g_warning ("Patient %" G_GINT64_FORMAT " could not be read: %s", id, error->message);
      patient = harley_patient_new ();
      harley_patient_set_id (patient, id);
      harley_patient_set_text (patient, HARLEY_PATIENT_FAMILY_NAME, "?");
    }
  g_hash_table_insert (self->built, g_memdup2 (&id, sizeof id), patient);
  self->n_built++;
  return g_object_ref (patient);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = harley_patient_list_get_item_type;
  iface->get_n_items = harley_patient_list_get_n_items;
  iface->get_item = harley_patient_list_get_item;
}

static void
harley_patient_list_finalize (GObject *object)
{
  HarleyPatientList *self = HARLEY_PATIENT_LIST (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->built, g_hash_table_unref);
  g_free (self->query);

  G_OBJECT_CLASS (harley_patient_list_parent_class)->finalize (object);
}

static void
harley_patient_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  HarleyPatientList *self = HARLEY_PATIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_MORE:
      g_value_set_boolean (value, self->more);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    case PROP_SHOW_ARCHIVED:
      g_value_set_boolean (value, self->show_archived);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harley_patient_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  HarleyPatientList *self = HARLEY_PATIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      harley_patient_list_set_query (self, g_value_get_string (value));
      break;
    case PROP_SHOW_ARCHIVED:
      harley_patient_list_set_show_archived (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harley_patient_list_class_init (HarleyPatientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = harley_patient_list_finalize;
  object_class->get_property = harley_patient_list_get_property;
  object_class->set_property = harley_patient_list_set_property;

  properties[PROP_QUERY] = g_param_spec_string ("query", NULL, NULL, NULL, rw);
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, HARLEY_SEARCH_TOO_SHORT, 0, ro);
  properties[PROP_MORE] = g_param_spec_boolean ("more", NULL, NULL, FALSE, ro);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_SHOW_ARCHIVED] = g_param_spec_boolean ("show-archived", NULL, NULL, FALSE, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
harley_patient_list_init (HarleyPatientList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->built = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

/**
 * harley_patient_list_new:
 * @store: the practice database
 *
 * Returns: (transfer full): a list showing recently changed patients until a
 *   query is set
 */
HarleyPatientList *
harley_patient_list_new (HarleyStore *store)
{
  HarleyPatientList *self = g_object_new (HARLEY_TYPE_PATIENT_LIST, NULL);

  self->store = g_object_ref (store);
  harley_patient_list_refresh (self);
  return self;
}

const char *
harley_patient_list_get_query (HarleyPatientList *self)
{
  g_return_val_if_fail (HARLEY_IS_PATIENT_LIST (self), NULL);
  return self->query;
}

static gboolean
is_blank (const char *query)
{
  for (const char *p = query; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Keeps the built patients that are still in the list. A patient that
 * stays in the list keeps its object, so the view keeps its row for it: as
 * "sm" becomes "smi", most rows on screen are not rebuilt. */
static void
keep_built_in_list (HarleyPatientList *self)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < self->ids->len; i++)
    g_hash_table_add (wanted, &g_array_index (self->ids, gint64, i));
  g_hash_table_iter_init (&iter, self->built);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (wanted, key))
      g_hash_table_iter_remove (&iter);
}

static void
run_query (HarleyPatientList *self,
           gboolean           records_changed)
{
  g_autoptr(GError) error = NULL;
  guint old_len = self->ids->len;
  gboolean old_more = self->more;
  HarleySearchKind old_kind = self->kind;
  gboolean more = FALSE;
  HarleySearchFlags flags = self->show_archived ? HARLEY_SEARCH_INCLUDE_ARCHIVED : HARLEY_SEARCH_DEFAULT;

  g_array_set_size (self->ids, 0);
  self->n_built = 0;
  self->kind = harley_register_search (self->store, self->query, flags,
                                       is_blank (self->query) ? HARLEY_PATIENT_LIST_RECENT
                                                              : HARLEY_PATIENT_LIST_LIMIT,
                                       self->ids, &more, &error);
  if (error != NULL)
    g_warning ("Search failed: %s", error->message);
  self->more = more;
  if (records_changed)
    g_hash_table_remove_all (self->built);
  else
    keep_built_in_list (self);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->ids->len);
  if (old_len != self->ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (old_more != self->more)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MORE]);
  if (old_kind != self->kind)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

/**
 * harley_patient_list_refresh:
 * @self: a #HarleyPatientList
 *
 * Runs the query again and reads every row afresh, after a record was
 * saved or archived.
 */
void
harley_patient_list_refresh (HarleyPatientList *self)
{
  g_return_if_fail (HARLEY_IS_PATIENT_LIST (self));
  run_query (self, TRUE);
}

void
harley_patient_list_set_query (HarleyPatientList *self,
                               const char        *query)
{
  g_return_if_fail (HARLEY_IS_PATIENT_LIST (self));

  if (g_strcmp0 (self->query, query) == 0)
    return;
  g_free (self->query);
  self->query = g_strdup (query);
  run_query (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

gboolean
harley_patient_list_get_show_archived (HarleyPatientList *self)
{
  g_return_val_if_fail (HARLEY_IS_PATIENT_LIST (self), FALSE);
  return self->show_archived;
}

void
harley_patient_list_set_show_archived (HarleyPatientList *self,
                                       gboolean           show_archived)
{
  g_return_if_fail (HARLEY_IS_PATIENT_LIST (self));

  if (self->show_archived == !!show_archived)
    return;
  self->show_archived = !!show_archived;
  run_query (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ARCHIVED]);
}

HarleySearchKind
harley_patient_list_get_kind (HarleyPatientList *self)
{
  return self->kind;
}

gboolean
harley_patient_list_get_more (HarleyPatientList *self)
{
  return self->more;
}

gint64
harley_patient_list_get_id (HarleyPatientList *self,
                            guint              position)
{
  g_return_val_if_fail (position < self->ids->len, 0);
  return g_array_index (self->ids, gint64, position);
}

/**
 * harley_patient_list_find:
 * @self: a #HarleyPatientList
 * @id: a patient's id
 *
 * Returns: the position of @id, or %GTK_INVALID_LIST_POSITION's value
 *   (%G_MAXUINT) when it is not in the list
 */
guint
harley_patient_list_find (HarleyPatientList *self,
                          gint64             id)
{
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;
  return G_MAXUINT;
}

/**
 * harley_patient_list_forget:
 * @self: a #HarleyPatientList
 * @id: a patient whose record changed
 *
 * Drops the built object so the row shows the saved record.
 */
void
harley_patient_list_forget (HarleyPatientList *self,
                            gint64             id)
{
  guint position = harley_patient_list_find (self, id);

  g_hash_table_remove (self->built, &id);
  if (position != G_MAXUINT)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

guint
harley_patient_list_get_n_built (HarleyPatientList *self)
{
  return self->n_built;
}
