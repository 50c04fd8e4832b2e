#!/usr/bin/env python3
"""Peer benchmark: the no-appraisal-escape search of imans, checked by SPIN.

Builds pan from bench/spin/escape.pml for each design. First replays three
conformance traces on the model (SPIN's simulator), then measures
  1. the time to the first counterexample for rfc2018 (breadth-first, so the
     counterexample is a shortest one; also depth-first, pan's default), the
     states stored and the trail replayed as a list of trace steps, and the same
     for rfc2018-root-to-init (the unprivileged escape);
  2. for userns-hierarchical, which holds the property, the largest step bound
     that pan verifies exhaustively within the time limit, bound by bound, and,
     with --unbounded-limit, the whole finite space with no step bound.

Wall times are measured here around pan alone; generating and compiling pan are
timed separately. Python 3 standard library only. See README.md beside this file.
"""

import argparse
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(HERE, "escape.pml")
DEFAULT_CONFORMANCE = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "conformance"))
CONFORMANCE_TRACES = ("rfc2018-root-escapes.trace", "userns-hierarchical-holds.trace",
                      "root-to-init-unprivileged-escape.trace")
MODEL_HOST_POLICY = "appraise func=BPRM_CHECK appraise_type=imasig"

DESIGNS = {"rfc2018": 1, "userns-hierarchical": 2, "rfc2018-root-to-init": 3}

# The STEP lines escape.pml prints (see LOG there).
VERBS = {1: "clone", 2: "unshare", 3: "setuid", 4: "policy", 5: "exec", 6: "exit"}
ERRNOS = {0: "ok", 1: "EPERM", 2: "EINVAL", 3: "ENOSPC", 4: "EAGAIN", 5: "EACCES"}
POLICIES = {1: '"dont_appraise func=BPRM_CHECK"',
            2: '"appraise func=BPRM_CHECK appraise_type=imasig"'}
STEP_RE = re.compile(r"STEP t=(\d+) v=(\d+) a=(\d+) f=(\d+) e=(\d+) ima=(\d+)")


def die(msg, code=2):
    print(f"run_spin.py: {msg}", file=sys.stderr)
    sys.exit(code)


def tool_version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (out.stdout or out.stderr).strip().splitlines()
    return text[0] if text else None


def run_timed(cmd, cwd, timeout=None):
    """Run cmd; return (stdout+stderr, wall seconds, timed_out, returncode)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # pan, started here, in its own session
        out, _ = proc.communicate()
        timed_out = True
    return out, time.perf_counter() - start, timed_out, proc.returncode


def num(text):
    return int(float(text))


def parse_pan(out):
    """The figures of pan's final report."""
    r = {}
    m = re.search(r"State-vector (\d+) byte, depth reached (\d+), errors: (\d+)", out)
    if m:
        r["state_vector_bytes"] = int(m.group(1))
        r["depth_reached"] = int(m.group(2))
        r["errors"] = int(m.group(3))
    for key, pat in (("states_stored", r"([\d.e+]+) states, stored"),
                     ("states_matched", r"([\d.e+]+) states, matched"),
                     ("transitions", r"([\d.e+]+) transitions \(= stored\+matched\)")):
        m = re.search(pat, out)
        if m:
            r[key] = num(m.group(1))
    m = re.search(r"assertion violated .*\(at depth (\d+)\)", out)
    if m:
        r["error_depth"] = int(m.group(1))
    m = re.search(r"pan: elapsed time ([\d.e+]+) seconds", out)
    if m:
        r["pan_elapsed_s"] = float(m.group(1))
    m = re.search(r"([\d.]+)\s+total actual memory usage", out)
    if m:
        r["memory_mb"] = float(m.group(1))
    r["depth_limit_hit"] = "max search depth too small" in out
    r["search_not_completed"] = "Search not completed" in out
    r["out_of_memory"] = ("out of memory" in out) or ("MEMLIM" in out and "reached" in out)
    return r


