/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_LETTER_ERROR (harley_letter_error_quark ())

typedef enum
{
  HARLEY_LETTER_ERROR_INVALID,
  HARLEY_LETTER_ERROR_NOT_FOUND,
  HARLEY_LETTER_ERROR_STATE,       /* a step that may not be taken from where the letter is */
  HARLEY_LETTER_ERROR_FROZEN,      /* a sent or filed letter is kept as it was */
  HARLEY_LETTER_ERROR_TAMPERED,    /* stored PDF bytes no longer match their SHA-256 */
} HarleyLetterError;

/* draft → typed → awaiting approval → (awaiting correction → typed …)
 * → approved → sent → filed */
typedef enum
{
  HARLEY_LETTER_DRAFT,
  HARLEY_LETTER_TYPED,
  HARLEY_LETTER_AWAITING_APPROVAL,
  HARLEY_LETTER_AWAITING_CORRECTION,
  HARLEY_LETTER_APPROVED,
  HARLEY_LETTER_SENT,
  HARLEY_LETTER_FILED,
  HARLEY_LETTER_N_STATES,
} HarleyLetterState;

typedef enum
{
  HARLEY_RECIPIENT_PATIENT,
  HARLEY_RECIPIENT_GP,
  HARLEY_RECIPIENT_REFERRER,
  HARLEY_RECIPIENT_INSURER,
  HARLEY_RECIPIENT_CONTACT,
} HarleyRecipientKind;

typedef enum
{
  HARLEY_SENT_BY_POST,
  HARLEY_SENT_BY_EMAIL,
  HARLEY_SENT_BY_HAND,
} HarleySentMethod;

/* Who a letter goes to: the addressee first, then the copies. */
typedef struct
{
  gint64               id;
  gboolean             copy;        /* a cc, not the addressee */
  HarleyRecipientKind  kind;
  gint64               contact_id;  /* for CONTACT, or the GP, referrer or insurer chosen */
  char                *sent_method; /* NULL until sent */
  char                *sent_at;
} HarleyRecipient;

typedef struct
{
  gint64             id;
  gint64             patient_id;
  gint64             appointment_id;
  gint64             template_id;
  gint64             clinician_id;
  HarleyLetterState  state;
  int                version;
  char              *subject;
  char              *body;          /* Harley letter text */
  char              *correction;    /* what the clinician asked to correct */
  char              *created_at;
  char              *updated_at;
  GPtrArray         *recipients;    /* HarleyRecipient */
} HarleyLetter;

GQuark             harley_letter_error_quark        (void);
const char        *harley_letter_state_to_string    (HarleyLetterState     state);
gboolean           harley_letter_state_from_string  (const char           *text,
                                                     HarleyLetterState    *state);
const char        *harley_letter_state_label        (HarleyLetterState     state);
gboolean           harley_letter_state_can_become   (HarleyLetterState     from,
                                                     HarleyLetterState     to);

gint64             harley_letter_create             (HarleyStore          *store,
                                                     gint64                patient_id,
                                                     gint64                template_id,
                                                     gint64                appointment_id,
                                                     gint64                clinician_id,
                                                     const char           *subject,
                                                     const char           *body,
                                                     GError              **error);
/* A letter started from a template for a patient (harley-letter-new.c) */
gint64             harley_letter_new_from_template  (HarleyStore               *store,
                                                     gint64                     patient_id,
                                                     gint64                     template_id,
                                                     gint64                     appointment_id,
                                                     HarleyRecipientKind        to,
                                                     gint64                     to_contact_id,
                                                     const HarleyRecipientKind *copies,
                                                     guint                      n_copies,
                                                     GPtrArray                **problems,
                                                     GError                   **error);
gboolean           harley_letter_check_new          (HarleyStore               *store,
                                                     gint64                     patient_id,
                                                     gint64                     template_id,
                                                     gint64                     appointment_id,
                                                     HarleyRecipientKind        to,
                                                     gint64                     to_contact_id,
                                                     const HarleyRecipientKind *copies,
                                                     guint                      n_copies,
                                                     GPtrArray                **problems,
                                                     GError                   **error);
GArray            *harley_letter_list_for_patient   (HarleyStore               *store,
                                                     gint64                     patient_id,
                                                     GError                   **error);
