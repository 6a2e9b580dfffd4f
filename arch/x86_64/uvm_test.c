/*
 * Tests of user page tables (arch/x86_64/uvm.c): the unmap walker skips what is absent,
 * works in bounded batches that resume where the last one stopped, frees the tables it
 * empties (and only those), and drops a shared page's reference without freeing it.
 *
 * Each test builds an address space of its own with uvm_create(), which no CPU runs, so no
 * lock is needed, and checks the free pages (free_now()) against the count before it.
 */
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/page.h>
#include <arch/uvm.h>

#define TIB (1UL << 40)
#define MIB (1UL << 20)

/* Free pages, with the empty tables uvm.c keeps for reuse counted as free. */
static uint64_t free_now(void)
{
	return free_page_count() + uvm_spare_pages();
}

/* Map a new user page at va; false when out of memory. */
static bool map_new_page(uint64_t *pml4, uint64_t va)
{
	uint64_t phys = alloc_user_page();

	if (!phys)
		return false;
	if (uvm_map(pml4, va, phys, UVM_WRITE) != 0) {
		put_page(phys);
		return false;
	}
	return true;
}

/* Unmap [start, end) of pml4 whole; returns the number of batches it took. */
static unsigned int unmap_all_batches(uint64_t *pml4, uint64_t start, uint64_t end)
{
	struct uvm_unmap u;
	unsigned int batches = 0;

	uvm_unmap_start(&u, start, end);
	do
		batches++;
	while (uvm_unmap_batch(pml4, &u));
	uvm_unmap_finish(pml4, &u);
	return batches;
}

static bool user_half_empty(const uint64_t *pml4)
{
	for (int i = 0; i < 256; i++)
		if (pml4[i] & PTE_PRESENT)
			return false;
	return true;
}

KTEST(uvm_unmap_empty_user_space_one_batch,
      "uvm: unmapping all of an empty user space is one batch of 256 top-level entries")
{
	uint64_t *pml4 = uvm_create();
	uint64_t before = free_now();

	KTEST_ASSERT(pml4);
	KTEST_EXPECT(unmap_all_batches(pml4, 0, USER_TOP) == 1);
	KTEST_EXPECT(free_now() == before);
	uvm_destroy(pml4);
}

KTEST(uvm_unmap_far_apart_frees_tables,
      "uvm: unmapping pages at 1, 64 and 100 TiB frees them and their 9 page tables")
{
	static const uint64_t far[] = { 1 * TIB, 64 * TIB, 100 * TIB };
	uint64_t *pml4 = uvm_create();
	uint64_t before = free_now();

	KTEST_ASSERT(pml4);
	for (unsigned int i = 0; i < ARRAY_SIZE(far); i++)
		KTEST_ASSERT(map_new_page(pml4, far[i]));
	KTEST_EXPECT(free_now() == before - 12); /* each: a page, a PDPT, a PD, a PT */
	unmap_all_batches(pml4, 0, USER_TOP);
	KTEST_EXPECT(free_now() == before);
	KTEST_EXPECT(user_half_empty(pml4));
	KTEST_EXPECT(!uvm_lookup(pml4, 64 * TIB, NULL, NULL));
	uvm_destroy(pml4);
}

KTEST(uvm_unmap_batches_resume,
      "uvm: 1500 pages across page tables go in several bounded batches, each resuming")
{
	uint64_t *pml4 = uvm_create(), base = 3 * TIB - 3 * MIB, before;
	unsigned int batches;

	KTEST_ASSERT(pml4);
	before = free_now();
	for (uint64_t i = 0; i < 1500; i++)
		KTEST_ASSERT(map_new_page(pml4, base + i * PAGE_SIZE));
	batches = unmap_all_batches(pml4, base, base + 1500 * PAGE_SIZE);
	KTEST_EXPECT(batches >= 1500 / UVM_BATCH_ENTRIES + 1);
	KTEST_EXPECT(batches <= 1500 / UVM_BATCH_ENTRIES + 3);
	KTEST_EXPECT(free_now() == before);
	KTEST_EXPECT(user_half_empty(pml4));
	uvm_destroy(pml4);
}

KTEST(uvm_unmap_keeps_neighbours,
      "uvm: a partial unmap keeps the pages beside it, and frees a table only once it is empty")
{
	uint64_t *pml4 = uvm_create(), mid = 5 * TIB + 2 * MIB, before, step;

	KTEST_ASSERT(pml4);
	before = free_now();
	KTEST_ASSERT(map_new_page(pml4, mid - PAGE_SIZE)); /* the last page of one table */
	KTEST_ASSERT(map_new_page(pml4, mid));		   /* the first two of the next */
	KTEST_ASSERT(map_new_page(pml4, mid + PAGE_SIZE));
	step = free_now();
	unmap_all_batches(pml4, mid, mid + PAGE_SIZE);
	KTEST_EXPECT(free_now() == step + 1); /* the page; its table holds another */
	KTEST_EXPECT(uvm_lookup(pml4, mid - PAGE_SIZE, NULL, NULL));
	KTEST_EXPECT(!uvm_lookup(pml4, mid, NULL, NULL));
	KTEST_EXPECT(uvm_lookup(pml4, mid + PAGE_SIZE, NULL, NULL));
	unmap_all_batches(pml4, mid + PAGE_SIZE, mid + 2 * PAGE_SIZE);
	KTEST_EXPECT(free_now() == step + 3); /* and now the emptied page table */
	KTEST_EXPECT(uvm_lookup(pml4, mid - PAGE_SIZE, NULL, NULL));
	unmap_all_batches(pml4, mid - PAGE_SIZE, mid);
	KTEST_EXPECT(free_now() == before);
	KTEST_EXPECT(user_half_empty(pml4));
	uvm_destroy(pml4);
}

