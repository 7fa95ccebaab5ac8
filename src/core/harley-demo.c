/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-demo"

/* Demo data: a believable practice to try Harley on, to train with and to
 * measure it against. Everything comes from one GRand seeded by the
 * caller, never from the clock, so a seed always gives the same people.
 * Nothing here is real: NHS numbers are from the 999 test range, phone
 * numbers from Ofcom's drama ranges, email addresses at example.com, and
 * names are drawn at random from the lists in harley-demo-data.c.
 *
 * All of it is written in one transaction: a failure leaves nothing. */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harley-contact.h"
#include "harley-demo.h"
#include "harley-demo-private.h"
#include "harley-register-private.h"
#include "harley-validate.h"

/* Ages are worked out from a fixed day, not today, so that a seed gives
 * the same dates of birth whenever it is run. */
#define REFERENCE_YEAR   2025
#define NHS_BLOCK        1000000u     /* 999 000 000(x) to 999 999 999(x) */
#define NHS_STRIDE       7919u        /* prime to NHS_BLOCK: visits each once */
#define N_GP_PRACTICES   40

G_DEFINE_QUARK (harley-demo-error-quark, harley_demo_error)

/* The generator {{{1 */

/* Random numbers are drawn one a statement throughout, never two in one
 * call's arguments or one initialiser list, whose order C leaves to the
 * compiler: the same seed must make the same people whatever built it. */

typedef struct
{
  gint64 id;
  guint  town;
  guint  first_gp;     /* index into Demo.gps */
  guint  n_gps;
} Practice;

typedef struct
{
  HarleyStore *store;
  GRand       *rand;
  char        *now;
  GArray      *practices;       /* Practice */
  GArray      *gps;             /* gint64 */
  GArray      *referrers;       /* gint64 */
  gint64       hospital_ids[HARLEY_DEMO_N_HOSPITALS];
  guint        hospital_serials[HARLEY_DEMO_N_HOSPITALS];
  gint64       insurer_ids[HARLEY_DEMO_N_INSURERS];
  guint64      nhs_counter;
  guint        nhs_start;
} Demo;

