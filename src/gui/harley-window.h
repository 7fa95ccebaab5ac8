/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "harley-address-book.h"
#include "harley-application.h"
#include "harley-diary-page.h"
#include "harley-letters-page.h"
#include "harley-patient-editor.h"
#include "harley-samples-page.h"

G_BEGIN_DECLS

#define HARLEY_TYPE_WINDOW (harley_window_get_type ())

G_DECLARE_FINAL_TYPE (HarleyWindow, harley_window, HARLEY, WINDOW, AdwApplicationWindow)

HarleyWindow        *harley_window_new              (HarleyApplication *application,
                                                     HarleyStore       *store);
GtkEditable         *harley_window_get_search_entry (HarleyWindow      *self);
GListModel          *harley_window_get_patient_list (HarleyWindow      *self);
HarleyPatientEditor *harley_window_get_editor       (HarleyWindow      *self);
HarleyAddressBook   *harley_window_get_address_book (HarleyWindow      *self);
HarleyDiaryPage     *harley_window_get_diary        (HarleyWindow      *self);
HarleyLettersPage   *harley_window_get_letters      (HarleyWindow      *self);
HarleySamplesPage   *harley_window_get_samples      (HarleyWindow      *self);
HarleyStore         *harley_window_get_store        (HarleyWindow      *self);
void                 harley_window_open_patient     (HarleyWindow      *self,
                                                     gint64             id);
void                 harley_window_show_practice_name (HarleyWindow *self);
void                 harley_window_require_sign_in  (HarleyWindow      *self);
void                 harley_window_lock             (HarleyWindow      *self);
void                 harley_window_sign_out         (HarleyWindow      *self);
gboolean             harley_window_is_locked        (HarleyWindow      *self);
GtkWidget           *harley_window_get_sign_in_page (HarleyWindow      *self);
void                 _harley_window_pretend_idle    (HarleyWindow      *self,
                                                     guint              seconds);
void                 harley_window_toast            (HarleyWindow      *self,
                                                     const char        *message);
void                 harley_window_set_damaged      (HarleyWindow      *self,
                                                     const GError      *error);

G_END_DECLS
