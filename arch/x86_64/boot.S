/*
 * The first instructions Corral runs, from the boot loader to kmain().
 *
 * Both boot loaders enter _start in 32-bit protected mode with paging off: QEMU's -kernel
 * through the multiboot1 header (with address fields, since QEMU will not load an ELF64),
 * GRUB through the multiboot2 header.  %eax holds the loader's magic number and %ebx the
 * physical address of its information block.
 *
 * _start runs at physical addresses although the kernel is linked at KERNEL_VMA + physical, so
 * every absolute address here goes through PHYS().  It
 *   1. checks the CPU can run 64-bit code (else says so on COM1 and halts),
 *   2. builds early page tables: the first 1 GiB mapped three times with 2 MiB pages, at 0
 *      (identity, to survive the switch), at the direct map and at KERNEL_VMA,
 *   3. turns on PAE, long mode, no-execute and paging, loads a 64-bit GDT,
 *   4. jumps to the higher half, and calls kmain(magic, info_phys) on the boot stack, which
 *      has a guard page below it (unmapped once paging_init() runs).
 * arch/x86_64/paging.c later replaces these tables with the kernel's real ones.
 */
#include <arch/memlayout.h>
#include <arch/multiboot.h>

#define PHYS(x) ((x) - KERNEL_VMA)

#define MB1_FLAGS (MB1_FLAG_ALIGN_MODULES | MB1_FLAG_MEMORY_INFO | MB1_FLAG_ADDRESS_FIELDS)

#define PTE_PRESENT 0x1
#define PTE_WRITE 0x2
#define PTE_LARGE 0x80

#define CR0_PG (1 << 31)
#define CR0_WP (1 << 16)
#define CR4_PAE (1 << 5)
#define CR4_PGE (1 << 7)
#define MSR_EFER 0xC0000080
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)

/* ---- boot loader headers (must sit in the first 8 KiB of the file) ---- */
	.section .multiboot, "a"
	.align 8
mb1_header:
	.long MB1_HEADER_MAGIC
	.long MB1_FLAGS
	.long -(MB1_HEADER_MAGIC + MB1_FLAGS)
	.long PHYS(mb1_header)		/* header_addr */
	.long PHYS(__kernel_start)	/* load_addr: the file is loaded from the header on */
	.long PHYS(__load_end)		/* load_end_addr */
	.long PHYS(__bss_end)		/* bss_end_addr: zeroed by the loader */
	.long PHYS(_start)		/* entry_addr */

	.align 8
mb2_header:
	.long MB2_HEADER_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	.align 8
	.short MB2_HEADER_TAG_ENTRY, 0	/* enter at the physical _start, not the ELF entry */
	.long 12
	.long PHYS(_start)
	.align 8
	.short MB2_HEADER_TAG_MODULE_ALIGN, 0
	.long 8
	.align 8
	.short MB2_HEADER_TAG_END, 0
	.long 8
mb2_header_end:

/* ---- 32-bit entry ---- */
	.section .boot.text, "ax"
	.code32
	.globl _start
_start:
	cli
	cld
	movl %eax, %ebp				/* keep the magic and the info pointer */
	movl %ebx, %esi
	movl $PHYS(boot_stack_top), %esp

	call check_long_mode
	call build_early_page_tables

	movl %cr4, %eax
	orl $(CR4_PAE | CR4_PGE), %eax
	movl %eax, %cr4
	movl $PHYS(boot_pml4), %eax
	movl %eax, %cr3

	movl $0x80000001, %eax			/* no-execute available? (EDX bit 20) */
	cpuid
	movl $EFER_LME, %ebx
	testl $(1 << 20), %edx
	jz 1f
	orl $EFER_NXE, %ebx
1:	movl $MSR_EFER, %ecx
	rdmsr
	orl %ebx, %eax
	wrmsr

	movl %cr0, %eax
	orl $(CR0_PG | CR0_WP), %eax
	movl %eax, %cr0

	lgdt PHYS(boot_gdt_pointer)
	ljmp $0x08, $PHYS(long_mode_entry)

/* Halt with a message on COM1 unless CPUID says the CPU has long mode. */
check_long_mode:
	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb no_long_mode
	movl $0x80000001, %eax
	cpuid
	testl $(1 << 29), %edx
	jz no_long_mode
	ret
no_long_mode:
	movl $PHYS(no_long_mode_message), %ebx
	movw $0x3f8, %dx
1:	movb (%ebx), %al
	testb %al, %al
	jz 2f
	outb %al, %dx
	incl %ebx
	jmp 1b
2:	hlt
	jmp 2b

/*
 * One page directory maps the first 1 GiB with 2 MiB pages; it is hung at PML4 slot 0
 * (identity), slot 256 (the direct map) and slot 511, PDPT slot 510 (KERNEL_VMA).
 */
build_early_page_tables:
	movl $PHYS(boot_pd), %edi
	movl $(PTE_PRESENT | PTE_WRITE | PTE_LARGE), %eax
	movl $512, %ecx
1:	movl %eax, (%edi)
	movl $0, 4(%edi)
	addl $LARGE_PAGE_SIZE, %eax
	addl $8, %edi
	loop 1b

	movl $(PHYS(boot_pd) + PTE_PRESENT + PTE_WRITE), %eax
	movl %eax, PHYS(boot_pdpt_low)
	movl %eax, PHYS(boot_pdpt_high) + 510 * 8
	movl $(PHYS(boot_pdpt_low) + PTE_PRESENT + PTE_WRITE), %eax
	movl %eax, PHYS(boot_pml4)
	movl %eax, PHYS(boot_pml4) + 256 * 8
	movl $(PHYS(boot_pdpt_high) + PTE_PRESENT + PTE_WRITE), %eax
	movl %eax, PHYS(boot_pml4) + 511 * 8
	ret

/* ---- 64-bit ---- */
	.code64
long_mode_entry:
	movabsq $higher_half, %rax		/* leave the identity map */
	jmp *%rax
higher_half:
	xorl %eax, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %eax, %fs
	movl %eax, %gs
	movabsq $boot_stack_top, %rsp
	movl %ebp, %edi				/* kmain(magic, info_phys): the movs */
	movl %esi, %esi				/* clear the upper halves, undefined after the switch */
	xorl %ebp, %ebp				/* a zero frame pointer ends every backtrace */
	call kmain
1:	cli
	hlt
	jmp 1b

	.section .rodata
	.align 8
boot_gdt:
	.quad 0					/* null */
	.quad 0x00209A0000000000		/* 0x08: 64-bit kernel code */
	.quad 0x0000920000000000		/* 0x10: kernel data */
boot_gdt_end:
boot_gdt_pointer:
	.word boot_gdt_end - boot_gdt - 1
	.long PHYS(boot_gdt)

no_long_mode_message:
	.asciz "Corral needs a 64-bit (x86_64) CPU; this one has no long mode.\r\n"

	.section .bss
	.align 4096
	.globl boot_pml4
boot_pml4:
	.skip 4096
boot_pdpt_low:
	.skip 4096
boot_pdpt_high:
	.skip 4096
boot_pd:
	.skip 4096
/* Left unmapped by paging_init(): a boot stack overflow faults here instead of going on. */
	.align 4096
	.globl boot_stack_guard
boot_stack_guard:
	.skip 4096
	.globl boot_stack_top
boot_stack:
	.skip BOOT_STACK_SIZE
boot_stack_top:
