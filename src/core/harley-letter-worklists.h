/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-letter.h"

G_BEGIN_DECLS

typedef enum
{
  HARLEY_WORKLIST_TO_TYPE,              /* drafts and typed letters */
  HARLEY_WORKLIST_AWAITING_APPROVAL,
  HARLEY_WORKLIST_AWAITING_CORRECTION,
  HARLEY_WORKLIST_READY_TO_SEND,        /* approved */
  HARLEY_WORKLIST_SENT_TODAY,           /* sent to anyone since midnight */
  HARLEY_WORKLIST_N,
} HarleyLetterWorklist;

const char  *harley_letter_worklist_label  (HarleyLetterWorklist   worklist);
guint        harley_letter_worklist_count  (HarleyStore           *store,
                                            HarleyLetterWorklist   worklist);
GArray      *harley_letter_worklist_list   (HarleyStore           *store,
                                            HarleyLetterWorklist   worklist,
                                            GError               **error);
gint64       harley_letter_add_copy        (HarleyStore           *store,
                                            gint64                 letter_id,
                                            HarleyRecipientKind    kind,
                                            gint64                 contact_id,
                                            GError               **error);
gboolean     harley_letter_set_addressee   (HarleyStore           *store,
                                            gint64                 letter_id,
                                            HarleyRecipientKind    kind,
                                            gint64                 contact_id,
                                            GError               **error);
gboolean     harley_letter_remove_copy     (HarleyStore           *store,
                                            gint64                 recipient_id,
                                            GError               **error);
char        *harley_letter_dup_clinician_name (HarleyStore       *store,
                                               const HarleyLetter *letter);

G_END_DECLS
