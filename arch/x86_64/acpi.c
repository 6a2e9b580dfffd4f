/*
 * ACPI tables, read-only: enough to find the interrupt hardware and to power off.
 *
 *   RSDP  the root pointer: handed over by a multiboot2 loader, or found by scanning the
 *         first KiB of the EBDA and the BIOS area 0xe0000..0xfffff
 *   RSDT or XSDT  the list of all other tables (32- or 64-bit physical addresses)
 *   MADT ("APIC") the CPUs' local APIC ids, the IOAPICs, the ISA interrupt overrides
 *   FADT ("FACP") power-management ports, and the DSDT, whose AML names the S5 sleep values
 *
 * Every table is read through the direct map and checked against its checksum before use.
 * All of this happens once, on the boot CPU, before interrupts are enabled; afterwards the
 * state here is only read.
 */
#include <stdbool.h>
#include <stddef.h>
#include <kernel/bootinfo.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <lib/compiler.h>
#include <lib/string.h>
#include <arch/acpi.h>
#include <arch/memlayout.h>
#include <arch/x86.h>

struct acpi_rsdp {
	char signature[8]; /* "RSD PTR " */
	uint8_t checksum;  /* over the first 20 bytes */
	char oem_id[6];
	uint8_t revision; /* 0: ACPI 1.0, RSDT only; 2: ACPI 2.0+, with the fields below */
	uint32_t rsdt_phys;
	uint32_t length;
	uint64_t xsdt_phys;
	uint8_t extended_checksum; /* over all length bytes */
	uint8_t reserved[3];
} __packed;

struct acpi_header {
	char signature[4];
	uint32_t length; /* of the whole table, header included */
	uint8_t revision;
	uint8_t checksum;
	char oem_id[6];
	char oem_table_id[8];
	uint32_t oem_revision;
	uint32_t creator_id;
	uint32_t creator_revision;
} __packed;

struct acpi_madt {
	struct acpi_header header;
	uint32_t lapic_phys;
	uint32_t flags;
	uint8_t entries[]; /* each: type, length, body */
} __packed;

#define MADT_LOCAL_APIC		0
#define MADT_IOAPIC		1
#define MADT_INTERRUPT_OVERRIDE 2
#define MADT_CPU_ENABLED	(1u << 0)

struct madt_local_apic {
	uint8_t type, length;
	uint8_t acpi_cpu_id;
	uint8_t apic_id;
	uint32_t flags;
} __packed;

struct madt_ioapic {
	uint8_t type, length;
	uint8_t id;
	uint8_t reserved;
	uint32_t phys;
	uint32_t gsi_base;
} __packed;

struct madt_override {
	uint8_t type, length;
	uint8_t bus; /* 0: ISA */
	uint8_t source;
	uint32_t gsi;
	uint16_t flags; /* polarity in bits 0-1, trigger mode in bits 2-3 */
} __packed;

#define MPS_POLARITY_LOW  3
#define MPS_TRIGGER_LEVEL 3

/* The FADT up to the 64-bit DSDT address (later fields are not used). */
struct acpi_fadt {
	struct acpi_header header;
	uint32_t firmware_ctrl;
	uint32_t dsdt_phys;
	uint8_t reserved0;
	uint8_t preferred_pm_profile;
	uint16_t sci_interrupt;
	uint32_t smi_command_port;
	uint8_t acpi_enable;
	uint8_t acpi_disable;
	uint8_t s4bios_request;
	uint8_t pstate_control;
	uint32_t pm1a_event_block;
	uint32_t pm1b_event_block;
	uint32_t pm1a_control_block;
	uint32_t pm1b_control_block;
	uint8_t unused[60];
	uint64_t x_firmware_ctrl;
	uint64_t x_dsdt_phys;
} __packed;

BUILD_BUG_ON(sizeof(struct acpi_header) != 36);
BUILD_BUG_ON(offsetof(struct acpi_fadt, x_dsdt_phys) != 140);

/* PM1 control register bits. */
#define PM1_SCI_ENABLE	     (1u << 0)
#define PM1_SLEEP_TYPE_SHIFT 10
#define PM1_SLEEP_TYPE_MASK  (7u << PM1_SLEEP_TYPE_SHIFT)
#define PM1_SLEEP_ENABLE     (1u << 13)

/* AML opcodes found around the _S5_ package. */
#define AML_ZERO_OP	0x00
#define AML_ONE_OP	0x01
#define AML_NAME_OP	0x08
#define AML_BYTE_PREFIX 0x0a
#define AML_WORD_PREFIX 0x0b
#define AML_PACKAGE_OP	0x12
#define AML_ROOT_CHAR	'\\'

