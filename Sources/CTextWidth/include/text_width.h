#ifndef EPREUVE_TEXT_WIDTH_H
#define EPREUVE_TEXT_WIDTH_H

#include <stdint.h>

/* Terminal cells taken by one Unicode scalar (wcwidth under a UTF-8 locale of its own, whatever the
   program's locale): 2 for East Asian wide characters and most emoji, 0 for combining marks, -1 for
   controls. */
int epreuve_wcwidth(uint32_t scalar);

#endif
