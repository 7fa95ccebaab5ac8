/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-letter"

/* Starting a letter from a template: who it goes to is read from the
 * patient's record, the template is filled in from the record and the
 * appointment, and the letter is written with its addressee and copies
 * in one transaction, so that nothing is left half made when something
 * is missing. Everything is read and checked first (prepare_draft), so
 * that a window can say what is missing before anything is written. */

#include <glib/gi18n-lib.h>

#include "harley-contact.h"
#include "harley-diary.h"
#include "harley-letter-private.h"
#include "harley-register.h"
#include "harley-template.h"

typedef struct
{
  HarleyRecipientKind kind;
  gint64              contact_id;   /* 0 for the patient */
} Recipient;

/* What is written: read and checked, not yet in the database. */
typedef struct
{
  gint64  clinician_id;
  char   *subject;
  char   *body;
  GArray *recipients;               /* Recipient: the addressee, then the copies */
} Draft;

static void
draft_clear (Draft *draft)
{
  g_clear_pointer (&draft->subject, g_free);
  g_clear_pointer (&draft->body, g_free);
  g_clear_pointer (&draft->recipients, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Draft, draft_clear)

/* The template {{{1 */

/* The templates are few, so the list in use is read rather than a second
 * query kept in step with harley-letter-templates.c. */
static HarleyLetterTemplate *
find_template (HarleyStore  *store,
               gint64        template_id,
               GError      **error)
{
  g_autoptr(GPtrArray) templates = harley_letter_template_list (store, error);

  if (templates == NULL)
    return NULL;
  for (guint i = 0; i < templates->len; i++)
    if (((HarleyLetterTemplate *) g_ptr_array_index (templates, i))->id == template_id)
      return g_ptr_array_steal_index (templates, i);
  g_set_error_literal (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_NOT_FOUND,
                       _("That letter template is no longer in use: choose another."));
  return NULL;
}

/* "the appointment's date, the appointment's time and the kind of
 * appointment" */
static char *
dup_joined (GPtrArray *nouns)
{
  g_autofree char *text = g_strdup (g_ptr_array_index (nouns, 0));

  for (guint i = 1; i < nouns->len; i++)
    {
      char *longer = i + 1 < nouns->len
                     /* TRANSLATORS: joins items of a list but the last */
                     ? g_strdup_printf (_("%s, %s"), text, (char *) g_ptr_array_index (nouns, i))
                     /* TRANSLATORS: joins the last item of a list */
                     : g_strdup_printf (_("%s and %s"), text, (char *) g_ptr_array_index (nouns, i));

      g_free (text);
      text = longer;
    }
  return g_steal_pointer (&text);
}

/* With no appointment chosen, choosing one is what fills in its place
 * too, whatever the field's own remedy says. */
static const char *
find_remedy (const HarleyTemplateProblem *problem,
             gboolean                     have_appointment)
{
  const HarleyTemplateField *field = harley_template_find_field (problem->field);

  if (field == NULL)
    return NULL;
  if (!have_appointment && g_str_has_prefix (field->name, "appointment."))
    field = harley_template_find_field ("appointment.date");
  return field->remedy;
}

/* The nouns of the fields that @remedy fills in. */
static GPtrArray *
collect_nouns (GPtrArray  *problems,
               const char *remedy,
               gboolean    have_appointment)
{
  GPtrArray *nouns = g_ptr_array_new ();

  for (guint i = 0; i < problems->len; i++)
    {
      const HarleyTemplateProblem *problem = g_ptr_array_index (problems, i);
      const HarleyTemplateField *field = harley_template_find_field (problem->field);

      if (g_strcmp0 (find_remedy (problem, have_appointment), remedy) == 0
          && !g_ptr_array_find_with_equal_func (nouns, _(field->noun), g_str_equal, NULL))
        g_ptr_array_add (nouns, (gpointer) _(field->noun));
    }
  return nouns;
}

/* One sentence for each thing to do, naming what it would fill in:
 * "The template needs the appointment's date and the appointment's
 * time: choose the appointment the letter is about." NULL if no field
 * is known. */
static char *
dup_needs_message (GPtrArray *problems,
                   gboolean   have_appointment)
{
  g_autoptr(GPtrArray) remedies = g_ptr_array_new ();
  g_autoptr(GString) message = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const char *remedy = find_remedy (g_ptr_array_index (problems, i), have_appointment);

      if (remedy != NULL && !g_ptr_array_find_with_equal_func (remedies, remedy, g_str_equal, NULL))
        g_ptr_array_add (remedies, (gpointer) remedy);
    }
  if (remedies->len == 0)
    return NULL;
  for (guint r = 0; r < remedies->len; r++)
    {
      const char *remedy = g_ptr_array_index (remedies, r);
      g_autoptr(GPtrArray) nouns = collect_nouns (problems, remedy, have_appointment);
      g_autofree char *joined = dup_joined (nouns);

      if (message->len > 0)
        g_string_append_c (message, ' ');
      /* TRANSLATORS: what the template needs, then what to do, such as “The template needs the
       * appointment's date: choose the appointment the letter is about.” */
      g_string_append_printf (message, _("The template needs %s: %s."), joined, _(remedy));
    }
  return g_string_free (g_steal_pointer (&message), FALSE);
}

