/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-demo"

/* Demo data: a believable practice to try Harley on, to train with and to
 * measure it against. Everything comes from one GRand seeded by the
 * caller, never from the clock, so a seed always gives the same people.
 * Nothing here is real: NHS numbers are from the 999 test range, phone
 * numbers from Ofcom's drama ranges, email addresses at example.com, and
 * names are drawn at random from the lists in harley-demo-data.c.
 * This file makes the patients; harley-demo-contacts.c the address book
 * they point at; harley-demo-diary.c their appointments, laid out around
 * "now", which is the caller's to give.
 *
 * All of it is written in one transaction: a failure leaves nothing. */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harley-demo.h"
#include "harley-demo-private.h"
#include "harley-register-private.h"
#include "harley-user-private.h"
#include "harley-validate.h"

/* Ages are worked out from a fixed day, not today, so that a seed gives
 * the same dates of birth whenever it is run. */
#define REFERENCE_YEAR   2025
#define NHS_BLOCK        1000000u     /* 999 000 000(x) to 999 999 999(x) */
#define NHS_STRIDE       7919u        /* prime to NHS_BLOCK: visits each once */

G_DEFINE_QUARK (harley-demo-error-quark, harley_demo_error)

/* The generator {{{1 */

/* Random numbers are drawn one a statement throughout, never two in one
 * call's arguments or one initialiser list, whose order C leaves to the
 * compiler: the same seed must make the same people whatever built it. */

