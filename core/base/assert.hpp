// core/base/assert.hpp — LOOM_ASSERT: contract violations (bugs), never user errors.
//
// A failed assertion logs the expression, the message and the location, then aborts. Anything a
// user can get wrong goes through loom::Result instead.
#pragma once

namespace loom::detail {
[[noreturn]] void assert_fail(const char* expr, const char* msg, const char* file, int line);
}

#define LOOM_ASSERT(expr, msg)                                                 \
    do {                                                                       \
        if (!(expr)) ::loom::detail::assert_fail(#expr, msg, __FILE__, __LINE__); \
    } while (0)
