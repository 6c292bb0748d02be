#!/usr/bin/env bash
# run_diff.sh — renders every tests/diff/*.csd with Csound and ondes and compares (difftest.py).
# Environment: ONDES (the binary), PYTHON, srcdir — set by `make check`;
# by hand they default to ./ondes (or the tree's), a python3 with numpy and
# soundfile, and the tree this script is in.
set -u

. "$(dirname "$0")/harness.sh"   # srcdir, ONDES, PYTHON
export ONDES

passed=0
failed=0
shopt -s nullglob
tests=("$srcdir"/tests/diff/*.csd)
if [ ${#tests[@]} -eq 0 ]; then
    echo "run_diff.sh: no tests in $srcdir/tests/diff" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
for csd in "${tests[@]}"; do
    if "$PYTHON" "$srcdir/tests/difftest.py" "$csd" --ondes "$ONDES"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
