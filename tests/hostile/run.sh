#!/bin/sh
# Hostile input corpus: every kind of broken export the issue lists, each with one
# defined outcome. One small synthetic municipality is generated once; each case
# replaces ONE source file of it by a crafted file (built below with printf, awk,
# gzip: no binary fixtures), runs `vik run` into an output folder that already holds
# a previous good night, and checks through the shared `expect` helper:
#
#   a run that completes   exit 0; on every source line of the summary
#                          read = accepted + quarantined; the untouched sources read
#                          exactly what they read in the clean run and quarantine
#                          nothing; the crafted source reads and quarantines the
#                          stated numbers with the stated reasons; its quarantine
#                          file holds exactly one line per quarantined row (it is
#                          read line by line, as an analyst greps it), with
#                          file;line;column;reason as listed (physical line);
#                          no *.tmp and no *.rejected left behind.
#   a run that fails       exit 1; stderr is exactly one line, "vik: run failed: ...",
#                          naming the crafted file (and the line where one is given);
#                          no watchlist summary; no *.tmp; the previous night's files
#                          byte-identical; nothing new except quarantine-*.csv.rejected.
#   either way             no clear BSN of the BRP export in any file of the folder.
#
# Cases marked KNOWN (a "# KNOWN:" line above the case, and a "KNOWN:" line under its
# FAIL) pin what an analyst expects where vik does not do it yet. They count as
# failures: fix the code, not the test.
#
# Usage: BUILD=build/san sh tests/hostile/run.sh [PATTERN]   (from the repository root;
# PATTERN selects cases whose function name contains it, e.g. gzip)
set -u
export LC_ALL=C TZ=UTC
BUILD=${BUILD:-build}
VIK="$BUILD/vik"
GEN="$BUILD/vik-gen"
ONLY=${1:-}
T=$(mktemp -d "${TMPDIR:-/tmp}/vik-hostile.XXXXXX")
trap 'rm -rf "$T"' EXIT
PASS=0
FAIL=0
N=0
SOURCES="brp kadaster_objects kadaster_transactions kvk energy"

# ------------------------------------------------------------------ the clean municipality

B="$T/base"
# vik-gen needs >= 1000 addresses, and seed 5 plants every pattern from 1500 on.
if ! "$GEN" --seed 5 --addresses 1500 --out "$B" > /dev/null 2> "$T/gen.err"; then
    echo "FAIL - generate the base municipality: $(cat "$T/gen.err")"
    echo "hostile: 0 passed, 1 failed"
    exit 1
fi
sed -e "s#\.\./samples/data#$B#" -e "s#\.\./out#$T/out#" -e "s#\.\./keys/vik.key#$T/vik.key#" \
    config/vik.ini > "$T/base.ini"
BRP="$B/brp.csv"
OBJ="$B/kadaster_objecten.csv.gz"
KVK="$B/kvk_vestigingen.csv"
NRG="$B/energie.csv"

file_of() { # source -> the export's file name
    case $1 in
    brp) echo brp.csv ;;
    kadaster_objects) echo kadaster_objecten.csv.gz ;;
    kadaster_transactions) echo kadaster_transacties.csv ;;
    kvk) echo kvk_vestigingen.csv ;;
    energy) echo energie.csv ;;
    esac
}

# "read accepted quarantined" of one source line of a summary
counts_of() { awk -v s="$1" '$1 == s && $2 ~ /^[0-9]+$/ { print $2, $3, $4; exit }' "$2"; }

# The reasons under one source line, as sorted "code n" lines
reasons_of() {
    awk -v s="$1" 'hit && /^    quarantined: / { sub(/^    quarantined: /, ""); print } hit { exit }
                   $1 == s && $2 ~ /^[0-9]+$/ { hit = 1 }' "$2" | tr ',' '\n' | sed 's/^ *//' |
        sed '/^$/d' | sort
}

