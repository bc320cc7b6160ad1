#!/usr/bin/env python3
"""Sanity checks for the output of vik-gen (samples/gen.c).

Usage: python3 samples/gen_check.py DIR

Reads the six files independently of the generator (own address
normalisation), validates formats and identifiers, and prints the
distributions that make the synthetic municipality realistic. Exits non-zero
when a hard check fails. Reference date 2026-11-01.
"""
import csv
import gzip
import io
import re
import statistics
import sys
from collections import Counter, defaultdict
from datetime import date

REF = date(2026, 11, 1)
PC_RE = re.compile(r"^[1-9][0-9]{3}(?!SA|SD|SS)[A-Z]{2}$")
NUM_RE = re.compile(r"^([1-9][0-9]{0,4})[ .\-/]*([A-Z])?[ .\-/]*([A-Z0-9]{1,4})?$")
errors = []


def fail(msg):
    errors.append(msg)


def norm_pc(s):
    s = re.sub(r"[^0-9A-Za-z]", "", s).upper()
    if s.startswith("NL"):
        s = s[2:]
    if not PC_RE.match(s):
        fail("bad postcode %r" % s)
    return s


def split_combined(text):
    """'12 A 2' -> (12, 'A', '2'); 'bis' is a suffix, a lone letter a letter."""
    t = text.strip().upper()
    m = re.match(r"^(\d+)\s*BIS$", t)
    if m:
        return int(m.group(1)), "", "BIS"
    m = NUM_RE.match(t)
    if not m:
        fail("bad number text %r" % text)
        return 0, "", ""
    return int(m.group(1)), m.group(2) or "", m.group(3) or ""


def key(pc, nr, letter, suffix):
    return (norm_pc(pc), int(nr), letter.upper(), suffix.upper())


def bsn_ok(s):
    if not re.fullmatch(r"\d{9}", s):
        return False
    d = [int(c) for c in s]
    return (sum(w * x for w, x in zip(range(9, 1, -1), d[:8])) - d[8]) % 11 == 0


def ean_ok(s):
    if not re.fullmatch(r"871\d{15}", s):
        return False
    body = [int(c) for c in s[:17]]
    tot = sum(x * (3 if i % 2 == 0 else 1) for i, x in enumerate(reversed(body)))
    return (10 - tot % 10) % 10 == int(s[17])


def nl_num(s):
    return float(s.replace(".", "").replace(",", ".")) if s else None


def age(ymd):
    y, m, d = int(ymd[:4]), int(ymd[4:6]) or 7, int(ymd[6:8]) or 1
    return (REF - date(y, m, d)).days / 365.2425


def load_brp(d):
    raw = open(d + "/brp.csv", "rb").read()
    try:
        raw.decode("utf-8")
        fail("brp.csv decodes as UTF-8 (expected cp1252 with accents)")
    except UnicodeDecodeError:
        pass
    text = raw.decode("cp1252")
    for ch in "éüö":
        if ch not in text:
            fail("brp.csv lacks %r" % ch)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    hdr, rows = rows[0], rows[1:]
    persons = {}
    res = defaultdict(list)
    partial = 0
    for r in rows:
        bsn, birth, since = r[0], r[2], r[5]
        if not bsn_ok(bsn):
            fail("bad BSN %s" % bsn)
        if bsn in persons:
            fail("duplicate BSN %s" % bsn)
        partial += birth[4:] == "0000" or birth[6:] == "00"
        k = key(r[10], r[7], r[8], r[9])
        persons[bsn] = (birth, since, k)
        res[k].append((bsn, birth, since))
        if since > REF.strftime("%Y%m%d") or since[:4] < birth[:4]:
            fail("bad since %s for birth %s" % (since, birth))
    return hdr, persons, res, partial


