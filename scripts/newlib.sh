#!/bin/sh
# Build newlib, the C library of Corral's user programs, once, into a cache outside the checkout.
#
#   sh scripts/newlib.sh          build it unless the cache has it; print its directory
#   sh scripts/newlib.sh --path   print the directory only, build nothing
#
# The directory holds include/ (newlib's headers, with Corral's from user/newlib/ in place of
# newlib's own) and lib/ (libc.a, libm.a).  It lives under
#     ${CORRAL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/corral}/newlib-VERSION-KEY
# where KEY is a hash of everything the build depends on: the Debian package version, this
# script (which holds the flags), the headers in user/newlib/ and the compiler's version.  A
# clean clone or a CI run with the same cache directory reuses it; a change to any input gives
# a new directory, built automatically.  The build runs in a temporary directory beside the
# final one and is renamed into place at the end, so an interrupted build leaves no half cache;
# a lock file keeps two builds from running at once.
#
# The source is Debian's newlib-source package, pinned below (installed with apt-get when
# missing and running as root).  The compiler is the host's gcc, for the target x86_64-elf:
# newlib only, no libgloss, no multilibs.  What the flags do:
#   --disable-newlib-supplied-syscalls  the system calls come from user/lib, not from newlib
#   --enable-newlib-io-long-long        printf %lld
#   --enable-newlib-io-c99-formats      printf %zu %jd %td (without it, %zu prints "zu")
#   -DSIGNAL_PROVIDED                   drop newlib's user-space signal emulation: raise() then
#                                       calls kill(getpid(), sig), and signal() comes from user/lib;
#                                       both go through the kernel
#   -nostdinc -isystem GCC-INCLUDE      never see the host's glibc headers
#   -fno-pie -fno-stack-protector       static programs at a fixed address, no canary (it would
#                                       need thread-local storage)
#   -ffunction-sections -fdata-sections programs link with --gc-sections and keep only what
#                                       they use
set -eu

NEWLIB_VERSION=3.3.0
NEWLIB_DEB_VERSION=3.3.0-1.3+deb12u1
NEWLIB_TARBALL=/usr/src/newlib/newlib-$NEWLIB_VERSION.tar.xz

TARGET=x86_64-elf
GCC=gcc
GCC_INCLUDE=$($GCC -print-file-name=include)
TARGET_CFLAGS="-O2 -g -fno-pie -fno-stack-protector -ffunction-sections -fdata-sections \
-nostdinc -isystem $GCC_INCLUDE -DSIGNAL_PROVIDED"
CONFIGURE_FLAGS="--target=$TARGET --disable-multilib --disable-nls \
--disable-newlib-supplied-syscalls --enable-newlib-io-long-long --enable-newlib-io-c99-formats"

repo=$(cd "$(dirname "$0")/.." && pwd)
headers=$repo/user/newlib

log() {
	echo "newlib: $*" >&2
}

die() {
	log "$*"
	exit 1
}

# The cache key: a hash over every input of the build.
cache_key() {
	{
		echo "$NEWLIB_DEB_VERSION"
		echo "$TARGET_CFLAGS"
		echo "$CONFIGURE_FLAGS"
		$GCC -dumpmachine
		$GCC -dumpfullversion
		cat "$repo/scripts/newlib.sh"
		(cd "$headers" && find . -name '*.h' | LC_ALL=C sort | while read -r f; do
			echo "== $f"
			cat "$f"
		done)
	} | sha256sum | cut -c1-16
}

cache_root=${CORRAL_CACHE:-${XDG_CACHE_HOME:-${HOME:?set CORRAL_CACHE or HOME}/.cache}/corral}
dest=$cache_root/newlib-$NEWLIB_VERSION-$(cache_key)

if [ "${1:-}" = --path ]; then
	echo "$dest"
	exit 0
