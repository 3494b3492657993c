#ifndef EPREUVE_CPANGOCAIRO_SHIM_H
#define EPREUVE_CPANGOCAIRO_SHIM_H

/* cairo (PDF surface) and pango through pangocairo: the only C the document renderer needs. */
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

/* PANGO_SCALE is a macro Swift imports as Int32 on some versions and not at all on others. */
static inline int epreuve_pango_scale(void) { return PANGO_SCALE; }

#endif
