#!/bin/sh
# End-to-end tests of the history database (issue 6): two runs on changed generated
# inputs give the diff the two watchlists imply; `vik outcome` then a run takes the
# address off its list; a stronger signal at that address lists it again
# (re-alerted); a bad outcome import imports nothing; the database keeps the input
# checksums and is readable by its owner only.
#
# Usage: BUILD=build/san sh tests/e2e/history.sh   (from the repository root)
NAME=history . tests/lib.sh

# The hennep list of a run as "POSTCODE NUMBER" lines (fields before the quoted
# reasons only), sorted.
listed() { # watchlist-hennep.csv
    awk -F';' 'NR > 1 { n = $5 $6; if ($7 != "") n = n "-" $7; print $4 " " n }' "$1" | sort
}

# The addresses vik diff prints for one kind (new, still, dropped) in the hennep theme.
diff_kind() { # diff.txt kind
    awk -v k="$2" '/^theme / { in_theme = ($2 == "hennep:") } in_theme && $1 == k { print $2 " " $3 }' \
        "$1" | sort
}

D="$T/h"
"$GEN" --seed 2 --out "$D" > /dev/null || { bad "generator"; exit 1; }
make_config "$D"
cp "$D/energie.csv" "$T/energie-full.csv"
DB="$D/out/vik.db"

# Night 1 without the first quarter of the energy rows, night 2 without the last:
# cases in the first quarter are new on night 2, cases in the last are dropped.
{ head -1 "$T/energie-full.csv"; sed -n '8000,$p' "$T/energie-full.csv"; } > "$D/energie.csv"
check "night 1: vik run exits 0" "'$VIK' run -c '$D/vik.ini' > '$T/run1.txt' 2> '$T/run1.err'"
cp "$D/out/watchlist-hennep.csv" "$T/hennep1.csv"
check "the history database is created, readable by its owner only" \
    "[ -s '$DB' ] && [ \"\$(stat -c %a '$DB')\" = 600 ]"
{ head -1 "$T/energie-full.csv"; sed -n '2,24000p' "$T/energie-full.csv"; } > "$D/energie.csv"
check "night 2 on changed inputs: vik run exits 0" \
    "'$VIK' run -c '$D/vik.ini' > '$T/run2.txt' 2> '$T/run2.err'"
cp "$D/out/watchlist-hennep.csv" "$T/hennep2.csv"

"$VIK" diff -c "$D/vik.ini" > "$T/diff2.txt" 2> "$T/diff2.err"
rc=$?
listed "$T/hennep1.csv" > "$T/l1"
listed "$T/hennep2.csv" > "$T/l2"
comm -13 "$T/l1" "$T/l2" > "$T/want-new"
comm -23 "$T/l1" "$T/l2" > "$T/want-dropped"
comm -12 "$T/l1" "$T/l2" > "$T/want-still"
diff_kind "$T/diff2.txt" new > "$T/got-new"
diff_kind "$T/diff2.txt" dropped > "$T/got-dropped"
diff_kind "$T/diff2.txt" still > "$T/got-still"
echo "     hennep: $(wc -l < "$T/got-new") new, $(wc -l < "$T/got-still") still, $(wc -l < "$T/got-dropped") dropped"
check "vik diff exits 0 and compares run 2 with run 1" \
    "[ $rc -eq 0 ] && grep -q '^run 2 (reference date 2026-11-01) against run 1' '$T/diff2.txt'"
check "the changed inputs give new, still listed and dropped addresses" \
    "[ -s '$T/want-new' ] && [ -s '$T/want-dropped' ] && [ -s '$T/want-still' ]"
check "vik diff: new = on list 2 only, dropped = on list 1 only, still = on both" \
    "cmp -s '$T/want-new' '$T/got-new' && cmp -s '$T/want-dropped' '$T/got-dropped' && cmp -s '$T/want-still' '$T/got-still'"
check "every new line names its indicators, every still line its runs and change" \
    "awk '\$1 == \"new\" && !/ E[0-9] | [BHKS][0-9] / { exit 1 } \$1 == \"still\" && !/listed 2 runs; / { exit 1 }' '$T/diff2.txt'"
check "every dropped line says what it had" \
    "awk '\$1 == \"dropped\" && !/ had [A-Z][0-9] / { exit 1 }' '$T/diff2.txt'"

