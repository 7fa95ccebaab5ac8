/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The demo's tables, defined in harley-demo-data.c and read by the
 * generator in harley-demo.c. Each list comes with its length, as
 * G_N_ELEMENTS() cannot measure an array declared here without one. The
 * insurers and hospitals have a constant length instead, because the
 * generator keeps an array of their contact ids; harley-demo-data.c
 * asserts that their tables match it.
 *
 * Then the generator's state and the random helpers that harley-demo.c
 * (patients) shares with harley-demo-contacts.c (the address book) and
 * harley-demo-diary.c (the diary). */

#include <glib.h>

#include "harley-demo.h"
#include "harley-store.h"

G_BEGIN_DECLS

#define HARLEY_DEMO_PHONE_MOBILE   "07700900"
#define HARLEY_DEMO_PHONE_NO_AREA  "01632960"

#define HARLEY_DEMO_N_INSURERS     6
#define HARLEY_DEMO_N_HOSPITALS    3

typedef struct
{
  const char *outward;
  const char *locality;
} HarleyDemoArea;

typedef enum
{
  HARLEY_DEMO_ENGLAND,
  HARLEY_DEMO_WALES,
  HARLEY_DEMO_SCOTLAND,
  HARLEY_DEMO_NORTHERN_IRELAND,
} HarleyDemoNation;

typedef struct
{
  const char            *town;
  const char            *phone;      /* a drama range: eight digits, three more follow */
  guint                  weight;
  HarleyDemoNation       nation;
  const HarleyDemoArea  *areas;
  guint                  n_areas;
} HarleyDemoTown;

typedef enum
{
  HARLEY_DEMO_FEMININE_KI      = 1 << 0,   /* Kowalski, Kowalska */
  HARLEY_DEMO_ENGLISH_KNOWN_AS = 1 << 1,   /* Xiu Ying, known as Grace */
} HarleyDemoNameFlags;

typedef struct
{
  const char * const *female;
  guint               n_female;
  const char * const *male;
  guint               n_male;
  const char * const *family;
  guint               n_family;
  const char         *language;      /* for an interpreter alert */
  guint               weight;
  guint               flags;         /* HarleyDemoNameFlags */
} HarleyDemoNameGroup;

typedef struct
{
  guint from;
  guint to;
  guint weight;
} HarleyDemoAgeBand;

typedef struct
{
  const char *name;
  const char *membership;       /* # a digit, @ a capital letter */
  const char *authorisation;
  const char *address;
  const char *town;
  const char *postcode;
  const char *code;             /* the practice's provider number */
  guint       weight;
} HarleyDemoInsurer;

typedef struct
{
  const char *name;
  const char *address;
  const char *town;
  const char *postcode;
  const char *phone;      /* a drama range, as for towns */
  const char *prefix;     /* of its hospital numbers */
  int         digits;     /* after the prefix */
} HarleyDemoHospital;

typedef struct
{
  const char *name;
  const char *code;
  const char *address;
  const char *town;
  const char *postcode;
  const char *phone;      /* as typed: the generator normalises it */
  const char *email;
  const char *notes;
  int         turnaround_days;
  gboolean    turnaround_working;
  const char *sample_types;   /* the codes of the samples it takes, space separated */
  const char *reference;      /* its references: a prefix, then digits */
} HarleyDemoLaboratory;

typedef struct
{
  const char *title;      /* NULL for a surgeon: Mr, Ms or Miss */
  const char *role;
  gboolean    at_hospital;
} HarleyDemoReferrerKind;

/* Addresses */
extern const HarleyDemoTown harley_demo_towns[];
extern const gsize harley_demo_n_towns;
extern const char * const harley_demo_streets[];
extern const gsize harley_demo_n_streets;
extern const char * const harley_demo_local_streets[][4];     /* by HarleyDemoNation */
extern const char * const harley_demo_house_names[];
extern const gsize harley_demo_n_house_names;
extern const char * const harley_demo_buildings[];
extern const gsize harley_demo_n_buildings;

/* People */
extern const HarleyDemoNameGroup harley_demo_groups[];
extern const gsize harley_demo_n_groups;
extern const char * const harley_demo_known_as[][2];          /* { given, known as } */
extern const gsize harley_demo_n_known_as;
extern const char * const harley_demo_english_as_female[];
extern const gsize harley_demo_n_english_as_female;
extern const char * const harley_demo_english_as_male[];
extern const gsize harley_demo_n_english_as_male;
extern const HarleyDemoAgeBand harley_demo_age_bands[];
extern const gsize harley_demo_n_age_bands;
extern const char * const harley_demo_alerts[];
extern const gsize harley_demo_n_alerts;
extern const char * const harley_demo_notes[];
extern const gsize harley_demo_n_notes;

