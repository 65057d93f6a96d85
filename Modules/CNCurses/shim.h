#ifndef SWTOP_CNCURSES_SHIM_H
#define SWTOP_CNCURSES_SHIM_H

// swtop draws the screen itself and uses ncurses' terminfo layer for what the
// terminal understands: the escape sequences of each capability, and their parameters.
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <sys/ioctl.h>

// tiparm is variadic, which Swift cannot call: one wrapper per number of parameters.
static inline const char *swtop_tiparm1(const char *capability, int first) {
    return tiparm(capability, first);
}
static inline const char *swtop_tiparm2(const char *capability, int first, int second) {
    return tiparm(capability, first, second);
}

// tigetstr reports "absent" and "not a string" as sentinel pointers, not NULL.
static inline const char *swtop_tigetstr(const char *name) {
    char *value = tigetstr(name);
    return (value == NULL || value == (char *)-1) ? NULL : value;
}

// ioctl is variadic too. The terminal's size in cells; 0 when the descriptor has none.
// (term.h defines `lines` and `columns` as macros: the names here avoid them.)
static inline int swtop_window_size(int descriptor, int *row_count, int *column_count) {
    struct winsize size = {0};
    if (ioctl(descriptor, TIOCGWINSZ, &size) != 0) return -1;
    *row_count = size.ws_row;
    *column_count = size.ws_col;
    return 0;
}

#endif
