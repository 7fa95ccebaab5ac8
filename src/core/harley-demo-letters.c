/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-demo"

/* The demo's letters: for some of the diary's appointments, a letter
 * from one of the shipped templates, merged for the patient, with the
 * sections a secretary types filled in, in every state from draft to
 * filed: the most recent appointments' letters are still being written,
 * the older ones approved, sent and filed. A clinic letter goes to the
 * GP with a copy to the patient, a letter to the patient has a copy to
 * the GP, a did-not-attend letter follows a missed appointment, and a
 * few confirmations and admission letters go out for coming ones.
 *
 * The core draws no PDFs, so approved letters need the caller's
 * HarleyDemo.draw_pdf (harley-cli passes its renderer); without it no
 * letter gets past awaiting approval.
 *
 * The letter API starts a transaction of its own for each step, and the
 * demo is one transaction, so the rows are written here as
 * harley-letter.c and harley-letter-steps.c write them: each step is in
 * the letter's history and the patient's timeline, dated a day or so
 * after the one before, from the appointment on. Everything random is
 * drawn from the demo's GRand after the diary: a seed and a "now"
 * always give the same letters. */

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "harley-demo-private.h"
#include "harley-diary.h"
#include "harley-letter-private.h"
#include "harley-template.h"
#include "harley-wall-time.h"

#define MIN_LETTERS        30
#define PATIENTS_PER_EXTRA 100     /* one more letter for each */
#define MAX_LETTERS        120
#define CANDIDATES_PER     4       /* past appointments looked at per letter */

typedef enum
{
  TEMPLATE_CLINIC,
  TEMPLATE_TO_PATIENT,
  TEMPLATE_CONFIRMATION,
  TEMPLATE_DID_NOT_ATTEND,
  TEMPLATE_RESULTS,
  TEMPLATE_ADMISSION,
  N_TEMPLATES,
} TemplateKind;

/* As migration 003 names them. */
static const char * const template_names[N_TEMPLATES] = {
  [TEMPLATE_CLINIC] = "Clinic letter to the GP",
  [TEMPLATE_TO_PATIENT] = "Letter to the patient, copy to the GP",
  [TEMPLATE_CONFIRMATION] = "Appointment confirmation",
  [TEMPLATE_DID_NOT_ATTEND] = "Did not attend",
  [TEMPLATE_RESULTS] = "Results letter",
  [TEMPLATE_ADMISSION] = "Procedure admission letter",
};

/* What the secretary types under a template's empty headings: one
 * patient's story in the same place under each. */
typedef struct
{
  const char *heading;
  const char *texts[4];
} Section;

static const Section sections[] = {
  { "Diagnoses", { "- Atopic eczema", "- Chronic plaque psoriasis", "- Acne vulgaris",
                   "- Benign compound naevus" } },
  { "Clinical summary", { "A six-month history of an itchy rash on the flexures, worse in winter.",
                          "Plaques on the elbows and knees for some years, now spreading to the scalp.",
                          "Acne on the face and back that has not settled on two courses of antibiotics.",
                          "A pigmented lesion on the back that the patient's partner thought had changed." } },
  { "Examination findings", { "Lichenified eczema in the antecubital and popliteal fossae.",
                              "Well-demarcated scaly plaques; about 8% of the body surface.",
                              "Inflammatory papules and pustules with early scarring.",
                              "A regular 5 mm naevus with a benign pattern on dermoscopy." } },
  { "Plan and requested actions", { "Emollients and a potent topical steroid; review in three months.",
                                    "Start methotrexate after baseline bloods; please arrange monthly blood tests.",
                                    "Start isotretinoin with monthly reviews in clinic.",
                                    "No treatment needed; discharged to your care." } },
  { "Information and advice given", { "We talked about using emollients often and generously.",
                                      "Written information on methotrexate was given.",
                                      "The pregnancy prevention programme was explained.",
                                      "Advice on sun protection and checking moles was given." } },
  { "What we found", { "Your skin shows eczema, which is common and can be controlled.",
                       "The mole we looked at is harmless.",
                       "The patches on your skin are psoriasis.",
                       "Your acne has left a little scarring, so it is worth treating firmly." } },
  { "What this means", { "It is not infectious, and it often gets better with the right creams.",
                         "You do not need any treatment for it.",
                         "Psoriasis comes and goes, and there are good treatments for it.",
                         "A stronger tablet treatment should clear it over about six months." } },
  { "What happens next", { "We will see you again in clinic in three months.",
                           "You do not need another appointment, and your GP has a copy of this letter.",
                           "Your GP will arrange the blood tests, and we will see you in a month.",
                           "We will send you an appointment for the procedure." } },
  { "What you can do", { "Use the moisturiser every day, even when your skin is clear.",
                         "Check your moles every month, and ring us if one changes.",
                         "Keep a note of what makes the rash worse.",
                         "Use a sun cream of factor 30 or more in summer." } },
  { "The result", { "The biopsy showed a seborrhoeic keratosis, which is harmless.",
                    "The patch tests showed an allergy to nickel.",
                    "Your blood tests were all normal.",
                    "The mole that was removed was completely harmless." } },
};

