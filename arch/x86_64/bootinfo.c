/*
 * Reading what the boot loader left us, multiboot1 or multiboot2, into one struct boot_info.
 *
 * The loader's information lives in memory the page allocator will hand out later, so
 * everything is copied: the command line, the modules' addresses and names, the ACPI RSDP
 * (multiboot2 passes it by value) and the memory map.  It is read through the early direct
 * map, which covers only the first 1 GiB (arch/x86_64/boot.S); information above that stops
 * the boot with a panic that says so.  The modules themselves are not read here, only their
 * addresses, so they may lie anywhere.
 *
 * The memory map is cleaned before anyone uses it: ranges are page-aligned (usable ones shrink
 * inward, the others grow outward), where a usable and a non-usable range overlap the
 * non-usable one wins, and neighbours of the same kind are merged.  The result is sorted and
 * disjoint, and every usable range starts and ends on a page boundary.
 */
#include <kernel/bootinfo.h>
#include <kernel/errno.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <lib/compiler.h>
#include <lib/ctype.h>
#include <lib/string.h>
#include <arch/memlayout.h>
#include <arch/multiboot.h>

#define RAW_RANGES_MAX	128	    /* entries kept from the loader's map before cleaning */
#define PHYS_ADDR_LIMIT (1UL << 52) /* x86_64's widest physical address */
#define LOW_MEMORY_END	0x100000UL  /* 1 MiB: the end of the PC's real-mode memory */

/*
 * The loader's map as given (page-aligned), before cleaning.  Used only while kmain() runs
 * bootinfo_parse() on the boot CPU, before any other CPU or interrupt exists: no lock.
 */
static struct mem_range raw_ranges[RAW_RANGES_MAX];
static int nraw_ranges;
static uint64_t boundaries[2 * RAW_RANGES_MAX];

/* The loader's bytes [phys, phys + len), through the early direct map; panics outside it. */
static const void *loader_data(uint64_t phys, uint64_t len, const char *what)
{
	if (phys >= EARLY_MAP_SIZE || len > EARLY_MAP_SIZE - phys)
		panic("boot: the loader's %s at %#lx (%lu bytes) lies above the first %lu MiB, "
		      "which is all the early page tables map",
		      what, (unsigned long)phys, (unsigned long)len, EARLY_MAP_SIZE >> 20);
	return phys_to_virt(phys);
}

