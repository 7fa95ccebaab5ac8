/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define HARLEY_TYPE_PRIVACY (harley_privacy_get_type ())

G_DECLARE_FINAL_TYPE (HarleyPrivacy, harley_privacy, HARLEY, PRIVACY, GObject)

HarleyPrivacy *harley_privacy_get_default (void);
gboolean       harley_privacy_get_active  (void);
void           harley_privacy_set_active  (gboolean    active);
char          *harley_privacy_mask_name   (const char *name);

G_END_DECLS