def decode_steps(replay):
    steps = []
    for m in STEP_RE.finditer(replay):
        t, v, a, f, e, ima = (int(x) for x in m.groups())
        verb = VERBS.get(v, f"verb{v}")
        words = [f"t{t}", verb]
        flags = [w for bit, w in ((1, "user"), (2, "mnt")) if f & bit]
        if verb == "clone":
            words.append(f"t{a}" if e != 4 else "-")
            words += flags
        elif verb == "unshare":
            words += flags
        elif verb == "setuid":
            words.append("1000")
        elif verb == "policy":
            words.append(POLICIES.get(a, str(a)))
        elif verb == "exec":
            words.append("/usr/bin/tool")
        line = " ".join(words) + " => " + ERRNOS.get(e, str(e))
        steps.append({"task": t, "verb": verb, "arg": a, "flags": flags,
                      "outcome": ERRNOS.get(e, str(e)), "ima_ns": ima,
                      "text": f"{line:<56}# current IMA ns: ima#{ima}"})
    return steps


class Unsupported(Exception):
    pass


def strip_comment(line):
    """Cut a # comment: one that starts a token, outside a quoted string (a #
    inside a word, as in ima#1, is part of the word)."""
    quoted, prev = False, " "
    for i, ch in enumerate(line):
        if ch == '"' and (i == 0 or line[i - 1] != "\\"):
            quoted = not quoted
        elif ch == "#" and not quoted and prev in " \t":
            return line[:i]
        prev = ch
    return line


def translate_trace(text):
    """A trace in the imans format -> (design, host policies, script lines,
    expected outcomes, expectations). Raises Unsupported for what the Promela
    model does not have."""
    design, hosts, script, expected, expects = None, [], [], [], []
    for lineno, raw in enumerate(text.splitlines(), 1):
        try:
            toks = shlex.split(strip_comment(raw))
        except ValueError as e:
            raise Unsupported(f"line {lineno}: {e}")
        if not toks or toks[0] in ("imans-trace", "seed", "file"):
            continue
        if toks[0] == "design":
            design = toks[1]
            if design not in DESIGNS or len(toks) > 2:
                raise Unsupported(f"design {' '.join(toks[1:])} is not in the Promela model")
            continue
        if toks[0] == "host-policy":
            hosts += toks[1:]
            continue
        if toks[0] == "expect":
            expects.append(" ".join(toks[1:]))
            continue
        if toks[0] in ("mutant", "key", "host-key", "inject"):
            raise Unsupported(f"line {lineno}: {toks[0]} is not in the Promela model")
        outcome = None
        if "=>" in toks:
            i = toks.index("=>")
            outcome, toks = toks[i + 1], toks[:i]
        m = re.fullmatch(r"t(\d)", toks[0])
        if not m:
            raise Unsupported(f"line {lineno}: task {toks[0]}")
        t, verb, rest = int(m.group(1)), toks[1], toks[2:]
        user, mnt = int("user" in rest), int("mnt" in rest)
        if verb == "unshare" and set(rest) <= {"user", "mnt"}:
            call = f"do_unshare({t}, {user}, {mnt})"
        elif verb == "clone" and set(rest[1:]) <= {"user", "mnt"}:
            call = f"do_clone({t}, {user}, {mnt})"
        elif verb == "setuid" and rest == ["1000"]:
            call = f"do_setuid({t})"
        elif verb == "policy" and len(rest) == 1 and rest[0] in (
                "dont_appraise func=BPRM_CHECK", MODEL_HOST_POLICY):
            call = f"do_policy({t}, {'P_DONT' if rest[0].startswith('dont') else 'P_APPRAISE'})"
        elif verb == "exec":
            call = f"do_exec({t})"
        elif verb == "exit" and not rest:
            call = f"do_exit({t})"
        else:
            raise Unsupported(f"line {lineno}: {' '.join(toks)}")
        script.append(f"  d_step {{ {call} }};")
        expected.append({"line": lineno, "step": " ".join(toks), "outcome": outcome,
                         "child": rest[0] if verb == "clone" else None})
    return design, hosts, script, expected, expects


