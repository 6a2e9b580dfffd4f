/*
 * User page tables: the machine half of address spaces (arch/x86_64/uvm.c).
 *
 * A user address space is a top-level table (PML4) whose entries 0..255 map user memory and
 * whose entries 256..511 are copies of the kernel's (paging_copy_kernel_half()).  The tables
 * of the user half belong to the address space and are freed with it.  Every leaf maps one
 * 4 KiB user page (struct page use PAGE_USE_USER) and holds one reference to it.
 *
 * None of these functions lock: the caller holds the address space's lock (struct mm).
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

/* Leaf permissions, independent of the PTE encoding. */
#define UVM_WRITE (1U << 0)
#define UVM_EXEC  (1U << 1)

/* A new top-level table with the kernel half filled in, or NULL. */
uint64_t *uvm_create(void);

/* Free every user table and drop the reference of every leaf; then the top-level table. */
void uvm_destroy(uint64_t *pml4);

/* Map user page phys at va with perms (UVM_*), taking over the caller's reference. */
int uvm_map(uint64_t *pml4, uint64_t va, uint64_t phys, unsigned int perms);

/* Whether va is mapped; *phys and *writable describe the mapping. */
bool uvm_lookup(uint64_t *pml4, uint64_t va, uint64_t *phys, bool *writable);

/* Point va's mapping at phys (same permissions), or change only whether it is writable. */
void uvm_set_page(uint64_t *pml4, uint64_t va, uint64_t phys, bool writable);

/* Unmap [start, end), dropping each page's reference. */
void uvm_unmap_range(uint64_t *pml4, uint64_t start, uint64_t end);

/*
 * Copy src's user mappings into dst for fork(): both end up mapping the same pages read-only
 * (each page gains a reference), so the first write to one copies it.  -ENOMEM on failure
 * (dst then holds what was copied, for uvm_destroy()).
 */
int uvm_clone_cow(uint64_t *dst, uint64_t *src);

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
