#include "core/graph/plan.hpp"

#include <algorithm>
#include <cmath>
#include <queue>
#include <unordered_map>

namespace loom::graph {

const PlanStep* Plan::step_of(const Operator* op) const {
    for (const PlanStep& s : steps)
        if (s.op == op) return &s;
    return nullptr;
}

std::string Plan::order_string() const {
    std::string s;
    for (const PlanStep& st : steps) s += (s.empty() ? "" : " -> ") + st.op->name();
    return s;
}

namespace {

std::string quote(const Operator& op) { return "'" + op.name() + "' (" + op.type_name() + ")"; }

std::string known_names(const Chain& chain) {
    std::string s;
    for (const auto& op : chain.operators()) s += (s.empty() ? "" : ", ") + op->name();
    return s.empty() ? "(none)" : s;
}

// The first number-valued parameter of `op` (for an example in a message), or "param".
std::string first_scalar_param(const Operator& op) {
    for (const ParamBase* p : op.params())
        if (p->type() == ParamType::Float || p->type() == ParamType::Int) return p->name();
    return "param";
}

std::string size_string(Extent e) { return std::to_string(e.width) + "x" + std::to_string(e.height); }

}  // namespace

Result<Plan> compile(const Chain& chain, const CompileEnv& env) {
    const auto& ops = chain.operators();
    if (ops.empty()) return make_error("the chain is empty. Fix: add an operator in setup(), e.g. chain.add<Noise>(\"noise\").");
    if (!chain.build_errors().empty()) return make_error(chain.build_errors().front());

    std::unordered_map<const Operator*, std::size_t> index;
    for (std::size_t i = 0; i < ops.size(); ++i) index[ops[i].get()] = i;

    // Resolve inputs and check arity.
    struct Node {
        std::vector<Operator*> inputs;
        std::vector<bool> history;
    };
    std::vector<Node> nodes(ops.size());
    for (std::size_t i = 0; i < ops.size(); ++i) {
        Operator& op = *ops[i];
        auto refs = op.input_refs();
        for (std::size_t k = 0; k < refs.size(); ++k) {
            const InputRef& r = refs[k];
            Operator* in = nullptr;
            if (r.op) {
                if (!index.count(r.op))
                    return make_error("operator " + quote(op) + ": input " + std::to_string(k) +
                                      " is an operator that is not in this chain. Fix: add it to the chain with "
                                      "chain.add<T>(name) before using it as an input.");
                in = r.op;
            } else if (!r.name.empty()) {
                in = chain.find(r.name);
                if (!in)
                    return make_error("operator " + quote(op) + ": input " + std::to_string(k) + " names '" +
                                      r.name + "', which is not in the chain (operators: " + known_names(chain) +
                                      "). Fix: use one of those names, or add '" + r.name + "' first.");
            } else {
                return make_error("operator " + quote(op) + ": input " + std::to_string(k) +
                                  " is not set. Fix: set it with .input(" + std::to_string(k) + ", op).");
            }
            if (in->is_value())
                return make_error("operator " + quote(op) + ": input " + std::to_string(k) + " is " + quote(*in) +
                                  ", a value operator, which has no image. Fix: drive a parameter with it instead, "
                                  "e.g. .drive(\"" + first_scalar_param(op) + "\", " + in->name() + ").");
            if (in == &op && !r.history)
                return make_error("operator " + quote(op) + " uses itself as input " + std::to_string(k) +
                                  ", which is a cycle. Fix: to read its previous frame, use history(" + op.name() +
                                  ").");
            nodes[i].inputs.push_back(in);
            nodes[i].history.push_back(r.history);
        }
        const int n = static_cast<int>(refs.size());
        if (n > kMaxOperatorInputs)
            return make_error("operator " + quote(op) + " has " + std::to_string(n) + " inputs; an operator can have at most " +
                              std::to_string(kMaxOperatorInputs) + ". Fix: combine inputs in stages (e.g. two Composites).");
        if (n < op.min_inputs() || n > op.max_inputs()) {
            std::string want = op.min_inputs() == op.max_inputs()
                                   ? std::to_string(op.min_inputs())
                                   : std::to_string(op.min_inputs()) + " to " + std::to_string(op.max_inputs());
            return make_error("operator " + quote(op) + " takes " + want + " input" +
                              (op.max_inputs() == 1 ? "" : "s") + " but has " + std::to_string(n) +
                              ". Fix: " + (n >= op.min_inputs()  ? std::string("remove inputs.")
                                           : op.min_inputs() == 1 ? std::string("connect it with .input(op).")
                                                                  : "connect them all with .inputs({&a, &b}), or one "
                                                                    "more with .input(" + std::to_string(n) + ", op)."));
        }
    }

    // Output.
    Operator* output = chain.output_operator();
    if (!output && chain.output_name().empty())
        return make_error("the chain has only value operators (" + known_names(chain) +
                          "), so there is no image to show. Fix: add an image operator, e.g. "
                          "chain.add<Noise>(\"noise\"), and drive its parameters with them.");
    if (!output)
        return make_error("the chain's output '" + chain.output_name() + "' is not in the chain (operators: " +
                          known_names(chain) + "). Fix: call chain.output() with one of those names.");
    if (output->is_value())
        return make_error("the chain's output " + quote(*output) +
                          " is a value operator, which has no image. Fix: call chain.output() with an image "
                          "operator, and drive its parameters with the value.");

    // Drivers: each one in this chain; value operators in dependency order (drivers first).
    std::vector<ValueOperator*> values;
    {
        std::vector<std::vector<std::size_t>> drivers(ops.size());  // value op -> the value ops driving it
        for (std::size_t i = 0; i < ops.size(); ++i) {
            for (const ParamBase* p : ops[i]->params())
                for (int c = 0; c < p->components(); ++c) {
                    ValueOperator* d = p->driver(c);
                    if (!d) continue;
                    if (!index.count(d))
                        return make_error("operator " + quote(*ops[i]) + ": parameter '" + p->name() +
                                          "' is driven by a value operator that is not in this chain. Fix: add the "
                                          "value operator to this chain with chain.add<T>(name).");
                    if (d == ops[i].get())
                        return make_error("value operator " + quote(*d) + " drives its own parameter '" + p->name() +
                                          "', which is a cycle. Fix: drive it with another value operator.");
                    if (ops[i]->is_value()) drivers[i].push_back(index[d]);
                }
        }
        std::vector<int> pending(ops.size(), 0);
        std::vector<std::vector<std::size_t>> driven(ops.size());
        for (std::size_t v = 0; v < ops.size(); ++v) {
            std::sort(drivers[v].begin(), drivers[v].end());
            drivers[v].erase(std::unique(drivers[v].begin(), drivers[v].end()), drivers[v].end());
            for (std::size_t d : drivers[v]) ++pending[v], driven[d].push_back(v);
        }
        std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
        std::size_t total = 0;
        for (std::size_t v = 0; v < ops.size(); ++v)
            if (ops[v]->is_value() && (++total, pending[v] == 0)) ready.push(v);
        while (!ready.empty()) {
            const std::size_t v = ready.top();
            ready.pop();
            values.push_back(static_cast<ValueOperator*>(ops[v].get()));
            for (std::size_t r : driven[v])
                if (--pending[r] == 0) ready.push(r);
        }
        if (values.size() != total) {
            // Follow drivers among the ones left until one repeats: that is a cycle.
            std::size_t v = 0;
            while (!ops[v]->is_value() || pending[v] == 0) ++v;
            std::vector<std::size_t> path;
            while (std::find(path.begin(), path.end(), v) == path.end()) {
                path.push_back(v);
                for (std::size_t d : drivers[v])
                    if (pending[d] > 0) {
                        v = d;
                        break;
                    }
            }
            // "a.frequency <- b.amplitude <- a": each parameter named with the operator driving it.
            const auto driven_param = [&](std::size_t x, std::size_t by) -> std::string {
                for (const ParamBase* p : ops[x]->params())
                    for (int c = 0; c < p->components(); ++c)
                        if (p->driver(c) == ops[by].get()) return p->name();
                return "?";
            };
            std::string s;
            const auto first = std::find(path.begin(), path.end(), v);
            for (auto it = first; it != path.end(); ++it) {
                const std::size_t by = it + 1 != path.end() ? *(it + 1) : v;
                s += ops[*it]->name() + "." + driven_param(*it, by) + " <- ";
            }
            s += ops[v]->name();
            return make_error("value operators drive each other in a cycle: " + s +
                              " (each parameter takes its value from the operator after it). Fix: drive one of "
                              "those parameters from elsewhere, or set it with a value.");
        }
    }

    // Cycles (history edges excluded): iterative DFS with colours, reporting the cycle's path.
    {
        enum : std::uint8_t { kWhite, kGrey, kBlack };
        std::vector<std::uint8_t> colour(ops.size(), kWhite);
        std::vector<std::size_t> path;
        for (std::size_t root = 0; root < ops.size(); ++root) {
            if (colour[root] != kWhite) continue;
            std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};
            colour[root] = kGrey;
            path.assign(1, root);
            while (!stack.empty()) {
                auto& [v, next] = stack.back();
                if (next < nodes[v].inputs.size()) {
                    const std::size_t k = next++;
                    if (nodes[v].history[k]) continue;
                    const std::size_t w = index[nodes[v].inputs[k]];
                    if (colour[w] == kGrey) {
                        // Cycle: w ... v -> w, where each reads the one after it.
                        auto it = std::find(path.begin(), path.end(), w);
                        std::string s;
                        for (auto p = it; p != path.end(); ++p) s += ops[*p]->name() + " -> ";
                        s += ops[w]->name();
                        return make_error("the chain has a cycle: " + s +
                                          " (each operator reads the next one as input). Fix: remove one of these "
                                          "inputs, or read a previous frame with history(op).");
                    }
                    if (colour[w] == kWhite) {
                        colour[w] = kGrey;
                        stack.push_back({w, 0});
                        path.push_back(w);
                    }
                } else {
                    colour[v] = kBlack;
                    stack.pop_back();
                    path.pop_back();
                }
            }
        }
    }

