/*
 * The two 8259 programmable interrupt controllers of the PC.  Corral takes interrupts through
 * the local APIC and IOAPIC instead, but the PICs power up delivering IRQs 0-15 on vectors
 * 8-15 and 0x70-0x77, on top of the CPU exceptions.  pic_disable() moves them to
 * 0x20-0x2f, where a stray (spurious) PIC interrupt is at least harmless, and masks every
 * line.
 */
#include <arch/apic.h>
#include <arch/interrupts.h>
#include <arch/x86.h>

#define PIC1_COMMAND 0x20
#define PIC1_DATA    0x21
#define PIC2_COMMAND 0xa0
#define PIC2_DATA    0xa1

#define ICW1_INIT	  0x10
#define ICW1_NEED_ICW4	  0x01
#define ICW4_8086	  0x01
#define PIC2_CASCADE_LINE 2 /* the secondary PIC is wired to line 2 of the primary */

/* A write to an unused port: a short pause the old PICs need between commands. */
static void io_wait(void)
{
	outb(0x80, 0);
}

static void pic_write(uint16_t port, uint8_t value)
{
	outb(port, value);
	io_wait();
}

void pic_disable(void)
{
	pic_write(PIC1_COMMAND, ICW1_INIT | ICW1_NEED_ICW4);
	pic_write(PIC2_COMMAND, ICW1_INIT | ICW1_NEED_ICW4);
	pic_write(PIC1_DATA, IRQ_BASE_VECTOR); /* ICW2: vector base */
	pic_write(PIC2_DATA, IRQ_BASE_VECTOR + 8);
	pic_write(PIC1_DATA, 1 << PIC2_CASCADE_LINE); /* ICW3: where the secondary is */
	pic_write(PIC2_DATA, PIC2_CASCADE_LINE);
	pic_write(PIC1_DATA, ICW4_8086);
	pic_write(PIC2_DATA, ICW4_8086);
	pic_write(PIC1_DATA, 0xff); /* mask every line */
	pic_write(PIC2_DATA, 0xff);
}