def conformance(args, workdir, conf_dir):
    """Replay the conformance traces on the Promela model (spin simulation)."""
    results = []
    for name in CONFORMANCE_TRACES:
        path = os.path.join(conf_dir, name)
        if not os.path.exists(path):
            results.append({"trace": name, "status": "missing"})
            continue
        with open(path) as f:
            text = f.read()
        try:
            design, hosts, script, expected, expects = translate_trace(text)
        except Unsupported as e:
            results.append({"trace": name, "status": "unsupported", "why": str(e)})
            continue
        res = {"trace": name, "design": design}
        if hosts != [MODEL_HOST_POLICY]:
            res["host_policy_adapted"] = (
                f"the trace's host policy is {hosts}; the model's is fixed to "
                f"[{MODEL_HOST_POLICY!r}], which denies the same execs of this trace")
        d = os.path.join(workdir, f"conformance-{name}")
        os.makedirs(d)
        shutil.copy(MODEL, os.path.join(d, "escape.pml"))
        with open(os.path.join(d, "script.pml"), "w") as f:
            f.write("\n".join(script) + "\n")
        cmd = [args.spin, f"-DDESIGN={DESIGNS[design]}", "-DMAXSTEPS=0", "-DSCRIPTED",
               f"-DMAXTASKS={args.maxtasks}", f"-DMAXNS={args.maxns}", "escape.pml"]
        out, _, _, _ = run_timed(cmd, d, timeout=60)
        got = decode_steps(out)
        violated = "assertion violated" in out
        mismatches = []
        for i, exp in enumerate(expected):
            if i >= len(got):
                mismatches.append(f"line {exp['line']}: {exp['step']}: not reached")
                continue
            g = got[i]
            if exp["outcome"] and g["outcome"] != exp["outcome"]:
                mismatches.append(f"line {exp['line']}: {exp['step']}: expected "
                                  f"{exp['outcome']}, model gave {g['outcome']}")
            if exp["child"] and g["outcome"] == "ok" and exp["child"] != f"t{g['arg']}":
                mismatches.append(f"line {exp['line']}: child named t{g['arg']} in the model")
        checked, skipped = [], []
        for e in expects:
            if e == "violated no-appraisal-escape":
                checked.append(e)
                if not violated:
                    mismatches.append("expected a no-appraisal-escape violation; none")
            elif e == "holds":
                checked.append(e + " (no-appraisal-escape only)")
                if violated:
                    mismatches.append("expected every property to hold; the assertion failed")
            else:
                skipped.append(e)
        res.update({"status": "match" if not mismatches else "mismatch",
                    "steps": [s["text"] for s in got], "assertion_violated": violated,
                    "expects_checked": checked, "expects_not_modelled": skipped,
                    "mismatches": mismatches})
        results.append(res)
    return results


class Builder:
    def __init__(self, args, workdir):
        self.args = args
        self.workdir = workdir
        self.n = 0

    def build(self, design, bound, bfs):
        """spin -a and gcc in a fresh subdirectory; returns (dir, timings, flags)."""
        self.n += 1
        d = os.path.join(self.workdir, f"{self.n:03d}-{design}-k{bound}-{'bfs' if bfs else 'dfs'}")
        os.makedirs(d)
        shutil.copy(MODEL, os.path.join(d, "escape.pml"))
        defs = [f"-DDESIGN={DESIGNS[design]}", f"-DMAXSTEPS={bound}",
                f"-DMAXTASKS={self.args.maxtasks}", f"-DMAXNS={self.args.maxns}"]
        out, t_spin, _, rc = run_timed([self.args.spin, "-a"] + defs + ["escape.pml"], d)
        if rc != 0 or not os.path.exists(os.path.join(d, "pan.c")):
            die(f"spin -a failed in {d}:\n{out}", 1)
        cflags = ["-O2", "-DSAFETY", f"-DVECTORSZ={self.args.vectorsz}",
                  f"-DMEMLIM={self.args.memlim_mb}"] + (["-DBFS"] if bfs else [])
        cflags += self.args.cflags.split()
        out, t_cc, _, rc = run_timed([self.args.cc] + cflags + ["-o", "pan", "pan.c"], d)
        if rc != 0:
            die(f"gcc failed in {d}:\n{out}", 1)
        return d, {"spin_a_s": round(t_spin, 4), "gcc_s": round(t_cc, 4)}, {
            "spin_defines": defs, "cflags": cflags}


def summary(times):
    return {"median": round(statistics.median(times), 4), "min": round(min(times), 4),
            "max": round(max(times), 4), "runs": [round(t, 4) for t in times]}


def pan_cmd(args, bound, hash_bits):
    depth = max(10000, 20 * (bound if bound > 0 else 1000))
    return ["./pan", f"-m{depth}", f"-w{hash_bits}"]


