/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_TEMPLATE_ERROR (harley_template_error_quark ())

/* What can be wrong with a letter template, or with merging it. */
typedef enum
{
  HARLEY_TEMPLATE_ERROR_UNKNOWN_FIELD,   /* {{patient.dateofbirth}} */
  HARLEY_TEMPLATE_ERROR_UNCLOSED,        /* {{patient.dob  with no }} on its line */
  HARLEY_TEMPLATE_ERROR_UNOPENED,        /* }} with no {{ before it */
  HARLEY_TEMPLATE_ERROR_NO_NAME,         /* {{ }} */
  HARLEY_TEMPLATE_ERROR_NOT_TEXT,        /* not UTF-8 */
  HARLEY_TEMPLATE_ERROR_EMPTY_VALUE,     /* a field that must have a value has none */
  HARLEY_TEMPLATE_ERROR_WRONG_PATIENT,   /* the appointment is another patient's */
} HarleyTemplateError;

typedef enum
{
  HARLEY_TEMPLATE_PART_TEXT,
  HARLEY_TEMPLATE_PART_FIELD,
} HarleyTemplatePartKind;

/* A run of letter text, or a merge field, and where it starts in the
 * template: 1-based line and column, the column counted in characters. */
typedef struct
{
  HarleyTemplatePartKind  kind;
  char                   *text;       /* TEXT: as written; FIELD: the name, "patient.dob" */
  gboolean                optional;   /* FIELD written {{name?}} */
  guint                   line;
  guint                   column;
} HarleyTemplatePart;

/* One problem found in a template or while merging it. */
typedef struct
{
  HarleyTemplateError  code;
  guint                line;        /* 1-based */
  guint                column;      /* 1-based, in characters */
  char                *field;       /* (nullable): as written, "{{patient.dateofbirth}}" */
  char                *suggestion;  /* (nullable): a known field's name, "patient.dob" */
  char                *reason;      /* what is wrong and what to do, without the place */
} HarleyTemplateProblem;

/* A merge field Harley knows, for the template editor's list. */
typedef struct
{
  const char *name;          /* "patient.dob" */
  const char *description;   /* untranslated: use harley_template_field_describe() */
  const char *noun;          /* untranslated: "the patient's date of birth" */
  const char *remedy;        /* untranslated: what to do when it is empty */
  const char *aliases;       /* names people may write for it, '|' between them */
  gboolean    multi_line;
} HarleyTemplateField;

typedef struct _HarleyTemplate     HarleyTemplate;
typedef struct _HarleyMergeContext HarleyMergeContext;

GQuark                      harley_template_error_quark      (void);

const HarleyTemplateField  *harley_template_list_fields      (guint                      *n_fields);
const HarleyTemplateField  *harley_template_find_field       (const char                 *name);
const char                 *harley_template_field_describe   (const HarleyTemplateField  *field);

HarleyTemplate             *harley_template_parse            (const char                 *text,
                                                              gssize                      length,
                                                              GPtrArray                 **problems,
                                                              GError                    **error);
void                        harley_template_free             (HarleyTemplate             *self);
guint                       harley_template_get_n_parts      (HarleyTemplate             *self);
const HarleyTemplatePart   *harley_template_get_part         (HarleyTemplate             *self,
                                                              guint                       index);
guint                       harley_template_count_fields     (HarleyTemplate             *self);
char                       *harley_template_merge            (HarleyTemplate             *self,
                                                              HarleyMergeContext         *context,
                                                              GPtrArray                 **problems,
                                                              GError                    **error);

char                       *harley_template_problem_dup_message (const HarleyTemplateProblem *problem);
void                        harley_template_problem_free     (HarleyTemplateProblem      *problem);

char                       *harley_letter_text_escape        (const char                 *value,
                                                              gboolean                    at_line_start,
                                                              gboolean                    multi_line);
char                       *harley_letter_text_unescape      (const char                 *text);

HarleyMergeContext         *harley_merge_context_new         (void);
HarleyMergeContext         *harley_merge_context_new_for_patient (HarleyStore            *store,
                                                              gint64                      patient_id,
                                                              gint64                      appointment_id,
                                                              GError                    **error);
void                        harley_merge_context_set         (HarleyMergeContext         *self,
                                                              const char                 *field,
                                                              const char                 *value);
const char                 *harley_merge_context_get         (HarleyMergeContext         *self,
                                                              const char                 *field);
void                        harley_merge_context_free        (HarleyMergeContext         *self);

char                       *harley_format_long_date          (const GDate                *date,
                                                              gboolean                    with_weekday);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyTemplate, harley_template_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyTemplateProblem, harley_template_problem_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyMergeContext, harley_merge_context_free)

G_END_DECLS