static void
demo_free (HarleyDemo *demo)
{
  g_rand_free (demo->rand);
  g_free (demo->now);
  g_array_unref (demo->practices);
  g_array_unref (demo->gps);
  g_array_unref (demo->referrers);
  g_free (demo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarleyDemo, demo_free)

static HarleyDemo *
demo_new (HarleyStore *store,
          guint32      seed)
{
  HarleyDemo *demo = g_new0 (HarleyDemo, 1);

  demo->store = store;
  demo->rand = g_rand_new_with_seed (seed);
  demo->now = harley_store_now ();
  demo->practices = g_array_new (FALSE, FALSE, sizeof (HarleyDemoPractice));
  demo->gps = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo->referrers = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo->nhs_start = (guint) g_rand_int_range (demo->rand, 0, NHS_BLOCK);
  return demo;
}

guint
_harley_demo_pick (HarleyDemo *demo,
                   guint       n)
{
  return (guint) g_rand_int_range (demo->rand, 0, (gint32) n);
}

gboolean
_harley_demo_chance (HarleyDemo *demo,
                     double      p)
{
  return g_rand_double (demo->rand) < p;
}

const char *
_harley_demo_pick_from (HarleyDemo         *demo,
                        const char * const *list,
                        guint               n)
{
  return list[_harley_demo_pick (demo, n)];
}

#define PICK(demo, list) _harley_demo_pick_from ((demo), (list), G_N_ELEMENTS (list))

/* The same for a table of harley-demo-data.c, whose length is a variable. */
#define PICK_TABLE(demo, table) \
  _harley_demo_pick_from ((demo), harley_demo_##table, harley_demo_n_##table)

/* Picks an index by weight: @weight_of reads the weight of entry i. */
guint
_harley_demo_pick_weighted (HarleyDemo  *demo,
                            guint        n,
                            guint      (*weight_of) (guint))
{
  guint total = 0, r, i;

  for (i = 0; i < n; i++)
    total += weight_of (i);
  r = _harley_demo_pick (demo, total);
  for (i = 0; i + 1 < n && r >= weight_of (i); i++)
    r -= weight_of (i);
  return i;
}

static guint town_weight (guint i) { return harley_demo_towns[i].weight; }
static guint group_weight (guint i) { return harley_demo_groups[i].weight; }
static guint age_weight (guint i) { return harley_demo_age_bands[i].weight; }
static guint insurer_weight (guint i) { return harley_demo_insurers[i].weight; }

guint
_harley_demo_pick_town (HarleyDemo *demo)
{
  return _harley_demo_pick_weighted (demo, harley_demo_n_towns, town_weight);
}

const HarleyDemoNameGroup *
_harley_demo_pick_group (HarleyDemo *demo)
{
  return &harley_demo_groups[_harley_demo_pick_weighted (demo, harley_demo_n_groups, group_weight)];
}

/* Fills a pattern: # becomes a digit, @ a capital letter. */
static char *
fill_pattern (HarleyDemo *demo,
              const char *pattern)
{
  static const char letters[] = "ABCDEFGHJKLMNPRSTUVWXYZ";
  char *out = g_strdup (pattern);

  for (char *p = out; *p != '\0'; p++)
    {
      if (*p == '#')
        *p = (char) ('0' + _harley_demo_pick (demo, 10));
      else if (*p == '@')
        *p = letters[_harley_demo_pick (demo, sizeof letters - 1)];
    }
  return out;
}

/* A number from one of Ofcom's drama ranges, stored the way the editor
 * stores what a person types. */
char *
_harley_demo_make_phone (HarleyDemo *demo,
                         const char *range)
{
  g_autofree char *digits = g_strdup_printf ("%s%03u", range, _harley_demo_pick (demo, 1000));
  char *normalised = NULL;

  if (!harley_validate_phone (digits, &normalised, NULL))
    return g_steal_pointer (&digits);
  return normalised;
}

char *
_harley_demo_make_postcode (HarleyDemo *demo,
                            const char *outward)
{
  /* Royal Mail never uses C, I, K, M, O or V in the inward code. */
  static const char letters[] = "ABDEFGHJLNPQRSTUWXYZ";
  guint sector = 1 + _harley_demo_pick (demo, 9);
  char unit[3] = { 0 };

  unit[0] = letters[_harley_demo_pick (demo, sizeof letters - 1)];
  unit[1] = letters[_harley_demo_pick (demo, sizeof letters - 1)];
  return g_strdup_printf ("%s %u%s", outward, sector, unit);
}

static const char *
pick_street (HarleyDemo           *demo,
             const HarleyDemoTown *town)
{
  if (_harley_demo_chance (demo, 0.25))
    return PICK (demo, harley_demo_local_streets[town->nation]);
  return PICK_TABLE (demo, streets);
}

/* "12 Station Road" */
char *
_harley_demo_make_street (HarleyDemo           *demo,
                          const HarleyDemoTown *town,
                          guint                 highest)
{
  guint number = 1 + _harley_demo_pick (demo, highest);

  return g_strdup_printf ("%u %s", number, pick_street (demo, town));
}

static const char * const sex_names[] = { "female", "male", "other", "unknown" };

char *
_harley_demo_make_given_name (HarleyDemo                *demo,
                              const HarleyDemoNameGroup *group,
                              HarleyDemoSex              sex)
{
  gboolean female = sex == HARLEY_DEMO_SEX_FEMALE
                    || (sex > HARLEY_DEMO_SEX_MALE && _harley_demo_chance (demo, 0.5));
  const char * const *list = female ? group->female : group->male;
  guint n = female ? group->n_female : group->n_male;
  const char *first = _harley_demo_pick_from (demo, list, n);

  /* Some people give two names: "Sarah Jane". */
  if (_harley_demo_chance (demo, 0.08))
    {
      const char *second = _harley_demo_pick_from (demo, list, n);

      if (g_strcmp0 (first, second) != 0)
        return g_strdup_printf ("%s %s", first, second);
    }
  return g_strdup (first);
}

char *
_harley_demo_make_family_name (HarleyDemo                *demo,
                               const HarleyDemoNameGroup *group,
                               HarleyDemoSex              sex)
{
  const char *name = _harley_demo_pick_from (demo, group->family, group->n_family);
  gsize len = strlen (name);

  if (_harley_demo_chance (demo, 0.04))
    {
      const HarleyDemoNameGroup *other = _harley_demo_pick_group (demo);
      const char *second = _harley_demo_pick_from (demo, other->family, other->n_family);

      if (g_strcmp0 (name, second) != 0 && strchr (name, ' ') == NULL && strchr (second, ' ') == NULL)
        return g_strdup_printf ("%s-%s", name, second);
    }
  if ((group->flags & HARLEY_DEMO_FEMININE_KI) && sex == HARLEY_DEMO_SEX_FEMALE
      && g_str_has_suffix (name, "ki"))
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
make_known_as (HarleyDemo                *demo,
               const HarleyDemoNameGroup *group,
               const char                *given,
               HarleyDemoSex              sex)
{
  if ((group->flags & HARLEY_DEMO_ENGLISH_KNOWN_AS) && _harley_demo_chance (demo, 0.35))
    return sex == HARLEY_DEMO_SEX_FEMALE ? PICK_TABLE (demo, english_as_female)
                                         : PICK_TABLE (demo, english_as_male);
  for (guint i = 0; i < harley_demo_n_known_as; i++)
    if (first_name_is (given, harley_demo_known_as[i][0]))
      return _harley_demo_chance (demo, 0.45) ? harley_demo_known_as[i][1] : NULL;
  return NULL;
}

/* Patients {{{1 */

typedef struct
{
  const HarleyDemoNameGroup *group;
  HarleyDemoSex              sex;
  guint                      age;
  guint                      birth_year;
  const HarleyDemoTown      *town;
  guint                      town_index;
  const char                *given;
  const char                *family;
} Person;

static const char *
adult_title (HarleyDemo *demo,
             Person     *person)
{
  if (person->age >= 27 && _harley_demo_chance (demo, 0.03))
    return "Dr";
  if (person->age >= 45 && _harley_demo_chance (demo, 0.004))
    return "Prof";
  if (person->age >= 30 && _harley_demo_chance (demo, 0.003))
    return "Rev";
  switch (person->sex)
    {
    case HARLEY_DEMO_SEX_MALE:
      return "Mr";
    case HARLEY_DEMO_SEX_FEMALE:
      if (person->age < 25)
        return _harley_demo_chance (demo, 0.6) ? "Miss" : "Ms";
      return _harley_demo_chance (demo, 0.5) ? "Mrs"
                                             : (_harley_demo_chance (demo, 0.6) ? "Ms" : "Miss");
    case HARLEY_DEMO_SEX_OTHER:
      return "Mx";
    case HARLEY_DEMO_SEX_UNKNOWN:
    default:
      return NULL;
    }
}

static const char *
make_title (HarleyDemo *demo,
            Person     *person)
{
  if (person->age >= 16)
    return adult_title (demo, person);
  if (!_harley_demo_chance (demo, 0.5))
    return NULL;
  if (person->sex == HARLEY_DEMO_SEX_MALE)
    return "Master";
  if (person->sex == HARLEY_DEMO_SEX_FEMALE)
    return "Miss";
  return NULL;
}

static char *
make_birth_date (HarleyDemo *demo,
                 Person     *person)
{
  guint b = _harley_demo_pick_weighted (demo, harley_demo_n_age_bands, age_weight);
  const HarleyDemoAgeBand *band = &harley_demo_age_bands[b];
  GDate date;

  person->age = band->from + _harley_demo_pick (demo, band->to - band->from + 1);
  /* A birthday somewhere in the year before the reference day, at that age. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, REFERENCE_YEAR - person->age);
  g_date_subtract_days (&date, 1 + _harley_demo_pick (demo, 365));
  person->birth_year = g_date_get_year (&date);
  return g_strdup_printf ("%04u-%02u-%02u", person->birth_year,
                          (guint) g_date_get_month (&date), (guint) g_date_get_day (&date));
}

static HarleyDemoSex
pick_sex (HarleyDemo *demo)
{
  guint r = _harley_demo_pick (demo, 1000);

  if (r < 530)
    return HARLEY_DEMO_SEX_FEMALE;
  if (r < 990)
    return HARLEY_DEMO_SEX_MALE;
  return r < 995 ? HARLEY_DEMO_SEX_OTHER : HARLEY_DEMO_SEX_UNKNOWN;
}

static void
set_names (HarleyDemo    *demo,
           HarleyPatient *patient,
           Person        *person)
{
  g_autofree char *given = NULL;
  g_autofree char *family = NULL;
  g_autofree char *birth = NULL;

  person->group = _harley_demo_pick_group (demo);
  person->sex = pick_sex (demo);
  given = _harley_demo_make_given_name (demo, person->group, person->sex);
  family = _harley_demo_make_family_name (demo, person->group, person->sex);
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
next_nhs_number (HarleyDemo *demo,
                 char        out[11])
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
set_address (HarleyDemo    *demo,
             HarleyPatient *patient,
             Person        *person)
{
  const HarleyDemoArea *area;
  char *lines[3] = { NULL, NULL, NULL };
  guint n = 0;
  g_autofree char *postcode = NULL;

  person->town_index = _harley_demo_pick_town (demo);
  person->town = &harley_demo_towns[person->town_index];
  area = &person->town->areas[_harley_demo_pick (demo, person->town->n_areas)];

  if (_harley_demo_chance (demo, 0.15))
    {
      guint flat = 1 + _harley_demo_pick (demo, 40);

      lines[n++] = g_strdup_printf ("Flat %u, %s", flat, PICK_TABLE (demo, buildings));
      lines[n++] = _harley_demo_make_street (demo, person->town, 120);
    }
  else if (_harley_demo_chance (demo, 0.05))
    {
      lines[n++] = g_strdup (PICK_TABLE (demo, house_names));
      lines[n++] = g_strdup (pick_street (demo, person->town));
    }
  else
    lines[n++] = _harley_demo_make_street (demo, person->town, 220);
  if (area->locality != NULL && _harley_demo_chance (demo, 0.6))
    lines[n++] = g_strdup (area->locality);

  for (guint i = 0; i < 3; i++)
    {
      harley_patient_set_text (patient, HARLEY_PATIENT_ADDRESS_LINE1 + i, lines[i]);
      g_free (lines[i]);
    }
  postcode = _harley_demo_make_postcode (demo, area->outward);
  harley_patient_set_text (patient, HARLEY_PATIENT_POST_TOWN, person->town->town);
  harley_patient_set_text (patient, HARLEY_PATIENT_POSTCODE, postcode);
}

/* "Łukasz" → "lukasz", "O'Brien" → "obrien"; the first word only when
 * @first_word, for email addresses. */
char *
_harley_demo_ascii_word (const char *text,
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
make_email (HarleyDemo *demo,
            Person     *person)
{
  static const char * const domains[] = { "example.com", "example.org", "example.net" };
  g_autofree char *given = _harley_demo_ascii_word (person->given, TRUE);
  g_autofree char *family = _harley_demo_ascii_word (person->family, FALSE);
  const char *domain = PICK (demo, domains);

  switch (_harley_demo_pick (demo, 4))
    {
    case 0:
      return g_strdup_printf ("%s.%s@%s", given, family, domain);
    case 1:
      return g_strdup_printf ("%c%s@%s", given[0], family, domain);
    case 2:
      return g_strdup_printf ("%s.%s%02u@%s", given, family, person->birth_year % 100, domain);
    default:
      return g_strdup_printf ("%s%s%u@%s", family, given, 1 + _harley_demo_pick (demo, 99), domain);
    }
}

static void
set_contact_details (HarleyDemo    *demo,
                     HarleyPatient *patient,
                     Person        *person)
{
  gboolean child = person->age < 16;
  g_autofree char *mobile = NULL;
  g_autofree char *home = NULL;
  g_autofree char *work = NULL;
  g_autofree char *email = NULL;

  if (_harley_demo_chance (demo, child ? 0.3 : 0.88))
    mobile = _harley_demo_make_phone (demo, HARLEY_DEMO_PHONE_MOBILE);
  if (mobile == NULL || _harley_demo_chance (demo, 0.4))
    home = _harley_demo_make_phone (demo, person->town->phone);
  if (!child && person->age < 67 && _harley_demo_chance (demo, 0.1))
    work = _harley_demo_make_phone (demo,
                                    harley_demo_towns[_harley_demo_pick (demo, harley_demo_n_towns)].phone);
  if (_harley_demo_chance (demo, child ? 0.15 : 0.66))
    email = make_email (demo, person);

  harley_patient_set_text (patient, HARLEY_PATIENT_PHONE_MOBILE, mobile);
  harley_patient_set_text (patient, HARLEY_PATIENT_PHONE_HOME, home);
  harley_patient_set_text (patient, HARLEY_PATIENT_PHONE_WORK, work);
  harley_patient_set_text (patient, HARLEY_PATIENT_EMAIL, email);

  harley_patient_set_flag (patient, HARLEY_PATIENT_CONSENT_POST, _harley_demo_chance (demo, 0.97));
  harley_patient_set_flag (patient, HARLEY_PATIENT_CONSENT_PHONE, _harley_demo_chance (demo, 0.92));
  harley_patient_set_flag (patient, HARLEY_PATIENT_CONSENT_EMAIL,
                           email != NULL && _harley_demo_chance (demo, 0.75));
  harley_patient_set_flag (patient, HARLEY_PATIENT_CONSENT_SMS,
                           mobile != NULL && _harley_demo_chance (demo, 0.65));
  harley_patient_set_flag (patient, HARLEY_PATIENT_CONSENT_LEAVE_MESSAGE,
                           _harley_demo_chance (demo, 0.55));
}

static const char *
kin_relationship (HarleyDemo    *demo,
                  Person        *person,
                  HarleyDemoSex *kin_sex)
{
  static const char * const adult[] = { "Wife", "Husband", "Partner", "Daughter", "Son", "Sister",
                                        "Brother", "Friend", "Mother", "Father" };
  static const HarleyDemoSex adult_sex[] = {
    HARLEY_DEMO_SEX_FEMALE, HARLEY_DEMO_SEX_MALE, HARLEY_DEMO_SEX_UNKNOWN, HARLEY_DEMO_SEX_FEMALE,
    HARLEY_DEMO_SEX_MALE, HARLEY_DEMO_SEX_FEMALE, HARLEY_DEMO_SEX_MALE, HARLEY_DEMO_SEX_UNKNOWN,
    HARLEY_DEMO_SEX_FEMALE, HARLEY_DEMO_SEX_MALE,
  };
  /* The old are looked after by their children, the young by parents. */
  guint first = person->age >= 70 ? 3 : 0;
  guint last = person->age < 30 ? G_N_ELEMENTS (adult) : 8;
  guint i;

  if (person->age < 16)
    {
      gboolean mother = _harley_demo_chance (demo, 0.7);

      *kin_sex = mother ? HARLEY_DEMO_SEX_FEMALE : HARLEY_DEMO_SEX_MALE;
      return mother ? "Mother" : "Father";
    }
  i = first + _harley_demo_pick (demo, last - first);
  *kin_sex = adult_sex[i];
  return adult[i];
}

static void
set_next_of_kin (HarleyDemo    *demo,
                 HarleyPatient *patient,
                 Person        *person)
{
  HarleyDemoSex kin_sex = HARLEY_DEMO_SEX_UNKNOWN;
  const char *relationship;
  g_autofree char *given = NULL;
  g_autofree char *family = NULL;
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;

  if (!_harley_demo_chance (demo, person->age < 16 ? 0.9 : 0.45))
    return;
  relationship = kin_relationship (demo, person, &kin_sex);
  given = _harley_demo_make_given_name (demo, person->group, kin_sex);
  family = _harley_demo_chance (demo, 0.7)
           ? g_strdup (person->family)
           : _harley_demo_make_family_name (demo, person->group, kin_sex);
  name = g_strdup_printf ("%s %s", given, family);
  phone = _harley_demo_make_phone (demo, _harley_demo_chance (demo, 0.8) ? HARLEY_DEMO_PHONE_MOBILE
                                                                         : person->town->phone);

  harley_patient_set_text (patient, HARLEY_PATIENT_NEXT_OF_KIN_NAME, name);
  harley_patient_set_text (patient, HARLEY_PATIENT_NEXT_OF_KIN_RELATIONSHIP, relationship);
  harley_patient_set_text (patient, HARLEY_PATIENT_NEXT_OF_KIN_PHONE, phone);
}

static void
set_alerts_and_notes (HarleyDemo    *demo,
                      HarleyPatient *patient,
                      Person        *person)
{
  g_autofree char *interpreter = NULL;

  if (_harley_demo_chance (demo, 0.03))
    {
      if (person->group->language != NULL && _harley_demo_chance (demo, 0.4))
        interpreter = g_strdup_printf ("Needs an interpreter (%s)", person->group->language);
      harley_patient_set_text (patient, HARLEY_PATIENT_ALERTS,
                               interpreter != NULL ? interpreter : PICK_TABLE (demo, alerts));
    }
  if (_harley_demo_chance (demo, 0.05))
    harley_patient_set_text (patient, HARLEY_PATIENT_NOTES, PICK_TABLE (demo, notes));
}

/* The GP of a practice in the patient's town if there is one. */
static gint64
pick_gp (HarleyDemo *demo,
         Person     *person)
{
  guint n = demo->practices->len;
  guint start = _harley_demo_pick (demo, n);
  const HarleyDemoPractice *practice = &g_array_index (demo->practices, HarleyDemoPractice, start);

  for (guint i = 0; i < n; i++)
    {
      const HarleyDemoPractice *candidate = &g_array_index (demo->practices, HarleyDemoPractice,
                                                            (start + i) % n);

      if (candidate->town == person->town_index)
        {
          practice = candidate;
          break;
        }
    }
  return g_array_index (demo->gps, gint64,
                        practice->first_gp + _harley_demo_pick (demo, practice->n_gps));
}

static void
set_links (HarleyDemo    *demo,
           HarleyPatient *patient,
           Person        *person)
{
  harley_patient_set_link (patient, HARLEY_PATIENT_GP, pick_gp (demo, person));
  if (_harley_demo_chance (demo, 0.35))
    harley_patient_set_link (patient, HARLEY_PATIENT_REFERRER,
                             g_array_index (demo->referrers, gint64,
                                            _harley_demo_pick (demo, demo->referrers->len)));

  if (_harley_demo_chance (demo, 0.7))
    {
      guint i = _harley_demo_pick_weighted (demo, HARLEY_DEMO_N_INSURERS, insurer_weight);
      const HarleyDemoInsurer *insurer = &harley_demo_insurers[i];
      g_autofree char *membership = fill_pattern (demo, insurer->membership);
      g_autofree char *authorisation = _harley_demo_chance (demo, 0.45)
                                       ? fill_pattern (demo, insurer->authorisation)
                                       : NULL;

      harley_patient_set_link (patient, HARLEY_PATIENT_INSURER, demo->insurer_ids[i]);
      harley_patient_set_text (patient, HARLEY_PATIENT_INSURANCE_MEMBERSHIP, membership);
      harley_patient_set_text (patient, HARLEY_PATIENT_INSURANCE_AUTHORISATION, authorisation);
    }
  else
    harley_patient_set_flag (patient, HARLEY_PATIENT_SELF_PAY, TRUE);
}

static void
add_hospital_number (HarleyDemo    *demo,
                     HarleyPatient *patient,
                     guint          h)
{
  const HarleyDemoHospital *hospital = &harley_demo_hospitals[h];
  g_autofree char *number = NULL;

  /* Numbers rise with gaps, as hospitals issue them: never twice. */
  demo->hospital_serials[h] += 1 + _harley_demo_pick (demo, 7);
  number = g_strdup_printf ("%s%0*u", hospital->prefix, hospital->digits, demo->hospital_serials[h]);
  harley_patient_add_hospital_number (patient, demo->hospital_ids[h], hospital->name, number);
}

static void
set_hospital_numbers (HarleyDemo    *demo,
                      HarleyPatient *patient)
{
  const guint n = HARLEY_DEMO_N_HOSPITALS;
  guint first;

  if (!_harley_demo_chance (demo, 0.4))
    return;
  first = _harley_demo_pick (demo, n);
  add_hospital_number (demo, patient, first);
  if (_harley_demo_chance (demo, 0.08))
    add_hospital_number (demo, patient, (first + 1 + _harley_demo_pick (demo, n - 1)) % n);
}

static HarleyPatient *
make_patient (HarleyDemo *demo)
{
  HarleyPatient *patient = harley_patient_new ();
  Person person = { 0 };
  char nhs[11];

  set_names (demo, patient, &person);
  /* Overseas patients may have none. */
  if (_harley_demo_chance (demo, 0.96) && next_nhs_number (demo, nhs))
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

static gboolean
add_patients (HarleyDemo  *demo,
              guint        n_patients,
              GError     **error)
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

/* The users {{{1 */

/* The practice's secretary, who also looks after the computer, a second
 * secretary, and the consultant, each with HARLEY_DEMO_PASSPHRASE. */
static gboolean
add_users (HarleyDemo  *demo,
           GError     **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (demo->store, "SELECT id, name FROM clinician "
                                             "WHERE role = 'consultant' ORDER BY position, id LIMIT 1", error);
  g_autofree char *consultant = NULL;
  gint64 consultant_id = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      consultant_id = sqlite3_column_int64 (stmt, 0);
      consultant = harley_column_dup (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      harley_store_set_error (demo->store, error);
      return FALSE;
    }
  return _harley_user_insert (demo->store, "Sarah Mitchell", HARLEY_ROLE_ADMINISTRATOR,
                              HARLEY_DEMO_PASSPHRASE, 0, error) != 0
         && _harley_user_insert (demo->store, "Emma Clarke", HARLEY_ROLE_SECRETARY,
                                 HARLEY_DEMO_PASSPHRASE, 0, error) != 0
         && (consultant == NULL
             || _harley_user_insert (demo->store, consultant, HARLEY_ROLE_CLINICIAN,
                                     HARLEY_DEMO_PASSPHRASE, consultant_id, error) != 0);
}

static gboolean
has_users (HarleyDemo *demo)
{
  return harley_user_count (demo->store, NULL) != 0;
}

static gboolean
fill_in_transaction (HarleyDemo  *demo,
                     guint        n_patients,
                     guint        n_appointments,
                     GDateTime   *now,
                     GError     **error)
{
  g_autofree char *name = NULL;

  if (!check_register_empty (demo->store, error))
    return FALSE;
  name = harley_store_get_practice_detail (demo->store, "name");
  return (name != NULL || write_practice (demo->store, error))
         && _harley_demo_add_address_book (demo, error)
         && add_patients (demo, n_patients, error)
         && (n_appointments == 0 || (_harley_demo_add_diary (demo, n_appointments, now, error)
                                     && _harley_demo_add_letters (demo, _harley_demo_n_letters (n_patients),
                                                                  error)
                                     && _harley_demo_add_samples (demo, _harley_demo_n_samples (n_patients),
                                                                  now, error)))
         && (has_users (demo) || add_users (demo, error));
}

/**
 * harley_demo_fill:
 * @store: a #HarleyStore whose register is empty
 * @n_patients: how many patients to make, up to %HARLEY_DEMO_MAX_PATIENTS
 * @seed: the same seed always makes the same people
 * @error: where to put a failure
 *
 * harley_demo_fill_full() with %HARLEY_DEMO_DEFAULT_APPOINTMENTS laid out
 * around the time now.
 *
 * Returns: %TRUE when everything was saved
 */
gboolean
harley_demo_fill (HarleyStore  *store,
                  guint         n_patients,
                  guint32       seed,
                  GError      **error)
{
  return harley_demo_fill_full (store, n_patients, HARLEY_DEMO_DEFAULT_APPOINTMENTS, seed, NULL, error);
}

/**
 * harley_demo_fill_full:
 * @store: a #HarleyStore whose register is empty
 * @n_patients: how many patients to make, up to %HARLEY_DEMO_MAX_PATIENTS
 * @n_appointments: how many diary appointments, up to
 *   %HARLEY_DEMO_MAX_APPOINTMENTS; 0 for no diary at all
 * @seed: the same seed always makes the same people
 * @now: (nullable): the moment the diary is laid out around, or %NULL for
 *   the clock; the same seed and moment make the same diary
 * @error: where to put a failure
 *
 * Fills a new practice database with demo data: the practice's details
 * (unless it has a name already), GP practices and their GPs, referrers,
 * hospitals, laboratories, insurers, @n_patients patients and, unless
 * @n_appointments is 0, the diary: a nurse beside the consultant, their
 * clinics from a year back to a year ahead, holidays, theatre and admin
 * time, and @n_appointments appointments from six months ahead back in
 * time (see harley-demo-diary.c). All in one transaction: on failure
 * nothing is left. A database that already has patients is refused
 * (%HARLEY_DEMO_ERROR_NOT_EMPTY): demo patients must never mix with real
 * ones.
 *
 * Returns: %TRUE when everything was saved
 */
gboolean
harley_demo_fill_full (HarleyStore  *store,
                       guint         n_patients,
                       guint         n_appointments,
                       guint32       seed,
                       GDateTime    *now,
                       GError      **error)
{
  return harley_demo_fill_with_letters (store, n_patients, n_appointments, seed, now, NULL, NULL, error);
}

/**
 * harley_demo_fill_with_letters:
 * @draw_pdf: (nullable): draws a letter's PDF for its approval
 * @user_data: for @draw_pdf
 *
 * harley_demo_fill_full(), whose letters (see harley-demo-letters.c)
 * include approved, sent and filed ones, approved with the PDF @draw_pdf
 * draws. Without it, no letter gets past awaiting approval.
 *
 * Returns: %TRUE when everything was saved
 */
gboolean
harley_demo_fill_with_letters (HarleyStore       *store,
                               guint              n_patients,
                               guint              n_appointments,
                               guint32            seed,
                               GDateTime         *now,
                               HarleyDemoDrawPdf  draw_pdf,
                               gpointer           user_data,
                               GError           **error)
{
  g_autoptr(HarleyDemo) demo = NULL;

  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_patients > HARLEY_DEMO_MAX_PATIENTS)
    {
      g_set_error (error, HARLEY_DEMO_ERROR, HARLEY_DEMO_ERROR_TOO_MANY,
                   _("Harley can make at most %u demo patients."), HARLEY_DEMO_MAX_PATIENTS);
      return FALSE;
    }
  if (n_appointments > HARLEY_DEMO_MAX_APPOINTMENTS)
    {
      g_set_error (error, HARLEY_DEMO_ERROR, HARLEY_DEMO_ERROR_TOO_MANY,
                   _("Harley can make at most %u demo appointments."), HARLEY_DEMO_MAX_APPOINTMENTS);
      return FALSE;
    }
  if (!harley_store_begin (store, error))
    return FALSE;
  demo = demo_new (store, seed);
  demo->draw_pdf = draw_pdf;
  demo->draw_pdf_data = user_data;
  if (fill_in_transaction (demo, n_patients, n_appointments, now, error) && harley_store_commit (store, error))
    return TRUE;
  harley_store_rollback (store);
  return FALSE;
}
