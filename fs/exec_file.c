/*
 * How execve() reads a program: open it by path from the caller's working directory (a
 * regular file the caller may execute, vfs_open_exec(): EACCES otherwise), read it at
 * offsets, and lend its pages so that read-only segments are mapped rather than copied
 * (file_operations.get_pages).  kernel/exec.c sees only the opaque struct exec_file.
 */
#include <kernel/errno.h>
#include <kernel/exec.h>
#include <kernel/fcntl.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/proc.h>
#include <kernel/stat.h>
#include <kernel/vfs.h>

int exec_file_open(const char *path, struct exec_file **out, uint64_t *size)
{
	struct file *file;
	struct stat st;
	int err = vfs_open_exec(files_cwd(current_proc()), path, &file);

	if (err)
		return err;
	err = vfs_fstat(file, &st);
	if (err) {
		file_put(file);
		return err;
	}
	*out = (struct exec_file *)file;
	*size = (uint64_t)st.st_size;
	return 0;
}

long exec_file_read(struct exec_file *file, uint64_t offset, void *buf, size_t len)
{
	return vfs_pread((struct file *)file, buf, len, (loff_t)offset);
}

int exec_file_get_pages(struct exec_file *file, uint64_t index, unsigned int count, uint64_t *phys)
{
	struct file *f = (struct file *)file;

	return f->f_op->get_pages ? f->f_op->get_pages(f, index, count, phys) : -EOPNOTSUPP;
}

void exec_file_close(struct exec_file *file)
{
	file_put((struct file *)file);
}
