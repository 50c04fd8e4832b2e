#include "model/measurements/render.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace imans::measurements {

namespace {

// A string field up to its NUL.
std::string text_of(const Bytes& field) {
  const auto end = std::find(field.begin(), field.end(), std::uint8_t{0});
  return std::string(field.begin(), end);
}

// d-ng: "<algo>:\0<digest>" shown as algo:hex.
std::string digest_ng_text(const Bytes& field) {
  const auto nul = std::find(field.begin(), field.end(), std::uint8_t{0});
  if (nul == field.end()) return hex(field);
  return std::string(field.begin(), nul) + hex(std::span(nul + 1, field.end()));
}

std::string field_text(Template t, std::size_t i, const Bytes& field) {
  if (t == Template::ima) return i == 0 ? hex(field) : std::string(field.begin(), field.end());
  switch (i) {
    case 0:
      return digest_ng_text(field);
    case 1:
      return text_of(field);
    default:
      return hex(field);
  }
}

}  // namespace

Bytes binary_record(const Entry& e, Bank b) {
  Bytes out;
  append_u32(out, e.pcr);
  append(out, e.digest(b));
  const std::string_view name = template_name(e.tmpl);
  append_u32(out, static_cast<std::uint32_t>(name.size()));
  append(out, name);
  append(out, binary_template_data(e));
  return out;
}

std::string ascii_line(const Entry& e, Bank b) {
  std::string line = fmt::format("{:2} {} {}", e.pcr, hex(e.digest(b)), template_name(e.tmpl));
  for (std::size_t i = 0; i < e.fields.size(); ++i) line += " " + field_text(e.tmpl, i, e.fields[i]);
  return line;
}

std::string binary_list(const std::vector<Entry>& entries, Bank b) {
  std::string out;
  for (const Entry& e : entries) {
    const Bytes r = binary_record(e, b);
    out.append(r.begin(), r.end());
  }
  return out;
}

std::string ascii_list(const std::vector<Entry>& entries, Bank b) {
  std::string out;
  for (const Entry& e : entries) out += ascii_line(e, b) + "\n";
  return out;
}

}  // namespace imans::measurements
