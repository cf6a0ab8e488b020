#!/usr/bin/env bash
# Installs the Debian 12 packages symscore needs, and only those that are missing, so it is
# safe to run again. Without a variable: what building and running the app needs (README's
# first command, scripts/run.sh); each SYMSCORE_* variable below adds what one more task needs.
# Needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev libqcustomplot-dev libtbb-dev libeigen3-dev libgl-dev
  ffmpeg  # File > Export animation and --animation pipe raw frames to it; tests check with ffprobe
)
if [ "${SYMSCORE_TEST:-0}" = 1 ]; then  # scripts/test.sh: the house style, and the references
  packages+=(clang-format)              # that tst_wasserstein compares exact W1 with (POT,
  packages+=(python3 python3-numpy python3-scipy python3-pot)  # SciPy)
fi
if [ "${SYMSCORE_BENCH:-0}" = 1 ]; then
  packages+=(python3-torch libopenblas0-pthread)
fi
if [ "${SYMSCORE_PACKAGE:-0}" = 1 ]; then  # scripts/package.sh: CPack's DEB generator (with
  packages+=(dpkg-dev file debootstrap)     # dpkg-shlibdeps); package_selftest.sh: debootstrap
fi
if [ "${SYMSCORE_FUZZ:-0}" = 1 ]; then  # scripts/fuzz.sh: clang with libFuzzer's runtime
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "symscore setup: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
