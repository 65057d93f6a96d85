#ifndef SWTOP_CNCURSES_SHIM_H
#define SWTOP_CNCURSES_SHIM_H

// Wide-character entry points (mvwaddwstr, wget_wch) are only declared with this set.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <langinfo.h>
#include <ncursesw/curses.h>

// Swift 6 rejects mutable C globals and cannot import function-like macros:
// expose what swtop needs through inline getters.
static inline WINDOW *swtop_stdscr(void) { return stdscr; }
static inline int swtop_lines(void) { return LINES; }
static inline int swtop_cols(void) { return COLS; }
static inline int swtop_key_f(int n) { return KEY_F(n); }

static const attr_t SWTOP_A_NORMAL = A_NORMAL;
static const attr_t SWTOP_A_BOLD = A_BOLD;
static const attr_t SWTOP_A_REVERSE = A_REVERSE;
static const attr_t SWTOP_A_DIM = A_DIM;
static const attr_t SWTOP_A_UNDERLINE = A_UNDERLINE;

#endif
