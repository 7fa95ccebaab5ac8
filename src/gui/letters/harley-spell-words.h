/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A word of prose in a text, in characters (not bytes) from its start, so
 * that it maps straight onto GtkTextIter offsets. */
typedef struct
{
  int start;
  int end;
} HarleySpellWord;

GArray   *harley_spell_words_find    (const char *text);
gboolean  harley_spell_words_is_part (gunichar    c);

G_END_DECLS