#define BIOS_EBDA_SEGMENT 0x40e
#define BIOS_AREA_START	  0xe0000
#define BIOS_AREA_END	  0x100000
#define ACPI_TABLE_MAX	  (1u << 20) /* a sanity bound on a table's length */

struct acpi_platform acpi_platform;

/* The RSDT or XSDT, NULL if none was found; set by acpi_init(). */
static const struct acpi_header *root_table;
static bool root_is_xsdt;

static bool checksum_ok(const void *data, size_t len)
{
	const uint8_t *bytes = data;
	uint8_t sum = 0;

	for (size_t i = 0; i < len; i++)
		sum += bytes[i];
	return sum == 0;
}

static bool rsdp_valid(const struct acpi_rsdp *rsdp)
{
	if (memcmp(rsdp->signature, "RSD PTR ", 8) != 0 || !checksum_ok(rsdp, 20))
		return false;
	return rsdp->revision < 2 || checksum_ok(rsdp, sizeof(*rsdp));
}

static const struct acpi_rsdp *scan_for_rsdp(uint64_t start, uint64_t end)
{
	for (uint64_t phys = start; phys + sizeof(struct acpi_rsdp) <= end; phys += 16) {
		const struct acpi_rsdp *rsdp = phys_to_virt(phys);

		if (rsdp_valid(rsdp))
			return rsdp;
	}
	return NULL;
}

/* The RSDP: the boot loader's copy (multiboot2), else the BIOS areas; NULL if none. */
static const struct acpi_rsdp *find_rsdp(const struct boot_info *info)
{
	const struct acpi_rsdp *copy = (const struct acpi_rsdp *)info->rsdp_copy;
	uint16_t ebda_segment;
	uint64_t ebda;
	const struct acpi_rsdp *rsdp;

	if (rsdp_valid(copy))
		return copy;
	if (info->rsdp_phys && rsdp_valid(phys_to_virt(info->rsdp_phys)))
		return phys_to_virt(info->rsdp_phys);
	ebda_segment = *(const uint16_t *)phys_to_virt(BIOS_EBDA_SEGMENT);
	ebda = (uint64_t)ebda_segment << 4;
	if (ebda >= 0x80000 && ebda < 0xa0000) {
		rsdp = scan_for_rsdp(ebda, ebda + 1024);
		if (rsdp)
			return rsdp;
	}
	return scan_for_rsdp(BIOS_AREA_START, BIOS_AREA_END);
}

/* The table at phys if its length is sane and its checksum right, else NULL. */
static const struct acpi_header *map_table(uint64_t phys)
{
	const struct acpi_header *table;

	if (phys == 0)
		return NULL;
	table = phys_to_virt(phys);
	if (table->length < sizeof(*table) || table->length > ACPI_TABLE_MAX ||
	    !checksum_ok(table, table->length))
		return NULL;
	return table;
}

static unsigned int root_entry_count(void)
{
	size_t entry_size = root_is_xsdt ? 8 : 4;

	return (unsigned int)((root_table->length - sizeof(*root_table)) / entry_size);
}

static uint64_t root_entry(unsigned int i)
{
	const uint8_t *entries = (const uint8_t *)(root_table + 1);

	if (root_is_xsdt)
		return ((const uint64_t *)entries)[i];
	return ((const uint32_t *)entries)[i];
}

static const struct acpi_header *fadt_dsdt(const struct acpi_fadt *fadt)
{
	if (fadt->header.length >= sizeof(*fadt) && fadt->x_dsdt_phys)
		return map_table(fadt->x_dsdt_phys);
	return map_table(fadt->dsdt_phys);
}

const void *acpi_find_table(const char *signature)
{
	if (!root_table)
		return NULL;
	if (memcmp(signature, "DSDT", 4) == 0) {
		const struct acpi_fadt *fadt = acpi_find_table("FACP");

		return fadt ? fadt_dsdt(fadt) : NULL;
	}
	for (unsigned int i = 0; i < root_entry_count(); i++) {
		const struct acpi_header *table = map_table(root_entry(i));

		if (table && memcmp(table->signature, signature, 4) == 0)
			return table;
	}
	return NULL;
}

/* ---- MADT ---- */

static void set_default_platform(void)
{
	acpi_platform.ncpus = 1;
	acpi_platform.nioapics = 1;
	acpi_platform.ioapics[0] = (struct acpi_ioapic){ .phys = 0xfec00000, .gsi_base = 0 };
	for (unsigned int irq = 0; irq < ISA_IRQS; irq++)
		acpi_platform.isa[irq] = (struct acpi_isa_route){ .gsi = irq };
}

