/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-letter.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_TEMPLATE_EDITOR (harley_template_editor_get_type ())

G_DECLARE_FINAL_TYPE (HarleyTemplateEditor, harley_template_editor, HARLEY, TEMPLATE_EDITOR, AdwWindow)

HarleyTemplateEditor *harley_template_editor_new (GtkWindow                  *parent,
                                                  HarleyStore                *store,
                                                  const HarleyLetterTemplate *template);

G_END_DECLS