/* Replaces the merge's error, which gives a line and column for the
 * template's author, with what the person writing the letter can do. */
static void
set_merge_error (const HarleyLetterTemplate  *template,
                 GPtrArray                   *problems,
                 gboolean                     have_appointment,
                 GError                     **error)
{
  const HarleyTemplateProblem *first = g_ptr_array_index (problems, 0);
  g_autofree char *message = NULL;

  if (first->code != HARLEY_TEMPLATE_ERROR_EMPTY_VALUE
      || (message = dup_needs_message (problems, have_appointment)) == NULL)
    {
      g_autofree char *where = harley_template_problem_dup_message (first);

      /* TRANSLATORS: a template's name, then the first mistake in it */
      message = g_strdup_printf (_("The template “%s” needs putting right before it can be used. %s"),
                                 template->name, where);
    }
  g_set_error_literal (error, HARLEY_TEMPLATE_ERROR, first->code, message);
}

/* Fills in the template; on failure @problems has each one, with its
 * line and column in the template. */
static char *
merge_template (HarleyStore                 *store,
                const HarleyLetterTemplate  *template,
                gint64                       patient_id,
                gint64                       appointment_id,
                GPtrArray                  **problems,
                GError                     **error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(HarleyTemplate) parsed = harley_template_parse (template->body, -1, &found, NULL);
  g_autoptr(HarleyMergeContext) context = NULL;
  char *body = NULL;

  /* The context first: it refuses another patient's appointment. */
  if ((context = harley_merge_context_new_for_patient (store, patient_id, appointment_id, error)) == NULL)
    return NULL;
  if (parsed != NULL)
    body = harley_template_merge (parsed, context, &found, NULL);
  if (body != NULL)
    return body;
  set_merge_error (template, found, appointment_id > 0, error);
  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  return NULL;
}

/* Who it goes to {{{1 */

static gboolean
kind_to_link (HarleyRecipientKind  kind,
              HarleyPatientLink   *link)
{
  switch (kind)
    {
    case HARLEY_RECIPIENT_GP:
      *link = HARLEY_PATIENT_GP;
      return TRUE;
    case HARLEY_RECIPIENT_REFERRER:
      *link = HARLEY_PATIENT_REFERRER;
      return TRUE;
    case HARLEY_RECIPIENT_INSURER:
      *link = HARLEY_PATIENT_INSURER;
      return TRUE;
    case HARLEY_RECIPIENT_PATIENT:
    case HARLEY_RECIPIENT_CONTACT:
    default:
      return FALSE;
    }
}

#define set_invalid(error, ...) g_set_error (error, HARLEY_LETTER_ERROR, HARLEY_LETTER_ERROR_INVALID, __VA_ARGS__)

/* Whole sentences, so that each can be translated as it reads. */
static void
set_missing_error (HarleyPatient        *patient,
                   HarleyPatientLink     link,
                   gboolean              copy,
                   GError              **error)
{
  g_autofree char *name = harley_patient_dup_full_name (patient);

  /* TRANSLATORS: in these six, %s is a patient's name */
  if (link == HARLEY_PATIENT_GP && copy)
    set_invalid (error, _("%s has no GP in their record: add one to the record, or leave out the copy to the GP."),
                 name);
  else if (link == HARLEY_PATIENT_GP)
    set_invalid (error, _("%s has no GP in their record: add one to the record, or choose who the letter goes to."),
                 name);
  else if (link == HARLEY_PATIENT_REFERRER && copy)
    set_invalid (error, _("%s has no referrer in their record: add one to the record, or leave out the copy to the "
                          "referrer."), name);
  else if (link == HARLEY_PATIENT_REFERRER)
    set_invalid (error, _("%s has no referrer in their record: add one to the record, or choose who the letter "
                          "goes to."), name);
  else if (copy)
    set_invalid (error, _("%s has no insurer in their record: add one to the record, or leave out the copy to the "
                          "insurer."), name);
  else
    set_invalid (error, _("%s has no insurer in their record: add one to the record, or choose who the letter "
                          "goes to."), name);
}

/**
 * _harley_letter_resolve_recipient:
 * @contact_id: (inout): for CONTACT, the contact given; set to the
 *   address book entry: the GP, referrer or insurer from the patient's
 *   record, or 0 for the patient
 * @copy: whether it is for a copy, for the message when it is missing
 *
 * Returns: %FALSE, naming the patient and what to add, when the record
 *   has no such contact
 */
