/*
 * The physical page allocator: a buddy allocator over all usable RAM.
 *
 * Free memory is kept as blocks of 2^order pages (order 0..MAX_ORDER), each aligned to its
 * size, on one free list per order.  A block's buddy is the other half of the block of the
 * next order up: their page frame numbers differ only in bit "order".  Allocating takes a
 * block of the smallest order that has one and splits it, the unused halves going onto the
 * lower lists; freeing merges a block with its buddy for as long as the buddy is free too.
 *
 * Each page has a struct page (include/kernel/page.h) in one array indexed by page frame
 * number.  page_alloc_init() takes the array from usable RAM itself, with a small bump allocator
 * over the memory map that skips the first MiB (BIOS data, and the page the other CPUs start from,
 * arch/x86_64/smpboot.S), the kernel image, the boot modules and non-usable memory.  The array is
 * put below 1 GiB, inside boot.S's early map, so that it works before paging_init() maps the rest
 * of RAM (1 GiB of struct pages describes 170 GiB).  For the same reason alloc_pages() hands out
 * only blocks below the end of the direct map, which paging_init() moves from 1 GiB to the end of
 * RAM once it has mapped it.
 *
 * Debug checks (CONFIG_DEBUG): freeing a page that is free, or with another order than it was
 * allocated with, panics; freed blocks are filled with POISON_FREE, and their first and last
 * 8 bytes checked when they are handed out again.
 */
#include <kernel/bootinfo.h>
#include <kernel/mm.h>
#include <kernel/page.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <lib/compiler.h>
#include <lib/list.h>

#define LOW_MEMORY_END	  0x100000UL /* the first MiB stays reserved */
#define MAX_BOOT_RESERVED (BOOT_MAX_MODULES + 4)

struct page *page_array;
uint64_t page_array_len;
BUILD_BUG_ON(sizeof(struct page) != 24); /* one per page of RAM: keep it small */

/*
 * zone_lock protects the free lists and counters below, alloc_limit_pfn, and the order and
 * flags of every struct page (see page.h).  A leaf lock, taken with interrupts off.
 */
static struct spinlock zone_lock = SPINLOCK_INIT("page_alloc");
static struct list_head free_lists[MAX_ORDER + 1]; /* zone_lock; heads of free blocks */
static uint64_t free_block_count[MAX_ORDER + 1];   /* zone_lock; blocks on each list */
static uint64_t free_page_total;		   /* zone_lock */
static uint64_t alloc_limit_pfn;		   /* zone_lock; end of the direct map */
static uint64_t managed_pages;			   /* set by page_alloc_init(), then constant */

/*
 * Physical memory the allocator must never hand out: the first MiB, the kernel, the modules
 * and the bump allocator's allocations.  Sorted by start.  Used by page_alloc_init() only,
 * on the boot CPU before any other CPU runs: no lock.
 */
struct phys_span {
	uint64_t start, end;
};
static struct phys_span boot_reserved[MAX_BOOT_RESERVED];
static int nboot_reserved;

extern char __kernel_start[], __kernel_end[];

/* ---- the free lists (callers hold zone_lock) ---- */

static uint64_t pfn_of(const struct page *page)
{
	return (uint64_t)(page - page_array);
}

static void free_list_add(uint64_t pfn, unsigned int order, bool poisoned)
{
	struct page *page = &page_array[pfn];

	page->order = order;
	page->flags = PAGE_FREE | (poisoned ? PAGE_POISONED : 0);
	list_add(&page->list, &free_lists[order]);
	free_block_count[order]++;
}

static void free_list_remove(struct page *page)
{
	list_del(&page->list);
	free_block_count[page->order]--;
	page->flags = 0;
}

/* Put the free block at pfn on the lists, merged with its buddies as far as they are free. */
static void free_block_merge(uint64_t pfn, unsigned int order, bool poisoned)
{
	assert_spin_locked(&zone_lock);
	while (order < MAX_ORDER) {
		uint64_t buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy;

		if (buddy_pfn >= page_array_len)
			break;
		buddy = &page_array[buddy_pfn];
		if (!(buddy->flags & PAGE_FREE) || buddy->order != order)
			break;
		poisoned = poisoned && (buddy->flags & PAGE_POISONED);
		free_list_remove(buddy);
		pfn &= ~(1UL << order);
		order++;
	}
	free_list_add(pfn, order, poisoned);
}

