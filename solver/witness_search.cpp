// From a satisfiable violation to a trace that replays.
#include "solver/witness_search.hpp"

#include "solver/check_witness.hpp"
#include "solver/prefer.hpp"
#include "solver/reach.hpp"

namespace imans::solver {

void find_witness(z3::solver& s, const Chain& chain, Escape e, PropertyReport& out) {
  out.witness.reset();
  out.trace.reset();
  out.trace_text.clear();
  out.witness_problem.clear();
  out.witness_through_namespaces = false;
  z3::context& c = s.ctx();
  const z3::expr hash = chain.common.file.xattr == c.bv_val(kXattrHash, kEnumBits);
  const z3::expr ways[2] = {!hash, hash && hash_helper_quiet(chain.common.design,
                                                              chain.common.init.policy,
                                                              chain.common.file,
                                                              chain.common.subject)};
  for (const z3::expr& way : ways) {
    s.push();
    s.add(way);
    if (s.check() != z3::sat) {
      s.pop();
      continue;
    }
    const unsigned pushes = keep_satisfiable(s, witness_preferences(chain));
    const bool have = s.check() == z3::sat;
    if (have) out.witness = read_witness(s.get_model(), chain, e);
    s.pop(pushes + 1);
    if (have) break;
  }
  if (!out.witness) {
    out.witness_problem =
        "the violation needs a hash in security.ima that no helper namespace can write without "
        "init_ima_ns's policy acting on that write; no trace was made";
    return;
  }
  out.trace_text = witness_trace_text(*out.witness);
  auto trace = witness_trace(*out.witness);
  if (auto* err = std::get_if<std::string>(&trace)) {
    out.witness_problem = "the witness trace does not parse: " + *err;
    return;
  }
  out.trace = std::get<traces::Trace>(std::move(trace));
  out.witness_problem = check_witness(*out.trace, e);
}

}  // namespace imans::solver
