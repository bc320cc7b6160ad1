#!/bin/sh
# `vik check` and `vik run` accept and refuse the same configs: the indicator
# settings are validated by the indicators' own descriptors (score/indicator.h),
# whose hooks both commands run. For each config below, both exit with the same
# status (0 accepted, 2 refused), and a refused one names the same problem in both.
# Also: the README's indicator table is `vik indicators --markdown`.
#
# Usage: BUILD=build/san sh tests/e2e/config.sh   (from the repository root)
NAME=config . tests/lib.sh

D="$T/town"
"$GEN" --seed 3 --addresses 2000 --out "$D" > /dev/null || bad "generator"
make_config "$D"

# A config = the default one with one [indicator.*] or [theme.*] section added.
variant() { # name section-text
    cp "$D/vik.ini" "$T/$1.ini"
    printf '\n%s\n' "$2" >> "$T/$1.ini"
}

variant ok_sbi '[indicator.risk_sector]
sbi_prefixes = 96.02.1, 4511, 56101'
variant ok_alone '[indicator.many_properties]
alone = true
weight = 0.8'
variant ok_theme '[theme.hennep]
min_score = 1.2
alone_strength = 0.9'
variant bad_sbi '[indicator.risk_sector]
sbi_prefixes = 96x21, abc'
variant bad_category '[indicator.citizen_signal]
hennep = hennepteelt, a category name far longer than forty-eight bytes for sure'
variant bad_threshold '[indicator.energy_high]
threshold = 0.5'
variant bad_param '[indicator.energy_high]
full_excess_kwh = -3'
variant bad_alone '[indicator.overcrowding]
alone = sometimes'
variant bad_strength '[theme.witwassen]
alone_strength = 2'
variant bad_key '[indicator.quick_resale]
months = 6'

for c in ok_sbi ok_alone ok_theme bad_sbi bad_category bad_threshold bad_param bad_alone \
    bad_strength bad_key; do
    "$VIK" check -c "$T/$c.ini" > /dev/null 2> "$T/$c.check"
    rc_check=$?
    "$VIK" run -q -c "$T/$c.ini" --output-dir "$T/out-$c" > /dev/null 2> "$T/$c.run"
    rc_run=$?
    want=0
    case $c in bad_*) want=2 ;; esac
    grep -m1 ':[0-9]*: ' "$T/$c.check" | sed 's/^[^:]*:[0-9]*: //' > "$T/$c.first"
    check "$c: vik check and vik run both exit $want (check $rc_check, run $rc_run)" \
        "[ $rc_check -eq $want ] && [ $rc_run -eq $want ]"
    if [ $want -eq 2 ]; then
        check "$c: both name the problem: $(cat "$T/$c.first")" \
            "[ -s '$T/$c.first' ] && grep -qF -f '$T/$c.first' '$T/$c.run'"
    fi
done

# The README's indicator table is the descriptors' own.
"$VIK" indicators --markdown > "$T/table.md"
awk '/<!-- indicators:begin -->/ { on = 1; next } /<!-- indicators:end -->/ { on = 0 } on' \
    README.md > "$T/readme-table.md"
check "README's indicator table is 'vik indicators --markdown' (make readme-table refreshes it)" \
    "[ -s '$T/table.md' ] && cmp -s '$T/table.md' '$T/readme-table.md'"

# docs/config.md's [run] keys are the loader's own table.
"$VIK" check --keys > "$T/keys.md"
awk '/<!-- run-keys:begin -->/ { on = 1; next } /<!-- run-keys:end -->/ { on = 0 } on' \
    docs/config.md > "$T/docs-keys.md"
check "docs/config.md's [run] table is 'vik check --keys' (make readme-table refreshes it)" \
    "[ \$(grep -c '^| \`' '$T/keys.md') -eq 13 ] && cmp -s '$T/keys.md' '$T/docs-keys.md'"

echo "config: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
