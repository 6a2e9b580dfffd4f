/*
 * Tests of user processes: the ELF checks, copy-on-write reference counts, user-access
 * fixups, and whole programs (the machine's own instructions, <kernel/test_programs.h>) run
 * in user mode as children of the test thread, checked through their wait4() status.
 */
#include <kernel/elf.h>
#include <kernel/errno.h>
#include <kernel/exec.h>
#include <kernel/fcntl.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/page.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/task.h>
#include <kernel/test_programs.h>
#include <kernel/uaccess.h>
#include <kernel/vfs.h>
#include <kernel/vm.h>
#include <lib/string.h>
#include <arch/user.h>

#include "../fs/testlib.h"

#define TEST_LOAD_ADDR 0x400000UL

/* A program image: an ELF header, one PT_LOAD header, the code, loaded at TEST_LOAD_ADDR. */
struct test_image {
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	uint8_t code[];
};

static void make_headers(struct test_image *image, size_t code_size)
{
	size_t size = sizeof(*image) + code_size;

	memset(image, 0, sizeof(*image));
	memcpy(image->eh.e_ident, "\177ELF", 4);
	image->eh.e_ident[4] = ELFCLASS64;
	image->eh.e_ident[5] = ELFDATA2LSB;
	image->eh.e_ident[6] = EV_CURRENT;
	image->eh.e_type = ET_EXEC;
	image->eh.e_machine = ARCH_ELF_MACHINE;
	image->eh.e_version = EV_CURRENT;
	image->eh.e_entry = TEST_LOAD_ADDR + sizeof(*image);
	image->eh.e_phoff = offsetof(struct test_image, ph);
	image->eh.e_ehsize = sizeof(Elf64_Ehdr);
	image->eh.e_phentsize = sizeof(Elf64_Phdr);
	image->eh.e_phnum = 1;
	image->ph = (Elf64_Phdr){ .p_type = PT_LOAD,
				  .p_flags = PF_R | PF_X,
				  .p_offset = 0,
				  .p_vaddr = TEST_LOAD_ADDR,
				  .p_filesz = size,
				  .p_memsz = size,
				  .p_align = PAGE_SIZE };
}

static struct test_image *build_image(const uint8_t *code, const uint8_t *end, size_t *size)
{
	size_t code_size = (size_t)(end - code);
	struct test_image *image = kmalloc(sizeof(*image) + code_size);

	if (!image)
		return NULL;
	make_headers(image, code_size);
	memcpy(image->code, code, code_size);
	*size = sizeof(*image) + code_size;
	return image;
}

struct memory_file {
	const void *data;
	size_t size;
};

static long memory_read(void *ctx, uint64_t offset, void *buf, size_t len)
{
	const struct memory_file *file = ctx;

	if (offset >= file->size)
		return 0;
	len = MIN(len, file->size - (size_t)offset);
	memcpy(buf, (const char *)file->data + offset, len);
	return (long)len;
}

/* Where a test child begins: load the image its creator passed in arg, and go. */
static int test_child_start(void *arg)
{
	struct proc *self = current_proc();
	const struct memory_file *file = arg;
	struct exec_source src = { .read = memory_read, .ctx = arg, .size = file->size };
	const char *const argv[] = { "ktest-user", NULL };
	struct exec_args args;
	int err = exec_args_init(&args);

	if (!err)
		err = exec_args_add_kernel(&args, argv, NULL);
	if (!err)
		err = exec_load(&src, &args, &self->start_frame);
	exec_args_free(&args);
	if (err)
		proc_exit(W_EXITCODE(127, 0));
	arch_enter_user(&self->start_frame);
}

/* The test thread's own struct proc, so it can have children and wait for them. */
static struct proc *test_parent(void)
{
	struct task *self = current_task();

	if (!self->proc) {
		self->proc = proc_alloc(self, NULL);
		if (self->proc)
			proc_link(self->proc);
	}
	return self->proc;
}

