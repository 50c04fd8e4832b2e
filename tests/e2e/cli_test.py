#!/usr/bin/env python3
"""The imans command's usage: help, version, bad usage exits 2."""
import json

from common import check, finish, run

rc, out, _ = run("--version")
check(rc == 0 and out.startswith("imans "), "--version prints the version")
rc, out, _ = run("--help")
check(rc == 0 and "replay" in out and "check" in out and "review" in out, "--help lists commands")
rc, _, err = run("frobnicate")
check(rc == 2, "an unknown subcommand exits 2")
rc, _, err = run("replay", "--no-such-flag", "x.trace")
check(rc == 2, "an unknown flag exits 2")
rc, _, err = run("check", "--design", "nosuch")
check(rc == 2 and "presets" in err, "an unknown design exits 2 and lists the presets")
rc, _, err = run("check", "--design", "rfc2018 evaluation=sideways")
check(rc == 2 and "hierarchical" in err, "a bad axis value exits 2 and lists the values")
rc, _, err = run("check", "--shard", "3/2")
check(rc == 2, "a bad shard exits 2")
rc, out, _ = run("designs", "--json")
j = json.loads(out)
check(rc == 0 and len(j["presets"]) == 7 and len(j["mutants"]) >= 9 and len(j["axes"]) == 4,
      "designs --json lists seven presets, four axes and the mutants")
finish()
