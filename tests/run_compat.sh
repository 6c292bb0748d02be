#!/usr/bin/env bash
# run_compat.sh — the compatibility report (tools/compat) over tests/compat:
# fails unless every piece there renders exact or close to Csound.
# Environment: ONDES, PYTHON, srcdir — set by `make check` (tests/harness.sh).
set -u

. "$(dirname "$0")/harness.sh"   # srcdir, ONDES, PYTHON

exec "$PYTHON" "$srcdir/tools/compat" --strict --jobs 2 --timeout 60 --max-duration 30 \
    --ondes "$ONDES" "$srcdir/tests/compat"
