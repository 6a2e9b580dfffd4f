/*
 * Symbol lookup over the table the build links into the .ksyms section.
 *
 * scripts/ksyms.awk writes the table from `nm -n` of the first link (see the Makefile): the
 * start addresses of the kernel's functions in ascending order, and for each the offset of
 * its NUL-terminated name in one block of names.  The table is read-only data, so any CPU
 * may search it at any time, panics included, without a lock.
 *
 * A function's size is taken to reach to the next function (or to the end of the kernel's
 * code), which is how `nm -n` sees it: padding between functions belongs to the one before.
 */
#include <kernel/ksyms.h>
#include <lib/format.h>

extern const uint64_t ksym_count;
extern const uint64_t ksym_addrs[];
extern const uint32_t ksym_name_offsets[];
extern const char ksym_names[];

extern const char __text_end[];

/* The index of the function containing addr, or -1. */
static long ksym_index(uint64_t addr)
{
	uint64_t low = 0, high = ksym_count;

	if (ksym_count == 0 || addr < ksym_addrs[0] || addr >= (uint64_t)__text_end)
		return -1;
	/* Invariant: ksym_addrs[low] <= addr, and every entry from high on is above it. */
	while (high - low > 1) {
		uint64_t middle = low + (high - low) / 2;

		if (ksym_addrs[middle] <= addr)
			low = middle;
		else
			high = middle;
	}
	return (long)low;
}

static uint64_t ksym_size(long index)
{
	if ((uint64_t)index + 1 < ksym_count)
		return ksym_addrs[index + 1] - ksym_addrs[index];
	return (uint64_t)__text_end - ksym_addrs[index];
}

const char *ksym_lookup(uint64_t addr, uint64_t *offset)
{
	long index = ksym_index(addr);

	if (index < 0)
		return NULL;
	if (offset)
		*offset = addr - ksym_addrs[index];
	return ksym_names + ksym_name_offsets[index];
}

/* Format the function containing lookup_addr, but print the offset of addr. */
static int format_symbol(char *buf, size_t size, uint64_t lookup_addr, uint64_t addr)
{
	long index = ksym_index(lookup_addr);

	if (index < 0)
		return snprintf(buf, size, "0x%lx", addr);
	return snprintf(buf, size, "%s+0x%lx/0x%lx", ksym_names + ksym_name_offsets[index],
			addr - ksym_addrs[index], ksym_size(index));
}

int ksym_format(char *buf, size_t size, uint64_t addr)
{
	return format_symbol(buf, size, addr, addr);
}

int ksym_format_return(char *buf, size_t size, uint64_t return_addr)
{
	return format_symbol(buf, size, return_addr - 1, return_addr);
}

/* The hook behind printk's %pS (see lib/format.h). */
int format_code_address(char *buf, size_t size, uintptr_t addr)
{
	return ksym_format(buf, size, addr);
}