KTEST(uvm_unmap_shared_page_kept,
      "uvm: unmapping a page another holder shares only drops a reference")
{
	uint64_t *pml4 = uvm_create(), phys = alloc_user_page(), before;

	KTEST_ASSERT(pml4 && phys);
	get_page(phys); /* the other holder, as after fork() */
	KTEST_ASSERT(uvm_map(pml4, 7 * TIB, phys, 0) == 0);
	before = free_now();
	unmap_all_batches(pml4, 0, USER_TOP);
	KTEST_EXPECT(page_refcount(phys) == 1);
	KTEST_EXPECT(free_now() == before + 3); /* the PDPT, PD and PT; not the page */
	put_page(phys);
	uvm_destroy(pml4);
}

KTEST(uvm_destroy_frees_everything, "uvm: uvm_destroy() gives back every page and table")
{
	uint64_t before = free_now();
	uint64_t *pml4 = uvm_create();

	KTEST_ASSERT(pml4);
	for (uint64_t i = 0; i < 600; i++)
		KTEST_ASSERT(map_new_page(pml4, 9 * TIB + i * 17 * PAGE_SIZE));
	KTEST_ASSERT(map_new_page(pml4, USER_TOP - PAGE_SIZE));
	uvm_destroy(pml4);
	KTEST_EXPECT(free_now() == before);
}

KTEST(uvm_clone_batches_share_read_only,
      "uvm: fork's copy of 1500 pages goes in several batches and shares each page read-only")
{
	uint64_t before = free_now(), base = 11 * TIB - 5 * PAGE_SIZE;
	uint64_t *src = uvm_create(), *dst = uvm_create();
	unsigned int batches = 0, shared = 0;
	struct uvm_clone clone;
	int result;

	KTEST_ASSERT(src && dst);
	for (uint64_t i = 0; i < 1500; i++)
		KTEST_ASSERT(map_new_page(src, base + i * PAGE_SIZE));
	uvm_clone_start(&clone, dst, USER_TOP);
	do {
		batches++;
		result = uvm_clone_batch(src, &clone);
	} while (result == UVM_BATCH_MORE);
	uvm_clone_finish(src, &clone);
	KTEST_EXPECT(result == 0);
	KTEST_EXPECT(batches >= 1500 / UVM_BATCH_ENTRIES + 1);
	for (uint64_t i = 0; i < 1500; i++) {
		uint64_t va = base + i * PAGE_SIZE, phys_src = 0, phys_dst = 1;
		bool writable_src = true, writable_dst = true;

		uvm_lookup(src, va, &phys_src, &writable_src);
		uvm_lookup(dst, va, &phys_dst, &writable_dst);
		shared += phys_src == phys_dst && !writable_src && !writable_dst &&
			  page_refcount(phys_src) == 2;
	}
	KTEST_EXPECT(shared == 1500);
	uvm_destroy(src);
	uvm_destroy(dst);
	KTEST_EXPECT(free_now() == before);
}

KTEST(uvm_clone_copies_private_page,
      "uvm: fork's copy gives the child its own copy of the page under the stack pointer")
{
	uint64_t before = free_now(), base = 3 * TIB, hot = base + PAGE_SIZE;
	uint64_t *src = uvm_create(), *dst = uvm_create();
	uint64_t phys_src = 0, phys_dst = 0, other_src = 0, other_dst = 1;
	bool writable_src = false, writable_dst = false, other_writable = true;
	struct uvm_clone clone;

	KTEST_ASSERT(src && dst);
	KTEST_ASSERT(map_new_page(src, base) && map_new_page(src, hot));
	uvm_lookup(src, hot, &phys_src, NULL);
	((uint64_t *)phys_to_virt(phys_src))[7] = 0x5eed;
	uvm_clone_start(&clone, dst, hot);
	while (uvm_clone_batch(src, &clone) == UVM_BATCH_MORE)
		;
	uvm_clone_finish(src, &clone);
	uvm_lookup(src, hot, &phys_src, &writable_src);
	uvm_lookup(dst, hot, &phys_dst, &writable_dst);
	KTEST_EXPECT(phys_src != phys_dst && writable_src && writable_dst);
	KTEST_EXPECT(page_refcount(phys_src) == 1 && page_refcount(phys_dst) == 1);
	KTEST_EXPECT(((uint64_t *)phys_to_virt(phys_dst))[7] == 0x5eed);
	uvm_lookup(src, base, &other_src, &other_writable);
	uvm_lookup(dst, base, &other_dst, NULL);
	KTEST_EXPECT(other_src == other_dst && !other_writable); /* the rest stays shared */
	uvm_destroy(src);
	uvm_destroy(dst);
	KTEST_EXPECT(free_now() == before);
}