gboolean
_harley_letter_resolve_recipient (HarleyStore          *store,
                                  HarleyPatient        *patient,
                                  HarleyRecipientKind   kind,
                                  gint64               *contact_id,
                                  gboolean              copy,
                                  GError              **error)
{
  g_autoptr(HarleyContact) contact = NULL;
  HarleyPatientLink link;

  if (kind == HARLEY_RECIPIENT_PATIENT)
    {
      *contact_id = 0;
      return TRUE;
    }
  if (kind == HARLEY_RECIPIENT_CONTACT)
    return (contact = harley_contact_load (store, *contact_id, error)) != NULL;
  if (!kind_to_link (kind, &link))
    g_assert_not_reached ();
  if ((*contact_id = harley_patient_get_link (patient, link)) > 0)
    return TRUE;
  set_missing_error (patient, link, copy, error);
  return FALSE;
}

static gboolean
resolve_recipient (HarleyStore          *store,
                   HarleyPatient        *patient,
                   HarleyRecipientKind   kind,
                   gint64                contact_id,
                   gboolean              copy,
                   Recipient            *out,
                   GError              **error)
{
  out->kind = kind;
  out->contact_id = contact_id;
  return _harley_letter_resolve_recipient (store, patient, kind, &out->contact_id, copy, error);
}

/* A copy to the addressee, or a second copy to someone, is not sent:
 * the GP who also referred the patient has one letter. */
static gboolean
already_has_it (GArray          *recipients,
                const Recipient *r)
{
  for (guint i = 0; i < recipients->len; i++)
    {
      const Recipient *had = &g_array_index (recipients, Recipient, i);

      if (had->kind == r->kind || (r->contact_id != 0 && had->contact_id == r->contact_id))
        return TRUE;
    }
  return FALSE;
}

static gboolean
resolve_recipients (HarleyStore                *store,
                    gint64                      patient_id,
                    HarleyRecipientKind         to,
                    gint64                      to_contact_id,
                    const HarleyRecipientKind  *copies,
                    guint                       n_copies,
                    Draft                      *draft,
                    GError                    **error)
{
  g_autoptr(HarleyPatient) patient = harley_register_load (store, patient_id, error);
  Recipient r;

  if (patient == NULL)
    return FALSE;
  draft->recipients = g_array_new (FALSE, FALSE, sizeof (Recipient));
  if (!resolve_recipient (store, patient, to, to_contact_id, FALSE, &r, error))
    return FALSE;
  g_array_append_val (draft->recipients, r);
  for (guint i = 0; i < n_copies; i++)
    {
      if (!resolve_recipient (store, patient, copies[i], 0, TRUE, &r, error))
        return FALSE;
      if (!already_has_it (draft->recipients, &r))
        g_array_append_val (draft->recipients, r);
    }
  return TRUE;
}

/* Preparing and writing {{{1 */

/* The appointment's clinician approves the letter; with no appointment
 * it is left for the clinician to be chosen later. */
static gboolean
find_clinician (HarleyStore  *store,
                gint64        appointment_id,
                gint64       *clinician_id,
                GError      **error)
{
  g_autoptr(HarleyAppointment) appointment = NULL;

  *clinician_id = 0;
  if (appointment_id <= 0)
    return TRUE;
  if ((appointment = harley_diary_load (store, appointment_id, error)) == NULL)
    return FALSE;
  *clinician_id = harley_appointment_get_info (appointment)->clinician_id;
  return TRUE;
}

static gboolean
prepare_draft (HarleyStore                *store,
               gint64                      patient_id,
               gint64                      template_id,
               gint64                      appointment_id,
               HarleyRecipientKind         to,
               gint64                      to_contact_id,
               const HarleyRecipientKind  *copies,
               guint                       n_copies,
               Draft                      *draft,
               GPtrArray                 **problems,
               GError                    **error)
{
  g_autoptr(HarleyLetterTemplate) template = find_template (store, template_id, error);

  if (template == NULL
      || !resolve_recipients (store, patient_id, to, to_contact_id, copies, n_copies, draft, error))
    return FALSE;
  draft->body = merge_template (store, template, patient_id, appointment_id, problems, error);
  if (draft->body == NULL || !find_clinician (store, appointment_id, &draft->clinician_id, error))
    return FALSE;
  draft->subject = g_strdup (template->name);
  return TRUE;
}

