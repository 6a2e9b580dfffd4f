/*
 * struct page: what the kernel knows about one 4 KiB page of physical memory.
 *
 * page_alloc_init() sets up one array of them, indexed by page frame number (phys >> 12), from
 * page 0 up to the highest usable address; holes and reserved memory have entries that no one
 * uses.  There is one per page of RAM, so it is kept small (24 bytes).
 *
 * Who may touch a field depends on who owns the page:
 *   - order and flags belong to the buddy allocator (kernel/mm/page_alloc.c) and change under
 *     its lock: set on the first page of every free or allocated block, zero elsewhere;
 *   - list is the buddy allocator's while the page heads a free block, and the owner's while
 *     it is allocated; use and the slab fields are the owner's (kmalloc: under its own lock);
 *   - refcount shares its bytes with the slab fields: it belongs to pages with use
 *     PAGE_USE_USER, the pages of user address spaces, which several address spaces share
 *     after fork() (copy-on-write).  It is atomic: get_page() and put_page() need no lock.
 *   - table_used shares them too: it belongs to pages with use PAGE_USE_TABLE, the tables of
 *     user address spaces, and counts their present entries (arch/x86_64/uvm.c, under the
 *     address space's lock).
 */
#ifndef KERNEL_PAGE_H
#define KERNEL_PAGE_H

#include <stdint.h>
#include <lib/list.h>
#include <arch/memlayout.h>

/* flags */
#define PAGE_FREE      (1 << 0) /* first page of a free block (on free list "order") */
#define PAGE_ALLOCATED (1 << 1) /* first page of an allocated block of 2^order pages */
#define PAGE_POISONED  (1 << 2) /* free block filled with POISON_FREE (debug) */

/* use: what the owner of an allocated page uses it for */
#define PAGE_USE_NONE	       0
#define PAGE_USE_SLAB	       1 /* a kmalloc slab: objects of one size class */
#define PAGE_USE_KMALLOC_LARGE 2 /* first page of one large kmalloc object */
#define PAGE_USE_USER	       3 /* a page of user memory, counted by refcount */
#define PAGE_USE_TABLE	       4 /* a user page table, its present entries counted by table_used */

struct page {
	struct list_head list; /* free: its order's free list; slab: its class's partial list */
	uint8_t order;	       /* first page of a block: the block is 2^order pages */
	uint8_t flags;	       /* PAGE_FREE, PAGE_ALLOCATED, PAGE_POISONED */
	uint8_t use;	       /* PAGE_USE_* */
	uint8_t slab_class;    /* slab: index of its size class */
	union {
		struct {
			uint16_t slab_inuse; /* slab: objects handed out */
			uint16_t slab_free;  /* slab: first free object or SLAB_NO_OBJECT */
		};
		uint32_t refcount; /* PAGE_USE_USER: mappings and other holders (atomic) */
		uint16_t
		    table_used; /* PAGE_USE_TABLE: present entries (user half of a top level) */
	};
};

/* The array and its length in entries; set once by page_alloc_init(), constant after. */
extern struct page *page_array;
extern uint64_t page_array_len;

/* The struct page of the physical page holding phys, or NULL beyond the array. */
static inline struct page *phys_to_page(uint64_t phys)
{
	uint64_t pfn = phys >> PAGE_SHIFT;

	return pfn < page_array_len ? &page_array[pfn] : NULL;
}

static inline uint64_t page_to_phys(const struct page *page)
{
	return (uint64_t)(page - page_array) << PAGE_SHIFT;
}

/* virt must be a direct-map or kernel-image address. */
static inline struct page *virt_to_page(const void *virt)
{
	return phys_to_page(virt_to_phys(virt));
}

/*
 * User pages (kernel/mm/vm.c): alloc_user_page() returns a zeroed page with refcount 1;
 * get_page() adds a holder; put_page() drops one and frees the page with the last.
 * alloc_user_page_unzeroed() leaves the old bytes, for a caller that overwrites every one
 * before the page is seen (a copy): clearing a page costs about as much as copying it.
 */
uint64_t alloc_user_page(void);
uint64_t alloc_user_page_unzeroed(void);
void get_page(uint64_t phys);
void put_page(uint64_t phys);
uint32_t page_refcount(uint64_t phys);

/*
 * For unmapping, which may free a page only once no TLB can reach it any more:
 * put_page_deferred() drops a holder like put_page(), but a page whose last holder that was
 * goes onto freed (by its list link) instead of back to the allocator; free_page_list() then
 * frees every page on such a list (user pages and page tables alike, one page each).
 */
void put_page_deferred(uint64_t phys, struct list_head *freed);
void free_page_list(struct list_head *pages);

#endif