static void madt_add_cpu(const struct madt_local_apic *entry, unsigned int *ncpus)
{
	if (!(entry->flags & MADT_CPU_ENABLED))
		return;
	if (*ncpus == MAX_CPUS) {
		pr_warn("acpi: more than %d CPUs; APIC id %u left out\n", MAX_CPUS, entry->apic_id);
		return;
	}
	acpi_platform.cpu_apic_ids[(*ncpus)++] = entry->apic_id;
}

static void madt_add_ioapic(const struct madt_ioapic *entry, unsigned int *nioapics)
{
	if (*nioapics == ACPI_MAX_IOAPICS) {
		pr_warn("acpi: more than %d IOAPICs; %#x left out\n", ACPI_MAX_IOAPICS,
			entry->phys);
		return;
	}
	acpi_platform.ioapics[(*nioapics)++] = (struct acpi_ioapic){ .phys = entry->phys,
								     .gsi_base = entry->gsi_base,
								     .id = entry->id };
}

static void madt_add_override(const struct madt_override *entry)
{
	if (entry->bus != 0 || entry->source >= ISA_IRQS)
		return;
	acpi_platform.isa[entry->source] = (struct acpi_isa_route){
		.gsi = entry->gsi,
		.active_low = (entry->flags & 3) == MPS_POLARITY_LOW,
		.level_triggered = ((entry->flags >> 2) & 3) == MPS_TRIGGER_LEVEL,
	};
}

static void parse_madt(const struct acpi_madt *madt)
{
	const uint8_t *entry = madt->entries;
	const uint8_t *end = (const uint8_t *)madt + madt->header.length;
	unsigned int ncpus = 0, nioapics = 0;

	for (; entry + 2 <= end && entry[1] >= 2 && entry + entry[1] <= end; entry += entry[1]) {
		if (entry[0] == MADT_LOCAL_APIC && entry[1] >= sizeof(struct madt_local_apic))
			madt_add_cpu((const struct madt_local_apic *)entry, &ncpus);
		else if (entry[0] == MADT_IOAPIC && entry[1] >= sizeof(struct madt_ioapic))
			madt_add_ioapic((const struct madt_ioapic *)entry, &nioapics);
		else if (entry[0] == MADT_INTERRUPT_OVERRIDE &&
			 entry[1] >= sizeof(struct madt_override))
			madt_add_override((const struct madt_override *)entry);
	}
	if (ncpus)
		acpi_platform.ncpus = ncpus;
	if (nioapics)
		acpi_platform.nioapics = nioapics;
}

static void log_platform(void)
{
	pr_info("acpi: %u CPU%s, %u IOAPIC%s (first at %#lx, GSI %u)\n", acpi_platform.ncpus,
		acpi_platform.ncpus == 1 ? "" : "s", acpi_platform.nioapics,
		acpi_platform.nioapics == 1 ? "" : "s", acpi_platform.ioapics[0].phys,
		acpi_platform.ioapics[0].gsi_base);
	for (unsigned int irq = 0; irq < ISA_IRQS; irq++) {
		const struct acpi_isa_route *route = &acpi_platform.isa[irq];

		if (route->gsi != irq || route->active_low || route->level_triggered)
			pr_info("acpi: ISA IRQ %u -> GSI %u%s%s\n", irq, route->gsi,
				route->active_low ? ", active low" : "",
				route->level_triggered ? ", level" : "");
	}
}

void acpi_init(const struct boot_info *info)
{
	const struct acpi_rsdp *rsdp = find_rsdp(info);
	const struct acpi_madt *madt;

	set_default_platform();
	if (!rsdp) {
		pr_warn("acpi: no RSDP found; assuming a standard PC\n");
		return;
	}
	root_is_xsdt = rsdp->revision >= 2 && rsdp->xsdt_phys != 0;
	root_table = map_table(root_is_xsdt ? rsdp->xsdt_phys : rsdp->rsdt_phys);
	if (!root_table) {
		pr_warn("acpi: %s is missing or corrupt; assuming a standard PC\n",
			root_is_xsdt ? "XSDT" : "RSDT");
		return;
	}
	pr_info("acpi: RSDP %s, revision %u, %s with %u tables\n",
		rsdp == (const void *)info->rsdp_copy ? "from the boot loader"
						      : "found in BIOS memory",
		rsdp->revision, root_is_xsdt ? "XSDT" : "RSDT", root_entry_count());
	madt = acpi_find_table("APIC");
	if (madt)
		parse_madt(madt);
	else
		pr_warn("acpi: no MADT; assuming one IOAPIC at 0xfec00000\n");
	log_platform();
}

/* ---- power off ---- */

