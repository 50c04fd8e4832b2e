// Lexical rules: numbers, quoting, comments, blank lines, line endings.
#include <limits>

#include "helpers.hpp"
#include "traces/io/lex.hpp"
#include "traces/io/numbers.hpp"

using namespace imans;
using namespace imans::traces;
using namespace imans::traces::test;

TEST_CASE("numbers are decimal or 0x hex") {
  using io::parse_number;
  constexpr auto kMax = std::numeric_limits<std::uint64_t>::max();
  CHECK(parse_number("0", kMax) == 0U);
  CHECK(parse_number("1000", kMax) == 1000U);
  CHECK(parse_number("0x3e8", kMax) == 1000U);
  CHECK(parse_number("0X3E8", kMax) == 1000U);
  CHECK(parse_number("18446744073709551615", kMax) == kMax);
  CHECK_FALSE(parse_number("18446744073709551616", kMax));
  CHECK(parse_number("0xffffffffffffffff", kMax) == kMax);
  CHECK_FALSE(parse_number("0x10000000000000000", kMax));
  CHECK(parse_number("4294967295", 0xffffffffU) == 0xffffffffU);
  CHECK_FALSE(parse_number("4294967296", 0xffffffffU));
  CHECK_FALSE(parse_number("9", 5));
  for (const char* bad : {"", "0x", "-1", "+1", "1e3", "12abc", " 1", "0xg", "ef53"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_number(bad, kMax));
  }
  CHECK(io::parse_hex("ef53", 0xffffffffU) == 0xef53U);
  CHECK(io::parse_hex("0x58465342", 0xffffffffU) == 0x58465342U);
  CHECK_FALSE(io::parse_hex("0x", 0xffffffffU));
  CHECK_FALSE(io::parse_hex("100000000", 0xffffffffU));
}

TEST_CASE("numbers in traces") {
  auto t = parse_ok(std::string(kHead) +
                    "seed 0xdeadbeef\n"
                    "file /a uid=0x3e8 gid=100 fsmagic=0x9123683E\n"
                    "file /b fsmagic=58465342\n"
                    "t0 setuid 0x10\n"
                    "inject enomem skip=0x2\n"
                    "expect refcount ima#0x1 >= 0x10\n");
  CHECK(t.seed == 0xdeadbeefU);
  CHECK(t.world.files[0].uid == 1000);
  CHECK(t.world.files[0].gid == 100);
  CHECK(t.world.files[0].fsmagic == 0x9123683e);
  CHECK(t.world.files[1].fsmagic == 0x58465342);
  CHECK(step_at(t, 0).step.value == 16);
  CHECK(step_at(t, 1).step.verb == Verb::inject_enomem);
  CHECK(step_at(t, 1).actor.empty());
  CHECK(step_at(t, 1).step.value == 2);
  CHECK(expect_at(t, 2).ns.number == 1);
  CHECK(expect_at(t, 2).op == CmpOp::ge);
  CHECK(expect_at(t, 2).n == 16);
  CHECK(write_trace(t).find("fsmagic=0x9123683e") != std::string::npos);
  check_round_trip(t);
}

