#!/usr/bin/env bash
# Tests the Debian package the way a user installs it (docs/packaging.md): builds it
# (scripts/package.sh), installs it with apt into a clean Debian 12 root, runs
# `symscore-cli run` on an installed preset and the app headless with --screenshot there,
# checks the man pages name every command and option, purges it and checks that nothing is
# left. Prints one summary line; exits non-zero on the first failure, naming the step.
#
# Needs root (debootstrap, chroot, mount) and the Debian archive of /etc/apt. The bare root
# made by debootstrap and the packages apt downloads into it are kept outside the checkout,
# in /var/cache/symscore-selftest (SYMSCORE_SELFTEST_CACHE), as apt keeps its own downloads:
# a second run, from this clone or a fresh one, downloads nothing. Every run installs into a
# fresh copy of that root (build/package-selftest/root).
set -euo pipefail
cd "$(dirname "$0")/.."
here="$PWD"
start=$SECONDS
step="start"
trap 'echo "package_selftest: FAILED while ${step} (after $((SECONDS - start)) s)" >&2' ERR

# Each stage's wall time, for the summary line: stage NAME closes the previous stage.
times=""
stage_name=""
stage_start=$SECONDS
stage() {
    [ -z "$stage_name" ] || times="${times:+$times, }$stage_name $((SECONDS - stage_start)) s"
    stage_name="$1"
    stage_start=$SECONDS
}

if [ "$(id -u)" -ne 0 ]; then
    echo "package_selftest: needs root (debootstrap, chroot and mount); run it as root" >&2
    exit 1
fi

kept="${SYMSCORE_SELFTEST_CACHE:-/var/cache/symscore-selftest}"
base="$kept/debian12-root"        # debootstrap's root, never changed after it is made
cache="$kept/debian12-apt-cache"  # .debs apt downloaded, shared by every run
work="$here/build/package-selftest"
root="$work/root"

# The first URI of the host's Debian archive (deb822 or one-line form).
debian_mirror() {
    local uri
    uri="$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n1)"
    [ -n "$uri" ] || uri="$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list |
        awk '{print $2}' | grep -v security | head -n1)"
    echo "${uri:-http://deb.debian.org/debian}"
}

unmount_all() {
    for m in "$root/var/cache/apt/archives" "$root/proc"; do
        mountpoint -q "$m" 2>/dev/null && umount "$m"
    done
    return 0
}
trap unmount_all EXIT

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

step="building the package"
stage build
mkdir -p build
bash scripts/package.sh > "$work.package.log" 2>&1 || { tail -n 30 "$work.package.log" >&2; false; }
deb="$(tail -n1 "$work.package.log" | cut -d' ' -f1)"
deb_name="$(basename "$deb")"
deb_kib="$(du -k "$deb" | cut -f1)"

step="making the Debian 12 root"
stage debootstrap
made="cached"
mkdir -p "$kept"
if [ ! -e "$base/.symscore-base-complete" ]; then
    rm -rf "$base.partial"
    debootstrap --variant=minbase bookworm "$base.partial" "$(debian_mirror)" > "$work.debootstrap.log" 2>&1 ||
        { tail -n 20 "$work.debootstrap.log" >&2; false; }
    touch "$base.partial/.symscore-base-complete"
    rm -rf "$base"
    mv "$base.partial" "$base"
    made="made"
fi

