#include "CTerminal.h"
#include <signal.h>
#include <unistd.h>
#include <ncursesw/curses.h>

static volatile sig_atomic_t term_signal = 0;

static void on_term(int sig) { term_signal = sig; }

static void on_fatal(int sig) {
    endwin();
    // Bracketed paste off, as CursesTerminal.end does (write is async-signal-safe).
    static const char paste_off[] = "\033[?2004l";
    (void)!write(STDOUT_FILENO, paste_off, sizeof paste_off - 1);
    signal(sig, SIG_DFL);
    raise(sig);
}

void nt_install_signals(void) {
    struct sigaction sa;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_fatal;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGABRT, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
}

int nt_pending_term_signal(void) { return term_signal; }
