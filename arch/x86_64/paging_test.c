/*
 * Tests of the kernel's page tables (arch/x86_64/paging.c).
 */
#include <kernel/bootinfo.h>
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>

/* A kernel address nothing else uses: 64 MiB below the kernel image. */
#define TEST_VA (KERNEL_VMA - (64UL << 20))

static const char rodata_marker[] = "read-only";
static int data_marker = 1;

static uint64_t walk_flags(const void *va)
{
	uint64_t flags = 0;

	if (!kernel_walk((uint64_t)va, NULL, &flags))
		return 0;
	return flags;
}

KTEST(paging_map_walk_unmap, "paging: map, walk and unmap of a new page round-trip")
{
	uint64_t phys = alloc_pages(0), found = 0, flags = 0;
	volatile uint64_t *mapped = (volatile uint64_t *)TEST_VA;

	KTEST_ASSERT(phys != 0);
	KTEST_EXPECT(!kernel_walk(TEST_VA, NULL, NULL));
	KTEST_ASSERT(kernel_map_page(TEST_VA, phys, PTE_WRITE | PTE_NX) == 0);
	KTEST_EXPECT(kernel_walk(TEST_VA + 8, &found, &flags));
	KTEST_EXPECT(found == phys + 8);
	KTEST_EXPECT((flags & PTE_WRITE) && !(flags & PTE_LARGE));
	KTEST_EXPECT(!!(flags & PTE_NX) == paging_nx_supported());
	*mapped = 0x1234567890abcdefUL;
	KTEST_EXPECT(*(uint64_t *)phys_to_virt(phys) == 0x1234567890abcdefUL);
	KTEST_EXPECT(kernel_map_page(TEST_VA, phys, PTE_WRITE) == -EEXIST);
	KTEST_EXPECT(kernel_unmap_page(TEST_VA) == 0);
	KTEST_EXPECT(!kernel_walk(TEST_VA, NULL, NULL));
	KTEST_EXPECT(kernel_unmap_page(TEST_VA) == -ENOENT);
	free_pages(phys, 0);
}

KTEST(paging_text_read_only, "paging: kernel text is read-only and executable")
{
	uint64_t flags = walk_flags((const void *)paging_init);

	KTEST_EXPECT(flags & PTE_PRESENT);
	KTEST_EXPECT(!(flags & PTE_WRITE));
	KTEST_EXPECT(!(flags & PTE_NX));
}

KTEST(paging_rodata_read_only_nx, "paging: kernel rodata is read-only and not executable")
{
	uint64_t flags = walk_flags(rodata_marker);

	KTEST_EXPECT(flags & PTE_PRESENT);
	KTEST_EXPECT(!(flags & PTE_WRITE));
	KTEST_EXPECT(!!(flags & PTE_NX) == paging_nx_supported());
}

KTEST(paging_data_writable_nx, "paging: kernel data is writable and not executable")
{
	uint64_t flags = walk_flags(&data_marker);

	KTEST_EXPECT(flags & PTE_PRESENT);
	KTEST_EXPECT(flags & PTE_WRITE);
	KTEST_EXPECT(!!(flags & PTE_NX) == paging_nx_supported());
}

KTEST(paging_null_unmapped, "paging: the NULL page and low memory are not mapped")
{
	KTEST_EXPECT(!kernel_walk(0, NULL, NULL));
	KTEST_EXPECT(!kernel_walk(PAGE_SIZE, NULL, NULL));
	KTEST_EXPECT(!kernel_walk(KERNEL_PHYS, NULL, NULL));
}

KTEST(paging_guard_page_unmapped, "paging: the page below the boot stack is not mapped")
{
	KTEST_EXPECT(!kernel_walk((uint64_t)boot_stack_guard, NULL, NULL));
	KTEST_EXPECT(kernel_walk((uint64_t)boot_stack_guard + PAGE_SIZE, NULL, NULL));
	KTEST_EXPECT(kernel_walk((uint64_t)boot_stack_top - 8, NULL, NULL));
}

KTEST(paging_direct_map_covers_ram, "paging: the direct map covers all usable RAM, writable")
{
	for (int i = 0; i < boot_info.nranges; i++) {
		const struct mem_range *r = &boot_info.ranges[i];
		uint64_t first = 0, last = 0, flags = 0;

		if (!r->usable)
			continue;
		KTEST_EXPECT(kernel_walk((uint64_t)phys_to_virt(r->start), &first, &flags));
		KTEST_EXPECT(kernel_walk((uint64_t)phys_to_virt(r->end - 1), &last, NULL));
		KTEST_EXPECT(first == r->start && last == r->end - 1);
		KTEST_EXPECT((flags & PTE_WRITE) && (flags & PTE_LARGE));
	}
}

KTEST(paging_large_page_not_split, "paging: a page inside a large direct-map page is not split")
{
	uint64_t va = (uint64_t)phys_to_virt(KERNEL_PHYS);

	KTEST_EXPECT(kernel_map_page(va, KERNEL_PHYS, PTE_WRITE) == -EEXIST);
	KTEST_EXPECT(kernel_unmap_page(va) == -EINVAL);
	KTEST_EXPECT(kernel_walk(va, NULL, NULL));
}
