#!/bin/sh
# One fuzzing campaign: run a harness built by `make fuzz` until it has
# executed RUNS inputs or SECONDS have passed, starting from the kept corpus.
# New inputs go to a scratch corpus; fold them back with -merge (README.md).
#
#   fuzz/campaign.sh HARNESS [RUNS] [SECONDS]
#
# BUILD (default build) says where `make fuzz` put the binaries; WORK
# (default /tmp/pacta-fuzz) holds the scratch corpora.
set -eu
harness=${1:?usage: fuzz/campaign.sh HARNESS [RUNS] [SECONDS]}
runs=${2:-10000000}
seconds=${3:-7200}
build=${BUILD:-build}
work=${WORK:-/tmp/pacta-fuzz}/$harness

case $harness in
    fuzz_indicators) dict=fuzz/indicators.dict ;;
    *)               dict=fuzz/yaml.dict ;;
esac

mkdir -p "$work"
echo "== $harness start $(date -u +%FT%TZ) runs=$runs seconds=$seconds"
"$build/fuzz/$harness" -runs="$runs" -max_total_time="$seconds" \
    -max_len=4096 -rss_limit_mb=2048 -timeout=10 -dict="$dict" \
    -print_final_stats=1 "$work" "tests/corpus/$harness"
echo "== $harness end $(date -u +%FT%TZ)"
