/*
 * execve(): replace the calling process's program with a static ELF64 executable.
 *
 * In order:
 *   1. gather the arguments and environment (from user memory, or the kernel's for init)
 *      into one kernel buffer, since the old address space that holds them is about to go;
 *   2. read the file's first bytes: a script ("#!INTERPRETER [ARG]", kernel/exec_script.c)
 *      puts its interpreter in front of the arguments, and the interpreter is read instead,
 *      at most SCRIPT_DEPTH_MAX scripts deep; then read and check the ELF header and
 *      program headers: anything odd is -ENOEXEC;
 *   3. build a new address space: one area per PT_LOAD segment with the file's bytes copied
 *      in (the rest of memsz is zero), or, for read-only segments, the file's own pages
 *      mapped where the file system lends them (map_file_pages), the heap's start just past
 *      the last segment, and the stack area at the top with argc, argv, envp and the
 *      auxiliary vector on it;
 *   4. only then, when nothing can fail any more, switch to it and free the old one, close
 *      the close-on-exec files, reset handled signals to their default action, take the name
 *      from argv[0] and keep a copy of argv (/proc/<pid>/cmdline), and point the user
 *      registers at the entry point.
 *
 * The stack at the entry point, as the System V ABI and Linux lay it out (the stack pointer
 * is 16-byte aligned and points at argc):
 *
 *	sp ->	argc
 *		argv[0] .. argv[argc - 1], NULL
 *		envp[0] .. NULL
 *		auxv: (type, value) pairs .. AT_NULL
 *		(padding), 16 random bytes (AT_RANDOM), the strings, up to USER_STACK_TOP
 */
#include <kernel/elf.h>
#include <kernel/errno.h>
#include <kernel/exec.h>
#include <kernel/file.h>
#include <kernel/mm.h>
#include <kernel/page.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/trace.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>
#include <lib/compiler.h>
#include <lib/string.h>
#include <arch/fpu.h>
#include <arch/user.h>

#define EXEC_ARGS_MAX (32 * 1024) /* bytes of argument and environment strings */
#define EXEC_ARGC_MAX 1024	  /* arguments plus environment strings */
#define EXEC_PATH_MAX 4096
#define NR_AUXV	      12 /* (type, value) pairs, AT_NULL included */
#define MAP_BATCH     16 /* file pages lent and mapped at once */
#define SEGMENT_LIMIT (USER_STACK_TOP - USER_STACK_SIZE - PAGE_SIZE) /* below the guard */

/* ---- the arguments ---- */

int exec_args_init(struct exec_args *args)
{
	args->buf = kmalloc(EXEC_ARGS_MAX);
	args->used = 0;
	args->argc = args->envc = 0;
	return args->buf ? 0 : -ENOMEM;
}

void exec_args_free(struct exec_args *args)
{
	kfree(args->buf);
}

/* Append one kernel string. */
static int add_kernel_string(struct exec_args *args, const char *s)
{
	size_t len = strlen(s) + 1;

	if (len > EXEC_ARGS_MAX - args->used || args->argc + args->envc >= EXEC_ARGC_MAX)
		return -E2BIG;
	memcpy(args->buf + args->used, s, len);
	args->used += len;
	return 0;
}

/* Append one user string at address s. */
static int add_user_string(struct exec_args *args, uint64_t s)
{
	long len;

	if (args->used == EXEC_ARGS_MAX || args->argc + args->envc >= EXEC_ARGC_MAX)
		return -E2BIG;
	len = strncpy_from_user(args->buf + args->used, s, EXEC_ARGS_MAX - args->used);
	if (len == -ENAMETOOLONG)
		return -E2BIG;
	if (len < 0)
		return (int)len;
	args->used += (size_t)len + 1;
	return 0;
}

int exec_args_add_kernel(struct exec_args *args, const char *const argv[], const char *const envp[])
{
	int err;

	for (; argv && *argv; argv++, args->argc++) {
		err = add_kernel_string(args, *argv);
		if (err)
			return err;
	}
	for (; envp && *envp; envp++, args->envc++) {
		err = add_kernel_string(args, *envp);
		if (err)
			return err;
	}
	return 0;
}