/* One small integer of AML at *p: ZeroOp, OneOp, BytePrefix n or WordPrefix n. */
static int aml_small_integer(const uint8_t **p, const uint8_t *end, unsigned int *value)
{
	const uint8_t *q = *p;

	if (q >= end)
		return -EINVAL;
	if (*q == AML_ZERO_OP || *q == AML_ONE_OP) {
		*value = *q;
		*p = q + 1;
	} else if (*q == AML_BYTE_PREFIX && q + 2 <= end) {
		*value = q[1];
		*p = q + 2;
	} else if (*q == AML_WORD_PREFIX && q + 3 <= end) {
		*value = q[1] | (unsigned int)q[2] << 8;
		*p = q + 3;
	} else {
		return -EINVAL;
	}
	return 0;
}

/*
 * Parse "Name (_S5, Package () { SLP_TYPa, SLP_TYPb, ... })" at name, which points at the
 * "_S5_" found in the DSDT: NameOp, the name, PackageOp, PkgLength, NumElements, elements.
 */
static int parse_s5_package(const uint8_t *start, const uint8_t *name, const uint8_t *end,
			    unsigned int *type_a, unsigned int *type_b)
{
	const uint8_t *p = name + 4;

	if (!(name - start >= 1 && name[-1] == AML_NAME_OP) &&
	    !(name - start >= 2 && name[-1] == AML_ROOT_CHAR && name[-2] == AML_NAME_OP))
		return -EINVAL;
	if (p >= end || *p != AML_PACKAGE_OP)
		return -EINVAL;
	p++;
	if (p >= end)
		return -EINVAL;
	p += 1 + (*p >> 6) + 1; /* PkgLength (1 to 4 bytes), then NumElements */
	if (aml_small_integer(&p, end, type_a) < 0 || aml_small_integer(&p, end, type_b) < 0)
		return -EINVAL;
	return 0;
}

/* Find the S5 sleep-type values in the DSDT's AML by a plain byte search for "_S5_". */
static int find_s5_sleep_types(const struct acpi_header *dsdt, unsigned int *type_a,
			       unsigned int *type_b)
{
	const uint8_t *start = (const uint8_t *)(dsdt + 1);
	const uint8_t *end = (const uint8_t *)dsdt + dsdt->length;

	for (const uint8_t *p = start; p + 4 <= end; p++) {
		if (memcmp(p, "_S5_", 4) == 0 &&
		    parse_s5_package(start, p, end, type_a, type_b) == 0)
			return 0;
	}
	return -ENOENT;
}

/* Switch the chipset from legacy (SMM) to ACPI mode if the firmware left it in legacy. */
static void enable_acpi_mode(const struct acpi_fadt *fadt)
{
	uint16_t control = (uint16_t)fadt->pm1a_control_block;

	if ((inw(control) & PM1_SCI_ENABLE) || !fadt->smi_command_port || !fadt->acpi_enable)
		return;
	outb((uint16_t)fadt->smi_command_port, fadt->acpi_enable);
	for (int ms = 0; ms < 3000 && !(inw(control) & PM1_SCI_ENABLE); ms++)
		udelay_ns(NSEC_PER_MSEC);
}

/* Write a sleep type into a PM1 control register (if the block exists), plus extra bits. */
static void write_sleep_type(uint32_t port, unsigned int type, uint16_t extra)
{
	uint16_t value;

	if (!port)
		return;
	value = (uint16_t)((inw((uint16_t)port) & ~PM1_SLEEP_TYPE_MASK) |
			   ((type << PM1_SLEEP_TYPE_SHIFT) & PM1_SLEEP_TYPE_MASK));
	outw((uint16_t)port, value | extra);
}

void acpi_power_off(void)
{
	const struct acpi_fadt *fadt = acpi_find_table("FACP");
	const struct acpi_header *dsdt;
	unsigned int type_a, type_b;

	if (!fadt || fadt->header.length < offsetof(struct acpi_fadt, unused) ||
	    !fadt->pm1a_control_block) {
		pr_err("acpi: no FADT with a PM1 control block; cannot power off\n");
		return;
	}
	dsdt = fadt_dsdt(fadt);
	if (!dsdt || find_s5_sleep_types(dsdt, &type_a, &type_b) < 0) {
		pr_err("acpi: no \\_S5 sleep state in the DSDT; cannot power off\n");
		return;
	}
	enable_acpi_mode(fadt);
	/* As the specification asks: both sleep types first, then sleep enable in both. */
	write_sleep_type(fadt->pm1a_control_block, type_a, 0);
	write_sleep_type(fadt->pm1b_control_block, type_b, 0);
	write_sleep_type(fadt->pm1a_control_block, type_a, PM1_SLEEP_ENABLE);
	write_sleep_type(fadt->pm1b_control_block, type_b, PM1_SLEEP_ENABLE);
	udelay_ns(100 * NSEC_PER_MSEC); /* the machine should be off by now */
}