gint64             harley_letter_add_recipient      (HarleyStore          *store,
                                                     gint64                letter_id,
                                                     gboolean              copy,
                                                     HarleyRecipientKind   kind,
                                                     gint64                contact_id,
                                                     GError              **error);
HarleyLetter      *harley_letter_load               (HarleyStore          *store,
                                                     gint64                id,
                                                     GError              **error);
gboolean           harley_letter_set_body           (HarleyStore          *store,
                                                     gint64                id,
                                                     const char           *body,
                                                     GError              **error);
gboolean           harley_letter_set_state          (HarleyStore          *store,
                                                     gint64                id,
                                                     HarleyLetterState     state,
                                                     const char           *correction,
                                                     GError              **error);
gboolean           harley_letter_approve            (HarleyStore          *store,
                                                     gint64                id,
                                                     GBytes               *pdf,
                                                     const char           *approved_by,
                                                     gboolean              on_behalf,
                                                     GError              **error);
gboolean           harley_letter_approve_all        (HarleyStore          *store,
                                                     gint64                id,
                                                     GPtrArray            *pdfs,
                                                     const char           *approved_by,
                                                     gboolean              on_behalf,
                                                     GError              **error);
GPtrArray         *harley_letter_get_approved_pdfs  (HarleyStore          *store,
                                                     gint64                id,
                                                     GError              **error);
GBytes            *harley_letter_get_approved_pdf   (HarleyStore          *store,
                                                     gint64                id,
                                                     GError              **error);
gboolean           harley_letter_record_sent        (HarleyStore          *store,
                                                     gint64                recipient_id,
                                                     HarleySentMethod      method,
                                                     GError              **error);
gint64             harley_letter_count_in_state     (HarleyStore          *store,
                                                     HarleyLetterState     state);
GArray            *harley_letter_list_in_state      (HarleyStore          *store,
                                                     HarleyLetterState     state,
                                                     GError              **error);
void               harley_letter_free               (HarleyLetter         *letter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyLetter, harley_letter_free)

/* A letter template in use (harley-letter-templates.c). */
typedef struct
{
  gint64               id;
  char                *name;
  char                *description;
  char                *body;          /* Harley letter text with merge fields */
  HarleyRecipientKind  default_to;
  gboolean             shipped;       /* came with Harley */
} HarleyLetterTemplate;

const char            *harley_recipient_kind_to_string   (HarleyRecipientKind   kind);
gboolean               harley_recipient_kind_from_string (const char           *text,
                                                          HarleyRecipientKind  *kind);
GPtrArray             *harley_letter_template_list       (HarleyStore          *store,
                                                          GError              **error);
HarleyLetterTemplate  *harley_letter_template_find       (HarleyStore          *store,
                                                          const char           *name,
                                                          GError              **error);
gboolean               harley_letter_template_save       (HarleyStore          *store,
                                                          gint64                id,
                                                          const char           *name,
                                                          const char           *description,
                                                          const char           *body,
                                                          HarleyRecipientKind   default_to,
                                                          GError              **error);
gint64                 harley_letter_template_create     (HarleyStore          *store,
                                                          const char           *name,
                                                          const char           *description,
                                                          const char           *body,
                                                          HarleyRecipientKind   default_to,
                                                          GError              **error);
gboolean               harley_letter_template_archive    (HarleyStore          *store,
                                                          gint64                id,
                                                          GError              **error);
void                   harley_letter_template_free       (HarleyLetterTemplate *template);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyLetterTemplate, harley_letter_template_free)

/* The window envelope's address window, in mm from the paper's top left,
 * kept with the practice's details (harley-letter-window.c). */
#define HARLEY_LETTER_WINDOW_LEFT_MM   20.0
#define HARLEY_LETTER_WINDOW_TOP_MM    45.0
#define HARLEY_LETTER_WINDOW_WIDTH_MM  85.0
#define HARLEY_LETTER_WINDOW_HEIGHT_MM 40.0

void                   harley_letter_window_box_load     (HarleyStore          *store,
                                                          double               *left,
                                                          double               *top,
                                                          double               *width,
                                                          double               *height);
gboolean               harley_letter_window_box_save     (HarleyStore          *store,
                                                          double                left,
                                                          double                top,
                                                          double                width,
                                                          double                height,
                                                          GError              **error);

G_END_DECLS
