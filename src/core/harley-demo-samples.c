/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-demo"

/* The demo's samples: biopsies, bloods, swabs and scrapings taken at
 * some of the diary's past appointments, sent to the address book's
 * laboratories, and carried through as far as their age allows, with
 * results (a histology report as a PDF), reviews, calls and the
 * patient told. The most recent are still taken or out at the
 * laboratory, older ones reviewed, told and closed; there are always
 * samples in every state, a few overdue (the laboratory is late, and
 * has been chased about one of them), a patient not answered three times (the
 * results letter is due), and one result that came for no sample on
 * file.
 *
 * The demo is one transaction, so each step goes through the "_at"
 * forms of the sample API (harley-sample-private.h), which run in the
 * caller's transaction and check and record everything as the app
 * does, dated on the day the step was taken, never after the demo's
 * "now". Everything random is drawn from the demo's GRand after the
 * letters: a seed and a "now" always give the same samples. */

#include <string.h>

#include "harley-demo-private.h"
#include "harley-diary-private.h"
#include "harley-sample-private.h"
#include "harley-validate.h"
#include "harley-wall-time.h"

#define MIN_SAMPLES         24
#define PATIENTS_PER_EXTRA  150    /* one more sample for each */
#define MAX_SAMPLES         90
#define WINDOW_DAYS         150    /* the past appointments looked at */
#define MAX_CANDIDATES      4000
#define PATHOLOGIST         "Dr Helen Marsh"

/* What becomes of a sample, most recent first */
typedef enum
{
  PLAN_TAKEN,
  PLAN_SENT,
  PLAN_CANCELLED,
  PLAN_RECEIVED,
  PLAN_REVIEWED,
  PLAN_INFORMED,
  PLAN_OVERDUE,    /* sent, and the laboratory is late */
  PLAN_LOST,
  PLAN_CLOSED,
  N_PLANS,
} Plan;

/* Of each hundred samples; the overdue are a fixed few, the closed the rest. */
static const guint plan_shares[N_PLANS] = {
  [PLAN_TAKEN] = 5, [PLAN_SENT] = 12, [PLAN_CANCELLED] = 3, [PLAN_RECEIVED] = 8, [PLAN_REVIEWED] = 12,
  [PLAN_INFORMED] = 8, [PLAN_LOST] = 3,
};

typedef struct
{
  const char         *report;
  gboolean            abnormal;
  HarleyReviewAction  action;
  const char         *note;
} Finding;

typedef struct
{
  HarleySampleType  type;
  guint             weight;
  const char       *title;          /* of the laboratory's report */
  const char       *description;
  const char * const *sites;
  const Finding    *findings;
  guint             n_findings;
} Kind;

static const char * const skin_sites[] = {
  "left cheek", "upper back", "right forearm", "scalp, vertex", "left shin", "nasal tip", "right shoulder",
  "left temple", NULL,
};
static const char * const no_site[] = { NULL };
static const char * const swab_sites[] = { "right antecubital fossa", "left nostril", "umbilicus", NULL };
static const char * const scraping_sites[] = { "right great toenail", "left groin", "scalp, occiput", NULL };

static const Finding histology[] = {
  { "Seborrhoeic keratosis. No dysplasia or malignancy.", FALSE, HARLEY_REVIEW_NO_ACTION, "Benign: reassure" },
  { "Benign compound naevus, completely excised.", FALSE, HARLEY_REVIEW_LETTER,
    "Benign: results letter to the patient and the GP" },
  { "Nodular basal cell carcinoma, completely excised: peripheral margin 2 mm, deep margin 1 mm.", TRUE,
    HARLEY_REVIEW_APPOINTMENT, "Discuss in clinic; no further surgery needed" },
  { "Superficial basal cell carcinoma, extending to the peripheral margin.", TRUE, HARLEY_REVIEW_PROCEDURE,
    "Book a re-excision" },
  { "Actinic keratosis with mild keratinocyte dysplasia.", TRUE, HARLEY_REVIEW_LETTER,
    "5-fluorouracil cream; letter to the GP" },
  { "Invasive squamous cell carcinoma, moderately differentiated, 3.1 mm thick.", TRUE, HARLEY_REVIEW_REFER,
    "Refer to the skin cancer MDT this week" },
};