# An outcome takes an address off its theme's list: the hennep address ranked
# highest on night 2 without a citizen report (so that reports can raise it later).
X=$(awk -F';' 'NR > 1 && !/S1 citizen_signal/ { n = $5 $6; if ($7 != "") n = n "-" $7; print $4 " " n; exit }' \
    "$T/hennep2.csv")
echo "     address for the outcome: $X"
"$VIK" outcome -c "$D/vik.ini" "$X" hennep bekend --note "zaak 2026-0042" > "$T/outcome.txt" 2>&1
rc=$?
check "vik outcome '$X' hennep bekend: exit 0, recorded" \
    "[ $rc -eq 0 ] && grep -q '^recorded: $X hennep bekend 2026-11-01' '$T/outcome.txt'"
"$VIK" run -v -c "$D/vik.ini" > /dev/null 2> "$T/run3.err"
rc=$?
listed "$D/out/watchlist-hennep.csv" > "$T/l3"
check "night 3: the address with the outcome is not on the hennep list" \
    "[ $rc -eq 0 ] && grep -qx '$X' '$T/l2' && ! grep -qx '$X' '$T/l3'"
check "night 3: the log counts it as suppressed" \
    "grep -q 'stage=history theme=hennep suppressed=1 reason=recent_outcome' '$T/run3.err'"
"$VIK" diff -c "$D/vik.ini" > "$T/diff3.txt" 2>&1
check "vik diff shows it dropped, with the outcome" \
    "grep -q '^  dropped  $X .*outcome bekend recorded 2026-11-01' '$T/diff3.txt'"