static const char * const corrections[] = {
  "Please add the dose of methotrexate to the plan.",
  "The examination findings are for the other patient: please check the dictation.",
  "Say that the GP need not refer again.",
  "Change the review to six months, not three.",
};

/* Of each hundred letters about past appointments, most recent first:
 * how many are in each state. */
static const guint state_shares[HARLEY_LETTER_N_STATES] = {
  [HARLEY_LETTER_DRAFT] = 10,
  [HARLEY_LETTER_TYPED] = 10,
  [HARLEY_LETTER_AWAITING_APPROVAL] = 10,
  [HARLEY_LETTER_AWAITING_CORRECTION] = 7,
  [HARLEY_LETTER_APPROVED] = 13,
  [HARLEY_LETTER_SENT] = 20,
  [HARLEY_LETTER_FILED] = 30,
};

typedef struct
{
  gint64          id;
  char           *body;
  HarleyTemplate *parsed;
  gboolean        to_gp;      /* the addressee is the GP, with a copy to the patient */
} Template;

typedef struct
{
  gint64  id;
  gint64  patient_id;
  gint64  clinician_id;
  gint64  gp_id;
  char   *status;
  char   *type;
  char   *starts;
} Appointment;

typedef struct
{
  HarleyDemo   *demo;
  Template      templates[N_TEMPLATES];
  char         *approver;
  GHashTable   *patients;     /* gint64 *: each patient has one letter at most */
  sqlite3_stmt *insert_letter;
  sqlite3_stmt *insert_recipient;
  sqlite3_stmt *insert_copy;
  sqlite3_stmt *insert_version;
  guint         n_made;
} Letters;

static void
appointment_clear (Appointment *a)
{
  g_free (a->status);
  g_free (a->type);
  g_free (a->starts);
}

static void
letters_clear (Letters *l)
{
  for (guint i = 0; i < N_TEMPLATES; i++)
    {
      g_free (l->templates[i].body);
      g_clear_pointer (&l->templates[i].parsed, harley_template_free);
    }
  g_free (l->approver);
  g_clear_pointer (&l->patients, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Letters, letters_clear)

/**
 * _harley_demo_n_letters:
 *
 * Forty for the default thousand patients, a few more for a larger
 * practice, never more than MAX_LETTERS: each approved one has a PDF.
 */
guint
_harley_demo_n_letters (guint n_patients)
{
  if (n_patients == 0)
    return 0;
  return MIN (MAX_LETTERS, MIN_LETTERS + n_patients / PATIENTS_PER_EXTRA);
}

static gboolean
load_templates (Letters  *l,
                GError  **error)
{
  HarleyStore *store = l->demo->store;
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT id, body, default_to FROM letter_template "
                                                    "WHERE name = ? AND archived = 0", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < N_TEMPLATES; i++)
    {
      Template *t = &l->templates[i];

      sqlite3_bind_text (stmt, 1, template_names[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          t->id = sqlite3_column_int64 (stmt, 0);
          t->body = harley_column_dup (stmt, 1);
          t->to_gp = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "gp") == 0;
        }
      sqlite3_reset (stmt);
      /* A template the practice archived or broke is left out. */
      if (t->body != NULL)
        t->parsed = harley_template_parse (t->body, -1, NULL, NULL);
    }
  return TRUE;
}

