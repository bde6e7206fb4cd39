#include "core/base/crash_guard.hpp"

#include <setjmp.h>
#include <signal.h>
#include <unistd.h>

#include <cstring>
#include <exception>
#include <mutex>
#include <string>

namespace loom {

namespace {

constexpr int kSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

thread_local sigjmp_buf* t_guard = nullptr;
thread_local const char* t_scope = nullptr;

void write_str(const char* s) {
    if (!s) return;
    ssize_t ignored = ::write(STDERR_FILENO, s, std::strlen(s));
    (void)ignored;
}

const char* signal_name(int sig) {
    switch (sig) {
        case SIGSEGV: return "segmentation fault (SIGSEGV)";
        case SIGBUS: return "bus error (SIGBUS)";
        case SIGFPE: return "arithmetic fault, e.g. integer division by zero (SIGFPE)";
        case SIGILL: return "illegal instruction (SIGILL)";
        case SIGABRT: return "abort (SIGABRT)";
        default: return "a fatal signal";
    }
}

void on_crash(int sig, siginfo_t*, void*) {
    if (sigjmp_buf* guard = t_guard) {
        t_guard = nullptr;
        // The handler runs with SA_NODEFER, so the signal is not blocked and a plain jump back
        // (no saved mask) leaves the thread as it was. abort() blocks nothing either.
        siglongjmp(*guard, sig);
    }
    // Not in project code: say what happened, then die the way the signal would have.
    write_str("loom: crashed with ");
    write_str(signal_name(sig));
    if (t_scope) {
        write_str(" while ");
        write_str(t_scope);
    }
    write_str("\n");
    struct sigaction sa {};
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    ::sigaction(sig, &sa, nullptr);
    ::raise(sig);
}

// The thread that installs the handlers (the frame loop's, which runs project code) gets an
// alternate signal stack, so a stack overflow there is caught too. A static buffer: it must
// outlive every signal, and it is no allocation for leak checkers to report.
void give_thread_alt_stack() {
    alignas(16) static char stack[64 * 1024];
    stack_t ss{};
    ss.ss_sp = stack;
    ss.ss_size = sizeof stack;
    ::sigaltstack(&ss, nullptr);
}

}  // namespace

void install_crash_handlers() {
    static std::once_flag once;
    std::call_once(once, [] {
        for (int sig : kSignals) {
            struct sigaction sa {};
            sa.sa_sigaction = on_crash;
            sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
            sigemptyset(&sa.sa_mask);
            ::sigaction(sig, &sa, nullptr);
        }
        give_thread_alt_stack();
    });
}

int run_guarded(FunctionRef<void()> fn) {
    sigjmp_buf here;
    sigjmp_buf* const outer = t_guard;
    // volatile: read after a jump back.
    volatile int sig = sigsetjmp(here, 0);
    if (sig != 0) {
        t_guard = outer;
        return sig;
    }
    t_guard = &here;
    try {
        fn();
    } catch (...) {
        t_guard = outer;
        throw;
    }
    t_guard = outer;
    return 0;
}

std::string signal_description(int sig) { return signal_name(sig); }

std::string describe_current_exception() {
    try {
        throw;
    } catch (const std::exception& ex) {
        return ex.what();
    } catch (const char* s) {
        return std::string("threw \"") + (s ? s : "") + "\"";
    } catch (const std::string& s) {
        return "threw \"" + s + "\"";
    } catch (int v) {
        return "threw " + std::to_string(v);
    } catch (...) {
        return "threw an exception of a type that is not std::exception";
    }
}

CrashScope::CrashScope(const char* what) : previous_(t_scope) { t_scope = what; }
CrashScope::~CrashScope() { t_scope = previous_; }

}  // namespace loom
