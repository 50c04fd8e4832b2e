#!/usr/bin/env python3
"""imans review --budget quick: the report's files, its verdicts against
background.md, every trace replaying as stated, and the HTML rendered by
headless Chromium with the matrix and a counterexample visible."""
import json
import os
import shutil
import subprocess

from common import check, finish, run, tmpdir, write

d = tmpdir()
out = os.path.join(d, "review")
rc, stdout, stderr = run("review", "--budget", "quick", "--out", out, "-q")
check(rc == 0, "review --budget quick exits 0 (every verdict as expected)")
for f in ("index.html", "report.md", "report.txt", "results.json", "junit.xml"):
    check(os.path.exists(os.path.join(out, f)), f"the report has {f}")
check(all(len(l.rstrip("\n")) <= 72 for l in open(os.path.join(out, "report.txt"))),
      "report.txt is wrapped at 72 columns")

results = json.load(open(os.path.join(out, "results.json")))
expected = {
    "mainline": set(),
    "rfc2018": {"no-appraisal-escape", "no-measurement-escape", "no-audit-escape", "no-log-gap"},
    "rfc2018-root-to-init": {"no-appraisal-escape", "no-measurement-escape", "no-audit-escape",
                             "no-log-gap"},
    "userns-hierarchical": {"userns-join-no-ima-side-effect", "no-log-gap"},
    "berger2023": {"userns-join-no-ima-side-effect", "no-log-gap"},
    "newima-flag": {"no-appraisal-escape", "no-measurement-escape", "no-audit-escape"},
    "securityfs-spawn": {"no-appraisal-escape", "no-measurement-escape", "no-audit-escape",
                         "no-log-gap"},
}
for design in results["designs"]:
    violated = {c["property"] for c in design["cells"] if c["verdict"] == "violated"}
    check(violated == expected[design["name"]], f"{design['name']}: the expected violations")
check(all(m["killed"] and m["replays"] for m in results["mutants"]), "every mutant killed")

tdir = os.path.join(out, "traces")
traces = [os.path.join(tdir, f) for f in os.listdir(tdir) if f.endswith(".trace")]
rc, _, err = run("replay", "-q", *traces)
check(rc == 0 and len(traces) > 0, "every trace in the report replays with its stated result")
mutant_traces = [os.path.join(tdir, "mutants", f) for f in os.listdir(os.path.join(tdir, "mutants"))]
check(len(mutant_traces) == len(results["mutants"]), "traces/mutants/ holds each mutant's killing trace")
rc, _, err = run("replay", "-q", *mutant_traces)
check(rc == 0, "every mutant's killing trace replays with its stated result")
# The traces printed in report.txt are what a reader pastes from a mail:
# taken out of the text as they are, each must replay as stated, with every
# comment kept (rewrapped, not dropped).
blocks, cur = [], None
for line in open(os.path.join(out, "report.txt"), encoding="utf-8"):
    line = line.rstrip("\n")
    if line == "    imans-trace 1":
        cur = []
    if cur is not None:
        if not line.startswith("    "):
            blocks.append(cur)
            cur = None
        else:
            cur.append(line[4:])
check(len(blocks) > 0 and all(b[-1].startswith("expect violated") for b in blocks),
      "report.txt prints each counterexample as a whole trace")
check(all(l.strip() for b in blocks for l in b), "no trace line in report.txt is left empty")
mailed = []
for i, b in enumerate(blocks):
    mailed.append(os.path.join(d, f"mailed-{i}.trace"))
    write(mailed[-1], "\n".join(b) + "\n")
rc, _, err = run("replay", "-q", *mailed)
check(rc == 0, "every trace copied out of report.txt replays with its stated result")
def words(text):
    return sorted(text.replace("#", " ").split())


for name in sorted(f for f in os.listdir(tdir) if f.endswith(".trace")):
    t = open(os.path.join(out, "traces", name), encoding="utf-8").read()
    check(any(words(t) == words("\n".join(b)) for b in blocks),
          f"report.txt prints traces/{name} with every word, comments included")
check(any(f.endswith(".svg") for f in os.listdir(os.path.join(out, "graphs"))),
      "graphs/ holds SVG drawings")

chromium = shutil.which("chromium")
if chromium is None:
    check(False, "chromium is installed (scripts/setup installs it)")
else:
    # A probe appended to a copy of the page reports what the browser laid out.
    page = open(os.path.join(out, "index.html"), encoding="utf-8").read()
    probe = """<script>
function shown(e) { if (!e) return false; const r = e.getBoundingClientRect();
  const s = getComputedStyle(e); return r.width > 0 && r.height > 0 &&
  s.visibility !== 'hidden' && s.display !== 'none'; }
const m = document.getElementById('matrix');
const t = document.querySelector('pre.trace');
const cells = m ? m.querySelectorAll('td.v').length : 0;
document.body.setAttribute('data-probe', JSON.stringify({matrix: shown(m), cells: cells,
  trace: shown(t), traceText: t ? t.textContent.slice(0, 200) : ''}));
</script>"""
    probed = os.path.join(out, "probe.html")
    write(probed, page.replace("</body>", probe + "</body>"))
    profile = os.path.join(d, "chromium-profile")
    p = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={profile}", "--dump-dom", "file://" + probed],
                       capture_output=True, text=True, timeout=120)
    import html
    import re
    m = re.search(r'data-probe="([^"]*)"', p.stdout)
    probe_result = json.loads(html.unescape(m.group(1))) if m else {}
    check(probe_result.get("matrix") is True and probe_result.get("cells", 0) >= 10,
          "Chromium renders the verdict matrix with its violated cells")
    check(probe_result.get("trace") is True and "imans-trace 1" in probe_result.get("traceText", ""),
          "Chromium renders a counterexample trace")
finish()
