/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "harley-window.h"

G_BEGIN_DECLS

void harley_backup_guard_quit (HarleyWindow *window);

G_END_DECLS
