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

Some mutants are equivalent: no input can tell them from the original (a value
returned by an out-of-memory branch whose caller only tests it for non-zero, the
spare capacity of a buffer, a variable's initial value that is always overwritten
before it is read). They are listed in EQUIVALENT below, each with the reason,
and reported in their own column, not as survivors. They are still built and run:
one that a test kills is reported as wrongly listed, and an entry that matches no
mutant any more (the code changed) as stale. A bound that is merely untested is
not equivalent: write the test.

Usage (from the repository root; builds in a scratch copy, never in the tree):
    python3 tests/mutate.py [--only e1,k2] [--list] [--keep DIR]
Prints a table per indicator (mutants, killed, survived, equivalent) and every
survivor with its line. `make mutate` runs it. Not part of `make test` (it takes
minutes).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

# The indicator unit tests, each mutant built into and run against all of them,
# first to fail kills it: the tests/unit/test_ind_*.c files measure each indicator
# directly, bound by bound (fast); tests/unit/test_indicators.c judges in a
# calibrated town.
def indicator_tests():
    direct = sorted(f[:-2] for f in os.listdir("tests/unit") if re.match(r"test_ind_\w+\.c$", f))
    return direct + ["test_indicators"]


# Equivalent mutants, matched by (module, enclosing function, the line's code as
# written, which occurrence of the token on that line - 1 for the first - and the
# mutation), not by line number, so edits elsewhere do not misalign an entry.
_OOM = "reached only when malloc fails; every caller tests the result for non-zero"
EQUIVALENT = [
    # (module, function, line, occurrence, mutation, why it is equivalent)
    ("e1_energy_high.c", "prepare", "return -1;", 1, "1 -> 2",
     "reached only when malloc fails (regress_build returns -1 for nothing else); score.c "
     "tests prepare's result for non-zero"),
    ("e1_energy_high.c", "regress_expected", "return -1;", 1, "1 -> 2",
     "both callers (measure, describe) only test regress_expected(...) == 0"),
    ("k2_price_vs_woz.c", "market_build", "size_t cap = (size_t)d->n_addrs * TX_KEEP + 1, n = 0, n_win = 0;",
     1, "1 -> 2", "one spare slot more in buffers that hold at most n_addrs x TX_KEEP sales"),
    ("k2_price_vs_woz.c", "market_build", "return -1;", 1, "1 -> 2", _OOM),
    ("k2_price_vs_woz.c", "market_build", "memset(mk, 0, sizeof *mk);", 1, "0 -> 1",
     "every field of the market (each year's n and median, all, all_year, price, ref_year) is "
     "assigned after it when rc == 0; when rc != 0 the market is freed unread"),
    ("k2_price_vs_woz.c", "market_build", "int rc = tmp ? 0 : -1;", 1, "1 -> 2", _OOM),
    ("k2_price_vs_woz.c", "prepare", "return -1;", 1, "1 -> 2", _OOM),
    ("k3_quick_resale.c", "prepare",
     "double *v = malloc(((size_t)d->n_addrs * TX_KEEP + 1) * sizeof *v);", 1, "1 -> 2",
     "one spare slot more in a buffer that holds at most n_addrs x TX_KEEP pairs"),
    ("k3_quick_resale.c", "prepare", "return -1;", 1, "1 -> 2", _OOM),
    ("k3_quick_resale.c", "steepest",
     "int kept = a->n_tx < TX_KEEP ? a->n_tx : TX_KEEP, best = -1;", 1, "1 -> 2",
     "'no pair' is only ever tested as best < 0 (here, in measure and in describe)"),
    ("k3_quick_resale.c", "measure", "double rate = 0;", 1, "0 -> 1",
     "never read: steepest() assigns *rate with the first pair (best < 0 short-circuits the "
     "comparison) and measure reads rate only when a pair was found"),
    ("s1_citizen_signal.c", "validate_categories", "return category_map_add(&m, 1, text, why, size);",
     1, "1 -> 2", "the theme bits go into a local map that is discarded; whether the text is "
     "valid does not depend on them"),
]

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


FUNCTION = re.compile(r"^(?:static\s+)?(?:inline\s+)?[A-Za-z_][\w\s*]*?\b([A-Za-z_]\w*)\(", re.M)


def site_key(src, off, text, new):
    """(function, line's code, occurrence of text on the line, "text -> new")."""
    start = src.rfind("\n", 0, off) + 1
    end = src.find("\n", off)
    line = src[start:end if end >= 0 else len(src)]
    occurrence = 1 + sum(1 for m in TOKEN.finditer(line)
                         if start + m.start() < off and (m.group("num") or m.group("op")) == text)
    funcs = [m.group(1) for m in FUNCTION.finditer(src, 0, off)]
    return (funcs[-1] if funcs else "", line.strip(), occurrence, f"{text} -> {new}")