static const Finding bloods[] = {
  { "Full blood count, renal and liver function within normal limits.", FALSE, HARLEY_REVIEW_NO_ACTION,
    "Normal: carry on with methotrexate" },
  { "ALT 68 IU/L (raised); full blood count and renal function normal.", TRUE, HARLEY_REVIEW_APPOINTMENT,
    "Lower the methotrexate dose; repeat in two weeks" },
  { "Fasting lipids: total cholesterol 6.9 mmol/L, triglycerides 2.8 mmol/L.", TRUE, HARLEY_REVIEW_LETTER,
    "Lower the isotretinoin dose; letter to the patient" },
};

static const Finding swabs[] = {
  { "Staphylococcus aureus isolated, sensitive to flucloxacillin.", TRUE, HARLEY_REVIEW_LETTER,
    "Flucloxacillin for seven days" },
  { "No significant growth.", FALSE, HARLEY_REVIEW_NO_ACTION, "No infection: reassure" },
};

static const Finding scrapings[] = {
  { "Trichophyton rubrum isolated on culture.", TRUE, HARLEY_REVIEW_APPOINTMENT,
    "Start terbinafine; review in clinic" },
  { "Microscopy negative for fungal elements; culture negative.", FALSE, HARLEY_REVIEW_NO_ACTION,
    "No fungal infection" },
};

static const Kind kinds[] = {
  { HARLEY_SAMPLE_HISTOLOGY, 55, "Histopathology report", "Punch biopsy", skin_sites, histology,
    G_N_ELEMENTS (histology) },
  { HARLEY_SAMPLE_BLOOD, 25, "Blood sciences report", "Bloods for drug monitoring", no_site, bloods,
    G_N_ELEMENTS (bloods) },
  { HARLEY_SAMPLE_SWAB, 10, "Microbiology report", "Skin swab for culture", swab_sites, swabs, G_N_ELEMENTS (swabs) },
  { HARLEY_SAMPLE_SCRAPINGS, 10, "Mycology report", "Skin scrapings for mycology", scraping_sites, scrapings,
    G_N_ELEMENTS (scrapings) },
};

typedef struct
{
  gint64  appointment_id;
  gint64  patient_id;
  char   *clinician;
  GDate   date;
  int     minute;
} Visit;

typedef struct
{
  HarleyDemo *demo;
  char       *now;        /* the demo's moment, as stored */
  GDate       today;      /* its day in London */
  GArray     *labs;       /* gint64, as harley_demo_laboratories */
  char       *consultant;
  guint       n_reviewed;
  guint       n_chased;
} Samples;

typedef struct
{
  Samples      *s;
  const Visit  *visit;
  const Kind   *kind;
  const Finding *finding;
  guint         lab;        /* index into harley_demo_laboratories */
  gint64        id;
  char         *at;         /* the time of the last step */
  GDate         day;        /* its day */
} Life;

static void
visit_clear (Visit *v)
{
  g_free (v->clinician);
}

static void
samples_clear (Samples *s)
{
  g_free (s->now);
  g_clear_pointer (&s->labs, g_array_unref);
  g_free (s->consultant);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Samples, samples_clear)

/**
 * _harley_demo_n_samples:
 *
 * Thirty for the default thousand patients, a few more for a larger
 * practice, never more than MAX_SAMPLES.
 */
guint
_harley_demo_n_samples (guint n_patients)
{
  if (n_patients == 0)
    return 0;
  return MIN (MAX_SAMPLES, MIN_SAMPLES + n_patients / PATIENTS_PER_EXTRA);
}

/* Time {{{1 */

/* g_set_str() is GLib 2.76's. */
static void
replace_text (char       **text,
              const char  *with)
{
  g_free (*text);
  *text = g_strdup (with);
}

/* @minute on @day in London, as stored; never before @after (so that a
 * sample's steps keep their order) nor after the demo's now. */
static char *
moment (Samples     *s,
        const GDate *day,
        int          minute,
        const char  *after)
{
  g_autoptr(GDateTime) utc = harley_wall_time_to_utc (day, CLAMP (minute, 0, 1439), NULL);
  g_autofree char *text = NULL;

  if (utc == NULL)   /* the missing hour of the March clock change */
    utc = harley_wall_time_to_utc (day, CLAMP (minute + 60, 0, 1439), NULL);
  text = utc != NULL ? g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ") : g_strdup (s->now);
  if (after != NULL && strcmp (text, after) < 0)
    replace_text (&text, after);
  if (strcmp (text, s->now) > 0)
    replace_text (&text, s->now);
  return g_steal_pointer (&text);
}

