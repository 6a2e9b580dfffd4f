#!/bin/sh
# Make a bootable GRUB ISO holding the Corral kernel (and optionally an initramfs).
#
#   sh scripts/mkiso.sh KERNEL OUT_ISO [CMDLINE [INITRD]]
#
# GRUB talks on the first serial port and boots the one entry at once, so the whole boot is
# visible on QEMU's serial console.  The kernel is loaded with `multiboot2` and the initramfs,
# when given, with `module2 ... initramfs`.  Only the GRUB modules this boot needs, and no
# fonts, themes or translations, go into the image: it stays under 1 MB and builds quickly.
#
# The menu is not hidden with `timeout_style=hidden`: with that setting GRUB waits about three
# seconds for a key before booting, even with `timeout=0`.
set -eu

if [ $# -lt 2 ] || [ $# -gt 4 ]; then
	echo "usage: sh scripts/mkiso.sh KERNEL OUT_ISO [CMDLINE [INITRD]]" >&2
	exit 2
fi
kernel=$1
out=$2
cmdline=${3:-}
initrd=${4:-}

work=$(mktemp -d -t corral-iso.XXXXXX)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
root=$work/root

mkdir -p "$root/boot/grub"
cp "$kernel" "$root/boot/corral.elf"
module_line=
if [ -n "$initrd" ]; then
	cp "$initrd" "$root/boot/initramfs.cpio"
	module_line="module2 /boot/initramfs.cpio initramfs"
fi

cat > "$root/boot/grub/grub.cfg" <<CFG
serial --unit=0 --speed=115200
terminal_input serial
terminal_output serial
set timeout=0

menuentry "Corral" {
	multiboot2 /boot/corral.elf $cmdline
	$module_line
	boot
}
CFG

# grub-mkrescue is chatty on stderr even when all goes well: show its output only on failure.
if ! grub-mkrescue -o "$out" \
	--install-modules="multiboot2 normal serial terminal boot echo test configfile" \
	--locales= --fonts= --themes= \
	"$root" > "$work/log" 2>&1; then
	cat "$work/log" >&2
	echo "mkiso: grub-mkrescue failed" >&2
	exit 1
fi
