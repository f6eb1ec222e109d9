#!/bin/sh
# html.sh: `pacta check --format html` and `pacta timeline --format svg`.
# The page is checked as written (html_check.py: the summary rows agree
# with the JSON findings, it loads nothing, it links only to the rules'
# URLs), and then, where Debian's chromium is installed, in a real browser
# run headless: it renders (a screenshot is written), the DOM it builds
# passes the same check, and the browser logs no console message. The
# checker is tested too: a page with one finding's row removed must fail.
. "$(dirname "$0")/lib.sh"

prc=examples/prc-2023-mass-return.yaml

# page_check NAME PAGE JSON [--all]: html_check.py as one test.
page_check() {
    name=$1
    shift
    if python3 "$here/html_check.py" "$@" >"$tmp/why" 2>&1; then
        ok "$name"
    else
        not_ok "$name" "$(cat "$tmp/why")"
    fi
}

run check --rules "$rules" --format json "$prc"
cp "$tmp/out" "$tmp/prc.json"
run check --rules "$rules" --format html "$prc"
cp "$tmp/out" "$tmp/prc.html"
if [ "$rc" -eq 1 ] && head -n 1 "$tmp/prc.html" | grep -qx '<!DOCTYPE html>'; then
    ok "html: a page, and the exit status of the check"
else
    not_ok "html: a page, and the exit status of the check" "exit $rc"
fi
page_check "html: summary rows match the JSON findings; self-contained; rules' links only" \
    "$tmp/prc.html" "$tmp/prc.json"

run check --rules "$rules" --format html --all "$prc"
cp "$tmp/out" "$tmp/prc-all.html"
page_check "html --all: a row for every finding, not_applicable too" \
    "$tmp/prc-all.html" "$tmp/prc.json" --all

# The analysis is the whole of --explain's: what would change each finding too.
run check --rules "$rules" --format json --counterfactuals "$prc"
cp "$tmp/out" "$tmp/prc-cf.json"
if python3 - "$tmp/prc.html" "$tmp/prc-cf.json" >"$tmp/why" 2>&1 <<'EOF'
import html, json, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
report = json.loads(open(sys.argv[2], encoding="utf-8").read())
shown = [f for f in report["findings"] if f["verdict"] != "not_applicable"]
articles = re.findall(r'<article id="finding-(\d+)"(.*?)</article>', page, re.S)
if len(articles) != len(shown):
    sys.exit("%d articles for %d findings" % (len(articles), len(shown)))
for (number, body), f in zip(articles, shown):
    lists = re.findall(r'<h4>What would change it</h4><ul class="cf">(.*?)</ul>', body, re.S)
    if ("counterfactuals" in f) != bool(lists):
        sys.exit("finding %s (%s): what would change it %s" % (number, f["rule"],
                 "missing" if lists == [] else "unexpected"))
    if not lists:
        continue
    items = [html.unescape(i) for i in re.findall(r"<li>(.*?)</li>", lists[0], re.S)]
    verb = "is" if f["verdict"] == "undetermined" else "were"
    for cf in f["counterfactuals"]:
        said = "if " + " and ".join("%s %s %s" % (c["fact"], verb, c["value"]) for c in cf["changes"])
        later = "if %s: %s" % (cf["changes"][0]["value"], cf["verdict"])  # a second value of one fact
        if not any(said + ": " + cf["verdict"] in i or (cf["single"] and later in i) for i in items):
            sys.exit("finding %s: %r not on the page" % (number, said))
EOF
then
    ok "html: each finding says what would change it, as the JSON counterfactuals do"
else
    not_ok "html: each finding says what would change it, as the JSON counterfactuals do" "$(cat "$tmp/why")"
fi

# The checker must see a missing finding: drop the summary's first row.
python3 - "$tmp/prc.html" "$tmp/missing.html" <<'EOF'
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
cut = re.sub(r'<tr id="row-1"[^\n]*</tr>\n', "", page, count=1)
assert cut != page, "no row to remove"
open(sys.argv[2], "w", encoding="utf-8").write(cut)
EOF
if python3 "$here/html_check.py" "$tmp/missing.html" "$tmp/prc.json" >"$tmp/why" 2>&1; then
    not_ok "html check: a page missing a finding's row fails" "the checker passed it"
else
    ok "html check: a page missing a finding's row fails"
fi

