// Signal handling for the dashboard, in C because a handler may only set a flag.
// The flag lives in signals.c, one definition for the whole program: a `static` in a header
// would be one copy per LLVM module, and a release build splits a Swift module over several,
// so the handler would set one copy while the event loop read another.
#ifndef NETTUI_CTERMINAL_H
#define NETTUI_CTERMINAL_H

/// Installs the handlers: SIGTERM, SIGHUP and SIGINT only record the signal (the event loop polls
/// `nt_pending_term_signal` and leaves through the normal path, which restores the terminal and
/// keeps unsaved edits); fatal signals (a Swift trap is SIGILL or SIGTRAP) restore the terminal
/// before dying, on a stack of their own (a stack overflow is a SIGSEGV with no stack left). A
/// fatal handler calls no curses (`endwin` is not async-signal-safe): it writes the reset sequence
/// `nt_prepare_fatal_reset` made, puts back the terminal modes of before curses (`tcsetattr`) and
/// ends the program with the signal's default action. Call before `initscr`.
void nt_install_signals(void);

/// Makes the sequence a fatal signal writes, from the terminal's own capabilities (attributes off,
/// keypad mode off, the cursor shown, the alternate screen left) and the modes the dashboard turns
/// on (mouse reporting, bracketed paste). Call once curses is set up.
void nt_prepare_fatal_reset(void);

/// Once the dashboard has given the terminal back: a fatal signal then writes nothing.
void nt_forget_fatal_reset(void);

/// The termination signal received (SIGTERM, SIGHUP, SIGINT), or 0.
int nt_pending_term_signal(void);

#endif
