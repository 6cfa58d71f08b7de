// Signal handling for the dashboard, in C because a handler may only set a flag.
// The flag lives in signals.c, one definition for the whole program: a `static` in a header
// would be one copy per LLVM module, and a release build splits a Swift module over several,
// so the handler would set one copy while the event loop read another.
#ifndef NETTUI_CTERMINAL_H
#define NETTUI_CTERMINAL_H

/// Installs the handlers: SIGTERM, SIGHUP and SIGINT only record the signal (the event loop polls
/// `nt_pending_term_signal` and leaves through the normal path, which restores the terminal and
/// keeps unsaved edits); fatal signals (a Swift trap is SIGILL or SIGTRAP) restore the terminal
/// before dying.
void nt_install_signals(void);

/// The termination signal received (SIGTERM, SIGHUP, SIGINT), or 0.
int nt_pending_term_signal(void);

#endif
