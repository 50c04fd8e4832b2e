#include "model/measurement_list.hpp"

#include <algorithm>
#include <iterator>
#include <optional>

#include "model/measurements/audit.hpp"
#include "model/measurements/content.hpp"
#include "model/measurements/render.hpp"

namespace imans {

using measurements::Bank;
using measurements::Bytes;
using measurements::Entry;
using measurements::Event;
using measurements::Pcrs;
using measurements::Template;
using measurements::content_digest;
using measurements::make_entry;

namespace {

constexpr std::string_view kCryptoFailed = "libcrypto failed to hash";

// security.ima as the sig field shows it: only a signature is carried.
std::optional<Bytes> sig_field(const World& w, const std::string& path, const ImaXattr& x) {
  if (x.kind != XattrKind::sig && x.kind != XattrKind::bad) return Bytes{};
  const auto signed_digest = content_digest(Bank::sha256, path, x.version);
  if (!signed_digest) return std::nullopt;
  // `sign <path> bad` is a signature by a key nobody holds, over version 0,
  // which no content has; no trace key can be called "bad", so the name is free.
  const std::string_view key = x.kind == XattrKind::sig ? std::string_view(w.keys[x.key.v]) : "bad";
  return measurements::synthetic_signature(key, *signed_digest);
}

std::optional<Entry> file_entry(const World& w, const Measurement& m) {
  const std::string& path = w.files[m.file.v].path;
  Event e;
  e.name = path;
  const auto sha256 = content_digest(Bank::sha256, path, m.version);
  const auto sha1 = content_digest(Bank::sha1, path, m.version);
  const auto sig = sig_field(w, path, m.xattr);
  if (!sha256 || !sha1 || !sig) return std::nullopt;
  e.sha256 = *sha256;
  const Template t = measurements::template_of(m.template_id);
  if (t == Template::ima) e.sha1 = *sha1;
  if (t == Template::ima_sig) e.sig = *sig;
  return make_entry(m.pcr, t, e);
}

std::optional<Entry> boot_aggregate_entry() {
  const auto aggregate = measurements::boot_aggregate(Pcrs::zero());
  if (!aggregate) return std::nullopt;
  return make_entry(10, Template::ima_ng, Event{"boot_aggregate", *aggregate, {}, {}});
}

template <class T>
std::vector<T> of_ns(const std::vector<T>& all, ImaNsId ns) {
  std::vector<T> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const T& x) { return x.ns == ns; });
  std::stable_sort(out.begin(), out.end(), [](const T& a, const T& b) { return a.seq < b.seq; });
  return out;
}

}  // namespace

std::variant<MeasurementList, std::string> measurement_list(const State& s, const World& w,
                                                            ImaNsId ns) {
  MeasurementList l;
  l.ns = ns;
  l.pcrs = Pcrs::zero();
  auto first = boot_aggregate_entry();
  if (!first) return std::string(kCryptoFailed);
  l.entries.push_back(std::move(*first));
  for (const Measurement& m : of_ns(s.log, ns)) {
    auto e = file_entry(w, m);
    if (!e) return std::string(kCryptoFailed);
    l.entries.push_back(std::move(*e));
  }
  for (const Entry& e : l.entries) {
    if (!measurements::extend(l.pcrs, e)) return std::string(kCryptoFailed);
    l.pcr10_after.push_back({l.pcrs.at(Bank::sha1, 10), l.pcrs.at(Bank::sha256, 10)});
  }
  for (const AuditRecord& a : of_ns(s.audit, ns)) {
    const std::string& path = w.files[a.file.v].path;
    const auto digest = content_digest(Bank::sha256, path, a.version);
    if (!digest) return std::string(kCryptoFailed);
    l.audit.push_back(measurements::audit_line(a.seq, path, *digest));
  }
  return l;
}

std::vector<std::pair<std::string, std::string>> measurement_files(const MeasurementList& l) {
  std::string audit;
  for (const auto& line : l.audit) audit += line + "\n";
  return {
      {"ascii_runtime_measurements", measurements::ascii_list(l.entries, Bank::sha1)},
      {"binary_runtime_measurements", measurements::binary_list(l.entries, Bank::sha1)},
      {"ascii_runtime_measurements_sha256", measurements::ascii_list(l.entries, Bank::sha256)},
      {"binary_runtime_measurements_sha256", measurements::binary_list(l.entries, Bank::sha256)},
      {"pcrs-sha1.txt", measurements::pcrs_file(l.pcrs, Bank::sha1)},
      {"pcrs-sha256.txt", measurements::pcrs_file(l.pcrs, Bank::sha256)},
      {"audit.log", audit},
  };
}

}  // namespace imans
