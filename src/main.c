/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>
#include <locale.h>

#include "harley-application.h"
#include "harley-private-tmp.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HarleyApplication) app = NULL;
  g_autoptr(GError) error = NULL;

  /* First, before any thread or library asks where temporary files go:
   * GTK's print spools and previews then go to Harley's private folder. */
  if (!harley_private_tmp_redirect (&error))
    g_warning ("Temporary files go to the usual folder: %s", error->message);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, HARLEY_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = harley_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
