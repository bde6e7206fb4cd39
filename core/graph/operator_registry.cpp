#include <loom/operator_registry.hpp>

#include <algorithm>
#include <array>
#include <string>

namespace loom {

namespace {
std::vector<OperatorInfo>& registry() {
    static std::vector<OperatorInfo> r;  // built while libraries load: no static-order dependence
    return r;
}

int category_rank(std::string_view c) {
    static constexpr std::array<std::string_view, 8> kOrder = {"generator", "filter", "composite", "retro",
                                                               "temporal",  "value",  "3d",        "custom"};
    const auto it = std::find(kOrder.begin(), kOrder.end(), c);
    return static_cast<int>(it - kOrder.begin());
}
}  // namespace

bool register_operator(const OperatorInfo& info) {
    auto& r = registry();
    for (auto& existing : r)
        if (std::string_view(existing.type) == info.type) {
            existing = info;
            return true;
        }
    r.push_back(info);
    return true;
}

std::vector<const OperatorInfo*> registered_operators() {
    std::vector<const OperatorInfo*> out;
    for (const auto& i : registry()) out.push_back(&i);
    std::sort(out.begin(), out.end(), [](const OperatorInfo* a, const OperatorInfo* b) {
        const int ra = category_rank(a->category), rb = category_rank(b->category);
        if (ra != rb) return ra < rb;
        return std::string_view(a->type) < std::string_view(b->type);
    });
    return out;
}

const OperatorInfo* find_operator_info(std::string_view type) {
    for (const auto& i : registry())
        if (type == i.type) return &i;
    return nullptr;
}

}  // namespace loom
