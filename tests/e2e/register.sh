#!/bin/sh
# `vik register`: the processing register is generated from the indicators'
# descriptors and the config, never hand-written. Checked here: it names every
# indicator in force (E1 ... S1) and every mapped export column of the config; it
# changes when a weight changes and shows the new weight; a disabled indicator
# disappears; its JSON validates against tests/register.schema.json (and that schema
# refuses deliberately broken documents); the [register] keys are validated by the
# same code for `vik check`, `vik run` and `vik register`; column names with quotes,
# backslashes, pipes, tabs and bytes that are not UTF-8 stay escaped; it reads no
# export; report.html carries the same account in "How this list was made".
#
# Usage: BUILD=build/san sh tests/e2e/register.sh   (from the repository root)
NAME=register . tests/lib.sh

PY=/usr/bin/python3 # python3-jsonschema is a Debian package (make test-deps)
[ -x "$PY" ] || PY=python3
CHK="$PY tests/e2e/register_check.py"
SCHEMA=tests/register.schema.json
check "the schema validator is installed (python3-jsonschema)" "$PY -c 'import jsonschema'"

D="$T/town"
"$GEN" --seed 4 --addresses 2000 --out "$D" > /dev/null || bad "generator"
make_config "$D"
C="$D/vik.ini"

# A config = the default one with one section added.
variant() { # name section-text
    cp "$C" "$T/$1.ini"
    printf '\n%s\n' "$2" >> "$T/$1.ini"
}
# Every row of a Markdown table has as many cells as its header: as many '|' that are
# not escaped as '\|'.
cells_ok() { # file
    awk '/^\|/ { r = $0; gsub(/\\\|/, "", r); n = gsub(/\|/, "", r)
                 if (!table) want = n; else if (n != want) bad = 1; table = 1; next }
         { table = 0 } END { exit bad }' "$1"
}
# The Markdown section of one indicator: from its "### CODE" heading to the next heading.
section() { # file code
    awk -v h="### $2 " 'index($0, h) == 1 { on = 1; print; next } /^##/ { on = 0 } on' "$1"
}

# --- Markdown: every indicator in force and every mapped column -----------------------
"$VIK" register -c "$C" > "$T/reg.md" 2> "$T/reg.err"
rc=$?
check "vik register exits 0 and writes Markdown" "[ $rc -eq 0 ] && grep -q '^# Processing register' '$T/reg.md'"
codes=$("$VIK" indicators | awk '/^[A-Z][0-9] / { print $1 }')
n=0
missing=""
for c in $codes; do
    n=$((n + 1))
    grep -q "^### $c \`" "$T/reg.md" || missing="$missing $c"
done
check "names every enabled indicator ($n: E1 ... S1)${missing:+, missing:$missing}" \
    '[ "$n" -eq 16 ] && [ -z "$missing" ]'
sed -n 's/^map\.[a-z0-9_]* *= *//p' "$C" > "$T/columns"
n=0
missing=""
while IFS= read -r col; do
    n=$((n + 1))
    grep -qF "\`$col\`" "$T/reg.md" || missing="$missing [$col]"
done < "$T/columns"
check "names every mapped column of the config ($n) by its export name${missing:+, missing:$missing}" \
    '[ "$n" -ge 60 ] && [ -z "$missing" ]'
check "says which columns are pseudonymised and which dropped" \
    "grep -q '01.01.20 burgerservicenummer\` | person_id | checked (11-proef) and dropped' '$T/reg.md' \
     && grep -Eq '\\| owner_id \\| keyed hash as it is read' '$T/reg.md'"
check "states retention, suppression and human review" \
    "grep -q 'retention_days\` = 365' '$T/reg.md' && grep -q 'suppress_days\` = 90' '$T/reg.md' \
     && grep -q 'signal for human review at the information meeting' '$T/reg.md'"
check "names what the municipality must fill" \
    "grep -q 'organization\` | Organisatie | \*\*to be filled by the municipality\*\*' '$T/reg.md'"

# --- JSON: the Algoritmeregister fields, against the schema in tests/ ------------------
"$VIK" register -c "$C" --format json > "$T/reg.json" 2> "$T/json.err"
rc=$?
check "--format json exits 0 without warnings" "[ $rc -eq 0 ] && [ ! -s '$T/json.err' ]"
check "JSON validates against $SCHEMA" "$CHK validate $SCHEMA '$T/reg.json'"
check "the schema refuses deliberately broken documents (a test that can fail)" \
    "$CHK broken $SCHEMA '$T/reg.json'"
