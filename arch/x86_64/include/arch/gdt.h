/*
 * Segment selectors, the GDT layout and the 64-bit TSS.  In long mode segments are mostly
 * vestigial: the GDT gives code segments their privilege level and holds the TSS, whose job
 * is to name the stacks the CPU switches to on an interrupt (rsp0 and the IST stacks).
 */
#ifndef ARCH_GDT_H
#define ARCH_GDT_H

#include <arch/memlayout.h>

#define GDT_KERNEL_CODE 1
#define GDT_KERNEL_DATA 2
#define GDT_USER_DATA	3 /* user data before user code: the order sysret expects */
#define GDT_USER_CODE	4
#define GDT_TSS		5 /* a TSS descriptor takes two entries */
#define GDT_ENTRIES	7

#define KERNEL_CS    (GDT_KERNEL_CODE * 8)
#define KERNEL_DS    (GDT_KERNEL_DATA * 8)
#define USER_DS	     (GDT_USER_DATA * 8 + 3)
#define USER_CS	     (GDT_USER_CODE * 8 + 3)
#define TSS_SELECTOR (GDT_TSS * 8)

/* Interrupt stack table slots (1-based, as the IDT names them). */
#define IST_DOUBLE_FAULT  1
#define IST_NMI		  2
#define IST_MACHINE_CHECK 3

#ifndef __ASSEMBLY__
#include <stdint.h>

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3]; /* stack for entering ring 0 from ring 3 is rsp[0] */
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

/* Load this CPU's GDT and TSS (built in its struct cpu). */
void gdt_init_cpu(void);
#endif

#endif
