#!/usr/bin/env python3
"""imans check: violations, saved traces, exit statuses, shards, mutants."""
import json
import os
import xml.etree.ElementTree as ET

from common import check, finish, run, tmpdir

d = tmpdir()
corpus = os.path.join(d, "corpus")
j = os.path.join(d, "rfc.json")
x = os.path.join(d, "rfc.xml")
rc, out, _ = run("check", "--design", "rfc2018", "--seed", "1", "--runs", "400", "--no-corpus",
                 "--corpus", corpus, "--json", j, "--junit", x, "-q")
data = json.load(open(j))
props = {v["property"] for v in data["violated"]}
check(rc == 1 and "no-appraisal-escape" in props, "rfc2018: exit 1 with no-appraisal-escape")
check("reproduce: imans check --design 'rfc2018' --seed 1" in out, "prints how to reproduce")
check(ET.parse(x).getroot().find("testsuite").get("failures") == str(len(props)),
      "the JUnit report has a failure per violated property")
saved = [os.path.join(corpus, f) for f in os.listdir(corpus)]
rc, _, _ = run("replay", "-q", *saved)
check(rc == 0 and len(saved) == len(props), "every saved counterexample replays green")
check(data["stats"]["distinct_states"] > 0 and data["stats"]["premises"]["no-appraisal-escape"] > 0,
      "statistics report states reached and premises exercised")

rc, out, _ = run("check", "--design", "userns-hierarchical", "--property", "no-appraisal-escape",
                 "--seed", "1", "--runs", "400", "--no-corpus", "--corpus", corpus, "-q")
check(rc == 0, "userns-hierarchical holds no-appraisal-escape: exit 0")
check("reproduce: imans check --design 'userns-hierarchical' --seed 1 --runs 400 --max-steps 40 "
      "--property no-appraisal-escape" in out, "the reproduce line keeps the properties asked for")

shards = []
for i in (1, 2):
    s = os.path.join(d, f"shard{i}.json")
    run("check", "--design", "rfc2018", "--seed", "5", "--runs", "400", "--shard", f"{i}/2",
        "--no-corpus", "--corpus", corpus, "--json", s, "-q")
    shards.append(s)
merged = os.path.join(d, "merged.json")
rc, out, _ = run("check", "--merge", *shards, "--json", merged)
m = json.load(open(merged))
check(rc == 1 and m["runs_done"] == sum(json.load(open(s))["runs_done"] for s in shards),
      "--merge adds the shards' runs and exits 1 on a violation")

rc, out, _ = run("check", "--mutants", "--runs", "3000", "--mutant", "clone-ima-ns-no-parent-get",
                 "--mutant", "imans-install-put-before-get")
check(rc == 0 and "2 killed with a replaying trace" in out, "--mutants kills the named mutants")
finish()
