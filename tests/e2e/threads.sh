#!/bin/sh
# The lists do not depend on the number of threads ([run] threads): the same
# exports run with 1 thread and with 4 give byte-identical watchlists, watch lists,
# quarantine, unlinked and linkage files and report.html (common/workers.h says why
# this holds: each job writes only its own slot, merged in a fixed order).
#
# Usage: BUILD=build/san sh tests/e2e/threads.sh   (from the repository root)
NAME=threads . tests/lib.sh

D="$T/town"
"$GEN" --seed 5 --addresses 6000 --out "$D" > /dev/null || bad "generator"
make_config "$D"

night() { # threads folder
    sed "s/^\[run\]\$/[run]\nthreads = $1/" "$D/vik.ini" > "$D/vik-$1.ini"
    rm -rf "$D/out"
    "$VIK" run -q -c "$D/vik-$1.ini" > "$T/summary-$1.txt" 2> "$T/err-$1.txt"
    rc=$?
    mv "$D/out" "$2"
    return $rc
}

night 1 "$T/one"
check "a night with threads = 1 runs" "[ $? -eq 0 ]"
night 4 "$T/four"
check "a night with threads = 4 runs" "[ $? -eq 0 ]"
check "the summary says how long each stage took" \
    "grep -Eq '^time: ingest [0-9.]+ s \(.*brp [0-9.]+.*\), link [0-9.]+ s, score [0-9.]+ s' '$T/summary-4.txt'"
n=0
for f in "$T"/one/*.csv "$T"/one/report.html; do
    b=$(basename "$f")
    n=$((n + 1))
    check "$b is byte-identical with 1 thread and with 4" "cmp -s '$f' '$T/four/$b'"
done
check "the comparison covered the lists, watch lists and report (at least 9 files)" "[ $n -ge 9 ]"
q="select theme, rank, address, score from list_entries order by 1, 2"
s1=$(sqlite3 "$T/one/vik.db" "$q" | md5sum)
s4=$(sqlite3 "$T/four/vik.db" "$q" | md5sum)
check "the stored night holds the same ranks and scores" \
    "[ -n \"\$(sqlite3 '$T/one/vik.db' \"$q\")\" ] && [ '$s1' = '$s4' ]"

# The audit trail's checksums are made as the reader reads (ingest_opts.raw_tap):
# they must be those of the files as stored, whatever the threads.
sums_match() { # folder
    sqlite3 -separator ' ' "$1/vik.db" "select checksum, file from inputs order by source" \
        > "$T/inputs.txt" || return 1
    [ "$(wc -l < "$T/inputs.txt")" -ge 6 ] || return 1
    while read -r sum file; do
        [ "$(b2sum -l 256 "$file" | cut -d' ' -f1)" = "$sum" ] || return 1
    done < "$T/inputs.txt"
}
check "the stored input checksums are b2sum -l 256 of every file (gzip too), 1 thread" \
    "sums_match '$T/one'"
check "the stored input checksums are b2sum -l 256 of every file (gzip too), 4 threads" \
    "sums_match '$T/four'"

echo "threads: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
