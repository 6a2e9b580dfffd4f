/*
 * Address spaces: what a user process sees of memory (kernel/mm/vm.c).
 *
 * A struct mm is the user half of one address space: its page tables (arch/x86_64/uvm.c) and
 * a sorted list of areas, each a range of pages with permissions.  Every area is anonymous
 * memory, filled on demand: a page appears, zeroed, the first time it is touched (a page
 * fault inside an area, mm_fault()); execve() writes a program's segments into pages of new
 * areas up front.  fork() copies an address space by sharing every page read-only
 * (mm_clone()); the first write to a shared page copies it (copy on write), or, when no one
 * else still holds it, just makes it writable again.  A fault outside every area, or one the
 * area does not allow (a write to a read-only area, a fetch from a non-executable one), is the
 * process's bug: mm_fault() returns -EFAULT and the caller delivers SIGSEGV.
 *
 * Every page an address space maps lies in one of its areas (a page is mapped only inside
 * one, and an area is taken away before its pages), so fork's copy and exit's emptying walk
 * the page tables over the areas alone.
 *
 * The user layout, from the top:
 *
 *   USER_STACK_TOP            the initial stack: USER_STACK_SIZE of demand-zero memory
 *   USER_STACK_TOP - size     an unmapped guard page below it (no area may take it)
 *   ...                       mmap() areas, placed from MMAP_BASE up
 *   brk_start ..              the heap, grown by brk(), just after the program's segments
 *   0x400000                  the program (Corral's programs are linked there)
 *   0 .. 64 KiB               never mapped, so a NULL pointer faults
 *
 * Lock order: mm->lock is taken before the kmalloc and page-allocator locks, and never
 * while touching user memory (a fault there would take it again).
 *
 * Taking memory away (munmap(), brk() shrinking, mmap(MAP_FIXED) over old pages) is two steps:
 * the areas change under mm->lock, and then the pages go one batch at a time
 * (<arch/uvm.h>), the lock taken for each batch and dropped in between, so that interrupts
 * are never off for long however much is unmapped.  That is sound because an address space
 * is changed only by its own process's thread (Corral's processes have one thread each), or
 * by execve() building a new one that no CPU runs: between the batches nothing else can map
 * into the range.
 */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <kernel/mman.h>
#include <kernel/spinlock.h>
#include <lib/list.h>
#include <arch/uvm.h>

#define USER_STACK_TOP	0x00007fffffffe000UL
#define USER_STACK_SIZE (8UL << 20)
#define USER_MIN_ADDR	0x10000UL
#define MMAP_BASE	0x0000100000000000UL

/*
 * The most areas one address space may have: beyond it mmap(), brk() and a munmap() that
 * would split an area give ENOMEM.  Linux allows 65530 (vm.max_map_count); Corral keeps its
 * areas in a list, which a page fault searches with interrupts off, so it allows fewer.
 */
#define MM_MAX_AREAS 4096

/* Area permissions: mmap()'s, so a program's prot is taken as it is. */
#define VM_READ	 PROT_READ
#define VM_WRITE PROT_WRITE
#define VM_EXEC	 PROT_EXEC

/* What an area is for (logs and brk/stack rules); all are anonymous memory. */
enum vm_kind {
	VMA_ANON,  /* mmap() memory and program segments */
	VMA_HEAP,  /* the brk() heap */
	VMA_STACK, /* the initial stack, with a guard page below */
};

struct vm_area {
	uint64_t start, end; /* page-aligned, start < end */
	unsigned int prot;   /* VM_READ | VM_WRITE | VM_EXEC */
	enum vm_kind kind;
	struct list_head link; /* on mm->areas, sorted by start */
};

struct mm {
	/*
	 * Guards everything below, the user page tables included.  A spinlock taken with
	 * interrupts off: the page-fault handler takes it.
	 */
	struct spinlock lock;
	uint64_t *pml4;		/* top-level page table (direct-map address) */
	struct list_head areas; /* struct vm_area, sorted, never overlapping */
	unsigned int nr_areas;	/* how many, at most MM_MAX_AREAS */
	uint64_t brk_start;	/* the heap's first byte: the end of the program, page-aligned */
	uint64_t brk;		/* the current break (brk_start .. ); the heap area ends at it,
				   rounded up to a page */
};

/* A new address space with no areas, or NULL when out of memory. */
struct mm *mm_create(void);

/* Free an address space that no CPU uses any more: pages, tables, areas. */
void mm_destroy(struct mm *mm);

/*
 * Empty an address space that may be in use (an exiting process's own): every area, page and
 * table goes, with a TLB flush of only the pages that were mapped.  The top-level table stays,
 * for mm_destroy() once no CPU runs it.
 */
void mm_empty(struct mm *mm);

/*
 * A copy-on-write copy of mm for fork(), or NULL when out of memory.  The page at hot (the
 * caller's user stack pointer), which both processes write at once, is copied right away
 * instead of shared (struct uvm_clone says why).
 */
struct mm *mm_clone(struct mm *mm, uint64_t hot);

/* Load mm's page tables on this CPU (NULL: the kernel's alone). */
void mm_activate(struct mm *mm);

/* Add the area [start, end) (page-aligned); -EINVAL if it overlaps one, -ENOMEM. */
int mm_add_area(struct mm *mm, uint64_t start, uint64_t end, unsigned int prot, enum vm_kind kind);

/*
 * Resolve a fault at addr (write: a write access; exec: an instruction fetch) by mapping a
 * zeroed page or breaking copy-on-write.  Returns 0, -EFAULT if the process may not access
 * addr that way, -ENOMEM when no page is left.  Takes mm->lock.
 */
int mm_fault(struct mm *mm, uint64_t addr, bool write, bool exec);

/*
 * Copy len bytes from the kernel buffer src into mm at va, which must lie in areas, whatever
 * their permissions; for execve(), building an address space that nobody runs, whose pages
 * are all private.  Returns 0, -EFAULT or -ENOMEM.
 */
int mm_write(struct mm *mm, uint64_t va, const void *src, size_t len);

/*
 * The kernel (direct-map) address of user address va in mm, its page made present first; NULL
 * if va lies in no area or memory ran out.  Same rule as mm_write(): for an address space
 * that nobody runs; the address is good to the end of va's page.
 */
void *mm_kernel_address(struct mm *mm, uint64_t va);

/*
 * Map the pages phys[0..n) from va on (page-aligned, in one area, not yet mapped) read-only,
 * whatever the area allows: a write to one faults and copies it first, as after fork().  Each
 * mapping takes over the caller's reference to its page.  For execve(), to map a file's pages
 * (see fs/ramfs.c); mm_write() and mm_kernel_address() must not then be used on them.  Returns
 * how many were mapped, from the first: fewer than n past the area's end or when memory for a
 * table ran out (the references of the rest are still the caller's).
 */
unsigned int mm_map_pages(struct mm *mm, uint64_t va, const uint64_t *phys, unsigned int n);

/* brk(): move the break to new_brk if possible; returns the break in effect after. */
uint64_t mm_brk(struct mm *mm, uint64_t new_brk);

/* mmap() of anonymous memory: returns the address, or a negative errno. */
long mm_mmap(struct mm *mm, uint64_t addr, uint64_t len, unsigned int prot, unsigned int flags);

/* munmap(): 0 or a negative errno. */
int mm_munmap(struct mm *mm, uint64_t addr, uint64_t len);

/* Whether [addr, addr + len) lies entirely in user space (and does not wrap). */
static inline bool user_range_ok(uint64_t addr, uint64_t len)
{
	return addr < USER_TOP && len <= USER_TOP - addr;
}

#endif