    // Reachability from the output, through inputs and history inputs.
    std::vector<bool> needed(ops.size(), false);
    {
        std::vector<std::size_t> todo{index[output]};
        needed[index[output]] = true;
        if (Operator* viewed = env.viewed.empty() ? nullptr : chain.find(env.viewed);
            viewed && !viewed->is_value() && !needed[index[viewed]])
            needed[index[viewed]] = true, todo.push_back(index[viewed]);
        while (!todo.empty()) {
            std::size_t v = todo.back();
            todo.pop_back();
            for (Operator* in : nodes[v].inputs) {
                std::size_t w = index[in];
                if (!needed[w]) needed[w] = true, todo.push_back(w);
            }
        }
    }

    // Topological order over needed operators (inputs first), smallest insertion index first.
    std::vector<std::size_t> order;
    {
        std::vector<int> pending(ops.size(), 0);
        std::vector<std::vector<std::size_t>> readers(ops.size());
        for (std::size_t v = 0; v < ops.size(); ++v) {
            if (!needed[v]) continue;
            for (std::size_t k = 0; k < nodes[v].inputs.size(); ++k) {
                if (nodes[v].history[k]) continue;
                std::size_t w = index[nodes[v].inputs[k]];
                ++pending[v];
                readers[w].push_back(v);
            }
        }
        std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
        for (std::size_t v = 0; v < ops.size(); ++v)
            if (needed[v] && pending[v] == 0) ready.push(v);
        while (!ready.empty()) {
            std::size_t v = ready.top();
            ready.pop();
            order.push_back(v);
            for (std::size_t r : readers[v])
                if (--pending[r] == 0) ready.push(r);
        }
    }

