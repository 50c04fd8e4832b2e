// A namespace's list made from a replayed trace: the boot_aggregate first, one
// entry per content version, PCR 10 after every entry, signatures, audit.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <variant>

#include "bytes.hpp"
#include "model/measurement_list.hpp"
#include "model/measurements/content.hpp"
#include "model/measurements/render.hpp"
#include "traces/parse.hpp"
#include "traces/replay.hpp"

using namespace imans;
using namespace imans::measurements;

namespace {

struct Run {
  traces::Trace trace;
  traces::ReplayResult result;
};

Run run(std::string_view text) {
  auto parsed = traces::parse_trace(text, "test.trace");
  if (auto* e = std::get_if<traces::ParseError>(&parsed)) FAIL(e->to_string());
  Run r{std::get<traces::Trace>(std::move(parsed)), {}};
  r.result = traces::replay(r.trace);
  REQUIRE(r.result.status == traces::ReplayResult::Status::ok);
  return r;
}

MeasurementList list_of(const Run& r, ImaNsId ns) {
  auto l = measurement_list(r.result.final_state, r.trace.world, ns);
  if (auto* e = std::get_if<std::string>(&l)) FAIL(*e);
  return std::get<MeasurementList>(std::move(l));
}

// The file name an entry's n-ng field holds.
std::string name_of(const Entry& e) {
  return std::string(e.fields[1].begin(), e.fields[1].end() - 1);
}

Bytes digest_field(std::string_view path, std::uint32_t version) {
  Bytes f = bytes_of("sha256:");
  f.push_back(0);
  append(f, *content_digest(Bank::sha256, path, version));
  return f;
}

constexpr std::string_view kExecs = R"(imans-trace 1
design rfc2018
host-policy "measure func=BPRM_CHECK"
file /bin/a
file "/bin/b c"
t0 exec /bin/a => ok
t0 exec /bin/a => ok
t0 exec "/bin/b c" => ok
t0 modify /bin/a => ok
t0 exec /bin/a => ok
t0 exec /bin/a => ok
)";

}  // namespace

TEST_CASE("one entry per content version, after the boot_aggregate, in order") {
  const Run r = run(kExecs);
  const MeasurementList l = list_of(r, kInitImaNs);
  REQUIRE(l.entries.size() == 4);
  CHECK(name_of(l.entries[0]) == "boot_aggregate");
  CHECK(name_of(l.entries[1]) == "/bin/a");
  CHECK(name_of(l.entries[2]) == "/bin/b_c");  // the kernel's blank replacement
  CHECK(name_of(l.entries[3]) == "/bin/a");
  CHECK(l.entries[1].fields[0] == digest_field("/bin/a", 1));
  CHECK(l.entries[2].fields[0] == digest_field("/bin/b c", 1));  // content keeps the blank
  CHECK(l.entries[3].fields[0] == digest_field("/bin/a", 2));
  for (const Entry& e : l.entries) {
    CHECK(e.pcr == 10);
    CHECK(e.tmpl == Template::ima_ng);
  }
}

TEST_CASE("PCR 10 after each entry is the running extend, and the PCR files end there") {
  const MeasurementList l = list_of(run(kExecs), kInitImaNs);
  REQUIRE(l.pcr10_after.size() == l.entries.size());
  for (Bank b : kBanks) {
    Bytes pcr(digest_size(b), 0);
    for (std::size_t i = 0; i < l.entries.size(); ++i) {
      Bytes data = pcr;
      append(data, l.entries[i].digest(b));
      pcr = *hash(b, data);
      CHECK(l.pcr10_after[i][static_cast<int>(b)] == pcr);
    }
    CHECK(l.pcrs.at(b, 10) == pcr);
    for (std::size_t i = 0; i < kPcrCount; ++i)
      if (i != 10) CHECK(l.pcrs.at(b, i) == Bytes(digest_size(b), 0));
  }
}