/* Run the program code..end as a child process; its wait4() status, or -1. */
static int run_program(const uint8_t *code, const uint8_t *end)
{
	struct memory_file file;
	struct proc *parent = test_parent(), *child;
	struct task *task;
	int status = -1;

	file.data = build_image(code, end, &file.size);
	task = file.data && parent ? task_create(test_child_start, &file, "ktest-user") : NULL;
	child = task ? proc_alloc(task, parent) : NULL;
	if (child) {
		task->proc = child;
		proc_link(child);
		sched_start_task(task);
		if (proc_wait(child->pid, &status, 0, NULL) < 0)
			status = -1;
	}
	kfree((void *)file.data);
	return status;
}

#define RUN(name) run_program(name, name##_end)

KTEST(proc_exit_status, "proc: a user program's exit(42) is wait4 status 42 << 8")
{
	KTEST_EXPECT(RUN(test_prog_exit42) == W_EXITCODE(42, 0));
}

KTEST(proc_fault_signals, "proc: NULL store, divide by zero, bad opcode kill with SEGV, FPE, ILL")
{
	KTEST_EXPECT(RUN(test_prog_null) == SIGSEGV);
	KTEST_EXPECT(RUN(test_prog_divide) == SIGFPE);
	KTEST_EXPECT(RUN(test_prog_illegal) == SIGILL);
}

KTEST(proc_syscall_errors, "proc: an unknown syscall is ENOSYS, bad pointers are EFAULT")
{
	KTEST_EXPECT(RUN(test_prog_enosys) == W_EXITCODE(ENOSYS, 0));
	KTEST_EXPECT(RUN(test_prog_efault) == W_EXITCODE(2 * EFAULT, 0));
}

KTEST(proc_fork_cow, "proc: after fork, parent and child each see their own stack writes")
{
	KTEST_EXPECT(RUN(test_prog_fork_cow) == W_EXITCODE(12, 0));
}

KTEST(proc_brk, "proc: brk grows the heap and the new memory is usable")
{
	KTEST_EXPECT(RUN(test_prog_brk) == W_EXITCODE(2, 0));
}

KTEST(proc_signal_handler, "proc: a handler runs for kill(self); rt_sigreturn restores registers")
{
	KTEST_EXPECT(RUN(test_prog_signal) == W_EXITCODE(105, 0));
}

KTEST(proc_sigreturn_checks, "proc: sigreturn keeps user privilege; non-user resumes are SIGSEGV")
{
	KTEST_EXPECT(RUN(test_prog_sigreturn_forged) == W_EXITCODE(77, 0));
	KTEST_EXPECT(RUN(test_prog_sigreturn_outside) == SIGSEGV);
	KTEST_EXPECT(RUN(test_prog_bad_handler) == SIGSEGV);
}

KTEST(proc_no_leak, "proc: fork, exit and wait give back every page")
{
	uint64_t before;

	RUN(test_prog_fork_cow); /* warm up kmalloc's caches */
	before = free_page_count();
	KTEST_EXPECT(RUN(test_prog_fork_cow) == W_EXITCODE(12, 0));
	KTEST_EXPECT(free_page_count() == before);
}

KTEST(proc_wait_status, "proc: wait status encoding matches Linux")
{
	KTEST_EXPECT(W_EXITCODE(3, 0) == 0x300);
	KTEST_EXPECT(W_EXITED(W_EXITCODE(3, 0)) && W_EXITSTATUS(W_EXITCODE(3, 0)) == 3);
	KTEST_EXPECT(!W_EXITED(SIGSEGV) && W_TERMSIG(SIGSEGV) == SIGSEGV);
	KTEST_ASSERT(test_parent());
	KTEST_EXPECT(proc_wait(-1, NULL, WNOHANG, NULL) == -ECHILD);
}

/* ---- ELF checks ---- */

