/*
 * Tests of the boot information parser (arch/x86_64/bootinfo.c), fed hand-made multiboot
 * information blocks.  The blocks live in the kernel image, so they are below 1 GiB like a
 * loader's.
 */
#include <kernel/bootinfo.h>
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <lib/compiler.h>
#include <lib/string.h>
#include <arch/memlayout.h>
#include <arch/multiboot.h>

static uint8_t info_block[1024] __aligned(8);
static size_t info_len;
static struct boot_info parsed; /* too big for a test's stack */

struct expected_range {
	uint64_t start, end;
	bool usable;
};

/* ---- building a multiboot2 block ---- */

static void *mb2_add_tag(uint32_t type, uint32_t size)
{
	struct mb2_tag *tag = (struct mb2_tag *)(info_block + info_len);

	tag->type = type;
	tag->size = size;
	info_len += ALIGN_UP(size, 8);
	return tag;
}

static void mb2_begin(void)
{
	memset(info_block, 0, sizeof(info_block));
	info_len = sizeof(struct mb2_info);
}

static void mb2_end(void)
{
	mb2_add_tag(MB2_TAG_END, sizeof(struct mb2_tag));
	((struct mb2_info *)info_block)->total_size = (uint32_t)info_len;
}

static void mb2_add_mmap(const struct mb2_mmap_entry *entries, size_t n)
{
	struct mb2_tag_mmap *tag = mb2_add_tag(MB2_TAG_MMAP, sizeof(*tag) + n * sizeof(*entries));

	tag->entry_size = sizeof(*entries);
	memcpy(tag + 1, entries, n * sizeof(*entries));
}

static void mb2_add_string(uint32_t type, const char *s)
{
	struct mb2_tag_string *tag = mb2_add_tag(type, sizeof(*tag) + strlen(s) + 1);

	memcpy(tag->string, s, strlen(s) + 1);
}

static void mb2_add_module(uint32_t start, uint32_t end, const char *name)
{
	struct mb2_tag_module *tag = mb2_add_tag(MB2_TAG_MODULE, sizeof(*tag) + strlen(name) + 1);

	tag->start = start;
	tag->end = end;
	memcpy(tag->string, name, strlen(name) + 1);
}

static void mb2_add_rsdp(uint32_t type, uint8_t revision)
{
	struct mb2_tag_acpi *tag = mb2_add_tag(type, sizeof(*tag) + 36);

	memcpy(tag->rsdp, "RSD PTR ", 8);
	tag->rsdp[15] = revision;
}

static int parse_block(uint32_t magic)
{
	return bootinfo_parse(magic, virt_to_phys(info_block), &parsed);
}

static bool ranges_are(const struct expected_range *expected, int n)
{
	if (parsed.nranges != n)
		return false;
	for (int i = 0; i < n; i++)
		if (parsed.ranges[i].start != expected[i].start ||
		    parsed.ranges[i].end != expected[i].end ||
		    parsed.ranges[i].usable != expected[i].usable)
			return false;
	return true;
}

/* ---- the tests ---- */

KTEST(bootinfo_map_cleaned,
      "bootinfo: the memory map is sorted, page-aligned, merged, and reserved wins")
{
	static const struct mb2_mmap_entry entries[] = {
		{ 0x100000, 0x700000, MB_MEMORY_AVAILABLE, 0 },
		{ 0x0, 0x9fc00, MB_MEMORY_AVAILABLE, 0 },
		{ 0x9fc00, 0x400, 2, 0 },
		{ 0x800000, 0x800000, MB_MEMORY_AVAILABLE, 0 }, /* touches the first: merged */
		{ 0x400000, 0x1000, 2, 0 },			/* inside usable: splits it */
		{ 0x700800, 0x200000, MB_MEMORY_AVAILABLE, 0 }, /* overlaps two usable ones */
		{ 0xf00000, 0x200000, MB_MEMORY_ACPI_RECLAIMABLE, 0 },
	};
	static const struct expected_range expected[] = {
		{ 0x0, 0x9f000, true },	      { 0x9f000, 0xa0000, false },
		{ 0x100000, 0x400000, true }, { 0x400000, 0x401000, false },
		{ 0x401000, 0xf00000, true }, { 0xf00000, 0x1100000, false },
	};

	mb2_begin();
	mb2_add_mmap(entries, ARRAY_SIZE(entries));
	mb2_end();
	KTEST_ASSERT(parse_block(MB2_BOOT_MAGIC) == 0);
	KTEST_EXPECT(parsed.multiboot_version == 2);
	KTEST_EXPECT(ranges_are(expected, ARRAY_SIZE(expected)));
}

