# tests/lib.sh - what the end-to-end test scripts share. Source it from the
# repository root after setting NAME (the scratch folder's name):
#     NAME=e2e . tests/lib.sh
# It sets BUILD (default build; build/san under `make test`), VIK and GEN, a scratch
# folder T removed on exit, the PASS/FAIL counters with ok/bad/check, and
# make_config, the default config with its paths moved to a generated data folder.
set -u
BUILD=${BUILD:-build}
VIK="$BUILD/vik"
GEN="$BUILD/vik-gen"
T=$(mktemp -d "${TMPDIR:-/tmp}/vik-$NAME.XXXXXX")
trap 'rm -rf "$T"' EXIT
PASS=0
FAIL=0

ok() { PASS=$((PASS + 1)); echo "ok   - $1"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL - $1"; }
# check "what a user relies on" 'shell condition'
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

# DIR/vik.ini: config/vik.ini reading DIR's exports, writing DIR/out, key in $T.
make_config() { # dir
    sed -e "s#\.\./samples/data#$1#" -e "s#\.\./out#$1/out#" -e "s#\.\./keys/vik.key#$T/vik.key#" \
        config/vik.ini > "$1/vik.ini"
}