/* Whether pfn lies inside a free block: one whose first page is pfn rounded down to 2^o. */
static bool pfn_in_free_block(uint64_t pfn)
{
	for (unsigned int o = 0; o <= MAX_ORDER; o++) {
		const struct page *head = &page_array[pfn & ~((1UL << o) - 1)];

		if ((head->flags & PAGE_FREE) && head->order >= o)
			return true;
	}
	return false;
}

/* The first block on free list order that lies wholly in the direct map, or NULL. */
static struct page *reachable_block(unsigned int order)
{
	struct page *page;

	list_for_each_entry(page, &free_lists[order], list)
		if (pfn_of(page) + (1UL << order) <= alloc_limit_pfn)
			return page;
	return NULL;
}

/*
 * Take a block of 2^order pages off the lists, splitting a larger one if needed; returns
 * its first page (marked allocated), or NULL.  *poisoned tells if it was poison-filled.
 */
static struct page *take_block(unsigned int order, bool *poisoned)
{
	for (unsigned int o = order; o <= MAX_ORDER; o++) {
		struct page *page = reachable_block(o);

		if (!page)
			continue;
		*poisoned = page->flags & PAGE_POISONED;
		free_list_remove(page);
		while (o > order) {
			o--;
			free_list_add(pfn_of(page) + (1UL << o), o, *poisoned);
		}
		page->order = order;
		page->flags = PAGE_ALLOCATED;
		free_page_total -= 1UL << order;
		return page;
	}
	return NULL;
}

/* ---- debug checks ---- */

/* Fill with a byte pattern, 8 bytes at a time; len is a multiple of 8. */
static void fill_words(void *dst, uint8_t byte, size_t len)
{
	uint64_t *p = dst;
	uint64_t pattern = 0x0101010101010101UL * byte;

	for (size_t i = 0; i < len / 8; i++)
		p[i] = pattern;
}

static void check_poison_bytes(uint64_t phys, unsigned int order, size_t offset)
{
	const uint8_t *p = (const uint8_t *)phys_to_virt(phys) + offset;

	for (int i = 0; i < 8; i++)
		if (p[i] != POISON_FREE)
			panic("alloc_pages: free block %#lx (order %u) was written while free: "
			      "byte %#lx is %#x",
			      (unsigned long)phys, order, (unsigned long)(offset + i), p[i]);
}

static void check_poison(uint64_t phys, unsigned int order)
{
	check_poison_bytes(phys, order, 0);
	check_poison_bytes(phys, order, (PAGE_SIZE << order) - 8);
}

/* Panic unless page heads an allocated block of 2^order pages.  Caller holds zone_lock. */
static void check_allocated_block(const struct page *page, unsigned int order)
{
	unsigned long phys = (unsigned long)page_to_phys(page);

	if (!(page->flags & PAGE_ALLOCATED)) {
		if (pfn_in_free_block(pfn_of(page)))
			panic("free_pages: double free of page %#lx", phys);
		panic("free_pages: %#lx is not the start of an allocated block", phys);
	}
	if (page->order != order)
		panic("free_pages: page %#lx freed with order %u but allocated with order %u", phys,
		      order, page->order);
}

/* ---- the interface ---- */

uint64_t alloc_pages(unsigned int order)
{
	struct page *page;
	bool poisoned = false;
	unsigned long flags;

	if (order > MAX_ORDER)
		return 0;
	flags = spin_lock_irqsave(&zone_lock);
	page = take_block(order, &poisoned);
	spin_unlock_irqrestore(&zone_lock, flags);
	if (!page)
		return 0;
	if (CONFIG_DEBUG && poisoned)
		check_poison(page_to_phys(page), order);
	return page_to_phys(page);
}

