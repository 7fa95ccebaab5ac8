/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-template"

/* Letter templates: "Harley letter text" (paragraphs, "## " headings,
 * "- " list items, **bold**, *italic*) with merge fields {{name.part}},
 * {{ name.part }} or, when the field may be empty, {{name.part?}}.
 *
 * Merged values are plain text. So that a value cannot change the layout
 * (a patient called "**Bold** Smith", an address line "- 3 The Row"), the
 * merge escapes it the way CommonMark does: a backslash before an ASCII
 * punctuation character stands for that character itself. Harley writes
 * "\\" for a backslash, "\*", "\{" and "\}" wherever they are, and "\#"
 * and "\-" when they are the first character of a line (after spaces).
 * Readers of letter text (the PDF writer, the editor) undo it with
 * harley_letter_text_unescape(). Template text may use the same escape:
 * "\{{today}}" is the text "{{today}}", not a field, and is kept as
 * written for the reader to undo.
 */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harley-template.h"

#define MAX_SHOWN_CHARS      40
#define MAX_SUGGEST_CHARS    48

struct _HarleyTemplate
{
  GPtrArray *parts;   /* HarleyTemplatePart */
};

G_DEFINE_QUARK (harley-template-error-quark, harley_template_error)

/* The fields {{{1 */

static const HarleyTemplateField fields[] = {
  { "patient.full_name", N_("The patient's title and name: Mrs Jane Smith"),
    N_("the patient's name"), N_("add the name to the patient's record"),
    "patient.name|patient.fullname|patient.patient_name|name|full_name", FALSE },
  { "patient.title", N_("The patient's title: Mrs, Dr"),
    N_("the patient's title"), N_("add a title to the patient's record"),
    "patient.salutation|title", FALSE },
  { "patient.given_name", N_("The patient's first name"),
    N_("the patient's first name"), N_("add the first name to the patient's record"),
    "patient.first_name|patient.forename|patient.christian_name|first_name|given_name", FALSE },
  { "patient.family_name", N_("The patient's surname"),
    N_("the patient's surname"), N_("add the surname to the patient's record"),
    "patient.surname|patient.last_name|surname|last_name|family_name", FALSE },
  { "patient.dob", N_("The patient's date of birth: 07/03/1965"),
    N_("the patient's date of birth"), N_("add the date of birth to the patient's record"),
    "patient.date_of_birth|patient.birth_date|patient.birthday|patient.born|dob|date_of_birth", FALSE },
  { "patient.nhs_number", N_("The patient's NHS number: 943 476 5919"),
    N_("the patient's NHS number"), N_("add the NHS number to the patient's record"),
    "patient.nhs|patient.nhs_no|patient.nhsnumber|nhs_number|nhs", FALSE },
  { "patient.address", N_("The patient's address, on several lines"),
    N_("the patient's address"), N_("add the address to the patient's record"),
    "patient.home_address|patient.postal_address|address", TRUE },
  { "patient.hospital_number", N_("The patient's hospital number"),
    N_("the patient's hospital number"), N_("add a hospital number to the patient's record"),
    "patient.mrn|patient.hospital_no|patient.hospital_id|hospital_number", FALSE },
  { "gp.name", N_("The GP's name"),
    N_("the GP's name"), N_("add the GP to the record"),
    "gp|gp.full_name|gp.doctor|gp_name", FALSE },
  { "gp.practice_name", N_("The name of the GP's practice"),
    N_("the GP's practice"), N_("add the GP's practice to the address book"),
    "gp.practice|gp.surgery|gp.surgery_name", FALSE },
  { "gp.practice_address", N_("The address of the GP's practice, on several lines"),
    N_("the GP's address"), N_("add the address of the GP's practice to the address book"),
    "gp.address|gp.surgery_address", TRUE },
  { "referrer.name", N_("The name of who referred the patient"),
    N_("the referrer's name"), N_("add the referrer to the patient's record"),
    "referrer|referrer.full_name|referring.name|referred_by", FALSE },
  { "insurer.name", N_("The patient's insurer"),
    N_("the insurer"), N_("add the insurer to the patient's record"),
    "insurer|insurance.name|insurance|insurer.company", FALSE },
  { "insurer.membership_number", N_("The patient's membership number with the insurer"),
    N_("the insurance membership number"), N_("add the membership number to the patient's record"),
    "insurer.membership|insurer.number|insurer.member_number|insurance.number|"
    "insurance.membership_number|patient.membership_number", FALSE },
  { "appointment.date", N_("The appointment's day: Monday 14 January 2030"),
    N_("the appointment's date"), N_("choose the appointment the letter is about"),
    "appointment.day|appointment.when|appt.date", FALSE },
  { "appointment.time", N_("The appointment's time: 09:15"),
    N_("the appointment's time"), N_("choose the appointment the letter is about"),
    "appointment.start|appointment.start_time|appt.time", FALSE },
  { "appointment.location", N_("Where the appointment is"),
    N_("the appointment's place"), N_("give the appointment's clinic a place in the diary"),
    "appointment.place|appointment.where|appointment.clinic|appointment.venue|appt.location", FALSE },
  { "appointment.type", N_("The kind of appointment: New consultation"),
    N_("the kind of appointment"), N_("choose the appointment the letter is about"),
    "appointment.kind|appointment.appointment_type|appt.type", FALSE },
  { "clinician.name", N_("The clinician the patient sees, or the consultant"),
    N_("the clinician's name"), N_("add the consultant's name in Preferences"),
    "clinician|consultant.name|consultant|doctor.name|doctor", FALSE },
  { "practice.name", N_("The practice's name, from Preferences"),
    N_("the practice's name"), N_("add it in Preferences"),
    "practice|practice.practice_name", FALSE },
  { "practice.address", N_("The practice's address, on several lines, from Preferences"),
    N_("the practice's address"), N_("add it in Preferences"),
    "practice.practice_address", TRUE },
  { "practice.phone", N_("The practice's telephone number, from Preferences"),
    N_("the practice's telephone number"), N_("add it in Preferences"),
    "practice.telephone|practice.phone_number|practice.tel", FALSE },
  { "today", N_("Today's date: 24 November 2026"),
    N_("today's date"), N_("set the computer's date"),
    "date|todays_date|today.date|letter.date|now", FALSE },
};

