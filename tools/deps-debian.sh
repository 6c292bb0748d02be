#!/bin/sh
# deps-debian.sh — installs the Debian packages needed to build and test ondes.
# Quiet and quick when everything is already there; apt-get update runs once,
# and only when a package is missing.  Non-interactive (works in CI, no stdin).
set -eu

PACKAGES="build-essential autoconf automake libtool pkg-config
libsndfile1-dev libjack-jackd2-dev liblo-dev
csound python3 python3-numpy python3-soundfile sox valgrind
jackd2 liblo-tools python3-liblo
clang libclang-rt-14-dev"

missing=""
for p in $PACKAGES; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
        *" installed") ;;
        *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "deps-debian.sh: apt-get not found; install by hand:$missing" >&2
    exit 1
fi

# Root runs apt-get directly; anyone else goes through sudo if it exists.
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "deps-debian.sh: not root and no sudo; as root run: apt-get install$missing" >&2
    exit 1
fi

echo "deps-debian.sh: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null
# shellcheck disable=SC2086  # the list is meant to split
# Recommends stay on: csound's (csound-plugins, csound-utils) match the
# developers' machines, so references render the same everywhere.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    -o Dpkg::Use-Pty=0 $missing </dev/null
