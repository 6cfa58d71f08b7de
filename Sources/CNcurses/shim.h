// The C side of the curses backend: ncursesw with wide characters, plus accessors for what
// Swift 6 cannot import (globals, macros). The signal handlers are in CTerminal (a C target),
// so that their flag exists once in the program.
#ifndef NETTUI_SHIM_H
#define NETTUI_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <signal.h>
#include <unistd.h>
#include <ncursesw/curses.h>

#include <stdlib.h>
#include <string.h>

// The C library calls around curses: the environment's locale (for wide characters), whether
// NO_COLOR is set, and a control sequence written straight to the terminal.
static inline void nt_use_environment_locale(void) { setlocale(LC_ALL, ""); }
static inline int nt_no_color(void) { return getenv("NO_COLOR") != NULL; }
static inline void nt_write_sequence(const char *sequence) { (void)!write(STDOUT_FILENO, sequence, strlen(sequence)); }

static inline WINDOW *nt_stdscr(void) { return stdscr; }
static inline int nt_lines(void) { return LINES; }
static inline int nt_cols(void) { return COLS; }
static inline int nt_colors(void) { return COLORS; }
static inline int nt_max_y(void) { return getmaxy(stdscr); }
static inline int nt_max_x(void) { return getmaxx(stdscr); }
static inline int nt_key_f(int n) { return KEY_F(n); }
static inline attr_t nt_a_bold(void) { return A_BOLD; }
static inline attr_t nt_a_reverse(void) { return A_REVERSE; }
static inline attr_t nt_a_underline(void) { return A_UNDERLINE; }
static inline attr_t nt_a_dim(void) { return A_DIM; }
static inline attr_t nt_a_normal(void) { return A_NORMAL; }
static inline int nt_color_pair(int n) { return (int)COLOR_PAIR(n); }


// Mouse: clicks and the wheel. Returns 1 and fills x, y and kind (1 click, 4 wheel up, 5 wheel
// down) when the pending mouse event is one of those.
static inline void nt_enable_mouse(void) {
    mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
}
static inline int nt_read_mouse(int *x, int *y, int *kind) {
    MEVENT e;
    if (getmouse(&e) != OK) return 0;
    *x = e.x;
    *y = e.y;
    if (e.bstate & BUTTON1_PRESSED) { *kind = 1; return 1; }
    if (e.bstate & BUTTON4_PRESSED) { *kind = 4; return 1; }
    if (e.bstate & BUTTON5_PRESSED) { *kind = 5; return 1; }
    return 0;
}

// Ctrl-Z: leave curses mode, stop, and come back when continued.
static inline void nt_suspend(void) {
    endwin();
    kill(getpid(), SIGSTOP);
    refresh();
}
#endif