check "JSON names exactly the config's mapped columns, per source and field" \
    "$CHK columns '$T/reg.json' '$C'"
check "JSON names every indicator in force" \
    "[ \"\$($CHK get '$T/reg.json' processing.indicators | grep -o '\"code\": \"[A-Z][0-9]\"' | wc -l)\" -eq 16 ]"
check "JSON leaves the municipality's fields empty and lists them in to_fill" \
    "[ \"\$($CHK get '$T/reg.json' algoritmeregister.organization)\" = '' ] \
     && $CHK get '$T/reg.json' to_fill | grep -q '\"field\": \"contact_email\"'"
"$VIK" register -c "$C" --format json > "$T/reg2.json"
check "the same config gives the same bytes" "cmp -s '$T/reg.json' '$T/reg2.json'"
"$VIK" register -c "$C" --format json --output "$T/out.json" > "$T/out.stdout"
check "--output FILE writes what stdout gets, and nothing to stdout" \
    "cmp -s '$T/reg.json' '$T/out.json' && [ ! -s '$T/out.stdout' ]"
"$VIK" register -c "$C" --format html > /dev/null 2>&1
rc=$?
check "an unknown --format is a usage error (exit 2)" "[ $rc -eq 2 ]"

# --- it follows the config: a weight, a disabled indicator --------------------------
variant weight '[indicator.energy_high]
weight = 1.7'
"$VIK" register -c "$T/weight.ini" > "$T/weight.md"
"$VIK" register -c "$T/weight.ini" --format json > "$T/weight.json"
check "changing one weight changes the register" "! cmp -s '$T/reg.md' '$T/weight.md'"
check "...and it shows the weight in force (E1: 1 -> 1.7)" \
    "section '$T/weight.md' E1 | grep -q '^- weight 1.7; fires at 1 in 20' \
     && section '$T/reg.md' E1 | grep -q '^- weight 1; fires at 1 in 20' \
     && [ \"\$($CHK get '$T/weight.json' processing.indicators.0.weight)\" = 1.7 ]"
check "...in the JSON too, which still validates" "$CHK validate $SCHEMA '$T/weight.json'"
variant off '[indicator.energy_near_zero]
enabled = false'
"$VIK" register -c "$T/off.ini" > "$T/off.md"
"$VIK" register -c "$T/off.ini" --format json > "$T/off.json"
check "disabling an indicator removes it (E3 nowhere in Markdown or JSON)" \
    "grep -q E3 '$T/reg.md' && ! grep -q E3 '$T/off.md' && ! grep -q '\"E3\"' '$T/off.json' \
     && grep -q '^### E4 ' '$T/off.md'"

# --- [register]: the municipality's own facts --------------------------------------
variant meta '[register]
organization = Gemeente Geldrop-Mierlo
contact = privacy@geldrop-mierlo.example
status = in gebruik
begin_date = 2026-01
lawful_basis = Gemeentewet art. 172 (openbare orde) en Opiumwet art. 13b; gedeeld volgens
    het privacyprotocol van het RIEC.
lawful_basis_links = Gemeentewet | https://wetten.overheid.nl/BWBR0005416
    Opiumwet | https://wetten.overheid.nl/BWBR0001941
dpia = https://geldrop-mierlo.example/dpia-vik.pdf'
"$VIK" register -c "$T/meta.ini" --format json > "$T/meta.json"
"$VIK" register -c "$T/meta.ini" > "$T/meta.md"
check "[register] keys fill their fields (status as the standard spells it)" \
    "[ \"\$($CHK get '$T/meta.json' algoritmeregister.organization)\" = 'Gemeente Geldrop-Mierlo' ] \
     && [ \"\$($CHK get '$T/meta.json' algoritmeregister.status)\" = 'In gebruik' ] \
     && [ \"\$($CHK get '$T/meta.json' filled_by.contact_email)\" = config ] \
     && ! $CHK get '$T/meta.json' to_fill | grep -q '\"field\": \"organization\"'"
check "continued lines: a long lawful basis joins, links stay one per line" \
    "$CHK get '$T/meta.json' algoritmeregister.lawful_basis | grep -q '13b; gedeeld volgens het privacyprotocol' \
     && [ \"\$($CHK get '$T/meta.json' algoritmeregister.lawful_basis_grouping | grep -o '\"link\"' | wc -l)\" -eq 2 ] \
     && $CHK get '$T/meta.json' algoritmeregister.impacttoetsen_grouping | grep -q 'Data Protection Impact Assessment (DPIA)'"
