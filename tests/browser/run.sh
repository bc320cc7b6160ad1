#!/bin/sh
# Browser test of report.html: a real Chromium (headless) renders the page that
# `vik run` wrote for a generated municipality, and we check what a reader relies on.
#
#   (a) The page loads nothing from outside the file. Chromium runs with a net log
#       (--log-net-log), an unreachable proxy and a resolver that resolves nothing, so
#       no byte can leave the machine in any case. In the net log, network activity
#       caused by a page loaded from a file carries that page's partition: a request
#       for a sub-resource has network_isolation_key "file:// ..." and initiator
#       "null" (the file's opaque origin), a socket group or DNS lookup for it names
#       "file://", and a navigation away (meta refresh, a form) has initiator
#       "file://". Chromium's own background traffic (updates, time, accounts) has
#       none of these and is ignored. So the assertion is: no event line of the log
#       (the first line is the table of constants) mentions file:// or initiator
#       null. It is checked three ways:
#         1. the report as written (with its Content-Security-Policy);
#         2. the report with the CSP removed, so that a URL the writer emitted would
#            really be requested instead of being blocked by the policy (the CSP is
#            the second line of defence, not the reason this test passes);
#         3. a control: the CSP-less report with an injected <img src=http://...> and
#            <link href=https://...> MUST be flagged - if Chromium's log format
#            changed so that the detector went blind, this fails the test.
#       Also checked: the CSP alone blocks the injected references (run 4), and the
#       file itself has no src=, url(, @import, <script, <link, <iframe, <object,
#       <embed, <base, meta refresh or "://" at all.
#       How it could still miss a request: a fetch Chromium logs without the page's
#       partition or initiator (none known for these element types; the control
#       covers images and style sheets, the only kinds a script-free page could use
#       besides fonts, which the static check forbids via url() and @import).
#   (b) The key sections are in the rendered DOM (--dump-dom): summary, each theme,
#       quality, charts, proportionality, method, metadata, with breakdowns and SVG charts.
#   (c) The screenshot is a real PNG of the requested size and not a blank page.
#
# Usage: BUILD=build/san sh tests/browser/run.sh   (from the repository root)
#        SCREENSHOT_OUT=docs/report.png keeps the screenshot (make report-png).
NAME=browser . tests/lib.sh
CHROMIUM=${CHROMIUM:-chromium}

command -v "$CHROMIUM" > /dev/null || { echo "FAIL - $CHROMIUM not installed (make deps)"; exit 1; }

# One headless Chromium run; $1 names it (profile and net log), the rest are flags
# and the URL. Nothing can leave the machine: every host resolves to nothing and
# every request goes to a proxy on port 9 (discard), where nothing listens.
browse() { # name args...
    name=$1
    shift
    HOME="$T" timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$T/profile-$name" --log-net-log="$T/net-$name.json" \
        --proxy-server=http://127.0.0.1:9 --host-resolver-rules='MAP * ~NOTFOUND' \
        --no-first-run --no-default-browser-check --disable-background-networking \
        --disable-component-update --disable-sync --disable-default-apps \
        --virtual-time-budget=2000 "$@" 2> "$T/stderr-$name.txt"
}

# Event lines of a net log caused by the page (see (a) above), one per line.
page_requests() { # net log
    grep -v '^{"constants"' "$1" | grep -E 'file://|"initiator":"null"'
}

# --- the night: generated municipality (seed 1, as samples/data), one vik run -----
D="$T/data"
"$GEN" --seed 1 --out "$D" > /dev/null || { echo "FAIL - vik-gen"; exit 1; }
make_config "$D"
"$VIK" run -q -c "$D/vik.ini" > "$T/summary.txt" 2> "$T/vik-stderr.txt"
check "vik run writes report.html" '[ -s "$D/out/report.html" ]'
R="$D/out/report.html"
[ -s "$R" ] || { cat "$T/vik-stderr.txt"; echo "browser: $PASS passed, $((FAIL)) failed"; exit 1; }

# --- static: the file references nothing --------------------------------------------
check "report.html has no script, link, frame, object, base, refresh or URL" \
    '! grep -Eiq "<script|<link|<iframe|<object|<embed|<base|http-equiv=\"refresh|src=|url\(|@import|://" "$R"'