/* Moves the sample's day on by @days (working days when @working), not
 * past today, and its time to @minute of that day. */
static void
step_to (Life     *l,
         guint     days,
         gboolean  working,
         int       minute)
{
  g_autofree char *before = l->at;

  if (working)
    harley_date_add_working_days (&l->day, days);
  else
    g_date_add_days (&l->day, days);
  if (g_date_compare (&l->day, &l->s->today) > 0)
    l->day = l->s->today;
  l->at = moment (l->s, &l->day, minute + _harley_demo_pick (l->s->demo, 45), before);
}

/* Reading the demo so far {{{1 */

static gboolean
load_labs (Samples  *s,
           GError  **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (s->demo->store, "SELECT id FROM contact WHERE kind = 'laboratory' "
                                                             "AND name = ? ORDER BY id LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  s->labs = g_array_new (FALSE, TRUE, sizeof (gint64));
  for (gsize i = 0; i < harley_demo_n_laboratories; i++)
    {
      gint64 id = 0;

      sqlite3_bind_text (stmt, 1, harley_demo_laboratories[i].name, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      g_array_append_val (s->labs, id);
    }
  return TRUE;
}

/* The past appointments of kinds where samples are taken, most recent
 * first, a patient's latest only. */
static GArray *
load_visits (Samples  *s,
             GError  **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (s->demo->store,
    "SELECT a.id, a.patient_id, c.name, a.starts FROM appointment a "
    "JOIN appointment_type t ON t.id = a.type_id JOIN clinician c ON c.id = a.clinician_id "
    "WHERE a.starts >= ? AND a.starts < ? AND a.status = 'seen' "
    "AND t.name IN ('New consultation', 'Follow-up', 'Procedure') ORDER BY a.starts DESC, a.id LIMIT ?", error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) visits = NULL;
  GDate from = s->today;
  int rc;

  if (stmt == NULL)
    return NULL;
  visits = g_array_new (FALSE, TRUE, sizeof (Visit));
  g_array_set_clear_func (visits, (GDestroyNotify) visit_clear);
  g_date_subtract_days (&from, WINDOW_DAYS);
  sqlite3_bind_text (stmt, 1, _harley_diary_date_iso (&from), -1, g_free);
  sqlite3_bind_text (stmt, 2, harley_wall_time_to_iso (&s->today, 24 * 60 - 1), -1, g_free);
  sqlite3_bind_int (stmt, 3, MAX_CANDIDATES);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Visit v = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), NULL, { 0 }, 0 };

      if (!harley_wall_time_parse ((const char *) sqlite3_column_text (stmt, 3), &v.date, &v.minute, NULL)
          || g_hash_table_contains (seen, &v.patient_id))
        continue;
      g_hash_table_add (seen, g_memdup2 (&v.patient_id, sizeof v.patient_id));
      v.clinician = harley_column_dup (stmt, 2);
      g_array_append_val (visits, v);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      harley_store_set_error (s->demo->store, error);
      return NULL;
    }
  return g_steal_pointer (&visits);
}

/* @n of @visits[@from, @to), one from each of @n equal stretches. */
static void
pick_spread (Samples  *s,
             GArray   *visits,
             guint     from,
             guint     to,
             guint     n,
             GPtrArray *picked)
{
  guint block = n > 0 ? MAX (1, (to - from) / n) : 1;

  for (guint i = 0; i < n && from + i * block < to; i++)
    {
      guint index = MIN (to - 1, from + i * block + _harley_demo_pick (s->demo, block));

      g_ptr_array_add (picked, &g_array_index (visits, Visit, index));
    }
}

/* Denser in the last few weeks, where the early steps are. */
static GPtrArray *
pick_visits (Samples *s,
             GArray  *visits,
             guint    n)
{
  GPtrArray *picked = g_ptr_array_new ();
  guint recent = n * 2 / 5;
  guint span;

  if (visits->len <= n)
    {
      pick_spread (s, visits, 0, visits->len, visits->len, picked);
      return picked;
    }
  span = CLAMP (visits->len * 3 / 20, recent, visits->len - (n - recent));
  pick_spread (s, visits, 0, span, recent, picked);
  pick_spread (s, visits, span, visits->len, n - recent, picked);
  return picked;
}

