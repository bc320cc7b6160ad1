#!/usr/bin/env python3
"""Mutation testing of the indicators: do their unit tests notice a wrong bound?

Why: a unit test that passes whatever the code says proves nothing. For each
indicator module (score/[EKHBS]n_*.c) this script makes one small change at a
time - a comparison flipped (< to >=, > to <=, == to !=, and back) or a numeric
constant shifted (an integer +1, a decimal x1.5, 0 to 1) - rebuilds the
indicator unit tests (tests/unit/test_indicators.c) and runs them. A mutant is
killed when the tests fail (or crash, or hang); it survives when they pass. A
surviving mutant is a bound, a guard or a ramp no test pins.

What is mutated: every comparison and numeric literal in the module's functions,
except in describe() (it only writes the reason's sentence; the e2e tests check
reasons by shape), and in its descriptor the bounds: parameter defaults, the
threshold and the weight. Comments, strings, #include lines, array sizes and the
descriptor's identity (theme bits, ranges, group, labels) are left alone.

Usage (from the repository root; builds in a scratch copy, never in the tree):
    python3 tests/mutate.py [--only e1,k2] [--list] [--keep DIR]
Prints a table per indicator (mutants, killed, survived) and every survivor with
its line. `make mutate` runs it. Not part of `make test` (it takes minutes).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

COMPARE = {"<": ">=", ">=": "<", ">": "<=", "<=": ">", "==": "!=", "!=": "=="}
TOKEN = re.compile(
    r"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'"
    r"|(?P<num>(?<![\w.])(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?[fFuUlL]*(?![\w.]))"
    r"|(?P<op><<=|>>=|<<|>>|<=|>=|==|!=|->|<|>)",
    re.S,
)


def skip_spans(src):
    """Spans not to mutate: describe() bodies, #include lines, array sizes."""
    spans = []
    for m in re.finditer(r"^static void describe\(", src, re.M):
        start = m.start()
        depth, i = 0, src.index("{", start)
        while True:
            if src[i] == "{":
                depth += 1
            elif src[i] == "}":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        spans.append((start, i))
    for m in re.finditer(r"^#.*$", src, re.M):
        spans.append((m.start(), m.end()))
    for m in re.finditer(r"\[\s*\d+\s*\]", src):  # char buf[32]
        spans.append((m.start(), m.end()))
    return spans


def descriptor_sites(src):
    """The descriptor's bounds: parameter defaults, threshold and weight only (its
    theme bits, ranges, group and labels are identity, not bounds)."""
    m = re.search(r"^const struct ind_desc IND_\w+ = \{.*?^\};", src, re.M | re.S)
    if not m:
        return (0, 0), set()
    keep = set()
    body = m.group(0)
    for p in re.finditer(r"\{\"\w+\",\s*(-?[\d.]+)", body):  # {"young_age", 30, ...
        keep.add(m.start() + p.start(1))
    for p in re.finditer(r"\.(?:threshold|weight)\s*=\s*([\d.]+)", body):
        keep.add(m.start() + p.start(1))
    return (m.start(), m.end()), keep


def mutants(src):
    """(offset, length, replacement, description) for every mutation site."""
    spans = skip_spans(src)
    (d0, d1), keep = descriptor_sites(src)
    out = []
    for m in TOKEN.finditer(src):
        kind = "num" if m.group("num") else "op" if m.group("op") else None
        if not kind or any(a <= m.start() < b for a, b in spans):
            continue
        if d0 <= m.start() < d1 and m.start() not in keep:
            continue
        text = m.group(kind)
        line = src.count("\n", 0, m.start()) + 1
        if kind == "op":
            if text in COMPARE:
                out.append((m.start(), len(text), COMPARE[text], f"line {line}: {text} -> {COMPARE[text]}"))
            continue
        core = re.match(r"[\d.eE+-]+", text).group(0)
        suffix = text[len(core):]
        if re.fullmatch(r"\d+", core):
            new = "1" if core == "0" else str(int(core) + 1)
        else:
            value = float(core)
            new = repr(value * 1.5) if value else "1.0"
        out.append((m.start(), len(text), new + suffix, f"line {line}: {text} -> {new + suffix}"))
    return out


def run(cmd, cwd, timeout):
    try:
        return subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        return -1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", help="comma-separated codes, e.g. e1,k2")
    ap.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    ap.add_argument("--keep", help="scratch copy to use (kept afterwards)")
    args = ap.parse_args()
    files = sorted(f for f in os.listdir("score") if re.match(r"[ekhbs]\d_.*\.c$", f))
    if args.only:
        want = {c.strip().lower() for c in args.only.split(",")}
        files = [f for f in files if f.split("_")[0] in want]
    work = args.keep or tempfile.mkdtemp(prefix="vik-mutate.")
    if not os.path.exists(os.path.join(work, "Makefile")):
        subprocess.run(["git", "clone", "-q", ".", work], check=True)
        for f in subprocess.run(["git", "diff", "--name-only", "HEAD"], capture_output=True,
                                text=True, check=True).stdout.split():
            shutil.copy(f, os.path.join(work, f))  # uncommitted changes count too
    make = ["make", "-s", "BUILD=build/mut", "OPT=-O1", "build/mut/tests/test_indicators"]
    test = ["build/mut/tests/test_indicators"]
    if not args.list and (run(make, work, 600) != 0 or run(test, work, 300) != 0):
        sys.exit("mutate: the unmutated tests do not build and pass")
    total = [0, 0]
    survivors = []
    print(f"{'indicator':<34} {'mutants':>7} {'killed':>7} {'survived':>8}")
    for f in files:
        path = os.path.join(work, "score", f)
        src = open(path).read()
        sites = mutants(src)
        killed = 0
        for off, n, new, what in sites:
            if args.list:
                print(f"  {f} {what}")
                continue
            with open(path, "w") as out:
                out.write(src[:off] + new + src[off + n:])
            rc = run(make, work, 600)
            if rc == 0:
                rc = run(test, work, 120)
            if rc != 0:
                killed += 1
            else:
                survivors.append(f"{f} {what}")
        with open(path, "w") as out:
            out.write(src)
        if not args.list:
            print(f"{f[:-2]:<34} {len(sites):>7} {killed:>7} {len(sites) - killed:>8}", flush=True)
        total[0] += len(sites)
        total[1] += killed
    if args.list:
        return
    run(make, work, 600)
    print(f"{'all':<34} {total[0]:>7} {total[1]:>7} {total[0] - total[1]:>8}")
    for s in survivors:
        print("survived:", s)
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
