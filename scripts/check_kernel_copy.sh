#!/usr/bin/env bash
# check_kernel_copy.sh LIBRARY PATTERN: fails when the library defines a shared (weak) symbol
# whose name does not match PATTERN. A copy of code compiled for another processor must not
# define any: the linker keeps one definition of each weak symbol for the whole program, and
# it could keep this copy's AVX-512 code for callers on processors without AVX-512.
# (DW.ref.__gxx_personality_v0 is the exception-handling personality's address, the same
# data in every object.)
set -euo pipefail
lib=$1
pattern=$2
shared=$(nm -C --defined-only "$lib" | awk '$2 ~ /^[WVu]$/' | grep -v 'DW.ref.__gxx_personality_v0' |
         grep -Ev "$pattern" || true)
if [ -n "$shared" ]; then
    echo "check_kernel_copy: $lib defines shared symbols outside '$pattern':" >&2
    echo "$shared" >&2
    exit 1
fi
