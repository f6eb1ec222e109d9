#!/bin/sh
# Every output pacta prints for the shipped examples and rules, written to
# one file per command into DIR, so that two builds can be compared byte for
# byte (a refactoring must not change a single one):
#
#   sh tests/cli/outputs.sh OLD_PACTA /tmp/old
#   sh tests/cli/outputs.sh build/pacta /tmp/new
#   diff -r /tmp/old /tmp/new
#
# Run from the top of the tree; the exit status of each command is recorded
# beside its output.
set -u
pacta=$1
out=$2
mkdir -p "$out"

run() {
    name=$1; shift
    "$pacta" "$@" >"$out/$name" 2>&1
    echo "exit $?" >>"$out/$name"
}

for f in examples/*.yaml examples/*/*.yaml; do
    [ -f "$f" ] || continue
    key=$(echo "$f" | tr '/' '_')
    run "$key.text" check --rules rules "$f"
    run "$key.all" check --rules rules --all "$f"
    run "$key.json" check --rules rules --format json "$f"
    run "$key.json.explain" check --rules rules --format json --explain "$f"
    run "$key.json.v1" check --rules rules --format json --json-shape v1 "$f"
    run "$key.html" check --rules rules --format html --all "$f"
    run "$key.markdown" check --rules rules --format markdown "$f"
    run "$key.explain" check --rules rules --explain "$f"
    run "$key.oscola" check --rules rules --cite oscola --format json "$f"
    run "$key.counterfactuals" check --rules rules --counterfactuals --explain "$f"
    run "$key.test" test --rules rules "$f"
done
for a in examples/exercises/answers/*.yaml; do
    [ -f "$a" ] || continue
    key=$(echo "$a" | tr '/' '_')
    run "$key.grade" grade --rules rules "$a"
    run "$key.grade.json" grade --rules rules --format json "$a"
done
run assume.text check --rules rules --assume e1.date=2010 --counterfactuals examples/prc-2023-mass-return.yaml
run coverage.text test --rules rules --coverage examples/*.yaml
run coverage.json test --rules rules --coverage --format json examples/*.yaml
run lint.text lint --rules rules
run lint.json lint --rules rules --format json
for s in CN KP US DE VA IT; do
    run "timeline.$s.text" timeline --rules rules "$s"
    run "timeline.$s.json" timeline --rules rules --format json "$s"
    run "timeline.$s.svg" timeline --rules rules --format svg --on 2020-01-01 "$s"
done
for i in refugee-convention cat/art_3__para_1 cat/art_3 iccpr customary; do
    key=$(echo "$i" | tr '/' '_')
    run "show.$key.text" show --rules rules "$i"
    run "show.$key.json" show --rules rules --format json "$i"
done
run batch.jsonl check --rules rules --batch tests/cli/multi.yaml