KTEST(elf_checks, "exec: bad magic, class, machine, type or segments are ENOEXEC")
{
	struct test_image image, bad;
	size_t size = sizeof(image) + 16;

	make_headers(&image, 16);
	KTEST_EXPECT(elf_check_header(&image.eh, size) == 0);
	KTEST_EXPECT(elf_check_segments(&image.eh, &image.ph, size) == 0);
	bad = image, bad.eh.e_ident[1] = 'X';
	KTEST_EXPECT(elf_check_header(&bad.eh, size) == -ENOEXEC);
	bad = image, bad.eh.e_ident[4] = 1; /* ELFCLASS32 */
	KTEST_EXPECT(elf_check_header(&bad.eh, size) == -ENOEXEC);
	bad = image, bad.eh.e_machine = ARCH_ELF_MACHINE + 1; /* another machine's */
	KTEST_EXPECT(elf_check_header(&bad.eh, size) == -ENOEXEC);
	bad = image, bad.eh.e_type = 3; /* ET_DYN */
	KTEST_EXPECT(elf_check_header(&bad.eh, size) == -ENOEXEC);
	bad = image, bad.eh.e_phnum = 1000;
	KTEST_EXPECT(elf_check_header(&bad.eh, size) == -ENOEXEC);
	KTEST_EXPECT(elf_check_header(&image.eh, 10) == -ENOEXEC);
	bad = image, bad.ph.p_vaddr = KERNEL_VMA;
	KTEST_EXPECT(elf_check_segments(&bad.eh, &bad.ph, size) == -ENOEXEC);
	bad = image, bad.ph.p_vaddr = USER_STACK_TOP - PAGE_SIZE;
	KTEST_EXPECT(elf_check_segments(&bad.eh, &bad.ph, size) == -ENOEXEC);
	bad = image, bad.ph.p_filesz = bad.ph.p_memsz + 1;
	KTEST_EXPECT(elf_check_segments(&bad.eh, &bad.ph, size) == -ENOEXEC);
	bad = image, bad.ph.p_offset = size;
	KTEST_EXPECT(elf_check_segments(&bad.eh, &bad.ph, size) == -ENOEXEC);
}

/* ---- address spaces and user access ---- */

#define TEST_AREA 0x10000000UL

KTEST(vm_cow_refcounts, "vm: fork shares pages (refcount 2); a write copies, then reuses")
{
	struct mm *mm = mm_create(), *copy;
	uint64_t phys, phys_copy;
	bool writable;
	char byte = 'x';

	KTEST_ASSERT(mm);
	KTEST_ASSERT(
	    mm_add_area(mm, TEST_AREA, TEST_AREA + PAGE_SIZE, VM_READ | VM_WRITE, VMA_ANON) == 0);
	KTEST_ASSERT(mm_write(mm, TEST_AREA, &byte, 1) == 0);
	KTEST_ASSERT(uvm_lookup(mm->pml4, TEST_AREA, &phys, &writable));
	KTEST_EXPECT(page_refcount(phys) == 1 && writable);
	copy = mm_clone(mm, USER_TOP);
	KTEST_ASSERT(copy);
	KTEST_EXPECT(page_refcount(phys) == 2);
	KTEST_EXPECT(uvm_lookup(mm->pml4, TEST_AREA, NULL, &writable) && !writable);
	KTEST_EXPECT(mm_fault(copy, TEST_AREA, true, false) == 0);
	KTEST_EXPECT(uvm_lookup(copy->pml4, TEST_AREA, &phys_copy, &writable) && writable);
	KTEST_EXPECT(phys_copy != phys && page_refcount(phys) == 1);
	KTEST_EXPECT(*(char *)phys_to_virt(phys_copy) == 'x');
	KTEST_EXPECT(mm_fault(mm, TEST_AREA, true, false) == 0);
	KTEST_EXPECT(uvm_lookup(mm->pml4, TEST_AREA, &phys_copy, &writable) && writable);
	KTEST_EXPECT(phys_copy == phys);
	KTEST_EXPECT(mm_fault(mm, TEST_AREA + PAGE_SIZE, false, false) == -EFAULT);
	mm_destroy(copy);
	mm_destroy(mm);
}

