/*
 * The interrupt descriptor table: one gate per vector, each pointing at that vector's stub in
 * trapentry.S.  All gates are interrupt gates (the CPU clears IF on entry, so handlers run
 * with interrupts off) usable only from ring 0.  The double fault, the NMI and the machine
 * check run on their own interrupt stacks (IST, set up in gdt.c): a double fault is often a
 * kernel stack overflow, and an NMI or machine check may arrive at any instruction.
 *
 * One IDT serves every CPU; it is written once by idt_init() on the boot CPU and only read
 * afterwards.
 */
#include <arch/gdt.h>
#include <arch/interrupts.h>

#define TRAP_STUB_SIZE 16   /* as in trapentry.S */
#define GATE_INTERRUPT 0x8e /* present, DPL 0, 64-bit interrupt gate */

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));

struct idt_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

extern const char trap_stubs[];

static struct idt_gate idt[NR_VECTORS] __attribute__((aligned(16)));

static unsigned int vector_ist(unsigned int vector)
{
	switch (vector) {
	case 2:
		return IST_NMI;
	case 8:
		return IST_DOUBLE_FAULT;
	case 18:
		return IST_MACHINE_CHECK;
	default:
		return 0;
	}
}

static void set_gate(unsigned int vector)
{
	uint64_t stub = (uint64_t)(trap_stubs + vector * TRAP_STUB_SIZE);

	idt[vector] = (struct idt_gate){
		.offset_low = stub & 0xffff,
		.selector = KERNEL_CS,
		.ist = vector_ist(vector),
		.type = GATE_INTERRUPT,
		.offset_mid = (stub >> 16) & 0xffff,
		.offset_high = stub >> 32,
	};
}

void idt_load(void)
{
	struct idt_pointer pointer = { .limit = sizeof(idt) - 1, .base = (uint64_t)idt };

	__asm__ volatile("lidt %0" : : "m"(pointer));
}

void idt_init(void)
{
	for (unsigned int vector = 0; vector < NR_VECTORS; vector++)
		set_gate(vector);
	idt_load();
}
