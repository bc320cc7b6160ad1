#!/bin/sh
# End-to-end tests of issue 11 on the generated municipality (seed 1):
#   - the folders vik creates (output, database, key) are mode 0700;
#   - run, explain (live and stored), diff, outcome (one and --import), eval, purge
#     and forget each leave exactly one audit record with their exit status, also
#     when they fail; a config that does not load, vik audit and vik check none;
#   - vik audit prints the trail and filters it by command, address, user and date;
#   - once the trail has begun, no command creates a new key when the key is missing;
#   - vik audit --verify: an untouched trail verifies (exit 0); one record altered
#     with the sqlite3 shell is named (exit 1); the triggers refuse the plain UPDATE;
#     a purge that removes records keeps the chain verifiable from its anchor;
#   - vik forget removes the address from every table (grep of the database file),
#     records the act, and the next night does not list it on the same facts;
#   - no column of any table of the database holds a BSN, a full birth date or a
#     name from the exports (every table and column listed from sqlite_master and
#     pragma table_info), and the scan catches them when they are planted.
#
# Usage: BUILD=build/san sh tests/e2e/audit.sh   (from the repository root; needs sqlite3)
NAME=audit . tests/lib.sh

command -v sqlite3 > /dev/null || { bad "the sqlite3 shell is installed (make test-deps)"; exit 1; }
TAB=$(printf '\t')
D="$T/data"
"$GEN" --seed 1 --out "$D" > /dev/null || { bad "generator"; exit 1; }
# output, database and key folders that do not exist yet: vik creates them
sed -e "s#\.\./samples/data#$D#" -e "s#^output_dir = .*#output_dir = $T/new/out#" \
    -e "s#^database = .*#database = $T/new/db/vik.db#" \
    -e "s#^key_file = .*#key_file = $T/new/keys/vik.key#" config/vik.ini > "$T/vik.ini"
C="$T/vik.ini"
DB="$T/new/db/vik.db"

count() { sqlite3 "$DB" 'SELECT COUNT(*) FROM audit' 2> /dev/null || echo 0; }
last() { sqlite3 "$DB" "SELECT command || ' ' || status FROM audit ORDER BY seq DESC LIMIT 1"; }

# one "what" COMMAND EXIT vik-arguments...: the invocation exits EXIT and adds
# exactly one audit record, of COMMAND with that exit status
one() {
    what=$1 cmd=$2 want=$3
    shift 3
    before=$(count)
    "$VIK" "$@" > "$T/out.txt" 2> "$T/err.txt"
    rc=$?
    after=$(count)
    got=$(last)
    check "$what: exit $want and exactly one audit record '$cmd $want' (got exit $rc, $((after - before)) record(s), last '$got')" \
        "[ $rc -eq $want ] && [ $((after - before)) -eq 1 ] && [ '$got' = '$cmd $want' ]"
}

# none "what" EXIT vik-arguments...: exits EXIT and leaves no record
none() {
    what=$1 want=$2
    shift 2
    before=$(count)
    "$VIK" "$@" > "$T/out.txt" 2> "$T/err.txt"
    rc=$?
    check "$what: exit $want and no audit record (got exit $rc)" \
        "[ $rc -eq $want ] && [ $(count) -eq $before ]"
}

# ------------------------------------------------------------ the nightly run

one "vik run" run 0 run -c "$C"
mode() { stat -c %a "$1"; }
check "the folders vik created are 0700: output, database, key, and their parent" \
    "[ $(mode "$T/new") = 700 ] && [ $(mode "$T/new/out") = 700 ] && [ $(mode "$T/new/db") = 700 ] && [ $(mode "$T/new/keys") = 700 ]"
run_id=$(sqlite3 "$DB" 'SELECT id FROM runs')
sqlite3 "$DB" "SELECT run, args, result FROM audit WHERE command = 'run'" > "$T/run-record.txt"
check "the night's record names its run and what it listed, read and removed" \
    "grep -Eq '^$run_id\|reference_date=2026-11-01 version=[0-9][0-9a-z.-]*\|hennep=[0-9]+ witwassen=[0-9]+ brievenbus=[0-9]+ overbewoning=[0-9]+ rows_read=[1-9][0-9]* rows_quarantined=0 suppressed=0 purged_runs=0 purged_outcomes=0 purged_audit=0$' '$T/run-record.txt'"

