#pragma once
// One measurement-list entry: its template's fields as the kernel stores them
// (ima_template_lib.c) and its template digest in each bank, which is what
// gets extended into the PCR.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/measurements/hash.hpp"

namespace imans::measurements {

enum class Template : std::uint8_t { ima_ng, ima_sig, ima };

std::string_view template_name(Template t);
// Measurement::template_id: 0 ima-ng, 1 ima-sig, 2 ima.
Template template_of(std::uint8_t template_id);

// What the fields are made from.
struct Event {
  std::string name;  // the path, or "boot_aggregate"
  Bytes sha256;      // the file digest (d-ng)
  Bytes sha1;        // the file digest again in sha1, for template ima's d
  Bytes sig;         // security.ima when it is a signature, else empty
};

struct Entry {
  std::uint32_t pcr = 10;
  Template tmpl = Template::ima_ng;
  // Each field's data. ima-ng: d-ng, n-ng; ima-sig: d-ng, n-ng, sig. Strings
  // end in their NUL, counted in the length. ima: d (20 bytes), n without NUL,
  // because that template's binary form and hash treat n specially.
  std::vector<Bytes> fields;
  std::array<Bytes, 2> digests;  // the template digest, by Bank

  [[nodiscard]] const Bytes& digest(Bank b) const { return digests[static_cast<int>(b)]; }
};

// The fields and template digests; nullopt when libcrypto fails.
std::optional<Entry> make_entry(std::uint32_t pcr, Template t, const Event& e);

// What each bank hashes for the template digest: for every template but ima,
// the fields as u32 length || data, which is also the record's template data;
// for ima, d || n zero-padded to 256 bytes, without lengths.
Bytes hashed_template_data(const Entry& e);

// The record's part after the template name: u32 length || the hashed data,
// or for ima, d || u32 strlen(n) || n without NUL (no overall length).
Bytes binary_template_data(const Entry& e);

// The kernel's treatment of event names: spaces become '_' so an ASCII line
// still splits into its fields; the replacement is hashed too.
std::string event_name(std::string_view path);

}  // namespace imans::measurements
