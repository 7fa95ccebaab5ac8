/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-demo"

/* The demo's address book: hospitals and laboratories, insurers,
 * referrers, and GP practices with their GPs, which the patients made
 * next in harley-demo.c point at. As there, random numbers are drawn one
 * a statement, so that a seed always gives the same address book. */

#include "harley-contact.h"
#include "harley-demo-private.h"
#include "harley-validate.h"

#define N_GP_PRACTICES   40

typedef struct
{
  HarleyContactKind  kind;
  const char        *name;
  gint64             organisation_id;
  const char        *code;
  const char        *address_lines;
  const char        *post_town;
  const char        *postcode;
  const char        *phone;
  const char        *email;
  const char        *notes;
} ContactRow;

/* harley_contact_save() opens its own transaction; the demo's address book
 * goes into the demo's one, so that a failure leaves nothing. */
static gint64
insert_contact (HarleyDemo        *demo,
                const ContactRow  *row,
                GError           **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (demo->store,
    "INSERT INTO contact (kind, name, organisation_id, code, address_lines, post_town, postcode, "
    "phone, email, notes, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, harley_contact_kind_to_string (row->kind), -1, SQLITE_STATIC);
  harley_bind_text (stmt, 2, row->name);
  if (row->organisation_id > 0)
    sqlite3_bind_int64 (stmt, 3, row->organisation_id);
  harley_bind_text (stmt, 4, row->code);
  harley_bind_text (stmt, 5, row->address_lines);
  harley_bind_text (stmt, 6, row->post_town);
  harley_bind_text (stmt, 7, row->postcode);
  harley_bind_text (stmt, 8, row->phone);
  harley_bind_text (stmt, 9, row->email);
  harley_bind_text (stmt, 10, row->notes);
  harley_bind_text (stmt, 11, demo->now);
  if (!harley_store_step_done (demo->store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (harley_store_get_db (demo->store));
}

static char *
make_person_name (HarleyDemo    *demo,
                  const char    *title,
                  HarleyDemoSex  sex)
{
  const HarleyDemoNameGroup *group = _harley_demo_pick_group (demo);
  g_autofree char *given = _harley_demo_make_given_name (demo, group, sex);
  g_autofree char *family = _harley_demo_make_family_name (demo, group, sex);

  return g_strdup_printf ("%s %s %s", title, given, family);
}

static gboolean
add_gps (HarleyDemo                *demo,
         const HarleyDemoPractice  *practice,
         const ContactRow          *at,
         GError                   **error)
{
  for (guint i = 0; i < practice->n_gps; i++)
    {
      HarleyDemoSex sex = _harley_demo_chance (demo, 0.55) ? HARLEY_DEMO_SEX_FEMALE
                                                           : HARLEY_DEMO_SEX_MALE;
      g_autofree char *name = make_person_name (demo, "Dr", sex);
      g_autofree char *code = g_strdup_printf ("G9%06u", _harley_demo_pick (demo, 1000000));
      ContactRow row = *at;
      gint64 id;

      row.kind = HARLEY_CONTACT_GP;
      row.name = name;
      row.organisation_id = practice->id;
      row.code = code;
      row.email = NULL;
      if ((id = insert_contact (demo, &row, error)) == 0)
        return FALSE;
      g_array_append_val (demo->gps, id);
    }
  return TRUE;
}

static gboolean
add_gp_practice (HarleyDemo  *demo,
                 const char  *word,
                 guint        index,
                 GError     **error)
{
  guint t = _harley_demo_pick_town (demo);
  const HarleyDemoTown *town = &harley_demo_towns[t];
  const HarleyDemoArea *area = &town->areas[_harley_demo_pick (demo, town->n_areas)];
  const char *kind = _harley_demo_pick_from (demo, harley_demo_practice_kinds,
                                             harley_demo_n_practice_kinds);
  g_autofree char *name = g_strdup_printf ("%s %s", word, kind);
  g_autofree char *street = _harley_demo_make_street (demo, town, 150);
  g_autofree char *address = area->locality ? g_strdup_printf ("%s\n%s", street, area->locality)
                                            : g_strdup (street);
  g_autofree char *postcode = _harley_demo_make_postcode (demo, area->outward);
  g_autofree char *phone = _harley_demo_make_phone (demo, town->phone);
  g_autofree char *code = g_strdup_printf ("Z%05u", 10001 + index * 37);
  g_autofree char *slug = _harley_demo_ascii_word (word, FALSE);
  g_autofree char *email = g_strdup_printf ("reception.%s@example.org", slug);
  ContactRow row = { HARLEY_CONTACT_GP_PRACTICE, name, 0, code, address, town->town, postcode,
                     phone, email, NULL };
  HarleyDemoPractice practice = { 0, t, demo->gps->len, 2 + _harley_demo_pick (demo, 3) };

  if ((practice.id = insert_contact (demo, &row, error)) == 0)
    return FALSE;
  g_array_append_val (demo->practices, practice);
  return add_gps (demo, &practice, &row, error);
}

static gboolean
add_gp_practices (HarleyDemo  *demo,
                  GError     **error)
{
  g_autofree const char **words = NULL;

  /* Shuffled, so that each practice has its own name. */
  words = g_memdup2 (harley_demo_practice_words, harley_demo_n_practice_words * sizeof *words);
  for (guint i = harley_demo_n_practice_words - 1; i > 0; i--)
    {
      guint j = _harley_demo_pick (demo, i + 1);
      const char *swap = words[i];

      words[i] = words[j];
      words[j] = swap;
    }
  for (guint i = 0; i < N_GP_PRACTICES; i++)
    if (!add_gp_practice (demo, words[i], i, error))
      return FALSE;
  return TRUE;
}

/* The laboratory's usual turnaround, from which a sample's day due is
 * reckoned (harley_sample_expected_by()). */
static gboolean
set_turnaround (HarleyDemo                  *demo,
                gint64                       id,
                const HarleyDemoLaboratory  *lab,
                GError                     **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (demo->store, "UPDATE contact SET turnaround_days = ?, "
                                                          "turnaround_working = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, lab->turnaround_days);
  sqlite3_bind_int (stmt, 2, lab->turnaround_working ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, id);
  return harley_store_step_done (demo->store, stmt, error);
}

static gboolean
add_hospitals_and_laboratories (HarleyDemo  *demo,
                                GError     **error)
{
  for (guint i = 0; i < HARLEY_DEMO_N_HOSPITALS; i++)
    {
      const HarleyDemoHospital *h = &harley_demo_hospitals[i];
      g_autofree char *phone = _harley_demo_make_phone (demo, h->phone);
      ContactRow row = { HARLEY_CONTACT_HOSPITAL, h->name, 0, NULL, h->address, h->town, h->postcode,
                         phone, NULL, NULL };

      if ((demo->hospital_ids[i] = insert_contact (demo, &row, error)) == 0)
        return FALSE;
      demo->hospital_serials[i] = 100000 + _harley_demo_pick (demo, 50000);
    }
  for (guint i = 0; i < harley_demo_n_laboratories; i++)
    {
      const HarleyDemoLaboratory *lab = &harley_demo_laboratories[i];
      g_autofree char *phone = NULL;
      ContactRow row = { HARLEY_CONTACT_LABORATORY, lab->name, 0, lab->code, lab->address, lab->town,
                         lab->postcode, NULL, lab->email, lab->notes };
      gint64 id;

      harley_validate_phone (lab->phone, &phone, NULL);
      row.phone = phone;
      if ((id = insert_contact (demo, &row, error)) == 0 || !set_turnaround (demo, id, lab, error))
        return FALSE;
    }
  return TRUE;
}

static const char *
surgeon_title (HarleyDemo    *demo,
               HarleyDemoSex  sex)
{
  if (sex == HARLEY_DEMO_SEX_MALE)
    return "Mr";
  return _harley_demo_chance (demo, 0.7) ? "Ms" : "Miss";
}

static gboolean
add_referrers (HarleyDemo  *demo,
               GError     **error)
{
  for (guint i = 0; i < harley_demo_n_referrer_kinds; i++)
    {
      const HarleyDemoReferrerKind *kind = &harley_demo_referrer_kinds[i];
      HarleyDemoSex sex = _harley_demo_chance (demo, 0.5) ? HARLEY_DEMO_SEX_FEMALE
                                                          : HARLEY_DEMO_SEX_MALE;
      const char *title = kind->title ? kind->title : surgeon_title (demo, sex);
      g_autofree char *name = make_person_name (demo, title, sex);
      guint hospital = _harley_demo_pick (demo, HARLEY_DEMO_N_HOSPITALS);
      const HarleyDemoHospital *h = &harley_demo_hospitals[hospital];
      const HarleyDemoTown *town = &harley_demo_towns[_harley_demo_pick_town (demo)];
      g_autofree char *street = _harley_demo_make_street (demo, town, 90);
      g_autofree char *postcode = _harley_demo_make_postcode (demo, town->areas[0].outward);
      g_autofree char *phone = _harley_demo_make_phone (demo, kind->at_hospital ? h->phone
                                                                                : town->phone);
      ContactRow row = { HARLEY_CONTACT_REFERRER, name, 0, NULL, street, town->town, postcode,
                         phone, NULL, kind->role };
      gint64 id;

      if (kind->at_hospital)
        {
          /* Consultants are written to at their hospital. */
          row.organisation_id = demo->hospital_ids[hospital];
          row.address_lines = h->address;
          row.post_town = h->town;
          row.postcode = h->postcode;
        }
      if ((id = insert_contact (demo, &row, error)) == 0)
        return FALSE;
      g_array_append_val (demo->referrers, id);
    }
  return TRUE;
}

static gboolean
add_insurers (HarleyDemo  *demo,
              GError     **error)
{
  for (guint i = 0; i < HARLEY_DEMO_N_INSURERS; i++)
    {
      const HarleyDemoInsurer *insurer = &harley_demo_insurers[i];
      g_autofree char *phone = _harley_demo_make_phone (demo, HARLEY_DEMO_PHONE_NO_AREA);
      g_autofree char *slug = _harley_demo_ascii_word (insurer->name, FALSE);
      g_autofree char *email = g_strdup_printf ("claims@%s.example", slug);
      ContactRow row = { HARLEY_CONTACT_INSURER, insurer->name, 0, insurer->code, insurer->address,
                         insurer->town, insurer->postcode, phone, email, NULL };

      if ((demo->insurer_ids[i] = insert_contact (demo, &row, error)) == 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
_harley_demo_add_address_book (HarleyDemo  *demo,
                               GError     **error)
{
  return add_hospitals_and_laboratories (demo, error)
         && add_insurers (demo, error)
         && add_referrers (demo, error)
         && add_gp_practices (demo, error);
}