fi
[ $# -eq 0 ] || die "usage: sh scripts/newlib.sh [--path]"

# Make sure the pinned newlib-source package is installed.
check_source() {
	installed=$(dpkg-query -W -f '${Version}' newlib-source 2>/dev/null || true)
	if [ -z "$installed" ]; then
		if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
			die "newlib-source is not installed; run: sudo apt-get install -y" \
				"newlib-source=$NEWLIB_DEB_VERSION"
		fi
		log "installing newlib-source $NEWLIB_DEB_VERSION"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq --no-install-recommends "newlib-source=$NEWLIB_DEB_VERSION" ||
			die "could not install newlib-source=$NEWLIB_DEB_VERSION"
		installed=$(dpkg-query -W -f '${Version}' newlib-source)
	fi
	[ "$installed" = "$NEWLIB_DEB_VERSION" ] ||
		die "newlib-source $installed is installed, but Corral is pinned to" \
			"$NEWLIB_DEB_VERSION: install that version, or move the pin in" \
			"scripts/newlib.sh (and check the port against the new newlib)"
	[ -f "$NEWLIB_TARBALL" ] || die "$NEWLIB_TARBALL is missing (reinstall newlib-source)"
}

# Unpack the source and put Corral's headers in newlib's x86_64 machine directory: newlib
# copies machine/*.h and sys/*.h from there over its generic headers, both while it compiles
# and when it installs.  One line of newlib's own is changed: read() and write() return
# ssize_t, as POSIX says (newlib's default is int; its Linux configuration does the same).
unpack() {
	mkdir "$work/src"
	tar -xJf "$NEWLIB_TARBALL" -C "$work/src" --strip-components=1
	config=$work/src/newlib/libc/include/sys/config.h
	sed -i 's/^#define _READ_WRITE_RETURN_TYPE int$/#define _READ_WRITE_RETURN_TYPE _ssize_t/' \
		"$config"
	grep -q '^#define _READ_WRITE_RETURN_TYPE _ssize_t$' "$config" ||
		die "could not set _READ_WRITE_RETURN_TYPE in newlib's sys/config.h"
	machine=$work/src/newlib/libc/machine/x86_64
	for sub in machine sys; do
		mkdir -p "$machine/$sub"
		for h in "$headers/$sub"/*.h; do
			if [ -f "$h" ]; then
				cp "$h" "$machine/$sub/"
			fi
		done
	done
}

compile() {
	mkdir "$work/build"
	cd "$work/build"
	map="-fdebug-prefix-map=$work/src=newlib-$NEWLIB_VERSION -fdebug-prefix-map=$work/build=."
	# shellcheck disable=SC2086
	"$work/src/configure" $CONFIGURE_FLAGS --prefix="$work/prefix" \
		CC_FOR_TARGET="$GCC" AS_FOR_TARGET=as LD_FOR_TARGET=ld AR_FOR_TARGET=ar \
		RANLIB_FOR_TARGET=ranlib NM_FOR_TARGET=nm OBJDUMP_FOR_TARGET=objdump \
		STRIP_FOR_TARGET=strip READELF_FOR_TARGET=readelf \
		CFLAGS_FOR_TARGET="$TARGET_CFLAGS $map"
	make -j"$ncpu" all-target-newlib
	make install-target-newlib
}

# The finished tree: include/ and lib/, and a note of what went into it.
assemble() {
	out=$work/out
	mkdir "$out"
	mv "$work/prefix/$TARGET/include" "$out/include"
	mkdir "$out/lib"
	mv "$work/prefix/$TARGET/lib/libc.a" "$work/prefix/$TARGET/lib/libm.a" "$out/lib/"
	{
		echo "newlib $NEWLIB_VERSION (Debian newlib-source $NEWLIB_DEB_VERSION), built for Corral"
		echo "compiler: $($GCC --version | head -n 1)"
		echo "configure: $CONFIGURE_FLAGS"
		echo "target CFLAGS: $TARGET_CFLAGS"
	} > "$out/BUILD-INFO"
}

build() {
	check_source
	command -v xz >/dev/null 2>&1 || die "xz is missing (apt-get install xz-utils)"
	ncpu=$(nproc 2>/dev/null || echo 2)
	work=$(mktemp -d "$cache_root/.newlib-build.XXXXXX")
	trap 'rm -rf "$work"' EXIT
	trap 'exit 130' INT TERM
	log "building newlib $NEWLIB_VERSION into $dest (a few minutes, once)"
	unpack
	# Not "if ! compile": errexit does not apply inside the condition of an if.
	set +e
	(
		set -e
		compile
	) > "$work/build.log" 2>&1
	status=$?
	set -e
	if [ "$status" != 0 ]; then
		cp "$work/build.log" "$cache_root/newlib-failed.log"
		tail -n 30 "$cache_root/newlib-failed.log" >&2
		die "build failed; the whole log is $cache_root/newlib-failed.log"
	fi
	assemble
	# -T: never move into a directory of that name that appeared meanwhile
	if ! mv -T "$work/out" "$dest" 2>/dev/null && [ ! -d "$dest" ]; then
		die "could not move the build to $dest"
	fi
	log "done"
}

# A make that runs this script must not hand its job server or flags down to newlib's make.
unset MAKEFLAGS MFLAGS MAKELEVEL CFLAGS CPPFLAGS LDFLAGS LIBS || true

mkdir -p "$cache_root"
if [ ! -d "$dest" ]; then
	if command -v flock >/dev/null 2>&1; then
		exec 9> "$cache_root/newlib.lock"
		flock 9
	fi
	# Another build may have finished while this one waited for the lock.
	[ -d "$dest" ] || build
fi
echo "$dest"
