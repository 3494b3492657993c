#ifndef EPREUVE_CNCURSESW_SHIM_H
#define EPREUVE_CNCURSESW_SHIM_H

/* The wide-character API (add_wch, get_wch, cchar_t) needs this before curses.h. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* C globals and macros Swift 6 cannot import as-is (mutable globals, function-like macros). */
static inline WINDOW *epreuve_stdscr(void) { return stdscr; }
static inline int epreuve_lines(void) { return LINES; }
static inline int epreuve_cols(void) { return COLS; }
static inline attr_t epreuve_a_bold(void) { return A_BOLD; }
static inline attr_t epreuve_a_dim(void) { return A_DIM; }
static inline attr_t epreuve_a_underline(void) { return A_UNDERLINE; }
static inline attr_t epreuve_a_reverse(void) { return A_REVERSE; }
static inline attr_t epreuve_a_normal(void) { return A_NORMAL; }
static inline int epreuve_key_f(int n) { return KEY_F(n); }
static inline int epreuve_color_pair(int n) { return COLOR_PAIR(n); }
static inline int epreuve_colors(void) { return COLORS; }

#endif