def hash_bits_for(prev_states):
    """pan -w for the next bound: room for 8 times the previous bound's states
    (the count grows 3-7 fold a step), between 2^18 and 2^28 slots."""
    bits = 18
    while (1 << bits) < 8 * prev_states and bits < 28:
        bits += 1
    return bits


def counterexample(args, builder, design, bfs):
    bound = args.cex_bound
    d, build_t, flags = builder.build(design, bound, bfs)
    cmd = pan_cmd(args, bound, args.cex_hash_bits)
    times, first = [], None
    for _ in range(args.repeat):
        out, wall, timed_out, _ = run_timed(cmd, d, timeout=args.time_limit)
        if timed_out:
            return {"design": design, "search": "bfs" if bfs else "dfs", "bound": bound,
                    "found": False, "timed_out": True, "build": build_t, **flags}
        times.append(wall)
        if first is None:
            first = parse_pan(out)
            first["pan_output_tail"] = out.strip().splitlines()[-1:]
    found = first.get("errors", 0) > 0 and "error_depth" in first
    res = {"design": design, "search": "bfs" if bfs else "dfs", "bound": bound, "found": found,
           "time_s": summary(times), "build": build_t, "pan_cmd": " ".join(cmd), **flags,
           **{k: v for k, v in first.items() if k != "pan_output_tail"}}
    if found:
        replay_cmd = [args.spin, "-t", "-p"] + flags["spin_defines"] + ["escape.pml"]
        out, _, _, _ = run_timed(replay_cmd, d, timeout=120)
        steps = decode_steps(out)
        res["replay_cmd"] = " ".join(replay_cmd)
        res["counterexample_steps"] = len(steps)
        res["steps"] = [s["text"] for s in steps]
        res["replay_assertion_violated"] = "assertion violated" in out
        last = steps[-1] if steps else {}
        res["ends_in_allowed_exec"] = last.get("verb") == "exec" and last.get("outcome") == "ok"
    return res


def sweep(args, builder, design):
    rows, largest, prev_states = [], 0, 0
    for bound in range(1, args.max_bound + 1):
        d, build_t, flags = builder.build(design, bound, False)
        hash_bits = args.hash_bits or hash_bits_for(prev_states)
        cmd = pan_cmd(args, bound, hash_bits)
        times, first, verdict = [], None, "verified"
        for _ in range(args.repeat):
            out, wall, timed_out, _ = run_timed(cmd, d, timeout=args.time_limit)
            if timed_out:
                verdict = "timeout"
                break
            p = parse_pan(out)
            if first is None:
                first = p
            if p.get("errors", 1) != 0:
                verdict = "error-found"
            elif p["depth_limit_hit"]:
                verdict = "depth-limit-hit"
            elif p["out_of_memory"]:
                verdict = "out-of-memory"
            elif p["search_not_completed"] or "states_stored" not in p:
                verdict = "incomplete"
            times.append(wall)
            if verdict != "verified":
                break
        row = {"bound": bound, "verdict": verdict, "build": build_t, "pan_cmd": " ".join(cmd)}
        if times:
            row["time_s"] = summary(times)
        if first:
            row.update({k: first[k] for k in ("states_stored", "states_matched", "transitions",
                                              "depth_reached", "state_vector_bytes", "memory_mb",
                                              "pan_elapsed_s") if k in first})
        rows.append(row)
        print(f"  {design} k={bound}: {verdict}"
              + (f", {row['time_s']['median']:.3f} s, {row.get('states_stored')} states"
                 if times else f" (limit {args.time_limit} s)"), file=sys.stderr)
        if verdict != "verified":
            break
        largest = bound
        prev_states = first.get("states_stored", 0)
    return {"design": design, "search": "dfs", "time_limit_s": args.time_limit,
            "largest_verified_bound": largest, "bounds": rows}


def unbounded(args, builder, design):
    """-DMAXSTEPS=0: no step counter, the whole finite space of MAXTASKS tasks
    and MAXNS namespaces of each kind, one run."""
    d, build_t, flags = builder.build(design, 0, False)
    cmd = ["./pan", "-m1000000", f"-w{args.hash_bits or 27}"]
    out, wall, timed_out, _ = run_timed(cmd, d, timeout=args.unbounded_limit)
    res = {"design": design, "maxsteps": 0, "build": build_t, "pan_cmd": " ".join(cmd),
           "time_limit_s": args.unbounded_limit, "time_s": round(wall, 3)}
    if timed_out:
        res["verdict"] = "timeout"
        return res
    p = parse_pan(out)
    ok = (p.get("errors") == 0 and not p["depth_limit_hit"] and not p["out_of_memory"]
          and not p["search_not_completed"] and "states_stored" in p)
    res["verdict"] = "verified" if ok else ("error-found" if p.get("errors") else "incomplete")
    res.update({k: p[k] for k in ("states_stored", "states_matched", "transitions",
                                  "depth_reached", "memory_mb", "pan_elapsed_s") if k in p})
    return res