/**
 * harley_template_list_fields:
 * @n_fields: (out): how many
 *
 * Returns: (array length=n_fields) (transfer none): the merge fields
 *   Harley knows, in the order the template editor lists them
 */
const HarleyTemplateField *
harley_template_list_fields (guint *n_fields)
{
  g_return_val_if_fail (n_fields != NULL, NULL);

  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

/**
 * harley_template_find_field:
 * @name: a field's name, "patient.dob"
 *
 * Returns: (transfer none) (nullable): the field, or %NULL if Harley
 *   knows no field of that name
 */
const HarleyTemplateField *
harley_template_find_field (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].name, name))
      return &fields[i];
  return NULL;
}

/**
 * harley_template_field_describe:
 * @field: a known field
 *
 * Returns: (transfer none): what the field holds, in plain words, translated
 */
const char *
harley_template_field_describe (const HarleyTemplateField *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  return _(field->description);
}

/* Suggestions {{{1 */

/* Suggestions are made for every unknown field of a template, so they
 * are worked out on the stack: names are short, and longer ones get no
 * suggestion. */
#define MAX_NAME_CHARS 64

/* Lower case, without the spaces, hyphens and underscores people vary.
 * Returns the number of characters, or -1 if there are too many. */
static int
fold_name (const char *name,
           gsize       length,
           gunichar   *out)
{
  int n = 0;

  for (const char *p = name; p < name + length && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));

      if (c == '_' || c == '-' || c == ' ' || c == '\t')
        continue;
      if (n == MAX_NAME_CHARS)
        return -1;
      out[n++] = c;
    }
  return n;
}

/* The optimal string alignment distance: insertions, deletions,
 * substitutions and swaps of two neighbours ("todya") each count one. */
