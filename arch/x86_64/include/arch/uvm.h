/*
 * User page tables: the machine half of address spaces (arch/x86_64/uvm.c).
 *
 * A user address space is a top-level table (PML4) whose entries 0..255 map user memory and
 * whose entries 256..511 are copies of the kernel's (paging_copy_kernel_half()).  The tables
 * of the user half belong to the address space and are freed with it.  Every leaf maps one
 * 4 KiB user page (struct page use PAGE_USE_USER) and holds one reference to it.
 *
 * None of these functions lock: the caller holds the address space's lock (struct mm), which
 * an unmap may drop between its batches.
 */
#ifndef ARCH_UVM_H
#define ARCH_UVM_H

/*
 * The end of user space: one page below the canonical boundary 0x0000800000000000, so no
 * user instruction ends at a non-canonical address (sysret faults in ring 0 if rcx is one).
 */
#ifdef __ASSEMBLY__
#define USER_TOP 0x00007ffffffff000
#else
#define USER_TOP 0x00007ffffffff000UL

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <lib/list.h>

/* Leaf permissions, independent of the PTE encoding. */
#define UVM_WRITE	  (1U << 0)
#define UVM_EXEC	  (1U << 1)

/* A new top-level table with the kernel half filled in, or NULL. */
uint64_t *uvm_create(void);

/* Free every user table and drop the reference of every leaf; then the top-level table. */
void uvm_destroy(uint64_t *pml4);

/* Empty tables kept for the next address space: free memory in all but name. */
uint64_t uvm_spare_pages(void);

/* Map user page phys at va with perms (UVM_*), taking over the caller's reference. */
int uvm_map(uint64_t *pml4, uint64_t va, uint64_t phys, unsigned int perms);

/* Whether va is mapped; *phys and *writable describe the mapping. */
bool uvm_lookup(uint64_t *pml4, uint64_t va, uint64_t *phys, bool *writable);

/* Point va's mapping at phys (same permissions), or change only whether it is writable. */
void uvm_set_page(uint64_t *pml4, uint64_t va, uint64_t phys, bool writable);

/*
 * Unmapping and fork's copy go through a range in batches, so that the caller's lock (a
 * spinlock: interrupts off) is held only briefly at a time, never for a whole munmap() or
 * fork().  A batch visits at most UVM_BATCH_ENTRIES table entries, at any level; an absent
 * entry counts as one, whatever it would map, so all of an empty user space is one batch.
 * A batch returns 0 once the range is done, UVM_BATCH_MORE if there is more, or an error.
 * Between the batches nothing may map into the range (struct mm has the rule that ensures it).
 */
#define UVM_BATCH_ENTRIES 512
#define UVM_BATCH_MORE	  1

/* A walk over part of a user half (arch/x86_64/uvm.c). */
struct uvm_walk {
	uint64_t start, end; /* the range, page-aligned */
	uint64_t next;	     /* where the next batch starts */
	unsigned int budget; /* entries the running batch may still visit */
};

/*
 * Unmap [start, end):
 *
 *	uvm_unmap_start(&u, start, end);
 *	do {
 *		take the lock;  more = uvm_unmap_batch(pml4, &u);  drop the lock;
 *	} while (more);
 *	uvm_unmap_finish(pml4, &u);
 *
 * Each present leaf is taken out and drops its page's reference; a table left empty is freed.
 * uvm_unmap_finish() flushes the TLBs once (this CPU's, and one shootdown for the others),
 * and only then frees the pages whose last mapping went and the tables: until the flush, a
 * stale translation may still reach them.
 */
/*
 * The pages of a walk whose translations went stale: up to UVM_FLUSH_SINGLY of them are
 * flushed one by one (invlpg), more with a reload of the whole TLB.  Under emulation a reload
 * also throws away the kernel's own translations and every cached jump between translated
 * blocks, so the next few thousand instructions pay to rebuild them: a fork or an exit of a
 * small process flushes only its twenty or so pages instead.
 */
#define UVM_FLUSH_SINGLY  32

struct uvm_flush {
	uint64_t va[UVM_FLUSH_SINGLY]; /* the first pages noted */
	unsigned int pages;	       /* all pages noted, including those past va[] */
};

struct uvm_unmap {
	struct uvm_walk walk;
	struct uvm_flush flush;	 /* pages that lost a leaf, and one of each table freed */
	struct list_head freed;	 /* struct page (list) of each page to free */
	struct list_head tables; /* and of each table, empty, to keep or free */
};

void uvm_unmap_start(struct uvm_unmap *u, uint64_t start, uint64_t end);
int uvm_unmap_batch(uint64_t *pml4, struct uvm_unmap *u);

/*
 * Aim the next batches at another range, [start, end), keeping what the walk so far noted to
 * flush and free: one unmap of several ranges (a process's areas) ends in one flush.
 */
void uvm_unmap_range(struct uvm_unmap *u, uint64_t start, uint64_t end);
void uvm_unmap_finish(uint64_t *pml4, struct uvm_unmap *u);

/*
 * Copy src's user mappings into dst for fork(), in the same way (the lock is src's): both end
 * up mapping the same pages read-only (each page gains a reference), so the first write to
 * one copies it.  A batch may fail with -ENOMEM (dst then holds what was copied, for
 * uvm_destroy()).  uvm_clone_finish() flushes src's lost write permissions from the TLBs; it
 * is due even after a failure.  uvm_clone_start() aims at all of the user half;
 * uvm_clone_range() at one range, so that a walk of a process's areas alone visits only the
 * entries they span, not every entry of each table on the way.
 *
 * One page, private_va (page-aligned; or any address no page has, such as USER_TOP), is
 * copied at once if src may write it: the page under the stack pointer, which both
 * processes write as soon as fork() returns.  Shared, it would cost each a page fault, the
 * first to copy it and the second to find it its own again.
 */
struct uvm_clone {
	struct uvm_walk walk;
	uint64_t *dst;
	uint64_t private_va;	/* the page copied at once */
	struct uvm_flush flush; /* src's pages that lost write permission */
};

void uvm_clone_start(struct uvm_clone *c, uint64_t *dst, uint64_t private_va);
void uvm_clone_range(struct uvm_clone *c, uint64_t start, uint64_t end);
int uvm_clone_batch(uint64_t *src, struct uvm_clone *c);
void uvm_clone_finish(uint64_t *src, struct uvm_clone *c);

/*
 * Copy or clear memory with the string instructions (rep movs, rep stos): much faster than
 * the byte loops of lib/string.c for whole pages, and under emulation above all.
 */
void copy_page(void *dst, const void *src);
void clear_page(void *dst);
void copy_bytes(void *dst, const void *src, size_t n);

/* Load pml4 into CR3 (pml4 NULL: the kernel's own tables). */
void uvm_activate(uint64_t *pml4);

/* Whether pml4 is the table this CPU uses now. */
bool uvm_is_active(uint64_t *pml4);

#endif /* __ASSEMBLY__ */
#endif