# the hennep address ranked highest, and a unit that no source has
X=$(awk -F';' 'NR > 1 { n = $5 $6; if ($7 != "") n = n "-" $7; print $4 " " n; exit }' \
    "$T/new/out/watchlist-hennep.csv")
KEY=$(awk -F';' 'NR == 2 { print $4 "|" $5 "|" $6 "|" $7 }' "$T/new/out/watchlist-hennep.csv")
echo "     address: $X (stored as $KEY)"

# ------------------------------------------------------------ one record each

one "vik explain (live)" explain 0 explain -c "$C" "$X"
one "vik explain --stored" explain 0 explain -c "$C" "$X" --stored
one "vik explain --run 1" explain 0 explain -c "$C" "$X" --run 1
one "vik explain of an address no source has (fails)" explain 1 explain -c "$C" '9999ZZ 1'
one "vik diff" diff 0 diff -c "$C"
one "vik diff --run 99 (no such run)" diff 2 diff -c "$C" --run 99
one "vik outcome" outcome 0 outcome -c "$C" "$X" hennep bekend --note "zaak 2026-0042"
printf 'postcode;house_number;house_letter;house_suffix;theme;status;date;note\n5661AE;1;;;witwassen;geen-bevinding;2026-11-01;\n' \
    > "$T/uitkomsten.csv"
one "vik outcome --import" outcome 0 outcome -c "$C" --import "$T/uitkomsten.csv"
one "vik eval" eval 0 eval -c "$C" --truth "$D/truth.csv"
one "vik purge" purge 0 purge -c "$C"
mv "$D/kvk_vestigingen.csv" "$T/kvk.csv"
one "a failed vik run (kvk export missing)" run 1 run -c "$C"
mv "$T/kvk.csv" "$D/kvk_vestigingen.csv"
check "...its record says what failed, without the message (which may quote input)" \
    "sqlite3 '$DB' 'SELECT result FROM audit ORDER BY seq DESC LIMIT 1' | grep -qx 'error=INPUT'"
sed 's/^top_n = /top_m = /' "$C" > "$T/broken.ini"
none "a config that does not load (it cannot know its database)" 2 run -c "$T/broken.ini"
none "vik forget without --reason (a usage error)" 2 forget -c "$C" "$X"
none "vik check (reads headers only)" 0 check -c "$C"
none "vik audit (reading the trail changes nothing)" 0 audit -c "$C"
none "vik audit --verify" 0 audit -c "$C" --verify
check "...which says the untouched trail verifies, from the start" \
    "grep -Eq '^audit trail verified: 12 record\(s\), #1 to #12, chained from the start; last hash [0-9a-f]{64}$' '$T/out.txt'"

# ------------------------------------------------------------ vik audit

"$VIK" audit -c "$C" > "$T/trail.txt" 2>&1
check "vik audit prints one line per record, with time, user, command and exit status" \
    "[ \$(wc -l < '$T/trail.txt') -eq 12 ] && ! grep -Ev '^#[0-9]+ 20[0-9-]+T[0-9:]+Z user=[^ ]+ command=[a-z]+ .*exit=[0-9]+' '$T/trail.txt'"
check "...an outcome names its address and theme, not its note" \
    "grep -q \"command=outcome address='$X' args='theme=hennep status=bekend' .*exit=0 result='recorded=1'\" '$T/trail.txt' && ! grep -q 'zaak 2026' '$T/trail.txt'"
"$VIK" audit -c "$C" --command explain > "$T/explains.txt"
check "vik audit --command explain: the four explains" \
    "[ \$(wc -l < '$T/explains.txt') -eq 4 ] && [ \$(grep -c 'command=explain' '$T/explains.txt') -eq 4 ]"
"$VIK" audit -c "$C" --address "$X" > "$T/x.txt"
check "vik audit --address: the three explains and the outcome of that address" \
    "[ \$(wc -l < '$T/x.txt') -eq 4 ] && [ \$(grep -c \"address='$X'\" '$T/x.txt') -eq 4 ]"
me=$(id -un)
today=$(date -u +%F)
check "vik audit --user $me and --since/--until today: every record; tomorrow: none" \
    "[ \$('$VIK' audit -c '$C' --user '$me' --since $today --until $today | wc -l) -eq 12 ] && [ \$('$VIK' audit -c '$C' --since \$(date -u -d tomorrow +%F) 2> /dev/null | wc -l) -eq 0 ] && [ \$('$VIK' audit -c '$C' --user nobody-else 2> /dev/null | wc -l) -eq 0 ]"

