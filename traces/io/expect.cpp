// Assertions: `expect <kind> ...`, with namespace references and comparisons.
#include <array>
#include <limits>

#include <fmt/format.h>

#include "properties/ids.hpp"
#include "traces/io/numbers.hpp"
#include "traces/io/parser.hpp"

namespace imans::traces::io {
namespace {

// Ids are 16 bits and 0xffff means none (model/ids.hpp).
constexpr std::uint64_t kMaxNsNumber = 0xfffe;

constexpr std::string_view kNsRefForms =
    "ima(<task>), user(<task>), mnt(<task>), ima#<n>, user#<n>, mnt#<n> or init";

std::optional<ObjKind> ns_kind(std::string_view word) {
  if (word == "ima") return ObjKind::ima;
  if (word == "user") return ObjKind::user;
  if (word == "mnt") return ObjKind::mnt;
  return std::nullopt;
}

Status ns_ref(const Context& cx, Args& args, NsRef& out) {
  const Token* tok = nullptr;
  if (auto f = args.word("namespace reference", tok)) return f;
  std::string_view text = tok->text;
  out.pos = Pos{cx.line, tok->column};
  if (text == "init") {
    out.form = NsRef::Form::init;
    out.kind = ObjKind::ima;
    return std::nullopt;
  }
  auto split = text.find_first_of("#(");
  auto bad = [&] {
    return args.at(*tok, fmt::format("bad namespace reference {}; expected {}", tok->text,
                                     kNsRefForms));
  };
  if (split == std::string_view::npos || split == 0) return bad();
  auto kind = ns_kind(text.substr(0, split));
  if (!kind)
    return args.at(*tok, fmt::format("unknown namespace kind \"{}\" in {}; expected ima, user or "
                                     "mnt",
                                     text.substr(0, split), tok->text));
  out.kind = *kind;
  std::size_t inner_column = tok->column + split + 1;
  if (text[split] == '#') {
    Token digits = *tok;
    digits.text = text.substr(split + 1);
    digits.column = inner_column;
    auto n = parse_number(digits.text, kMaxNsNumber);
    if (!n) return bad_number(digits, "namespace number", kMaxNsNumber);
    out.form = NsRef::Form::numbered;
    out.number = static_cast<std::uint16_t>(*n);
    return std::nullopt;
  }
  if (!text.ends_with(')')) return bad();
  std::string_view task = text.substr(split + 1, text.size() - split - 2);
  if (auto f = cx.tasks.check_exists(task, inner_column)) return f;
  out.form = NsRef::Form::of_task;
  out.task = std::string(task);
  return std::nullopt;
}

Status comparison(Args& args, Expect& out) {
  static constexpr std::array<std::pair<std::string_view, CmpOp>, 6> kOps{{
      {"==", CmpOp::eq},
      {"!=", CmpOp::ne},
      {"<", CmpOp::lt},
      {"<=", CmpOp::le},
      {">", CmpOp::gt},
      {">=", CmpOp::ge},
  }};
  const Token* tok = nullptr;
  if (auto f = args.word("comparison operator", tok)) return f;
  bool found = false;
  for (const auto& [word, op] : kOps)
    if (tok->text == word) {
      out.op = op;
      found = true;
    }
  if (!found)
    return args.at(*tok, fmt::format("bad operator \"{}\"; expected one of == != < <= > >=",
                                     tok->text));
  return args.number("count", std::numeric_limits<std::uint64_t>::max(), out.n);
}

Status property(Args& args, Expect& out) {
  const Token* tok = nullptr;
  if (auto f = args.word("property id", tok)) return f;
  if (!properties::find_property(tok->text)) {
    std::string ids;
    for (auto p : properties::all_properties()) {
      if (!ids.empty()) ids += ", ";
      ids += properties::property_name(p);
    }
    return args.at(*tok, fmt::format("unknown property \"{}\"; properties: {}", tok->text, ids));
  }
  out.property = tok->text;
  return std::nullopt;
}

struct KindWord {
  std::string_view word;
  Expect::Kind kind;
  std::string_view usage;
};

constexpr std::array<KindWord, 8> kKinds{{
    {"measured", Expect::Kind::measured, "expect measured <ns-ref> <path> <op> <n>"},
    {"audited", Expect::Kind::audited, "expect audited <ns-ref> <path> <op> <n>"},
    {"refcount", Expect::Kind::refcount, "expect refcount <ns-ref> <op> <n>"},
    {"live", Expect::Kind::live, "expect live <ns-ref>"},
    {"freed", Expect::Kind::freed, "expect freed <ns-ref>"},
    {"live-count", Expect::Kind::live_count, "expect live-count ima|user|mnt <op> <n>"},
    {"holds", Expect::Kind::holds, "expect holds"},
    {"violated", Expect::Kind::violated, "expect violated <property-id>"},
}};

Status body(const Context& cx, Args& args, Expect& out) {
  switch (out.kind) {
    case Expect::Kind::measured:
    case Expect::Kind::audited:
      if (auto f = ns_ref(cx, args, out.ns)) return f;
      if (auto f = file_arg(cx, args, out.file)) return f;
      return comparison(args, out);
    case Expect::Kind::refcount:
      if (auto f = ns_ref(cx, args, out.ns)) return f;
      return comparison(args, out);
    case Expect::Kind::live:
    case Expect::Kind::freed:
      return ns_ref(cx, args, out.ns);
    case Expect::Kind::live_count: {
      const Token* tok = nullptr;
      if (auto f = args.word("namespace kind", tok)) return f;
      auto kind = ns_kind(tok->text);
      if (!kind)
        return args.at(*tok, fmt::format("unknown namespace kind \"{}\"; expected ima, user or "
                                         "mnt",
                                         tok->text));
      out.count_kind = *kind;
      return comparison(args, out);
    }
    case Expect::Kind::holds:
      return std::nullopt;
    case Expect::Kind::violated:
      return property(args, out);
  }
  return std::nullopt;
}

}  // namespace

Status parse_expect(Context& cx, const LexedLine& line, Expect& out) {
  std::string kinds;
  for (const auto& k : kKinds) {
    if (!kinds.empty()) kinds += ", ";
    kinds += k.word;
  }
  if (line.tokens.size() < 2)
    return Failure{line.end_column, fmt::format("missing assertion after expect; expected one "
                                                "of {}",
                                                kinds)};
  const Token& word = line.tokens[1];
  const KindWord* kw = nullptr;
  for (const auto& k : kKinds)
    if (word.is_word(k.word)) kw = &k;
  if (!kw)
    return Failure{word.column, fmt::format("unknown assertion {}; expected one of {}",
                                            shown(word), kinds)};
  out.kind = kw->kind;
  Args args = args_after(line, 2, std::string(kw->usage));
  if (auto f = body(cx, args, out)) return f;
  return args.end();
}

}  // namespace imans::traces::io