    Plan plan;
    plan.output = output;
    plan.values = std::move(values);
    for (const ValueOperator* v : plan.values) plan.depends_on_past = plan.depends_on_past || v->depends_on_past();
    for (std::size_t v : order) plan.depends_on_past = plan.depends_on_past || ops[v]->depends_on_past();
    for (std::size_t v = 0; v < ops.size(); ++v)
        if (!needed[v] && !ops[v]->is_value()) plan.culled.push_back(ops[v].get());

    // Sizes and formats, in order (a relative size needs its first input's size).
    std::vector<Extent> extent(ops.size());
    for (std::size_t v : order) {
        Operator& op = *ops[v];
        const SizeSpec& spec = op.size_spec();
        Extent e;
        if (spec.mode == SizeSpec::Mode::Absolute) {
            e = spec.absolute;
        } else {
            if (!(spec.factor > 0.0f) || !std::isfinite(spec.factor))
                return make_error("operator " + quote(op) + " has relative size factor " +
                                  std::to_string(spec.factor) +
                                  ". Fix: use a positive factor such as 1, 0.5, 0.25 or 2.");
            Extent base = env.canvas;
            if (!nodes[v].inputs.empty() && !nodes[v].history[0]) base = extent[index[nodes[v].inputs[0]]];
            const double w = std::round(double(base.width) * spec.factor);
            const double h = std::round(double(base.height) * spec.factor);
            // Check in double before converting: a huge factor must not wrap to a small size.
            if (w > double(env.max_dimension) || h > double(env.max_dimension))
                return make_error("operator " + quote(op) + ": relative size " + std::to_string(spec.factor) + " of " +
                                  size_string(base) + " gives " + std::to_string(std::uint64_t(std::min(w, 1e18))) +
                                  "x" + std::to_string(std::uint64_t(std::min(h, 1e18))) + ", beyond the device's limit of " +
                                  std::to_string(env.max_dimension) + " pixels per side. Fix: use a smaller factor.");
            e.width = static_cast<std::uint32_t>(w);
            e.height = static_cast<std::uint32_t>(h);
            if ((e.width == 0 || e.height == 0) && base.width && base.height)
                return make_error("operator " + quote(op) + ": relative size " + std::to_string(spec.factor) +
                                  " of " + size_string(base) + " gives " + size_string(e) +
                                  ". Fix: use a relative size nearer 1 (for Downsample, a smaller factor()) or an absolute "
                                  ".size(w, h).");
        }
        if (e.width == 0 || e.height == 0)
            return make_error("operator " + quote(op) + " has size " + size_string(e) +
                              "; both sides must be at least 1 pixel. Fix: give it a size such as .size(1280, 720).");
        if (e.width > env.max_dimension || e.height > env.max_dimension)
            return make_error("operator " + quote(op) + " has size " + size_string(e) +
                              ", beyond the device's limit of " + std::to_string(env.max_dimension) +
                              " pixels per side. Fix: use a size of at most " + std::to_string(env.max_dimension) +
                              "x" + std::to_string(env.max_dimension) + ".");
        extent[v] = e;
    }

