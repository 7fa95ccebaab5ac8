/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-privacy"

/* Privacy while a visitor stands at the desk: patients' names become
 * initials wherever Harley lists them, and their details are hidden until
 * privacy is turned off again (the eye button above the sidebar, or
 * Ctrl+Shift+H). One switch for all of Harley's windows: "active" tells
 * each view to show itself again. */

#include "harley-privacy.h"

struct _HarleyPrivacy
{
  GObject   parent_instance;
  gboolean  active;
};

G_DEFINE_FINAL_TYPE (HarleyPrivacy, harley_privacy, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
harley_privacy_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HarleyPrivacy *self = HARLEY_PRIVACY (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harley_privacy_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_ACTIVE:
      harley_privacy_set_active (g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harley_privacy_class_init (HarleyPrivacyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = harley_privacy_get_property;
  object_class->set_property = harley_privacy_set_property;

  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
harley_privacy_init (HarleyPrivacy *self)
{
}

/**
 * harley_privacy_get_default:
 *
 * Returns: (transfer none): the one privacy switch
 */
HarleyPrivacy *
harley_privacy_get_default (void)
{
  static HarleyPrivacy *privacy;

  if (g_once_init_enter (&privacy))
    g_once_init_leave (&privacy, g_object_new (HARLEY_TYPE_PRIVACY, NULL));
  return privacy;
}

gboolean
harley_privacy_get_active (void)
{
  return harley_privacy_get_default ()->active;
}

void
harley_privacy_set_active (gboolean active)
{
  HarleyPrivacy *self = harley_privacy_get_default ();

  if (self->active == !!active)
    return;
  self->active = !!active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static gboolean
is_title (const char *word)
{
  static const char * const titles[] = { "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Rev", "Sir", "Dame" };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_ascii_strcasecmp (word, titles[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * harley_privacy_mask_name:
 * @name: (nullable): a person's name as shown, e.g. "HOLLINGWORTH, Jane"
 *   or "Mrs Jane Hollingworth"
 *
 * Returns: (transfer full): @name, or while privacy is on its initials
 *   ("H. J."), each word's first letter but titles'
 */
char *
harley_privacy_mask_name (const char *name)
{
  g_autoptr(GString) initials = NULL;
  g_auto(GStrv) words = NULL;

  if (name == NULL || !harley_privacy_get_active ())
    return g_strdup (name);
  initials = g_string_new (NULL);
  words = g_strsplit_set (name, " ,", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gunichar c = g_utf8_get_char_validated (words[i], -1);

      if (*words[i] == '\0' || !g_unichar_isalpha (c) || is_title (words[i]))
        continue;
      if (initials->len > 0)
        g_string_append_c (initials, ' ');
      g_string_append_unichar (initials, g_unichar_toupper (c));
      g_string_append_c (initials, '.');
    }
  return g_string_free (g_steal_pointer (&initials), FALSE);
}
