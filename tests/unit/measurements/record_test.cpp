// The record formats of policy-and-formats.md section 4, checked byte by byte.
// Expected digests were computed with Python's hashlib, not with this code.
#include <doctest/doctest.h>

#include "bytes.hpp"
#include "model/measurements/audit.hpp"
#include "model/measurements/content.hpp"
#include "model/measurements/entry.hpp"
#include "model/measurements/pcrs.hpp"
#include "model/measurements/render.hpp"

using namespace imans;
using namespace imans::measurements;
using imans::test::slice;
using imans::test::text;
using imans::test::u32_at;
using imans::test::unhex;

namespace {

// sha256 over PCRs 0-9 of the sha256 bank, all zero; evmctl ima_boot_aggregate
// prints the same for zero PCR files.
constexpr std::string_view kZeroBootAggregate =
    "7b6436b0c98f62380866d9432c2af0ee08ce16a171bda6951aecd95ee1307d61";

Entry boot_entry() {
  auto e = make_entry(10, Template::ima_ng, Event{"boot_aggregate", unhex(kZeroBootAggregate), {}, {}});
  REQUIRE(e);
  return *e;
}

Entry hello_entry(Template t, Bytes sig = {}) {
  const std::string path = "/usr/bin/hello world";
  auto d256 = content_digest(Bank::sha256, path, 2);
  auto d1 = content_digest(Bank::sha1, path, 2);
  REQUIRE(d256);
  REQUIRE(d1);
  auto e = make_entry(10, t, Event{path, *d256, *d1, std::move(sig)});
  REQUIRE(e);
  return *e;
}

}  // namespace

TEST_CASE("the boot_aggregate digest is sha256 over ten zero sha256 PCRs") {
  const auto d = boot_aggregate(Pcrs::zero());
  REQUIRE(d);
  CHECK(hex(*d) == kZeroBootAggregate);
}

TEST_CASE("a boot_aggregate record is the 101 bytes of section 4.7, field by field") {
  const Entry e = boot_entry();
  const Bytes r = binary_record(e, Bank::sha1);
  REQUIRE(r.size() == 101);
  CHECK(slice(r, 0, 4) == Bytes{0x0a, 0, 0, 0});                      // pcr 10, little-endian
  CHECK(hex(slice(r, 4, 20)) == "6bdad7efa602f84ca31ffe3f11ff7c476e25dcdd");  // sha1 template digest
  CHECK(u32_at(r, 24) == 6);                                          // template name length
  CHECK(text(r, 28, 6) == "ima-ng");
  CHECK(u32_at(r, 34) == 63);                                         // template data length
  CHECK(u32_at(r, 38) == 40);                                         // d-ng length
  CHECK(slice(r, 42, 8) == Bytes{'s', 'h', 'a', '2', '5', '6', ':', 0});
  CHECK(hex(slice(r, 50, 32)) == kZeroBootAggregate);
  CHECK(u32_at(r, 82) == 15);                                         // n-ng length, NUL counted
  CHECK(text(r, 86, 15) == std::string("boot_aggregate\0", 15));
}

TEST_CASE("the _sha256 record carries a 32-byte template digest and the same data") {
  const Entry e = boot_entry();
  const Bytes r = binary_record(e, Bank::sha256);
  REQUIRE(r.size() == 113);
  CHECK(hex(slice(r, 4, 32)) == "7b400d2dda1901cf39118a43ceb3837cd1de0b584b757e8ee2cf173c9e1b3444");
  CHECK(slice(r, 36, 77) == slice(binary_record(e, Bank::sha1), 24, 77));
}

TEST_CASE("the template digest is each bank's hash of the template data") {
  const Entry e = hello_entry(Template::ima_ng);
  const Bytes data = hashed_template_data(e);
  const Bytes r = binary_record(e, Bank::sha1);
  CHECK(slice(r, r.size() - data.size(), data.size()) == data);  // the data as it stands
  CHECK(u32_at(r, 34) == data.size());
  for (Bank b : kBanks) CHECK(hash(b, data) == e.digest(b));
  CHECK(hex(e.digest(Bank::sha1)) == "f52594b7aa90ff24c02d9bd663fed9d3273aa393");
  CHECK(hex(e.digest(Bank::sha256)) ==
        "11524eb04798de640ec153cabcca2495de4a5faeaa8e239492e09b83ec1e638f");
}

