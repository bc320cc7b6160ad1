#!/bin/sh
# Out of memory at every place vik allocates: a small town's night is run through
# vik-oom (tests/oom/vik_oom.c) once per allocation, with that one allocation
# failing, and again with it and every later one failing (memory that has run out
# stays out, so an error path must not need any). Each such night must either
#   - fail with exit status 1 and "out of memory" on its last line, leaving no
#     list, report or other file of the night in the output folder, or
#   - where the allocation was only a help (libcsv retries a smaller buffer; the
#     report's charts and the summary's neighbourhood lines are extras), succeed
#     with the same lists and files as a night with memory to spare;
# and never crash, leak or trip a sanitizer (make test runs this under ASan and
# UBSan, whose leak check runs at every exit). Then, on two threads and into a
# folder that holds an earlier night, every third allocation again: a failed night
# must leave that night's files as they were.
#
# Usage: BUILD=build/san sh tests/e2e/oom.sh   (from the repository root)
NAME=oom . tests/lib.sh

OOM="$BUILD/vik-oom"
D="$T/town"
if ! "$GEN" --seed 3 --addresses 4500 --out "$D" > /dev/null; then
    bad "the generator makes a town"
    echo "oom: $PASS passed, $FAIL failed"
    exit 1
fi
make_config "$D"
# one thread: the Nth allocation is then the same one in every night
sed "s/^\[run\]\$/[run]\nthreads = 1/" "$D/vik.ini" > "$T/vik-1.ini"
sed "s/^\[run\]\$/[run]\nthreads = 2/" "$D/vik.ini" > "$T/vik-2.ini"

# What a night starts from: INI its config, PREV an earlier night's output folder
# copied in first ("" for none), REF the night with memory to spare it must equal.
INI="$T/vik-1.ini" PREV="" REF="$T/ref"

# night DIR MODE N [COMMAND ARGS...]: a night (vik run, or the command given) with
# its own output folder; MODE=VIK_OOM_FAIL or _FROM
night() {
    dir=$1 mode=$2 n=$3
    shift 3
    [ $# -gt 0 ] || set -- run -q
    mkdir -p "$dir"
    [ -z "$PREV" ] || cp -R "$PREV" "$dir/out"
    sed "s#$D/out#$dir/out#" "$INI" > "$dir/vik.ini"
    env ASAN_OPTIONS=exitcode=99 UBSAN_OPTIONS=exitcode=98 VIK_OOM_SQLITE="${SQLITE:-0}" \
        "$mode=$n" timeout 120 "$OOM" "$@" -c "$dir/vik.ini" > "$dir/stdout" 2> "$dir/stderr"
    echo $? > "$dir/rc"
}

night "$T/ref" VIK_OOM_COUNT 1
check "a night with memory to spare runs" "[ \$(cat '$T/ref/rc') -eq 0 ]"
K=$(sed -n 's/^vik-oom: allocations //p' "$T/ref/stderr")
check "vik-oom counted the night's allocations ($K)" "[ '${K:-0}' -gt 100 ]"

# only_left_out A B OLD NEW: every line of A that B lacks matches OLD, and every
# line B adds matches NEW (what a night may leave out, and how it must say so)
only_left_out() {
    diff "$1" "$2" > "$T/d.txt" && return 0
    ! grep '^<' "$T/d.txt" | grep -Evq "$3" && ! grep '^>' "$T/d.txt" | grep -Evq "$4" &&
        grep -q '^>' "$T/d.txt"
}

# same DIR: the night in DIR wrote what the reference wrote (paths and the config
# hash, which covers them, set aside)
same() {
    for f in "$REF"/out/*.csv; do
        cmp -s "$f" "$1/out/$(basename "$f")" || return 1
    done
    # the hash as report.html states it (the summary may say "(no memory)" instead)
    h0=$(sed -n 's#.*config hash</th><td>\([0-9a-f]*\)</td>.*#\1#p' "$REF/out/report.html")
    h1=$(sed -n 's#.*config hash</th><td>\([0-9a-f]*\)</td>.*#\1#p' "$1/out/report.html")
    [ -n "$h0" ] && [ -n "$h1" ] || return 1
    sed -e "s#$REF#X#g" -e "s#$h0#H#g" "$REF/out/report.html" > "$T/a.html"
    sed -e "s#$1#X#g" -e "s#$h1#H#g" "$1/out/report.html" > "$T/b.html"
    # the summary on stdout, its timings and paths set aside
    grep -Ev '^(vik run:|rows |time:|report:)' "$REF/stdout" > "$T/a.txt"
    grep -Ev '^(vik run:|rows |time:|report:)' "$1/stdout" > "$T/b.txt"
    # the allowed differences: the charts, a method paragraph or the summary's
    # neighbourhoods left out, saying why
    only_left_out "$T/a.html" "$T/b.html" '<figure><svg|<p class="note">' 'no memory for it' &&
        only_left_out "$T/a.txt" "$T/b.txt" '^<     |highest:' 'out of memory'
}

# history_content DIR: the history's content but the audit trail; audits DIR: its records
history_content() {
    sqlite3 "$1/out/vik.db" "SELECT * FROM runs; SELECT * FROM list_entries;
        SELECT id, address, theme, status, date, note FROM outcomes; SELECT * FROM forgotten;
        SELECT * FROM configs;" | cksum
}
audits() { sqlite3 "$1/out/vik.db" "SELECT count(*) FROM audit"; }
# untouched DIR: the output folder holds the earlier night's files as they were, and
# nothing else but its history database, which holds what it held (audit records
# aside: a failed night is recorded)
untouched() {
    [ "$(ls "$PREV")" = "$(ls "$1/out")" ] || return 1
    for f in "$PREV"/*; do
        case "$f" in */vik.db) continue ;; esac
        cmp -s "$f" "$1/out/$(basename "$f")" || return 1
    done
    [ "$(history_content "$1")" = "$(history_content "${PREV%/out}")" ]
}

