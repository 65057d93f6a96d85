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
static inline int swtop_colors(void) { return COLORS; }

#include <string.h>

// newterm on the process's own stdin/stdout (Swift 6 cannot name those globals).
// Unlike initscr it returns NULL instead of exiting when TERM is unusable.
static inline SCREEN *swtop_newterm(void) { return newterm(NULL, stdout, stdin); }

static inline int swtop_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

static inline attr_t swtop_color_pair(int pair) { return COLOR_PAIR(pair); }

static const mmask_t SWTOP_BUTTON1_PRESSED = BUTTON1_PRESSED;
static const mmask_t SWTOP_BUTTON1_CLICKED = BUTTON1_CLICKED;
static const mmask_t SWTOP_BUTTON1_RELEASED = BUTTON1_RELEASED;
static const mmask_t SWTOP_WHEEL_UP = BUTTON4_PRESSED;
#if defined(BUTTON5_PRESSED)
static const mmask_t SWTOP_WHEEL_DOWN = BUTTON5_PRESSED;
#else
static const mmask_t SWTOP_WHEEL_DOWN = 0;
#endif

static const attr_t SWTOP_A_NORMAL = A_NORMAL;
static const attr_t SWTOP_A_BOLD = A_BOLD;
static const attr_t SWTOP_A_REVERSE = A_REVERSE;
static const attr_t SWTOP_A_DIM = A_DIM;
static const attr_t SWTOP_A_UNDERLINE = A_UNDERLINE;

#endif
