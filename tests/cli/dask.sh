#!/bin/sh
# dask.sh: the Dask example (examples/dask/pacta_dask.py) against
# single-process batches, when python3-distributed is installed for
# /usr/bin/python3 (tests/cli/dask_check.py says what is checked).
#
#   PACTA="build/pacta" sh tests/cli/dask.sh        (from the repository root)
here=$(cd "$(dirname "$0")" && pwd)
if ! /usr/bin/python3 -c 'import dask.distributed' 2>/dev/null; then
    echo "ok - # SKIP the Dask example: python3-distributed is not installed"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pacta-dask.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
# the workers run pacta itself: a RUNNER (valgrind) prefix stays out of it
/usr/bin/python3 "$here/dask_check.py" "${PACTA##* }" "$tmp"
