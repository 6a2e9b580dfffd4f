/*
 * The application processors' way from reset to C: the real-mode trampoline and the entry
 * in the kernel's higher half.
 *
 * A started AP begins in 16-bit real mode at CS:IP = SIPI vector * 256 : 0, so this code is
 * copied to SMP_TRAMPOLINE_PHYS (below 1 MiB) before each start and runs there: every address
 * in it goes through TR(), the address of a label in that copy.  It
 *   1. loads its own small GDT and enters 32-bit protected mode,
 *   2. turns on PAE, long mode (the boot CPU's EFER bits) and paging on boot.S's early
 *      tables, which map the first 1 GiB at 0 (so the trampoline survives the switch) and at
 *      KERNEL_VMA (so the kernel can be reached),
 *   3. in 64-bit mode, loads its arguments (struct smp_trampoline_args in smp.c, at the
 *      end of the copy) and jumps to smp_ap_entry in the kernel image,
 * which loads the kernel's own page tables and stack and calls smp_ap_main(cpu).
 */
#include <arch/memlayout.h>
#include <arch/smp.h>

#define TR(x) (SMP_TRAMPOLINE_PHYS + (x) - smp_trampoline_start)

#define CR0_PE (1 << 0)
#define CR0_WP (1 << 16)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define CR4_PGE (1 << 7)
#define MSR_EFER 0xC0000080

/* Offsets in struct smp_trampoline_args (checked in smp.c). */
#define ARG_BOOT_CR3 0
#define ARG_EFER 8
#define ARG_KERNEL_CR3 16
#define ARG_STACK 24
#define ARG_ENTRY 32
#define ARG_CPU 40

	.section .rodata
	.globl smp_trampoline_start
	.code16
smp_trampoline_start:
	cli
	cld
	xorw %ax, %ax
	movw %ax, %ds
	lgdtl TR(trampoline_gdt_pointer)
	movl %cr0, %eax
	orl $CR0_PE, %eax
	movl %eax, %cr0
	ljmpl $0x08, $TR(trampoline_32)

	.code32
trampoline_32:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	movl %cr4, %eax
	orl $(CR4_PAE | CR4_PGE), %eax
	movl %eax, %cr4
	movl TR(smp_trampoline_args) + ARG_BOOT_CR3, %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	movl TR(smp_trampoline_args) + ARG_EFER, %eax
	xorl %edx, %edx
	wrmsr
	movl %cr0, %eax
	orl $(CR0_PG | CR0_WP), %eax
	movl %eax, %cr0
	ljmpl $0x18, $TR(trampoline_64)

	.code64
trampoline_64:
	movq TR(smp_trampoline_args) + ARG_STACK, %rsp
	movq TR(smp_trampoline_args) + ARG_CPU, %rdi
	movq TR(smp_trampoline_args) + ARG_KERNEL_CR3, %rcx
	movq TR(smp_trampoline_args) + ARG_ENTRY, %rax
	jmp *%rax

	.align 8
trampoline_gdt:
	.quad 0					/* null */
	.quad 0x00CF9A000000FFFF		/* 0x08: 32-bit code, 4 GiB */
	.quad 0x00CF92000000FFFF		/* 0x10: 32-bit data, 4 GiB */
	.quad 0x00209A0000000000		/* 0x18: 64-bit code */
trampoline_gdt_end:
trampoline_gdt_pointer:
	.word trampoline_gdt_end - trampoline_gdt - 1
	.long TR(trampoline_gdt)

	.align 8
	.globl smp_trampoline_args
smp_trampoline_args:
	.skip 48
	.globl smp_trampoline_end
smp_trampoline_end:

/*
 * In the kernel image, still on the early tables: %rcx holds the kernel's page table root,
 * %rsp the top of this CPU's idle stack (mapped only by the kernel's tables: nothing is
 * pushed before they are loaded), %rdi its struct cpu.
 */
	.text
	.globl smp_ap_entry
smp_ap_entry:
	movq %rcx, %cr3
	xorl %eax, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %eax, %fs
	movl %eax, %gs
	xorl %ebp, %ebp				/* a zero frame pointer ends every backtrace */
	call smp_ap_main
1:	cli
	hlt
	jmp 1b
