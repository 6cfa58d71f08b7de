#include "CTerminal.h"
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <ncursesw/curses.h>

static volatile sig_atomic_t term_signal = 0;

static void on_term(int sig) { term_signal = sig; }

// What a fatal signal writes to the terminal, made before any signal can need it: a handler may
// call only async-signal-safe functions (write, tcsetattr, raise), never curses.
static char fatal_reset[512];
static volatile sig_atomic_t reset_length = 0;
// The terminal's modes before curses changed them (raw, noecho, nonl).
static struct termios shell_modes;
static volatile sig_atomic_t have_shell_modes = 0;

static void on_fatal(int sig) {
    // SA_RESETHAND has put back the default action: the raise below, delivered when this handler
    // returns, ends the program as the signal would have (a core dump where that is the default).
    if (reset_length > 0) (void)!write(STDOUT_FILENO, fatal_reset, (size_t)reset_length);
    if (have_shell_modes) (void)tcsetattr(STDIN_FILENO, TCSADRAIN, &shell_modes);
    raise(sig);
}

// A stack for the handler, so that a stack overflow (SIGSEGV with no stack left) still restores
// the terminal.
static char handler_stack[64 * 1024];

void nt_install_signals(void) {
    if (tcgetattr(STDIN_FILENO, &shell_modes) == 0) have_shell_modes = 1;
    stack_t stack = { .ss_sp = handler_stack, .ss_size = sizeof handler_stack, .ss_flags = 0 };
    sigaltstack(&stack, NULL);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_fatal;
    sa.sa_flags = SA_RESETHAND | SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGABRT, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
}

static size_t append(size_t at, const char *s) {
    // tigetstr answers NULL for a capability the terminal lacks and (char *)-1 for a name that is
    // not a string capability.
    if (s == NULL || s == (const char *)-1) return at;
    size_t n = strlen(s);
    if (at + n >= sizeof fatal_reset) return at;
    memcpy(fatal_reset + at, s, n);
    return at + n;
}

void nt_prepare_fatal_reset(void) {
    size_t n = 0;
    reset_length = 0;
    n = append(n, tigetstr("sgr0"));  // attributes off
    // Mouse reporting off in every mode curses may have turned on (X10/normal, button, any, UTF-8,
    // SGR, urxvt), and bracketed paste off (CursesTerminal turns it on).
    n = append(n, "\033[?1000l\033[?1002l\033[?1003l\033[?1005l\033[?1006l\033[?1015l\033[?2004l");
    n = append(n, tigetstr("rmkx"));   // keypad transmit off
    n = append(n, tigetstr("cnorm"));  // the cursor visible
    n = append(n, tigetstr("rmcup"));  // the alternate screen left
    reset_length = (sig_atomic_t)n;
}

void nt_forget_fatal_reset(void) { reset_length = 0; }

int nt_pending_term_signal(void) { return term_signal; }