static guint
edit_distance (const gunichar *s,
               int             n,
               const gunichar *t,
               int             m)
{
  guint d[MAX_NAME_CHARS + 1][MAX_NAME_CHARS + 1];

  for (int i = 0; i <= n; i++)
    d[i][0] = i;
  for (int j = 0; j <= m; j++)
    d[0][j] = j;
  for (int i = 1; i <= n; i++)
    for (int j = 1; j <= m; j++)
      {
        guint best = MIN (d[i - 1][j] + 1, d[i][j - 1] + 1);

        best = MIN (best, d[i - 1][j - 1] + (s[i - 1] == t[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1])
          best = MIN (best, d[i - 2][j - 2] + 1);
        d[i][j] = best;
      }
  return d[n][m];
}

typedef struct
{
  gunichar    written[MAX_NAME_CHARS];
  int         length;
  gboolean    has_dot;
  guint       best;
  const char *best_field;
} Suggestion;

static void
consider (Suggestion *suggestion,
          const char *candidate,
          gsize       length,
          const char *field)
{
  gunichar folded[MAX_NAME_CHARS];
  int n = fold_name (candidate, length, folded);
  guint distance;

  if (n < 0)
    return;
  distance = edit_distance (suggestion->written, suggestion->length, folded, n);
  if (distance < suggestion->best)
    {
      suggestion->best = distance;
      suggestion->best_field = field;
    }
}

/* The known field nearest to what was written, if it is near enough to be
 * what was meant: its name or one of the names people give it, or the part
 * after the dot when no group was written ("dob"). */
static const char *
suggest_field (const char *name)
{
  Suggestion suggestion = { { 0 }, 0, FALSE, G_MAXUINT, NULL };
  guint allowed;

  suggestion.length = fold_name (name, strlen (name), suggestion.written);
  if (suggestion.length <= 0 || suggestion.length > MAX_SUGGEST_CHARS)
    return NULL;
  suggestion.has_dot = strchr (name, '.') != NULL;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *dot = strchr (fields[i].name, '.');
      const char *alias = fields[i].aliases;

      consider (&suggestion, fields[i].name, strlen (fields[i].name), fields[i].name);
      while (*alias != '\0')
        {
          gsize length = strcspn (alias, "|");

          consider (&suggestion, alias, length, fields[i].name);
          alias += length + (alias[length] == '|' ? 1 : 0);
        }
      if (dot != NULL && !suggestion.has_dot)
        consider (&suggestion, dot + 1, strlen (dot + 1), fields[i].name);
    }
  /* One slip in a short name, more in a long one; none in a very short
   * one, which any other short name is as near to. */
  if (suggestion.length <= 3)
    allowed = 0;
  else if (suggestion.length <= 6)
    allowed = 1;
  else
    allowed = MAX (2u, (guint) suggestion.length / 4);
  return suggestion.best <= allowed ? suggestion.best_field : NULL;
}

/* Problems {{{1 */

/**
 * harley_template_problem_free:
 * @problem: (transfer full): a problem
 */
void
harley_template_problem_free (HarleyTemplateProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->field);
  g_free (problem->suggestion);
  g_free (problem->reason);
  g_free (problem);
}

/**
 * harley_template_problem_dup_message:
 * @problem: a problem
 *
 * Returns: (transfer full): the problem as a sentence with its place:
 *   "Line 3, column 12: “{{patient.dateofbirth}}” is not a field …"
 */
char *
harley_template_problem_dup_message (const HarleyTemplateProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  /* TRANSLATORS: the place of a problem in a letter template, then the problem */
  return g_strdup_printf (_("Line %u, column %u: %s"), problem->line, problem->column, problem->reason);
}

/* Where a byte of a template is: lines and columns as a person counts them.
 * The column last asked for is kept, so that a long line with many fields
 * is counted once, not once a field. */
typedef struct
{
  const char *text;
  gsize       line_start;
  guint       line;
  gsize       counted_to;   /* offset on the line whose column is known */
  guint       counted;      /* its column */
} Place;

static guint
place_column (Place *place,
              gsize  offset)
{
  if (place->counted_to < place->line_start || place->counted_to > offset)
    {
      place->counted_to = place->line_start;
      place->counted = 1;
    }
  place->counted += (guint) g_utf8_strlen (place->text + place->counted_to, offset - place->counted_to);
  place->counted_to = offset;
  return place->counted;
}

static void
add_problem (GPtrArray           *problems,
             HarleyTemplateError  code,
             guint                line,
             guint                column,
             const char          *field,
             const char          *suggestion,
             char                *reason)
{
  HarleyTemplateProblem *problem = g_new0 (HarleyTemplateProblem, 1);

  problem->code = code;
  problem->line = line;
  problem->column = column;
  problem->field = g_strdup (field);
  problem->suggestion = g_strdup (suggestion);
  problem->reason = reason;
  g_ptr_array_add (problems, problem);
}