/* The appointments letters are about: the most recent seen and missed
 * ones when @past, else the next booked ones. */
static GArray *
load_appointments (Letters   *l,
                   gboolean   past,
                   guint      limit,
                   GError   **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (l->demo->store, past
    ? "SELECT a.id, a.patient_id, a.clinician_id, coalesce (p.gp_id, 0), a.status, t.name, a.starts "
      "FROM appointment a JOIN appointment_type t ON t.id = a.type_id JOIN patient p ON p.id = a.patient_id "
      "WHERE a.status IN ('seen', 'did-not-attend') ORDER BY a.starts DESC, a.id LIMIT ?"
    : "SELECT a.id, a.patient_id, a.clinician_id, coalesce (p.gp_id, 0), a.status, t.name, a.starts "
      "FROM appointment a JOIN appointment_type t ON t.id = a.type_id JOIN patient p ON p.id = a.patient_id "
      "WHERE a.status = 'booked' ORDER BY a.starts, a.id LIMIT ?", error);
  g_autoptr(GArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rows = g_array_new (FALSE, TRUE, sizeof (Appointment));
  g_array_set_clear_func (rows, (GDestroyNotify) appointment_clear);
  sqlite3_bind_int (stmt, 1, (int) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Appointment a = {
        .id = sqlite3_column_int64 (stmt, 0),
        .patient_id = sqlite3_column_int64 (stmt, 1),
        .clinician_id = sqlite3_column_int64 (stmt, 2),
        .gp_id = sqlite3_column_int64 (stmt, 3),
        .status = harley_column_dup (stmt, 4),
        .type = harley_column_dup (stmt, 5),
        .starts = harley_column_dup (stmt, 6),
      };

      g_array_append_val (rows, a);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (l->demo->store, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static TemplateKind
template_for (Letters           *l,
              const Appointment *a)
{
  if (g_str_equal (a->status, "did-not-attend"))
    return TEMPLATE_DID_NOT_ATTEND;
  if (g_str_equal (a->status, "booked"))
    return g_str_equal (a->type, "Procedure") ? TEMPLATE_ADMISSION : TEMPLATE_CONFIRMATION;
  if (g_str_equal (a->type, "Results discussion") || g_str_equal (a->type, "Telephone consultation"))
    return TEMPLATE_RESULTS;
  return _harley_demo_chance (l->demo, 0.3) ? TEMPLATE_TO_PATIENT : TEMPLATE_CLINIC;
}

static const Section *
find_section (const char *heading)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_str_equal (sections[i].heading, heading))
      return &sections[i];
  return NULL;
}

/* The merged letter with what was typed under its empty headings: the
 * first empty line, or empty "- " item, after a heading becomes a text
 * of that heading, and the empty lines after it go. */
static char *
type_sections (Letters    *l,
               const char *merged)
{
  guint story = _harley_demo_pick (l->demo, G_N_ELEMENTS (sections[0].texts));
  g_auto(GStrv) lines = g_strsplit (merged, "\n", -1);
  GString *out = g_string_new (NULL);
  const Section *section = NULL;
  gboolean typed = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      gboolean empty = *line == '\0' || g_str_equal (line, "- ");

      if (g_str_has_prefix (line, "## "))
        {
          section = find_section (line + 3);
          typed = FALSE;
        }
      else if (section != NULL && empty && !typed && i > 0 && g_str_has_prefix (lines[i - 1], "## "))
        {
          g_string_append (out, "\n");
          line = section->texts[story];
          typed = TRUE;
        }
      else if (section != NULL && empty && typed)
        {
          /* One empty line after what was typed, before what follows. */
          if (lines[i + 1] != NULL && *lines[i + 1] != '\0' && !g_str_equal (lines[i + 1], "- "))
            g_string_append (out, "\n");
          continue;
        }
      else if (!empty)
        section = NULL;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, line);
    }
  return g_string_free (out, FALSE);
}