static void
plan_counts (guint  n,
             guint  counts[N_PLANS])
{
  guint used = 0;

  for (Plan p = 0; p < N_PLANS; p++)
    {
      counts[p] = plan_shares[p] > 0 ? MAX (1, n * plan_shares[p] / 100) : 0;
      used += counts[p];
    }
  counts[PLAN_OVERDUE] = n >= 30 ? 3 : 2;
  used += counts[PLAN_OVERDUE];
  counts[PLAN_CLOSED] = n > used ? n - used : 0;
}

/* The laboratory's report {{{1 */

/* A PDF string: ASCII, as the standard Helvetica shows it, escaped. */
static void
append_pdf_string (GString    *out,
                   const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");

  g_string_append_c (out, '(');
  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (*p == '(' || *p == ')' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append (out, ") Tj T*\n");
}

/* A one-page PDF of @lines, as small as a PDF can be, so that a demo
 * result has a report to preview: the core draws nothing with Cairo. */
static GBytes *
report_pdf (GPtrArray *lines)
{
  g_autoptr(GString) content = g_string_new ("BT /F1 11 Tf 15 TL 56 780 Td\n");
  GString *pdf = g_string_new ("%PDF-1.4\n");
  g_autofree char *stream = NULL;
  const char *objects[5];
  gsize offsets[5];
  gsize xref;

  for (guint i = 0; i < lines->len; i++)
    append_pdf_string (content, g_ptr_array_index (lines, i));
  g_string_append (content, "ET");
  stream = g_strdup_printf ("<< /Length %" G_GSIZE_FORMAT " >>\nstream\n%s\nendstream", content->len, content->str);
  objects[0] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[1] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
  objects[2] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
               "/Contents 5 0 R >>";
  objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
  objects[4] = stream;
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      offsets[i] = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
  xref = pdf->len;
  g_string_append (pdf, "xref\n0 6\n0000000000 65535 f \n");
  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n", xref);
  return g_string_free_to_bytes (pdf);
}

/* "OKAFOR, Grace  DOB 12/03/1961  NHS 999 123 4567", as a laboratory
 * writes it. */
static char *
patient_details (HarleyStore *store,
                 gint64       patient_id)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT family_name, given_name, date_of_birth, "
                                                    "coalesce (nhs_number, '') FROM patient WHERE id = ?", NULL);
  char *details = NULL;

  if (stmt == NULL)
    return g_strdup ("");
  sqlite3_bind_int64 (stmt, 1, patient_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *family = g_utf8_strup ((const char *) sqlite3_column_text (stmt, 0), -1);
      g_autofree char *dob = harley_format_date ((const char *) sqlite3_column_text (stmt, 2));
      const char *nhs = (const char *) sqlite3_column_text (stmt, 3);

      details = g_strdup_printf ("%s, %s  DOB %s%s%s", family, (const char *) sqlite3_column_text (stmt, 1), dob,
                                 *nhs != '\0' ? "  NHS " : "", nhs);
    }
  sqlite3_reset (stmt);
  return details != NULL ? details : g_strdup ("");
}

static GBytes *
report_for (Samples         *s,
            const Kind      *kind,
            guint            lab,
            const char      *details,
            const char      *reference,
            const char      *site,
            const char      *report,
            const GDate     *received)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *date = harley_format_gdate (received);

  g_ptr_array_add (lines, g_strdup (harley_demo_laboratories[lab].name));
  g_ptr_array_add (lines, g_strdup (kind->title));
  g_ptr_array_add (lines, g_strdup (""));
  g_ptr_array_add (lines, g_strdup_printf ("Patient: %s", details));
  g_ptr_array_add (lines, g_strdup_printf ("Laboratory reference: %s", reference));
  g_ptr_array_add (lines, g_strdup_printf ("Specimen: %s%s%s", kind->description, site != NULL ? ", " : "",
                                           site != NULL ? site : ""));
  g_ptr_array_add (lines, g_strdup (""));
  g_ptr_array_add (lines, g_strdup (report));
  g_ptr_array_add (lines, g_strdup (""));
  g_ptr_array_add (lines, g_strdup_printf ("Reported on %s by %s, consultant pathologist", date, PATHOLOGIST));
  return report_pdf (lines);
}

/* One sample's life {{{1 */

static guint
kind_weight (guint i)
{
  return kinds[i].weight;
}

static guint
lab_for (HarleySampleType type)
{
  const char *code = harley_sample_type_to_string (type);

  for (gsize i = 0; i < harley_demo_n_laboratories; i++)
    if (strstr (harley_demo_laboratories[i].sample_types, code) != NULL)
      return (guint) i;
  return 0;
}

