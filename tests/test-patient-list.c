/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "harley-patient-list.h"
#include "harley-register-private.h"
#include "harley-test-util.h"

typedef HarleyTestDb Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  harley_test_db_set_up (f, data);
  g_assert_true (harley_store_begin (f->store, NULL));
  for (guint i = 0; i < GPOINTER_TO_UINT (data); i++)
    {
      g_autofree char *family = g_strdup_printf ("%s%05u", i % 2 ? "Smith" : "Brown", i);
      g_autoptr(HarleyPatient) p = harley_test_patient ("Ann", family, "1960-01-01", NULL);
      g_autoptr(GError) error = NULL;

      g_assert_true (_harley_register_save_in_transaction (f->store, p, HARLEY_REGISTER_SAVE_DEFAULT, &error));
    }
  g_assert_true (harley_store_commit (f->store, NULL));
}

#define fixture_tear_down harley_test_db_tear_down

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *calls)
{
  (*calls)++;
}

static void
test_on_demand (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(HarleyPatientList) list = harley_patient_list_new (f->store);
  g_autoptr(HarleyPatient) first = NULL;
  g_autoptr(HarleyPatient) again = NULL;
  guint calls = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &calls);
  harley_patient_list_set_query (list, "smith");
  g_assert_cmpuint (calls, ==, 1);
  /* 1,500 Smiths match; the list holds the first HARLEY_PATIENT_LIST_LIMIT
   * ids and has built no patient yet. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, HARLEY_PATIENT_LIST_LIMIT);
  g_assert_true (harley_patient_list_get_more (list));
  g_assert_cmpuint (harley_patient_list_get_n_built (list), ==, 0);

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (harley_patient_get_text (first, HARLEY_PATIENT_FAMILY_NAME), ==, "Smith00001");
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (first == again);   /* the same object for the same row */
  g_assert_cmpuint (harley_patient_list_get_n_built (list), ==, 1);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), HARLEY_PATIENT_LIST_LIMIT));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == HARLEY_TYPE_PATIENT);
}

static void
test_queries (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(HarleyPatientList) list = harley_patient_list_new (f->store);

  g_assert_cmpint (harley_patient_list_get_kind (list), ==, HARLEY_SEARCH_RECENT);
  harley_patient_list_set_query (list, "ann brown");
  g_assert_cmpint (harley_patient_list_get_kind (list), ==, HARLEY_SEARCH_NAME);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, HARLEY_PATIENT_LIST_LIMIT);
  g_assert_true (harley_patient_list_get_more (list));
  harley_patient_list_set_query (list, "nobody");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  harley_patient_list_set_query (list, "01/01/1960");
  g_assert_cmpint (harley_patient_list_get_kind (list), ==, HARLEY_SEARCH_DATE_OF_BIRTH);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, HARLEY_PATIENT_LIST_LIMIT);
}

static void
test_refresh_after_save (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(HarleyPatientList) list = harley_patient_list_new (f->store);
  g_autoptr(HarleyPatient) p = NULL;
  g_autoptr(HarleyPatient) shown = NULL;
  guint position;

  harley_patient_list_set_query (list, "brown");
  p = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_nonnull (p);
  harley_patient_set_text (p, HARLEY_PATIENT_GIVEN_NAME, "Annabel");
  g_assert_true (harley_register_save (f->store, p, HARLEY_REGISTER_SAVE_DEFAULT, NULL));
  harley_patient_list_refresh (list);
  position = harley_patient_list_find (list, harley_patient_get_id (p));
  g_assert_cmpuint (position, ==, 0);
  shown = g_list_model_get_item (G_LIST_MODEL (list), position);
  g_assert_cmpstr (harley_patient_get_text (shown, HARLEY_PATIENT_GIVEN_NAME), ==, "Annabel");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/patient-list/on-demand", Fixture, GUINT_TO_POINTER (3000), fixture_set_up, test_on_demand, fixture_tear_down);
  g_test_add ("/patient-list/queries", Fixture, GUINT_TO_POINTER (3000), fixture_set_up, test_queries, fixture_tear_down);
  g_test_add ("/patient-list/refresh-after-save", Fixture, GUINT_TO_POINTER (50), fixture_set_up, test_refresh_after_save, fixture_tear_down);

  return g_test_run ();
}