# What a scenario says is escaped: its quotes, angle brackets and controls.
run check --rules "$rules" --format json --all "$here/escape.yaml"
cp "$tmp/out" "$tmp/escape.json"
run check --rules "$rules" --format html --all "$here/escape.yaml"
cp "$tmp/out" "$tmp/escape.html"
page_check "html escapes what a scenario says" "$tmp/escape.html" "$tmp/escape.json" --all
if [ "$(grep -c '<script' "$tmp/escape.html")" -eq 1 ] &&
    ! LC_ALL=C grep -q "$(printf '[\001-\010\013\014\016-\037\177]')" "$tmp/escape.html"; then
    ok "html: one script (the page's own), no control characters"
else
    not_ok "html: one script (the page's own), no control characters" "scripts or controls"
fi

run check --rules "$rules" --format html --assume KP.torture_on_return=false "$prc"
if grep -q 'Checked assuming <code>KP.torture_on_return=false</code>' "$tmp/out" &&
    grep -q 'Changed by the assumptions: violation → no_violation' "$tmp/out"; then
    ok "html: the assumptions, and the verdicts they changed"
else
    not_ok "html: the assumptions, and the verdicts they changed" "exit $rc"
fi

run check --rules "$rules" --format html "$prc" "$prc"
if [ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q 'one page for one scenario' "$tmp/err"; then
    ok "html: one page, so one scenario"
else
    not_ok "html: one page, so one scenario" "exit $rc"
fi

run timeline --rules "$rules" --format svg --on 2023-10-09 CN
cp "$tmp/out" "$tmp/cn.svg"
if [ "$rc" -eq 0 ] && python3 - "$tmp/cn.svg" <<'EOF'
import sys, xml.dom.minidom
svg = xml.dom.minidom.parse(sys.argv[1]).documentElement
assert svg.tagName == "svg", svg.tagName
texts = ["".join(n.data for n in t.childNodes if n.nodeType == n.TEXT_NODE)
         for t in svg.getElementsByTagName("text")]
for want in ("Refugee Convention", "Convention against Torture", "ICCPR", "2023-10-09",
             "signed, never ratified"):
    assert any(want in t for t in texts), (want, texts)
assert not svg.getElementsByTagName("script")
EOF
then
    ok "timeline --format svg: one SVG picture, a lane per instrument, the day asked about"
else
    not_ok "timeline --format svg: one SVG picture, a lane per instrument, the day asked about" \
        "exit $rc, or not that picture"
fi

run show --rules "$rules" --format svg refugee-convention
if [ "$rc" -eq 2 ] && grep -q "unknown format 'svg' (use text or json)" "$tmp/err"; then
    ok "svg is a timeline's format only"
else
    not_ok "svg is a timeline's format only" "exit $rc"
fi

# ------------------------------------------------------------------ in a browser

browser=$(command -v chromium || true)
if [ -z "$browser" ]; then
    echo "# chromium is not installed: the page is not tested in a browser (apt-get install chromium)"
    finish
fi

# headless PAGE ARGS...: chromium on PAGE, its stdout in $tmp/dom, its log in $tmp/log.
headless() {
    page=$1
    shift
    profile=$(mktemp -d "$tmp/profile.XXXXXX")
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --enable-logging=stderr --v=0 "$@" "file://$page" \
        >"$tmp/dom" 2>"$tmp/log" </dev/null
}

headless "$tmp/prc.html" --window-size=1200,2400 --screenshot="$tmp/prc.png"
if [ -s "$tmp/prc.png" ] && [ "$(head -c 8 "$tmp/prc.png" | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ]; then
    ok "chromium renders the page (a screenshot)"
else
    not_ok "chromium renders the page (a screenshot)" "$(tail -n 3 "$tmp/log")"
fi

headless "$tmp/prc.html" --dump-dom
page_check "chromium: the DOM's summary rows match the JSON findings" "$tmp/dom" "$tmp/prc.json"
if grep -q ':CONSOLE' "$tmp/log"; then
    not_ok "chromium: no console message" "$(grep ':CONSOLE' "$tmp/log" | head -n 3)"
else
    ok "chromium: no console message"
fi

headless "$tmp/missing.html" --dump-dom
if python3 "$here/html_check.py" "$tmp/dom" "$tmp/prc.json" >"$tmp/why" 2>&1; then
    not_ok "chromium: the DOM of a page missing a finding fails the check" "it passed"
else
    ok "chromium: the DOM of a page missing a finding fails the check"
fi

# The console check must see an error: a page whose script fails.
printf '<!DOCTYPE html><title>t</title><script>no_such_function()</script>\n' >"$tmp/bad.html"
headless "$tmp/bad.html" --dump-dom
if grep -q ':CONSOLE.*no_such_function' "$tmp/log"; then
    ok "chromium: a script error shows in the console log the test reads"
else
    not_ok "chromium: a script error shows in the console log the test reads" "no CONSOLE line"
fi

finish