/* Sets @error from the first problem; hands over the list, or frees it. */
static void
report_problems (GPtrArray  *list,
                 GPtrArray **problems,
                 GError    **error)
{
  const HarleyTemplateProblem *first = g_ptr_array_index (list, 0);
  g_autofree char *message = harley_template_problem_dup_message (first);

  if (list->len > 1)
    g_set_error (error, HARLEY_TEMPLATE_ERROR, first->code,
                 /* TRANSLATORS: the first of several problems in a letter template */
                 g_dngettext (GETTEXT_PACKAGE, "%s (and %u more problem)", "%s (and %u more problems)",
                              list->len - 1),
                 message, list->len - 1);
  else
    g_set_error_literal (error, HARLEY_TEMPLATE_ERROR, first->code, message);
  if (problems != NULL)
    *problems = g_ptr_array_ref (list);
}

/* Parsing {{{1 */

static void
part_free (gpointer data)
{
  HarleyTemplatePart *part = data;

  g_free (part->text);
  g_free (part);
}

static void
add_part (GPtrArray              *parts,
          HarleyTemplatePartKind  kind,
          char                   *text,
          gboolean                optional,
          guint                   line,
          guint                   column)
{
  HarleyTemplatePart *part = g_new0 (HarleyTemplatePart, 1);

  part->kind = kind;
  part->text = text;
  part->optional = optional;
  part->line = line;
  part->column = column;
  g_ptr_array_add (parts, part);
}

/* At most MAX_SHOWN_CHARS characters of @text, whole characters only. */
static char *
dup_shown (const char *text,
           gsize       length)
{
  const char *end = text;
  g_autofree char *shown = NULL;

  for (guint n = 0; end < text + length && n < MAX_SHOWN_CHARS; n++)
    end = g_utf8_next_char (end);
  if (end > text + length)
    end = text + length;
  shown = g_strndup (text, end - text);
  if (end < text + length)
    return g_strconcat (g_strchomp (shown), "…", NULL);
  return g_strdup (g_strchomp (shown));
}

typedef struct
{
  const char *text;
  gsize       length;
  gsize       pos;
  Place       place;
  GString    *run;          /* text not yet made a part */
  guint       run_line;
  guint       run_column;
  GPtrArray  *parts;
  GPtrArray  *problems;
} Parser;

static gboolean
at (const Parser *parser,
    gsize         pos,
    const char   *two)
{
  return pos + 1 < parser->length && parser->text[pos] == two[0] && parser->text[pos + 1] == two[1];
}

static void
flush_run (Parser *parser)
{
  if (parser->run->len == 0)
    return;
  add_part (parser->parts, HARLEY_TEMPLATE_PART_TEXT, g_strndup (parser->run->str, parser->run->len),
            FALSE, parser->run_line, parser->run_column);
  g_string_truncate (parser->run, 0);
}

static void
append_text (Parser *parser,
             gsize   n)
{
  if (parser->run->len == 0)
    {
      parser->run_line = parser->place.line;
      parser->run_column = place_column (&parser->place, parser->pos);
    }
  for (gsize i = 0; i < n; i++)
    {
      char c = parser->text[parser->pos++];

      g_string_append_c (parser->run, c);
      if (c == '\n')
        {
          parser->place.line++;
          parser->place.line_start = parser->pos;
        }
    }
}

/* Where the field that opens at @open closes: the offset of its "}}", or
 * 0 if the line ends, or another field opens, first. */
static gsize
find_close (const Parser *parser,
            gsize         open)
{
  for (gsize q = open + 2; q < parser->length && parser->text[q] != '\n'; q++)
    {
      if (at (parser, q, "}}"))
        return q;
      if (at (parser, q, "{{"))
        return 0;
    }
  return 0;
}

static void
unclosed (Parser *parser,
          guint   column)
{
  gsize end = parser->pos + 2;
  g_autofree char *shown = NULL;

  while (end < parser->length && parser->text[end] != '\n' && parser->text[end] != '\r'
         && !at (parser, end, "{{"))
    end++;
  shown = dup_shown (parser->text + parser->pos, end - parser->pos);
  add_problem (parser->problems, HARLEY_TEMPLATE_ERROR_UNCLOSED, parser->place.line, column, shown, NULL,
               /* TRANSLATORS: %s is a merge field that lacks its closing braces, e.g. “{{patient.name” */
               g_strdup_printf (_("“%s” is not closed: add “}}”."), shown));
}

