// core/base/crash_guard.hpp — surviving a crash in project code.
//
// A project's setup(), update() and its own operators are code a person is editing live: a null
// dereference, an abort() or an integer division by zero in them must not take Loom down with
// no word. run_guarded(fn) runs fn with a recovery point: if fn raises SIGSEGV, SIGBUS, SIGFPE,
// SIGILL or SIGABRT on this thread, control comes back to run_guarded, which returns the signal
// instead of dying. A crash outside any guard prints one line naming the signal (and what Loom
// was doing, see CrashScope) and ends the process with the signal's default action.
//
// Limits, on purpose: recovery jumps out of the crashed code without unwinding it (destructors in
// between do not run, locks it held stay held), so a guard surrounds only calls into project code,
// and the caller treats that code's state as lost (a crashed update() is not called again until
// the project is reloaded). A crash that corrupted the heap can still bring the process down
// later. C++ exceptions pass through run_guarded untouched.
//
// Cost: a guard is a sigsetjmp without the signal mask (no system call), cheap enough per
// operator per frame. Thread: guards are per thread; handlers are installed once per process by
// install_crash_handlers() (idempotent), and the thread that installs them gets an alternate
// signal stack, so a stack overflow there is caught too.
#pragma once

#include <string>

#include "core/base/function_ref.hpp"

namespace loom {

// Installs the signal handlers (once per process; later calls do nothing). The first caller's
// thread gets an alternate signal stack.
void install_crash_handlers();

// Runs fn. Returns 0 when it returned (or threw: exceptions propagate), else the signal number
// that interrupted it.
int run_guarded(FunctionRef<void()> fn);

// "segmentation fault (SIGSEGV)" and the like.
std::string signal_description(int sig);

// Inside a catch block: what was thrown, as text — what() of a std::exception, or the value of
// a thrown string or number ("threw 42"), or "an exception of unknown type". Project code can
// throw anything; none of it may end Loom.
std::string describe_current_exception();

// What the process was doing, for the line printed on a crash outside any guard
// ("loom: crashed with segmentation fault (SIGSEGV) while recording frame 12").
// The text must outlive the scope (a string literal, or a buffer the caller keeps).
class CrashScope {
public:
    explicit CrashScope(const char* what);
    ~CrashScope();
    CrashScope(const CrashScope&) = delete;
    CrashScope& operator=(const CrashScope&) = delete;

private:
    const char* previous_;
};

}  // namespace loom