# ------------------------------------------------------------ tampering

# a copy of the database, changed with the sqlite3 shell as anyone who can write
# the file could: the triggers refuse a plain UPDATE, so they are dropped first
cp "$DB" "$T/tampered.db"
sed "s#^database = .*#database = $T/tampered.db#" "$C" > "$T/tampered.ini"
sqlite3 "$T/tampered.db" "UPDATE audit SET os_user = 'nobody' WHERE seq = 5" 2> "$T/trigger.err"
rc=$?
check "the database refuses to change an audit record (trigger)" \
    "[ $rc -ne 0 ] && grep -q 'audit records are never changed' '$T/trigger.err'"
sqlite3 "$T/tampered.db" "DELETE FROM audit WHERE seq = 2" 2> "$T/trigger.err"
rc=$?
check "...and to delete one that retention did not remove" \
    "[ $rc -ne 0 ] && grep -q 'removed only by retention' '$T/trigger.err'"
sqlite3 "$T/tampered.db" "DROP TRIGGER audit_never_updated; UPDATE audit SET status = 0 WHERE seq = 5"
"$VIK" audit -c "$T/tampered.ini" --verify > "$T/verify.txt" 2>&1
rc=$?
check "one record altered with the sqlite3 shell: vik audit --verify exits 1 and names record #5" \
    "[ $rc -eq 1 ] && grep -q '^broken: record #5: its hash does not match' '$T/verify.txt' && [ \$(grep -c '^broken:' '$T/verify.txt') -eq 1 ] && grep -q '^audit trail BROKEN: 1 problem' '$T/verify.txt'"
sqlite3 "$T/tampered.db" "DROP TRIGGER audit_removed_oldest_first; DELETE FROM audit WHERE seq = 8"
"$VIK" audit -c "$T/tampered.ini" --verify > "$T/verify2.txt" 2>&1
check "a record deleted from the middle: named as missing" \
    "[ $? -eq 1 ] && grep -q '^broken: records #8 to #8 are missing' '$T/verify2.txt'"

# ------------------------------------------------------------ the key

# A trail that has begun was written with the key: without it no command makes a
# new one (the trail would look broken from then on, and linkage would break).
mv "$T/new/keys/vik.key" "$T/vik.key.away"
none "vik diff without the key file" 2 diff -c "$C"
check "...says to restore the key, and creates none" \
    "grep -q 'restore the key' '$T/err.txt' && [ ! -e '$T/new/keys/vik.key' ]"
none "vik run without the key file" 2 run -c "$C"
mv "$T/vik.key.away" "$T/new/keys/vik.key"

# ------------------------------------------------------------ minimisation

