#!/usr/bin/env bash
# The man pages describe everything the programs' --help lists: every command and every
# option of `symscore-cli --help`, every option of `symscore --help`. Run by the test suite
# on the build tree and by package_selftest.sh on the installed package, so an option added
# to a program without its page fails the tests, not only the package.
# usage: check_man_pages.sh SYMSCORE_CLI SYMSCORE CLI_PAGE APP_PAGE   (pages: .1 or .1.gz)
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: $0 SYMSCORE_CLI SYMSCORE CLI_PAGE APP_PAGE" >&2; exit 2; }
cli="$1" app="$2"
# Each page is read once into a variable: `zcat | grep -q` under pipefail fails when grep
# stops reading early. Roff escapes its hyphens (\-); compare plain text.
cli_page="$(zcat -f "$3" | sed 's/\\-/-/g')"
app_page="$(zcat -f "$4" | sed 's/\\-/-/g')"
cli_help="$("$cli" --help 2>&1 || true)"
app_help="$(QT_QPA_PLATFORM=offscreen "$app" --help 2>/dev/null)"
missing=0
for c in $(awk '$1 == "symscore-cli" {print $2}' <<< "$cli_help"); do
    grep -q "^\.[BT][IR]* *$c\b" <<< "$cli_page" ||
        { echo "check_man_pages: symscore-cli.1 does not describe the command $c" >&2; missing=1; }
done
for o in $(grep -oE -- '--[a-z][a-z-]*' <<< "$cli_help" | sort -u); do
    grep -q -- "$o\b" <<< "$cli_page" ||
        { echo "check_man_pages: symscore-cli.1 does not describe $o" >&2; missing=1; }
done
for o in $(grep -oE '^ +(-[a-z], )?--[a-z-]+' <<< "$app_help" | sed 's/.*--/--/'); do
    grep -q -- "$o\b" <<< "$app_page" ||
        { echo "check_man_pages: symscore.1 does not describe $o" >&2; missing=1; }
done
[ "$missing" = 0 ] && echo "check_man_pages: both pages describe every command and option"
exit "$missing"
