/*
 * The container mode: main.c mounts one hierarchy with every subsystem on HIER_DIR (with
 * /sbin/container-reaper as its release agent), and every worker's batches make, remove and
 * move themselves and their children between the same few containers c0 .. c2, three deep,
 * at once, and write random text to the container files.  The races the kernel must get
 * right: an rmdir against a move into the container, against its release agent, against a
 * mkdir below it; a move against the exit of the process moved.
 *
 * mount(2) gets hostile option strings for the type "container" on the worker's own
 * directory, and remounts of the hierarchy with release_agent= options.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>

#include "fuzz.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const files[] = {
	"tasks", "notify_on_release", "release_agent", "cpuset.cpus", "cpuset.mems", "pids.max",
	"cpuacct.usage", "releasable", "pids.current", "debug.css_groups", "debug.taskcount",
	"debug.container_refcount", "debug.current_css_group_refcount", "nonexistent",
};

static const char *const texts[] = {
	"0", "1", "2", "-1", "0\n", "1\n", "max", "max\n", "5", "99999999999999999999", "0-3",
	"0-1", "1", "3", "0,2", "4-1", "", "\n", " ", "abc", "0-", "-", ",", "1-1000", "0x10",
	"/sbin/container-reaper", "/bin/true", "/nonexistent-agent", "relative", "1 2 3", "+1",
	"18446744073709551615", "9223372036854775808", "2147483648", "-2147483648",
};

/* A container: the root, or c0 .. c2 up to three deep. */
static void container_path(struct fuzzer *f, char *out)
{
	int depth = (int)rng_below(&f->rng, 4);

	strcpy(out, HIER_DIR);
	for (int i = 0; i < depth; i++) {
		strcat(out, "/c0");
		out[strlen(out) - 1] = (char)('0' + rng_below(&f->rng, 3));
	}
}

/* What a write to tasks names: this process, a child of it, or no process at all. */
static void task_text(struct fuzzer *f, char *out)
{
	static const char *const odd[] = { "0", "-1", "99999", "1abc", "", "2147483648" };
	long pid = SYS(SYS_getpid, 0, 0, 0, 0, 0, 0);
	pid_t child = f->children[rng_below(&f->rng, MAX_CHILDREN)];

	if (rng_one_in(&f->rng, 3) && child)
		pid = child;
	else if (rng_one_in(&f->rng, 4)) {
		strcpy(out, odd[rng_below(&f->rng, COUNT(odd))]);
		return;
	}
	for (int i = 0, n = (int)pid; i == 0 || n; i++, n /= 10) {
		memmove(out + 1, out, (size_t)i);
		out[0] = (char)('0' + n % 10);
		out[i + 1] = '\0';
	}
}

static long write_container_file(struct fuzzer *f, const char *dir)
{
	char path[128], text[32];
	const char *name = files[rng_below(&f->rng, COUNT(files))];
	const char *data = texts[rng_below(&f->rng, COUNT(texts))];
	long fd, r;

	if (rng_one_in(&f->rng, 2))
		name = "tasks";
	strcpy(path, dir);
	strcat(path, "/");
	strcat(path, name);
	if (strcmp(name, "tasks") == 0) {
		task_text(f, text);
		data = text;
	}
	fd = SYS(SYS_open, path, rng_one_in(&f->rng, 4) ? O_RDONLY : O_WRONLY, 0, 0, 0, 0);
	if (fd < 0)
		return fd;
	if (rng_one_in(&f->rng, 4))
		r = SYS(SYS_read, fd, random_buffer(f, 8), any_length(f), 0, 0, 0);
	else
		r = SYS(SYS_write, fd, rng_one_in(&f->rng, 8) ? any_pointer(f) : (uint64_t)data,
			rng_one_in(&f->rng, 8) ? any_length(f) : strlen(data), 0, 0, 0);
	SYS(SYS_close, fd, 0, 0, 0, 0, 0);
	return r;
}

long container_call(struct fuzzer *f)
{
	char dir[64];

	if (!f->containers)
		return SYS(SYS_getpid, 0, 0, 0, 0, 0, 0);
	container_path(f, dir);
	switch (rng_below(&f->rng, 4)) {
	case 0:
		return SYS(SYS_mkdir, dir, rng_one_in(&f->rng, 4) ? any_flags(f) : 0755, 0, 0, 0,
			   0);
	case 1:
		return SYS(SYS_rmdir, dir, 0, 0, 0, 0, 0);
	default:
		return write_container_file(f, dir);
	}
}

static const char *const options[] = {
	"cpuset", "cpuacct,pids", "all", "none", "none,name=fuzz", "name=", "noprefix",
	"release_agent=/sbin/container-reaper", "release_agent=", "all,none", "debug,debug",
	",,,", "name=fuzz,none", "bogus", "cpuset,noprefix,release_agent=/bin/true", "name=a,name=b",
	"none,name=fuzz,release_agent=/bin/true", "pids,name=x", "=", "release_agent",
	"none,name=..", "none,name=a/b", "all,noprefix,name=fuzzall", "none,noprefix,name=np",
	"release_agent=/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
};

static const char *const types[] = { "container", "container", "container", "proc", "tmpfs",
				     "ramfs", "devfs", "nosuchfs", "" };

/* mount(2): new mounts on the worker's own directory, remounts of it and of the hierarchy. */
long container_mount_call(struct fuzzer *f)
{
	char target[80];
	uint64_t data = string_arg(f, options, COUNT(options));

	strcpy(target, f->scratch);
	strcat(target, "/m");
	switch (rng_below(&f->rng, 4)) {
	case 0:
		if (f->containers)
			return SYS(SYS_mount, "none", HIER_DIR, "container", MS_REMOUNT, data, 0);
		/* fall through */
	case 1:
		return SYS(SYS_mount, "none", target, "container",
			   MS_REMOUNT | (any_flags(f) & ~MS_REMOUNT), data, 0);
	case 2:
		return SYS(SYS_umount2, target, rng_one_in(&f->rng, 2) ? 0 : any_flags(f), 0, 0,
			   0, 0);
	default:
		return SYS(SYS_mount, string_arg(f, options, 2),
			   rng_one_in(&f->rng, 6) ? bad_pointer(f) : (uint64_t)target,
			   string_arg(f, types, COUNT(types)),
			   rng_one_in(&f->rng, 2) ? 0 : any_flags(f) & ~MS_REMOUNT, data, 0);
	}
}
