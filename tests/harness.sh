# harness.sh — what the shell test harnesses share: where the source tree and the
# ondes binary are, and a Python with numpy and soundfile.  Sourced by bash; keeps
# ONDES, PYTHON and srcdir as make check sets them, with defaults for use by hand.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
srcdir=${srcdir:-$(dirname "$here")}
case $srcdir in /*) ;; *) srcdir=$(cd "$srcdir" && pwd) ;; esac
if [ -z "${ONDES:-}" ]; then
    if [ -x ./ondes ]; then ONDES=$PWD/ondes; else ONDES=$srcdir/ondes; fi
fi
if [ -z "${PYTHON:-}" ]; then
    PYTHON=python3
    "$PYTHON" -c 'import numpy, soundfile' 2>/dev/null || PYTHON=/usr/bin/python3
fi
