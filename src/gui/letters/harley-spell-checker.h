/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HARLEY_TYPE_SPELL_CHECKER (harley_spell_checker_get_type ())

G_DECLARE_FINAL_TYPE (HarleySpellChecker, harley_spell_checker, HARLEY, SPELL_CHECKER, GObject)

HarleySpellChecker  *harley_spell_checker_new           (const char         *language);
void                 harley_spell_checker_attach        (HarleySpellChecker *self,
                                                         GtkTextView        *view);
gboolean             harley_spell_checker_get_available (HarleySpellChecker *self);
gboolean             harley_spell_checker_get_enabled   (HarleySpellChecker *self);
void                 harley_spell_checker_set_enabled   (HarleySpellChecker *self,
                                                         gboolean            enabled);
gboolean             harley_spell_checker_check_word    (HarleySpellChecker *self,
                                                         const char         *word);
char               **harley_spell_checker_suggest       (HarleySpellChecker *self,
                                                         const char         *word);
void                 harley_spell_checker_add_word      (HarleySpellChecker *self,
                                                         const char         *word);
void                 harley_spell_checker_ignore_word   (HarleySpellChecker *self,
                                                         const char         *word);

G_END_DECLS
