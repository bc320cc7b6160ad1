#!/bin/sh
# make bench: throughput of `vik run` on a generated municipality, extrapolated to
# the whole country (9.2 million addresses). Figures, not a pass/fail test: the
# machine is shared and noisy. BENCH_ADDRESSES (default 920000, a tenth of the
# country) sets the size.
set -eu
BUILD=${BUILD:-build}
N=${BENCH_ADDRESSES:-920000}
T=$(mktemp -d "${TMPDIR:-/tmp}/vik-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
now() { date +%s.%N; }

t0=$(now)
"$BUILD/vik-gen" --seed 7 --addresses "$N" --out "$T" > /dev/null
t1=$(now)
sed -e "s#\.\./samples/data#$T#" -e "s#\.\./out#$T/out#" -e "s#\.\./keys/vik.key#$T/vik.key#" \
    config/vik.ini > "$T/vik.ini"
"$BUILD/vik" run -q -c "$T/vik.ini" > "$T/summary.txt"
t2=$(now)
bytes=$(du -cb "$T"/*.csv "$T"/*.gz | tail -1 | cut -f1)

awk -v n="$N" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v bytes="$bytes" '
BEGIN { gen = t1 - t0; run = t2 - t1 }
/^rows [0-9]+ in/ { rows = $2; mib = $(NF-1) }
END {
    printf "bench: %d addresses, %d input rows, %.0f MB of exports (generated in %.1f s)\n", n, rows, bytes / 1e6, gen
    printf "bench: vik run %.2f s wall: %.0f rows/s, %.0f addresses/s, %.1f MB/s\n", run, rows / run, n / run, bytes / 1e6 / run
    printf "bench: peak memory %.0f MiB = %.0f bytes per address\n", mib, mib * 1048576 / n
    f = 9200000 / n
    printf "bench: whole country (9.2M addresses) extrapolated: %.0f s, %.1f GiB (ratio %.1fx this run)\n", run * f, mib * f / 1024, f
}' "$T/summary.txt"
