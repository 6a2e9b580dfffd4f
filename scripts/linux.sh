#!/bin/sh
# Fetch what `make bench-linux` boots: Debian 12's Linux 6.1 cloud kernel and a static busybox,
# once, into a cache outside the checkout.
#
#   sh scripts/linux.sh          fetch them unless the cache has them; print their directory
#   sh scripts/linux.sh --path   print the directory only, fetch nothing
#
# The directory holds vmlinuz (the kernel), config (its configuration), busybox (the shell
# and commands of the image's /init) and VERSION (the two packages and their versions).  It
# lives under
#     ${CORRAL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/corral}/linux-KERNEL-VERSION
# beside newlib's (scripts/newlib.sh).  The kernel is the one Debian's meta-package
# linux-image-cloud-amd64 depends on today, so a security update of Debian 12 gives a new
# directory.  The cloud flavour is small and has what the benchmarks need built in: cgroup
# v1 with named hierarchies (CONFIG_CGROUPS), the 8250 serial console, an initramfs, tmpfs.
# Packages come from Debian's archive through apt-get download and are unpacked with dpkg -x,
# so neither is installed on this machine; the work happens in a temporary directory renamed
# into place at the end, and a lock file keeps two fetches from running at once.
set -eu

META=linux-image-cloud-amd64
BUSYBOX=busybox-static

log() {
	echo "linux: $*" >&2
}

die() {
	log "$*"
	exit 1
}

for tool in apt-cache apt-get dpkg; do
	command -v $tool >/dev/null 2>&1 || die "$tool is missing: this needs Debian's apt and dpkg"
done

# The kernel package the meta-package depends on, e.g. linux-image-6.1.0-57-cloud-amd64.
kernel_package() {
	apt-cache depends "$META" 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-cloud-amd64\)$/\1/p' | head -n 1
}

# A package's version as apt would download it.
candidate() {
	apt-cache policy "$1" | sed -n 's/^ *Candidate: //p'
}

kernel=$(kernel_package)
if [ -z "$kernel" ] && [ "$(id -u)" = 0 ]; then
	log "apt knows no $META; updating its lists"
	apt-get update -qq
	kernel=$(kernel_package)
fi
[ -n "$kernel" ] || die "apt knows no $META (run: sudo apt-get update)"
kernel_version=$(candidate "$kernel")
busybox_version=$(candidate "$BUSYBOX")

cache_root=${CORRAL_CACHE:-${XDG_CACHE_HOME:-${HOME:?set CORRAL_CACHE or HOME}/.cache}/corral}
dest=$cache_root/linux-${kernel#linux-image-}-$kernel_version

if [ "${1:-}" = --path ]; then
	echo "$dest"
	exit 0
fi
[ $# -eq 0 ] || die "usage: sh scripts/linux.sh [--path]"

# Download the two packages into $work and take from them the files the image needs.
fetch() {
	log "fetching $kernel $kernel_version and $BUSYBOX $busybox_version into $dest"
	# apt-get download writes into the current directory, as the user _apt if run by root;
	# _apt may not be able to reach a cache under root's home, so root downloads as root.
	sandbox=""
	if [ "$(id -u)" = 0 ]; then
		sandbox="-o APT::Sandbox::User=root"
	fi
	# shellcheck disable=SC2086
	(cd "$work" && apt-get download -q $sandbox "$kernel=$kernel_version" \
		"$BUSYBOX=$busybox_version") >&2 || die "apt-get download failed"
	for deb in "$work"/*.deb; do
		dpkg -x "$deb" "$work/root"
	done
	mkdir "$work/out"
	cp "$work/root/boot/vmlinuz-${kernel#linux-image-}" "$work/out/vmlinuz"
	cp "$work/root/boot/config-${kernel#linux-image-}" "$work/out/config"
	cp "$work/root/bin/busybox" "$work/out/busybox"
	printf '%s %s\n%s %s\n' "$kernel" "$kernel_version" "$BUSYBOX" "$busybox_version" \
		> "$work/out/VERSION"
	if ! mv -T "$work/out" "$dest" 2>/dev/null && [ ! -d "$dest" ]; then
		die "could not move the files to $dest"
	fi
	log "done"
}

mkdir -p "$cache_root"
if [ ! -d "$dest" ]; then
	if command -v flock >/dev/null 2>&1; then
		exec 9> "$cache_root/linux.lock"
		flock 9
	fi
	if [ ! -d "$dest" ]; then
		work=$(mktemp -d "$cache_root/.linux-fetch.XXXXXX")
		trap 'rm -rf "$work"' EXIT
		trap 'exit 130' INT TERM
		fetch
	fi
fi
echo "$dest"