step="copying the clean root"
unmount_all
rm -rf "$work"
mkdir -p "$work" "$cache/partial"
cp -a "$base" "$root"
# The host's archive configuration (with its updates and security suites) and resolver.
if ls /etc/apt/sources.list.d/*.sources > /dev/null 2>&1 || [ -s /etc/apt/sources.list ]; then
    rm -f "$root/etc/apt/sources.list"
    cp /etc/apt/sources.list.d/*.sources "$root/etc/apt/sources.list.d/" 2> /dev/null || true
    [ -s /etc/apt/sources.list ] && cp /etc/apt/sources.list "$root/etc/apt/"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mount --bind "$cache" "$root/var/cache/apt/archives"
in_root dpkg-query -W -f '${Package}\n' | sort > "$work/packages-before"
# Every file of the root outside scratch space and the package managers' own bookkeeping
# (dpkg, apt and debconf keep -old copies and logs; the package list is compared separately).
snapshot() {
    (cd "$root" && find . -xdev \( -path ./proc -o -path ./tmp -o -path ./root -o -path ./var/log \
        -o -path ./var/cache/apt -o -path ./var/cache/debconf -o -path ./var/lib/apt -o -path ./var/lib/dpkg \) \
        -prune -o -print | sort)
}
snapshot > "$work/files-before"

step="installing $deb_name with apt"
stage install
cp "$deb" "$root/tmp/$deb_name"
in_root apt-get update -qq
# Without Recommends: the dependencies dpkg-shlibdeps declared must be enough on their own.
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "/tmp/$deb_name" \
    > "$work/install.log" 2>&1 || { tail -n 20 "$work/install.log" >&2; false; }
dependencies="$(in_root dpkg-query -W -f '${Package}\n' | sort | comm -13 "$work/packages-before" - | grep -vc '^symscore$' || true)"

step="checking the installed files"
for f in /usr/bin/symscore /usr/bin/symscore-cli /usr/share/applications/symscore.desktop \
    /usr/share/icons/hicolor/scalable/apps/symscore.svg /usr/share/icons/hicolor/256x256/apps/symscore.png \
    /usr/share/man/man1/symscore.1.gz /usr/share/man/man1/symscore-cli.1.gz \
    /usr/share/symscore/presets/c4_four_gaussians.symscore.json /usr/share/doc/symscore/results.md; do
    [ -s "$root$f" ] || { echo "package_selftest: $f is not installed" >&2; false; }
done
# The installed man pages describe every command and option of the installed programs.
cp scripts/check_man_pages.sh "$root/tmp/check_man_pages.sh"
in_root bash /tmp/check_man_pages.sh /usr/bin/symscore-cli /usr/bin/symscore \
    /usr/share/man/man1/symscore-cli.1.gz /usr/share/man/man1/symscore.1.gz >&2

step="running symscore-cli run on the installed C4 preset"
stage run
in_root symscore-cli run /usr/share/symscore/presets/c4_four_gaussians.symscore.json --out /tmp/run \
    > "$work/run.json" 2> "$work/run.log" || { tail -n 20 "$work/run.log" >&2; false; }
grep -q '"w1":[0-9]' "$work/run.json" && [ -s "$root/tmp/run/metrics.json" ] && [ -s "$root/tmp/run/result.png" ]

step="taking a screenshot with the app (offscreen)"
mkdir -p "$root/tmp/home"
in_root env HOME=/tmp/home QT_QPA_PLATFORM=offscreen symscore --train --sample --size 1200x800 \
    --screenshot /tmp/screenshot.png > "$work/screenshot.log" 2>&1 || { tail -n 20 "$work/screenshot.log" >&2; false; }
[ "$(head -c 8 "$root/tmp/screenshot.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
cp "$root/tmp/screenshot.png" "$work/screenshot.png"

step="purging the package"
stage purge
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq --autoremove symscore > "$work/purge.log" 2>&1 ||
    { tail -n 20 "$work/purge.log" >&2; false; }
rm -rf "$root/tmp/run" "$root/tmp/home" "$root/tmp/screenshot.png" "$root/tmp/$deb_name"
in_root dpkg-query -W -f '${Package}\n' | sort > "$work/packages-after"
diff "$work/packages-before" "$work/packages-after" > /dev/null ||
    { echo "package_selftest: packages left after purge: $(comm -13 "$work/packages-before" "$work/packages-after" | tr '\n' ' ')" >&2; false; }
snapshot > "$work/files-after"
left="$(comm -13 "$work/files-before" "$work/files-after")"
[ -z "$left" ] || { echo "package_selftest: files left after purge:" >&2; echo "$left" | head -n 20 >&2; false; }

unmount_all
rm -rf "$root"
stage done
echo "package_selftest: ok: $deb_name ($deb_kib KiB, $dependencies dependencies) installed in a clean Debian 12 root" \
     "(root $made), ran a preset and a screenshot, purged with no file left, in $((SECONDS - start)) s ($times)"