# New evidence: three fresh citizen reports of cannabis cultivation at the address
# add the citizen signal (up to +0.5), more than the re-alert margin of 0.25.
pc=${X%% *}
nr=${X#* }
for d in 2026-10-29 2026-10-30 2026-10-31; do
    printf 'M2026-9%s;%s;%s;%s;hennepteelt;meldpunt\n' "$(echo $d | tr -d -)" "$d" "$pc" "$nr" \
        >> "$D/meldingen.csv"
done
"$VIK" run -c "$D/vik.ini" > /dev/null 2> "$T/run4.err"
rc=$?
listed "$D/out/watchlist-hennep.csv" > "$T/l4"
check "night 4: a stronger signal lists the address again" "[ $rc -eq 0 ] && grep -qx '$X' '$T/l4'"
"$VIK" diff -c "$D/vik.ini" > "$T/diff4.txt" 2>&1
check "vik diff marks it re-alerted, with the indicator that appeared" \
    "grep -q '^  new      $X .*re-alerted (score rose after an outcome); .*S1 citizen_signal' '$T/diff4.txt'"
check "report.html shows the measured precision from the outcome (bekend: 0 confirmed)" \
    "grep -q 'id=\"outcomes\"' '$D/out/report.html' && grep -Eq '0 of [0-9]+ = 0%' '$D/out/report.html'"
# vik explain --run N: the figures stored that night, not a recomputation.
"$VIK" explain -c "$D/vik.ini" "$X" --run 2 > "$T/explain2.txt" 2>&1
check "vik explain '$X' --run 2 shows night 2's stored score and contributions, and the outcome under the address" \
    "grep -q '^run 2 (reference date' '$T/explain2.txt' && grep -Eq 'theme hennep: rank [0-9]+, score [0-9.]+' '$T/explain2.txt' && grep -Eq '^    [EKHBS][0-9] [a-z_]+: .* \| fires at 1 in [0-9,]+; strength [0-9.]+ = rarity [0-9.]+ x grade [0-9.]+; weight [0-9.]+ x strength [0-9.]+ = \+[0-9.]+' '$T/explain2.txt' && grep -q 'hennep: bekend on' '$T/explain2.txt' && grep -q '^  $X hennep: bekend on 20[0-9-]*' '$T/explain2.txt' && ! grep -Eq '[0-9A-Z]\|[0-9]*\|' '$T/explain2.txt'"
"$VIK" explain -c "$D/vik.ini" "$X" --run 99 > /dev/null 2> "$T/explain99.err"
rc=$?
check "vik explain --run 99 (no such run) is a usage error" \
    "[ $rc -eq 2 ] && grep -q 'no run 99' '$T/explain99.err'"
"$VIK" diff -c "$D/vik.ini" --run 2 > "$T/diff-run2.txt" 2>&1
check "vik diff --run 2 prints night 2 again" "cmp -s '$T/diff2.txt' '$T/diff-run2.txt'"

# Outcome import: one bad line and nothing is imported; every bad line is named.
printf 'postcode;house_number;house_letter;house_suffix;theme;status;date;note\n5664AB;12;;;hennep;bekend;2026-11-01;\n5664AB;12;;;henep;bekend;2026-11-01;\n5664AB;12;;;hennep;bekend;2026-13-01;\n' \
    > "$T/bad.csv"
"$VIK" outcome -c "$D/vik.ini" --import "$T/bad.csv" > /dev/null 2> "$T/bad.err"
rc=$?
check "a bad outcome import exits 1, names lines 3 and 4, imports nothing" \
    "[ $rc -eq 1 ] && grep -q 'bad.csv:3: unknown theme' '$T/bad.err' && grep -q 'bad.csv:4: date is not' '$T/bad.err' && grep -q 'nothing imported' '$T/bad.err'"
head -2 "$T/bad.csv" > "$T/good.csv"
check "a good import exits 0" \
    "'$VIK' outcome -c '$D/vik.ini' --import '$T/good.csv' | grep -q '^imported 1 outcome from'"
"$VIK" outcome -c "$D/vik.ini" "$X" hennep afgehandeld > /dev/null 2> "$T/status.err"
rc=$?
check "an unknown status is a usage error (exit 2)" "[ $rc -eq 2 ] && grep -q 'unknown status' '$T/status.err'"

# A failed night leaves no run behind: a required source missing fails night 5.
mv "$D/kvk_vestigingen.csv" "$T/kvk.csv"
"$VIK" run -c "$D/vik.ini" > /dev/null 2>&1
rc=$?
mv "$T/kvk.csv" "$D/kvk_vestigingen.csv"
"$VIK" diff -c "$D/vik.ini" > "$T/diff5.txt" 2>&1
check "a failed night (exit 1) stores no run: the latest is still run 4" \
    "[ $rc -eq 1 ] && grep -q '^run 4 ' '$T/diff5.txt'"

# A night that cannot put its files in place (report.html is a folder now) fails as a
# whole: every file it had already put in place goes back to the previous night's,
# nothing of it is stored, and nothing is left behind.
cp "$D/out/watchlist.csv" "$T/before6.csv"
mv "$D/out/report.html" "$T/report5.html"
mkdir -p "$D/out/report.html/blocker"
"$VIK" run -c "$D/vik.ini" > /dev/null 2> "$T/run6.err"
rc=$?
"$VIK" diff -c "$D/vik.ini" > "$T/diff6pre.txt" 2>&1
check "a night whose last file cannot be put in place fails (exit 1) and names it" \
    "[ $rc -eq 1 ] && grep -q 'report.html' '$T/run6.err'"
check "...its files already in place go back to the previous night's, none left over" \
    "cmp -s '$T/before6.csv' '$D/out/watchlist.csv' && ! ls '$D/out'/*.tmp '$D/out'/*.prev > /dev/null 2>&1"
check "...and the database holds no trace of it: the latest run is still 4" \
    "grep -q '^run 4 ' '$T/diff6pre.txt'"
rm -r "$D/out/report.html"
mv "$T/report5.html" "$D/out/report.html"

# vik purge: retention on demand. Nothing is old at the night's reference date; a
# year on with retention_days = 30, every run and outcome is past it.
"$VIK" purge -c "$D/vik.ini" > "$T/purge1.txt" 2>&1
rc=$?
check "vik purge at tonight's date removes nothing" \
    "[ $rc -eq 0 ] && grep -q '^purged 0 run(s) and 0 outcome(s)' '$T/purge1.txt'"
sed -e 's/^reference_date = .*/reference_date = 2027-11-01/' \
    -e 's/^retention_days = .*/retention_days = 30\nsuppress_days = 30/' "$D/vik.ini" > "$T/later.ini"
"$VIK" purge -c "$T/later.ini" > "$T/purge2.txt" 2>&1
rc=$?
"$VIK" diff -c "$D/vik.ini" > "$T/diff6.txt" 2>&1
check "vik purge a year later with retention_days = 30 removes the 4 runs and the outcomes" \
    "[ $rc -eq 0 ] && grep -Eq '^purged 4 run\(s\) and [1-9][0-9]* outcome\(s\)' '$T/purge2.txt' && ! grep -q '^run 4 ' '$T/diff6.txt'"

echo "history: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