TEST_CASE("the namespace's files, by name") {
  const MeasurementList l = list_of(run(kExecs), kInitImaNs);
  const auto files = measurement_files(l);
  REQUIRE(files.size() == 7);
  CHECK(files[0].first == "ascii_runtime_measurements");
  CHECK(files[0].second == ascii_list(l.entries, Bank::sha1));
  CHECK(files[1].first == "binary_runtime_measurements");
  CHECK(files[1].second.size() == 101 + 3 * (4 + 20 + 4 + 6 + 4 + 44) + (4 + 7) + (4 + 9) + (4 + 7));
  CHECK(files[3].first == "binary_runtime_measurements_sha256");
  CHECK(files[3].second.size() == files[1].second.size() + 4 * 12);
  CHECK(files[4].first == "pcrs-sha1.txt");
  CHECK(files[5].first == "pcrs-sha256.txt");
  CHECK(files[6].first == "audit.log");
  CHECK(files[6].second.empty());
}

TEST_CASE("ima-sig carries the signature security.ima held when measured") {
  const Run r = run(R"(imans-trace 1
design rfc2018
host-policy "measure func=BPRM_CHECK template=ima-sig"
file /bin/signed
file /bin/plain
file /bin/forged
key vendor
t0 sign /bin/signed vendor => ok
t0 sign /bin/forged bad => ok
t0 exec /bin/signed => ok
t0 exec /bin/plain => ok
t0 exec /bin/forged => ok
)");
  const MeasurementList l = list_of(r, kInitImaNs);
  REQUIRE(l.entries.size() == 4);
  CHECK(l.entries[0].tmpl == Template::ima_ng);  // the boot_aggregate keeps the default
  REQUIRE(l.entries[1].tmpl == Template::ima_sig);
  CHECK(l.entries[1].fields[2] ==
        *synthetic_signature("vendor", *content_digest(Bank::sha256, "/bin/signed", 1)));
  CHECK(l.entries[2].fields[2].empty());
  const Bytes& forged = l.entries[3].fields[2];
  REQUIRE(forged.size() == 265);
  CHECK(forged[0] == 0x03);  // keyid: the last 4 bytes of sha1("bad")
  CHECK(Bytes(forged.begin() + 3, forged.begin() + 7) == Bytes{0xaf, 0xbf, 0x4a, 0x8c});
}

TEST_CASE("a namespace's view is its own entries (binding flag: one list, filtered)") {
  const Run r = run(R"(imans-trace 1
design newima-flag
host-policy "measure func=BPRM_CHECK"
file /bin/app uid=0
t0 unshare ima => ok
t0 policy-for-children "measure func=BPRM_CHECK" => ok
t0 clone t1 => ok
t1 exec /bin/app => ok
t0 exec /bin/app => ok
)");
  const State& s = r.result.final_state;
  REQUIRE(s.imas.size() == 2);
  const MeasurementList child = list_of(r, ImaNsId{1});
  const MeasurementList init = list_of(r, kInitImaNs);
  // The walk measures t1's exec in both namespaces; t0's second exec of the
  // same version adds nothing to init's list.
  REQUIRE(child.entries.size() == 2);
  REQUIRE(init.entries.size() == 2);
  CHECK(name_of(child.entries[1]) == "/bin/app");
  CHECK(child.pcr10_after.back() == init.pcr10_after.back());  // same entries, own TPMs
}

TEST_CASE("audit records are printed with the audited version's hash") {
  const Run r = run(R"(imans-trace 1
design rfc2018
host-policy "audit func=BPRM_CHECK"
file /bin/a
t0 exec /bin/a => ok
t0 exec /bin/a => ok
t0 modify /bin/a => ok
t0 exec /bin/a => ok
)");
  const MeasurementList l = list_of(r, kInitImaNs);
  REQUIRE(l.entries.size() == 1);
  REQUIRE(l.audit.size() == 2);
  const auto& a = r.result.final_state.audit;
  CHECK(l.audit[1] == fmt::format("type=INTEGRITY_RULE msg=audit(0.000:{}): file=\"/bin/a\" "
                                  "hash=\"sha256:{}\"",
                                  a[1].seq, hex(*content_digest(Bank::sha256, "/bin/a", 2))));
}