int exec_args_replace_arg0(struct exec_args *args, const char *const front[], int count)
{
	size_t removed = args->argc ? strlen(args->buf) + 1 : 0, added = 0, at = 0;
	int argc = args->argc - (removed ? 1 : 0) + count;

	for (int i = 0; i < count; i++)
		added += strlen(front[i]) + 1;
	if (args->used - removed + added > EXEC_ARGS_MAX || argc + args->envc > EXEC_ARGC_MAX)
		return -E2BIG;
	memmove(args->buf + added, args->buf + removed, args->used - removed);
	for (int i = 0; i < count; i++) {
		size_t len = strlen(front[i]) + 1;

		memcpy(args->buf + at, front[i], len);
		at += len;
	}
	args->used = args->used - removed + added;
	args->argc = argc;
	return 0;
}

/* Append the strings of the NULL-terminated user array at vec; *count counts them. */
static int add_user_vector(struct exec_args *args, uint64_t vec, int *count)
{
	uint64_t s;
	int err;

	for (; vec; vec += sizeof(uint64_t), (*count)++) {
		if (copy_from_user(&s, vec, sizeof(s)))
			return -EFAULT;
		if (!s)
			break;
		err = add_user_string(args, s);
		if (err)
			return err;
	}
	return 0;
}

/* ---- checking the ELF file ---- */

int elf_check_header(const Elf64_Ehdr *eh, uint64_t file_size)
{
	static const uint8_t magic[4] = { 0x7f, 'E', 'L', 'F' };
	uint64_t table_size = (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr);

	if (file_size < sizeof(*eh) || memcmp(eh->e_ident, magic, sizeof(magic)) != 0)
		return -ENOEXEC;
	if (eh->e_ident[4] != ELFCLASS64 || eh->e_ident[5] != ELFDATA2LSB ||
	    eh->e_ident[6] != EV_CURRENT)
		return -ENOEXEC;
	if (eh->e_type != ET_EXEC || eh->e_machine != ARCH_ELF_MACHINE)
		return -ENOEXEC;
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > ELF_MAX_PHNUM)
		return -ENOEXEC;
	if (eh->e_phoff > file_size || table_size > file_size - eh->e_phoff)
		return -ENOEXEC;
	return 0;
}

/* A PT_LOAD segment must fit in the file and in user space below the stack's guard page. */
static bool segment_ok(const Elf64_Phdr *ph, uint64_t file_size)
{
	if (ph->p_filesz > ph->p_memsz)
		return false;
	if (ph->p_offset > file_size || ph->p_filesz > file_size - ph->p_offset)
		return false;
	return ph->p_vaddr >= USER_MIN_ADDR && ph->p_memsz <= SEGMENT_LIMIT &&
	       ph->p_vaddr <= SEGMENT_LIMIT - ph->p_memsz;
}

int elf_check_segments(const Elf64_Ehdr *eh, const Elf64_Phdr *phdrs, uint64_t file_size)
{
	int loads = 0;

	for (int i = 0; i < eh->e_phnum; i++) {
		if (phdrs[i].p_type != PT_LOAD)
			continue;
		if (!segment_ok(&phdrs[i], file_size))
			return -ENOEXEC;
		loads++;
	}
	if (loads == 0 || eh->e_entry < USER_MIN_ADDR || eh->e_entry >= SEGMENT_LIMIT)
		return -ENOEXEC;
	return 0;
}

/* Read exactly len bytes at offset; a short read means a broken file. */
static int read_exact(const struct exec_source *src, uint64_t offset, void *buf, size_t len)
{
	long n = src->read(src->ctx, offset, buf, len);

	if (n < 0)
		return (int)n;
	return (size_t)n == len ? 0 : -ENOEXEC;
}

/* Read and check the headers into image. */
static int read_headers(const struct exec_source *src, struct exec_image *image)
{
	int err = read_exact(src, 0, &image->eh, sizeof(image->eh));

	if (err)
		return src->size < sizeof(image->eh) ? -ENOEXEC : err;
	err = elf_check_header(&image->eh, src->size);
	if (err)
		return err;
	err = read_exact(src, image->eh.e_phoff, image->phdrs,
			 image->eh.e_phnum * sizeof(Elf64_Phdr));
	if (err)
		return err;
	return elf_check_segments(&image->eh, image->phdrs, src->size);
}

