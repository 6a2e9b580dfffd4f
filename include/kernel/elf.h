/*
 * ELF64, the executable format execve() loads (kernel/exec.c): the file header and the
 * program headers, as the System V ABI and its x86_64 supplement define them.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <stddef.h>
#include <stdint.h>

#define EI_NIDENT   16
#define ELFCLASS64  2
#define ELFDATA2LSB 1
#define EV_CURRENT  1
#define ET_EXEC	    2
#define EM_X86_64   62

#define PT_LOAD 1
#define PT_PHDR 6

#define PF_X 1
#define PF_W 2
#define PF_R 4

typedef struct {
	uint8_t e_ident[EI_NIDENT]; /* "\x7f" "ELF", class, data, version, ... */
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint64_t e_entry;
	uint64_t e_phoff;
	uint64_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize;
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
} Elf64_Ehdr;

typedef struct {
	uint32_t p_type;
	uint32_t p_flags;
	uint64_t p_offset;
	uint64_t p_vaddr;
	uint64_t p_paddr;
	uint64_t p_filesz;
	uint64_t p_memsz;
	uint64_t p_align;
} Elf64_Phdr;

/* Auxiliary vector entries execve() puts on a new program's stack. */
#define AT_NULL	  0
#define AT_PHDR	  3
#define AT_PHENT  4
#define AT_PHNUM  5
#define AT_PAGESZ 6
#define AT_ENTRY  9
#define AT_UID	  11
#define AT_EUID	  12
#define AT_GID	  13
#define AT_EGID	  14
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_EXECFN 31

#define ELF_MAX_PHNUM 64

/*
 * Check a file header and its program headers (phdrs, e_phnum of them, as read from the file)
 * against a file of file_size bytes: 0, or -ENOEXEC naming nothing more.  Used by execve()
 * and tested in kernel/exec_test.c.
 */
int elf_check_header(const Elf64_Ehdr *eh, uint64_t file_size);
int elf_check_segments(const Elf64_Ehdr *eh, const Elf64_Phdr *phdrs, uint64_t file_size);

#endif
