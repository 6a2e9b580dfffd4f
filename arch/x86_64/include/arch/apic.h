/*
 * The local APIC (per CPU: timer, end of interrupt, IPIs) and the IOAPIC (routes device
 * interrupt lines to CPUs).  The 8259 PICs are remapped and masked.
 */
#ifndef ARCH_APIC_H
#define ARCH_APIC_H

#include <stdint.h>

/* Remap the 8259 PICs away from the exception vectors and mask every line. */
void pic_disable(void);

/* Map and enable this CPU's local APIC (masking the legacy PICs first, on the boot CPU). */
void lapic_init(void);
void lapic_eoi(void);
uint32_t lapic_id(void);

/* Local APIC registers, for the timer. */
uint32_t lapic_read(uint32_t reg);
void lapic_write(uint32_t reg, uint32_t value);

#define LAPIC_REG_LVT_TIMER	0x320
#define LAPIC_REG_TIMER_INITIAL 0x380
#define LAPIC_REG_TIMER_CURRENT 0x390
#define LAPIC_REG_TIMER_DIVIDE	0x3e0
#define LAPIC_LVT_MASKED	(1u << 16)
#define LAPIC_TIMER_PERIODIC	(1u << 17)
#define LAPIC_TIMER_DIVIDE_BY_1 0xb

/*
 * Inter-processor interrupts, to the CPU whose local APIC id is apic_id: a fixed vector, an
 * NMI, and the INIT and STARTUP messages that start an application processor (the STARTUP
 * vector is the page number, below 1 MiB, where it begins in real mode).
 */
void lapic_send_ipi(unsigned int apic_id, uint8_t vector);
void lapic_send_nmi(unsigned int apic_id);
void lapic_send_init(unsigned int apic_id);
void lapic_send_startup(unsigned int apic_id, uint8_t page);

/* Map every IOAPIC the firmware reports and mask all their inputs. */
void ioapic_init(void);
/* Send IOAPIC input gsi to vector on the boot CPU, unmasked (edge-triggered, active high). */
void ioapic_route(unsigned int gsi, uint8_t vector);
/*
 * Send ISA line irq to vector on the boot CPU, unmasked, through the input and with the
 * polarity and trigger mode the firmware's interrupt source overrides give it.
 */
void ioapic_route_isa_irq(unsigned int irq, uint8_t vector);
/* Mask ISA line irq again (at the input ioapic_route_isa_irq() used). */
void ioapic_mask_isa_irq(unsigned int irq);

/*
 * Start the PIT counting for the TSC's calibration, which timer_init() finishes: the first
 * thing the kernel does, so that the PIT's time passes while the kernel starts.
 */
void timer_start_calibration(void);

/* Calibrate the TSC against the PIT and the LAPIC timer against the TSC; start the tick. */
void timer_init(void);

/* Start this application processor's periodic tick with the boot CPU's calibration. */
void timer_init_cpu(void);

#endif