def mutants(src):
    """(offset, length, replacement, description, key) for every mutation site."""
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
                out.append((m.start(), len(text), COMPARE[text],
                            f"line {line}: {text} -> {COMPARE[text]}",
                            site_key(src, m.start(), text, COMPARE[text])))
            continue
        core = re.match(r"[\d.eE+-]+", text).group(0)
        suffix = text[len(core):]
        if re.fullmatch(r"\d+", core):
            new = "1" if core == "0" else str(int(core) + 1)
        else:
            value = float(core)
            new = repr(value * 1.5) if value else "1.0"
        out.append((m.start(), len(text), new + suffix, f"line {line}: {text} -> {new + suffix}",
                    site_key(src, m.start(), text, new + suffix)))
    return out


def equivalent(module, key):
    """The EQUIVALENT entry for this mutant, or None."""
    for entry in EQUIVALENT:
        if entry[0] == module and tuple(entry[1:5]) == key:
            return entry
    return None


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
    # --list only reads score/: from the tree itself, nothing is cloned or written
    work = "." if args.list else args.keep or tempfile.mkdtemp(prefix="vik-mutate.")
    if not os.path.exists(os.path.join(work, "Makefile")):
        subprocess.run(["git", "clone", "-q", ".", work], check=True)
        for f in subprocess.run(["git", "diff", "--name-only", "HEAD"], capture_output=True,
                                text=True, check=True).stdout.split():
            shutil.copy(f, os.path.join(work, f))  # uncommitted changes count too
    tests = [f"build/mut/tests/{name}" for name in indicator_tests()]
    make = ["make", "-s", "BUILD=build/mut", "OPT=-O1"] + tests
    if not args.list and (run(make, work, 600) != 0 or any(run([t], work, 300) != 0 for t in tests)):
        sys.exit(f"mutate: the unmutated tests do not build and pass (see {work})")
    total = [0, 0, 0, 0]  # mutants, killed, survived, equivalent
    survivors, wrong, used = [], [], set()
    print(f"{'indicator':<34} {'mutants':>7} {'killed':>7} {'survived':>8} {'equivalent':>10}")
    for f in files:
        path = os.path.join(work, "score", f)
        src = open(path).read()
        sites = mutants(src)
        killed = survived = equiv = 0
        for off, n, new, what, key in sites:
            entry = equivalent(f, key)
            if entry:
                used.add(EQUIVALENT.index(entry))
            if args.list:
                print(f"  {f} {what}{'  (equivalent)' if entry else ''}")
                continue
            with open(path, "w") as out:
                out.write(src[:off] + new + src[off + n:])
            rc = run(make, work, 600)
            if rc == 0:
                rc = 1 if any(run([t], work, 120) != 0 for t in tests) else 0
            where = f"{f} {what} in {key[0]}(): {key[1]}"
            if rc != 0:
                killed += 1
                if entry:
                    wrong.append(where)
            elif entry:
                equiv += 1
            else:
                survived += 1
                survivors.append(where)
        if not args.list:
            with open(path, "w") as out:
                out.write(src)
            print(f"{f[:-2]:<34} {len(sites):>7} {killed:>7} {survived:>8} {equiv:>10}", flush=True)
        for i, v in enumerate((len(sites), killed, survived, equiv)):
            total[i] += v
    stale = [e for i, e in enumerate(EQUIVALENT)
             if i not in used and any(e[0] == f for f in files)]
    for e in stale:
        print(f"mutate: stale EQUIVALENT entry (matches no mutant): {e[0]} {e[1]}(): {e[2]}",
              file=sys.stderr)
    if args.list:
        return
    run(make, work, 600)
    print(f"{'all':<34} {total[0]:>7} {total[1]:>7} {total[2]:>8} {total[3]:>10}")
    for w in survivors:
        print("survived:", w)
    for e in EQUIVALENT:
        if any(e[0] == f for f in files) and EQUIVALENT.index(e) in used:
            print(f"equivalent, excluded: {e[0]} {e[4]} in {e[1]}(): {e[2]} - {e[5]}")
    for w in wrong:
        print("listed as equivalent but killed (remove it from EQUIVALENT):", w)
    if not args.keep:
        shutil.rmtree(work)
    if stale or wrong:
        sys.exit(1)


if __name__ == "__main__":
    main()
