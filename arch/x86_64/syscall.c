/*
 * Enabling the `syscall` instruction on a CPU: the MSRs that say where it enters, on which
 * segments, and which flags it clears (the entry itself is arch/x86_64/syscall.S).
 *
 * STAR holds two selector bases.  Bits 47:32 are the kernel's: syscall loads CS from it and
 * SS from it + 8 (KERNEL_CS, KERNEL_DS).  Bits 63:48 are for sysret to 64-bit mode, which
 * loads SS from it + 8 and CS from it + 16, both with RPL 3: so the GDT has user data just
 * below user code (<arch/gdt.h>), and the base is the entry below user data.
 */
#include <stddef.h>
#include <kernel/cpu.h>
#include <lib/compiler.h>
#include <arch/gdt.h>
#include <arch/percpu.h>
#include <arch/syscall.h>
#include <arch/x86.h>

BUILD_BUG_ON(offsetof(struct cpu, arch.kernel_stack) != CPU_KERNEL_STACK);
BUILD_BUG_ON(offsetof(struct cpu, arch.user_rsp) != CPU_USER_RSP);
BUILD_BUG_ON(USER_DS != (GDT_USER_DATA - 1) * 8 + 8 + 3);
BUILD_BUG_ON(USER_CS != (GDT_USER_DATA - 1) * 8 + 16 + 3);

#define SYSRET_BASE ((uint64_t)(GDT_USER_DATA - 1) * 8)

void syscall_entry(void);

void syscall_init_cpu(void)
{
	wrmsr(MSR_STAR, (SYSRET_BASE << 48) | ((uint64_t)KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_FMASK, RFLAGS_IF | RFLAGS_DF | RFLAGS_TF | RFLAGS_AC | RFLAGS_NT);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}