/* ---- execve() maps read-only segments from the file's pages ---- */

#define SHARED_FILE_PAGES 3 /* headers, code (read-only), data (writable) */

static long file_read(void *ctx, uint64_t offset, void *buf, size_t len)
{
	return vfs_pread(ctx, buf, len, (loff_t)offset);
}

static int file_get_pages(void *ctx, uint64_t index, unsigned int count, uint64_t *phys)
{
	return exec_file_get_pages(ctx, index, count, phys);
}

/* A program file: pages 0-1 a read-only segment (code 'a' at page 1), page 2 a writable one. */
static void make_shared_image(uint8_t *buf)
{
	struct test_image *image = (struct test_image *)buf;
	Elf64_Phdr *data = (Elf64_Phdr *)(&image->ph + 1);

	memset(buf, 0, SHARED_FILE_PAGES * PAGE_SIZE);
	make_headers(image, 0);
	image->eh.e_entry = TEST_LOAD_ADDR + PAGE_SIZE;
	image->eh.e_phnum = 2;
	image->ph.p_filesz = image->ph.p_memsz = 2 * PAGE_SIZE;
	*data = (Elf64_Phdr){ .p_type = PT_LOAD,
			      .p_flags = PF_R | PF_W,
			      .p_offset = 2 * PAGE_SIZE,
			      .p_vaddr = TEST_LOAD_ADDR + 2 * PAGE_SIZE,
			      .p_filesz = PAGE_SIZE,
			      .p_memsz = PAGE_SIZE,
			      .p_align = PAGE_SIZE };
	buf[PAGE_SIZE] = 'a';
	buf[2 * PAGE_SIZE] = 'd';
}

