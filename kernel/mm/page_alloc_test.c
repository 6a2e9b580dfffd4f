/*
 * Tests of the buddy page allocator (kernel/mm/page_alloc.c).
 *
 * Tests that hold many blocks at once keep them on a block_stack: a list threaded through
 * the blocks themselves (each block's first 16 bytes hold the next block and its own order),
 * so holding all of memory needs no memory.
 */
#include <kernel/ktest.h>
#include <kernel/mm.h>

struct block_stack {
	uint64_t top; /* physical address of the last block pushed, 0 if none */
	uint64_t count;
};

struct block_header {
	uint64_t next;
	uint64_t order;
};

static void push_block(struct block_stack *stack, uint64_t phys, unsigned int order)
{
	struct block_header *header = phys_to_virt(phys);

	header->next = stack->top;
	header->order = order;
	stack->top = phys;
	stack->count++;
}

static void free_block_stack(struct block_stack *stack)
{
	while (stack->top) {
		struct block_header *header = phys_to_virt(stack->top);
		uint64_t phys = stack->top;

		stack->top = header->next;
		free_pages(phys, (unsigned int)header->order);
	}
	stack->count = 0;
}

static bool same_block_counts(const uint64_t *counts)
{
	for (unsigned int order = 0; order <= MAX_ORDER; order++)
		if (free_blocks_of_order(order) != counts[order])
			return false;
	return true;
}

static void save_block_counts(uint64_t *counts)
{
	for (unsigned int order = 0; order <= MAX_ORDER; order++)
		counts[order] = free_blocks_of_order(order);
}

KTEST(page_alloc_every_order_round_trip,
      "page_alloc: allocating and freeing each order restores the free lists")
{
	uint64_t counts[MAX_ORDER + 1];
	uint64_t before = free_page_count();

	save_block_counts(counts);
	for (unsigned int order = 0; order <= MAX_ORDER; order++) {
		uint64_t phys = alloc_pages(order);

		KTEST_ASSERT(phys != 0);
		KTEST_EXPECT(free_page_count() == before - (1UL << order));
		free_pages(phys, order);
		KTEST_EXPECT(free_page_count() == before);
	}
	KTEST_EXPECT(same_block_counts(counts));
}

static bool blocks_overlap(uint64_t a, unsigned int order_a, uint64_t b, unsigned int order_b)
{
	return a < b + (PAGE_SIZE << order_b) && b < a + (PAGE_SIZE << order_a);
}

KTEST(page_alloc_blocks_aligned_and_distinct,
      "page_alloc: blocks are aligned to their size and do not overlap")
{
	uint64_t blocks[MAX_ORDER + 1];

	for (unsigned int order = 0; order <= MAX_ORDER; order++) {
		blocks[order] = alloc_pages(order);
		KTEST_EXPECT(blocks[order] != 0);
		KTEST_EXPECT((blocks[order] & ((PAGE_SIZE << order) - 1)) == 0);
	}
	for (unsigned int a = 0; a <= MAX_ORDER; a++)
		for (unsigned int b = a + 1; b <= MAX_ORDER; b++)
			KTEST_EXPECT(!blocks[a] || !blocks[b] ||
				     !blocks_overlap(blocks[a], a, blocks[b], b));
	for (unsigned int order = 0; order <= MAX_ORDER; order++)
		if (blocks[order])
			free_pages(blocks[order], order);
}

KTEST(page_alloc_buddies_coalesce, "page_alloc: two freed order-0 buddies merge again")
{
	struct block_stack drained = { 0, 0 };
	uint64_t a, b;

	/* With no free order-0 block, the next two come from splitting one larger block. */
	while (free_blocks_of_order(0) > 0)
		push_block(&drained, alloc_pages(0), 0);
	a = alloc_pages(0);
	b = alloc_pages(0);
	KTEST_ASSERT(a != 0 && b != 0);
	KTEST_EXPECT((a ^ b) == PAGE_SIZE);
	KTEST_EXPECT(free_blocks_of_order(0) == 0);
	free_pages(a, 0);
	KTEST_EXPECT(free_blocks_of_order(0) == 1); /* alone: its buddy b is in use */
	free_pages(b, 0);
	KTEST_EXPECT(free_blocks_of_order(0) == 0); /* merged into a block of order >= 1 */
	KTEST_EXPECT(page_is_free(a) && page_is_free(b));
	free_block_stack(&drained);
}

KTEST(page_alloc_exhaustion, "page_alloc: allocating all memory ends in 0, freeing restores it")
{
	uint64_t counts[MAX_ORDER + 1];
	uint64_t before = free_page_count();
	struct block_stack held = { 0, 0 };

	save_block_counts(counts);
	for (int order = MAX_ORDER; order >= 0; order--) {
		uint64_t phys;

		while ((phys = alloc_pages((unsigned int)order)) != 0)
			push_block(&held, phys, (unsigned int)order);
	}
	KTEST_EXPECT(alloc_pages(0) == 0);
	KTEST_EXPECT(free_page_count() == 0);
	free_block_stack(&held);
	KTEST_EXPECT(free_page_count() == before);
	KTEST_EXPECT(same_block_counts(counts));
}

KTEST(page_alloc_too_large_order_fails, "page_alloc: an order above MAX_ORDER gets 0")
{
	KTEST_EXPECT(alloc_pages(MAX_ORDER + 1) == 0);
}

KTEST(page_alloc_zeroed_page, "page_alloc: alloc_page_zeroed returns a page of zeroes")
{
	uint64_t *page = alloc_page_zeroed();
	bool zero = true;

	KTEST_ASSERT(page != NULL);
	for (size_t i = 0; i < PAGE_SIZE / sizeof(*page); i++)
		zero = zero && page[i] == 0;
	KTEST_EXPECT(zero);
	free_page(page);
}

KTEST(page_alloc_freed_page_poisoned, "page_alloc: a freed page is filled with poison (debug)")
{
	uint8_t *page = alloc_page();

	KTEST_ASSERT(page != NULL);
	page[0] = 0;
	page[PAGE_SIZE - 1] = 0;
	free_page(page);
	KTEST_EXPECT(page_is_free(virt_to_phys(page)));
	if (!CONFIG_DEBUG)
		KTEST_SKIP("no poisoning in this build (DEBUG=0)");
	KTEST_EXPECT(page[0] == POISON_FREE);
	KTEST_EXPECT(page[PAGE_SIZE / 2] == POISON_FREE);
	KTEST_EXPECT(page[PAGE_SIZE - 1] == POISON_FREE);
}
