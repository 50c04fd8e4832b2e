// ima_policy_show(): a rule as the kernel prints it when the policy file is
// read back, in its token order, without the trailing space.
#include <fmt/core.h>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "model/policy/names.hpp"
#include "model/policy/parse.hpp"

namespace imans::policy {
namespace {

void put(std::vector<std::string>& out, std::string token) { out.push_back(std::move(token)); }

std::string_view op_text(IdOp op) {
  switch (op) {
    case IdOp::lt:
      return "<";
    case IdOp::gt:
      return ">";
    case IdOp::eq:
      break;
  }
  return "=";
}

// The kernel prints ids with "%d", so values above INT_MAX come back negative
// and cannot be written again. We print them unsigned, as they were written.
std::string id_token(std::string_view key, const IdCond& cond) {
  return fmt::format("{}{}{}", key, op_text(cond.op), cond.value);
}

std::string uuid_text(const std::array<std::uint8_t, 16>& b) {
  return fmt::format(
      "{:02x}{:02x}{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-"
      "{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}",
      b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
      b[15]);
}

void put_mask(std::vector<std::string>& out, const Rule& rule) {
  // One mask= per bit, as the kernel prints them.
  const bool any_bit = rule.has(kFlagInMask);
  for (const std::uint8_t bit : {kMayExec, kMayWrite, kMayRead, kMayAppend}) {
    if ((rule.mask & bit) != 0)
      put(out, fmt::format("mask={}{}", any_bit ? "^" : "", may_name(bit)));
  }
}

void put_actions(std::vector<std::string>& out, std::uint16_t action) {
  for (std::uint16_t bit = 1; bit != 0; bit = static_cast<std::uint16_t>(bit << 1)) {
    if ((action & bit) != 0 && !action_name(bit).empty()) put(out, std::string(action_name(bit)));
  }
}

std::string algos_text(std::uint32_t algos) {
  std::vector<std::string_view> names;
  for (std::size_t i = 0; i < kHashAlgoCount; ++i) {
    if ((algos & (1U << i)) != 0) names.push_back(hash_algo_name(i));
  }
  return fmt::format("{}", fmt::join(names, ","));
}

}  // namespace

std::string format_rule(const Rule& rule) {
  std::vector<std::string> out;
  put_actions(out, rule.action);
  if (rule.has(kFlagFunc)) put(out, fmt::format("func={}", func_name(rule.func)));
  if (rule.has(kFlagMask) || rule.has(kFlagInMask)) put_mask(out, rule);
  if (rule.has(kFlagFsmagic)) put(out, fmt::format("fsmagic=0x{:x}", rule.fsmagic));
  if (rule.has(kFlagFsname)) put(out, "fsname=" + rule.fsname);
  if (rule.has(kFlagFsSubtype)) put(out, "fs_subtype=" + rule.fs_subtype);
  if (rule.has(kFlagKeyrings)) put(out, fmt::format("keyrings={}", fmt::join(rule.keyrings, "|")));
  if (rule.has(kFlagLabel)) put(out, fmt::format("label={}", fmt::join(rule.labels, "|")));
  if (rule.has(kFlagPcr)) put(out, fmt::format("pcr={}", rule.pcr));
  if (rule.has(kFlagFsuuid)) put(out, "fsuuid=" + uuid_text(rule.fsuuid));
  if (rule.has(kFlagUid)) put(out, id_token("uid", rule.uid));
  if (rule.has(kFlagEuid)) put(out, id_token("euid", rule.uid));
  if (rule.has(kFlagGid)) put(out, id_token("gid", rule.gid));
  if (rule.has(kFlagEgid)) put(out, id_token("egid", rule.gid));
  if (rule.has(kFlagFowner)) put(out, id_token("fowner", rule.fowner));
  if (rule.has(kFlagFgroup)) put(out, id_token("fgroup", rule.fgroup));
  if (rule.has(kFlagAppraiseAlgos)) put(out, "appraise_algos=" + algos_text(rule.appraise_algos));
  for (std::size_t i = 0; i < kLsmFields; ++i) {
    if (!rule.lsm[i].empty()) {
      put(out, fmt::format("{}={}", lsm_field_name(static_cast<LsmField>(i)), rule.lsm[i]));
    }
  }
  if (rule.has(kFlagTemplate)) put(out, "template=" + rule.template_name);
  if (rule.has(kFlagDigsigRequired)) {
    if (rule.has(kFlagSigv3Required)) {
      put(out, "appraise_type=sigv3");
    } else if (rule.has(kFlagModsigAllowed)) {
      put(out, "appraise_type=imasig|modsig");
    } else {
      put(out, "appraise_type=imasig");
    }
  }
  if (rule.has(kFlagVerityRequired)) put(out, "digest_type=verity");
  if (rule.has(kFlagCheckBlacklist)) put(out, "appraise_flag=check_blacklist");
  if (rule.has(kFlagPermitDirectio)) put(out, "permit_directio");
  return fmt::format("{}", fmt::join(out, " "));
}

}  // namespace imans::policy