static gint64
write_draft (HarleyStore  *store,
             gint64        patient_id,
             gint64        template_id,
             gint64        appointment_id,
             const Draft  *draft,
             GError      **error)
{
  gint64 id;

  if (!harley_store_begin (store, error))
    return 0;
  id = _harley_letter_insert (store, patient_id, template_id, appointment_id, draft->clinician_id,
                              draft->subject, draft->body, error);
  for (guint i = 0; id != 0 && i < draft->recipients->len; i++)
    {
      const Recipient *r = &g_array_index (draft->recipients, Recipient, i);

      if (_harley_letter_insert_recipient (store, id, i > 0, r->kind, r->contact_id, error) == 0)
        id = 0;
    }
  if (id == 0)
    {
      harley_store_rollback (store);
      return 0;
    }
  return harley_store_commit (store, error) ? id : 0;
}

static gboolean
check_arguments (HarleyRecipientKind         to,
                 const HarleyRecipientKind  *copies,
                 guint                       n_copies)
{
  if (to > HARLEY_RECIPIENT_CONTACT)
    return FALSE;
  /* A copy is for someone in the patient's record; a contact's copy
   * would need its own contact. */
  for (guint i = 0; i < n_copies; i++)
    if (copies[i] >= HARLEY_RECIPIENT_CONTACT)
      return FALSE;
  return TRUE;
}

/**
 * harley_letter_check_new:
 *
 * Does what harley_letter_new_from_template() does but write: says
 * whether the letter can be started as chosen, and if not why.
 *
 * Returns: %TRUE if harley_letter_new_from_template() would start it
 */
gboolean
harley_letter_check_new (HarleyStore                *store,
                         gint64                      patient_id,
                         gint64                      template_id,
                         gint64                      appointment_id,
                         HarleyRecipientKind         to,
                         gint64                      to_contact_id,
                         const HarleyRecipientKind  *copies,
                         guint                       n_copies,
                         GPtrArray                 **problems,
                         GError                    **error)
{
  g_auto(Draft) draft = { 0 };

  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);
  g_return_val_if_fail (check_arguments (to, copies, n_copies), FALSE);
  g_return_val_if_fail (copies != NULL || n_copies == 0, FALSE);
  g_return_val_if_fail (problems == NULL || *problems == NULL, FALSE);

  return prepare_draft (store, patient_id, template_id, appointment_id, to, to_contact_id, copies, n_copies,
                        &draft, problems, error);
}

/**
 * harley_letter_new_from_template:
 * @store: the practice database
 * @patient_id: the patient the letter is about
 * @template_id: the template to start from
 * @appointment_id: the appointment it is about, or 0
 * @to: who it goes to; a GP, referrer or insurer is read from the
 *   patient's record
 * @to_contact_id: the address book entry, for %HARLEY_RECIPIENT_CONTACT
 * @copies: (array length=n_copies) (nullable): who has a copy, from the
 *   patient's record; one that is the addressee is left out
 * @problems: (out) (optional) (transfer full) (element-type HarleyTemplateProblem):
 *   when the template cannot be filled in, each field that could not be,
 *   with its place in the template
 * @error: why nothing was written: %HARLEY_LETTER_ERROR_INVALID when the
 *   record has no GP, referrer or insurer the letter or a copy goes to,
 *   a %HARLEY_TEMPLATE_ERROR when the template cannot be filled in
 *
 * Starts a draft letter: the template filled in for the patient, the
 * appointment's clinician to approve it, the template's name as its
 * subject, and its addressee and copies, all written together or, on
 * failure, not at all.
 *
 * Returns: the new letter's id, or 0
 */
gint64
harley_letter_new_from_template (HarleyStore                *store,
                                 gint64                      patient_id,
                                 gint64                      template_id,
                                 gint64                      appointment_id,
                                 HarleyRecipientKind         to,
                                 gint64                      to_contact_id,
                                 const HarleyRecipientKind  *copies,
                                 guint                       n_copies,
                                 GPtrArray                 **problems,
                                 GError                    **error)
{
  g_auto(Draft) draft = { 0 };

  g_return_val_if_fail (HARLEY_IS_STORE (store), 0);
  g_return_val_if_fail (check_arguments (to, copies, n_copies), 0);
  g_return_val_if_fail (copies != NULL || n_copies == 0, 0);
  g_return_val_if_fail (problems == NULL || *problems == NULL, 0);

  if (!prepare_draft (store, patient_id, template_id, appointment_id, to, to_contact_id, copies, n_copies,
                      &draft, problems, error))
    return 0;
  return write_draft (store, patient_id, template_id, appointment_id, &draft, error);
}

/* A patient's letters {{{1 */

/**
 * harley_letter_list_for_patient:
 *
 * Returns: (transfer full) (element-type gint64): the patient's letters,
 *   the newest first
 */
GArray *
harley_letter_list_for_patient (HarleyStore  *store,
                                gint64        patient_id,
                                GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HARLEY_IS_STORE (store), NULL);

  stmt = harley_store_prepare (store, "SELECT id FROM letter WHERE patient_id = ? "
                                      "ORDER BY created_at DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, patient_id);
  return harley_store_read_ids (store, stmt, error);
}
