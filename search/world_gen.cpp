#include "search/world_gen.hpp"

#include <fmt/format.h>

#include "model/policy/builtin.hpp"
#include "model/policy/parse.hpp"

namespace imans::search {

namespace {

// A rule built from the grammar: an action, then any of func, mask, an id
// condition with an operator, fsmagic and, for appraise, appraise_type.
rc::Gen<std::string> gen_grammar_rule() {
  return rc::gen::exec([] {
    const std::string action = *rc::gen::element<std::string>(
        "measure", "dont_measure", "appraise", "dont_appraise", "audit", "dont_audit", "hash");
    std::string rule = action;
    const int func = *rc::gen::inRange(0, 5);
    static const char* const kFuncs[] = {"BPRM_CHECK", "FILE_CHECK", "MMAP_CHECK", "CREDS_CHECK"};
    if (func < 4) rule += fmt::format(" func={}", kFuncs[func]);
    if (*rc::gen::inRange(0, 4) == 0)
      rule += *rc::gen::element<std::string>(" mask=MAY_EXEC", " mask=^MAY_READ", " mask=MAY_WRITE");
    const int id = *rc::gen::inRange(0, 5);
    if (id < 3) {
      static const char* const kIds[] = {"uid", "euid", "fowner"};
      const char* op = *rc::gen::element("=", "=", "<", ">");
      const int value = *rc::gen::element(0, 1000);
      rule += fmt::format(" {}{}{}", kIds[id], op, value);
    }
    if (*rc::gen::inRange(0, 6) == 0) rule += " fsmagic=0x1021994";
    if (action == "appraise" && *rc::gen::inRange(0, 2) == 0) rule += " appraise_type=imasig";
    return rule;
  });
}

}  // namespace

rc::Gen<std::string> gen_namespace_rule() {
  return rc::gen::weightedOneOf<std::string>({
      {3, rc::gen::element<std::string>(
              "dont_appraise func=BPRM_CHECK", "measure func=BPRM_CHECK",
              "appraise func=BPRM_CHECK appraise_type=imasig", "dont_measure func=BPRM_CHECK",
              "measure func=FILE_CHECK mask=^MAY_READ", "measure func=MMAP_CHECK mask=MAY_EXEC",
              "appraise fowner=0", "hash func=FILE_CHECK", "measure uid=1000")},
      // Audit rules are where the designs restrict who may write what.
      {2, rc::gen::element<std::string>("audit func=BPRM_CHECK", "dont_audit func=BPRM_CHECK",
                                        "audit func=FILE_CHECK mask=^MAY_READ")},
      {1, gen_grammar_rule()},
  });
}

rc::Gen<std::string> gen_host_rule() {
  return rc::gen::weightedOneOf<std::string>({
      {3, rc::gen::element<std::string>(
              "appraise func=BPRM_CHECK appraise_type=imasig", "appraise func=BPRM_CHECK",
              "appraise func=BPRM_CHECK uid=1000", "appraise func=MMAP_CHECK appraise_type=imasig",
              "measure func=BPRM_CHECK", "measure func=BPRM_CHECK mask=MAY_EXEC uid=0",
              "audit func=BPRM_CHECK", "audit func=FILE_CHECK mask=^MAY_READ",
              "measure func=FILE_CHECK mask=^MAY_READ euid=0", "appraise fowner=0",
              "dont_appraise fsmagic=0x1021994", "audit func=BPRM_CHECK uid=1000",
              "measure func=BPRM_CHECK fowner=1000")},
      {1, gen_grammar_rule()},
  });
}

rc::Gen<GeneratedWorld> gen_world(const Design&) {
  // Full-range choices whatever the test's size (RapidCheck scales ranges by it).
  return rc::gen::resize(rc::kNominalSize, rc::gen::exec([] {
    GeneratedWorld g;
    if (*rc::gen::inRange(0, 6) == 0)
      g.builtin = *rc::gen::element<std::string>("tcb", "appraise_tcb", "secure_boot", "ima_tcb");
    g.host_rules = *rc::gen::container<std::vector<std::string>>(
        static_cast<std::size_t>(*rc::gen::inRange(0, 4)), gen_host_rule());
    // Files: root's, an ordinary user's, one on tmpfs.
    static const FileDecl kFiles[] = {
        {"/usr/bin/tool", 0, 0, 0xef53, {}},
        {"/home/u/tool", 1000, 1000, 0xef53, {}},
        {"/tmp/script", 0, 0, 0x1021994, {}},
    };
    const int nfiles = *rc::gen::inRange(1, 4);
    for (int i = 0; i < nfiles; ++i) g.files.push_back(kFiles[i]);
    g.keys = {"host", "guest"};
    g.host_keys = *rc::gen::element<KeySet>(0, 1);
    build_world(g);
    return g;
  }));
}

void build_world(GeneratedWorld& g) {
  auto w = std::make_shared<World>();
  w->files = g.files;
  w->keys = g.keys;
  w->host_keys = g.host_keys;
  if (!g.builtin.empty())
    if (auto text = policy::builtin_policy_text(g.builtin))
      for (auto& line : policy::parse_policy(*text).rules) w->builtin_policy.push_back(line.rule);
  std::vector<std::string> kept;
  for (const auto& r : g.host_rules) {
    auto parsed = policy::parse_rule(r);
    if (auto* rule = std::get_if<policy::Rule>(&parsed)) {
      w->host_policy.push_back(*rule);
      kept.push_back(r);
    }
  }
  g.host_rules = kept;
  g.world = std::move(w);
}

void world_to_trace(const GeneratedWorld& g, traces::Trace& t) {
  using traces::WorldLine;
  if (!g.builtin.empty()) {
    t.world_lines.push_back(WorldLine{WorldLine::Kind::host_policy, t.host_policy.size(), "", {}});
    t.host_policy.push_back(traces::HostPolicyLine{{}, g.builtin, {}});
  }
  if (!g.host_rules.empty()) {
    t.world_lines.push_back(WorldLine{WorldLine::Kind::host_policy, t.host_policy.size(), "", {}});
    t.host_policy.push_back(traces::HostPolicyLine{g.host_rules, "", {}});
  }
  for (std::size_t i = 0; i < g.files.size(); ++i)
    t.world_lines.push_back(WorldLine{WorldLine::Kind::file, i, "", {}});
  for (std::size_t i = 0; i < g.keys.size(); ++i)
    t.world_lines.push_back(WorldLine{(g.host_keys >> i) & 1 ? WorldLine::Kind::host_key
                                                             : WorldLine::Kind::key,
                                      i, "", {}});
  t.world = *g.world;
}

}  // namespace imans::search