void free_pages(uint64_t phys, unsigned int order)
{
	struct page *page = phys_to_page(phys);
	unsigned long flags;

	if (!page || order > MAX_ORDER || (phys & ((PAGE_SIZE << order) - 1)))
		panic("free_pages: bad block %#lx of order %u", (unsigned long)phys, order);
	flags = spin_lock_irqsave(&zone_lock);
	if (CONFIG_DEBUG) {
		check_allocated_block(page, order);
		fill_words(phys_to_virt(phys), POISON_FREE, PAGE_SIZE << order);
	}
	page->flags = 0;
	free_block_merge(pfn_of(page), order, CONFIG_DEBUG);
	free_page_total += 1UL << order;
	spin_unlock_irqrestore(&zone_lock, flags);
}

void *alloc_page(void)
{
	uint64_t phys = alloc_pages(0);

	return phys ? phys_to_virt(phys) : NULL;
}

void *alloc_page_zeroed(void)
{
	void *page = alloc_page();

	if (page)
		fill_words(page, 0, PAGE_SIZE);
	return page;
}

void free_page(void *page)
{
	if (page)
		free_pages(virt_to_phys(page), 0);
}

uint64_t free_page_count(void)
{
	unsigned long flags = spin_lock_irqsave(&zone_lock);
	uint64_t count = free_page_total;

	spin_unlock_irqrestore(&zone_lock, flags);
	return count;
}

uint64_t total_page_count(void)
{
	return managed_pages;
}

uint64_t free_blocks_of_order(unsigned int order)
{
	unsigned long flags;
	uint64_t count;

	if (order > MAX_ORDER)
		return 0;
	flags = spin_lock_irqsave(&zone_lock);
	count = free_block_count[order];
	spin_unlock_irqrestore(&zone_lock, flags);
	return count;
}

bool page_is_free(uint64_t phys)
{
	unsigned long flags;
	bool free;

	if (phys >> PAGE_SHIFT >= page_array_len)
		return false;
	flags = spin_lock_irqsave(&zone_lock);
	free = pfn_in_free_block(phys >> PAGE_SHIFT);
	spin_unlock_irqrestore(&zone_lock, flags);
	return free;
}

void page_alloc_set_direct_map_end(uint64_t end)
{
	unsigned long flags = spin_lock_irqsave(&zone_lock);

	alloc_limit_pfn = end >> PAGE_SHIFT;
	spin_unlock_irqrestore(&zone_lock, flags);
}

/* ---- boot: the bump allocator and handing memory over ---- */

/* Note [start, end) (rounded out to pages) as never to be handed out; keeps the list sorted. */
static void reserve_boot_span(uint64_t start, uint64_t end)
{
	int i = nboot_reserved;

	if (nboot_reserved == MAX_BOOT_RESERVED)
		panic("page_alloc: more than %d reserved boot areas", MAX_BOOT_RESERVED);
	for (; i > 0 && boot_reserved[i - 1].start > start; i--)
		boot_reserved[i] = boot_reserved[i - 1];
	boot_reserved[i].start = ALIGN_DOWN(start, PAGE_SIZE);
	boot_reserved[i].end = ALIGN_UP(end, PAGE_SIZE);
	nboot_reserved++;
}

/* The first address >= addr where [addr, addr + size) misses every reserved span. */
static uint64_t skip_reserved(uint64_t addr, uint64_t size)
{
	for (int i = 0; i < nboot_reserved; i++)
		if (addr < boot_reserved[i].end && boot_reserved[i].start < addr + size)
			addr = boot_reserved[i].end;
	return addr;
}

/*
 * The bump allocator: size bytes (page-aligned) of usable RAM inside the early map that
 * nothing else uses, now reserved; 0 if there is no such place.
 */
static uint64_t boot_alloc(const struct boot_info *info, uint64_t size)
{
	size = ALIGN_UP(size, PAGE_SIZE);
	for (int i = 0; i < info->nranges; i++) {
		const struct mem_range *r = &info->ranges[i];
		uint64_t addr = r->usable ? skip_reserved(r->start, size) : r->end;
		uint64_t end = MIN(r->end, EARLY_MAP_SIZE);

		if (addr < end && size <= end - addr) {
			reserve_boot_span(addr, addr + size);
			return addr;
		}
	}
	return 0;
}