BASEOUT="$T/baseout"
"$VIK" run -c "$T/base.ini" --output-dir "$BASEOUT" > "$T/base.txt" 2> "$T/base.err"
rc=$?
clean=1
for s in $SOURCES; do
    set -- $(counts_of "$s" "$T/base.txt")
    if [ $# -ne 3 ] || [ "$3" -ne 0 ] || [ "$1" -eq 0 ]; then clean=0; break; fi
    eval "READ_$s=$1"
done
if [ "$rc" -ne 0 ] || [ "$clean" -ne 1 ]; then
    echo "FAIL - the base municipality runs clean (exit $rc): $(head -c 400 "$T/base.err")"
    echo "hostile: 0 passed, 1 failed"
    exit 1
fi
ls "$BASEOUT" > "$T/baseout.list"
cut -d';' -f1 "$BRP" | sed -n '2,$p' > "$T/bsns.txt"
NKVK=$READ_kvk

# ------------------------------------------------------------------ case helpers

# begin SOURCE TITLE: a fresh case folder; $F is the file that replaces SOURCE's
# export (same name), $INI the config, $C/out holds the previous good night.
begin() {
    N=$((N + 1))
    SRC=$1
    TITLE=$2
    KNOWN_TXT=""
    WHY=""
    C="$T/case$N"
    mkdir -p "$C/out"
    cp "$BASEOUT"/* "$C/out/"
    NAME=$(file_of "$SRC")
    F="$C/$NAME"
    INI="$C/vik.ini"
    sed "s#^path = $B/$NAME\$#path = $F#" "$T/base.ini" > "$INI"
}

known() { KNOWN_TXT=$1; }

why() { WHY="$WHY
     - $1"; }

# need DESCRIPTION SHELL-CONDITION: one extra assertion of the case
need() { eval "$2" || why "$1"; }

# ini SECTION KEY VALUE: set KEY in [SECTION] of the case's config
ini() {
    awk -v sec="[$1]" -v key="$2" -v val="$3" '
        /^\[/ { if (in_sec && !done) { print key " = " val; done = 1 } in_sec = $0 == sec }
        in_sec && $1 == key { if (!done) print key " = " val; done = 1; next }
        { print }
        END { if (in_sec && !done) print key " = " val }' "$INI" > "$INI.new" && mv "$INI.new" "$INI"
}

run_vik() {
    "$VIK" run -c "$INI" --output-dir "$C/out" > "$C/stdout" 2> "$C/stderr"
    RC=$?
}

# expect ok SOURCE READ QUARANTINED "code n, code n" ["LINE;COLUMN;REASON" ...]
#   (each LINE;COLUMN;REASON is matched as a whole-line ERE; the quarantine file must
#   have exactly these lines)
# expect fail SOURCE ERE   (ERE: what stderr must say besides the file name)
expect() {
    mode=$1
    src=$2
    shift 2
    if [ "$mode" = ok ]; then
        expect_ok "$@"
    else
        expect_fail "$@"
    fi
    ! grep -r -q -F -f "$T/bsns.txt" "$C/out" || why "a clear BSN from the BRP export is in an output"
    if [ -z "$WHY" ]; then
        PASS=$((PASS + 1))
        if [ -n "$KNOWN_TXT" ]; then
            echo "ok - $TITLE (marked KNOWN but passes: drop the mark)"
        else
            echo "ok - $TITLE"
        fi
    else
        FAIL=$((FAIL + 1))
        echo "FAIL - $TITLE$WHY"
        [ -n "$KNOWN_TXT" ] && echo "     KNOWN: $KNOWN_TXT"
    fi
    return 0
}

expect_ok() {
    want_read=$1
    want_quar=$2
    want_reasons=$(echo "$3" | tr ',' '\n' | sed 's/^ *//' | sed '/^$/d' | sort)
    shift 3
    if [ "$RC" -ne 0 ]; then
        why "exit status $RC, expected 0; stderr: $(head -c 300 "$C/stderr")"
        return
    fi
    q="$C/out/quarantine-$src.csv"
    if [ ! -f "$q" ]; then
        why "no $q"
    else
        sed -n '2,$p' "$q" | awk -F';' '{ print $1 ";" $2 ";" $3 ";" $4 }' > "$C/qlines"
        nq=$(wc -l < "$C/qlines")
        [ "$nq" -eq "$want_quar" ] || why "quarantine file has $nq rows, expected $want_quar"
        for l in "$@"; do
            k=$(grep -c -x -E "$NAME;$l" "$C/qlines")
            [ "$k" -eq 1 ] || why "quarantine file: $k lines match '$NAME;$l', expected 1"
        done
        [ $# -eq "$want_quar" ] || why "(test bug: $# expected lines for $want_quar rows)"
        [ "$nq" -eq "$want_quar" ] && [ $# -eq "$want_quar" ] ||
            why "quarantine file: $(tr '\n' ' ' < "$C/qlines" | head -c 400)"
    fi
    for s in $SOURCES; do
        set -- $(counts_of "$s" "$C/stdout")
        if [ $# -ne 3 ]; then
            why "no summary line for $s"
            continue
        fi
        [ "$1" -eq $(($2 + $3)) ] || why "$s: read $1 != accepted $2 + quarantined $3"
        if [ "$s" = "$src" ]; then
            [ "$1" -eq "$want_read" ] || why "$s: read $1, expected $want_read"
            [ "$3" -eq "$want_quar" ] || why "$s: quarantined $3, expected $want_quar"
        else
            eval "base_read=\$READ_$s"
            [ "$1" -eq "$base_read" ] && [ "$3" -eq 0 ] ||
                why "$s (not touched): read $1 quarantined $3, expected $base_read and 0"
        fi
    done
    got_reasons=$(reasons_of "$src" "$C/stdout")
    [ "$got_reasons" = "$want_reasons" ] ||
        why "reasons in summary: '$(echo $got_reasons)', expected '$(echo $want_reasons)'"
    left=$(cd "$C/out" && ls | grep -E '\.(tmp|rejected)$')
    [ -z "$left" ] || why "left in the output folder: $(echo $left)"
}

expect_fail() {
    ere=$1
    [ "$RC" -eq 1 ] || why "exit status $RC, expected 1"
    nl=$(wc -l < "$C/stderr")
    [ "$nl" -eq 1 ] || why "stderr has $nl lines, expected 1: $(head -c 300 "$C/stderr")"
    grep -q '^vik: run failed: ' "$C/stderr" || why "stderr does not start with 'vik: run failed: '"
    grep -q -F "$NAME" "$C/stderr" || why "stderr does not name $NAME: $(head -c 300 "$C/stderr")"
    grep -q -E "$ere" "$C/stderr" || why "stderr does not match /$ere/: $(head -c 300 "$C/stderr")"
    ! grep -q 'watchlists written' "$C/stdout" || why "stdout reports watchlists written"
    tmps=$(find "$C/out" -name '*.tmp')
    [ -z "$tmps" ] || why "temporary files left: $tmps"
    while read -r f; do
        cmp -s "$BASEOUT/$f" "$C/out/$f" || why "previous output $f changed or removed"
    done < "$T/baseout.list"
    new=$(cd "$C/out" && ls | grep -v -x -F -f "$T/baseout.list" |
        grep -v -x -E 'quarantine-[a-z_]+\.csv\.rejected')
    [ -z "$new" ] || why "new files in the output folder: $(echo $new)"
}

# ------------------------------------------------------------------ empty, header only, BOM

case_empty_file() {
    begin kvk "empty file (0 bytes): the run fails, 'file is empty'"
    : > "$F"
    run_vik
    expect fail kvk 'file is empty'
}

case_header_only() {
    begin energy "header only: the run fails, 'no data rows'"
    sed -n 1p "$NRG" > "$F"
    run_vik
    expect fail energy 'no data rows'
}

case_header_only_no_newline() {
    begin energy "header only, no line end: the run fails, 'no data rows'"
    sed -n 1p "$NRG" | tr -d '\n' > "$F"
    run_vik
    expect fail energy 'no data rows'
}

case_header_and_blank_lines() {
    begin brp "header and blank CRLF lines only: the run fails, 'no data rows'"
    { sed -n 1p "$BRP"; printf '\r\n\r\n   \r\n'; } > "$F"
    run_vik
    expect fail brp 'no data rows'
}

case_bom_only() {
    begin kvk "a file that is only a UTF-8 BOM: the run fails, 'file is empty'"
    printf '\357\273\277' > "$F"
    run_vik
    expect fail kvk 'file is empty'
}

case_bom_and_line_end() {
    begin kvk "a UTF-8 BOM and a CRLF, nothing else: the run fails, 'file is empty'"
    printf '\357\273\277\r\n' > "$F"
    run_vik
    expect fail kvk 'file is empty'
}

case_bom_header_only() {
    begin kadaster_transactions "BOM + header only: the run fails, 'no data rows'"
    sed -n 1p "$B/kadaster_transacties.csv" > "$F"
    run_vik
    expect fail kadaster_transactions 'no data rows'
}

case_bom_in_cp1252_file() {
    begin brp "a UTF-8 BOM on a cp1252 file is dropped: every row accepted"
    { printf '\357\273\277'; cat "$BRP"; } > "$F"
    run_vik
    expect ok brp "$READ_brp" 0 ""
}

case_bom_line_mid_file() {
    begin kvk "a line that is only a BOM, mid-file, is a blank line: skipped, not read"
    awk 'NR == 8 { print "\357\273\277" } { print }' "$KVK" > "$F"
    run_vik
    expect ok kvk "$NKVK" 0 ""
}

case_double_bom() {
    begin kvk "two UTF-8 BOMs before the header (a BOM added twice) are both dropped: every row accepted"
    { printf '\357\273\277\357\273\277'; cat "$KVK"; } > "$F"
    run_vik
    expect ok kvk "$NKVK" 0 ""
}

# ------------------------------------------------------------------ line endings

case_crlf() {
    begin kvk "CRLF line endings: one line each; a bad row is reported at its line (5)"
    awk -F, -v OFS=, 'NR == 5 { $8 = "5661 SA" } { printf "%s\r\n", $0 }' "$KVK" > "$F"
    run_vik
    expect ok kvk "$NKVK" 1 "postcode_invalid 1" "5;postcode;postcode_invalid"
}

case_lf_crlf_mixed() {
    begin energy "LF and CRLF mixed: every row read, a bad row at its line (8)"
    awk -F'\t' -v OFS='\t' 'NR == 8 { $3 = "5661 SA" } { printf "%s%s", $0, NR % 2 ? "\r\n" : "\n" }' \
        "$NRG" > "$F"
    run_vik
    expect ok energy "$READ_energy" 1 "postcode_invalid 1" "8;POSTCODE;postcode_invalid"
}

case_cr_only() {
    begin kvk "lone CR line endings (old Mac export): every row read, a bad row at its line (5)"
    awk -F, -v OFS=, 'NR == 5 { $8 = "5661 SA" } { printf "%s\r", $0 }' "$KVK" > "$F"
    run_vik
    expect ok kvk "$NKVK" 1 "postcode_invalid 1" "5;postcode;postcode_invalid"
}

case_cr_cr_lf() {
    begin kvk "CR CR LF line endings (converted twice): two lines each, as an editor shows; bad row 5 at line 9"
    awk -F, -v OFS=, 'NR == 5 { $8 = "5661 SA" } { printf "%s\r\r\n", $0 }' "$KVK" > "$F"
    run_vik
    expect ok kvk "$NKVK" 1 "postcode_invalid 1" "9;postcode;postcode_invalid"
}

case_mixed_cr_lf_crlf() {
    begin kvk "CRLF, lone CR and LF mixed, with a blank line: the bad row is reported at physical line 10"
    awk -F, -v OFS=, 'NR == 9 { $8 = "5661 SA" }
        { printf "%s%s", $0, NR % 3 == 1 ? "\r\n" : NR % 3 == 2 ? "\r" : "\n" }
        NR == 6 { printf "\r\n" }' "$KVK" > "$F"
    run_vik
    expect ok kvk "$NKVK" 1 "postcode_invalid 1" "10;postcode;postcode_invalid"
}

case_blank_lines() {
    begin kvk "blank and whitespace-only lines are skipped, not read; no line end on the last line; lines stay physical"
    awk -F, -v OFS=, 'NR == 5 { print ""; print "   "; print "\t" } NR == 8 { $8 = "5661 SA" } { print }' \
        "$KVK" | awk '{ printf "%s%s", sep, $0; sep = "\n" }' > "$F"
    run_vik
    expect ok kvk "$NKVK" 1 "postcode_invalid 1" "11;postcode;postcode_invalid"
}

# ------------------------------------------------------------------ quoting

case_quoted_fields() {
    begin kvk "quoted fields with delimiters, doubled quotes, LF and CRLF inside: accepted; lines stay physical"
    # line 3: trade name over three lines; line 5: quoted street with a comma; line 8
    # (physical 10): the same with a bad postcode; line 12 (physical 14): a trade name
    # over two lines and a bad postcode (reported at the line where the record starts)
    awk -F, -v OFS=, '
        NR == 3 { $3 = "\"Bar \"\"De Hoek\"\", zaal 2\nachter\r\nboven\"" }
        NR == 5 { $11 = "\"Molenstraat, achterom\"" }
        NR == 8 { $11 = "\"Molenstraat, achterom\""; $8 = "5661 SA" }
        NR == 12 { $3 = "\"Bar\nDe Hoek\""; $8 = "5661 SA" }
        { print }' "$KVK" > "$F"
    run_vik
    expect ok kvk "$NKVK" 2 "postcode_invalid 2" "10;postcode;postcode_invalid" \
        "14;postcode;postcode_invalid"
}

case_quarantine_one_line_per_row() {
    begin kvk "a refused row whose mapped street holds line breaks is still one line in the quarantine file (control bytes as '?')"
    awk -F, -v OFS=, 'NR == 12 { $11 = "\"Molen\nstraat\r\nachter\""; $8 = "5661 SA" } { print }' \
        "$KVK" > "$F"
    run_vik
    expect ok kvk "$NKVK" 1 "postcode_invalid 1" "12;postcode;postcode_invalid"
}

case_unclosed_quote() {
    begin kvk "an opening quote never closed (line 10): the run fails naming line 10"
    awk -F, -v OFS=, 'NR == 10 { $3 = "\"Bar De Hoek" } { print }' "$KVK" > "$F"
    run_vik
    expect fail kvk 'line 10: quoted field is never closed'
}

case_unclosed_quote_last_line() {
    begin brp "an unclosed quote on the last line, no line end: the run fails naming that line"
    { cat "$BRP"; sed -n 2p "$BRP" | tr -d '\r\n' | awk -F';' -v OFS=';' '{ $NF = "\"" $NF; print }' |
        tr -d '\n'; } > "$F"
    run_vik
    expect fail brp "line $((READ_brp + 2)): quoted field is never closed"
}

case_text_after_closing_quote() {
    begin kvk "text after a closing quote (\"Bar \"De Hoek\"\", line 10): the run fails naming line 10"
    awk -F, -v OFS=, 'NR == 10 { $3 = "\"Bar \"De Hoek\"\"" } { print }' "$KVK" > "$F"
    run_vik
    expect fail kvk 'line 10: text after a closing quote'
}

case_text_after_closing_quote_multiline() {
    begin kvk "text after a closing quote on the 2nd line of a record from line 10: fails naming both"
    awk -F, -v OFS=, 'NR == 10 { $3 = "\"Bar\nDe \"Hoek\"" } { print }' "$KVK" > "$F"
    run_vik
    expect fail kvk 'line 11 \(record from line 10\): text after a closing quote'
}

case_quote_inside_unquoted_field() {
    begin kvk "a quote inside an unquoted field (5\" scherm, Molen\"straat) is text: accepted"
    awk -F, -v OFS=, 'NR == 4 { $3 = "Beeld 5\" scherm" } NR == 6 { $11 = "Molen\"straat" }
        NR == 7 { $3 = "Bar \"De Hoek\"" } { print }' "$KVK" > "$F"
    run_vik
    expect ok kvk "$NKVK" 0 ""
}

# ------------------------------------------------------------------ column counts

case_column_count() {
    begin kvk "too many / too few fields (extra value, missing value, 1-field footer, 613 fields): column_count at each line"
    awk 'NR == 4 { $0 = $0 ",extra" } NR == 7 { sub(/,Geldrop$/, "") }
        NR == 9 { s = ""; for (i = 0; i < 601; i++) s = s ",x"; $0 = $0 s } { print }
        END { print "Totaal 467 vestigingen" }' "$KVK" > "$F"
    run_vik
    expect ok kvk $((NKVK + 1)) 4 "column_count 4" "4;;column_count" "7;;column_count" \
        "9;;column_count" "$((NKVK + 2));;column_count"
}

case_header_too_wide() {
    begin kvk "a header of 612 columns: the run fails naming line 1"
    awk 'NR == 1 { for (i = 0; i < 600; i++) $0 = $0 ",c" i } { print }' "$KVK" > "$F"
    run_vik
    expect fail kvk 'line 1: header has more than 512 columns'
}

case_shifted_row_leaks_nothing() {
    begin brp "a BRP row shifted by extra fields is column_count, and neither its BSN nor a surname reaches the quarantine file"
    awk -F';' 'NR == 4 { $0 = ";;" $0 } NR == 6 { $0 = "x;" $0 } { print }' "$BRP" > "$F"
    bsn=$(sed -n 4p "$BRP" | cut -d';' -f1)
    surname=$(sed -n 6p "$BRP" | cut -d';' -f2)
    run_vik
    need "clear BSN $bsn of the shifted row in an output" '! grep -r -q -F "$bsn" "$C/out"'
    need "surname '$surname' (unmapped column) in an output" '! grep -r -q -F "$surname" "$C/out"'
    expect ok brp "$READ_brp" 2 "column_count 2" "4;;column_count" "6;;column_count"
}

# ------------------------------------------------------------------ trailing delimiters

case_trailing_delimiter_everywhere() {
    begin kvk "a trailing delimiter on the header and on every row (an empty unnamed column): accepted"
    sed 's/$/,/' "$KVK" > "$F"
    run_vik
    expect ok kvk "$NKVK" 0 ""
}

case_trailing_delimiter_rows_not_header() {
    begin brp "a trailing ';' on every data row but not on the header (common BRP/spool export): every row accepted"
    awk 'NR > 1 { sub(/\r$/, ";\r") } { print }' "$BRP" > "$F"
    run_vik
    expect ok brp "$READ_brp" 0 ""
}

case_trailing_delimiter_header_only() {
    begin energy "a trailing tab on the header only (an unnamed last column no row fills): every row accepted"
    awk 'NR == 1 { $0 = $0 "\t" } { print }' "$NRG" > "$F"
    run_vik
    expect ok energy "$READ_energy" 0 ""
}

case_trailing_delimiter_some_rows() {
    begin kvk "one trailing delimiter on a single row is tolerated (shifts nothing); two are column_count"
    awk 'NR == 9 { $0 = $0 "," } NR == 11 { $0 = $0 ",," } { print }' "$KVK" > "$F"
    run_vik
    expect ok kvk "$NKVK" 1 "column_count 1" "11;;column_count"
}

case_delimiter_only_rows() {
    begin kvk "rows of delimiters only (spreadsheet residue) are blank lines: skipped, not read, counted"
    { cat "$KVK"; printf ',,,,,,,,,,,\n,,,,,,,,,,,\n'; } > "$F"
    run_vik
    need "summary counts the 2 skipped blank lines" \
        "grep -q 'blank lines skipped (only delimiters, no data): 2' '$C/stdout'"
    expect ok kvk "$NKVK" 0 ""
}

# ------------------------------------------------------------------ long fields

case_mb_field_unmapped() {
    begin kvk "a 1 MB field in an unmapped column (trade name) is never read: accepted"
    awk -F, -v OFS=, 'BEGIN { big = "x"; while (length(big) < 1048576) big = big big }
        NR == 5 { $3 = big } { print }' "$KVK" > "$F"
    run_vik
    expect ok kvk "$NKVK" 0 ""
}

case_mb_field_mapped() {
    begin kvk "a 1 MB field in a mapped column (straatnaam, line 7): field_too_long, naming the column"
    awk -F, -v OFS=, 'BEGIN { big = "x"; while (length(big) < 1048576) big = big big }
        NR == 7 { $11 = big } { print }' "$KVK" > "$F"
    run_vik
    expect ok kvk "$NKVK" 1 "field_too_long 1" "7;straatnaam;field_too_long"
}

case_mb_quoted_field_with_newlines() {
    begin kvk "a quoted 1 MB field with 1024 newlines (line 7): field_too_long; the next bad row is at line 1033"
    awk -F, -v OFS=, 'BEGIN { p = "x"; while (length(p) < 1023) p = p "x"; p = substr(p, 1, 1023) "\n"
            big = ""; for (i = 0; i < 1024; i++) big = big p }
        NR == 7 { $11 = "\"" big "\"" } NR == 9 { $8 = "5661 SA" } { print }' "$KVK" > "$F"
    run_vik
    # the column of field_too_long is pinned by case_mb_field_mapped
    expect ok kvk "$NKVK" 2 "field_too_long 1, postcode_invalid 1" "7;[^;]*;field_too_long" \
        "1033;postcode;postcode_invalid"
}

case_field_at_limit() {
    begin kvk "max_field_bytes 4096: 4096 bytes (plain, quoted, blank-padded) accepted, 4097 refused"
    awk -F, -v OFS=, 'BEGIN { a = "y"; while (length(a) < 4096) a = a a; a = substr(a, 1, 4096) }
        NR == 3 { $11 = a } NR == 5 { $11 = a "z" } NR == 7 { $11 = "\"" a "\"" }
        NR == 9 { $11 = "  " a "  " } { print }' "$KVK" > "$F"
    run_vik
    expect ok kvk "$NKVK" 1 "field_too_long 1" "5;[^;]*;field_too_long"
}

# ------------------------------------------------------------------ NUL bytes

case_nul_in_text() {
    begin kvk "a NUL byte in a mapped text field (street, postcode, at a field's end): encoding_invalid; in an unmapped column: accepted"
    awk -F, -v OFS=, 'NR == 4 { $11 = "Molen\0straat" } NR == 6 { $3 = "Bakker\0ij" }
        NR == 8 { $8 = "5661\0AT" } NR == 10 { $11 = "Molenstraat\0" } { print }' "$KVK" > "$F"
    run_vik
    expect ok kvk "$NKVK" 3 "encoding_invalid 3" "4;straatnaam;encoding_invalid" \
        "8;postcode;encoding_invalid" "10;straatnaam;encoding_invalid"
}

case_nul_in_number() {
    begin energy "a NUL byte in a number (after SJV, inside M01): number_invalid, never read as the digits before it"
    awk -F'\t' -v OFS='\t' 'NR == 4 { $5 = $5 "\0" } NR == 6 { $6 = "4\0" $6 } { print }' "$NRG" > "$F"
    run_vik
    expect ok energy "$READ_energy" 2 "number_invalid 2" "4;SJV;number_invalid" "6;M01;number_invalid"
}

case_nul_padding() {
    begin kvk "a file padded with 4 KiB of NUL bytes after the last row (interrupted copy): that one 'row' is column_count"
    { cat "$KVK"; head -c 4096 /dev/zero; } > "$F"
    run_vik
    expect ok kvk $((NKVK + 1)) 1 "column_count 1" "$((NKVK + 2));;column_count"
}

case_all_nul() {
    begin kvk "a file of 64 KiB NUL bytes: the run fails naming the file"
    head -c 65536 /dev/zero > "$F"
    run_vik
    expect fail kvk '.'
}

# ------------------------------------------------------------------ encodings

case_invalid_utf8() {
    begin kvk "invalid UTF-8 under encoding = utf-8 (bad continuation, truncated, overlong, surrogate, 5-byte): encoding_invalid"
    awk -F, -v OFS=, 'NR == 3 { $11 = "Molenstra\303\050e" } NR == 5 { $11 = "Molenstra\303" }
        NR == 7 { $11 = "\300\257straat" } NR == 9 { $11 = "\355\240\200straat" }
        NR == 11 { $11 = "\370\210\200\200\200" } NR == 13 { $3 = "Caf\351 De Hoek" }
        NR == 15 { $11 = "Caf\303\251straat \342\202\254 \360\237\215\272" } { print }' "$KVK" > "$F"
    run_vik
    expect ok kvk "$NKVK" 5 "encoding_invalid 5" "3;straatnaam;encoding_invalid" \
        "5;straatnaam;encoding_invalid" "7;straatnaam;encoding_invalid" \
        "9;straatnaam;encoding_invalid" "11;straatnaam;encoding_invalid"
}

cp1252_kvk() { # the KvK export re-encoded as cp1252, with a row 'Café Schönstraat ’t Hoekje' at 5669XY 7
    { cat "$KVK"
      printf '12345678,000012345678,Caf\303\251 \342\202\254uro,56101,Eenmanszaak,20200101,,'
      printf '5669XY,7,,Caf\303\251 Sch\303\266nstraat \342\200\231t Hoekje,Geldrop\n'
    } | iconv -f UTF-8 -t CP1252
}

case_cp1252_declared_utf8() {
    # rows with a non-ASCII street (Röntgenlaan in seed 5), plus the Café row
    nbad=$(($(cut -d, -f11 "$KVK" | grep -c '[^ -~]') + 1))
    pct=$(awk -v a="$nbad" -v b="$((NKVK + 1))" 'BEGIN { printf "%.1f", 100 * a / b }')
    begin kvk "cp1252 text in a file declared utf-8: encoding_invalid per row; $nbad of $((NKVK + 1)) rows ($pct%) fail the gate"
    cp1252_kvk > "$F"
    run_vik
    rej="$C/out/quarantine-kvk.csv.rejected"
    need "quarantine-kvk.csv.rejected with $nbad encoding_invalid rows on straatnaam" \
        '[ "$(grep -c "^kvk_vestigingen.csv;[0-9]*;straatnaam;encoding_invalid;" "$rej")" -eq "$nbad" ]'
    expect fail kvk "kvk_vestigingen.csv: $pct% of rows quarantined"
}

case_cp1252_auto() {
    begin kvk "cp1252 text under encoding = auto is detected: accepted and decoded (Caf\303\251 Sch\303\266nstraat \342\200\231t Hoekje); an undefined cp1252 byte is encoding_invalid"
    ini source.kvk encoding auto
    { cp1252_kvk; printf '12345679,000012345679,X,56101,Eenmanszaak,20200101,,5669XY,9,,Molen\201straat,Geldrop\n'; } > "$F"
    run_vik
    "$VIK" explain -c "$INI" '5669XY 7' > "$C/explain" 2>&1
    want=$(printf 'address 5669XY 7 (Caf\303\251 Sch\303\266nstraat \342\200\231t Hoekje, Geldrop')
    need "vik explain '5669XY 7' shows the street decoded to UTF-8: $(head -1 "$C/explain")" \
        'grep -q -F "$want" "$C/explain"'
    expect ok kvk $((NKVK + 2)) 1 "encoding_invalid 1" "$((NKVK + 3));straatnaam;encoding_invalid"
}

case_cp1252_auto_with_bom() {
    begin kvk "a UTF-8 BOM on a cp1252 body under encoding = auto: the body is still detected as cp1252, accepted"
    ini source.kvk encoding auto
    { printf '\357\273\277'; cp1252_kvk; } > "$F"
    run_vik
    expect ok kvk $((NKVK + 1)) 0 ""
}

case_utf16() {
    begin energy "a UTF-16LE export (Excel 'Unicode text') under encoding = auto: the run fails naming the file"
    { printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$NRG"; } > "$F"
    run_vik
    expect fail energy '.'
}

# ------------------------------------------------------------------ gzip

gz_size() { wc -c < "$OBJ" | tr -d ' '; }

case_gzip_truncated() {
    begin kadaster_objects "a gzip cut in the middle: the run fails, 'is truncated'"
    head -c $(($(gz_size) / 2)) "$OBJ" > "$F"
    run_vik
    expect fail kadaster_objects 'is truncated'
}

case_gzip_truncated_trailer() {
    begin kadaster_objects "a gzip missing its last 4 bytes (the length trailer): the run fails, 'is truncated'"
    head -c $(($(gz_size) - 4)) "$OBJ" > "$F"
    run_vik
    expect fail kadaster_objects 'is truncated'
}

case_gzip_header_only() {
    begin kadaster_objects "a gzip of only its 10-byte header: the run fails, 'is truncated'"
    head -c 10 "$OBJ" > "$F"
    run_vik
    expect fail kadaster_objects 'is truncated'
}

case_gzip_damaged() {
    begin kadaster_objects "a gzip with 8 bytes overwritten mid-stream: the run fails, 'is damaged'"
    cp "$OBJ" "$F"
    printf '\377\377\377\377\377\377\377\377' |
        dd of="$F" bs=1 seek=$(($(gz_size) / 2)) conv=notrunc 2> /dev/null
    run_vik
    expect fail kadaster_objects 'is damaged'
}

case_gzip_trailing_garbage() {
    begin kadaster_objects "text after the end of a gzip member: the run fails, 'is damaged'"
    { cat "$OBJ"; echo garbage; } > "$F"
    run_vik
    expect fail kadaster_objects 'is damaged'
}

case_gzip_magic_then_plain() {
    begin kadaster_objects "the gzip magic bytes followed by plain text: the run fails, 'is damaged'"
    { printf '\037\213'; gzip -dc "$OBJ"; } > "$F"
    run_vik
    expect fail kadaster_objects 'is damaged'
}

case_gzip_empty_payload() {
    begin kadaster_objects "a valid gzip of nothing: the run fails, 'file is empty'"
    : | gzip -n > "$F"
    run_vik
    expect fail kadaster_objects 'file is empty'
}

case_gz_name_plain_content() {
    begin kadaster_objects "a .gz name holding plain CSV (recognised by content): every row accepted"
    gzip -dc "$OBJ" > "$F"
    run_vik
    expect ok kadaster_objects "$READ_kadaster_objects" 0 ""
}

case_gz_name_zip_content() {
    begin kadaster_objects "a .gz name holding something else (zip magic, binary): the run fails naming the file"
    { printf 'PK\003\004'; tail -c +5 "$OBJ"; } > "$F"
    run_vik
    expect fail kadaster_objects '.'
}

case_gzip_members() {
    begin kadaster_objects "two concatenated gzip members: read in turn, every row accepted"
    gzip -dc "$OBJ" | sed -n '1,700p' | gzip -n > "$F"
    gzip -dc "$OBJ" | sed -n '701,$p' | gzip -n >> "$F"
    run_vik
    expect ok kadaster_objects "$READ_kadaster_objects" 0 ""
}

case_gzip_plain_name() {
    begin kvk "gzip content under a .csv name: recognised by content, every row accepted"
    gzip -n < "$KVK" > "$F"
    run_vik
    expect ok kvk "$NKVK" 0 ""
}

# ------------------------------------------------------------------ duplicate headers

case_duplicate_mapped_header() {
    begin kvk "a mapped header twice (postcode): the run fails, 'appears twice'"
    sed '1s/eersteHandelsnaam/postcode/' "$KVK" > "$F"
    run_vik
    expect fail kvk "header 'postcode' appears twice"
}

case_duplicate_mapped_header_case_space() {
    begin kvk "a mapped header twice, differing in case and blanks (' POSTCODE '): the run fails, 'appears twice'"
    sed '1s/eersteHandelsnaam/ POSTCODE /' "$KVK" > "$F"
    run_vik
    expect fail kvk "header 'postcode' appears twice"
}

case_duplicate_unmapped_headers() {
    begin brp "an unmapped header twice ('opmerking'), and two empty header names: never read, accepted"
    awk -F';' -v OFS=';' 'NR == 1 { $2 = "opmerking"; $4 = "opmerking" } { sub(/\r$/, ";;\r"); print }' \
        "$BRP" > "$F"
    run_vik
    expect ok brp "$READ_brp" 0 ""
}

# ------------------------------------------------------------------ empty required values

case_empty_required_fields() {
    begin brp "empty or blank required values: value_missing / postcode_missing / house_number_missing; an empty optional letter is fine"
    awk -F';' -v OFS=';' 'NR == 3 { $3 = "" } NR == 5 { $3 = "   " } NR == 7 { $11 = "" }
        NR == 9 { $8 = "" } NR == 11 { $9 = "" } NR == 13 { $1 = "" } { print }' "$BRP" > "$F"
    run_vik
    expect ok brp "$READ_brp" 5 "value_missing 3, postcode_missing 1, house_number_missing 1" \
        "3;01.03.10 geboortedatum;value_missing" "5;01.03.10 geboortedatum;value_missing" \
        "7;08.11.60 postcode;postcode_missing" "9;08.11.20 huisnummer;house_number_missing" \
        "13;01.01.20 burgerservicenummer;value_missing"
}

# ------------------------------------------------------------------ failed runs

case_only_refused_source_rejected() {
    begin kvk "a refused source leaves only its own quarantine-SOURCE.csv.rejected (README: 'its quarantine file')"
    sed -n 1p "$KVK" > "$F"
    run_vik
    others=$(cd "$C/out" && ls | grep '\.rejected$' | grep -v -x 'quarantine-kvk\.csv\.rejected')
    need "other sources' .rejected files: $(echo $others)" '[ -z "$others" ]'
    need "quarantine-kvk.csv.rejected kept" '[ -f "$C/out/quarantine-kvk.csv.rejected" ]'
    expect fail kvk 'no data rows'
}

# ------------------------------------------------------------------ run them

CASES="
case_empty_file case_header_only case_header_only_no_newline case_header_and_blank_lines
case_bom_only case_bom_and_line_end case_bom_header_only case_bom_in_cp1252_file
case_bom_line_mid_file case_double_bom
case_crlf case_lf_crlf_mixed case_cr_only case_cr_cr_lf case_mixed_cr_lf_crlf case_blank_lines
case_quoted_fields case_quarantine_one_line_per_row case_unclosed_quote case_unclosed_quote_last_line
case_text_after_closing_quote case_text_after_closing_quote_multiline
case_quote_inside_unquoted_field
case_column_count case_header_too_wide case_shifted_row_leaks_nothing
case_trailing_delimiter_everywhere case_trailing_delimiter_rows_not_header
case_trailing_delimiter_header_only case_trailing_delimiter_some_rows case_delimiter_only_rows
case_mb_field_unmapped case_mb_field_mapped case_mb_quoted_field_with_newlines case_field_at_limit
case_nul_in_text case_nul_in_number case_nul_padding case_all_nul
case_invalid_utf8 case_cp1252_declared_utf8 case_cp1252_auto case_cp1252_auto_with_bom case_utf16
case_gzip_truncated case_gzip_truncated_trailer case_gzip_header_only case_gzip_damaged
case_gzip_trailing_garbage case_gzip_magic_then_plain case_gzip_empty_payload
case_gz_name_plain_content case_gz_name_zip_content case_gzip_members case_gzip_plain_name
case_duplicate_mapped_header case_duplicate_mapped_header_case_space case_duplicate_unmapped_headers
case_empty_required_fields
case_only_refused_source_rejected
"

for c in $CASES; do
    case $c in *"$ONLY"*) "$c" ;; esac
done

echo "hostile: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
