#!/bin/sh
# Check that the tools the build and the tests need are installed; on Debian, install the
# missing packages with apt-get when running as root, otherwise print the command and stop.
# Run by make once per build directory (it leaves a stamp file there), before any rule that
# uses a tool.  Arguments name further commands that one target needs, each from the Debian
# package of the same name (make gdb runs `sh scripts/deps.sh gdb`); with --only first, those
# alone (make format runs `sh scripts/deps.sh --only clang-format`).
set -eu

missing=""
need() { # need COMMAND-OR-PATH PACKAGE
	case "$1" in
	/*) [ -e "$1" ] && return 0 ;;
	*) command -v "$1" >/dev/null 2>&1 && return 0 ;;
	esac
	case " $missing " in *" $2 "*) ;; *) missing="$missing $2" ;; esac
}

# What the build and make test need.
need_build_tools() {
	need gcc gcc
	# The C library's startup files and headers: host tests and newlib's configure link host
	# programs (gcc only recommends it).
	need /usr/lib/x86_64-linux-gnu/crt1.o libc6-dev
	need ld binutils
	need readelf binutils
	need awk mawk
	need xz xz-utils
	need strip binutils
	need python3 python3
	# The shell's host tests signal processes with kill(1), not the shell's builtin: a path.
	need /bin/kill procps
	need qemu-system-x86_64 qemu-system-x86
	need /usr/share/qemu/qboot.rom qemu-system-data # the firmware of -kernel boots
	need grub-mkrescue grub-common
	need /usr/lib/grub/i386-pc/multiboot2.mod grub-pc-bin
	need xorriso xorriso
	need mformat mtools
}

# --only: just the commands named after it (make format needs clang-format alone).
if [ "${1:-}" = --only ]; then
	shift
else
	need_build_tools
fi
for tool in "$@"; do
	need "$tool" "$tool"
done

[ -z "$missing" ] && exit 0

echo "deps: missing Debian packages:$missing"
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
	echo "deps: install them with:  sudo apt-get install -y --no-install-recommends$missing"
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
echo "deps: installed$missing"