def load_objects(d):
    with gzip.open(d + "/kadaster_objecten.csv.gz", "rt", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    objs = {}
    for r in rows[1:]:
        k = key(r[2], r[3], r[4], r[5])
        if k in objs:
            fail("duplicate address %s" % (k,))
        objs[k] = dict(usage=r[8], area=int(r[9]), byear=int(r[10]), woz=int(r[11]),
                       owner=r[12], otype=r[13], obirth=r[14], buurt=r[15], pand=r[1])
        if r[13] == "NP" and not bsn_ok(r[12]):
            fail("bad owner BSN %s" % r[12])
    return rows[0], objs


def load_tx(d):
    raw = open(d + "/kadaster_transacties.csv", "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        fail("transactions lack BOM")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    txs = defaultdict(list)
    for r in rows[1:]:
        nr, l, s = split_combined(r[1])
        dd, mm, yy = r[2].split("-")
        txs[key(r[0], nr, l, s)].append(dict(date=date(int(yy), int(mm), int(dd)), price=nl_num(r[3]),
                                            buyer=r[4], np=r[5] == "natuurlijk persoon", mort=r[6]))
    return rows[0], txs


def load_kvk(d):
    rows = list(csv.reader(open(d + "/kvk_vestigingen.csv", encoding="utf-8", newline="")))
    by = defaultdict(list)
    ves = set()
    for r in rows[1:]:
        if r[1] in ves:
            fail("duplicate vestigingsnummer")
        ves.add(r[1])
        t = r[9]
        letter = t[0] if t and t[0].isalpha() and t != "BIS" else ""
        suffix = t[1:] if letter else t
        by[key(r[7], r[8], letter, suffix)].append(dict(kvk=r[0], sbi=r[3], form=r[4], start=r[5], end=r[6]))
    return rows[0], by, len(rows) - 1


def load_energy(d):
    rows = list(csv.reader(open(d + "/energie.csv", encoding="utf-8", newline=""), delimiter="\t"))
    en = defaultdict(lambda: dict(elk=0.0, gas=None, months=None, n_elk=0))
    eans = set()
    for r in rows[1:]:
        if not ean_ok(r[0]) or r[0] in eans:
            fail("bad/duplicate EAN %s" % r[0])
        eans.add(r[0])
        nr, l, s = split_combined(r[3])
        e = en[key(r[2], nr, l, s)]
        if r[1] == "GAS":
            e["gas"] = (e["gas"] or 0) + nl_num(r[4])
        else:
            e["elk"] += nl_num(r[4])
            e["n_elk"] += 1
            if r[5]:
                months = [nl_num(x) for x in r[5:17]]
                if abs(sum(months) - nl_num(r[4])) > 0.05:
                    fail("months do not sum to SJV for %s" % r[0])
                e["months"] = months
    return rows[0], en


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def cv(ms):
    m = statistics.mean(ms)
    return statistics.pstdev(ms) / m if m > 0 else float("nan")


def main():
    d = sys.argv[1]
    _, persons, res, partial = load_brp(d)
    _, objs = load_objects(d)
    _, txs = load_tx(d)
    _, kvk, n_kvk = load_kvk(d)
    _, en = load_energy(d)
    truth = list(csv.DictReader(open(d + "/truth.csv", encoding="utf-8"), delimiter=";"))

    for src, keys in (("brp", res), ("tx", txs), ("kvk", kvk), ("energy", en)):
        missing = [k for k in keys if k not in objs]
        if missing:
            fail("%s: %d addresses not in objects, e.g. %s" % (src, len(missing), missing[:3]))
    dwell = {k: o for k, o in objs.items() if o["usage"] == "woonfunctie"}
    print("addresses %d, dwellings %d, residents %d (%.2f per occupied dwelling), partial dates %.2f%%" % (
        len(objs), len(dwell), len(persons), len(persons) / max(1, sum(1 for k in dwell if res.get(k))),
        100 * partial / len(persons)))
    sizes = Counter(len(res.get(k, [])) for k in dwell)
    occ = sum(v for s, v in sizes.items() if s > 0)
    print("household sizes: vacant %.1f%%; " % (100 * sizes[0] / len(dwell)) + ", ".join(
        "%s: %.1f%%" % (s if s < 6 else "6+", 100 * sum(v for t, v in sizes.items() if (t == s if s < 6 else t >= 6)) / occ)
        for s in range(1, 7)))
    recent = sum(1 for k in dwell if res.get(k) and max(p[2] for p in res[k]) >= "20251101"
                 and min(p[2] for p in res[k]) >= "20251101")
    print("households fully arrived in last 12 months: %.1f%%" % (100 * recent / occ))
    stays = [age(p[2]) for k in dwell for p in res.get(k, [])]
    print("mean length of stay (dwellings): %.1f years" % statistics.mean(stays))

    tenure = Counter()
    for k, o in dwell.items():
        if o["otype"] == "RP":
            tenure["RP"] += 1
        elif any(p[0] == o["owner"] for p in res.get(k, [])):
            tenure["owner-occupied"] += 1
        else:
            tenure["NP non-resident"] += 1
    print("dwelling ownership: " + ", ".join("%s %.1f%%" % (t, 100 * v / len(dwell)) for t, v in tenure.items()))
    np_owner_count = Counter(o["owner"] for o in dwell.values() if o["otype"] == "NP")
    print("NP owners with >=6 dwellings: %d, max %d" % (sum(1 for v in np_owner_count.values() if v >= 6),
                                                      max(np_owner_count.values())))

    by_size = defaultdict(list)
    for k in dwell:
        n = len(res.get(k, []))
        if k in en and n > 0:
            by_size[min(n, 5)].append(en[k]["elk"])
    print("median electricity per household size: " + ", ".join(
        "%s: %.0f (n=%d)" % (s if s < 5 else "5+", median(v), len(v)) for s, v in sorted(by_size.items())))
    gas_apt = [en[k]["gas"] for k, o in dwell.items() if k in en and en[k]["gas"] and res.get(k)]
    print("median gas (occupied, with gas): %.0f m3; no-gas dwellings %.1f%%" % (
        median(gas_apt), 100 * sum(1 for k in dwell if k in en and en[k]["gas"] is None) / len(dwell)))
    neg = sum(1 for k in dwell if k in en and en[k]["elk"] < 0)
    print("dwellings with negative net SJV: %d" % neg)

    all_tx = [t for k in txs for t in txs[k]]
    dw_tx = [t for k in txs if k in dwell for t in txs[k]]
    print("transactions %d (dwellings %d = %.1f%% of dwellings per year), hypotheekloos %.1f%% overall, "
          "%.1f%% dwellings NP" % (len(all_tx), len(dw_tx), 100 * len(dw_tx) / len(dwell) / 6,
                                   100 * sum(t["mort"] == "N" for t in all_tx) / len(all_tx),
                                   100 * sum(t["mort"] == "N" for t in dw_tx if t["np"]) / max(1, sum(t["np"] for t in dw_tx))))
    ratios = []
    for k, ts in txs.items():
        if k in dwell:
            for t in ts:
                idx = 1.07 ** ((t["date"] - date(2025, 1, 1)).days / 365.2425)
                ratios.append(t["price"] / (dwell[k]["woz"] * idx))
    print("price / indexed WOZ (dwellings): median %.3f, <0.7: %d, >1.5: %d" % (
        median(ratios), sum(r < 0.7 for r in ratios), sum(r > 1.5 for r in ratios)))
    mismatch = 0
    for k, ts in txs.items():
        o = objs[k]
        last = max(ts, key=lambda t: t["date"])
        if o["otype"] == "NP" and last["buyer"] != o["owner"]:
            mismatch += 1
    print("last buyer != current NP owner: %d" % mismatch)
    if mismatch:
        fail("owner/buyer mismatch")

    act = [b for k in kvk for b in kvk[k] if not b["end"]]
    print("kvk rows %d, active %d, dissolved %.1f%%" % (n_kvk, len(act), 100 * (n_kvk - len(act)) / n_kvk))
    multi = Counter(len({b["kvk"] for b in kvk[k] if not b["end"]}) for k in dwell if k in kvk)
    print("dwellings by number of active distinct KvK numbers: %s" % dict(sorted(multi.items())))

    print("truth rows: %s" % dict(Counter((t["theme"], t["kind"]) for t in truth)))
    check_truth(truth, objs, res, txs, kvk, en)
    if errors:
        print("FAILED: %d problems, first: %s" % (len(errors), errors[:5]))
        sys.exit(1)
    print("all hard checks passed")


def check_truth(truth, objs, res, txs, kvk, en):
    for t in truth:
        k = (t["postcode"], int(t["house_number"]), t["house_letter"], t["house_suffix"])
        if k not in objs:
            fail("truth address missing %s" % (k,))
            continue
        o, p, e = objs[k], t["pattern"], en.get(k)
        n = len(res.get(k, []))
        if p == "grow_metered" and (not e or e["elk"] < 8000 or (e["months"] and cv(e["months"]) >= 0.08)):
            fail("grow_metered weak %s %s" % (k, e))
        if p == "meter_bypass" and (not e or e["elk"] > 200 or not 1 <= n <= 3):
            fail("meter_bypass wrong %s" % (k,))
        if p == "grow_empty" and (n or e["elk"] < 8000):
            fail("grow_empty wrong %s" % (k,))
        if p == "grow_nonresidential" and any(not b["end"] for b in kvk.get(k, [])):
            fail("grow_nonresidential has active kvk %s" % (k,))
        if p == "overcrowded" and (n < 7 or o["area"] > 85):
            fail("overcrowded wrong %s" % (k,))
        if p == "postbox_dwelling" and len({b["kvk"] for b in kvk.get(k, []) if not b["end"]}) < 5:
            fail("postbox wrong %s" % (k,))
        if p == "young_cash_buyer":
            last = max(txs[k], key=lambda x: x["date"])
            at_buy = age(o["obirth"].replace("-", "")) - (REF - last["date"]).days / 365.2425
            if last["mort"] != "N" or o["otype"] != "NP" or not 19 <= at_buy < 28:
                fail("young_cash_buyer wrong %s %s" % (k, o))
        if p == "young_multi_owner" and age(o["obirth"].replace("-", "")) >= 30:
            fail("young_multi_owner too old %s" % (k,))
        if p == "abc_resale":
            ts = sorted(txs[k], key=lambda x: x["date"])[-2:]
            gap = (ts[1]["date"] - ts[0]["date"]).days
            if not 55 <= gap <= 155 or ts[1]["price"] < 1.25 * ts[0]["price"] * 0.99:
                fail("abc wrong %s %s" % (k, ts))
        if p == "solar_net_zero" and not -500 <= e["elk"] <= 150:
            fail("solar_net_zero out of range %s %s" % (k, e["elk"]))


if __name__ == "__main__":
    main()