static void
demo_free (Demo *demo)
{
  g_rand_free (demo->rand);
  g_free (demo->now);
  g_array_unref (demo->practices);
  g_array_unref (demo->gps);
  g_array_unref (demo->referrers);
  g_free (demo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Demo, demo_free)

static Demo *
demo_new (HarleyStore *store,
          guint32      seed)
{
  Demo *demo = g_new0 (Demo, 1);

  demo->store = store;
  demo->rand = g_rand_new_with_seed (seed);
  demo->now = harley_store_now ();
  demo->practices = g_array_new (FALSE, FALSE, sizeof (Practice));
  demo->gps = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo->referrers = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo->nhs_start = (guint) g_rand_int_range (demo->rand, 0, NHS_BLOCK);
  return demo;
}

static guint
pick (Demo  *demo,
      guint  n)
{
  return (guint) g_rand_int_range (demo->rand, 0, (gint32) n);
}

static gboolean
chance (Demo   *demo,
        double  p)
{
  return g_rand_double (demo->rand) < p;
}

static const char *
pick_from (Demo               *demo,
           const char * const *list,
           guint               n)
{
  return list[pick (demo, n)];
}

#define PICK(demo, list) pick_from ((demo), (list), G_N_ELEMENTS (list))

/* The same for a table of harley-demo-data.c, whose length is a variable. */
#define PICK_TABLE(demo, table) pick_from ((demo), harley_demo_##table, harley_demo_n_##table)

/* Picks an index by weight: @weight_of reads the weight of entry i. */
static guint
pick_weighted (Demo   *demo,
               guint   n,
               guint (*weight_of) (guint))
{
  guint total = 0, r, i;

  for (i = 0; i < n; i++)
    total += weight_of (i);
  r = pick (demo, total);
  for (i = 0; i + 1 < n && r >= weight_of (i); i++)
    r -= weight_of (i);
  return i;
}

static guint town_weight (guint i) { return harley_demo_towns[i].weight; }
static guint group_weight (guint i) { return harley_demo_groups[i].weight; }
static guint age_weight (guint i) { return harley_demo_age_bands[i].weight; }
static guint insurer_weight (guint i) { return harley_demo_insurers[i].weight; }

static const HarleyDemoNameGroup *
pick_group (Demo *demo)
{
  return &harley_demo_groups[pick_weighted (demo, harley_demo_n_groups, group_weight)];
}

/* Fills a pattern: # becomes a digit, @ a capital letter. */
static char *
fill_pattern (Demo       *demo,
              const char *pattern)
{
  static const char letters[] = "ABCDEFGHJKLMNPRSTUVWXYZ";
  char *out = g_strdup (pattern);

  for (char *p = out; *p != '\0'; p++)
    {
      if (*p == '#')
        *p = (char) ('0' + pick (demo, 10));
      else if (*p == '@')
        *p = letters[pick (demo, sizeof letters - 1)];
    }
  return out;
}

/* A number from one of Ofcom's drama ranges, stored the way the editor
 * stores what a person types. */
static char *
make_phone (Demo       *demo,
            const char *range)
{
  g_autofree char *digits = g_strdup_printf ("%s%03u", range, pick (demo, 1000));
  char *normalised = NULL;

  if (!harley_validate_phone (digits, &normalised, NULL))
    return g_steal_pointer (&digits);
  return normalised;
}

static char *
make_postcode (Demo       *demo,
               const char *outward)
{
  /* Royal Mail never uses C, I, K, M, O or V in the inward code. */
  static const char letters[] = "ABDEFGHJLNPQRSTUWXYZ";
  guint sector = 1 + pick (demo, 9);
  char unit[3] = { 0 };

  unit[0] = letters[pick (demo, sizeof letters - 1)];
  unit[1] = letters[pick (demo, sizeof letters - 1)];
  return g_strdup_printf ("%s %u%s", outward, sector, unit);
}

static const char *
pick_street (Demo                 *demo,
             const HarleyDemoTown *town)
{
  if (chance (demo, 0.25))
    return PICK (demo, harley_demo_local_streets[town->nation]);
  return PICK_TABLE (demo, streets);
}

/* "12 Station Road" */
static char *
make_street (Demo                 *demo,
             const HarleyDemoTown *town,
             guint                 highest)
{
  guint number = 1 + pick (demo, highest);

  return g_strdup_printf ("%u %s", number, pick_street (demo, town));
}

typedef enum
{
  SEX_FEMALE,
  SEX_MALE,
  SEX_OTHER,
  SEX_UNKNOWN,
} Sex;

static const char * const sex_names[] = { "female", "male", "other", "unknown" };

static char *
make_given_name (Demo                      *demo,
                 const HarleyDemoNameGroup *group,
                 Sex                        sex)
{
  gboolean female = sex == SEX_FEMALE || (sex > SEX_MALE && chance (demo, 0.5));
  const char * const *list = female ? group->female : group->male;
  guint n = female ? group->n_female : group->n_male;
  const char *first = pick_from (demo, list, n);

  /* Some people give two names: "Sarah Jane". */
  if (chance (demo, 0.08))
    {
      const char *second = pick_from (demo, list, n);

      if (g_strcmp0 (first, second) != 0)
        return g_strdup_printf ("%s %s", first, second);
    }
  return g_strdup (first);
}

static char *
make_family_name (Demo                      *demo,
                  const HarleyDemoNameGroup *group,
                  Sex                        sex)
{
  const char *name = pick_from (demo, group->family, group->n_family);
  gsize len = strlen (name);

  if (chance (demo, 0.04))
    {
      const HarleyDemoNameGroup *other = pick_group (demo);
      const char *second = pick_from (demo, other->family, other->n_family);

      if (g_strcmp0 (name, second) != 0 && strchr (name, ' ') == NULL && strchr (second, ' ') == NULL)
        return g_strdup_printf ("%s-%s", name, second);
    }
  if ((group->flags & HARLEY_DEMO_FEMININE_KI) && sex == SEX_FEMALE && g_str_has_suffix (name, "ki"))
    return g_strdup_printf ("%.*sa", (int) len - 1, name);
  return g_strdup (name);
}

static gboolean
first_name_is (const char *given,
               const char *name)
{
  gsize len = strlen (name);

  return strncmp (given, name, len) == 0 && (given[len] == '\0' || given[len] == ' ');
}

static const char *
make_known_as (Demo                      *demo,
               const HarleyDemoNameGroup *group,
               const char                *given,
               Sex                        sex)
{
  if ((group->flags & HARLEY_DEMO_ENGLISH_KNOWN_AS) && chance (demo, 0.35))
    return sex == SEX_FEMALE ? PICK_TABLE (demo, english_as_female)
                             : PICK_TABLE (demo, english_as_male);
  for (guint i = 0; i < harley_demo_n_known_as; i++)
    if (first_name_is (given, harley_demo_known_as[i][0]))
      return chance (demo, 0.45) ? harley_demo_known_as[i][1] : NULL;
  return NULL;
}

/* Patients {{{1 */

typedef struct
{
  const HarleyDemoNameGroup *group;
  Sex                        sex;
  guint                      age;
  guint                      birth_year;
  const HarleyDemoTown      *town;
  guint                      town_index;
  const char                *given;
  const char                *family;
} Person;

static const char *
adult_title (Demo   *demo,
             Person *person)
{
  if (person->age >= 27 && chance (demo, 0.03))
    return "Dr";
  if (person->age >= 45 && chance (demo, 0.004))
    return "Prof";
  if (person->age >= 30 && chance (demo, 0.003))
    return "Rev";
  switch (person->sex)
    {
    case SEX_MALE:
      return "Mr";
    case SEX_FEMALE:
      if (person->age < 25)
        return chance (demo, 0.6) ? "Miss" : "Ms";
      return chance (demo, 0.5) ? "Mrs" : (chance (demo, 0.6) ? "Ms" : "Miss");
    case SEX_OTHER:
      return "Mx";
    case SEX_UNKNOWN:
    default:
      return NULL;
    }
}

static const char *
make_title (Demo   *demo,
            Person *person)
{
  if (person->age >= 16)
    return adult_title (demo, person);
  if (!chance (demo, 0.5))
    return NULL;
  if (person->sex == SEX_MALE)
    return "Master";
  if (person->sex == SEX_FEMALE)
    return "Miss";
  return NULL;
}

static char *
make_birth_date (Demo   *demo,
                 Person *person)
{
  guint b = pick_weighted (demo, harley_demo_n_age_bands, age_weight);
  const HarleyDemoAgeBand *band = &harley_demo_age_bands[b];
  GDate date;

  person->age = band->from + pick (demo, band->to - band->from + 1);
  /* A birthday somewhere in the year before the reference day, at that age. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, REFERENCE_YEAR - person->age);
  g_date_subtract_days (&date, 1 + pick (demo, 365));
  person->birth_year = g_date_get_year (&date);
  return g_strdup_printf ("%04u-%02u-%02u", person->birth_year,
                          (guint) g_date_get_month (&date), (guint) g_date_get_day (&date));
}

static Sex
pick_sex (Demo *demo)
{
  guint r = pick (demo, 1000);

  if (r < 530)
    return SEX_FEMALE;
  if (r < 990)
    return SEX_MALE;
  return r < 995 ? SEX_OTHER : SEX_UNKNOWN;
}

static void
set_names (Demo          *demo,
           HarleyPatient *patient,
           Person        *person)
{
  g_autofree char *given = NULL;
  g_autofree char *family = NULL;
  g_autofree char *birth = NULL;

  person->group = pick_group (demo);
  person->sex = pick_sex (demo);
  given = make_given_name (demo, person->group, person->sex);
  family = make_family_name (demo, person->group, person->sex);
  birth = make_birth_date (demo, person);

  harley_patient_set_text (patient, HARLEY_PATIENT_GIVEN_NAME, given);
  harley_patient_set_text (patient, HARLEY_PATIENT_FAMILY_NAME, family);
  harley_patient_set_text (patient, HARLEY_PATIENT_PREFERRED_NAME,
                           make_known_as (demo, person->group, given, person->sex));
  harley_patient_set_text (patient, HARLEY_PATIENT_DATE_OF_BIRTH, birth);
  harley_patient_set_text (patient, HARLEY_PATIENT_SEX, sex_names[person->sex]);
  harley_patient_set_text (patient, HARLEY_PATIENT_TITLE, make_title (demo, person));
  person->given = harley_patient_get_text (patient, HARLEY_PATIENT_GIVEN_NAME);
  person->family = harley_patient_get_text (patient, HARLEY_PATIENT_FAMILY_NAME);
}

/* The nine digits 999 nnn nnn, then the modulus 11 check digit; numbers
 * whose check digit would be 10 do not exist and are skipped. */
static gboolean
next_nhs_number (Demo *demo,
                 char  out[11])
{
  while (demo->nhs_counter < NHS_BLOCK)
    {
      guint k = (guint) ((demo->nhs_start + demo->nhs_counter++ * NHS_STRIDE) % NHS_BLOCK);
      int sum = 0, check;

      g_snprintf (out, 11, "999%06u", k);
      for (int i = 0; i < 9; i++)
        sum += (out[i] - '0') * (10 - i);
      check = (11 - sum % 11) % 11;
      if (check == 10)
        continue;
      out[9] = (char) ('0' + check);
      out[10] = '\0';
      return TRUE;
    }
  return FALSE;
}

static void
set_address (Demo          *demo,
             HarleyPatient *patient,
             Person        *person)
{
  const HarleyDemoArea *area;
  char *lines[3] = { NULL, NULL, NULL };
  guint n = 0;
  g_autofree char *postcode = NULL;

  person->town_index = pick_weighted (demo, harley_demo_n_towns, town_weight);
  person->town = &harley_demo_towns[person->town_index];
  area = &person->town->areas[pick (demo, person->town->n_areas)];

  if (chance (demo, 0.15))
    {
      guint flat = 1 + pick (demo, 40);

      lines[n++] = g_strdup_printf ("Flat %u, %s", flat, PICK_TABLE (demo, buildings));
      lines[n++] = make_street (demo, person->town, 120);
    }
  else if (chance (demo, 0.05))
    {
      lines[n++] = g_strdup (PICK_TABLE (demo, house_names));
      lines[n++] = g_strdup (pick_street (demo, person->town));
    }
  else
    lines[n++] = make_street (demo, person->town, 220);
  if (area->locality != NULL && chance (demo, 0.6))
    lines[n++] = g_strdup (area->locality);

  for (guint i = 0; i < 3; i++)
    {
      harley_patient_set_text (patient, HARLEY_PATIENT_ADDRESS_LINE1 + i, lines[i]);
      g_free (lines[i]);
    }
  postcode = make_postcode (demo, area->outward);
  harley_patient_set_text (patient, HARLEY_PATIENT_POST_TOWN, person->town->town);
  harley_patient_set_text (patient, HARLEY_PATIENT_POSTCODE, postcode);
}

/* "Łukasz" → "lukasz", "O'Brien" → "obrien"; the first word only when
 * @first_word, for email addresses. */
static char *
ascii_word (const char *text,
            gboolean    first_word)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *word = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && !(first_word && *p == ' '); p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (word, g_ascii_tolower (*p));
  return g_string_free (word, FALSE);
}

static char *
make_email (Demo   *demo,
            Person *person)
{
  static const char * const domains[] = { "example.com", "example.org", "example.net" };
  g_autofree char *given = ascii_word (person->given, TRUE);
  g_autofree char *family = ascii_word (person->family, FALSE);
  const char *domain = PICK (demo, domains);

  switch (pick (demo, 4))
    {
    case 0:
      return g_strdup_printf ("%s.%s@%s", given, family, domain);
    case 1:
      return g_strdup_printf ("%c%s@%s", given[0], family, domain);
    case 2:
      return g_strdup_printf ("%s.%s%02u@%s", given, family, person->birth_year % 100, domain);
    default:
      return g_strdup_printf ("%s%s%u@%s", family, given, 1 + pick (demo, 99), domain);
    }
}

static void
set_contact_details (Demo          *demo,
                     HarleyPatient *patient,
                     Person        *person)
{
  gboolean child = person->age < 16;
  g_autofree char *mobile = NULL;
  g_autofree char *home = NULL;
  g_autofree char *work = NULL;
  g_autofree char *email = NULL;

  if (chance (demo, child ? 0.3 : 0.88))
    mobile = make_phone (demo, HARLEY_DEMO_PHONE_MOBILE);
  if (mobile == NULL || chance (demo, 0.4))
    home = make_phone (demo, person->town->phone);
  if (!child && person->age < 67 && chance (demo, 0.1))
    work = make_phone (demo, harley_demo_towns[pick (demo, harley_demo_n_towns)].phone);
  if (chance (demo, child ? 0.15 : 0.66))
    email = make_email (demo, person);

  harley_patient_set_text (patient, HARLEY_PATIENT_PHONE_MOBILE, mobile);
  harley_patient_set_text (patient, HARLEY_PATIENT_PHONE_HOME, home);
  harley_patient_set_text (patient, HARLEY_PATIENT_PHONE_WORK, work);
  harley_patient_set_text (patient, HARLEY_PATIENT_EMAIL, email);

  harley_patient_set_flag (patient, HARLEY_PATIENT_CONSENT_POST, chance (demo, 0.97));
  harley_patient_set_flag (patient, HARLEY_PATIENT_CONSENT_PHONE, chance (demo, 0.92));
  harley_patient_set_flag (patient, HARLEY_PATIENT_CONSENT_EMAIL, email != NULL && chance (demo, 0.75));
  harley_patient_set_flag (patient, HARLEY_PATIENT_CONSENT_SMS, mobile != NULL && chance (demo, 0.65));
  harley_patient_set_flag (patient, HARLEY_PATIENT_CONSENT_LEAVE_MESSAGE, chance (demo, 0.55));
}

static const char *
kin_relationship (Demo   *demo,
                  Person *person,
                  Sex    *kin_sex)
{
  static const char * const adult[] = { "Wife", "Husband", "Partner", "Daughter", "Son", "Sister",
                                        "Brother", "Friend", "Mother", "Father" };
  static const Sex adult_sex[] = { SEX_FEMALE, SEX_MALE, SEX_UNKNOWN, SEX_FEMALE, SEX_MALE, SEX_FEMALE,
                                   SEX_MALE, SEX_UNKNOWN, SEX_FEMALE, SEX_MALE };
  /* The old are looked after by their children, the young by parents. */
  guint first = person->age >= 70 ? 3 : 0;
  guint last = person->age < 30 ? G_N_ELEMENTS (adult) : 8;
  guint i;

  if (person->age < 16)
    {
      gboolean mother = chance (demo, 0.7);

      *kin_sex = mother ? SEX_FEMALE : SEX_MALE;
      return mother ? "Mother" : "Father";
    }
  i = first + pick (demo, last - first);
  *kin_sex = adult_sex[i];
  return adult[i];
}

static void
set_next_of_kin (Demo          *demo,
                 HarleyPatient *patient,
                 Person        *person)
{
  Sex kin_sex = SEX_UNKNOWN;
  const char *relationship;
  g_autofree char *given = NULL;
  g_autofree char *family = NULL;
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;

  if (!chance (demo, person->age < 16 ? 0.9 : 0.45))
    return;
  relationship = kin_relationship (demo, person, &kin_sex);
  given = make_given_name (demo, person->group, kin_sex);
  family = chance (demo, 0.7) ? g_strdup (person->family)
                              : make_family_name (demo, person->group, kin_sex);
  name = g_strdup_printf ("%s %s", given, family);
  phone = make_phone (demo, chance (demo, 0.8) ? HARLEY_DEMO_PHONE_MOBILE : person->town->phone);

  harley_patient_set_text (patient, HARLEY_PATIENT_NEXT_OF_KIN_NAME, name);
  harley_patient_set_text (patient, HARLEY_PATIENT_NEXT_OF_KIN_RELATIONSHIP, relationship);
  harley_patient_set_text (patient, HARLEY_PATIENT_NEXT_OF_KIN_PHONE, phone);
}

static void
set_alerts_and_notes (Demo          *demo,
                      HarleyPatient *patient,
                      Person        *person)
{
  g_autofree char *interpreter = NULL;

  if (chance (demo, 0.03))
    {
      if (person->group->language != NULL && chance (demo, 0.4))
        interpreter = g_strdup_printf ("Needs an interpreter (%s)", person->group->language);
      harley_patient_set_text (patient, HARLEY_PATIENT_ALERTS,
                               interpreter != NULL ? interpreter : PICK_TABLE (demo, alerts));
    }
  if (chance (demo, 0.05))
    harley_patient_set_text (patient, HARLEY_PATIENT_NOTES, PICK_TABLE (demo, notes));
}

/* The GP of a practice in the patient's town if there is one. */
static gint64
pick_gp (Demo   *demo,
         Person *person)
{
  guint n = demo->practices->len;
  guint start = pick (demo, n);
  const Practice *practice = &g_array_index (demo->practices, Practice, start);

  for (guint i = 0; i < n; i++)
    {
      const Practice *candidate = &g_array_index (demo->practices, Practice, (start + i) % n);

      if (candidate->town == person->town_index)
        {
          practice = candidate;
          break;
        }
    }
  return g_array_index (demo->gps, gint64, practice->first_gp + pick (demo, practice->n_gps));
}

static void
set_links (Demo          *demo,
           HarleyPatient *patient,
           Person        *person)
{
  harley_patient_set_link (patient, HARLEY_PATIENT_GP, pick_gp (demo, person));
  if (chance (demo, 0.35))
    harley_patient_set_link (patient, HARLEY_PATIENT_REFERRER,
                             g_array_index (demo->referrers, gint64, pick (demo, demo->referrers->len)));

  if (chance (demo, 0.7))
    {
      guint i = pick_weighted (demo, HARLEY_DEMO_N_INSURERS, insurer_weight);
      const HarleyDemoInsurer *insurer = &harley_demo_insurers[i];
      g_autofree char *membership = fill_pattern (demo, insurer->membership);
      g_autofree char *authorisation = chance (demo, 0.45) ? fill_pattern (demo, insurer->authorisation)
                                                            : NULL;

      harley_patient_set_link (patient, HARLEY_PATIENT_INSURER, demo->insurer_ids[i]);
      harley_patient_set_text (patient, HARLEY_PATIENT_INSURANCE_MEMBERSHIP, membership);
      harley_patient_set_text (patient, HARLEY_PATIENT_INSURANCE_AUTHORISATION, authorisation);
    }
  else
    harley_patient_set_flag (patient, HARLEY_PATIENT_SELF_PAY, TRUE);
}

static void
add_hospital_number (Demo          *demo,
                     HarleyPatient *patient,
                     guint          h)
{
  const HarleyDemoHospital *hospital = &harley_demo_hospitals[h];
  g_autofree char *number = NULL;

  /* Numbers rise with gaps, as hospitals issue them: never twice. */
  demo->hospital_serials[h] += 1 + pick (demo, 7);
  number = g_strdup_printf ("%s%0*u", hospital->prefix, hospital->digits, demo->hospital_serials[h]);
  harley_patient_add_hospital_number (patient, demo->hospital_ids[h], hospital->name, number);
}

static void
set_hospital_numbers (Demo          *demo,
                      HarleyPatient *patient)
{
  const guint n = HARLEY_DEMO_N_HOSPITALS;
  guint first;

  if (!chance (demo, 0.4))
    return;
  first = pick (demo, n);
  add_hospital_number (demo, patient, first);
  if (chance (demo, 0.08))
    add_hospital_number (demo, patient, (first + 1 + pick (demo, n - 1)) % n);
}

static HarleyPatient *
make_patient (Demo *demo)
{
  HarleyPatient *patient = harley_patient_new ();
  Person person = { 0 };
  char nhs[11];

  set_names (demo, patient, &person);
  /* Overseas patients may have none. */
  if (chance (demo, 0.96) && next_nhs_number (demo, nhs))
    harley_patient_set_text (patient, HARLEY_PATIENT_NHS_NUMBER, nhs);
  set_address (demo, patient, &person);
  set_contact_details (demo, patient, &person);
  set_links (demo, patient, &person);
  set_next_of_kin (demo, patient, &person);
  set_alerts_and_notes (demo, patient, &person);
  set_hospital_numbers (demo, patient);
  return patient;
}

/* Writing {{{1 */

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
insert_contact (Demo              *demo,
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
make_person_name (Demo       *demo,
                  const char *title,
                  Sex         sex)
{
  const HarleyDemoNameGroup *group = pick_group (demo);
  g_autofree char *given = make_given_name (demo, group, sex);
  g_autofree char *family = make_family_name (demo, group, sex);

  return g_strdup_printf ("%s %s %s", title, given, family);
}

static gboolean
add_gps (Demo            *demo,
         const Practice  *practice,
         const ContactRow *at,
         GError         **error)
{
  for (guint i = 0; i < practice->n_gps; i++)
    {
      Sex sex = chance (demo, 0.55) ? SEX_FEMALE : SEX_MALE;
      g_autofree char *name = make_person_name (demo, "Dr", sex);
      g_autofree char *code = g_strdup_printf ("G9%06u", pick (demo, 1000000));
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
add_gp_practice (Demo        *demo,
                 const char  *word,
                 guint        index,
                 GError     **error)
{
  guint t = pick_weighted (demo, harley_demo_n_towns, town_weight);
  const HarleyDemoTown *town = &harley_demo_towns[t];
  const HarleyDemoArea *area = &town->areas[pick (demo, town->n_areas)];
  g_autofree char *name = g_strdup_printf ("%s %s", word, PICK_TABLE (demo, practice_kinds));
  g_autofree char *street = make_street (demo, town, 150);
  g_autofree char *address = area->locality ? g_strdup_printf ("%s\n%s", street, area->locality)
                                            : g_strdup (street);
  g_autofree char *postcode = make_postcode (demo, area->outward);
  g_autofree char *phone = make_phone (demo, town->phone);
  g_autofree char *code = g_strdup_printf ("Z%05u", 10001 + index * 37);
  g_autofree char *slug = ascii_word (word, FALSE);
  g_autofree char *email = g_strdup_printf ("reception.%s@example.org", slug);
  ContactRow row = { HARLEY_CONTACT_GP_PRACTICE, name, 0, code, address, town->town, postcode,
                     phone, email, NULL };
  Practice practice = { 0, t, demo->gps->len, 2 + pick (demo, 3) };

  if ((practice.id = insert_contact (demo, &row, error)) == 0)
    return FALSE;
  g_array_append_val (demo->practices, practice);
  return add_gps (demo, &practice, &row, error);
}

static gboolean
add_gp_practices (Demo    *demo,
                  GError **error)
{
  g_autofree const char **words = NULL;

  /* Shuffled, so that each practice has its own name. */
  words = g_memdup2 (harley_demo_practice_words, harley_demo_n_practice_words * sizeof *words);
  for (guint i = harley_demo_n_practice_words - 1; i > 0; i--)
    {
      guint j = pick (demo, i + 1);
      const char *swap = words[i];

      words[i] = words[j];
      words[j] = swap;
    }
  for (guint i = 0; i < N_GP_PRACTICES; i++)
    if (!add_gp_practice (demo, words[i], i, error))
      return FALSE;
  return TRUE;
}

static gboolean
add_hospitals_and_laboratories (Demo    *demo,
                                GError **error)
{
  for (guint i = 0; i < HARLEY_DEMO_N_HOSPITALS; i++)
    {
      const HarleyDemoHospital *h = &harley_demo_hospitals[i];
      g_autofree char *phone = make_phone (demo, h->phone);
      ContactRow row = { HARLEY_CONTACT_HOSPITAL, h->name, 0, NULL, h->address, h->town, h->postcode,
                         phone, NULL, NULL };

      if ((demo->hospital_ids[i] = insert_contact (demo, &row, error)) == 0)
        return FALSE;
      demo->hospital_serials[i] = 100000 + pick (demo, 50000);
    }
  for (guint i = 0; i < harley_demo_n_laboratories; i++)
    {
      const HarleyDemoLaboratory *lab = &harley_demo_laboratories[i];
      g_autofree char *phone = NULL;
      ContactRow row = { HARLEY_CONTACT_LABORATORY, lab->name, 0, lab->code, lab->address, lab->town,
                         lab->postcode, NULL, lab->email, NULL };

      harley_validate_phone (lab->phone, &phone, NULL);
      row.phone = phone;
      if (insert_contact (demo, &row, error) == 0)
        return FALSE;
    }
  return TRUE;
}

static const char *
surgeon_title (Demo *demo,
               Sex   sex)
{
  if (sex == SEX_MALE)
    return "Mr";
  return chance (demo, 0.7) ? "Ms" : "Miss";
}

static gboolean
add_referrers (Demo    *demo,
               GError **error)
{
  for (guint i = 0; i < harley_demo_n_referrer_kinds; i++)
    {
      const HarleyDemoReferrerKind *kind = &harley_demo_referrer_kinds[i];
      Sex sex = chance (demo, 0.5) ? SEX_FEMALE : SEX_MALE;
      const char *title = kind->title ? kind->title : surgeon_title (demo, sex);
      g_autofree char *name = make_person_name (demo, title, sex);
      const HarleyDemoHospital *h = &harley_demo_hospitals[pick (demo, HARLEY_DEMO_N_HOSPITALS)];
      guint t = pick_weighted (demo, harley_demo_n_towns, town_weight);
      const HarleyDemoTown *town = &harley_demo_towns[t];
      g_autofree char *street = make_street (demo, town, 90);
      g_autofree char *postcode = make_postcode (demo, town->areas[0].outward);
      g_autofree char *phone = make_phone (demo, kind->at_hospital ? h->phone : town->phone);
      ContactRow row = { HARLEY_CONTACT_REFERRER, name, 0, NULL, street, town->town, postcode,
                         phone, NULL, kind->role };
      gint64 id;

      if (kind->at_hospital)
        {
          /* Consultants are written to at their hospital. */
          row.organisation_id = demo->hospital_ids[h - harley_demo_hospitals];
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
add_insurers (Demo    *demo,
              GError **error)
{
  for (guint i = 0; i < HARLEY_DEMO_N_INSURERS; i++)
    {
      const HarleyDemoInsurer *insurer = &harley_demo_insurers[i];
      g_autofree char *phone = make_phone (demo, HARLEY_DEMO_PHONE_NO_AREA);
      g_autofree char *slug = ascii_word (insurer->name, FALSE);
      g_autofree char *email = g_strdup_printf ("claims@%s.example", slug);
      ContactRow row = { HARLEY_CONTACT_INSURER, insurer->name, 0, insurer->code, insurer->address,
                         insurer->town, insurer->postcode, phone, email, NULL };

      if ((demo->insurer_ids[i] = insert_contact (demo, &row, error)) == 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_patients (Demo     *demo,
              guint     n_patients,
              GError  **error)
{
  for (guint i = 0; i < n_patients; i++)
    {
      g_autoptr(HarleyPatient) patient = make_patient (demo);

      if (!_harley_register_save_in_transaction (demo->store, patient,
                                                 HARLEY_REGISTER_SAVE_ALLOW_SAME_NAME_DOB, error))
        return FALSE;
    }
  return TRUE;
}

/* The practice {{{1 */

static gboolean
write_practice (HarleyStore  *store,
                GError      **error)
{
  for (guint i = 0; i < harley_demo_n_practice_details; i++)
    {
      sqlite3_stmt *stmt = harley_store_prepare (store,
        "INSERT INTO practice_detail (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, harley_demo_practice_details[i][0], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, harley_demo_practice_details[i][1], -1, SQLITE_STATIC);
      if (!harley_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * harley_demo_fill_practice:
 * @store: a #HarleyStore
 * @error: where to put a failure
 *
 * Gives the practice a demo consultant's name, address, phone, email,
 * qualifications and GMC number (the keys of
 * harley_store_set_practice_detail()), all in one transaction.
 *
 * Returns: %TRUE when they were saved
 */
gboolean
harley_demo_fill_practice (HarleyStore  *store,
                           GError      **error)
{
  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);

  if (!harley_store_begin (store, error))
    return FALSE;
  if (write_practice (store, error) && harley_store_commit (store, error))
    return TRUE;
  harley_store_rollback (store);
  return FALSE;
}

static gboolean
check_register_empty (HarleyStore  *store,
                      GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM patient)", error);
  int rc;
  gboolean empty;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  empty = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      harley_store_set_error (store, error);
      return FALSE;
    }
  if (!empty)
    g_set_error_literal (error, HARLEY_DEMO_ERROR, HARLEY_DEMO_ERROR_NOT_EMPTY,
                         _("This practice database already has patients. Demo patients are "
                           "only added to a new, empty database, so that they are never mixed "
                           "with real ones."));
  return empty;
}

static gboolean
fill_in_transaction (Demo     *demo,
                     guint     n_patients,
                     GError  **error)
{
  g_autofree char *name = NULL;

  if (!check_register_empty (demo->store, error))
    return FALSE;
  name = harley_store_get_practice_detail (demo->store, "name");
  return (name != NULL || write_practice (demo->store, error))
         && add_hospitals_and_laboratories (demo, error)
         && add_insurers (demo, error)
         && add_referrers (demo, error)
         && add_gp_practices (demo, error)
         && add_patients (demo, n_patients, error);
}

/**
 * harley_demo_fill:
 * @store: a #HarleyStore whose register is empty
 * @n_patients: how many patients to make, up to %HARLEY_DEMO_MAX_PATIENTS
 * @seed: the same seed always makes the same people
 * @error: where to put a failure
 *
 * Fills a new practice database with demo data: the practice's details
 * (unless it has a name already), GP practices and their GPs, referrers,
 * hospitals, laboratories, insurers and @n_patients patients. All in one
 * transaction: on failure nothing is left. A database that already has
 * patients is refused (%HARLEY_DEMO_ERROR_NOT_EMPTY): demo patients must
 * never mix with real ones.
 *
 * Returns: %TRUE when everything was saved
 */
gboolean
harley_demo_fill (HarleyStore  *store,
                  guint         n_patients,
                  guint32       seed,
                  GError      **error)
{
  g_autoptr(Demo) demo = NULL;

  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_patients > HARLEY_DEMO_MAX_PATIENTS)
    {
      g_set_error (error, HARLEY_DEMO_ERROR, HARLEY_DEMO_ERROR_TOO_MANY,
                   _("Harley can make at most %u demo patients."), HARLEY_DEMO_MAX_PATIENTS);
      return FALSE;
    }
  if (!harley_store_begin (store, error))
    return FALSE;
  demo = demo_new (store, seed);
  if (fill_in_transaction (demo, n_patients, error) && harley_store_commit (store, error))
    return TRUE;
  harley_store_rollback (store);
  return FALSE;
}