static void
unknown (Parser     *parser,
         guint       column,
         const char *written,
         const char *name)
{
  const char *suggestion = suggest_field (name);
  char *reason;

  if (suggestion != NULL)
    /* TRANSLATORS: the first %s is a merge field as written, the second the one meant */
    reason = g_strdup_printf (_("“%s” is not a field Harley knows. Did you mean {{%s}}?"), written, suggestion);
  else
    reason = g_strdup_printf (_("“%s” is not a field Harley knows. Choose one from the list of fields."),
                              written);
  add_problem (parser->problems, HARLEY_TEMPLATE_ERROR_UNKNOWN_FIELD, parser->place.line, column, written,
               suggestion, reason);
}

static void
parse_field (Parser *parser)
{
  guint column = place_column (&parser->place, parser->pos);
  gsize close = find_close (parser, parser->pos);
  g_autofree char *written = NULL;
  g_autofree char *name = NULL;
  gsize name_length;
  gboolean optional = FALSE;

  if (close == 0)
    {
      unclosed (parser, column);
      parser->pos += 2;
      return;
    }
  written = dup_shown (parser->text + parser->pos, close + 2 - parser->pos);
  name = g_strstrip (g_strndup (parser->text + parser->pos + 2, close - parser->pos - 2));
  name_length = strlen (name);
  if (name_length > 0 && name[name_length - 1] == '?')
    {
      optional = TRUE;
      name[name_length - 1] = '\0';
      g_strchomp (name);
    }
  parser->pos = close + 2;
  if (name[0] == '\0')
    add_problem (parser->problems, HARLEY_TEMPLATE_ERROR_NO_NAME, parser->place.line, column, written, NULL,
                 /* TRANSLATORS: %s is a pair of braces with nothing between them, e.g. “{{ }}” */
                 g_strdup_printf (_("“%s” has no field name between the braces: write one, such as "
                                    "{{patient.full_name}}, or take the braces out."), written));
  else if (harley_template_find_field (name) == NULL)
    unknown (parser, column, written, name);
  else
    {
      flush_run (parser);
      add_part (parser->parts, HARLEY_TEMPLATE_PART_FIELD, g_steal_pointer (&name), optional,
                parser->place.line, column);
    }
}

/* "\{{today}}" is the text "{{today}}", braces and all, not a field. */
static void
escaped_field (Parser *parser)
{
  gsize close = find_close (parser, parser->pos + 1);

  append_text (parser, close > 0 ? close + 2 - parser->pos : 3);
}

static void
parse_all (Parser *parser)
{
  while (parser->pos < parser->length)
    {
      const char c = parser->text[parser->pos];

      if (c == '\\' && at (parser, parser->pos + 1, "{{"))
        escaped_field (parser);
      else if (c == '\\' && parser->pos + 1 < parser->length && g_ascii_ispunct (parser->text[parser->pos + 1]))
        append_text (parser, 2);
      else if (at (parser, parser->pos, "{{"))
        parse_field (parser);
      else if (at (parser, parser->pos, "}}"))
        {
          add_problem (parser->problems, HARLEY_TEMPLATE_ERROR_UNOPENED, parser->place.line,
                       place_column (&parser->place, parser->pos), "}}", NULL,
                       g_strdup (_("“}}” closes no field: add “{{” before the field's name, "
                                   "or take the “}}” out.")));
          parser->pos += 2;
        }
      else
        append_text (parser, 1);
    }
  flush_run (parser);
}

static gboolean
check_text (const char *text,
            gsize       length,
            GPtrArray  *problems)
{
  const char *end = NULL;
  Place place = { text, 0, 1, 0, 1 };

  if (g_utf8_validate_len (text, length, &end))
    return TRUE;
  for (const char *p = text; p < end; p++)
    if (*p == '\n')
      {
        place.line++;
        place.line_start = p + 1 - text;
      }
  add_problem (problems, HARLEY_TEMPLATE_ERROR_NOT_TEXT, place.line, place_column (&place, end - text), NULL,
               NULL, g_strdup (_("this is not text Harley can read: save the template again as "
                                 "UTF-8 (Unicode) text.")));
  return FALSE;
}

