#!/usr/bin/env bash
# Builds the Debian package: a release build for x86-64-v3 instead of this machine's CPU
# (preset "package", docs/packaging.md), then `cpack -G DEB`, whose dependencies come from
# dpkg-shlibdeps. Prints the path of build/package/symscore_<version>_<arch>.deb and its size.
set -euo pipefail
cd "$(dirname "$0")/.."
SYMSCORE_PACKAGE=1 bash scripts/setup.sh  # the build tools, plus dpkg-dev and file for CPack
bash scripts/build.sh package
cd build/package
rm -f symscore_*.deb
cpack -G DEB > cpack.log 2>&1 || { cat cpack.log >&2; echo "package.sh: cpack failed (log above)" >&2; exit 1; }
deb="$(ls "$PWD"/symscore_*.deb)"
echo "$deb ($(du -k "$deb" | cut -f1) KiB)"
