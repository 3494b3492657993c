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
#include <stdio.h>
#include <unistd.h>
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

/* stdin/stdout are mutable C globals Swift 6 refuses to touch; newterm (unlike initscr) returns NULL
   instead of exiting when the terminal cannot be used. */
static inline SCREEN *epreuve_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int epreuve_is_terminal(void) { return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO); }
static inline int epreuve_err(void) { return ERR; }
static inline int epreuve_ok(void) { return OK; }
static inline int epreuve_key_code_yes(void) { return KEY_CODE_YES; }

#endif