check "...and the JSON still validates; the Markdown is titled by the organisation" \
    "$CHK validate $SCHEMA '$T/meta.json' && grep -q '^# Processing register: vik at Gemeente Geldrop-Mierlo' '$T/meta.md'"

# vik check, vik run and vik register refuse the same [register] mistakes, alike.
variant bad_link '[register]
dpia = http://example.nl/dpia.pdf'
variant bad_key '[register]
contact_email = privacy@example.nl'
variant bad_status '[register]
status = actief'
variant bad_long "[register]
organization = $(printf 'x%.0s' $(seq 101))"
variant bad_links '[register]
lawful_basis_links = Gemeentewet https://wetten.overheid.nl/BWBR0005416'
for c in bad_link bad_key bad_status bad_long bad_links; do
    "$VIK" check -c "$T/$c.ini" > /dev/null 2> "$T/$c.check"
    rc_check=$?
    "$VIK" run -q -c "$T/$c.ini" --output-dir "$T/out-$c" > /dev/null 2> "$T/$c.run"
    rc_run=$?
    "$VIK" register -c "$T/$c.ini" > /dev/null 2> "$T/$c.reg"
    rc_reg=$?
    grep -m1 ':[0-9]*: ' "$T/$c.check" | sed 's/^[^:]*:[0-9]*: //' > "$T/$c.first"
    check "$c: check, run and register all exit 2 (got $rc_check $rc_run $rc_reg): $(cat "$T/$c.first")" \
        "[ $rc_check -eq 2 ] && [ $rc_run -eq 2 ] && [ $rc_reg -eq 2 ] && [ -s '$T/$c.first' ] \
         && grep -qF -f '$T/$c.first' '$T/$c.run' && grep -qF -f '$T/$c.first' '$T/$c.reg'"
done

# --- hostile column names, no export at all ------------------------------------------
{
    printf '[run]\nkey_file = %s/hostile.key\n\n[source.brp]\npath = %s/nowhere/brp.csv\n' "$T" "$T"
    printf 'map.person_id = BSN "nummer"\n'
    printf 'map.birth_date = geb\\datum\n'
    printf 'map.registered_since = sinds|datum `x`\n'
    printf 'map.postcode = postcode\tPC\n'
    printf 'map.house_number = huisnr \303\251\n'
    printf 'map.street = stra\351t\n'
    printf 'map.city = <b>plaats</b> ## *x*\n'
} > "$T/hostile.ini"
"$VIK" register -c "$T/hostile.ini" --format json > "$T/hostile.json" 2> "$T/hostile.err"
rc=$?
check "reads no export: a config whose files do not exist still gives its register" \
    "[ $rc -eq 0 ] && [ ! -e '$T/nowhere' ]"
check "hostile column names: the JSON is valid, validates and holds each name exactly" \
    "$CHK validate $SCHEMA '$T/hostile.json' && $CHK columns '$T/hostile.json' '$T/hostile.ini'"
"$VIK" register -c "$T/hostile.ini" > "$T/hostile.md"
check "hostile column names: every Markdown table row keeps its cells" \
    "cells_ok '$T/hostile.md' && cells_ok '$T/reg.md' && grep -qF 'BSN \"nummer\"' '$T/hostile.md' \
     && grep -qF '\`\` sinds\\|datum \`x\` \`\`' '$T/hostile.md'"

# --- report.html: "How this list was made", from the same source ---------------------
"$VIK" run -q -c "$C" > /dev/null 2> "$T/run.err"
R="$D/out/report.html"
check "vik run writes report.html" "[ -s '$R' ]"
check "report.html has the section 'How this list was made'" \
    "grep -q 'id=\"method\"' '$R' && grep -q '<h2>How this list was made</h2>' '$R'"
n=0
missing=""
while IFS= read -r col; do
    n=$((n + 1))
    grep -qF "$col" "$R" || missing="$missing [$col]"
done < "$T/columns"
check "report.html names every mapped column ($n)${missing:+, missing:$missing}" '[ -z "$missing" ]'
check "report.html states the weights, listing rule, retention and human review in force" \
    "grep -q 'E1 energy_high (1)' '$R' && grep -q 'reach a score of 1.25 together' '$R' \
     && grep -q 'for 365 days (retention_days)' '$R' && grep -q 'signal for human review' '$R'"

echo "register: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