/* ---- building the new address space ---- */

static unsigned int segment_prot(const Elf64_Phdr *ph)
{
	unsigned int prot = VM_READ;

	if (ph->p_flags & PF_W)
		prot |= VM_WRITE;
	if (ph->p_flags & PF_X)
		prot |= VM_EXEC;
	return prot;
}

/* Whether another PT_LOAD segment than image->phdrs[self] touches the page at va. */
static bool page_shared_with_other(const struct exec_image *image, int self, uint64_t va)
{
	for (int i = 0; i < image->eh.e_phnum; i++) {
		const Elf64_Phdr *ph = &image->phdrs[i];

		if (i != self && ph->p_type == PT_LOAD && ph->p_memsz &&
		    ph->p_vaddr < va + PAGE_SIZE && ph->p_vaddr + ph->p_memsz > va)
			return true;
	}
	return false;
}

/*
 * Whether the page at va of segment image->phdrs[i] may be mapped straight from the file's
 * page, shared with every other process running the file.  Only in a read-only segment whose
 * file offset and address agree modulo the page size, for a page holding no zero-filled
 * memory (.bss) and no part of another segment, and from a file that lends its pages
 * (fs/ramfs.c says why they stay unchanged while mapped).  Then the same physical pages hold
 * a program's code every time it runs, which also spares an emulator like QEMU from
 * translating the code again for every new process.
 */
static bool file_page_mappable(const struct exec_source *src, const struct exec_image *image, int i,
			       uint64_t va)
{
	const Elf64_Phdr *ph = &image->phdrs[i];

	if (!src->get_pages || (ph->p_flags & PF_W) || (ph->p_vaddr - ph->p_offset) % PAGE_SIZE)
		return false;
	if (ph->p_memsz != ph->p_filesz && va + PAGE_SIZE > ph->p_vaddr + ph->p_filesz)
		return false;
	return !page_shared_with_other(image, i, va);
}

/*
 * Map the run of pages of segment image->phdrs[i] from va (page-aligned) on that may come
 * straight from the file, at most MAP_BATCH of them: how many were mapped, 0 if the page at
 * va must be copied.  The run is lent and mapped at once, under one lock of the file and one
 * of mm: one at a time, the locks cost about as much as the mapping itself.
 */
static unsigned int map_file_pages(struct mm *mm, const struct exec_source *src,
				   const struct exec_image *image, int i, uint64_t va)
{
	const Elf64_Phdr *ph = &image->phdrs[i];
	uint64_t phys[MAP_BATCH];
	unsigned int n = 0, mapped;
	int lent;

	while (n < MAP_BATCH && va + n * PAGE_SIZE < ph->p_vaddr + ph->p_filesz &&
	       file_page_mappable(src, image, i, va + n * PAGE_SIZE))
		n++;
	if (n == 0)
		return 0;
	lent = src->get_pages(src->ctx, (ph->p_offset + (va - ph->p_vaddr)) / PAGE_SIZE, n, phys);
	if (lent <= 0)
		return 0;
	mapped = mm_map_pages(mm, va, phys, (unsigned int)lent);
	for (int k = (int)mapped; k < lent; k++)
		put_page(phys[k]);
	return mapped;
}

/*
 * Fill segment image->phdrs[i]: runs of pages mapped from the file where they may be, other
 * pages with their file bytes read straight into fresh pages of mm.
 */
static int fill_segment(struct mm *mm, const struct exec_source *src,
			const struct exec_image *image, int i)
{
	const Elf64_Phdr *ph = &image->phdrs[i];

	for (uint64_t done = 0; done < ph->p_filesz;) {
		uint64_t va = ph->p_vaddr + done;
		uint64_t page = ALIGN_DOWN(va, PAGE_SIZE);
		unsigned int mapped = map_file_pages(mm, src, image, i, page);
		size_t chunk = MIN(ph->p_filesz - done, page + PAGE_SIZE - va);
		void *to;
		int err;

		if (mapped) {
			done = MIN(ph->p_filesz, page + mapped * PAGE_SIZE - ph->p_vaddr);
			continue;
		}
		to = mm_kernel_address(mm, va);
		err = to ? read_exact(src, ph->p_offset + done, to, chunk) : -ENOMEM;
		if (err)
			return err;
		done += chunk;
	}
	return 0;
}

