// The kernel's per-keyword cases of ima_parse_rule(): what each token sets in
// the rule, and what makes one token bad on its own (or repeated).
#include <fmt/core.h>
#include <fmt/format.h>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/policy/draft.hpp"
#include "model/policy/lex.hpp"
#include "model/policy/names.hpp"
#include "model/policy/values.hpp"

namespace imans::policy {
namespace {

using Outcome = std::optional<ParseError>;

// make_kuid() maps nothing onto (uid_t)-1, so the largest id a rule can hold
// is one below it.
constexpr std::uint64_t kMaxId = 0xfffffffeULL;

ParseError at(const Lexeme& lexeme, std::string message) {
  return ParseError{lexeme.column, std::move(message)};
}

ParseError duplicate(const Lexeme& lexeme) {
  return at(lexeme, fmt::format("duplicate {}=: a rule may give it only once", lexeme.name));
}

Outcome read_action(RuleDraft& d, const Lexeme& l) {
  if (d.rule.action != 0) {
    return at(l, fmt::format("second action \"{}\": a rule has exactly one action, and "
                             "\"{}\" was already given at column {}",
                             l.name, action_name(d.rule.action), d.action_column));
  }
  d.rule.action = l.action;
  d.action_column = l.column;
  return std::nullopt;
}

Outcome read_func(RuleDraft& d, const Lexeme& l) {
  if (d.rule.has(kFlagFunc)) return duplicate(l);
  const auto func = parse_func(l.value);
  if (!func) {
    return at(l, fmt::format("unknown func {}; expected one of {}", quote(l.value),
                             fmt::join(func_tokens(), ", ")));
  }
  // KEY_CHECK exists only with CONFIG_IMA_MEASURE_ASYMMETRIC_KEYS=y, which
  // the model assumes (it is the default wherever asymmetric keys are).
  d.rule.func = *func;
  d.set(kFlagFunc, l.column);
  return std::nullopt;
}

Outcome read_mask(RuleDraft& d, const Lexeme& l) {
  if (d.rule.has(kFlagMask) || d.rule.has(kFlagInMask)) return duplicate(l);
  const bool any_bit = l.value.front() == '^';
  const auto bit = parse_may(any_bit ? l.value.substr(1) : l.value);
  if (!bit) {
    return at(l, fmt::format("bad mask {}; expected one of MAY_EXEC, MAY_WRITE, MAY_READ, "
                             "MAY_APPEND, optionally after ^ (any-bit match); one name per mask=",
                             quote(l.value)));
  }
  d.rule.mask = *bit;
  d.set(any_bit ? kFlagInMask : kFlagMask, l.column);
  return std::nullopt;
}

Outcome read_fsmagic(RuleDraft& d, const Lexeme& l) {
  // The kernel spots a repeat only when the first value was non-zero; a
  // repeat is refused here whatever the first value was.
  if (d.rule.has(kFlagFsmagic)) return duplicate(l);
  const auto magic = parse_hex(l.value);
  if (!magic) {
    return at(l, fmt::format("bad fsmagic {}; expected a hexadecimal number such as 0x9fa0 "
                             "(the 0x is optional)",
                             quote(l.value)));
  }
  if (*magic > 0xffffffffULL) {
    // The kernel stores an unsigned long, but no superblock magic is wider
    // than 32 bits, so such a rule could never match.
    return at(l, fmt::format("fsmagic {} does not fit in 32 bits; filesystem magic numbers are "
                             "32-bit values",
                             quote(l.value)));
  }
  d.rule.fsmagic = static_cast<std::uint32_t>(*magic);
  d.set(kFlagFsmagic, l.column);
  return std::nullopt;
}

Outcome read_fsname(RuleDraft& d, const Lexeme& l) {
  // The kernel does not refuse a second fsname=: the last one wins.
  d.rule.fsname = std::string(l.value);
  d.set(kFlagFsname, l.column);
  return std::nullopt;
}

Outcome read_fs_subtype(RuleDraft& d, const Lexeme& l) {
  // fs_subtype= is newest mainline only (2025, for FUSE instances); accepted
  // here because it only narrows a rule.
  if (d.rule.has(kFlagFsSubtype)) return duplicate(l);
  d.rule.fs_subtype = std::string(l.value);
  d.set(kFlagFsSubtype, l.column);
  return std::nullopt;
}

Outcome read_fsuuid(RuleDraft& d, const Lexeme& l) {
  if (d.rule.has(kFlagFsuuid)) return duplicate(l);
  const auto uuid = parse_uuid(l.value);
  if (!uuid) {
    return at(l, fmt::format("bad fsuuid {}; expected a UUID in 8-4-4-4-12 hex form such as "
                             "8bcbe394-4f13-4144-be8e-5aa9ea2ce2f6",
                             quote(l.value)));
  }
  d.rule.fsuuid = *uuid;
  d.set(kFlagFsuuid, l.column);
  return std::nullopt;
}

std::variant<std::uint32_t, ParseError> read_id_value(const Lexeme& l) {
  const auto value = parse_decimal(l.value);
  if (!value) {
    return at(l, fmt::format("bad {} value {}; expected a decimal number", l.name, quote(l.value)));
  }
  if (*value > kMaxId) {
    return at(l, fmt::format("{} value {} is out of range; expected 0..4294967294 (it must fit "
                             "uid_t/gid_t, and (uid_t)-1 is no id)",
                             l.name, *value));
  }
  return static_cast<std::uint32_t>(*value);
}

// uid/euid share one slot (and gid/egid another), so the second of any two is
// refused, whichever spelling it uses.
Outcome read_id(RuleDraft& d, const Lexeme& l, IdCond& slot, Flag plain, Flag effective,
                bool is_effective) {
  const Flag mine = is_effective ? effective : plain;
  const Flag other = is_effective ? plain : effective;
  if (d.rule.has(mine)) return duplicate(l);
  if (d.rule.has(other)) {
    const std::string_view base = is_effective ? l.name.substr(1) : l.name;
    const std::string other_name = is_effective ? std::string(base) : "e" + std::string(base);
    return at(l, fmt::format("{}= cannot be combined with {}=: {} and e{} share one slot in the "
                             "rule, so give only one of them",
                             l.name, other_name, base, base));
  }
  auto value = read_id_value(l);
  if (auto* error = std::get_if<ParseError>(&value)) return std::move(*error);
  slot = IdCond{l.op, std::get<std::uint32_t>(value)};
  d.set(mine, l.column);
  return std::nullopt;
}

Outcome read_owner(RuleDraft& d, const Lexeme& l, IdCond& slot, Flag flag) {
  if (d.rule.has(flag)) return duplicate(l);
  auto value = read_id_value(l);
  if (auto* error = std::get_if<ParseError>(&value)) return std::move(*error);
  slot = IdCond{l.op, std::get<std::uint32_t>(value)};
  d.set(flag, l.column);
  return std::nullopt;
}

Outcome read_lsm(RuleDraft& d, const Lexeme& l) {
  // Whether the LSM knows the label is not modelled: any label is taken.
  const auto field = static_cast<std::size_t>(lsm_field_of(l.key));
  if (!d.rule.lsm[field].empty()) return duplicate(l);
  d.rule.lsm[field] = std::string(l.value);
  d.set(kFlagLsm, l.column);
  return std::nullopt;
}

Outcome read_digest_type(RuleDraft& d, const Lexeme& l) {
  if (l.value != "verity") {
    return at(l, fmt::format("unknown digest_type {}; expected verity", quote(l.value)));
  }
  d.set(kFlagVerityRequired, l.column);
  return std::nullopt;
}

Outcome read_appraise_type(RuleDraft& d, const Lexeme& l) {
  // A repeated appraise_type= is not refused by the kernel; the flags add up.
  // v6.6+ also sets IMA_CHECK_BLACKLIST for every signature type; we leave
  // it out so that a written rule equals the built-in C rule it spells
  // (those never carry it), as the policy notes ask. imasig|modsig assumes
  // CONFIG_IMA_APPRAISE_MODSIG=y.
  if (l.value == "imasig") {
    d.wrote_imasig = true;
    d.set(kFlagDigsigRequired, l.column);
  } else if (l.value == "imasig|modsig") {
    d.wrote_modsig = true;
    d.set(kFlagDigsigRequired, l.column);
    d.set(kFlagModsigAllowed, l.column);
  } else if (l.value == "sigv3") {
    d.wrote_sigv3 = true;
    d.set(kFlagDigsigRequired, l.column);
    d.set(kFlagSigv3Required, l.column);
  } else {
    return at(l, fmt::format("unknown appraise_type {}; expected imasig, imasig|modsig or sigv3",
                             quote(l.value)));
  }
  return std::nullopt;
}

Outcome read_appraise_flag(RuleDraft& d, const Lexeme& l) {
  // v6.x before v6.6 took any value containing "blacklist"; v6.6+ ignores the
  // value. Only the documented spelling is accepted here.
  if (l.value != "check_blacklist") {
    return at(l, fmt::format("unknown appraise_flag {}; expected check_blacklist", quote(l.value)));
  }
  d.set(kFlagCheckBlacklist, l.column);
  return std::nullopt;
}

Outcome read_appraise_algos(RuleDraft& d, const Lexeme& l) {
  if (d.rule.has(kFlagAppraiseAlgos)) return duplicate(l);
  std::uint32_t algos = 0;
  for (const auto item : split_list(l.value, ',')) {
    if (item.empty()) {
      return at(l, fmt::format("empty item in {}; algorithms are separated by single commas",
                               quote(l.text)));
    }
    const auto algo = parse_hash_algo(item);
    if (!algo) {
      std::vector<std::string_view> usable;
      for (std::size_t i = 0; i < kHashAlgoCount; ++i) {
        if (hash_algo_available(i)) usable.push_back(hash_algo_name(i));
      }
      return at(l, fmt::format("unknown hash algorithm {} in appraise_algos; expected kernel "
                               "hash names: {}",
                               quote(item), fmt::join(usable, ", ")));
    }
    if (!hash_algo_available(*algo)) {
      return at(l, fmt::format("hash algorithm {} in appraise_algos is not available: the "
                               "kernel's crypto API no longer provides it (gone since v5.11)",
                               quote(item)));
    }
    algos |= 1U << *algo;
  }
  d.rule.appraise_algos = algos;
  d.set(kFlagAppraiseAlgos, l.column);
  return std::nullopt;
}

Outcome read_pcr(RuleDraft& d, const Lexeme& l) {
  // A repeated pcr= is not refused by the kernel; the last one wins.
  const auto pcr = parse_signed_decimal(l.value);
  if (!pcr) {
    return at(l, fmt::format("bad pcr value {}; expected a decimal number 0..{}", quote(l.value),
                             kMaxPcr));
  }
  if (*pcr < 0 || *pcr > static_cast<std::int64_t>(kMaxPcr)) {
    return at(l, fmt::format("pcr={} is out of range; expected 0..{} (one bit of an unsigned "
                             "long per PCR)",
                             *pcr, kMaxPcr));
  }
  d.rule.pcr = static_cast<std::uint8_t>(*pcr);
  d.set(kFlagPcr, l.column);
  return std::nullopt;
}

std::string template_choices() {
  std::vector<std::string_view> names;
  for (const auto& t : builtin_templates()) names.push_back(t.name);
  return fmt::format("{}", fmt::join(names, ", "));
}

Outcome read_template(RuleDraft& d, const Lexeme& l) {
  // The kernel checks the action when it meets template=, so the order of the
  // two tokens matters.
  if (d.rule.action == 0) {
    return at(l, "template= must come after the measure action");
  }
  if (d.rule.action != kMeasure) {
    return at(l, fmt::format("template= is allowed only on measure rules, not on {}",
                             action_name(d.rule.action)));
  }
  if (d.rule.has(kFlagTemplate)) return duplicate(l);

  // lookup_template_desc() matches a descriptor's name or its format; a
  // built-in matched by format is stored (and printed back) by its name.
  for (const auto& t : builtin_templates()) {
    if (l.value == t.name || l.value == t.format) {
      d.rule.template_name = std::string(t.name);
      d.set(kFlagTemplate, l.column);
      return std::nullopt;
    }
  }
  // Any other format string is taken as the ima_template_fmt= boot template;
  // the kernel would also need that boot parameter to match it.
  const auto fields = split_list(l.value, '|');
  if (fields.size() == 1 && !is_template_field(fields.front())) {
    return at(l, fmt::format("unknown template {}; expected a template name ({}) or a format "
                             "string of fields such as d-ng|n-ng|sig",
                             quote(l.value), template_choices()));
  }
  if (fields.size() > kTemplateMaxFields) {
    return at(l, fmt::format("template format {} has {} fields; at most {} are allowed",
                             quote(l.value), fields.size(), kTemplateMaxFields));
  }
  for (const auto field : fields) {
    if (!is_template_field(field)) {
      return at(l, fmt::format("unknown template field {} in {}; known fields: d, n, d-ng, "
                               "d-ngv2, n-ng, sig, buf, d-modsig, modsig, evmsig, xattrnames, "
                               "xattrlengths, xattrvalues, iuid, igid, imode",
                               quote(field), quote(l.text)));
    }
  }
  d.rule.template_name = std::string(l.value);
  d.set(kFlagTemplate, l.column);
  return std::nullopt;
}

Outcome read_list(RuleDraft& d, const Lexeme& l, std::vector<std::string>& list, Flag flag) {
  if (d.rule.has(flag)) return duplicate(l);
  std::vector<std::string> items;
  for (const auto item : split_list(l.value, '|')) {
    if (item.empty()) {
      return at(l, fmt::format("empty item in {}; items are separated by single | characters",
                               quote(l.text)));
    }
    items.emplace_back(item);
  }
  list = std::move(items);
  d.set(flag, l.column);
  return std::nullopt;
}

}  // namespace

std::optional<ParseError> read_token(RuleDraft& d, const Lexeme& l) {
  Rule& r = d.rule;
  switch (l.key) {
    case Key::action:
      return read_action(d, l);
    case Key::permit_directio:
      d.set(kFlagPermitDirectio, l.column);
      return std::nullopt;
    case Key::func:
      return read_func(d, l);
    case Key::mask:
      return read_mask(d, l);
    case Key::fsmagic:
      return read_fsmagic(d, l);
    case Key::fsname:
      return read_fsname(d, l);
    case Key::fs_subtype:
      return read_fs_subtype(d, l);
    case Key::fsuuid:
      return read_fsuuid(d, l);
    case Key::uid:
    case Key::euid:
      return read_id(d, l, r.uid, kFlagUid, kFlagEuid, l.key == Key::euid);
    case Key::gid:
    case Key::egid:
      return read_id(d, l, r.gid, kFlagGid, kFlagEgid, l.key == Key::egid);
    case Key::fowner:
      return read_owner(d, l, r.fowner, kFlagFowner);
    case Key::fgroup:
      return read_owner(d, l, r.fgroup, kFlagFgroup);
    case Key::obj_user:
    case Key::obj_role:
    case Key::obj_type:
    case Key::subj_user:
    case Key::subj_role:
    case Key::subj_type:
      return read_lsm(d, l);
    case Key::digest_type:
      return read_digest_type(d, l);
    case Key::appraise_type:
      return read_appraise_type(d, l);
    case Key::appraise_flag:
      return read_appraise_flag(d, l);
    case Key::appraise_algos:
      return read_appraise_algos(d, l);
    case Key::pcr:
      return read_pcr(d, l);
    case Key::template_name:
      return read_template(d, l);
    case Key::keyrings:
      return read_list(d, l, r.keyrings, kFlagKeyrings);
    case Key::label:
      return read_list(d, l, r.labels, kFlagLabel);
  }
  return std::nullopt;
}

}  // namespace imans::policy
