/*
 * Thin C wrappers around single x86 instructions: port I/O, control registers, MSRs, CPUID,
 * interrupt flag, TLB.  This header and the .S files are the only inline assembly in Corral;
 * everything outside arch/ reaches the CPU through <arch/cpu.h>.
 */
#ifndef ARCH_X86_H
#define ARCH_X86_H

#include <stdint.h>

static inline void outb(uint16_t port, uint8_t value)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t value)
{
	__asm__ volatile("outw %0, %1" : : "a"(value), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t value)
{
	__asm__ volatile("outl %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t value;

	__asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline uint16_t inw(uint16_t port)
{
	uint16_t value;

	__asm__ volatile("inw %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t value;

	__asm__ volatile("inl %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline uint64_t read_cr0(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline void write_cr0(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline uint64_t read_cr2(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint64_t read_cr3(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline uint64_t read_cr4(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void write_cr4(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t value)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)value), "d"((uint32_t)(value >> 32)));
}

struct cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct cpuid_regs cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct cpuid_regs r;

	__asm__ volatile("cpuid"
			 : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			 : "a"(leaf), "c"(subleaf));
	return r;
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t read_rflags(void)
{
	uint64_t flags;

	__asm__ volatile("pushfq; popq %0" : "=r"(flags));
	return flags;
}

static inline void invlpg(uint64_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline uint64_t read_rbp(void)
{
	uint64_t rbp;

	__asm__ volatile("mov %%rbp, %0" : "=r"(rbp));
	return rbp;
}

#define MSR_EFER	   0xC0000080
#define MSR_FS_BASE	   0xC0000100
#define MSR_GS_BASE	   0xC0000101
#define MSR_KERNEL_GS_BASE 0xC0000102
#define MSR_APIC_BASE	   0x1B
#define MSR_STAR	   0xC0000081 /* syscall/sysret segment selectors */
#define MSR_LSTAR	   0xC0000082 /* syscall entry point */
#define MSR_FMASK	   0xC0000084 /* RFLAGS bits syscall clears */

#define EFER_SCE (1UL << 0) /* syscall/sysret enabled */

#define CR0_MP	       (1UL << 1)  /* wait/fwait honour TS */
#define CR0_EM	       (1UL << 2)  /* x87 emulation: must be clear for SSE */
#define CR0_TS	       (1UL << 3)  /* task switched: the next FPU instruction traps (lazy FPU) */
#define CR0_NE	       (1UL << 5)  /* x87 errors as exceptions, not IRQ 13 */
#define CR4_OSFXSR     (1UL << 9)  /* fxsave/fxrstor and SSE enabled */
#define CR4_OSXMMEXCPT (1UL << 10) /* SIMD exceptions as #XM */

#define RFLAGS_TF   (1UL << 8)
#define RFLAGS_DF   (1UL << 10)
#define RFLAGS_IOPL (3UL << 12)
#define RFLAGS_NT   (1UL << 14)
#define RFLAGS_RF   (1UL << 16)
#define RFLAGS_AC   (1UL << 18)

#define RFLAGS_IF (1UL << 9)

#endif