def markdown(result):
    lines = ["### SPIN peer: time to the first counterexample", "",
             "| design | search | bound | time (s) median [min-max] | gen+gcc (s) | states stored | transitions | cex steps | counterexample |",
             "|---|---|---|---|---|---|---|---|---|"]
    for c in result["counterexample"]:
        if not c.get("found"):
            lines.append(f"| {c['design']} | {c['search']} | {c['bound']} | - | - | - | - | - | none found |")
            continue
        t = c["time_s"]
        b = c["build"]
        steps = "; ".join(s.split("#")[0].strip() for s in c["steps"])
        lines.append(f"| {c['design']} | {c['search']} | {c['bound']} | {t['median']:.3f} "
                     f"[{t['min']:.3f}-{t['max']:.3f}] | {b['spin_a_s'] + b['gcc_s']:.2f} | "
                     f"{c.get('states_stored')} | {c.get('transitions')} | "
                     f"{c['counterexample_steps']} | {steps} |")
    lines += ["", "### The conformance traces replayed on the Promela model", "",
              "| trace | design | result | notes |", "|---|---|---|---|"]
    for c in result.get("conformance", []):
        note = "; ".join(c.get("mismatches", [])) or c.get("why", "")
        if c.get("host_policy_adapted"):
            note = (note + "; " if note else "") + "host policy adapted (see JSON)"
        lines.append(f"| {c['trace']} | {c.get('design', '-')} | {c['status']} | {note} |")
    s = result["exhaustive"]
    lines += ["", f"### SPIN peer: {s['design']} verified exhaustively, bound by bound "
              f"(limit {s['time_limit_s']} s per run)", "",
              "| bound | verdict | time (s) median [min-max] | gen+gcc (s) | states stored | transitions |",
              "|---|---|---|---|---|---|"]
    for r in s["bounds"]:
        t = r.get("time_s")
        ts = f"{t['median']:.3f} [{t['min']:.3f}-{t['max']:.3f}]" if t else f"> {s['time_limit_s']}"
        b = r["build"]
        lines.append(f"| {r['bound']} | {r['verdict']} | {ts} | {b['spin_a_s'] + b['gcc_s']:.2f} | "
                     f"{r.get('states_stored', '-')} | {r.get('transitions', '-')} |")
    lines += ["", f"Largest bound verified exhaustively within {s['time_limit_s']} s: "
              f"**{s['largest_verified_bound']}**"]
    u = result.get("unbounded")
    if u:
        lines += ["", f"No step bound (-DMAXSTEPS=0, the whole finite space): {u['verdict']}, "
                  f"{u['time_s']} s, {u.get('states_stored', '-')} states, "
                  f"depth {u.get('depth_reached', '-')} (limit {u['time_limit_s']} s)"]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--time-limit", type=float, default=60.0,
                    help="seconds allowed to one pan run (default 60)")
    ap.add_argument("--out", help="write the results as JSON to this file")
    ap.add_argument("--workdir", help="build pan here (default: a temporary dir, removed after)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure, median taken (default 3)")
    ap.add_argument("--cex-bound", type=int, default=6,
                    help="MAXSTEPS for the counterexample searches (default 6)")
    ap.add_argument("--max-bound", type=int, default=60,
                    help="highest bound the exhaustive sweep tries (default 60)")
    ap.add_argument("--unbounded-limit", type=float, default=0,
                    help="also verify userns-hierarchical with no step bound (-DMAXSTEPS=0), "
                         "allowing this many seconds (default 0: skip; it takes minutes)")
    ap.add_argument("--maxtasks", type=int, default=3, help="task slots, t0 included (default 3)")
    ap.add_argument("--maxns", type=int, default=4,
                    help="namespaces of each kind, the initial one included (default 4)")
    ap.add_argument("--hash-bits", type=int, default=0,
                    help="pan -w for the sweep (default 0: 8x the previous bound's states, 18..28)")
    ap.add_argument("--cex-hash-bits", type=int, default=20,
                    help="pan -w for the counterexample searches (default 20)")
    ap.add_argument("--vectorsz", type=int, default=128, help="-DVECTORSZ (default 128)")
    ap.add_argument("--memlim-mb", type=int, default=16384, help="-DMEMLIM in MB (default 16384)")
    ap.add_argument("--cflags", default="", help="extra flags for gcc")
    ap.add_argument("--conformance-dir", default=DEFAULT_CONFORMANCE,
                    help="the conformance traces replayed on the model first "
                         f"(default {DEFAULT_CONFORMANCE})")
    ap.add_argument("--spin", default="spin")
    ap.add_argument("--cc", default="gcc")
    args = ap.parse_args()
    if args.repeat < 1:
        die("--repeat must be at least 1")

    pkg = {args.spin: "spin", args.cc: "gcc"}
    missing = [t for t in (args.spin, args.cc) if shutil.which(t) is None]
    if missing:
        die("not found on PATH: " + ", ".join(missing) + " (on Debian: apt-get install "
            + " ".join(pkg[t] for t in missing) + ")")
    if not os.path.exists(MODEL):
        die(f"model not found: {MODEL}")

    own_tmp = args.workdir is None
    workdir = tempfile.mkdtemp(prefix="imans-spin-") if own_tmp else os.path.abspath(args.workdir)
    os.makedirs(workdir, exist_ok=True)
    try:
        builder = Builder(args, workdir)
        with open(MODEL, "rb") as f:
            model_sha = hashlib.sha256(f.read()).hexdigest()
        result = {
            "benchmark": "imans peer: SPIN on the no-appraisal-escape search",
            "model": "bench/spin/escape.pml", "model_sha256": model_sha,
            "spin_version": tool_version([args.spin, "-V"]),
            "cc_version": tool_version([args.cc, "--version"]),
            "host": {"machine": platform.machine(), "cpus": os.cpu_count(),
                     "python": platform.python_version()},
            "params": {"time_limit_s": args.time_limit, "repeat": args.repeat,
                       "unbounded_limit_s": args.unbounded_limit,
                       "cex_bound": args.cex_bound, "maxtasks": args.maxtasks,
                       "maxns": args.maxns, "hash_bits": args.hash_bits,
                       "cex_hash_bits": args.cex_hash_bits, "memlim_mb": args.memlim_mb},
            "timing": "wall seconds of pan alone, measured by run_spin.py; generation "
                      "(spin -a) and compilation (gcc) timed separately under build",
        }
        print("conformance traces on the model...", file=sys.stderr)
        result["conformance"] = conformance(args, workdir, args.conformance_dir)
        print("counterexample searches...", file=sys.stderr)
        result["counterexample"] = [
            counterexample(args, builder, "rfc2018", True),
            counterexample(args, builder, "rfc2018", False),
            counterexample(args, builder, "rfc2018-root-to-init", True),
        ]
        print("exhaustive sweep of userns-hierarchical...", file=sys.stderr)
        result["exhaustive"] = sweep(args, builder, "userns-hierarchical")
        if args.unbounded_limit > 0:
            print("userns-hierarchical with no step bound...", file=sys.stderr)
            result["unbounded"] = unbounded(args, builder, "userns-hierarchical")

        problems = [f"conformance {c['trace']}: " + "; ".join(c["mismatches"])
                    for c in result["conformance"] if c.get("status") == "mismatch"]
        c0 = result["counterexample"][0]
        if not c0.get("found"):
            problems.append("rfc2018: no counterexample found")
        elif not c0.get("ends_in_allowed_exec"):
            problems.append("rfc2018: the replayed trail does not end in an allowed exec")
        if any(r["verdict"] == "error-found" for r in result["exhaustive"]["bounds"]) or \
                result.get("unbounded", {}).get("verdict") == "error-found":
            problems.append("userns-hierarchical: pan found a violation")
        result["problems"] = problems

        text = json.dumps(result, indent=2)
        if args.out:
            with open(args.out, "w") as f:
                f.write(text + "\n")
        print(markdown(result))
        if problems:
            die("; ".join(problems), 1)
    finally:
        if own_tmp:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
