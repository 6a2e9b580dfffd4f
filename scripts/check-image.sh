#!/bin/sh
# Check the linked kernel before it becomes build/corral.elf:
#
#   sh scripts/check-image.sh PASS1.elf FINAL.elf
#
#  1. every function is at the same address in both links, so the symbol table made from the
#     first link (scripts/ksyms.awk) is right for the second;
#  2. the loadable segments lie in the file exactly as in memory (offset and physical address
#     advance together), since QEMU's -kernel copies the file from the multiboot1 header on
#     as one block;
#  3. the multiboot1 header is in the first 8 KiB of the file and the multiboot2 header in
#     the first 32 KiB (each 4- or 8-byte aligned with a valid checksum), as the
#     specifications require, and the multiboot1 address fields agree with the file;
#  4. the hot path (__hotpath, between __hot_start and __hot_end) lies on at most HOT_PAGES
#     pages (3; the environment may set another, as the build's host test does): marking
#     more functions hot than fit would give away what keeping them together gains
#     (include/lib/compiler.h).
# Exits 1 with a message naming the problem, 0 when all is well.
set -eu

if [ $# -ne 2 ]; then
	echo "usage: $0 PASS1.elf FINAL.elf" >&2
	exit 2
fi
pass1=$1
final=$2

fail() {
	echo "check-image: $final: $*" >&2
	exit 1
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- 1. functions do not move between the links ----
text_symbols() {
	nm -n "$1" | awk 'NF == 3 && ($2 == "t" || $2 == "T") { print $1, $3 }'
}
text_symbols "$pass1" >"$tmp/pass1.syms"
text_symbols "$final" >"$tmp/final.syms"
if ! cmp -s "$tmp/pass1.syms" "$tmp/final.syms"; then
	echo "check-image: functions moved between the two links; first differences:" >&2
	diff "$tmp/pass1.syms" "$tmp/final.syms" | head -n 10 >&2
	fail "the symbol table would name the wrong functions"
fi

# ---- 2. PT_LOAD segments are laid out flat ----
# readelf -lW: "LOAD offset virtaddr physaddr filesiz memsiz flags align"
readelf -lW "$final" | awk '$1 == "LOAD" { print $2, $4 }' >"$tmp/loads"
[ -s "$tmp/loads" ] || fail "no PT_LOAD segments"
first_offset=
first_paddr=
while read -r offset paddr; do
	if [ -z "$first_offset" ]; then
		first_offset=$((offset))
		first_paddr=$((paddr))
		continue
	fi
	if [ $((offset - first_offset)) -ne $((paddr - first_paddr)) ]; then
		fail "PT_LOAD at physical $paddr is at file offset $offset, not laid out" \
			"as in memory (the first PT_LOAD: offset $(printf '%#x' "$first_offset")," \
			"physical $(printf '%#x' "$first_paddr"))"
	fi
done <"$tmp/loads"

# ---- 3. multiboot headers ----
# Search the first LIMIT bytes of FILE for a header: MAGIC at a multiple of ALIGN, and the
# first WORDS 32-bit words summing to zero (the checksum).  Print its file offset and its
# fourth and fifth words (multiboot1's header_addr and load_addr); nothing if there is none.
find_header() { # find_header FILE MAGIC ALIGN WORDS LIMIT
	od -A d -t x4 -v -N "$5" "$1" | awk -v magic="$2" -v align="$3" -v words="$4" '
		function hex(s,   i, v) {
			v = 0
			for (i = 1; i <= length(s); i++)
				v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
			return v
		}
		{
			for (i = 2; i <= NF; i++)
				word[$1 / 4 + i - 2] = $i
			count = $1 / 4 + NF - 1
		}
		END {
			for (w = 0; w < count; w++) {
				if (word[w] != magic || (w * 4) % align != 0)
					continue
				sum = 0
				for (k = 0; k < words; k++)
					sum += hex(word[w + k])
				if (sum % 4294967296 == 0) {
					print w * 4, hex(word[w + 3]), hex(word[w + 4])
					exit
				}
			}
		}'
}

mb1=$(find_header "$final" 1badb002 4 3 8192)
[ -n "$mb1" ] || fail "no valid multiboot1 header in the first 8192 bytes"
mb2=$(find_header "$final" e85250d6 8 4 32768)
[ -n "$mb2" ] || fail "no valid multiboot2 header in the first 32768 bytes"

# The multiboot1 address fields: the loader reads the file from
# header offset - (header_addr - load_addr), and that must be where load_addr's byte is.
set -- $mb1
mb1_offset=$1
header_addr=$2
load_addr=$3
expected=$((first_offset + load_addr - first_paddr))
if [ $((mb1_offset - (header_addr - load_addr))) -ne "$expected" ]; then
	fail "multiboot1 header at file offset $mb1_offset says header_addr" \
		"$(printf '%#x' "$header_addr") load_addr $(printf '%#x' "$load_addr")," \
		"which does not match the segments"
fi

# ---- 4. the hot path stays small ----
HOT_PAGES=${HOT_PAGES:-3}
# symbol FILE NAME: the low 32 bits of its address, in decimal (sh's arithmetic is signed)
symbol() {
	nm "$1" | awk -v name="$2" '$3 == name { print substr($1, length($1) - 7) }' | {
		read -r hex || exit 0
		echo $((0x$hex))
	}
}
hot_start=$(symbol "$final" __hot_start)
hot_end=$(symbol "$final" __hot_end)
[ -n "$hot_start" ] && [ -n "$hot_end" ] || fail "no __hot_start or __hot_end (linker.ld)"
if [ "$hot_end" -gt "$hot_start" ]; then
	hot_pages=$(((hot_end - 1) / 4096 - hot_start / 4096 + 1))
	if [ "$hot_pages" -gt "$HOT_PAGES" ]; then
		fail "the hot path (.text.hot, $((hot_end - hot_start)) bytes) spans $hot_pages pages," \
			"more than $HOT_PAGES: mark fewer functions __hotpath"
	fi
fi
exit 0