/* Map and fill every PT_LOAD segment; sets the heap's start past the last. */
static int load_segments(struct mm *mm, const struct exec_source *src,
			 const struct exec_image *image)
{
	uint64_t end_of_all = 0;

	for (int i = 0; i < image->eh.e_phnum; i++) {
		const Elf64_Phdr *ph = &image->phdrs[i];
		uint64_t start = ALIGN_DOWN(ph->p_vaddr, PAGE_SIZE);
		uint64_t end = ALIGN_UP(ph->p_vaddr + ph->p_memsz, PAGE_SIZE);
		int err;

		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		start = MAX(start, end_of_all); /* a page shared with the segment before */
		err = start < end ? mm_add_area(mm, start, end, segment_prot(ph), VMA_ANON) : 0;
		if (!err)
			err = fill_segment(mm, src, image, i);
		if (err)
			return err == -EINVAL ? -ENOEXEC : err;
		end_of_all = MAX(end_of_all, end);
	}
	mm->brk_start = mm->brk = end_of_all;
	return 0;
}

/* Where the program headers are in the new program's memory, for AT_PHDR (0: nowhere). */
static uint64_t phdr_address(const struct exec_image *image)
{
	const Elf64_Ehdr *eh = &image->eh;

	for (int i = 0; i < eh->e_phnum; i++)
		if (image->phdrs[i].p_type == PT_PHDR)
			return image->phdrs[i].p_vaddr;
	for (int i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *ph = &image->phdrs[i];

		if (ph->p_type == PT_LOAD && eh->e_phoff >= ph->p_offset &&
		    eh->e_phoff - ph->p_offset < ph->p_filesz)
			return ph->p_vaddr + (eh->e_phoff - ph->p_offset);
	}
	return 0;
}

/* 16 bytes for AT_RANDOM: not cryptographic, only different from boot to boot and exec. */
static void random_bytes(uint64_t out[2])
{
	static uint64_t state = 0x9e3779b97f4a7c15UL;
	uint64_t x = __atomic_add_fetch(&state, clock_monotonic_ns() | 1, __ATOMIC_RELAXED);

	for (int i = 0; i < 2; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		out[i] = x;
	}
}

/* Store the user addresses of count strings that start at strings + *offset. */
static size_t fill_pointers(uint64_t *vec, const struct exec_args *args, uint64_t strings,
			    size_t *offset, int count)
{
	for (int i = 0; i < count; i++) {
		vec[i] = strings + *offset;
		*offset += strlen(args->buf + *offset) + 1;
	}
	vec[count] = 0;
	return (size_t)count + 1;
}

/* Fill vec with argc, argv, envp and auxv for strings at user address strings. */
static void fill_vector(uint64_t *vec, const struct exec_args *args, uint64_t strings,
			const uint64_t *auxv)
{
	size_t offset = 0, w = 0;

	vec[w++] = (uint64_t)args->argc;
	w += fill_pointers(&vec[w], args, strings, &offset, args->argc);
	w += fill_pointers(&vec[w], args, strings, &offset, args->envc);
	memcpy(&vec[w], auxv, NR_AUXV * 2 * sizeof(uint64_t));
}

