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

# The script's namespace mechanics run for real: the permission rules the
# model applies to clone, unshare and setns are mainline's, so on any Linux
# kernel a trace of those verbs alone must reproduce every outcome. A copy
# with one outcome changed must not.
NS_TRACE = """imans-trace 1
design userns-hierarchical
t0 clone t1 => ok
t1 setuid 1000 => ok
t1 unshare mnt => EPERM
t1 unshare user mnt => ok
t0 clone t2 user mnt => ok
t1 setns t2 mnt => EPERM
t2 setns t1 mnt => EPERM
t0 setns t1 mnt => ok
t2 exit => ok
"""


def run_as_shell(trace_text, name):
    t = os.path.join(d, name + ".trace")
    write(t, trace_text)
    rc, script, err = run("replay", "--as-shell", t)
    sh = os.path.join(d, name + ".sh")
    write(sh, script)
    p = subprocess.run(["timeout", "60", "sh", sh], capture_output=True, text=True, cwd=d)
    return rc, p


ns_trace = os.path.join(d, "ns-model.trace")
write(ns_trace, NS_TRACE)
rc, _, _ = run("replay", "-q", ns_trace)
check(rc == 0, "the namespace trace replays green on the model")
can_unshare = os.geteuid() == 0 and subprocess.run(
    ["unshare", "--user", "--map-root-user", "--mount", "true"], capture_output=True).returncode == 0
if not can_unshare:
    print("skip  --as-shell on this kernel: needs root and user namespaces")
else:
    rc, p = run_as_shell(NS_TRACE, "ns")
    check(rc == 0 and p.returncode == 0 and p.stdout.count("as expected") == 6,
          "--as-shell: the script reproduces every namespace outcome on this kernel")
    rc, p = run_as_shell(NS_TRACE.replace("t1 unshare mnt => EPERM", "t1 unshare mnt => ok"),
                         "ns-wrong")
    check(p.returncode == 1 and "line 5: error, expected ok" in p.stdout,
          "--as-shell: a wrong outcome makes the script fail, naming its line")

conformance = os.path.join(SOURCE, "..", "shared", "conformance")
if os.path.isdir(conformance):
    files = sorted(os.path.join(conformance, f) for f in os.listdir(conformance))
    rc, out, err = run("replay", "-q", *files)
    check(rc == 0, "every trace of ../shared/conformance replays green")
finish()
