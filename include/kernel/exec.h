/*
 * execve()'s parts (kernel/exec.c), for the system call, for starting init, and for tests
 * that load a program from memory instead of a file; and the #! line of a script
 * (kernel/exec_script.c).
 */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include <stddef.h>
#include <stdint.h>
#include <kernel/elf.h>

struct mm;
struct trap_frame;

/*
 * Where a program's bytes come from: read(ctx, ...) returns bytes read or a negative errno.
 * get_pages (optional) lends count pages of the file from index on, as
 * file_operations.get_pages does, so that read-only segments can be mapped rather than copied.
 */
struct exec_source {
	long (*read)(void *ctx, uint64_t offset, void *buf, size_t len);
	int (*get_pages)(void *ctx, uint64_t index, unsigned int count, uint64_t *phys);
	void *ctx;
	uint64_t size; /* of the whole file */
};

/* The argument and environment strings, packed: argc strings, then envc strings. */
struct exec_args {
	char *buf;
	size_t used; /* bytes of buf in use, NULs included */
	int argc, envc;
};

/* A program's headers, read and checked. */
struct exec_image {
	Elf64_Ehdr eh;
	Elf64_Phdr phdrs[ELF_MAX_PHNUM];
};

int exec_args_init(struct exec_args *args);
void exec_args_free(struct exec_args *args);

/* Append kernel strings (NULL-terminated arrays; either may be NULL); 0 or -E2BIG. */
int exec_args_add_kernel(struct exec_args *args, const char *const argv[],
			 const char *const envp[]);

/*
 * For a #! script: argv[0] (if any) gives way to the count strings of front, in order, which
 * must not lie in args's buffer.  0, or -E2BIG when they do not fit.
 */
int exec_args_replace_arg0(struct exec_args *args, const char *const front[], int count);

/*
 * Replace the current process's program with the one src holds, started with args: on
 * success frame holds the new program's first registers and the old address space is gone.
 * Returns 0, -ENOEXEC for a file that is no valid static ELF64 executable, -ENOMEM, -E2BIG.
 */
int exec_load(const struct exec_source *src, const struct exec_args *args,
	      struct trap_frame *frame);

/*
 * exec_load()'s first half, which tests use alone: read and check src's headers into image
 * and build the new address space in *mm, nothing running it yet (mm_destroy() frees it);
 * *sp gets the initial stack pointer.  Same return values as exec_load().
 */
int exec_build(const struct exec_source *src, const struct exec_args *args,
	       struct exec_image *image, struct mm **mm, uint64_t *sp);

/*
 * execve() reads the program through this (fs/exec_file.c): open path for reading,
 * read at an offset, and close.  *size gets the file's size.
 */
struct exec_file;
int exec_file_open(const char *path, struct exec_file **file, uint64_t *size);
long exec_file_read(struct exec_file *file, uint64_t offset, void *buf, size_t len);
int exec_file_get_pages(struct exec_file *file, uint64_t index, unsigned int count, uint64_t *phys);
void exec_file_close(struct exec_file *file);

/*
 * #! scripts.  execve() reads the first SCRIPT_BUF_SIZE bytes of a file (Linux's
 * BINPRM_BUF_SIZE), the rest of the buffer zeroed if the file is shorter, and a file
 * starting with "#!" runs its interpreter instead.  A script's interpreter may be a script
 * in turn, SCRIPT_DEPTH_MAX files deep: the next one is ELOOP, as on Linux.
 */
#define SCRIPT_BUF_SIZE	 256
#define SCRIPT_DEPTH_MAX 5

/*
 * Split the "#!INTERPRETER [ARG]" line at the head of buf (SCRIPT_BUF_SIZE bytes, written
 * to: the parts end in NULs).  *interpreter and *arg (NULL: none) point into buf.  Returns 0,
 * or -ENOEXEC when buf does not start with "#!" or names no interpreter, or names one longer
 * than the buffer.
 */
int script_parse(char *buf, const char **interpreter, const char **arg);

#endif
