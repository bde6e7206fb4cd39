#include "core/runtime/operator_examples.hpp"

#include <cctype>

namespace loom::runtime {

Result<io::Pixels> render_operator_example(Engine& engine, const OperatorInfo& info) {
    const std::string type = info.type;
    if (!info.example) return make_error(type + " has no example chain (it needs a project's files).");
    engine.clear_chain();
    engine.restart_history();
    engine.clock().seek(0);
    try {
        info.example(engine.chain());
    } catch (const std::exception& e) {
        return make_error("the example of " + type + " threw: " + e.what());
    }
    // The output is the (last) operator of the type shown, wherever the example added it.
    Operator* out = nullptr;
    for (const auto& op : engine.chain().operators())
        if (type == op->type_name()) out = op.get();
    if (!out) return make_error("the example of " + type + " has no " + type + " in it.");
    if (out->is_value()) out = engine.chain().output_operator();  // a value has no image: its picture
    if (!out) return make_error("the example of " + type + " has no image operator to show.");
    engine.chain().output(*out);
    for (int i = 0; i < info.example_frames; ++i)
        if (auto r = engine.frame(); !r) return make_error("the example of " + type + ": " + r.message());
    for (const auto& op : engine.chain().operators())
        if (op->failed()) return make_error("the example of " + type + ": " + op->name() + " failed: " + op->error());
    return engine.read(*out);
}

std::string operator_file_name(const std::string& type) {
    std::string out;
    for (std::size_t i = 0; i < type.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(type[i]);
        if (std::isupper(c) && i > 0 && std::islower(static_cast<unsigned char>(type[i - 1]))) out += '_';
        out += static_cast<char>(std::tolower(c));
    }
    return out;
}

}  // namespace loom::runtime
