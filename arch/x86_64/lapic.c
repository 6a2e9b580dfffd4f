/*
 * The local APIC: each CPU's own interrupt controller.  It receives interrupts from the
 * IOAPIC and other CPUs, runs the timer (timer.c), and wants an end of interrupt (EOI)
 * after each interrupt handled.
 *
 * Its registers are 32-bit, 16 bytes apart, in a 4 KiB page at the physical address the
 * APIC_BASE MSR reports (0xfee00000 on every PC), mapped uncached through the MMIO window.
 * Every CPU sees its own local APIC at that same address, so one mapping serves all.
 */
#include <kernel/cpu.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/interrupts.h>
#include <arch/mmio.h>
#include <arch/x86.h>

#define APIC_BASE_ENABLE       (1UL << 11)
#define APIC_BASE_ADDRESS_MASK 0xffffffffff000UL

#define LAPIC_REG_ID	    0x20
#define LAPIC_REG_VERSION   0x30
#define LAPIC_REG_TPR	    0x80
#define LAPIC_REG_EOI	    0xb0
#define LAPIC_REG_SVR	    0xf0
#define LAPIC_REG_ESR	    0x280
#define LAPIC_REG_LVT_LINT0 0x350
#define LAPIC_REG_LVT_LINT1 0x360
#define LAPIC_REG_LVT_ERROR 0x370

#define LAPIC_REG_ICR_LOW  0x300
#define LAPIC_REG_ICR_HIGH 0x310

#define LAPIC_SVR_ENABLE       (1u << 8)
#define LAPIC_DELIVERY_NMI     (4u << 8)
#define LAPIC_DELIVERY_INIT    (5u << 8)
#define LAPIC_DELIVERY_STARTUP (6u << 8)
#define LAPIC_ICR_PENDING      (1u << 12)
#define LAPIC_ICR_ASSERT       (1u << 14)

/* Set once by the boot CPU's lapic_init(); read-only afterwards. */
static volatile uint32_t *lapic_regs;

uint32_t lapic_read(uint32_t reg)
{
	return lapic_regs[reg / 4];
}

void lapic_write(uint32_t reg, uint32_t value)
{
	lapic_regs[reg / 4] = value;
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_REG_EOI, 0);
}

uint32_t lapic_id(void)
{
	return lapic_read(LAPIC_REG_ID) >> 24;
}

static void lapic_map(uint64_t phys)
{
	lapic_regs = mmio_map(phys, PAGE_SIZE);
	if (!lapic_regs)
		panic("lapic: cannot map the local APIC at %#lx", phys);
	pr_info("lapic: at %#lx, id %u, version %#x\n", phys, lapic_id(),
		lapic_read(LAPIC_REG_VERSION) & 0xff);
}

/*
 * Enable this CPU's local APIC with every local interrupt masked except LINT1, which the
 * firmware wires to NMI; interrupts from the 8259 (LINT0) stay off.
 */
void lapic_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);

	wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	if (!lapic_regs) {
		pic_disable();
		lapic_map(base & APIC_BASE_ADDRESS_MASK);
	}
	this_cpu()->arch.apic_id = lapic_id();
	lapic_write(LAPIC_REG_SVR, LAPIC_SVR_ENABLE | VECTOR_SPURIOUS);
	lapic_write(LAPIC_REG_LVT_TIMER, LAPIC_LVT_MASKED);
	lapic_write(LAPIC_REG_LVT_LINT0, LAPIC_LVT_MASKED);
	lapic_write(LAPIC_REG_LVT_LINT1, LAPIC_DELIVERY_NMI);
	lapic_write(LAPIC_REG_LVT_ERROR, LAPIC_LVT_MASKED);
	lapic_write(LAPIC_REG_ESR, 0); /* the error status is cleared by two writes */
	lapic_write(LAPIC_REG_ESR, 0);
	lapic_write(LAPIC_REG_TPR, 0); /* accept every priority */
	lapic_eoi();		       /* drop anything the firmware left in service */
}

/*
 * Write the interrupt command register: destination first, then the low word, which sends.
 * Interrupts stay off so that no handler on this CPU sends between the two writes.
 */
static void lapic_send(unsigned int apic_id, uint32_t command)
{
	bool were_enabled = arch_irq_save();

	while (lapic_read(LAPIC_REG_ICR_LOW) & LAPIC_ICR_PENDING)
		cpu_relax();
	lapic_write(LAPIC_REG_ICR_HIGH, apic_id << 24);
	lapic_write(LAPIC_REG_ICR_LOW, command);
	while (lapic_read(LAPIC_REG_ICR_LOW) & LAPIC_ICR_PENDING)
		cpu_relax();
	arch_irq_restore(were_enabled);
}

void lapic_send_ipi(unsigned int apic_id, uint8_t vector)
{
	lapic_send(apic_id, LAPIC_ICR_ASSERT | vector);
}

void lapic_send_nmi(unsigned int apic_id)
{
	lapic_send(apic_id, LAPIC_ICR_ASSERT | LAPIC_DELIVERY_NMI);
}

void lapic_send_init(unsigned int apic_id)
{
	lapic_send(apic_id, LAPIC_ICR_ASSERT | LAPIC_DELIVERY_INIT);
}

void lapic_send_startup(unsigned int apic_id, uint8_t page)
{
	lapic_send(apic_id, LAPIC_ICR_ASSERT | LAPIC_DELIVERY_STARTUP | page);
}