/**
 * harley_template_parse:
 * @text: the template, "Harley letter text" with merge fields
 * @length: its length in bytes, or -1 if nul-terminated
 * @problems: (out) (optional) (transfer full) (element-type HarleyTemplateProblem):
 *   on failure, every problem found, in the order of the text
 * @error: the first problem, with how many more there are
 *
 * Reads a template into runs of text and merge fields. Every unknown
 * field, field not closed on its line, "}}" without "{{" and empty "{{ }}"
 * is reported, not only the first.
 *
 * Returns: (transfer full) (nullable): the template, or %NULL if it has
 *   problems
 */
HarleyTemplate *
harley_template_parse (const char  *text,
                       gssize       length,
                       GPtrArray  **problems,
                       GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) harley_template_problem_free);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (part_free);
  g_autoptr(GString) run = g_string_new (NULL);
  HarleyTemplate *self;
  Parser parser = { 0 };

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (problems == NULL || *problems == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (text);
  if (check_text (text, length, found))
    {
      parser = (Parser) { text, length, 0, { text, 0, 1, 0, 1 }, run, 1, 1, parts, found };
      parse_all (&parser);
    }
  if (found->len > 0)
    {
      report_problems (found, problems, error);
      return NULL;
    }
  self = g_new0 (HarleyTemplate, 1);
  self->parts = g_steal_pointer (&parts);
  return self;
}

/**
 * harley_template_free:
 * @self: (transfer full): a template
 */
void
harley_template_free (HarleyTemplate *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->parts);
  g_free (self);
}

guint
harley_template_get_n_parts (HarleyTemplate *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->parts->len;
}

/**
 * harley_template_get_part:
 * @self: a template
 * @index: which, from 0
 *
 * Returns: (transfer none): a run of text or a merge field
 */
const HarleyTemplatePart *
harley_template_get_part (HarleyTemplate *self,
                          guint           index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->parts->len, NULL);

  return g_ptr_array_index (self->parts, index);
}

/**
 * harley_template_count_fields:
 * @self: a template
 *
 * Returns: how many merge fields the template uses, each use counted
 */
guint
harley_template_count_fields (HarleyTemplate *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->parts->len; i++)
    if (((HarleyTemplatePart *) g_ptr_array_index (self->parts, i))->kind == HARLEY_TEMPLATE_PART_FIELD)
      n++;
  return n;
}

/* Escaping {{{1 */

/**
 * harley_letter_text_escape:
 * @value: (nullable): plain text, such as a patient's name
 * @at_line_start: whether @value starts a line of the letter
 * @multi_line: keep @value's line breaks (an address); otherwise they
 *   become spaces
 *
 * Makes plain text safe to put in letter text: "\", "*", "{" and "}" get
 * a backslash before them, and so do "#" and "-" that start a line. Blank
 * lines, which would start a new paragraph, are left out; other control
 * characters become spaces; the ends are trimmed.
 *
 * Returns: (transfer full): the escaped text
 */
char *
harley_letter_text_escape (const char *value,
                           gboolean    at_line_start,
                           gboolean    multi_line)
{
  g_autofree char *valid = g_utf8_make_valid (value != NULL ? value : "", -1);
  GString *out = g_string_new (NULL);
  gboolean line_start = at_line_start;

  g_strstrip (valid);
  for (const char *p = valid; *p != '\0'; p++)
    {
      char c = *p;

      if (c == '\n' && multi_line)
        {
          /* Blank lines and lines of spaces would break the paragraph. */
          while (out->len > 0 && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '\t'))
            g_string_truncate (out, out->len - 1);
          if (out->len > 0 && out->str[out->len - 1] != '\n')
            g_string_append_c (out, '\n');
          line_start = TRUE;
          continue;
        }
      if (c == '\r' && multi_line)
        continue;
      if ((guchar) c < 0x20 || c == 0x7f)
        c = ' ';
      if (line_start && c == ' ')
        continue;
      if (c == '\\' || c == '*' || c == '{' || c == '}' || (line_start && (c == '#' || c == '-')))
        g_string_append_c (out, '\\');
      g_string_append_c (out, c);
      line_start = FALSE;
    }
  return g_string_free (out, FALSE);
}

/**
 * harley_letter_text_unescape:
 * @text: letter text, or a part of it
 *
 * Undoes harley_letter_text_escape(): a backslash before an ASCII
 * punctuation character is taken out; any other backslash stays.
 *
 * Returns: (transfer full): the text as it is to be shown
 */