check "report.html carries the Content-Security-Policy" \
    'grep -q "content=\"default-src '"'"'none'"'"'; style-src '"'"'unsafe-inline'"'"'; img-src data:\"" "$R"'

# --- (a) no request outside the file --------------------------------------------
cp "$R" "$T/report.html"
browse report --dump-dom "file://$T/report.html" > "$T/dom.html"
check "(a) report as written: no page request in the net log" \
    '[ -s "$T/net-report.json" ] && ! page_requests "$T/net-report.json" > "$T/hits-report.txt"'

grep -v 'http-equiv="Content-Security-Policy"' "$R" > "$T/nocsp.html"
check "(a) CSP removed for the test: the policy line is gone" \
    '! grep -q "Content-Security-Policy" "$T/nocsp.html"'
browse nocsp --dump-dom "file://$T/nocsp.html" > /dev/null
check "(a) report without its CSP: still no page request (the writer emits no URL)" \
    '[ -s "$T/net-nocsp.json" ] && ! page_requests "$T/net-nocsp.json" > "$T/hits-nocsp.txt"'

INJECT='<img src="http://canary.invalid/x.png" alt=""><link rel="stylesheet" href="https://canary.invalid/s.css">'
sed "s#<body>#<body>$INJECT#" "$T/nocsp.html" > "$T/control.html"
browse control --dump-dom "file://$T/control.html" > /dev/null
check "(a) control: an injected http image and https style sheet ARE detected" \
    'page_requests "$T/net-control.json" | grep -q "http://canary.invalid/x.png" &&
     page_requests "$T/net-control.json" | grep -q "https://canary.invalid/s.css"'

sed "s#<body>#<body>$INJECT#" "$R" > "$T/control-csp.html"
browse control-csp --dump-dom "file://$T/control-csp.html" > /dev/null
check "(a) the CSP alone blocks the injected references" \
    '[ -s "$T/net-control-csp.json" ] && ! page_requests "$T/net-control-csp.json" > /dev/null'

# --- (b) the key sections in the rendered DOM -------------------------------------------
for id in summary theme-hennep theme-witwassen theme-brievenbus theme-overbewoning quality \
    charts proportionality outcomes method metadata chart-indicators chart-scores chart-runs; do
    check "(b) rendered DOM has #$id" 'grep -q "id=\"$id\"" "$T/dom.html"'
done
for h in "Summary of the night" "Data quality and linkage" "Charts" \
    "Proportionality per neighbourhood" "How this list was made" "Run metadata"; do
    check "(b) rendered DOM has heading '$h'" 'grep -q "<h2>$h</h2>" "$T/dom.html"'
done
check "(b) every theme lists addresses with a breakdown" \
    '[ "$(grep -c "<details>" "$T/dom.html")" -ge 20 ]'
check "(b) charts are inline SVG" '[ "$(grep -o "<svg" "$T/dom.html" | wc -l)" -ge 8 ]'
check "(b) no script in the rendered DOM" '! grep -qi "<script" "$T/dom.html"'

# --- (c) a real screenshot ------------------------------------------------------------
browse shot --window-size=1280,1600 --screenshot="$T/report.png" "file://$T/report.html" \
    > /dev/null
png_magic() { od -An -tx1 -N8 "$1" | tr -d ' \n'; }
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{ print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8 }'; }
check "(c) screenshot is a PNG" '[ "$(png_magic "$T/report.png")" = 89504e470d0a1a0a ]'
check "(c) screenshot is 1280x1600" '[ "$(png_size "$T/report.png")" = 1280x1600 ]'
# A blank 1280x1600 page compresses to a few KB; the report's text and tables do not.
check "(c) screenshot is not blank (over 60 KB)" '[ "$(wc -c < "$T/report.png")" -gt 60000 ]'
if [ -n "${SCREENSHOT_OUT:-}" ] && [ -s "$T/report.png" ]; then
    cp "$T/report.png" "$SCREENSHOT_OUT" && echo "screenshot kept in $SCREENSHOT_OUT"
fi

if [ "$FAIL" -ne 0 ]; then
    for f in "$T"/hits-*.txt; do [ -s "$f" ] && { echo "== $f"; head -n 5 "$f"; }; done
fi
echo "browser: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
