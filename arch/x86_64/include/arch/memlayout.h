/*
 * The kernel's virtual memory layout, shared by assembly and C.
 *
 *   0x0000000000000000 .. 0x00007fffffffffff  user space (kernel/mm/vm.c)
 *   0xffff800000000000 ..                     direct map: physical memory at phys + PHYS_MAP_BASE
 *                                             (RAM and firmware areas up to the end of RAM;
 *                                             the holes where devices live are left out)
 *   0xffffc00000000000 ..                     kernel stacks of tasks, KSTACK_SLOT_SIZE apart,
 *                                             each with an unmapped guard page below it
 *   0xffffffff80000000 ..                     the kernel image: phys + KERNEL_VMA (top 2 GiB)
 */
#ifndef ARCH_MEMLAYOUT_H
#define ARCH_MEMLAYOUT_H

#ifdef __ASSEMBLY__
#define KERNEL_VMA	 0xffffffff80000000
#define PHYS_MAP_BASE	 0xffff800000000000
#define KSTACK_AREA_BASE 0xffffc00000000000
#else
#define KERNEL_VMA	 0xffffffff80000000UL
#define PHYS_MAP_BASE	 0xffff800000000000UL
#define KSTACK_AREA_BASE 0xffffc00000000000UL
#endif

#define KERNEL_PHYS 0x100000 /* the kernel is loaded at 1 MiB */

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1 << PAGE_SHIFT)
#define LARGE_PAGE_SIZE (1 << 21) /* a 2 MiB page, one page-directory entry */

#define BOOT_STACK_SIZE (16 * 1024)
#define IST_STACK_SIZE	(8 * 1024)

/* A task's kernel stack: KSTACK_SIZE mapped, below it one unmapped guard page. */
#define KSTACK_SIZE	 (16 * 1024)
#define KSTACK_SLOT_SIZE (32 * 1024)
#define KSTACK_SLOTS	 4096 /* 128 MiB of address space, so at most 4096 tasks */

#ifndef __ASSEMBLY__
#include <stdint.h>

/* boot.S maps only the first 1 GiB, until paging_init() builds the kernel's real tables. */
#define EARLY_MAP_SIZE (1UL << 30)

/*
 * The boot stack (in boot.S's .bss), and the page just below it, which paging_init() leaves
 * unmapped so that overflowing the stack faults instead of overwriting the boot page tables.
 */
extern char boot_stack_guard[], boot_stack_top[];

/* The direct map: the kernel reaches any physical address through it. */
static inline void *phys_to_virt(uint64_t phys)
{
	return (void *)(phys + PHYS_MAP_BASE);
}

static inline uint64_t virt_to_phys(const void *virt)
{
	uint64_t v = (uint64_t)virt;

	if (v >= KERNEL_VMA)
		return v - KERNEL_VMA;
	return v - PHYS_MAP_BASE;
}
#endif

#endif
