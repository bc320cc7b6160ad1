#!/bin/sh
# make bench: how fast `vik run` is, and how far from its own reader.
#
# Generates a municipality (default 1,000,000 addresses; BENCH_SCALE=nl for the
# national size, 9,200,000) once, cached outside the tree in BENCH_DIR (default
# ~/.cache/vik-bench; the generator streams, so its memory stays flat), then
# prints for `vik run` with the default threads and with one thread: wall, CPU,
# peak memory, MB/s and the time per stage (from the run summary), and in the same
# run the floor - one pass of vik's own reader over the same files (build/vik-floor)
# - with the ratio of the run to it. It also checks that both runs wrote the same
# watchlists. Figures, never a pass/fail test: the machine is shared and noisy.
#   make bench                       BENCH_ADDRESSES=N  BENCH_SCALE=nl  BENCH_DIR=dir
#
# The yardstick: what an analyst would run instead, a DuckDB script doing the
# same joins and peer statistics (bench/duckdb/vik.sql), on the same files with
# the same threads, and the ratio of its wall time to vik's. DuckDB comes from the
# npm registry (@duckdb/node-api; Debian packages none), installed once into
# BENCH_DIR/duckdb with BENCH_DUCKDB=1 (needs node and npm), and run whenever it is
# there; BENCH_DUCKDB=0 skips it.
set -eu
BUILD=${BUILD:-build}
case "${BENCH_SCALE:-}" in
nl) N=9200000 ;;
"") N=${BENCH_ADDRESSES:-1000000} ;;
*) echo "bench: BENCH_SCALE is 'nl' or unset" >&2; exit 2 ;;
esac
SEED=7
CACHE=${BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vik-bench}
# the data depend on the generator's code: a changed generator makes a new set
GENV=$(cat samples/gen/*.c samples/gen/*.h | cksum | cut -d" " -f1)
D="$CACHE/n$N-s$SEED-g$GENV"
T=$(mktemp -d "${TMPDIR:-/tmp}/vik-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
now() { date +%s.%N; }

if [ ! -f "$D/done" ]; then
    echo "bench: generating $N addresses into $D (once; later runs reuse it)"
    rm -rf "$D" && mkdir -p "$D"
    t0=$(now)
    "$BUILD/vik-gen" --seed "$SEED" --addresses "$N" --out "$D" > /dev/null
    awk -v t0="$t0" -v t1="$(now)" 'BEGIN { printf "bench: generated in %.1f s\n", t1 - t0 }'
    touch "$D/done"
fi
bytes=$(du -cb "$D"/*.csv "$D"/*.gz | tail -1 | cut -f1)

night() { # threads -> $T/summary-THREADS.txt, $T/out-THREADS
    sed -e "s#\.\./samples/data#$D#" -e "s#\.\./out#$T/out-$1#" -e "s#\.\./keys/vik.key#$T/vik.key#" \
        -e "s/^\[run\]\$/[run]\nthreads = $1/" config/vik.ini > "$T/vik-$1.ini"
    "$BUILD/vik" run -q -c "$T/vik-$1.ini" > "$T/summary-$1.txt"
    # wall, CPU and peak memory as the run's summary reports them
    awk '/^rows [0-9]+ in/ { wall = $4; rss = $(NF - 1) } /^time: / { cpu = $(NF - 1) }
         END { print wall, cpu, rss }' "$T/summary-$1.txt" > "$T/time-$1.txt"
}

report() { # label threads
    awk -v label="$1" -v bytes="$bytes" -v n="$N" '
    FILENAME ~ /time/ { wall = $1; cpu = $2; rss = $3 }
    /^rows [0-9]+ in/ { rows = $2 }
    /^time: / { sub(/^time: /, ""); stages = $0 }
    END {
        printf "bench: %-9s %6.1f s wall, %6.1f s CPU, peak %5.0f MiB (%.0f bytes/address), %5.1f MB/s, %.0f rows/s\n",
            label, wall, cpu, rss, rss * 1048576 / n, bytes / 1e6 / wall, rows / wall
        printf "bench:           stages: %s\n", stages
    }' "$T/time-$2.txt" "$T/summary-$2.txt"
}

cores=$(nproc)
export cores
night 0
night 1
rows=$(awk '/^rows [0-9]+ in/ { print $2 }' "$T/summary-0.txt")
awk -v n="$N" -v rows="$rows" -v bytes="$bytes" -v d="$D" \
    'BEGIN { printf "bench: %d addresses, %d input rows, %.0f MB of exports in %s\n", n, rows, bytes / 1e6, d }'
report "$cores threads" 0
report "1 thread" 1
same=yes
for f in "$T"/out-1/watchlist*.csv; do
    cmp -s "$f" "$T/out-0/$(basename "$f")" || same=NO
done
echo "bench: watchlists byte-identical with 1 and $cores threads: $same"
if [ -x "$BUILD/vik-floor" ]; then
    t0=$(now)
    "$BUILD/vik-floor" "$D"/*.csv "$D"/*.gz > "$T/floor.txt" 2>&1 || true
    awk -v t0="$t0" -v t1="$(now)" 'BEGIN { print t1 - t0 }' > "$T/floor-time.txt"
    awk -v bytes="$bytes" '
    FILENAME ~ /floor-time/ { floor = $1; next }
    FILENAME ~ /time-0/ { run = $1; next }
    FILENAME ~ /time-1/ { one = $1; next }
    END {
        printf "bench: floor     %6.1f s: one pass of vik'"'"'s reader over the same files (%.1f MB/s)\n",
            floor, bytes / 1e6 / floor
        printf "bench: ratio     run / floor = %.1f (%d threads), %.1f (1 thread)\n", run / floor,
            ENVIRON["cores"], one / floor
    }' "$T/floor-time.txt" "$T/time-0.txt" "$T/time-1.txt"
else
    echo "bench: no $BUILD/vik-floor: the reader floor is not measured"
fi
DUCKDB_PKG=@duckdb/node-api@1.5.6-r.1 # pinned: the yardstick should not move between benches
duckdb() {
    M="$CACHE/duckdb"
    loads() { command -v node > /dev/null && (cd "$M" 2> /dev/null && node -e "require('@duckdb/node-api')") > /dev/null 2>&1; }
    if [ "${BENCH_DUCKDB:-}" = 1 ] && ! loads; then
        if command -v npm > /dev/null; then
            rm -rf "$M" && mkdir -p "$M" && (cd "$M" && npm install --silent --no-audit --no-fund \
                --ignore-scripts "$DUCKDB_PKG" > "$T/npm.txt" 2>&1) ||
                echo "bench: duckdb: npm install failed ($(grep -m1 -i error "$T/npm.txt"))"
        else
            echo "bench: duckdb: BENCH_DUCKDB=1 needs node and npm (apt-get install nodejs npm)"
        fi
    fi
    if [ "${BENCH_DUCKDB:-}" = 0 ] || ! loads; then
        echo "bench: duckdb   not run (BENCH_DUCKDB=1 installs $DUCKDB_PKG into $M and runs bench/duckdb/vik.sql)"
        return 0
    fi
    ref=$(awk -F' *= *' '$1 == "reference_date" { print $2 }' config/vik.ini)
    mkdir -p "$T/duckdb"
    rm -f "$T/duckdb-time.txt"
    t0=$(now)
    set -- node bench/duckdb/run.mjs bench/duckdb/vik.sql "$D" "$T/duckdb" "$cores" "$ref"
    [ -x /usr/bin/time ] && set -- /usr/bin/time -f %e:%U:%S:%M -o "$T/duckdb-time.txt" "$@"
    if NODE_PATH="$M/node_modules" "$@" > "$T/duckdb.txt" 2>&1; then
        awk -v t0="$t0" -v t1="$(now)" 'BEGIN { print t1 - t0 }' > "$T/duckdb-wall.txt"
        [ -f "$T/duckdb-time.txt" ] || echo "n/a" > "$T/duckdb-time.txt"
        awk -F: '
        FILENAME ~ /duckdb-wall/ { wall = $1; next }
        FILENAME ~ /duckdb-time/ { if ($1 == "n/a") na = 1; else { cpu = $2 + $3; rss = $4 / 1024 }; next }
        FILENAME ~ /time-0/ { split($0, v, " "); run = v[1]; vrss = v[3] }
        END {
            if (na)
                printf "bench: duckdb   %6.1f s wall (no /usr/bin/time: CPU and memory n/a): the same joins and peer statistics (bench/duckdb/vik.sql, %d threads)\n",
                    wall, ENVIRON["cores"]
            else
                printf "bench: duckdb   %6.1f s wall, %6.1f s CPU, peak %5.0f MiB: the same joins and peer statistics (bench/duckdb/vik.sql, %d threads)\n",
                    wall, cpu, rss, ENVIRON["cores"]
            if (na)
                printf "bench: ratio     duckdb / run = %.1f in time\n", wall / run
            else
                printf "bench: ratio     duckdb / run = %.1f in time, %.1f in peak memory\n", wall / run, rss / vrss
        }' "$T/duckdb-wall.txt" "$T/duckdb-time.txt" "$T/time-0.txt"
    else
        echo "bench: duckdb failed: $(grep -m1 -i error "$T/duckdb.txt" || tail -1 "$T/duckdb.txt")"
    fi
}
duckdb

awk -v n="$N" 'FILENAME ~ /time-0/ { wall = $1; rss = $3 }
END {
    f = 9200000 / n
    if (f > 1.01)
        printf "bench: whole country (9.2M addresses) extrapolated linearly: %.0f s, %.1f GiB\n",
            wall * f, rss * f / 1024
}' "$T/time-0.txt"