static gboolean
take (Life    *l,
      GError **error)
{
  const char *site = NULL;
  HarleySampleNew n = { 0 };
  guint n_sites = g_strv_length ((char **) l->kind->sites);

  if (n_sites > 0)
    site = l->kind->sites[_harley_demo_pick (l->s->demo, n_sites)];
  n.patient_id = l->visit->patient_id;
  n.appointment_id = l->visit->appointment_id;
  n.type = l->kind->type;
  n.site = site;
  n.description = l->kind->description;
  n.taken_on = l->visit->date;
  n.taken_by = l->visit->clinician;
  n.lab_id = g_array_index (l->s->labs, gint64, l->lab);
  l->day = l->visit->date;
  l->at = moment (l->s, &l->day, l->visit->minute + 10, NULL);
  l->id = _harley_sample_add_at (l->s->demo->store, &n, l->at, error);
  return l->id != 0;
}

static gboolean
send_away (Life    *l,
           GError **error)
{
  const HarleyDemoLaboratory *lab = &harley_demo_laboratories[l->lab];
  g_autofree char *reference = g_strdup_printf ("%s-%02u-%05u", lab->reference,
                                                (guint) g_date_get_year (&l->visit->date) % 100,
                                                _harley_demo_pick (l->s->demo, 100000));
  HarleySendMethod method = lab->turnaround_days <= 2 ? HARLEY_SEND_COURIER
                            : (_harley_demo_chance (l->s->demo, 0.7) ? HARLEY_SEND_COURIER : HARLEY_SEND_POST);

  /* The same afternoon, or the next working day's collection. */
  step_to (l, _harley_demo_chance (l->s->demo, 0.4) ? 1 : 0, TRUE, 16 * 60);
  return _harley_sample_send_at (l->s->demo->store, l->id, 0, &l->day, method, reference, NULL, l->at, error);
}

static gboolean
is_overdue (Life *l)
{
  g_autoptr(HarleySample) sample = harley_sample_load (l->s->demo->store, l->id, NULL);

  return sample != NULL && harley_sample_is_overdue (sample, &l->s->today);
}

/* The laboratory, rung about a late result. */
static gboolean
chase (Life    *l,
       GError **error)
{
  HarleyCallNew call = { 0, g_array_index (l->s->labs, gint64, l->lab), l->id, HARLEY_CALL_SPOKE,
                         "Report delayed: further levels are being cut. Expected next week." };
  g_autofree char *at = moment (l->s, &l->s->today, 10 * 60 + 5, l->at);

  return _harley_call_add_at (l->s->demo->store, &call, at, error) != 0;
}

static gboolean
receive (Life    *l,
         GError **error)
{
  g_autoptr(HarleySample) sample = harley_sample_load (l->s->demo->store, l->id, error);
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *details = NULL;
  HarleyResultNew r = { 0 };
  GDate due, sent;

  if (sample == NULL)
    return FALSE;
  sent = l->day;
  _harley_diary_date_parse (sample->expected_by, &due);
  /* On time, or a day or two early: a working day after it went at the
   * soonest. */
  l->day = due;
  g_date_subtract_days (&l->day, _harley_demo_pick (l->s->demo, 3));
  if (g_date_compare (&l->day, &sent) <= 0)
    {
      l->day = sent;
      harley_date_add_working_days (&l->day, 1);
    }
  step_to (l, 0, FALSE, 9 * 60 + 30);
  l->finding = &l->kind->findings[_harley_demo_pick (l->s->demo, l->kind->n_findings)];
  r.sample_id = l->id;
  r.lab_reference = sample->lab_reference;
  r.received_on = l->day;
  r.report = l->finding->report;
  r.abnormal = l->finding->abnormal;
  if (l->kind->type == HARLEY_SAMPLE_HISTOLOGY)
    {
      details = patient_details (l->s->demo->store, sample->patient_id);
      pdf = report_for (l->s, l->kind, l->lab, details, sample->lab_reference, sample->site, r.report, &l->day);
      r.attachment = pdf;
      r.attachment_type = "application/pdf";
      r.attachment_name = "report.pdf";
    }
  return _harley_result_add_at (l->s->demo->store, &r, l->at, error) != 0;
}