static void reserve_boot_memory(const struct boot_info *info)
{
	nboot_reserved = 0;
	reserve_boot_span(0, LOW_MEMORY_END);
	reserve_boot_span(virt_to_phys(__kernel_start), virt_to_phys(__kernel_end));
	for (int i = 0; i < info->nmodules; i++)
		reserve_boot_span(info->modules[i].start, info->modules[i].end);
}

/* The largest order of an aligned block that starts at pfn and fits in count pages. */
static unsigned int largest_order(uint64_t pfn, uint64_t count)
{
	unsigned int order = 0;

	while (order < MAX_ORDER && !(pfn & (1UL << order)) && (2UL << order) <= count)
		order++;
	return order;
}

/* Hand the pages [start_pfn, end_pfn) to the free lists as the largest blocks that fit. */
static void free_boot_span(uint64_t start_pfn, uint64_t end_pfn)
{
	while (start_pfn < end_pfn) {
		unsigned int order = largest_order(start_pfn, end_pfn - start_pfn);

		free_block_merge(start_pfn, order, false);
		free_page_total += 1UL << order;
		start_pfn += 1UL << order;
	}
}

/* Free the parts of a usable range that no reserved span covers. */
static void free_usable_range(const struct mem_range *r)
{
	uint64_t cursor = r->start;

	for (int i = 0; i < nboot_reserved; i++) {
		const struct phys_span *s = &boot_reserved[i];

		if (s->end <= cursor || s->start >= r->end)
			continue;
		if (s->start > cursor)
			free_boot_span(cursor >> PAGE_SHIFT, s->start >> PAGE_SHIFT);
		cursor = MAX(cursor, s->end);
	}
	if (cursor < r->end)
		free_boot_span(cursor >> PAGE_SHIFT, r->end >> PAGE_SHIFT);
}

static uint64_t usable_bytes(const struct boot_info *info, uint64_t *highest_end)
{
	uint64_t total = 0;

	*highest_end = 0;
	for (int i = 0; i < info->nranges; i++) {
		if (!info->ranges[i].usable)
			continue;
		total += info->ranges[i].end - info->ranges[i].start;
		*highest_end = MAX(*highest_end, info->ranges[i].end);
	}
	return total;
}

/* Find room for the struct page array (below 1 GiB) and clear it. */
static void setup_page_array(const struct boot_info *info, uint64_t usable, uint64_t end)
{
	uint64_t size = ALIGN_UP((end >> PAGE_SHIFT) * sizeof(struct page), PAGE_SIZE);
	uint64_t phys = boot_alloc(info, size);

	if (!phys)
		panic("not enough memory: %lu KiB usable, but no room below %lu MiB for the "
		      "%lu KiB page array",
		      (unsigned long)(usable >> 10), EARLY_MAP_SIZE >> 20,
		      (unsigned long)(size >> 10));
	page_array = phys_to_virt(phys);
	page_array_len = end >> PAGE_SHIFT;
	fill_words(page_array, 0, size);
	pr_info("page_alloc: struct page array of %lu KiB at %#lx\n", (unsigned long)(size >> 10),
		(unsigned long)phys);
}

void page_alloc_init(const struct boot_info *info)
{
	uint64_t highest_end;
	uint64_t usable = usable_bytes(info, &highest_end);
	unsigned long flags;

	if (usable < (uint64_t)MIN_USABLE_MIB << 20)
		panic("not enough memory: %lu KiB usable, Corral needs at least %d MiB",
		      (unsigned long)(usable >> 10), MIN_USABLE_MIB);
	reserve_boot_memory(info);
	setup_page_array(info, usable, highest_end);

	flags = spin_lock_irqsave(&zone_lock);
	for (unsigned int order = 0; order <= MAX_ORDER; order++)
		INIT_LIST_HEAD(&free_lists[order]);
	alloc_limit_pfn = EARLY_MAP_SIZE >> PAGE_SHIFT;
	for (int i = 0; i < info->nranges; i++)
		if (info->ranges[i].usable)
			free_usable_range(&info->ranges[i]);
	managed_pages = free_page_total;
	spin_unlock_irqrestore(&zone_lock, flags);
	pr_info("page_alloc: %lu pages (%lu MiB) free\n", (unsigned long)managed_pages,
		(unsigned long)(managed_pages >> (20 - PAGE_SHIFT)));
}
