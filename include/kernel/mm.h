/*
 * Memory management interface: physical pages (kernel/mm/page_alloc.c, a buddy allocator),
 * kernel page tables (arch/x86_64/paging.c) and kmalloc (kernel/mm/kmalloc.c).
 *
 * Lock order: the kernel page-table lock and kmalloc's lock may each be held while taking the
 * page allocator's lock, which is a leaf: nothing is taken while holding it.
 */
#ifndef KERNEL_MM_H
#define KERNEL_MM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <arch/memlayout.h>

struct boot_info;

/* Freed memory is filled with this byte in debug builds, so stale use shows. */
#define POISON_FREE 0x6b

/* ---- physical pages ---- */
#define MAX_ORDER 10 /* largest block: 2^10 pages = 4 MiB */

/* Below this much usable RAM, page_alloc_init() stops the boot ("not enough memory"). */
#define MIN_USABLE_MIB 12

/* Hand every usable page (less the kernel, modules, boot data) to the buddy allocator. */
void page_alloc_init(const struct boot_info *info);

/*
 * Until paging_init() has mapped all RAM, alloc_pages() hands out only pages below the end
 * of boot.S's early map; paging_init() then calls this with the end of its direct map.
 */
void page_alloc_set_direct_map_end(uint64_t end);

/* 2^order contiguous pages, or 0 when none are free. The memory is not zeroed. */
uint64_t alloc_pages(unsigned int order);
/* Give back a block from alloc_pages() with the same order (debug builds check both). */
void free_pages(uint64_t phys, unsigned int order);

/* The same, as direct-map pointers; alloc_page_zeroed() clears the page. */
void *alloc_page(void);
void *alloc_page_zeroed(void);
void free_page(void *page); /* free_page(NULL) does nothing */

uint64_t free_page_count(void);
/*
 * Free memory as sysinfo(2) and /proc/meminfo give it: the free pages, and the pages kept
 * for reuse that are free in all but name (kmalloc's spare slabs, cached kernel stacks and
 * empty page tables).
 */
uint64_t free_memory_pages(void);
uint64_t total_page_count(void);		   /* pages the allocator manages */
uint64_t free_blocks_of_order(unsigned int order); /* blocks on one free list */
bool page_is_free(uint64_t phys);		   /* phys lies in a free block */

/* ---- kernel page tables ---- */
#define PTE_PRESENT (1UL << 0)
#define PTE_WRITE   (1UL << 1)
#define PTE_USER    (1UL << 2)
#define PTE_PWT	    (1UL << 3) /* write-through */
#define PTE_PCD	    (1UL << 4) /* cache disable: with PTE_PWT, uncached (device registers) */
#define PTE_LARGE   (1UL << 7)
#define PTE_GLOBAL  (1UL << 8)
#define PTE_NX	    (1UL << 63)

/*
 * Build the kernel's page tables and switch to them: the image at KERNEL_VMA with 4 KiB pages
 * and per-section permissions, and the direct map of RAM at PHYS_MAP_BASE with large pages.
 * Low virtual memory is left unmapped, so a NULL dereference faults.
 */
void paging_init(const struct boot_info *info);

/* true once the CPU honours PTE_NX (CPUID says no-execute exists; boot.S enabled it). */
bool paging_nx_supported(void);

/*
 * Map one 4 KiB page at va to phys with flags in the kernel's tables, making page tables as
 * needed.  Returns 0, -ENOMEM, or -EEXIST if va is mapped already, including by a large page
 * of the direct map (nothing is split): map device registers where no RAM is, or elsewhere.
 */
int kernel_map_page(uint64_t va, uint64_t phys, uint64_t flags);
/*
 * Make the page tables that 4 KiB pages of [start, end) would need, mapping nothing: 0, or
 * -ENOMEM (what was made stays).  Tables are never freed, so a later kernel_map_page() there
 * needs no memory for them.
 */
int kernel_make_tables(uint64_t start, uint64_t end);
/* Unmap one 4 KiB page; -ENOENT if it was not mapped, -EINVAL if a large page covers it. */
int kernel_unmap_page(uint64_t va);
/*
 * Walk the kernel's tables: true and *phys, *flags if va is mapped (any page size).  flags
 * are the effective ones (PTE_WRITE only if every level allows it, PTE_NX if any level sets
 * it), plus PTE_LARGE for a 2 MiB or 1 GiB page.  phys or flags may be NULL.
 */
bool kernel_walk(uint64_t va, uint64_t *phys, uint64_t *flags);

/* Copy the kernel half of the top-level table (entries 256..511) into pml4, a user one. */
void paging_copy_kernel_half(uint64_t *pml4);

/* The physical address of the kernel's top-level table, the one loaded when no process runs. */
uint64_t paging_kernel_root(void);

/* ---- kmalloc ---- */
#define KMALLOC_MIN_SIZE       16   /* the smallest class, and the alignment of every object */
#define KMALLOC_MAX_SMALL_SIZE 4096 /* larger requests take whole pages */

void kmalloc_init(void);
void *kmalloc(size_t size); /* 16-byte aligned; NULL when out of memory */
void *kzalloc(size_t size);
void kfree(void *ptr); /* kfree(NULL) does nothing; a bad pointer panics */

/*
 * Whether ptr may be passed to kfree(): 0 if it is a live object, -EINVAL if it was freed
 * already, -EFAULT if it is not the start of a kmalloc object.  kfree() panics on either.
 */
int kfree_check(const void *ptr);

/* Empty slab pages kmalloc keeps for reuse: free memory in all but name (sysinfo counts it). */
uint64_t kmalloc_spare_pages(void);

/* One size class, as /proc/slabinfo shows it; each slab is one page. */
struct kmalloc_class_info {
	size_t size;		   /* bytes an object */
	unsigned long objects;	   /* objects in use */
	unsigned long slabs;	   /* slabs (pages) the class holds */
	unsigned long empty_slabs; /* of those, kept with no object in use */
};

/* Fill *info for class cls (0: the smallest); false past the last class. */
bool kmalloc_class_info(unsigned int cls, struct kmalloc_class_info *info);

#endif