KTEST(exec_shares_text, "exec: read-only segments map the file's own pages; file writes copy them")
{
	const size_t size = SHARED_FILE_PAGES * PAGE_SIZE;
	const char *const argv[] = { "ktest-user", NULL };
	struct exec_source src = { .read = file_read, .get_pages = file_get_pages, .size = size };
	struct exec_image *image = kmalloc(sizeof(*image));
	uint8_t *buf = kmalloc(size);
	uint64_t text[2], data[2], headers, sp;
	struct exec_args args;
	struct vfs_scratch s;
	const size_t phoff = offsetof(struct test_image, ph);
	const struct iattr trunc = { .valid = ATTR_SIZE, .size = phoff + sizeof(Elf64_Phdr) };
	const struct iattr regrow = { .valid = ATTR_SIZE, .size = PAGE_SIZE };
	struct mm *mm[2];
	struct file *file;
	bool writable;

	KTEST_ASSERT(image && buf && test_parent() && scratch_mount(&s));
	make_shared_image(buf);
	KTEST_ASSERT(vfs_open(&s.root, "prog", O_RDWR | O_CREAT, 0755, &file) == 0);
	KTEST_ASSERT(vfs_write(file, buf, size) == (ssize_t)size);
	KTEST_ASSERT(exec_args_init(&args) == 0 && exec_args_add_kernel(&args, argv, NULL) == 0);
	src.ctx = file;
	for (int i = 0; i < 2; i++) {
		uint64_t *pml4;

		KTEST_ASSERT(exec_build(&src, &args, image, &mm[i], &sp) == 0);
		pml4 = mm[i]->pml4;
		KTEST_ASSERT(uvm_lookup(pml4, TEST_LOAD_ADDR + PAGE_SIZE, &text[i], &writable));
		KTEST_EXPECT(!writable && *(char *)phys_to_virt(text[i]) == 'a');
		KTEST_ASSERT(uvm_lookup(pml4, TEST_LOAD_ADDR + 2 * PAGE_SIZE, &data[i], NULL));
		KTEST_EXPECT(*(char *)phys_to_virt(data[i]) == 'd');
	}
	/* Both programs map the same page: the file holds it once, each mapping once more. */
	KTEST_EXPECT(text[0] == text[1] && page_refcount(text[0]) == 3);
	KTEST_EXPECT(data[0] != data[1] && page_refcount(data[0]) == 1);

	/* A write to the file moves it to a copy; the programs keep the page as it was. */
	KTEST_EXPECT(vfs_pwrite(file, "b", 1, PAGE_SIZE) == 1);
	KTEST_EXPECT(vfs_pread(file, buf, 1, PAGE_SIZE) == 1 && buf[0] == 'b');
	KTEST_EXPECT(page_refcount(text[0]) == 2 && *(char *)phys_to_virt(text[0]) == 'a');

	/*
	 * Truncating the file into its first page zeroes the rest of a copy of that page (the
	 * second program header goes, as growing the file again shows); the programs keep the
	 * original.
	 */
	KTEST_ASSERT(uvm_lookup(mm[0]->pml4, TEST_LOAD_ADDR, &headers, NULL));
	KTEST_EXPECT(page_refcount(headers) == 3);
	KTEST_EXPECT(vfs_setattr(&file->f_path, &trunc) == 0);
	KTEST_EXPECT(vfs_setattr(&file->f_path, &regrow) == 0);
	KTEST_EXPECT(vfs_pread(file, buf, 1, trunc.size) == 1 && buf[0] == 0);
	KTEST_EXPECT(page_refcount(headers) == 2);
	KTEST_EXPECT(((Elf64_Phdr *)((char *)phys_to_virt(headers) + phoff))[1].p_type == PT_LOAD);

	/* The segment is read-only: a write to it is a fault, never a write to the file. */
	KTEST_EXPECT(mm_fault(mm[0], TEST_LOAD_ADDR + PAGE_SIZE, true, false) == -EFAULT);
	mm_destroy(mm[0]);
	KTEST_EXPECT(page_refcount(text[1]) == 1);
	mm_destroy(mm[1]);
	exec_args_free(&args);
	file_put(file);
	scratch_unmount(&s);
	kfree(buf);
	kfree(image);
}

KTEST(uaccess_fixup, "uaccess: unmapped or kernel addresses give EFAULT; demand-zero works")
{
	struct proc *self = test_parent();
	struct mm *mm = mm_create();
	uint64_t value = 0x1234, back = 0;
	char name[8];

	KTEST_ASSERT(self && mm);
	KTEST_ASSERT(
	    mm_add_area(mm, TEST_AREA, TEST_AREA + PAGE_SIZE, VM_READ | VM_WRITE, VMA_ANON) == 0);
	self->mm = mm;
	mm_activate(mm);
	KTEST_EXPECT(copy_from_user(&back, TEST_AREA + PAGE_SIZE, sizeof(back)) == -EFAULT);
	KTEST_EXPECT(copy_to_user(TEST_AREA - 4, &value, sizeof(value)) == -EFAULT);
	KTEST_EXPECT(copy_from_user(&back, (uint64_t)&value, sizeof(back)) == -EFAULT);
	KTEST_EXPECT(strncpy_from_user(name, 0, sizeof(name)) == -EFAULT);
	KTEST_EXPECT(copy_to_user(TEST_AREA + 8, &value, sizeof(value)) == 0);
	KTEST_EXPECT(copy_from_user(&back, TEST_AREA + 8, sizeof(back)) == 0 && back == value);
	KTEST_EXPECT(clear_user(TEST_AREA, 16) == 0);
	KTEST_EXPECT(copy_to_user(TEST_AREA, "corral", 7) == 0);
	KTEST_EXPECT(strncpy_from_user(name, TEST_AREA, sizeof(name)) == 6);
	KTEST_EXPECT(strncpy_from_user(name, TEST_AREA, 4) == -ENAMETOOLONG);
	self->mm = NULL;
	mm_activate(NULL);
	mm_destroy(mm);
}