    // History sources: read as history(op) by a needed operator, or reading their own history.
    std::vector<bool> history_source(ops.size(), false);
    for (std::size_t v : order) {
        if (ops[v]->uses_own_history()) history_source[v] = true;
        for (std::size_t k = 0; k < nodes[v].inputs.size(); ++k)
            if (nodes[v].history[k]) history_source[index[nodes[v].inputs[k]]] = true;
    }

    for (std::size_t v : order) {
        PlanStep st;
        st.op = ops[v].get();
        st.extent = extent[v];
        st.format = st.op->output_format();
        st.inputs = nodes[v].inputs;
        st.input_is_history = nodes[v].history;
        st.history_source = history_source[v];
        for (std::size_t k = 0; k < st.inputs.size(); ++k)
            st.uses.push_back({st.inputs[k], st.input_is_history[k], gpu::ImageUsage::SampledRead});
        if (st.op->uses_own_history()) st.uses.push_back({st.op, true, gpu::ImageUsage::SampledRead});
        st.uses.push_back({st.op, false, gpu::ImageUsage::StorageWrite});
        if (st.history_source) plan.history_sources.push_back(st.op), plan.depends_on_past = true;
        if (std::any_of(st.op->params().begin(), st.op->params().end(), [](const ParamBase* p) { return p->driven(); }))
            plan.driven.push_back(st.op);
        plan.steps.push_back(std::move(st));
    }
    return plan;
}

}  // namespace loom::graph
