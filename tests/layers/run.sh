#!/bin/sh
# tools/check_layers.py must pass on lib/ and must fail on a tree that
# breaks the layering: a lower layer calling a higher one, two files that
# call each other, and headers that include each other. Each broken tree is
# a few lines of C compiled here, so the test shows the check catching what
# it is meant to catch, not just passing.
#
#   sh tests/layers/run.sh CC OBJDIR
set -u
cc=${1:-cc}
objs=${2:-build/lib}
check="python3 tools/check_layers.py"
failed=0
ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; failed=$((failed + 1)); }

if out=$($check --src lib --objs "$objs"); then ok "lib/ keeps its layers: $out"
else echo "$out"; not_ok "lib/ keeps its layers"; fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# tree NAME: compiles every .c of $tmp/NAME/src into $tmp/NAME/obj
tree() {
    for c in $(cd "$tmp/$1/src" && find . -name '*.c'); do
        mkdir -p "$tmp/$1/obj/$(dirname "$c")"
        $cc -c -I"$tmp/$1/src" "$tmp/$1/src/$c" -o "$tmp/$1/obj/${c%.c}.o" || return 1
    done
}
# expect_failure NAME WHAT PATTERN: the check fails on tree NAME and says PATTERN
expect_failure() {
    if out=$($check --src "$tmp/$1/src" --objs "$tmp/$1/obj" --layers base,reason); then
        not_ok "$2: the check passed"
    elif echo "$out" | grep -q "$3"; then ok "$2: $(echo "$out" | head -n 1)"
    else echo "$out"; not_ok "$2: the check failed without saying '$3'"; fi
}

mkdir -p "$tmp/upward/src/base" "$tmp/upward/src/reason"
echo 'int verdict(void); int low(void) { return verdict(); }' >"$tmp/upward/src/base/low.c"
echo 'int verdict(void) { return 1; }' >"$tmp/upward/src/reason/high.c"
tree upward && expect_failure upward "a lower layer calling a higher one" "may not use the layer above"

mkdir -p "$tmp/circle/src/base"
echo 'int b(int); int a(int n) { return n ? b(n - 1) : 0; }' >"$tmp/circle/src/base/a.c"
echo 'int a(int); int b(int n) { return n ? a(n - 1) : 1; }' >"$tmp/circle/src/base/b.c"
tree circle && expect_failure circle "two files that call each other" "files that call each other"

mkdir -p "$tmp/headers/src/base"
printf '#include "base/y.h"\n' >"$tmp/headers/src/base/x.h"
printf '#include "base/x.h"\n' >"$tmp/headers/src/base/y.h"
echo 'int z(void) { return 0; }' >"$tmp/headers/src/base/z.c"
tree headers && expect_failure headers "headers that include each other" "headers that include each other"

mkdir -p "$tmp/stray/src/base"
echo 'int s(void) { return 0; }' >"$tmp/stray/src/stray.c"
echo 'int t(void) { return 0; }' >"$tmp/stray/src/base/t.c"
tree stray && expect_failure stray "a file outside the layer folders" "not in a layer folder"

mkdir -p "$tmp/long/src/base"
{ echo 'int long_file(void) {'; i=0; while [ $i -lt 901 ]; do echo '    ;'; i=$((i + 1)); done; echo '    return 0; }'; } \
    >"$tmp/long/src/base/long.c"
tree long && expect_failure long "a file too long to read in one pass" "over 900"

echo "$((5 + 1 - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
