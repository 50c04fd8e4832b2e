#include "model/measurements/entry.hpp"

#include <algorithm>

namespace imans::measurements {

namespace {

// Template ima's n field holds at most this many characters; a longer path is
// replaced by the file's own name (IMA_EVENT_NAME_LEN_MAX), which a real file
// system keeps within that limit.
constexpr std::size_t kImaNameMax = 255;

Bytes string_field(std::string_view s) {
  Bytes b = bytes_of(s);
  b.push_back(0);
  return b;
}

Bytes digest_ng_field(std::string_view algo, const Bytes& digest) {
  Bytes b = bytes_of(algo);
  b.push_back(':');
  b.push_back(0);
  append(b, digest);
  return b;
}

std::string_view own_name(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string_view template_name(Template t) {
  switch (t) {
    case Template::ima_ng:
      return "ima-ng";
    case Template::ima_sig:
      return "ima-sig";
    case Template::ima:
      return "ima";
  }
  return "ima-ng";
}

Template template_of(std::uint8_t template_id) {
  switch (template_id) {
    case 1:
      return Template::ima_sig;
    case 2:
      return Template::ima;
    default:
      return Template::ima_ng;
  }
}

std::string event_name(std::string_view path) {
  std::string s(path);
  std::replace(s.begin(), s.end(), ' ', '_');
  return s;
}

std::optional<Entry> make_entry(std::uint32_t pcr, Template t, const Event& e) {
  Entry out;
  out.pcr = pcr;
  out.tmpl = t;
  const std::string name = event_name(e.name);
  if (t == Template::ima) {
    out.fields.push_back(e.sha1);
    std::string_view n = name;
    if (n.size() > kImaNameMax) n = own_name(n).substr(0, kImaNameMax);  // a dentry name fits
    out.fields.push_back(bytes_of(n));
  } else {
    out.fields.push_back(digest_ng_field(bank_name(Bank::sha256), e.sha256));
    out.fields.push_back(string_field(name));
    if (t == Template::ima_sig) out.fields.push_back(e.sig);
  }
  const Bytes data = hashed_template_data(out);
  for (Bank b : kBanks) {
    auto d = hash(b, data);
    if (!d) return std::nullopt;
    out.digests[static_cast<int>(b)] = std::move(*d);
  }
  return out;
}

Bytes hashed_template_data(const Entry& e) {
  Bytes out;
  if (e.tmpl == Template::ima) {
    append(out, e.fields[0]);
    Bytes name = e.fields[1];
    name.resize(kImaNameMax + 1, 0);
    append(out, name);
    return out;
  }
  for (const Bytes& f : e.fields) {
    append_u32(out, static_cast<std::uint32_t>(f.size()));
    append(out, f);
  }
  return out;
}

Bytes binary_template_data(const Entry& e) {
  Bytes out;
  if (e.tmpl == Template::ima) {
    append(out, e.fields[0]);
    append_u32(out, static_cast<std::uint32_t>(e.fields[1].size()));
    append(out, e.fields[1]);
    return out;
  }
  const Bytes data = hashed_template_data(e);
  append_u32(out, static_cast<std::uint32_t>(data.size()));
  append(out, data);
  return out;
}

}  // namespace imans::measurements
