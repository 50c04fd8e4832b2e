"""Helpers for the end-to-end tests: run the imans binary and check results."""
import os
import subprocess
import sys
import tempfile

IMANS = os.environ["IMANS"]
SOURCE = os.environ["IMANS_SOURCE_ROOT"]
failures = []


def run(*args, cwd=None):
    p = subprocess.run([IMANS, *args], capture_output=True, text=True, cwd=cwd)
    return p.returncode, p.stdout, p.stderr


def check(cond, what):
    print(("ok    " if cond else "FAIL  ") + what)
    if not cond:
        failures.append(what)


def tmpdir():
    return tempfile.mkdtemp(prefix="imans-e2e-")


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def finish():
    print(f"{len(failures)} failure(s)")
    sys.exit(1 if failures else 0)