/* The address book and the practice */
extern const HarleyDemoInsurer harley_demo_insurers[];         /* HARLEY_DEMO_N_INSURERS */
extern const HarleyDemoHospital harley_demo_hospitals[];       /* HARLEY_DEMO_N_HOSPITALS */
extern const HarleyDemoLaboratory harley_demo_laboratories[];
extern const gsize harley_demo_n_laboratories;
extern const char * const harley_demo_practice_words[];
extern const gsize harley_demo_n_practice_words;
extern const char * const harley_demo_practice_kinds[];
extern const gsize harley_demo_n_practice_kinds;
extern const HarleyDemoReferrerKind harley_demo_referrer_kinds[];
extern const gsize harley_demo_n_referrer_kinds;
extern const char * const harley_demo_practice_details[][2];  /* { key, value } */
extern const gsize harley_demo_n_practice_details;

/* The generator */

typedef struct
{
  gint64 id;
  guint  town;
  guint  first_gp;     /* index into HarleyDemo.gps */
  guint  n_gps;
} HarleyDemoPractice;

typedef struct
{
  HarleyStore *store;
  GRand       *rand;
  char        *now;
  GArray      *practices;       /* HarleyDemoPractice */
  GArray      *gps;             /* gint64 */
  GArray      *referrers;       /* gint64 */
  gint64       hospital_ids[HARLEY_DEMO_N_HOSPITALS];
  guint        hospital_serials[HARLEY_DEMO_N_HOSPITALS];
  gint64       insurer_ids[HARLEY_DEMO_N_INSURERS];
  guint64      nhs_counter;
  guint        nhs_start;
  HarleyDemoDrawPdf draw_pdf;   /* NULL: no letter gets past awaiting approval */
  gpointer     draw_pdf_data;
} HarleyDemo;

typedef enum
{
  HARLEY_DEMO_SEX_FEMALE,
  HARLEY_DEMO_SEX_MALE,
  HARLEY_DEMO_SEX_OTHER,
  HARLEY_DEMO_SEX_UNKNOWN,
} HarleyDemoSex;

/* Each draws from demo->rand: a seed's data depends on their order. */
guint                      _harley_demo_pick             (HarleyDemo                *demo,
                                                          guint                      n);
gboolean                   _harley_demo_chance           (HarleyDemo                *demo,
                                                          double                     p);
const char                *_harley_demo_pick_from        (HarleyDemo                *demo,
                                                          const char * const        *list,
                                                          guint                      n);
guint                      _harley_demo_pick_weighted    (HarleyDemo                *demo,
                                                          guint                      n,
                                                          guint                    (*weight_of) (guint));
guint                      _harley_demo_pick_town        (HarleyDemo                *demo);
const HarleyDemoNameGroup *_harley_demo_pick_group       (HarleyDemo                *demo);
char                      *_harley_demo_make_phone       (HarleyDemo                *demo,
                                                          const char                *range);
char                      *_harley_demo_make_postcode    (HarleyDemo                *demo,
                                                          const char                *outward);
char                      *_harley_demo_make_street      (HarleyDemo                *demo,
                                                          const HarleyDemoTown      *town,
                                                          guint                      highest);
char                      *_harley_demo_make_given_name  (HarleyDemo                *demo,
                                                          const HarleyDemoNameGroup *group,
                                                          HarleyDemoSex              sex);
char                      *_harley_demo_make_family_name (HarleyDemo                *demo,
                                                          const HarleyDemoNameGroup *group,
                                                          HarleyDemoSex              sex);
char                      *_harley_demo_ascii_word       (const char                *text,
                                                          gboolean                   first_word);

/* In harley-demo-contacts.c: hospitals, laboratories, insurers, referrers
 * and GP practices with their GPs, in that order. */
gboolean                   _harley_demo_add_address_book (HarleyDemo                *demo,
                                                          GError                   **error);

/* In harley-demo-diary.c: clinicians, clinics, blocked time and
 * appointments, after the patients. */
gboolean                   _harley_demo_add_diary        (HarleyDemo                *demo,
                                                          guint                      n_appointments,
                                                          GDateTime                 *now,
                                                          GError                   **error);

/* In harley-demo-letters.c: letters from the shipped templates about
 * some of the diary's appointments, in every state, after the diary. */
guint                      _harley_demo_n_letters        (guint                      n_patients);
gboolean                   _harley_demo_add_letters      (HarleyDemo                *demo,
                                                          guint                      n_letters,
                                                          GError                   **error);

/* In harley-demo-samples.c: samples from some of the diary's past
 * appointments in every state, their results and calls, and a result
 * that came for no sample on file, after the letters. */
guint                      _harley_demo_n_samples        (guint                      n_patients);
gboolean                   _harley_demo_add_samples      (HarleyDemo                *demo,
                                                          guint                      n_samples,
                                                          GDateTime                 *now,
                                                          GError                   **error);

G_END_DECLS
