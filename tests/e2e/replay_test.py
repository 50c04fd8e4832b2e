#!/usr/bin/env python3
"""imans replay: exit statuses, --json, --dot, --state and --as-shell."""
import json
import os
import subprocess

from common import SOURCE, check, finish, run, tmpdir, write

d = tmpdir()
good = os.path.join(SOURCE, "traces", "corpus", "rfc2018-root-escapes.trace")
rc, out, _ = run("replay", good)
check(rc == 0 and "every outcome and expectation matched" in out, "a green trace exits 0")

bad_outcome = os.path.join(d, "mismatch.trace")
write(bad_outcome, "imans-trace 1\ndesign rfc2018\nfile /bin/x\nt0 unshare mnt => EPERM\n")
rc, _, err = run("replay", bad_outcome)
check(rc == 1 and "mismatch.trace:4:1: expected EPERM, got ok" in err,
      "a mismatching outcome exits 1 naming the line")

bad_expect = os.path.join(d, "expect.trace")
write(bad_expect, "imans-trace 1\ndesign userns-hierarchical\nexpect violated no-appraisal-escape\n")
rc, _, err = run("replay", bad_expect)
check(rc == 1 and "expect.trace:3:" in err, "a failed expectation exits 1 naming the line")

parse_error = os.path.join(d, "broken.trace")
write(parse_error, "imans-trace 1\ndesign rfc2018\nt0 fly\n")
rc, out, err = run("replay", good, parse_error)
check(rc == 2 and "broken.trace:3:" in err and "rfc2018-root-escapes" not in out,
      "a parse error exits 2 with file:line:col and runs nothing")

j = os.path.join(d, "run.json")
dot = os.path.join(d, "dots")
rc, _, _ = run("replay", "--json", j, "--dot", dot, "--state", good)
data = json.load(open(j))
check(rc == 0 and data[0]["status"] == "ok" and data[0]["violated"][0]["property"] ==
      "no-appraisal-escape", "--json records the run and the violation")
check(any(f.endswith(".svg") for f in os.listdir(dot)), "--dot draws the failing state as SVG")

rc, script, _ = run("replay", "--as-shell", good)
sh = os.path.join(d, "t.sh")
write(sh, script)
syntax = subprocess.run(["sh", "-n", sh]).returncode
check(rc == 0 and syntax == 0 and "unshare --mount" in script and "ima/policy" in script,
      "--as-shell writes a shell script that parses, with unshare and securityfs writes")

conformance = os.path.join(SOURCE, "..", "shared", "conformance")
if os.path.isdir(conformance):
    files = sorted(os.path.join(conformance, f) for f in os.listdir(conformance))
    rc, out, err = run("replay", "-q", *files)
    check(rc == 0, "every trace of ../shared/conformance replays green")
finish()