TEST_CASE("quoted strings: escapes, # and spaces inside") {
  auto t = parse_ok(std::string(kHead) +
                    "file \"/opt/my app\"\n"
                    "file \"/q\\\"x\\\\y\"\n"
                    R"(t0 policy "measure func=BPRM_CHECK # not a comment" "audit fsname=\"x\\y\"")"
                    "\n"
                    "t0 exec \"/opt/my app\"\t=> ok\n");
  CHECK(t.world.files[0].path == "/opt/my app");
  CHECK(t.world.files[1].path == "/q\"x\\y");
  const auto& pol = step_at(t, 0);
  REQUIRE(pol.rule_texts.size() == 2);
  CHECK(pol.rule_texts[0] == "measure func=BPRM_CHECK # not a comment");
  CHECK(pol.rule_texts[1] == "audit fsname=\"x\\y\"");
  CHECK(pol.comment.empty());
  CHECK(step_at(t, 1).step.file == FileId{0});
  CHECK(step_at(t, 1).expected == Errno::ok);
  std::string text = write_trace(t);
  CHECK(text.find("file \"/opt/my app\"\n") != std::string::npos);
  CHECK(text.find(R"(file "/q\"x\\y")") != std::string::npos);
  check_round_trip(t);
}

TEST_CASE("a rule the policy parser rejects is kept for replay, not a parse error") {
  auto t = parse_ok(std::string(kHead) + "t0 policy \"measure func=NOT_A_HOOK\" => EINVAL\n");
  const auto& s = step_at(t, 0);
  REQUIRE(s.step.rules);
  REQUIRE(s.step.rules->size() == 1);
  CHECK(std::holds_alternative<policy::ParseError>(s.step.rules->front().parsed));
  check_round_trip(t);
}

TEST_CASE("lexer details") {
  auto lexed = io::lex_line(R"(a  "b c"	d#e #f)");
  REQUIRE(std::holds_alternative<io::LexedLine>(lexed));
  const auto& l = std::get<io::LexedLine>(lexed);
  REQUIRE(l.tokens.size() == 3);
  CHECK(l.tokens[0].text == "a");
  CHECK(l.tokens[1].text == "b c");
  CHECK(l.tokens[1].quoted);
  CHECK(l.tokens[1].column == 4);
  CHECK(l.tokens[1].end_column == 9);
  CHECK(l.tokens[2].text == "d#e");  // '#' inside a word, as in ima#2
  CHECK(l.tokens[2].column == 10);
  CHECK(l.has_comment);
  CHECK(l.comment == "f");
  CHECK(l.comment_column == 14);

  // Columns inside a quoted string account for the escapes before them.
  auto esc = std::get<io::LexedLine>(io::lex_line(R"(x "a\"b")"));
  CHECK(esc.tokens[1].text == "a\"b");
  CHECK(esc.tokens[1].column_of(0) == 4);
  CHECK(esc.tokens[1].column_of(1) == 6);
  CHECK(esc.tokens[1].column_of(2) == 7);
  CHECK(esc.tokens[1].column_of(3) == 8);  // past the end: the closing quote

  CHECK(io::trim_line("abc \t\r") == "abc");
  CHECK(io::is_bare_word("/usr/bin/tool"));
  CHECK_FALSE(io::is_bare_word(""));
  CHECK_FALSE(io::is_bare_word("a b"));
  CHECK(io::is_bare_word("a#b"));
  CHECK_FALSE(io::is_bare_word("#a"));
  CHECK_FALSE(io::is_bare_word("=>x"));
  CHECK(io::as_token("a\"b") == R"("a\"b")");
  CHECK_FALSE(io::invalid_utf8("caf\xc3\xa9 \xe2\x86\x92 ok"));
  CHECK(io::invalid_utf8("\xc0\xaf") == 0U);       // overlong
  CHECK(io::invalid_utf8("ab\xed\xa0\x80") == 2U);  // surrogate
  CHECK(io::invalid_utf8("\xe2\x86") == 0U);        // truncated
}

TEST_CASE("comments are kept where they were") {
  auto t = parse_ok(
      "# before the header\n"
      "imans-trace 1   # version\n"
      "design rfc2018\n"
      "#\n"
      "#    indented text\n"
      "\n"
      "file /bin/app uid=0   # the app\n"
      "# between world lines\n"
      "key k1\n"
      "   # last world comment\n"
      "t0 exec /bin/app => ok   #   spaced\n"
      "# between steps\n"
      "expect holds #tight\n");
  CHECK(t.header_comments ==
        std::vector<std::string>{"before the header", "version", "", "   indented text"});
  REQUIRE(t.world_lines.size() == 4);
  CHECK(t.world_lines[0].kind == WorldLine::Kind::file);
  CHECK(t.world_lines[0].comment == "the app");
  CHECK(t.world_lines[1].kind == WorldLine::Kind::comment);
  CHECK(t.world_lines[1].text == "between world lines");
  CHECK(t.world_lines[3].text == "last world comment");
  CHECK(t.world_lines[3].pos.column == 4);
  CHECK(step_at(t, 0).comment == "  spaced");
  REQUIRE(std::holds_alternative<Comment>(t.statements[1]));
  CHECK(std::get<Comment>(t.statements[1]).text == "between steps");
  CHECK(std::get<Comment>(t.statements[1]).pos.line == 12);
  CHECK(expect_at(t, 2).comment == "tight");
  check_round_trip(t);
  CHECK(write_trace(t) ==
        "imans-trace 1\n"
        "design rfc2018\n"
        "# before the header\n"
        "# version\n"
        "#\n"
        "#    indented text\n"
        "file /bin/app  # the app\n"
        "# between world lines\n"
        "key k1\n"
        "# last world comment\n"
        "t0 exec /bin/app => ok  #   spaced\n"
        "# between steps\n"
        "expect holds  # tight\n");
}

TEST_CASE("CRLF line ends and trailing blanks are ignored") {
  auto t = parse_ok("imans-trace 1\r\ndesign rfc2018 \r\nfile /a\t\r\nt0 exec /a # c \r\n");
  CHECK(t.world.files[0].path == "/a");
  CHECK(step_at(t, 0).comment == "c");
}

TEST_CASE("fsuuid= (an imans addition) is read and written back") {
  auto t = parse_ok(std::string(kHead) +
                    "file /a fsuuid=0123ABCD-4567-89ab-cdef-0011223344ff\n");
  const auto& u = t.world.files[0].fsuuid;
  CHECK(u[0] == 0x01);
  CHECK(u[3] == 0xcd);
  CHECK(u[15] == 0xff);
  CHECK(write_trace(t).find("file /a fsuuid=0123abcd-4567-89ab-cdef-0011223344ff\n") !=
        std::string::npos);
  check_round_trip(t);
  auto e = parse_err(std::string(kHead) + "file /a fsuuid=0123\n");
  CHECK(e.pos.column == 16);
  CHECK(e.message.starts_with("bad fsuuid"));
}