TEST_CASE("template ima hashes d and the name padded to 256 bytes, and has no data length") {
  const Entry e = hello_entry(Template::ima);
  CHECK(hex(e.digest(Bank::sha1)) == "7112b36327747671c28f4d7dae92a34d8319922d");
  const Bytes r = binary_record(e, Bank::sha1);
  const std::string name = "/usr/bin/hello_world";
  REQUIRE(r.size() == 4 + 20 + 4 + 3 + 20 + 4 + name.size());
  CHECK(text(r, 28, 3) == "ima");
  CHECK(slice(r, 31, 20) == e.fields[0]);
  CHECK(u32_at(r, 51) == name.size());  // strlen, without the NUL
  CHECK(text(r, 55, name.size()) == name);
}

TEST_CASE("ASCII lines: %2d pcr, template digest, name, then every field") {
  const Entry e = hello_entry(Template::ima_ng);
  CHECK(ascii_line(e, Bank::sha1) ==
        "10 f52594b7aa90ff24c02d9bd663fed9d3273aa393 ima-ng "
        "sha256:3f8b98d50f0a8b468acd1cb7e7d18bcae68d7fcf9101fc296ca593da24496338 "
        "/usr/bin/hello_world");
  CHECK(ascii_line(e, Bank::sha256).starts_with(
      "10 11524eb04798de640ec153cabcca2495de4a5faeaa8e239492e09b83ec1e638f ima-ng sha256:"));
  // An empty sig field still prints its leading blank.
  CHECK(ascii_line(hello_entry(Template::ima_sig), Bank::sha1).ends_with(" /usr/bin/hello_world "));
  Entry low = boot_entry();
  low.pcr = 4;
  CHECK(ascii_line(low, Bank::sha1).starts_with(" 4 "));
  CHECK(ascii_line(hello_entry(Template::ima), Bank::sha1).starts_with(
      "10 7112b36327747671c28f4d7dae92a34d8319922d ima "));
}

TEST_CASE("a synthetic signature is a well-formed signature_v2_hdr blob") {
  const auto d = content_digest(Bank::sha256, "/usr/bin/hello world", 2);
  REQUIRE(d);
  const auto sig = synthetic_signature("host", *d);
  REQUIRE(sig);
  REQUIRE(sig->size() == 9 + 256);
  CHECK((*sig)[0] == 0x03);  // EVM_IMA_XATTR_DIGSIG
  CHECK((*sig)[1] == 2);     // version
  CHECK((*sig)[2] == 4);     // sha256
  CHECK(hex(slice(*sig, 3, 4)) == "a198c6ca");  // last 4 bytes of sha1("host")
  CHECK(slice(*sig, 7, 2) == Bytes{0x01, 0x00});  // sig_size 256, big-endian
  CHECK(synthetic_signature("host", *d) == sig);  // deterministic
  CHECK(synthetic_signature("other", *d) != sig);
  const Entry e = hello_entry(Template::ima_sig, *sig);
  CHECK(ascii_line(e, Bank::sha1).ends_with(" /usr/bin/hello_world " + hex(*sig)));
}

TEST_CASE("PCR extension: PCR := H(PCR || template digest) in both banks") {
  Pcrs p = Pcrs::zero();
  REQUIRE(extend(p, boot_entry()));
  REQUIRE(extend(p, hello_entry(Template::ima_ng)));
  CHECK(hex(p.at(Bank::sha1, 10)) == "f5cd9f3a6de023688d52ba652809b7d4f4fa2d9b");
  CHECK(hex(p.at(Bank::sha256, 10)) ==
        "9ae266f216b8a950024430bf1798f3b75175c52a67266a9aeeec6a0575102f35");
  CHECK(p.at(Bank::sha1, 9) == Bytes(20, 0));
  const std::string file = pcrs_file(p, Bank::sha256);
  CHECK(file.starts_with("PCR-00: " + std::string(64, '0') + "\n"));
  CHECK(file.find("PCR-10: 9ae266f216b8a950024430bf1798f3b75175c52a67266a9aeeec6a0575102f35\n") !=
        std::string::npos);
  CHECK(file.ends_with("PCR-23: " + std::string(64, '0') + "\n"));
}

TEST_CASE("audit lines quote plain paths and hex-encode the others") {
  std::string abab;
  for (int i = 0; i < 32; ++i) abab += "ab";
  CHECK(audit_line(7, "/bin/x", Bytes(32, 0xab)) ==
        "type=INTEGRITY_RULE msg=audit(0.000:7): file=\"/bin/x\" hash=\"sha256:" + abab + "\"");
  CHECK(untrusted_string("/a b") == "2F612062");
  CHECK(untrusted_string("/a\"b") == "2F612262");
}
