#!/usr/bin/env python3
"""Checks that traces/corpus/meson.build lists every *.trace in the corpus, and
that every conformance trace is in the corpus unchanged.

usage: corpus_complete.py CORPUS_DIR CORPUS_MESON_BUILD CONFORMANCE_DIR
"""
import os
import re
import sys


def main(corpus, meson_build, conformance):
    on_disk = {f for f in os.listdir(corpus) if f.endswith(".trace")}
    with open(meson_build, encoding="utf-8") as f:
        listed = set(re.findall(r"'([^']+\.trace)'", f.read()))
    ok = True
    for name in sorted(on_disk - listed):
        print(f"{corpus}/{name}: not listed in {meson_build}")
        ok = False
    for name in sorted(listed - on_disk):
        print(f"{meson_build}: lists {name}, which is not in {corpus}")
        ok = False
    if os.path.isdir(conformance):
        for name in sorted(os.listdir(conformance)):
            if not name.endswith(".trace"):
                continue
            with open(os.path.join(conformance, name), encoding="utf-8") as f:
                want = f.read()
            mine = os.path.join(corpus, name)
            if not os.path.exists(mine):
                print(f"{conformance}/{name}: missing from the corpus")
                ok = False
                continue
            with open(mine, encoding="utf-8") as f:
                if f.read() != want:
                    print(f"{mine}: differs from {conformance}/{name}")
                    ok = False
    else:
        print(f"note: {conformance} not found; conformance copies not compared")
    print(f"{len(on_disk)} corpus traces, {len(listed)} listed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