static gboolean
consents_to_messages (Samples *s,
                      gint64   patient_id)
{
  sqlite3_stmt *stmt = harley_store_prepare (s->demo->store, "SELECT consent_leave_message FROM patient "
                                                             "WHERE id = ?", NULL);
  gboolean yes = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, patient_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    yes = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return yes;
}

/* A call to the patient about the result, a working day after the last. */
static gboolean
phone (Life               *l,
       HarleyCallOutcome   outcome,
       GError            **error)
{
  HarleyCallNew call = { l->visit->patient_id, 0, l->id, outcome, NULL };

  if (outcome == HARLEY_CALL_MESSAGE)
    call.note = "Asked them to ring the secretary about their result";
  step_to (l, 1, TRUE, 11 * 60);
  return _harley_call_add_at (l->s->demo->store, &call, l->at, error) != 0;
}

/* Reviewed, and then rung @failures times without an answer: a message
 * instead of the first, where the patient allows it. */
static gboolean
review_and_ring (Life    *l,
                 guint    failures,
                 GError **error)
{
  gboolean message = failures > 0 && failures < 3 && consents_to_messages (l->s, l->visit->patient_id);

  step_to (l, _harley_demo_pick (l->s->demo, 2), TRUE, 14 * 60);
  if (!_harley_sample_review_at (l->s->demo->store, l->id, l->finding->action, l->finding->note, l->s->consultant,
                                 l->at, error))
    return FALSE;
  for (guint i = 0; i < failures; i++)
    if (!phone (l, i == 0 && message ? HARLEY_CALL_MESSAGE : HARLEY_CALL_NO_ANSWER, error))
      return FALSE;
  return TRUE;
}

/* Told: by letter after three failed calls, in person at a results
 * discussion now and then, else on the phone. */
static gboolean
tell (Life    *l,
      GError **error)
{
  guint r = _harley_demo_pick (l->s->demo, 10);
  HarleyInformedHow how = r < 2 ? HARLEY_INFORMED_LETTER : (r < 3 ? HARLEY_INFORMED_IN_PERSON : HARLEY_INFORMED_PHONE);

  if (!review_and_ring (l, how == HARLEY_INFORMED_LETTER ? 3 : (r == 3 ? 1 : 0), error))
    return FALSE;
  if (how == HARLEY_INFORMED_PHONE && !phone (l, HARLEY_CALL_SPOKE, error))
    return FALSE;
  if (how != HARLEY_INFORMED_PHONE)
    step_to (l, 1, TRUE, 15 * 60);
  return _harley_sample_inform_at (l->s->demo->store, l->id, how, NULL, l->at, error);
}

static gboolean
end_early (Life     *l,
           gboolean  lost,
           GError  **error)
{
  const char *reason = lost ? "The courier has no record of collecting it, and the laboratory never received it."
                            : "The patient decided against the biopsy on the day.";

  step_to (l, lost ? 12 : 0, TRUE, 12 * 60);
  return _harley_sample_cancel_at (l->s->demo->store, l->id, lost, reason, l->at, error);
}

/* Carries one sample as far as @plan, or stops early where the steps
 * run into today. FALSE only on a failure to write. */
static gboolean
live (Samples      *s,
      const Visit  *visit,
      Plan          plan,
      GError      **error)
{
  const Kind *kind = &kinds[_harley_demo_pick_weighted (s->demo, G_N_ELEMENTS (kinds), kind_weight)];
  Life l = { s, visit, kind, NULL, lab_for (kind->type), 0, NULL, { 0 } };
  gboolean ok = FALSE;

  if (!take (&l, error))
    goto out;
  if (plan == PLAN_TAKEN || plan == PLAN_CANCELLED)
    {
      ok = plan == PLAN_TAKEN || end_early (&l, FALSE, error);
      goto out;
    }
  if (!send_away (&l, error))
    goto out;
  /* The laboratory that was on time but for the few kept overdue. */
  if (plan == PLAN_OVERDUE || plan == PLAN_LOST || (plan == PLAN_SENT && !is_overdue (&l)))
    {
      ok = plan == PLAN_SENT || (plan == PLAN_LOST ? end_early (&l, TRUE, error)
                                                   : !is_overdue (&l) || s->n_chased++ > 0 || chase (&l, error));
      goto out;
    }
  if (!receive (&l, error))
    goto out;
  if (plan == PLAN_RECEIVED || plan == PLAN_SENT)
    {
      ok = TRUE;
      goto out;
    }
  if (plan == PLAN_REVIEWED)
    {
      /* The first not answered three times: the results letter is due. */
      static const guint failures[] = { 3, 1, 0, 2 };

      ok = review_and_ring (&l, failures[s->n_reviewed++ % G_N_ELEMENTS (failures)], error);
      goto out;
    }
  ok = tell (&l, error);
  if (ok && plan == PLAN_CLOSED)
    {
      step_to (&l, _harley_demo_pick (s->demo, 3), TRUE, 17 * 60);
      ok = _harley_sample_close_at (s->demo->store, l.id, l.at, error);
    }

out:
  g_free (l.at);
  return ok;
}

