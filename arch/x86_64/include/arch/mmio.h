/*
 * The MMIO window: where device registers get kernel virtual addresses.
 *
 * Device registers such as the local APIC's (0xfee00000) and the IOAPIC's (0xfec00000) are
 * not RAM, so the direct map does not cover them.  mmio_map() maps them here, uncached, in
 * the top 1 GiB of the address space (above the kernel image's 2 MiB-aligned area):
 *
 *   MMIO_WINDOW_BASE .. MMIO_WINDOW_BASE + MMIO_WINDOW_SIZE
 *
 * Addresses are handed out upwards and never reused, with an unmapped page after each
 * range, so a run past the end of one faults instead of touching the next.
 */
#ifndef ARCH_MMIO_H
#define ARCH_MMIO_H

#include <stddef.h>
#include <stdint.h>

#define MMIO_WINDOW_BASE 0xffffffffc0000000UL
#define MMIO_WINDOW_SIZE (256UL << 20)

/* Map size bytes of device memory at physical phys; NULL if out of room or memory. */
void *mmio_map(uint64_t phys, size_t size);

/*
 * Reserve pages pages of the window, left unmapped, for the caller to map (with
 * kernel_map_page()); returns the lowest address, or 0 if the window is full.  The page
 * before the range is never mapped either, so a stack placed here has a guard page.
 */
uint64_t mmio_window_reserve(size_t pages);

#endif