char *
harley_letter_text_unescape (const char *text)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '\\' && g_ascii_ispunct (p[1]))
        p++;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Merging {{{1 */

/* Only spaces since the last line break (or the start)? */
static gboolean
ends_at_line_start (GString *out,
                    gsize    line_start)
{
  for (gsize i = line_start; i < out->len; i++)
    if (out->str[i] != ' ' && out->str[i] != '\t')
      return FALSE;
  return TRUE;
}

typedef struct
{
  GString  *out;
  gsize     line_start;        /* offset in out */
  gboolean  line_has_value;    /* text or a value, not only spaces */
  gboolean  line_has_empty;    /* an optional field left empty */
} Merge;

/* A line that held only optional fields, all empty, is left out, so that
 * "{{referrer.name?}}" on a line of its own leaves no blank line. */
static void
end_line (Merge *merge)
{
  if (merge->line_has_empty && !merge->line_has_value)
    g_string_truncate (merge->out, merge->line_start);
  else
    {
      g_string_append_c (merge->out, '\n');
      merge->line_start = merge->out->len;
    }
  merge->line_has_value = merge->line_has_empty = FALSE;
}

static void
merge_text (Merge      *merge,
            const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        {
          end_line (merge);
          continue;
        }
      if (*p != ' ' && *p != '\t' && *p != '\r')
        merge->line_has_value = TRUE;
      g_string_append_c (merge->out, *p);
    }
}

static char *
dup_empty_reason (const HarleyTemplateField *field)
{
  g_autofree char *braced = g_strdup_printf ("{{%s}}", field->name);
  g_autofree char *optional = g_strdup_printf ("{{%s?}}", field->name);

  /* TRANSLATORS: “the GP's name ({{gp.name}}) is empty for this patient: add the GP to the
   * record, or mark the field optional ({{gp.name?}}).” */
  return g_strdup_printf (_("%s (%s) is empty for this patient: %s, or mark the field optional (%s)."),
                          _(field->noun), braced, _(field->remedy), optional);
}

static void
merge_field (Merge                    *merge,
             const HarleyTemplatePart *part,
             const char               *value,
             GPtrArray                *problems)
{
  const HarleyTemplateField *field = harley_template_find_field (part->text);
  gboolean line_start = ends_at_line_start (merge->out, merge->line_start);
  g_autofree char *escaped = harley_letter_text_escape (value, line_start, field->multi_line);
  const char *p;

  if (escaped[0] == '\0')
    {
      if (part->optional)
        merge->line_has_empty = TRUE;
      else
        add_problem (problems, HARLEY_TEMPLATE_ERROR_EMPTY_VALUE, part->line, part->column, part->text, NULL,
                     dup_empty_reason (field));
      return;
    }
  merge->line_has_value = TRUE;
  g_string_append (merge->out, escaped);
  if ((p = strrchr (escaped, '\n')) != NULL)
    merge->line_start = merge->out->len - strlen (p + 1);
}

/**
 * harley_template_merge:
 * @self: a template
 * @context: the values of the fields
 * @problems: (out) (optional) (transfer full) (element-type HarleyTemplateProblem):
 *   on failure, each field that must have a value and has none
 * @error: the first of them
 *
 * Fills in the template's fields. Values are escaped (see
 * harley_letter_text_escape()) so that they cannot change the layout. An
 * optional field with no value is left out, and so is its line if nothing
 * else is on it.
 *
 * Returns: (transfer full) (nullable): the letter text, or %NULL if a
 *   field that must have a value has none
 */
char *
harley_template_merge (HarleyTemplate      *self,
                       HarleyMergeContext  *context,
                       GPtrArray          **problems,
                       GError             **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) harley_template_problem_free);
  g_autoptr(GString) out = g_string_new (NULL);
  Merge merge = { out, 0, FALSE, FALSE };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (problems == NULL || *problems == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < self->parts->len; i++)
    {
      const HarleyTemplatePart *part = g_ptr_array_index (self->parts, i);

      if (part->kind == HARLEY_TEMPLATE_PART_TEXT)
        merge_text (&merge, part->text);
      else
        merge_field (&merge, part, harley_merge_context_get (context, part->text), found);
    }
  if (merge.line_has_empty && !merge.line_has_value)
    g_string_truncate (out, merge.line_start);
  if (found->len > 0)
    {
      report_problems (found, problems, error);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