/* The result for no sample on file {{{1 */

/* For a patient with no sample, as the laboratory wrote them, a day or
 * two ago: on the unmatched list until it is filed. */
static gboolean
add_unmatched (Samples  *s,
               gint64    patient_id,
               GError  **error)
{
  const Kind *kind = &kinds[0];
  guint lab = lab_for (kind->type);
  g_autofree char *details = patient_details (s->demo->store, patient_id);
  g_autofree char *reference = g_strdup_printf ("%s-%02u-%05u", harley_demo_laboratories[lab].reference,
                                                (guint) g_date_get_year (&s->today) % 100,
                                                _harley_demo_pick (s->demo, 100000));
  const char *report = "Lichen planus. No dysplasia.";
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *at = NULL;
  HarleyResultNew r = { 0 };

  r.received_on = s->today;
  g_date_subtract_days (&r.received_on, _harley_demo_pick (s->demo, 2));
  at = moment (s, &r.received_on, 9 * 60 + 40, NULL);
  pdf = report_for (s, kind, lab, details, reference, "right wrist", report, &r.received_on);
  r.lab_id = g_array_index (s->labs, gint64, lab);
  r.lab_reference = reference;
  r.patient_details = details;
  r.report = report;
  r.attachment = pdf;
  r.attachment_type = "application/pdf";
  r.attachment_name = "report.pdf";
  return _harley_result_add_at (s->demo->store, &r, at, error) != 0;
}

/* For the patient of the oldest appointment looked at that has no sample. */
static gboolean
add_unmatched_for_other (Samples    *s,
                         GArray     *visits,
                         GPtrArray  *picked,
                         GError    **error)
{
  for (guint i = visits->len; i > 0; i--)
    {
      Visit *v = &g_array_index (visits, Visit, i - 1);

      if (!g_ptr_array_find (picked, v, NULL))
        return add_unmatched (s, v->patient_id, error);
    }
  return TRUE;
}

/* The demo's samples {{{1 */

static gboolean
samples_init (Samples    *s,
              HarleyDemo *demo,
              GDateTime  *now,
              GError    **error)
{
  g_autoptr(GDateTime) clock = now != NULL ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();

  s->demo = demo;
  s->now = g_date_time_format (clock, "%Y-%m-%dT%H:%M:%SZ");
  _harley_sample_today_of (s->now, &s->today);
  s->consultant = harley_store_get_practice_detail (demo->store, "consultant");
  if (s->consultant == NULL || *s->consultant == '\0')
    replace_text (&s->consultant, "The consultant");
  return load_labs (s, error);
}

/**
 * _harley_demo_add_samples:
 * @n_samples: how many, from as many of the diary's past appointments
 * @now: (nullable): the diary's "now", or %NULL for the clock
 *
 * Returns: %FALSE only on a failure to write
 */
gboolean
_harley_demo_add_samples (HarleyDemo  *demo,
                          guint        n_samples,
                          GDateTime   *now,
                          GError     **error)
{
  g_auto(Samples) s = { 0 };
  g_autoptr(GArray) visits = NULL;
  g_autoptr(GPtrArray) picked = NULL;
  guint counts[N_PLANS];
  Plan plan = PLAN_TAKEN;

  if (n_samples == 0)
    return TRUE;
  if (!samples_init (&s, demo, now, error) || (visits = load_visits (&s, error)) == NULL)
    return FALSE;
  picked = pick_visits (&s, visits, n_samples);
  plan_counts (picked->len, counts);
  for (guint i = 0; i < picked->len; i++)
    {
      while (plan < PLAN_CLOSED && counts[plan] == 0)
        plan++;
      counts[plan]--;
      if (!live (&s, g_ptr_array_index (picked, i), plan, error))
        return FALSE;
    }
  return add_unmatched_for_other (&s, visits, picked, error);
}