/* Lay out the initial stack in mm; *sp gets its final value. */
static int build_stack(struct mm *mm, const struct exec_args *args, const struct exec_image *image,
		       const struct proc *p, uint64_t *sp)
{
	uint64_t strings = USER_STACK_TOP - args->used;
	uint64_t random = ALIGN_DOWN(strings - 16, 16), rnd[2];
	size_t words = 1 + (size_t)args->argc + 1 + (size_t)args->envc + 1 + NR_AUXV * 2;
	uint64_t auxv[NR_AUXV * 2] = {
		AT_PHDR,   phdr_address(image),
		AT_PHENT,  sizeof(Elf64_Phdr),
		AT_PHNUM,  image->eh.e_phnum,
		AT_PAGESZ, PAGE_SIZE,
		AT_ENTRY,  image->eh.e_entry,
		AT_UID,	   p->cred.uid,
		AT_EUID,   p->cred.euid,
		AT_GID,	   p->cred.gid,
		AT_EGID,   p->cred.egid,
		AT_SECURE, 0,
		AT_RANDOM, random,
		AT_NULL,   0,
	};
	uint64_t *vec = kmalloc(words * sizeof(uint64_t));
	int err;

	if (!vec)
		return -ENOMEM;
	*sp = ALIGN_DOWN(random - words * sizeof(uint64_t), 16);
	fill_vector(vec, args, strings, auxv);
	random_bytes(rnd);
	err = mm_write(mm, strings, args->buf, args->used);
	if (!err)
		err = mm_write(mm, random, rnd, sizeof(rnd));
	if (!err)
		err = mm_write(mm, *sp, vec, words * sizeof(uint64_t));
	/*
	 * And the page below the one the stack starts on, which the C library's start-up
	 * reaches: made now, it spares the new program a page fault.  Being out of memory
	 * here is no error; the fault will say so, if it comes.
	 */
	if (!err && ALIGN_DOWN(*sp, PAGE_SIZE) > USER_STACK_TOP - USER_STACK_SIZE)
		mm_kernel_address(mm, ALIGN_DOWN(*sp, PAGE_SIZE) - PAGE_SIZE);
	kfree(vec);
	return err;
}

/* Make the whole new address space; *sp gets the initial stack pointer. */
static int build_mm(struct mm **out, const struct exec_source *src, const struct exec_image *image,
		    const struct exec_args *args, uint64_t *sp)
{
	struct mm *mm = mm_create();
	int err = mm ? 0 : -ENOMEM;

	if (!err)
		err = load_segments(mm, src, image);
	if (!err)
		err = mm_add_area(mm, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_TOP,
				  VM_READ | VM_WRITE, VMA_STACK);
	if (!err)
		err = build_stack(mm, args, image, current_proc(), sp);
	if (err && mm)
		mm_destroy(mm);
	*out = err ? NULL : mm;
	return err;
}

/* ---- the point of no return ---- */

/* The last component of path, for the process name. */
static const char *base_name(const char *path)
{
	const char *slash = path;

	for (const char *s = path; *s; s++)
		if (*s == '/' && s[1])
			slash = s + 1;
	return slash;
}

/* The exec event: the program's new name. */
static void trace_exec(struct proc *p)
{
	uint64_t name[2];

	if (!READ_ONCE(trace_enabled))
		return;
	trace_pack_name(p->task->name, name);
	trace_record(TRACE_EXEC, name[0], name[1]);
}

static void commit_exec(struct proc *p, struct mm *mm, const struct exec_args *args)
{
	struct mm *old = p->mm;

	p->mm = mm;
	mm_activate(mm);
	if (old)
		mm_destroy(old);
	files_exec(p);
	signal_reset_handlers(p);
	proc_set_command(p, base_name(args->argc ? args->buf : ""), args->buf, args->argc);
	trace_exec(p);
	p->tls_base = 0;
	arch_set_tls_base(0);
	fpu_set(&current_task()->fpu, NULL);
}

int exec_build(const struct exec_source *src, const struct exec_args *args,
	       struct exec_image *image, struct mm **mm, uint64_t *sp)
{
	int err = read_headers(src, image);

	return err ? err : build_mm(mm, src, image, args, sp);
}

int exec_load(const struct exec_source *src, const struct exec_args *args, struct trap_frame *frame)
{
	struct exec_image *image = kmalloc(sizeof(*image));
	struct mm *mm;
	uint64_t sp;
	int err;

	if (!image)
		return -ENOMEM;
	err = exec_build(src, args, image, &mm, &sp);
	if (!err) {
		commit_exec(current_proc(), mm, args);
		arch_start_user(frame, image->eh.e_entry, sp);
	}
	kfree(image);
	return err;
}

