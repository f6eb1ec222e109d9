#!/bin/sh
# curves.sh: the two curves of bench/README.md, for the batch on the wide
# workload (WIDE, outside the tree; see bench/wide.py).
#
#   sh bench/curves.sh [WIDE_DIR]        (from the repository root, after make)
#
# rules:  CPU seconds (user + system) of `pacta check --batch` over 5000
#         scenarios with every rule repeated 1, 10 and 100 times
#         (bench/variants.py), the rulebase's own load (a run over one
#         scenario) taken off, and the ratio to 1x.
# memory: peak RSS of `pacta check --batch -` fed 20k, 200k and 1M scenarios
#         straight from the generator (nothing is stored).
# CPU time rather than wall time, so that other load on the machine does not
# bend the curve. Needs GNU time (/usr/bin/time).
set -eu
wide=${1:-../shared/bench/wide}
pacta=${PACTA:-build/pacta}
work=${WORK:-build/bench/curves}
if [ ! -f "$wide/gen.py" ]; then
    echo "curves.sh: the wide workload is not at $wide: skipped"
    exit 0
fi
mkdir -p "$work"
python3 "$wide/gen.py" 5000 > "$work/w5k.jsonl"
head -1 "$work/w5k.jsonl" > "$work/w1.jsonl"

cpu() { # cpu RULES FILE: user + system seconds of one batch
    /usr/bin/time -f "%U %S" -o "$work/time" "$pacta" check --rules "$1" --batch "$2" \
        > /dev/null 2>&1 || true
    tail -n 1 "$work/time" | awk '{print $1 + $2}'
}

echo "rules (5000 scenarios; CPU seconds without the rulebase's load)"
base=""
for k in 1 10 100; do
    rules=rules
    if [ "$k" != 1 ]; then
        rules=$work/rules-x$k
        [ -d "$rules" ] || python3 bench/variants.py rules "$k" "$rules" > /dev/null
    fi
    total=$(cpu "$rules" "$work/w5k.jsonl")
    load=$(cpu "$rules" "$work/w1.jsonl")
    net=$(echo "$total $load" | awk '{printf "%.2f", $1 - $2}')
    [ -n "$base" ] || base=$net
    echo "$k $net $base" | awk '{printf "  x%-4s %6.2f s   %5.1f times x1\n", $1, $2, $2 / $3}'
done

echo "memory (peak RSS, scenarios streamed from the generator)"
for n in 20000 200000 1000000; do
    python3 "$wide/gen.py" "$n" | /usr/bin/time -f "%M" -o "$work/rss" \
        "$pacta" check --rules rules --batch - > /dev/null 2>&1 || true
    echo "$n $(tail -n 1 "$work/rss")" | awk '{printf "  %8d scenarios: %6.1f MiB\n", $1, $2 / 1024}'
done
