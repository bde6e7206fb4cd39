#include <loom/chain.hpp>
#include <loom/context.hpp>
#include <loom/operator.hpp>
#include <loom/param.hpp>
#include <loom/value.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>

#include <spdlog/spdlog.h>

#include "core/graph/operator_state.hpp"

namespace loom {

// --- InputRef helpers -------------------------------------------------------------------------

InputRef history(Operator& op) {
    InputRef r(op);
    r.history = true;
    return r;
}

InputRef history(std::string_view name) {
    InputRef r(name);
    r.history = true;
    return r;
}

// --- Operator ---------------------------------------------------------------------------------

Operator::Operator() : state_(std::make_unique<graph::OperatorState>()) {}

Operator::~Operator() = default;

ParamBase* Operator::param(std::string_view name) const {
    for (ParamBase* p : params_)
        if (name == p->name()) return p;
    return nullptr;
}

Extent Operator::extent() const { return state_->extent; }

const std::string& Operator::error() const { return state_->error; }

void Operator::structure_changed() {
    if (chain_) chain_->mark_changed();
}

void Operator::set_input(std::size_t index, InputRef ref) {
    if (inputs_.size() <= index) inputs_.resize(index + 1);
    inputs_[index] = std::move(ref);
    structure_changed();
}

void Operator::set_inputs(std::initializer_list<InputRef> refs) {
    inputs_.assign(refs.begin(), refs.end());
    structure_changed();
}

void Operator::set_size(SizeSpec spec) {
    if (spec == size_) return;
    size_ = spec;
    structure_changed();
}

void Operator::set_format(Format format) {
    if (format == format_) return;
    format_ = format;
    structure_changed();
}

void Operator::drive_param(std::string_view name, ValueOperator& source, int component) {
    ParamBase* p = param(name);
    const std::string who = "operator '" + name_ + "' (" + type_name() + ")";
    if (!p) {
        std::string names;
        for (const ParamBase* q : params_) names += (names.empty() ? "" : ", ") + std::string(q->name());
        throw ChainError(who + " has no parameter '" + std::string(name) + "' to drive with '" + source.name() +
                         "' (parameters: " + (names.empty() ? "none" : names) + "). Fix: use one of those names.");
    }
    if (component < -1 || component >= p->components())
        throw ChainError(who + ": parameter '" + std::string(name) + "' has " + std::to_string(p->components()) +
                         " component" + (p->components() == 1 ? "" : "s") + ", so component " +
                         std::to_string(component) + " cannot be driven. Fix: " +
                         (p->components() == 1 ? std::string("leave the component out: it is one number.")
                                               : "use 0.." + std::to_string(p->components() - 1) + ", or -1 for all."));
    p->drive(&source, component);
}

// --- ValueOperator ----------------------------------------------------------------------------

void ValueOperator::evaluate(const ValueContext& ctx) {
    const float v = compute(ctx);
    value_ = std::isfinite(v) ? v : 0.0f;  // a NaN must not reach a parameter or a shader
    ring_[written_ % kHistory] = value_;
    ++written_;
    if (written_ >= 2 * kHistory) written_ -= kHistory;  // keeps the ring position, never overflows
}

int ValueOperator::history(float* out) const {
    const int n = std::min(written_, kHistory);
    for (int i = 0; i < n; ++i) out[i] = ring_[(written_ - n + i) % kHistory];
    return n;
}

// --- ParamBase --------------------------------------------------------------------------------

const char* param_type_name(ParamType t) {
    switch (t) {
        case ParamType::Float: return "float";
        case ParamType::Int: return "int";
        case ParamType::Bool: return "bool";
        case ParamType::Vec2: return "vec2";
        case ParamType::Vec3: return "vec3";
        case ParamType::Vec4: return "vec4";
        case ParamType::Enum: return "enum";
    }
    return "?";
}

ParamBase::ParamBase(Operator* owner, const char* name, ParamType type) : owner_(owner), name_(name), type_(type) {
    if (owner_) owner_->params_.push_back(this);
}

void ParamBase::reset() {
    float d[4];
    default_floats(d);
    set_floats(d);
}

void ParamBase::drive(ValueOperator* source, int component) {
    ValueOperator* next[4] = {drivers_[0], drivers_[1], drivers_[2], drivers_[3]};
    if (component < 0) {
        for (int i = 0; i < 4; ++i) next[i] = i < components() ? source : nullptr;
    } else if (component < components()) {
        next[component] = source;
    }
    if (std::equal(next, next + 4, drivers_)) return;  // the same drivers again (update() may repeat it)
    std::copy(next, next + 4, drivers_);
    warned_ = false;  // one range warning for this driver
    if (owner_) owner_->structure_changed();  // the plan orders values and lists driven operators
}

void ParamBase::end_drivers() {
    std::fill(drivers_, drivers_ + 4, nullptr);
    warned_ = false;
    if (owner_) owner_->structure_changed();
}

void ParamBase::apply_drivers() {
    float v[4];
    get_floats(v);
    const int n = components();
    for (int i = 0; i < n; ++i)
        if (drivers_[i]) v[i] = drivers_[i]->value();
    set_floats(v);
}

void ParamBase::note_clamped(const float* requested, const float* clamped) {
    ++clamp_count_;
    if (warned_) return;
    warned_ = true;
    const int n = components();
    std::string req, got, lo, hi;
    float mn[4], mx[4];
    min_floats(mn);
    max_floats(mx);
    for (int i = 0; i < n; ++i) {
        const char* sep = i ? ", " : "";
        req += fmt::format("{}{:g}", sep, requested[i]);
        got += fmt::format("{}{:g}", sep, clamped[i]);
        lo += fmt::format("{}{:g}", sep, mn[i]);
        hi += fmt::format("{}{:g}", sep, mx[i]);
    }
    if (n > 1) {  // a vector reads as one value: (0.5, 2)
        for (std::string* s : {&req, &got, &lo, &hi}) *s = "(" + *s + ")";
    }
    const std::string who = owner_ ? owner_->name() + "." : std::string();
    std::string by;
    for (int i = 0; i < n && by.empty(); ++i)
        if (drivers_[i]) by = " (driven by '" + drivers_[i]->name() + "'; warned once while it drives)";
    spdlog::warn("parameter {}{} = {} is outside its range {} .. {}; using {}{}", who, name_, req, lo, hi, got, by);
}

// --- Chain ------------------------------------------------------------------------------------

Chain::Chain() = default;

Chain::~Chain() { clear(); }

Operator& Chain::adopt(std::unique_ptr<Operator> op, std::string_view name) {
    op->name_ = std::string(name);
    op->chain_ = this;
    if (name.empty())
        build_errors_.push_back(std::string("an operator of type ") + op->type_name() +
                                " was added with an empty name. Fix: give every operator a name.");
    else if (find(name))
        build_errors_.push_back("two operators are named '" + std::string(name) + "' (" + find(name)->type_name() +
                                " and " + op->type_name() + "). Fix: names must be unique in a chain.");
    ops_.push_back(std::move(op));
    mark_changed();
    return *ops_.back();
}

Operator* Chain::find(std::string_view name) const {
    for (const auto& op : ops_)
        if (op->name_ == name) return op.get();
    return nullptr;
}

void Chain::output(std::string_view name) {
    if (output_ == name) return;
    output_ = std::string(name);
    mark_changed();
}

Operator* Chain::output_operator() const {
    if (!output_.empty()) return find(output_);
    // The last operator added that has an image (value operators have none).
    for (auto it = ops_.rbegin(); it != ops_.rend(); ++it)
        if (!(*it)->is_value()) return it->get();
    return nullptr;
}

void Chain::clear() {
    // Destroy in reverse order of creation: readers before what they read.
    while (!ops_.empty()) ops_.pop_back();
    output_.clear();
    build_errors_.clear();
    ++generation_;
    mark_changed();
}

void Chain::throw_missing(std::string_view name, Operator* found, const char* wanted) const {
    if (found)
        throw ChainError("operator '" + std::string(name) + "' is a " + found->type_name() + ", not a " + wanted +
                         ". Fix: use get<" + found->type_name() + ">(\"" + std::string(name) + "\").");
    std::string names;
    for (const auto& op : ops_) names += (names.empty() ? "" : ", ") + op->name();
    throw ChainError("no operator named '" + std::string(name) + "' in the chain (operators: " +
                     (names.empty() ? "none" : names) + "). Fix: check the name given to chain.add<" + wanted +
                     ">().");
}

// --- Context ----------------------------------------------------------------------------------

void Context::log(std::string_view message) const { spdlog::info("[project] {}", message); }

}  // namespace loom