/* ---- execve() from a file ---- */

static long file_source_read(void *ctx, uint64_t offset, void *buf, size_t len)
{
	return exec_file_read(ctx, offset, buf, len);
}

static int file_source_get_pages(void *ctx, uint64_t index, unsigned int count, uint64_t *phys)
{
	return exec_file_get_pages(ctx, index, count, phys);
}

/* What execve() keeps of a #! script while it opens the interpreter. */
struct script {
	char head[SCRIPT_BUF_SIZE];	   /* the file's first bytes, zero-filled */
	char interpreter[SCRIPT_BUF_SIZE]; /* the next file to read, and its script path */
};

/*
 * If src is a #! script, make args the interpreter's (path is the script's) and copy the
 * interpreter's path to s->interpreter: 1 then, 0 for another file (exec_load() judges it),
 * or a negative errno.
 */
static int script_args(const struct exec_source *src, struct script *s, const char *path,
		       struct exec_args *args)
{
	const char *front[3];
	long got;
	int n, err;

	memset(s->head, 0, sizeof(s->head));
	got = src->read(src->ctx, 0, s->head, sizeof(s->head));
	if (got < 0)
		return (int)got;
	if (s->head[0] != '#' || s->head[1] != '!')
		return 0;
	err = script_parse(s->head, &front[0], &front[1]);
	if (err)
		return err;
	n = front[1] ? 2 : 1;
	front[n++] = path;
	err = exec_args_replace_arg0(args, front, n);
	if (err)
		return err;
	strlcpy(s->interpreter, front[0], sizeof(s->interpreter));
	return 1;
}

/*
 * Open a script's interpreter.  An empty name is EACCES, as on Linux, whose open_exec() takes
 * it for the working directory, which is no regular file.
 */
static int open_interpreter(const char *path, struct exec_file **file, uint64_t *size)
{
	return *path ? exec_file_open(path, file, size) : -EACCES;
}

/*
 * Load the program at path (a kernel string) with args; a script's interpreter instead, which
 * is opened before the depth is checked (a missing one is ENOENT, even one file too deep).
 */
static int exec_path(const char *path, struct exec_args *args, struct trap_frame *frame)
{
	struct exec_source src = { .read = file_source_read, .get_pages = file_source_get_pages };
	struct script *script = kmalloc(sizeof(*script));
	struct exec_file *file = NULL;
	int err = script ? exec_file_open(path, &file, &src.size) : -ENOMEM;

	for (int depth = 0; !err; depth++) {
		src.ctx = file;
		err = script_args(&src, script, path, args);
		if (err <= 0)
			break;
		exec_file_close(file);
		file = NULL;
		path = script->interpreter;
		err = open_interpreter(path, &file, &src.size);
		if (!err && depth == SCRIPT_DEPTH_MAX)
			err = -ELOOP;
	}
	if (!err)
		err = exec_load(&src, args, frame);
	if (file)
		exec_file_close(file);
	kfree(script);
	return err;
}

int kernel_execve(const char *path, const char *const argv[], const char *const envp[],
		  struct trap_frame *frame)
{
	struct exec_args args;
	int err = exec_args_init(&args);

	if (!err)
		err = exec_args_add_kernel(&args, argv, envp);
	if (!err)
		err = exec_path(path, &args, frame);
	exec_args_free(&args);
	return err;
}

long sys_execve(uint64_t upath, uint64_t argv, uint64_t envp)
{
	char *path = kmalloc(EXEC_PATH_MAX);
	struct exec_args args;
	long err = path ? exec_args_init(&args) : -ENOMEM;

	if (err) {
		kfree(path);
		return err;
	}
	err = strncpy_from_user(path, upath, EXEC_PATH_MAX);
	if (err >= 0)
		err = add_user_vector(&args, argv, &args.argc);
	if (!err)
		err = add_user_vector(&args, envp, &args.envc);
	if (!err)
		err = exec_path(path, &args, task_user_frame(current_task()));
	exec_args_free(&args);
	kfree(path);
	return err;
}