# judge DIR: "ok", or what was wrong with the night in DIR
judge() {
    rc=$(cat "$1/rc")
    if grep -Eq "AddressSanitizer|LeakSanitizer|runtime error" "$1/stderr"; then
        echo "a sanitizer report"
    elif [ "$rc" -eq 1 ]; then
        if ! tail -n 1 "$1/stderr" | grep -q "out of memory"; then
            echo "failed without saying out of memory: $(tail -n 1 "$1/stderr")"
        elif [ -z "$PREV" ] && ls "$1/out" 2> /dev/null | grep -Eqv '^vik\.db$'; then
            echo "failed but left files: $(ls "$1/out" | tr '\n' ' ')"
        elif [ -n "$PREV" ] && ! untouched "$1"; then
            echo "failed and changed the earlier night's files or history: $(ls "$1/out" | tr '\n' ' ')"
        else
            echo ok
        fi
    elif [ "$rc" -eq 0 ]; then
        if same "$1"; then echo ok; else echo "succeeded with other results"; fi
    else
        echo "exit status $rc: $(tail -n 1 "$1/stderr")"
    fi
}

# sweep MODE [FIRST STEP]: allocations FIRST, FIRST + STEP, ... up to K (every one
# by default), two nights at a time; prints the bad ones and counts the nights
# judged in $T/judged
sweep() {
    step=${3:-1}
    i=${2:-1}
    while [ "$i" -le "$K" ]; do
        j=$((i + step))
        night "$T/$1-$i" "$1" "$i" &
        [ "$j" -le "$K" ] && night "$T/$1-$j" "$1" "$j" &
        wait
        for n in $i $j; do
            [ "$n" -le "$K" ] || continue
            v=$(judge "$T/$1-$n")
            echo "$1=$n $(cat "$T/$1-$n/rc")" >> "$T/judged"
            [ "$v" = ok ] || echo "$1=$n: $v"
            [ "$v" = ok ] && rm -rf "$T/$1-$n"
        done
        i=$((j + step))
    done
}

sweep VIK_OOM_FAIL > "$T/fail.txt"
check "each of the $K allocations failing alone: out of memory, or the same night" \
    "[ ! -s '$T/fail.txt' ] || { head -n 5 '$T/fail.txt'; false; }"
sweep VIK_OOM_FROM > "$T/from.txt"
check "memory running out at each of the $K allocations: out of memory, or the same night" \
    "[ ! -s '$T/from.txt' ] || { head -n 5 '$T/from.txt'; false; }"
check "every allocation was failed in both ways ($((2 * K)) nights)" \
    "[ \$(sort -u '$T/judged' | wc -l) -eq $((2 * K)) ]"
check "most of those nights failed (the allocator did fail them)" \
    "[ \$(grep -c ' 1\$' '$T/judged') -gt $K ]"
check "memory gone from the first allocation on fails the night" \
    "grep -q '^VIK_OOM_FROM=1 1\$' '$T/judged'"

# Two threads (the lanes side by side, the indicator jobs in parallel: which
# allocation is the Nth then varies a little from night to night) into a folder
# that holds an earlier night: failing, the night must leave that night's files
# as they were (fs_batch: docs/engineering.md, outputs are all or nothing).
INI="$T/vik-2.ini" PREV="" REF="$T/first"
night "$T/first" VIK_OOM_COUNT 1
PREV="$T/first/out" REF="$T/second"
night "$T/second" VIK_OOM_COUNT 1
check "two nights in a row with two threads run" \
    "[ \$(cat '$T/first/rc') -eq 0 ] && [ \$(cat '$T/second/rc') -eq 0 ]"
K=$(sed -n 's/^vik-oom: allocations //p' "$T/second/stderr")
: > "$T/judged"
sweep VIK_OOM_FROM 1 3 > "$T/two.txt"
sweep VIK_OOM_FAIL 2 3 >> "$T/two.txt"
check "two threads, an earlier night in place, every third of $K allocations failing" \
    "[ ! -s '$T/two.txt' ] || { head -n 5 '$T/two.txt'; false; }"