/* Copy a NUL-terminated string of at most max bytes (a loader's string) into dst. */
static void copy_string(char *dst, size_t size, const char *src, size_t max)
{
	size_t len = strnlen(src, max);

	if (len >= size)
		len = size - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* Copy the loader's string at physical address phys (0: none) into dst. */
static void copy_loader_string(char *dst, size_t size, uint64_t phys, const char *what)
{
	const char *src;

	dst[0] = '\0';
	if (phys == 0)
		return;
	src = loader_data(phys, 1, what);
	copy_string(dst, size, src, MIN(size, EARLY_MAP_SIZE - phys));
}

/* Note one entry of the loader's map, page-aligned: usable RAM shrinks, the rest grows. */
static void add_raw_range(uint64_t start, uint64_t len, bool usable)
{
	uint64_t end;

	if (start >= PHYS_ADDR_LIMIT)
		return;
	end = len > PHYS_ADDR_LIMIT - start ? PHYS_ADDR_LIMIT : start + len;
	if (usable) {
		start = ALIGN_UP(start, PAGE_SIZE);
		end = ALIGN_DOWN(end, PAGE_SIZE);
	} else {
		start = ALIGN_DOWN(start, PAGE_SIZE);
		end = ALIGN_UP(end, PAGE_SIZE);
	}
	if (start >= end)
		return;
	if (nraw_ranges == RAW_RANGES_MAX) {
		pr_warn("memory: more than %d map entries; [%#lx-%#lx) ignored\n", RAW_RANGES_MAX,
			(unsigned long)start, (unsigned long)end);
		return;
	}
	raw_ranges[nraw_ranges++] =
	    (struct mem_range){ .start = start, .end = end, .usable = usable };
}

static void add_module(struct boot_info *out, uint64_t start, uint64_t end, const char *name,
		       size_t name_max)
{
	struct boot_module *module;

	if (out->nmodules == BOOT_MAX_MODULES) {
		pr_warn("boot: more than %d modules; [%#lx-%#lx) ignored\n", BOOT_MAX_MODULES,
			(unsigned long)start, (unsigned long)end);
		return;
	}
	module = &out->modules[out->nmodules++];
	module->start = start;
	module->end = end;
	copy_string(module->name, sizeof(module->name), name, name_max);
}

/* ---- cleaning the memory map ---- */

static void sort_u64(uint64_t *v, int n)
{
	for (int i = 1; i < n; i++) {
		uint64_t x = v[i];
		int j = i;

		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* Every start and end of a raw range, sorted, each once; returns how many. */
static int collect_boundaries(void)
{
	int n = 0, unique = 0;

	for (int i = 0; i < nraw_ranges; i++) {
		boundaries[n++] = raw_ranges[i].start;
		boundaries[n++] = raw_ranges[i].end;
	}
	sort_u64(boundaries, n);
	for (int i = 0; i < n; i++)
		if (unique == 0 || boundaries[unique - 1] != boundaries[i])
			boundaries[unique++] = boundaries[i];
	return unique;
}

enum range_kind { RANGE_HOLE, RANGE_USABLE, RANGE_RESERVED };

/* What the raw map says about address addr: a non-usable entry beats a usable one. */
static enum range_kind kind_at(uint64_t addr)
{
	enum range_kind kind = RANGE_HOLE;

	for (int i = 0; i < nraw_ranges; i++) {
		if (addr < raw_ranges[i].start || addr >= raw_ranges[i].end)
			continue;
		if (!raw_ranges[i].usable)
			return RANGE_RESERVED;
		kind = RANGE_USABLE;
	}
	return kind;
}

/* Append [start, end) to the clean map, merged with the last range if they touch. */
static void emit_range(struct boot_info *out, uint64_t start, uint64_t end, bool usable)
{
	struct mem_range *last = out->nranges ? &out->ranges[out->nranges - 1] : NULL;

	if (last && last->usable == usable && last->end == start) {
		last->end = end;
		return;
	}
	if (out->nranges == BOOT_MAX_RANGES) {
		pr_warn("memory: more than %d ranges; [%#lx-%#lx) dropped\n", BOOT_MAX_RANGES,
			(unsigned long)start, (unsigned long)end);
		return;
	}
	out->ranges[out->nranges++] =
	    (struct mem_range){ .start = start, .end = end, .usable = usable };
}

/*
 * Between two neighbouring boundaries nothing changes, so each elementary interval has one
 * kind; walking them in order gives the sorted, disjoint, merged map.
 */
static void clean_memory_map(struct boot_info *out)
{
	int n = collect_boundaries();

	for (int i = 0; i + 1 < n; i++) {
		enum range_kind kind = kind_at(boundaries[i]);

		if (kind != RANGE_HOLE)
			emit_range(out, boundaries[i], boundaries[i + 1], kind == RANGE_USABLE);
	}
}

static void log_memory_map(const struct boot_info *info)
{
	uint64_t usable = 0;

	for (int i = 0; i < info->nranges; i++) {
		const struct mem_range *r = &info->ranges[i];

		pr_info("memory: [0x%016lx-0x%016lx) %s\n", (unsigned long)r->start,
			(unsigned long)r->end, r->usable ? "usable" : "reserved");
		if (r->usable)
			usable += r->end - r->start;
	}
	pr_info("memory: %lu MiB usable (%lu KiB in %d ranges)\n", (unsigned long)(usable >> 20),
		(unsigned long)(usable >> 10), info->nranges);
	for (int i = 0; i < info->nmodules; i++)
		pr_info("module: [0x%016lx-0x%016lx) '%s'\n", (unsigned long)info->modules[i].start,
			(unsigned long)info->modules[i].end, info->modules[i].name);
}

/* ---- multiboot1 ---- */

static void parse_mb1_modules(const struct mb1_info *mb, struct boot_info *out)
{
	const struct mb1_module *modules =
	    loader_data(mb->mods_addr, (uint64_t)mb->mods_count * sizeof(*modules), "module list");

	for (uint32_t i = 0; i < mb->mods_count; i++) {
		char name[sizeof(out->modules[0].name)];

		copy_loader_string(name, sizeof(name), modules[i].string, "module name");
		add_module(out, modules[i].start, modules[i].end, name, sizeof(name));
	}
}

static void parse_mb1_mmap(const struct mb1_info *mb)
{
	const uint8_t *map = loader_data(mb->mmap_addr, mb->mmap_length, "memory map");
	uint32_t offset = 0;

	while (offset + sizeof(struct mb1_mmap_entry) <= mb->mmap_length) {
		const struct mb1_mmap_entry *e = (const void *)(map + offset);

		add_raw_range(e->addr, e->len, e->type == MB_MEMORY_AVAILABLE);
		offset += e->size + sizeof(e->size);
	}
}

/* Without a map, mem_lower and mem_upper give the RAM below 640 KiB and above 1 MiB. */
static void parse_mb1_mem_sizes(const struct mb1_info *mb)
{
	uint64_t lower = MIN((uint64_t)mb->mem_lower << 10, LOW_MEMORY_END);

	add_raw_range(0, lower, true);
	add_raw_range(lower, LOW_MEMORY_END - lower, false);
	add_raw_range(LOW_MEMORY_END, (uint64_t)mb->mem_upper << 10, true);
}

/*
 * Multiboot1 loaders (QEMU's -kernel among them) start the command line with the kernel's
 * file name, which is not a kernel word: drop it.  Multiboot2 loaders pass only the words.
 */
static void drop_kernel_file_name(char *cmdline)
{
	size_t skip = 0;

	while (cmdline[skip] != '\0' && !isspace(cmdline[skip]))
		skip++;
	while (isspace(cmdline[skip]))
		skip++;
	memmove(cmdline, cmdline + skip, strlen(cmdline + skip) + 1);
}

static void parse_mb1(uint64_t info_phys, struct boot_info *out)
{
	const struct mb1_info *mb = loader_data(info_phys, sizeof(*mb), "information");

	out->multiboot_version = 1;
	if (mb->flags & MB1_INFO_CMDLINE) {
		copy_loader_string(out->cmdline, sizeof(out->cmdline), mb->cmdline, "command line");
		drop_kernel_file_name(out->cmdline);
	}
	if (mb->flags & MB1_INFO_MODULES)
		parse_mb1_modules(mb, out);
	if (mb->flags & MB1_INFO_MMAP)
		parse_mb1_mmap(mb);
	else if (mb->flags & MB1_INFO_MEMORY)
		parse_mb1_mem_sizes(mb);
	else
		pr_warn("memory: the boot loader gave no memory information\n");
}

/* ---- multiboot2 ---- */

static void parse_mb2_mmap(const struct mb2_tag_mmap *tag)
{
	const uint8_t *entries = (const uint8_t *)(tag + 1);
	uint32_t len;

	if (tag->size < sizeof(*tag) || tag->entry_size < sizeof(struct mb2_mmap_entry))
		return;
	len = tag->size - sizeof(*tag);
	for (uint32_t offset = 0; offset + tag->entry_size <= len; offset += tag->entry_size) {
		const struct mb2_mmap_entry *e = (const void *)(entries + offset);

		add_raw_range(e->addr, e->len, e->type == MB_MEMORY_AVAILABLE);
	}
}

/*
 * Keep a copy of the RSDP in boot_info (rsdp_phys then points at that copy); an ACPI 2.0+
 * RSDP (revision byte >= 2) is not replaced by the 1.0 one when the loader gives both.
 */
static void copy_rsdp(const struct mb2_tag_acpi *tag, struct boot_info *out)
{
	size_t len = MIN((size_t)(tag->size - sizeof(*tag)), sizeof(out->rsdp_copy));

	if (tag->type == MB2_TAG_ACPI_OLD && out->rsdp_phys && out->rsdp_copy[15] >= 2)
		return;
	memset(out->rsdp_copy, 0, sizeof(out->rsdp_copy));
	memcpy(out->rsdp_copy, tag->rsdp, len);
	out->rsdp_phys = virt_to_phys(out->rsdp_copy);
}

static void parse_mb2_tag(const struct mb2_tag *tag, struct boot_info *out)
{
	const struct mb2_tag_string *string = (const void *)tag;
	const struct mb2_tag_module *module = (const void *)tag;

	switch (tag->type) {
	case MB2_TAG_CMDLINE:
		copy_string(out->cmdline, sizeof(out->cmdline), string->string,
			    tag->size - sizeof(*string));
		break;
	case MB2_TAG_MODULE:
		if (tag->size < sizeof(*module))
			break;
		add_module(out, module->start, module->end, module->string,
			   tag->size - sizeof(*module));
		break;
	case MB2_TAG_MMAP:
		parse_mb2_mmap((const void *)tag);
		break;
	case MB2_TAG_ACPI_OLD:
	case MB2_TAG_ACPI_NEW:
		copy_rsdp((const void *)tag, out);
		break;
	}
}

static void parse_mb2(uint64_t info_phys, struct boot_info *out)
{
	const struct mb2_info *header = loader_data(info_phys, sizeof(*header), "information");
	uint32_t total = header->total_size;
	const uint8_t *info = loader_data(info_phys, total, "information");
	uint32_t offset = sizeof(*header);

	out->multiboot_version = 2;
	while (offset + sizeof(struct mb2_tag) <= total) {
		const struct mb2_tag *tag = (const void *)(info + offset);

		if (tag->type == MB2_TAG_END || tag->size < sizeof(*tag) ||
		    tag->size > total - offset)
			break;
		parse_mb2_tag(tag, out);
		offset += ALIGN_UP(tag->size, 8);
	}
}

int bootinfo_parse(uint32_t magic, uint64_t info_phys, struct boot_info *out)
{
	memset(out, 0, sizeof(*out));
	nraw_ranges = 0;
	if (magic == MB1_BOOT_MAGIC)
		parse_mb1(info_phys, out);
	else if (magic == MB2_BOOT_MAGIC)
		parse_mb2(info_phys, out);
	else
		return -EINVAL;
	clean_memory_map(out);
	return 0;
}

void bootinfo_log(const struct boot_info *info)
{
	log_memory_map(info);
}