KTEST(bootinfo_mb2_tags_copied,
      "bootinfo: multiboot2 command line, module and ACPI 2.0 RSDP are copied")
{
	mb2_begin();
	mb2_add_string(MB2_TAG_CMDLINE, "init=/bin/sh ktest");
	mb2_add_module(0x200000, 0x280000, "initramfs");
	mb2_add_rsdp(MB2_TAG_ACPI_NEW, 2);
	mb2_add_rsdp(MB2_TAG_ACPI_OLD, 0); /* must not replace the 2.0 one */
	mb2_end();
	KTEST_ASSERT(parse_block(MB2_BOOT_MAGIC) == 0);
	KTEST_EXPECT(strcmp(parsed.cmdline, "init=/bin/sh ktest") == 0);
	KTEST_ASSERT(parsed.nmodules == 1);
	KTEST_EXPECT(parsed.modules[0].start == 0x200000 && parsed.modules[0].end == 0x280000);
	KTEST_EXPECT(strcmp(parsed.modules[0].name, "initramfs") == 0);
	KTEST_EXPECT(memcmp(parsed.rsdp_copy, "RSD PTR ", 8) == 0);
	KTEST_EXPECT(parsed.rsdp_copy[15] == 2);
	KTEST_EXPECT(parsed.rsdp_phys == virt_to_phys(parsed.rsdp_copy));
}

KTEST(bootinfo_mb1_map_and_cmdline,
      "bootinfo: a multiboot1 map and command line (less the file name) are read")
{
	static const char cmdline[] = "/boot/corral.elf  quiet";
	struct mb1_info *mb = (struct mb1_info *)info_block;
	struct mb1_mmap_entry *map = (struct mb1_mmap_entry *)(info_block + 128);
	static const struct expected_range expected[] = {
		{ 0x0, 0x9f000, true },
		{ 0x100000, 0x2000000, true },
	};

	memset(info_block, 0, sizeof(info_block));
	map[0] = (struct mb1_mmap_entry){ 20, 0x100000, 0x1f00000, MB_MEMORY_AVAILABLE };
	map[1] = (struct mb1_mmap_entry){ 20, 0x0, 0x9fc00, MB_MEMORY_AVAILABLE };
	mb->flags = MB1_INFO_MMAP | MB1_INFO_CMDLINE;
	mb->mmap_addr = (uint32_t)virt_to_phys(map);
	mb->mmap_length = 2 * sizeof(*map);
	mb->cmdline = (uint32_t)virt_to_phys(cmdline);
	KTEST_ASSERT(parse_block(MB1_BOOT_MAGIC) == 0);
	KTEST_EXPECT(parsed.multiboot_version == 1);
	KTEST_EXPECT(strcmp(parsed.cmdline, "quiet") == 0);
	KTEST_EXPECT(ranges_are(expected, ARRAY_SIZE(expected)));
}

KTEST(bootinfo_mb1_memory_sizes, "bootinfo: without a map, multiboot1 mem_lower/upper are used")
{
	struct mb1_info *mb = (struct mb1_info *)info_block;
	static const struct expected_range expected[] = {
		{ 0x0, 0x9f000, true },
		{ 0x9f000, 0x100000, false },
		{ 0x100000, 0x1000000, true },
	};

	memset(info_block, 0, sizeof(info_block));
	mb->flags = MB1_INFO_MEMORY;
	mb->mem_lower = 639;
	mb->mem_upper = 15 * 1024;
	KTEST_ASSERT(parse_block(MB1_BOOT_MAGIC) == 0);
	KTEST_EXPECT(ranges_are(expected, ARRAY_SIZE(expected)));
}

KTEST(bootinfo_bad_magic, "bootinfo: a magic number of neither multiboot is -EINVAL")
{
	KTEST_EXPECT(parse_block(0x12345678) == -EINVAL);
}
