/*
 * The IOAPIC: turns device interrupt lines into messages to a local APIC.
 *
 * Each input (a global system interrupt, GSI, numbered across all IOAPICs from each one's
 * gsi_base) has a 64-bit redirection entry: vector, polarity, trigger mode, mask and the
 * destination APIC id.  Registers are reached indirectly: write the register's index to
 * IOREGSEL, then read or write IOWIN.  Every input starts masked and is unmasked when a
 * handler is registered for it (irq_register()); all go to the boot CPU.
 *
 * The IOAPICs and the ISA overrides come from the MADT (acpi.c).
 */
#include <stdbool.h>
#include <kernel/cpu.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <arch/acpi.h>
#include <arch/apic.h>
#include <arch/mmio.h>

#define IOAPIC_IOREGSEL	       0
#define IOAPIC_IOWIN	       4 /* in 32-bit words: byte offset 0x10 */
#define IOAPIC_REG_VERSION     0x01
#define IOAPIC_REG_REDIRECTION 0x10 /* entry n is registers 0x10 + 2n (low), + 1 (high) */

#define REDIRECT_ACTIVE_LOW	   (1u << 13)
#define REDIRECT_LEVEL		   (1u << 15)
#define REDIRECT_MASKED		   (1u << 16)
#define REDIRECT_DESTINATION_SHIFT 24 /* in the high word: physical APIC id */

struct ioapic {
	volatile uint32_t *regs;
	uint32_t gsi_base;
	unsigned int nr_inputs;
};

/* Filled by ioapic_init() on the boot CPU before interrupts are on; fixed afterwards. */
static struct ioapic ioapics[ACPI_MAX_IOAPICS];
static unsigned int nr_ioapics;

/* Keeps each IOREGSEL write and its IOWIN access together. */
static struct spinlock ioapic_lock = SPINLOCK_INIT("ioapic");

static uint32_t ioapic_read(struct ioapic *io, uint32_t reg)
{
	io->regs[IOAPIC_IOREGSEL] = reg;
	return io->regs[IOAPIC_IOWIN];
}

static void ioapic_write(struct ioapic *io, uint32_t reg, uint32_t value)
{
	io->regs[IOAPIC_IOREGSEL] = reg;
	io->regs[IOAPIC_IOWIN] = value;
}

/* Write redirection entry input of io; the caller holds ioapic_lock. */
static void write_redirection(struct ioapic *io, unsigned int input, uint32_t low, uint32_t high)
{
	uint32_t reg = IOAPIC_REG_REDIRECTION + 2 * input;

	assert_spin_locked(&ioapic_lock);
	ioapic_write(io, reg, REDIRECT_MASKED);
	ioapic_write(io, reg + 1, high);
	ioapic_write(io, reg, low);
}

static void ioapic_setup(struct ioapic *io, const struct acpi_ioapic *info)
{
	unsigned long flags;

	io->regs = mmio_map(info->phys, PAGE_SIZE);
	if (!io->regs)
		panic("ioapic: cannot map the IOAPIC at %#lx", info->phys);
	io->gsi_base = info->gsi_base;
	io->nr_inputs = ((ioapic_read(io, IOAPIC_REG_VERSION) >> 16) & 0xff) + 1;
	flags = spin_lock_irqsave(&ioapic_lock);
	for (unsigned int input = 0; input < io->nr_inputs; input++)
		write_redirection(io, input, REDIRECT_MASKED, 0);
	spin_unlock_irqrestore(&ioapic_lock, flags);
	pr_info("ioapic: at %#lx, GSIs %u-%u\n", info->phys, io->gsi_base,
		io->gsi_base + io->nr_inputs - 1);
}

void ioapic_init(void)
{
	for (unsigned int i = 0; i < acpi_platform.nioapics; i++)
		ioapic_setup(&ioapics[i], &acpi_platform.ioapics[i]);
	nr_ioapics = acpi_platform.nioapics;
}

static struct ioapic *ioapic_for_gsi(unsigned int gsi)
{
	for (unsigned int i = 0; i < nr_ioapics; i++) {
		if (gsi >= ioapics[i].gsi_base && gsi < ioapics[i].gsi_base + ioapics[i].nr_inputs)
			return &ioapics[i];
	}
	return NULL;
}

static void route_gsi(unsigned int gsi, uint8_t vector, bool active_low, bool level)
{
	struct ioapic *io = ioapic_for_gsi(gsi);
	uint32_t low =
	    vector | (active_low ? REDIRECT_ACTIVE_LOW : 0) | (level ? REDIRECT_LEVEL : 0);
	uint32_t high = cpus[0].arch.apic_id << REDIRECT_DESTINATION_SHIFT;
	unsigned long flags;

	if (!io) {
		pr_err("ioapic: no IOAPIC has GSI %u; vector %u stays silent\n", gsi, vector);
		return;
	}
	flags = spin_lock_irqsave(&ioapic_lock);
	write_redirection(io, gsi - io->gsi_base, low, high);
	spin_unlock_irqrestore(&ioapic_lock, flags);
}

void ioapic_route(unsigned int gsi, uint8_t vector)
{
	route_gsi(gsi, vector, false, false);
}

/* The IOAPIC input of ISA line irq (lines above 15 are GSIs already). */
static struct acpi_isa_route isa_route(unsigned int irq)
{
	if (irq >= ISA_IRQS)
		return (struct acpi_isa_route){ .gsi = irq };
	return acpi_platform.isa[irq];
}

void ioapic_route_isa_irq(unsigned int irq, uint8_t vector)
{
	struct acpi_isa_route route = isa_route(irq);

	route_gsi(route.gsi, vector, route.active_low, route.level_triggered);
}

void ioapic_mask_isa_irq(unsigned int irq)
{
	struct ioapic *io = ioapic_for_gsi(isa_route(irq).gsi);
	unsigned long flags;

	if (!io)
		return;
	flags = spin_lock_irqsave(&ioapic_lock);
	write_redirection(io, isa_route(irq).gsi - io->gsi_base, REDIRECT_MASKED, 0);
	spin_unlock_irqrestore(&ioapic_lock, flags);
}