check "...and some of those nights failed" "[ \$(grep -c ' 1\$' '$T/judged') -gt $((K / 3)) ]"

# The other commands, on the folder of those two nights, with SQLite's allocations
# failed too (the history commands work through it): each fails with exit status 1
# and "out of memory" and leaves the history as it was but for its audit record,
# or prints what it prints with memory to spare (its folder's path and the config
# hash, which covers it, set aside) and leaves the history and the audit trail as
# it does then. Each command's last
# 40 allocations and 30 more spread over the rest, in both ways.
PREV="$T/second/out"
row=$(sed -n 2p "$PREV/watchlist.csv")
addr=$(echo "$row" | awk -F';' '{ printf "%s %s%s%s", $4, $5, $6, ($7 != "" ? "-" $7 : "") }')
theme=$(echo "$row" | cut -d';' -f2)
# cmd_ok DIR REFDIR: the command in DIR failed as it must, or printed what REFDIR's did
cmd_ok() {
    if grep -Eq "AddressSanitizer|LeakSanitizer|runtime error" "$1/stderr"; then
        echo "a sanitizer report"
    elif [ "$(cat "$1/rc")" -eq 1 ] && ! tail -n 1 "$1/stderr" | grep -q "out of memory"; then
        echo "failed without saying out of memory: $(tail -n 1 "$1/stderr")"
    elif [ "$(cat "$1/rc")" -eq 1 ] && [ "$(history_content "$1")" != "$(history_content "$T/second")" ]; then
        echo "failed but changed the history"
    elif [ "$(cat "$1/rc")" -eq 1 ]; then
        echo ok
    elif [ "$(cat "$1/rc")" -eq 0 ] && { [ "$(audits "$1")" -ne "$(audits "$2")" ] ||
        [ "$(history_content "$1")" != "$(history_content "$2")" ]; }; then
        echo "succeeded with another history or audit trail"
    elif [ "$(cat "$1/rc")" -ne "$(cat "$2/rc")" ]; then
        echo "exit status $(cat "$1/rc"): $(tail -n 1 "$1/stderr")"
    else
        sed -e "s#$2#X#g" -e 's/hash [0-9a-f]\{16\}/hash H/' "$2/stdout" > "$T/a.txt"
        sed -e "s#$1#X#g" -e 's/hash [0-9a-f]\{16\}/hash H/' "$1/stdout" > "$T/b.txt"
        if cmp -s "$T/a.txt" "$T/b.txt"; then echo ok; else echo "other output"; fi
    fi
}
# sweep_command NAME ARGS...: the sweep of one command
sweep_command() {
    name=$1
    shift
    night "$T/c-$name" VIK_OOM_COUNT 1 "$@"
    k=$(sed -n 's/^vik-oom: allocations //p' "$T/c-$name/stderr")
    [ "$(cat "$T/c-$name/rc")" -eq 0 ] && [ "${k:-0}" -gt 0 ] || {
        echo "$name: does not run with memory to spare: $(tail -n 1 "$T/c-$name/stderr")"
        return
    }
    # 30 spread below the last 40, then each of the last 40
    step=$((k / 30 + 1)) last=$((k - 39))
    [ "$last" -ge 1 ] || last=1
    points=$(
        i=1
        while [ "$i" -lt "$last" ]; do
            echo "$i"
            i=$((i + step))
        done
        seq "$last" "$k"
    )
    for i in $points; do
        night "$T/c-$name-from-$i" VIK_OOM_FROM "$i" "$@" &
        night "$T/c-$name-fail-$i" VIK_OOM_FAIL "$i" "$@" &
        wait
        for w in from fail; do
            v=$(cmd_ok "$T/c-$name-$w-$i" "$T/c-$name")
            echo "$name $w $i" >> "$T/commands"
            if [ "$v" = ok ]; then rm -rf "$T/c-$name-$w-$i"; else echo "$name $w=$i: $v"; fi
        done
    done
}
INI="$T/vik-1.ini" SQLITE=1
: > "$T/commands"
{
    sweep_command explain explain "$addr"
    sweep_command eval eval --truth "$D/truth.csv"
    sweep_command diff diff
    sweep_command check check
    sweep_command register register
    sweep_command audit audit --verify
    sweep_command purge purge
    sweep_command outcome outcome "$addr" "$theme" bekend --note oom
    sweep_command forget forget "$addr" --reason oom
} > "$T/cmds.txt"
SQLITE=0
check "explain, eval, diff, check, register, audit, purge, outcome and forget under the same" \
    "[ ! -s '$T/cmds.txt' ] || { head -n 5 '$T/cmds.txt'; false; }"
check "...at least 50 of each command's allocations, in both ways" \
    "all=1; for c in explain eval diff check register audit purge outcome forget; do
         [ \$(grep -c \"^\$c \" '$T/commands') -ge 100 ] || { echo \$c; all=0; }
     done; [ \$all = 1 ]"

echo "oom: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
