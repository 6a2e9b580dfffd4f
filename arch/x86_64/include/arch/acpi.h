/*
 * ACPI, the little Corral needs of it: finding tables (MADT for CPUs and IOAPICs, FADT for
 * power-off) and entering the S5 (soft off) sleep state.
 *
 * acpi_init() also reads the MADT into struct acpi_platform, the machine's interrupt
 * hardware: which CPUs exist, where the IOAPICs are, and how ISA lines reach them.
 */
#ifndef ARCH_ACPI_H
#define ARCH_ACPI_H

#include <stdbool.h>
#include <stdint.h>
#include <kernel/cpu.h>

struct boot_info;

#define ACPI_MAX_IOAPICS 4
#define ISA_IRQS	 16

struct acpi_ioapic {
	uint64_t phys;	   /* register base */
	uint32_t gsi_base; /* the global system interrupt of its input 0 */
	uint8_t id;
};

/* How an ISA line reaches the IOAPICs (identity, edge, active high unless overridden). */
struct acpi_isa_route {
	uint32_t gsi;
	bool active_low;
	bool level_triggered;
};

/*
 * Written by acpi_init() on the boot CPU before interrupts are enabled or other CPUs start;
 * read-only afterwards, so read without a lock.  Without a MADT it describes a standard PC:
 * one IOAPIC at 0xfec00000 with ISA lines mapped one to one.
 */
struct acpi_platform {
	unsigned int ncpus;		/* enabled CPUs, the boot CPU among them */
	uint8_t cpu_apic_ids[MAX_CPUS]; /* their local APIC ids, for starting them */
	unsigned int nioapics;
	struct acpi_ioapic ioapics[ACPI_MAX_IOAPICS];
	struct acpi_isa_route isa[ISA_IRQS]; /* indexed by ISA line */
};

extern struct acpi_platform acpi_platform;

/* Find the RSDP (from the boot loader, or by scanning the BIOS areas) and the tables. */
void acpi_init(const struct boot_info *info);

/* Find a table by its 4-character signature ("APIC", "FACP"); NULL if absent. */
const void *acpi_find_table(const char *signature);

/* Enter S5; returns only if ACPI power-off is not possible on this machine. */
void acpi_power_off(void);

#endif
