#include <doctest/doctest.h>

#include "model/errno.hpp"

using namespace imans;

TEST_CASE("errno names round-trip") {
  for (auto e : {Errno::ok, Errno::perm, Errno::noent, Errno::nomem, Errno::acces, Errno::busy,
                 Errno::inval, Errno::nospc, Errno::users}) {
    auto back = parse_errno(errno_name(e));
    REQUIRE(back.has_value());
    CHECK(*back == e);
  }
  CHECK_FALSE(parse_errno("EFOO").has_value());
  CHECK(errno_name(Errno::acces) == "EACCES");
}
