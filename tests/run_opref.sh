#!/usr/bin/env bash
# run_opref.sh — doc/opcodes.md must be what tools/opref makes from the descriptor tables now.
set -u
. "$(dirname "$0")/harness.sh"
OPREF=${OPREF:-$PWD/tools/opref}
passed=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if "$OPREF" "$srcdir/tests/diff" "$srcdir/tests/print" >"$tmp/opcodes.md" && diff -u "$srcdir/doc/opcodes.md" "$tmp/opcodes.md" >"$tmp/diff"; then
    echo "PASS opcodes-doc"
    passed=$((passed + 1))
else
    echo "FAIL opcodes-doc: doc/opcodes.md is stale; run make opcodes-doc"
    head -40 "$tmp/diff"
    failed=$((failed + 1))
fi
# every family file in src/opcodes registers itself, so none is left out of the index
for f in "$srcdir"/src/opcodes/*.c; do
    case $(basename "$f") in registry.c) continue ;; esac
    if grep -q '^OP_FAMILY(' "$f"; then
        passed=$((passed + 1))
    else
        echo "FAIL $(basename "$f") has no OP_FAMILY line: its opcodes are not registered"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
