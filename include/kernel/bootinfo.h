/*
 * What the boot loader told us, in one form for both multiboot versions.  kmain() fills it
 * first thing (arch/x86_64/bootinfo.c), copying everything out of the loader's memory, which
 * the page allocator may then reuse.
 */
#ifndef KERNEL_BOOTINFO_H
#define KERNEL_BOOTINFO_H

#include <stdbool.h>
#include <stdint.h>
#include <kernel/cmdline.h>

#define BOOT_MAX_RANGES	 64
#define BOOT_MAX_MODULES 8

struct mem_range {
	uint64_t start, end; /* physical, [start, end) */
	bool usable;	     /* free RAM (type 1); everything else is left alone */
};

struct boot_module {
	uint64_t start, end; /* physical, [start, end) */
	char name[64];	     /* the loader's string for it (e.g. "initramfs") */
};

struct boot_info {
	int multiboot_version; /* 1 or 2 */
	char cmdline[CMDLINE_MAX];
	struct mem_range ranges[BOOT_MAX_RANGES];
	int nranges;
	struct boot_module modules[BOOT_MAX_MODULES];
	int nmodules;
	uint64_t rsdp_phys;    /* physical address of rsdp_copy if multiboot2 gave one, else 0 */
	uint8_t rsdp_copy[36]; /* multiboot2 hands the RSDP by value */
};

/*
 * Parse the loader's information at physical info_phys, given the magic number it left in
 * %eax.  Returns 0, or -EINVAL if the magic is not a multiboot one.  Logs nothing: kmain()
 * logs the map with bootinfo_log() once the command line says how much to show.
 */
int bootinfo_parse(uint32_t magic, uint64_t info_phys, struct boot_info *out);

/* Log the memory map, one line a range, and the "memory: N MiB usable" summary. */
void bootinfo_log(const struct boot_info *info);

extern struct boot_info boot_info;

#endif