/* @start ("YYYY-MM-DD HH:MM") moved on by @days, at @minute of the day,
 * as the store writes times; never after the demo's now. */
static char *
timestamp (Letters    *l,
           const char *start,
           guint       days,
           guint       minute)
{
  int year = 0, month = 0, day = 0;
  g_autoptr(GDateTime) utc = NULL;
  GDate date;
  char *text;

  if (sscanf (start, "%d-%d-%d", &year, &month, &day) != 3 || !g_date_valid_dmy (day, month, year))
    return g_strdup (l->demo->now);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  g_date_add_days (&date, days);
  /* A local time of day, stored as UTC as every time stamp is. */
  utc = harley_wall_time_to_utc (&date, (int) MIN (minute, 1439), NULL);
  if (utc == NULL)   /* the missing hour of the March clock change */
    utc = harley_wall_time_to_utc (&date, (int) MIN (minute + 60, 1439), NULL);
  if (utc == NULL)
    return g_strdup (l->demo->now);
  text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  if (strcmp (text, l->demo->now) > 0)
    {
      g_free (text);
      return g_strdup (l->demo->now);
    }
  return text;
}

static gboolean
prepare (Letters  *l,
         GError  **error)
{
  HarleyStore *store = l->demo->store;

  l->insert_letter = harley_store_prepare (store,
    "INSERT INTO letter (patient_id, appointment_id, template_id, clinician_id, subject, state, body, "
    "correction, created_at, updated_at) VALUES (?, ?, ?, nullif (?, 0), ?, ?, ?, ?, ?, ?)", error);
  if (l->insert_letter == NULL)
    return FALSE;
  l->insert_recipient = harley_store_prepare (store,
    "INSERT INTO letter_recipient (letter_id, role, kind, contact_id, position, sent_method, sent_at) "
    "VALUES (?, ?, ?, nullif (?, 0), ?, ?, ?)", error);
  if (l->insert_recipient == NULL)
    return FALSE;
  l->insert_version = harley_store_prepare (store,
    "INSERT INTO letter_version (letter_id, version, body, pdf, sha256, approved_at, approved_by, on_behalf) "
    "VALUES (?, 1, ?, ?, ?, ?, ?, ?)", error);
  if (l->insert_version == NULL)
    return FALSE;
  /* The copies in the order harley_letter_load() reads the recipients */
  l->insert_copy = harley_store_prepare (store,
    "INSERT INTO letter_copy (version_id, recipient_id, pdf, sha256) VALUES (?1, "
    "(SELECT id FROM letter_recipient WHERE letter_id = ?2 ORDER BY role = 'cc', position LIMIT 1 OFFSET ?3), ?4, ?5)",
    error);
  return l->insert_copy != NULL;
}

static gboolean
add_event (Letters     *l,
           gint64       letter_id,
           gint64       patient_id,
           const char  *at,
           const char  *subject,
           const char  *what,
           GError     **error)
{
  g_autofree char *summary = g_strdup_printf ("%s: %s", subject, what);

  return _harley_letter_add_event (l->demo->store, letter_id, patient_id, at, summary, error);
}

static gboolean
add_recipient (Letters              *l,
               gint64                letter_id,
               gboolean              copy,
               HarleyRecipientKind   kind,
               gint64                contact_id,
               int                   position,
               const char           *method,
               const char           *sent_at,
               GError              **error)
{
  sqlite3_stmt *stmt = l->insert_recipient;

  sqlite3_bind_int64 (stmt, 1, letter_id);
  sqlite3_bind_text (stmt, 2, copy ? "cc" : "to", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, harley_recipient_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, contact_id);
  sqlite3_bind_int (stmt, 5, position);
  harley_bind_text (stmt, 6, method);
  harley_bind_text (stmt, 7, sent_at);
  return harley_store_step_done (l->demo->store, stmt, error);
}

