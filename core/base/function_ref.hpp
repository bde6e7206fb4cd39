// core/base/function_ref.hpp — a non-owning reference to a callable (never allocates).
//
// For callbacks that run during the call and are not stored: the frame loop's update hook takes
// one, so passing a capturing lambda costs no heap allocation (std::function might).
#pragma once

#include <memory>
#include <type_traits>
#include <utility>

namespace loom {

template <class Sig>
class FunctionRef;

template <class R, class... Args>
class FunctionRef<R(Args...)> {
public:
    FunctionRef() = default;
    // Any other callable; it must outlive the call this reference is passed to.
    template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, FunctionRef>>>
    FunctionRef(F&& f) {  // NOLINT: implicit
        if constexpr (std::is_convertible_v<F, R (*)(Args...)>) {
            // Functions and captureless lambdas: keep the plain function pointer.
            target_.fn = static_cast<R (*)(Args...)>(f);
            call_ = [](const Target& t, Args... a) -> R { return t.fn(std::forward<Args>(a)...); };
        } else {
            target_.obj = const_cast<void*>(static_cast<const void*>(std::addressof(f)));
            call_ = [](const Target& t, Args... a) -> R {
                return (*static_cast<std::remove_reference_t<F>*>(t.obj))(std::forward<Args>(a)...);
            };
        }
    }
    R operator()(Args... a) const { return call_(target_, std::forward<Args>(a)...); }
    explicit operator bool() const { return call_ != nullptr; }

private:
    union Target {
        void* obj;
        R (*fn)(Args...);
    };
    Target target_{};
    R (*call_)(const Target&, Args...) = nullptr;
};

}  // namespace loom
