/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <enchant.h>

#include "harley-spell-checker.h"

G_BEGIN_DECLS

#define HARLEY_SPELL_MISSPELT_TAG  "harley-misspelt"
/* Invisible: the text changed since it was last checked. The buffer moves
 * it with every edit, so nothing has to keep offsets up to date. */
#define HARLEY_SPELL_UNCHECKED_TAG "harley-spell-unchecked"
#define HARLEY_SPELL_MAX_SUGGESTIONS 5

struct _HarleySpellChecker
{
  GObject             parent_instance;

  char               *language;
  gboolean            enabled;

  /* Owned references */
  EnchantBroker      *broker;
  EnchantDict        *dict;           /* NULL: no dictionary for the language */
  GtkTextBuffer      *buffer;
  GSimpleActionGroup *actions;
  GMenu              *menu;

  /* Not owned: the view may go first; its controllers belong to it. */
  GtkTextView        *view;
  GtkEventController *click;
  GtkEventController *keys;

  /* In the buffer, which owns them */
  GtkTextTag         *misspelt_tag;
  GtkTextTag         *unchecked_tag;
  GtkTextMark        *typing;         /* where the user is typing a word */
  GtkTextMark        *scan;           /* how far the check has got */
  GtkTextMark        *menu_start;     /* the misspelt word the menu is for */
  GtkTextMark        *menu_end;

  char               *menu_word;
  guint               check_source;
  gboolean            requeued;       /* changed while a pass was running */
  gboolean            replacing;      /* our own edit, not typing */
};

/* harley-spell-checker-scan.c: finding and marking misspelt words */
void      _harley_spell_checker_connect_buffer (HarleySpellChecker *self);
void      _harley_spell_checker_queue          (HarleySpellChecker *self,
                                                const GtkTextIter  *start,
                                                const GtkTextIter  *end);
void      _harley_spell_checker_queue_all      (HarleySpellChecker *self);
void      _harley_spell_checker_clear          (HarleySpellChecker *self);
void      _harley_spell_checker_unmark_word    (HarleySpellChecker *self,
                                                const char         *word);

/* harley-spell-checker-menu.c: the context menu and its actions */
void      _harley_spell_checker_add_menu       (HarleySpellChecker *self);
void      _harley_spell_checker_remove_menu    (HarleySpellChecker *self);
gboolean  _harley_spell_checker_menu_for       (HarleySpellChecker *self,
                                                const GtkTextIter  *iter);

G_END_DECLS