static void
bind_pdf (sqlite3_stmt *stmt,
          int           column,
          GBytes       *pdf)
{
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (pdf, &size);

  sqlite3_bind_blob64 (stmt, column, data, size, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, column + 1, sha256, -1, SQLITE_TRANSIENT);
}

/* Each copy's PDF, beside the addressee's in the version. */
static gboolean
store_copies (Letters     *l,
              gint64       letter_id,
              GPtrArray   *pdfs,
              GError     **error)
{
  gint64 version_id = sqlite3_last_insert_rowid (harley_store_get_db (l->demo->store));
  sqlite3_stmt *stmt = l->insert_copy;

  for (guint i = 1; i < pdfs->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, version_id);
      sqlite3_bind_int64 (stmt, 2, letter_id);
      sqlite3_bind_int64 (stmt, 3, i);
      bind_pdf (stmt, 4, g_ptr_array_index (pdfs, i));
      if (!harley_store_step_done (l->demo->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Draws the letter as it stands, for its addressee and each copy, and
 * keeps it as its approved version. */
static gboolean
approve (Letters     *l,
         gint64       letter_id,
         const char  *body,
         const char  *at,
         gboolean     on_behalf,
         GError     **error)
{
  g_autoptr(GPtrArray) pdfs = l->demo->draw_pdf (l->demo->store, letter_id, l->demo->draw_pdf_data);
  sqlite3_stmt *stmt = l->insert_version;

  if (pdfs == NULL || pdfs->len == 0)
    {
      g_set_error_literal (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID,
                           _("A demo letter could not be drawn for its approval."));
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, letter_id);
  sqlite3_bind_text (stmt, 2, body, -1, SQLITE_TRANSIENT);
  bind_pdf (stmt, 3, g_ptr_array_index (pdfs, 0));
  sqlite3_bind_text (stmt, 5, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, l->approver, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, on_behalf);
  return harley_store_step_done (l->demo->store, stmt, error) && store_copies (l, letter_id, pdfs, error);
}

#define STEP(s) ((const char *) g_ptr_array_index (step_at, (s)))

/* One letter about @a in @state, with its history; FALSE only on a
 * failure to write. A patient whose record lacks what the template
 * needs gets no letter. */
static gboolean
add_letter (Letters            *l,
            const Appointment  *a,
            HarleyLetterState   state,
            GError            **error)
{
  static const char * const methods[] = { "post", "email", "by-hand" };
  HarleyDemo *demo = l->demo;
  TemplateKind kind = template_for (l, a);
  const Template *t = &l->templates[kind];
  const char *subject = template_names[kind];
  g_autoptr(HarleyMergeContext) context = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *body = NULL;
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  const char *correction = NULL;
  const char *method = NULL;
  g_autoptr(GPtrArray) step_at = g_ptr_array_new_full (HARLEY_LETTER_N_STATES, g_free);
  sqlite3_stmt *stmt = l->insert_letter;
  gboolean to_gp;
  guint day = 1;     /* dictated the day after */
  gint64 id;

  g_ptr_array_set_size (step_at, HARLEY_LETTER_N_STATES);
  if (t->parsed == NULL || g_hash_table_contains (l->patients, &a->patient_id))
    return TRUE;
  to_gp = t->to_gp;
  if (to_gp && a->gp_id == 0)
    return TRUE;
  context = harley_merge_context_new_for_patient (demo->store, a->patient_id, a->id, NULL);
  if (context == NULL || (merged = harley_template_merge (t->parsed, context, &problems, NULL)) == NULL)
    return TRUE;
  body = state == HARLEY_LETTER_DRAFT ? g_strdup (merged) : type_sections (l, merged);
  if (state == HARLEY_LETTER_AWAITING_CORRECTION)
    correction = corrections[_harley_demo_pick (demo, G_N_ELEMENTS (corrections))];

  /* The day each step was taken, a day or so after the one before; a
   * letter for a coming appointment goes the day it was booked. */
  for (guint s = HARLEY_LETTER_DRAFT; s <= state; s++)
    {
      if (s == HARLEY_LETTER_DRAFT || s == HARLEY_LETTER_TYPED || s == HARLEY_LETTER_APPROVED
          || s == HARLEY_LETTER_FILED)
        day += _harley_demo_pick (demo, 2) + (s == HARLEY_LETTER_FILED ? 2 : 0);
      if (s == HARLEY_LETTER_AWAITING_CORRECTION)
        continue;
      step_at->pdata[s] = g_str_equal (a->status, "booked")
                   ? g_strdup (demo->now)
                   : timestamp (l, a->starts, day, 9 * 60 + s * 60 + _harley_demo_pick (demo, 50));
    }
  if (state == HARLEY_LETTER_AWAITING_CORRECTION)
    step_at->pdata[state] = g_strdup (STEP (HARLEY_LETTER_AWAITING_APPROVAL));
  created = g_strdup (STEP (HARLEY_LETTER_DRAFT));
  updated = g_strdup (STEP (state));
  if (state >= HARLEY_LETTER_SENT)
    method = a->gp_id != 0 && _harley_demo_chance (demo, 0.5) ? methods[1] : methods[_harley_demo_pick (demo, 3)];

  sqlite3_bind_int64 (stmt, 1, a->patient_id);
  sqlite3_bind_int64 (stmt, 2, a->id);
  sqlite3_bind_int64 (stmt, 3, t->id);
  sqlite3_bind_int64 (stmt, 4, a->clinician_id);
  sqlite3_bind_text (stmt, 5, subject, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, harley_letter_state_to_string (state), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, body, -1, SQLITE_TRANSIENT);
  harley_bind_text (stmt, 8, correction);
  sqlite3_bind_text (stmt, 9, created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, updated, -1, SQLITE_TRANSIENT);
  if (!harley_store_step_done (demo->store, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (harley_store_get_db (demo->store));

  /* The addressee, then the copy: the GP's letters go to the patient
   * too, and the patient's to the GP when there is one. */
  if (!add_recipient (l, id, FALSE, to_gp ? HARLEY_RECIPIENT_GP : HARLEY_RECIPIENT_PATIENT,
                      to_gp ? a->gp_id : 0, 1, method, STEP (HARLEY_LETTER_SENT), error)
      || ((to_gp || a->gp_id != 0)
          && !add_recipient (l, id, TRUE, to_gp ? HARLEY_RECIPIENT_PATIENT : HARLEY_RECIPIENT_GP,
                             to_gp ? 0 : a->gp_id, 2, method != NULL ? "post" : NULL, STEP (HARLEY_LETTER_SENT),
                             error)))
    return FALSE;

  if (!add_event (l, id, a->patient_id, STEP (HARLEY_LETTER_DRAFT), subject, _("started"), error))
    return FALSE;
  for (guint s = HARLEY_LETTER_TYPED; s <= MIN (state, HARLEY_LETTER_AWAITING_CORRECTION); s++)
    {
      g_autofree char *what = s == HARLEY_LETTER_AWAITING_CORRECTION
                                ? g_strdup_printf ("%s (%s)", harley_letter_state_label (s), correction)
                                : g_strdup (harley_letter_state_label (s));

      if (s == HARLEY_LETTER_AWAITING_CORRECTION && state != s)
        continue;
      if (!add_event (l, id, a->patient_id, STEP (s), subject, what, error))
        return FALSE;
    }
  if (state >= HARLEY_LETTER_APPROVED)
    {
      gboolean on_behalf = _harley_demo_chance (demo, 0.2);
      g_autofree char *what = on_behalf ? g_strdup_printf (_("approved on behalf of %s (version %d)"), l->approver, 1)
                                        : g_strdup_printf (_("approved by %s (version %d)"), l->approver, 1);

      if (!approve (l, id, body, STEP (HARLEY_LETTER_APPROVED), on_behalf, error)
          || !add_event (l, id, a->patient_id, STEP (HARLEY_LETTER_APPROVED), subject, what, error))
        return FALSE;
    }
  if (state >= HARLEY_LETTER_SENT
      && !add_event (l, id, a->patient_id, STEP (HARLEY_LETTER_SENT), subject, _("sent to everyone"), error))
    return FALSE;
  if (state >= HARLEY_LETTER_FILED
      && !add_event (l, id, a->patient_id, STEP (HARLEY_LETTER_FILED), subject,
                     harley_letter_state_label (HARLEY_LETTER_FILED), error))
    return FALSE;

  g_hash_table_add (l->patients, g_memdup2 (&a->patient_id, sizeof a->patient_id));
  l->n_made++;
  return TRUE;
}

/* The state of the @index th of @n letters about past appointments,
 * most recent first; without a way to draw PDFs, none is approved. */
static HarleyLetterState
state_at (Letters *l,
          guint    index,
          guint    n)
{
  guint total = 0, at = index * 100 / MAX (n, 1);
  guint last = l->demo->draw_pdf != NULL ? HARLEY_LETTER_FILED : HARLEY_LETTER_AWAITING_CORRECTION;

  for (guint s = HARLEY_LETTER_DRAFT; s <= last; s++)
    {
      total += state_shares[s];
      if (at < total * 100 / (last == HARLEY_LETTER_FILED ? 100 : 37))
        return s;
    }
  return last;
}

/**
 * _harley_demo_add_letters:
 * @n_letters: how many letters, about; fewer if the diary is small
 *
 * An eighth of them are for coming appointments, confirmations and
 * admission letters; the rest follow seen and missed ones, the older
 * the further on.
 */
gboolean
_harley_demo_add_letters (HarleyDemo  *demo,
                          guint        n_letters,
                          GError     **error)
{
  g_auto(Letters) l = { .demo = demo };
  g_autoptr(GArray) past = NULL;
  g_autoptr(GArray) coming = NULL;
  guint n_coming = n_letters / 8, n_past = n_letters - n_coming;

  if (n_letters == 0)
    return TRUE;
  l.patients = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  l.approver = harley_store_get_practice_detail (demo->store, "consultant");
  if (l.approver == NULL || *l.approver == '\0')
    {
      g_free (l.approver);
      l.approver = g_strdup ("The consultant");
    }
  if (!load_templates (&l, error) || !prepare (&l, error)
      || (past = load_appointments (&l, TRUE, n_past * CANDIDATES_PER, error)) == NULL
      || (coming = load_appointments (&l, FALSE, n_coming * CANDIDATES_PER, error)) == NULL)
    return FALSE;

  /* Some of the most recent past appointments, spread over the candidates. */
  for (guint i = 0; i < past->len && l.n_made < n_past; i++)
    {
      const Appointment *a = &g_array_index (past, Appointment, i);
      guint left = past->len - i, wanted = n_past - l.n_made;

      if (left > wanted && !_harley_demo_chance (demo, 1.0 / CANDIDATES_PER))
        continue;
      if (!add_letter (&l, a, state_at (&l, l.n_made, n_past), error))
        return FALSE;
    }
  n_past = l.n_made;
  for (guint i = 0; i < coming->len && l.n_made < n_past + n_coming; i++)
    {
      const Appointment *a = &g_array_index (coming, Appointment, i);
      HarleyLetterState state = demo->draw_pdf != NULL ? HARLEY_LETTER_SENT : HARLEY_LETTER_TYPED;

      if (!_harley_demo_chance (demo, 0.5))
        continue;
      if (!add_letter (&l, a, state, error))
        return FALSE;
    }
  g_debug ("%u demo letters", l.n_made);
  return TRUE;
}
