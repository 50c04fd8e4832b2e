#include "model/step.hpp"

namespace imans {

std::string_view to_string(NsType t) {
  switch (t) {
    case NsType::user:
      return "user";
    case NsType::mnt:
      return "mnt";
    case NsType::ima:
      return "ima";
  }
  return "?";
}

std::shared_ptr<const RuleTexts> make_rule_texts(const std::vector<std::string>& texts) {
  auto out = std::make_shared<RuleTexts>();
  out->reserve(texts.size());
  for (const auto& t : texts) out->push_back(RuleText{t, policy::parse_rule(t)});
  return out;
}

}  // namespace imans
