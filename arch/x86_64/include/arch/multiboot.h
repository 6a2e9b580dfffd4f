/*
 * The parts of the multiboot 1 and 2 specifications that Corral uses: header magic numbers,
 * and the layout of the information the boot loader hands to the kernel.  Both are turned into
 * one struct boot_info by arch/x86_64/bootinfo.c.
 */
#ifndef ARCH_MULTIBOOT_H
#define ARCH_MULTIBOOT_H

#define MB1_HEADER_MAGIC	0x1BADB002
#define MB1_BOOT_MAGIC		0x2BADB002 /* in %eax when a multiboot1 loader jumps to us */
#define MB1_FLAG_ALIGN_MODULES	(1 << 0)
#define MB1_FLAG_MEMORY_INFO	(1 << 1)
#define MB1_FLAG_ADDRESS_FIELDS (1 << 16)

#define MB2_HEADER_MAGIC	    0xE85250D6
#define MB2_BOOT_MAGIC		    0x36D76289
#define MB2_ARCH_I386		    0
#define MB2_HEADER_TAG_END	    0
#define MB2_HEADER_TAG_ENTRY	    3
#define MB2_HEADER_TAG_MODULE_ALIGN 6

#ifndef __ASSEMBLY__
#include <stdint.h>

/* Multiboot1 information structure (only the fields Corral reads). */
#define MB1_INFO_MEMORY	 (1 << 0)
#define MB1_INFO_CMDLINE (1 << 2)
#define MB1_INFO_MODULES (1 << 3)
#define MB1_INFO_MMAP	 (1 << 6)

struct mb1_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper; /* KiB below 1 MiB and above 1 MiB */
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
} __attribute__((packed));

struct mb1_module {
	uint32_t start, end, string, reserved;
} __attribute__((packed));

/* Each entry is preceded by its size, which does not count the size field itself. */
struct mb1_mmap_entry {
	uint32_t size;
	uint64_t addr, len;
	uint32_t type;
} __attribute__((packed));

/* Multiboot2: a fixed header, then 8-byte aligned tags up to an end tag. */
#define MB2_TAG_END	 0
#define MB2_TAG_CMDLINE	 1
#define MB2_TAG_MODULE	 3
#define MB2_TAG_MMAP	 6
#define MB2_TAG_ACPI_OLD 14
#define MB2_TAG_ACPI_NEW 15

struct mb2_info {
	uint32_t total_size, reserved;
};

struct mb2_tag {
	uint32_t type, size;
};

struct mb2_tag_string { /* cmdline */
	uint32_t type, size;
	char string[];
};

struct mb2_tag_module {
	uint32_t type, size;
	uint32_t start, end;
	char string[];
};

struct mb2_tag_mmap {
	uint32_t type, size;
	uint32_t entry_size, entry_version;
};

struct mb2_mmap_entry {
	uint64_t addr, len;
	uint32_t type, reserved;
};

struct mb2_tag_acpi {
	uint32_t type, size;
	uint8_t rsdp[];
};

/* Memory map entry types, the same in both versions. */
#define MB_MEMORY_AVAILABLE	   1
#define MB_MEMORY_ACPI_RECLAIMABLE 3
#endif

#endif