# Every table and column as "table.column<TAB>value", one line per stored value.
dump() { # db
    for t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"); do
        for c in $(sqlite3 "$1" "SELECT name FROM pragma_table_info('$t')"); do
            printf '%s.%s\t(column)\n' "$t" "$c"
            sqlite3 -separator "$TAB" "$1" "SELECT '$t.$c', replace(replace(CAST(\"$c\" AS TEXT), char(10), ' '), char(13), ' ') FROM \"$t\" WHERE \"$c\" IS NOT NULL"
        done
    done
}
# The identifiers of the exports: BSNs, natural persons' owner and buyer ids (9
# digits, zero-padded), and the surnames (UTF-8, as a stored text would be).
awk -F';' 'NR > 1 { printf "%09d\n", $1 }' "$D/brp.csv" > "$T/ids"
gzip -dc "$D/kadaster_objecten.csv.gz" | awk -F',' 'NR > 1 && $14 == "NP" { printf "%09d\n", $13 }' >> "$T/ids"
awk -F';' 'NR > 1 && $6 == "natuurlijk persoon" { printf "%09d\n", $5 }' "$D/kadaster_transacties.csv" >> "$T/ids"
awk -F';' 'NR > 1 { print $2 }' "$D/brp.csv" | iconv -f CP1252 -t UTF-8 | sort -u > "$T/names"
ref=$(sed -n 's/^reference_date = //p' "$C" | tr -d -)
# scan DUMP: one line per stored value that is a clear identifier, a name or a full
# date more than ten years before the reference date (a birth date: no stored date
# is that old - transfers, arrivals and reports are within years of the night)
scan() { # dump
    LC_ALL=C awk -F"$TAB" -v ids="$T/ids" -v names="$T/names" -v cutoff=$((ref - 100000)) '
        BEGIN { while ((getline l < ids) > 0) id[l] = 1; while ((getline l < names) > 0) nm[l] = 1 }
        function elf(s,   i, sum) { for (i = 1; i <= 8; i++) sum += (10 - i) * substr(s, i, 1)
                                    sum -= substr(s, 9, 1); return s != "000000000" && sum % 11 == 0 }
        function old(y, m, d) { return y >= 1900 && m >= 1 && m <= 12 && d <= 31 && y * 10000 + m * 100 + d < cutoff }
        function say(kind, v) { print $1 ": " kind ": " v; bad = 1 }
        $2 == "(column)" { if (tolower($1) ~ /birth|geboorte|bsn|burgerservice|surname|geslachtsnaam/) say("column name", $1); next }
        { v = $2; s = v; off = 0
          while (match(s, /[0-9]+/)) {       # free-standing digit runs: ids and YYYYMMDD
              tok = substr(s, RSTART, RLENGTH); p = substr(v, off + RSTART - 1, 1); q = substr(v, off + RSTART + RLENGTH, 1)
              free = p !~ /[A-Za-z.,]/ && q !~ /[A-Za-z.,]/
              if (free && (RLENGTH == 8 || RLENGTH == 9)) {
                  t = sprintf("%09s", tok); gsub(/ /, "0", t)
                  if (t in id) say("an identifier from the exports", tok)
                  else if (RLENGTH == 9 && elf(tok)) say("a number passing the elfproef", tok)
              }
              if (free && RLENGTH == 8 && old(substr(tok, 1, 4) + 0, substr(tok, 5, 2) + 0, substr(tok, 7, 2) + 0))
                  say("a full date", tok)
              off += RSTART + RLENGTH - 1; s = substr(s, RSTART + RLENGTH)
          }
          s = v
          while (match(s, /[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]|[0-3][0-9]-[01][0-9]-[0-9][0-9][0-9][0-9]/)) {
              tok = substr(s, RSTART, RLENGTH)
              if (substr(tok, 5, 1) == "-") { y = substr(tok, 1, 4); m = substr(tok, 6, 2); d = substr(tok, 9, 2) }
              else { d = substr(tok, 1, 2); m = substr(tok, 4, 2); y = substr(tok, 7, 4) }
              if (old(y + 0, m + 0, d + 0)) say("a full date", tok)
              s = substr(s, RSTART + RLENGTH)
          }
          for (n in nm) {                    # surnames as whole words
              s = v
              while ((i = index(s, n)) > 0) {
                  p = i > 1 ? substr(s, i - 1, 1) : ""; q = substr(s, i + length(n), 1)
                  if (p !~ /[A-Za-z]/ && q !~ /[A-Za-z]/) { say("a name from the BRP export", n); break }
                  s = substr(s, i + length(n))
              }
          }
        }
        END { exit bad }' "$1"
}
dump "$DB" > "$T/dump.txt"
tables=$(cut -f1 "$T/dump.txt" | cut -d. -f1 | sort -u | tr '\n' ' ')
echo "     tables: $tables"
echo "     values scanned: $(grep -vc "$TAB(column)\$" "$T/dump.txt") in $(grep -c "$TAB(column)\$" "$T/dump.txt") columns"
check "the database after run, explain, outcome, eval...: the dump covers every table of the schema" \
    "for t in runs inputs configs list_entries contributions outcomes linkage linkage_neighbourhoods audit audit_anchor audit_addresses forgotten; do grep -q \"^\$t\\.\" '$T/dump.txt' || exit 1; done"
scan "$T/dump.txt" > "$T/scan.txt"
check "no column of any table holds a BSN, an owner or buyer id, a full birth date or a name" \
    "[ ! -s '$T/scan.txt' ]"
sed 's/^/     /' "$T/scan.txt" | head -5
# the scan must be able to fail: plant one of each in a copy
cp "$DB" "$T/planted.db"
bsn=$(sed -n 2p "$T/ids")
born=$(awk -F';' 'NR == 2 { print $3 }' "$D/brp.csv")
name=$(sed -n 5p "$T/names")
sqlite3 "$T/planted.db" "CREATE TABLE leak (who TEXT, born INTEGER, note TEXT, owner_birth TEXT);
    INSERT INTO leak VALUES ('$bsn', $born, 'bewoner $name', NULL)"
