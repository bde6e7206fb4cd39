#include "core/runtime/operator_examples.hpp"

#include <algorithm>
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
    auto px = engine.read(*out);
    if (!px) return px;
    // An operator whose output is much smaller than the canvas (Downsample) is shown at the
    // canvas size, each of its pixels a block, so a thumbnail is not a blur of a few pixels.
    const Extent canvas = engine.canvas();
    if (px->width * 2 <= canvas.width && px->height * 2 <= canvas.height) {
        io::Pixels big;
        big.width = canvas.width;
        big.height = canvas.height;
        big.premultiplied = px->premultiplied;
        big.rgba.resize(std::size_t(canvas.width) * canvas.height * 4);
        for (std::uint32_t y = 0; y < canvas.height; ++y)
            for (std::uint32_t x = 0; x < canvas.width; ++x) {
                const float* s = px->at(x * px->width / canvas.width, y * px->height / canvas.height);
                std::copy(s, s + 4, big.at(x, y));
            }
        return big;
    }
    return px;
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