dump "$T/planted.db" | scan - > "$T/planted.txt"
check "...and finds them when planted: a BSN, a birth date, a surname, a column for birth dates" \
    "grep -q 'leak.who: an identifier from the exports' '$T/planted.txt' && grep -q 'leak.born: a full date' '$T/planted.txt' && grep -q 'leak.note: a name from the BRP export' '$T/planted.txt' && grep -q 'leak.owner_birth: column name' '$T/planted.txt'"

# ------------------------------------------------------------ vik forget

check "before: the database file holds the address $KEY" "grep -q -a -F '$KEY' '$DB'"
one "vik forget" forget 0 forget -c "$C" "$X" --reason "bezwaar 2026-17 gegrond"
cp "$T/out.txt" "$T/forget.txt"
check "vik forget says what it removed" \
    "grep -Eq '^forgot $X: removed [1-9][0-9]* list entr(y|ies) with [1-9][0-9]* contribution\(s\), 1 outcome\(s\), the address beside 4 audit record\(s\)' '$T/forget.txt'"
check "after: no table holds it, and neither does any database file" \
    "! grep -q -a -F '$KEY' '$DB' '$DB-wal' 2> /dev/null && [ \$(sqlite3 '$DB' \"SELECT (SELECT COUNT(*) FROM list_entries WHERE address = '$KEY') + (SELECT COUNT(*) FROM outcomes WHERE address = '$KEY') + (SELECT COUNT(*) FROM audit_addresses WHERE address = '$KEY')\") -eq 0 ]"
"$VIK" explain -c "$C" "$X" --stored > "$T/stored.txt" 2>&1
check "vik explain --stored: not on any stored list any more" \
    "grep -q 'not on any list stored in the history database' '$T/stored.txt'"
"$VIK" audit -c "$C" --address "$X" > "$T/x2.txt"
check "the trail records the act - the reason and the counts, not what was stored - findable by the address" \
    "grep -Eq \"command=forget address=\\(removed\\) subject=[0-9a-f]{8} args='reason=bezwaar 2026-17 gegrond' .*exit=0 result='removed list_entries=[0-9]+ contributions=[0-9]+ outcomes=1 audit_addresses=4 marked_themes=1'\" '$T/x2.txt' && [ \$(grep -c 'address=(removed)' '$T/x2.txt') -eq 5 ]"
"$VIK" run -v -c "$C" > /dev/null 2> "$T/run-after.err"
check "the next night, on the same facts, does not list it again" \
    "! grep -q '^[0-9]*;hennep;[0-9.]*;$(echo "$KEY" | tr '|' ';');' '$T/new/out/watchlist-hennep.csv' && grep -q 'theme=hennep suppressed=1 reason=forgotten' '$T/run-after.err'"
"$VIK" audit -c "$C" --verify > "$T/verify-forget.txt" 2>&1
check "the trail verifies after the forget and a night" \
    "[ $? -eq 0 ] && grep -q '^audit trail verified: $(count) record(s), #1 to #$(count), chained from the start' '$T/verify-forget.txt'"

# ------------------------------------------------------------ retention

sed -e 's/^reference_date = .*/reference_date = 2027-11-01/' \
    -e 's/^retention_days = .*/retention_days = 30\nsuppress_days = 30/' "$C" > "$T/later.ini"
n_before=$(count)
"$VIK" purge -c "$T/later.ini" > "$T/purge.txt" 2>&1
rc=$?
check "vik purge a year later (retention_days 30) removes all $n_before earlier audit records, oldest first, behind an anchor, and leaves its own" \
    "[ $rc -eq 0 ] && [ \$(count) -eq 1 ] && [ \"\$(last)\" = 'purge 0' ] && sqlite3 '$DB' 'SELECT result FROM audit' | grep -q ' audit=$n_before ' && [ \$(sqlite3 '$DB' 'SELECT last_removed FROM audit_anchor') -eq $n_before ]"
"$VIK" audit -c "$C" --verify > "$T/verify3.txt" 2>&1
check "the purged trail still verifies, from the anchor" \
    "[ $? -eq 0 ] && grep -q \"^audit trail verified: 1 record(s), #$((n_before + 1)) to #$((n_before + 1)), chained from the anchor of #$n_before\" '$T/verify3.txt'"

echo "audit: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
