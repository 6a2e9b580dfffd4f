/*
 * Hostile values for system-call arguments.  Each maker mixes the ordinary (a good buffer, an
 * open descriptor, an existing path) with the hostile: the kernel's own addresses and text,
 * NULL, unmapped, read-only, misaligned and non-canonical pointers, a pointer a few bytes
 * before the end of a mapping, huge and negative lengths, closed and huge descriptors, long
 * and missing paths.  A kernel that checks every user pointer answers each with EFAULT,
 * EBADF, EINVAL, ENAMETOOLONG or ENOENT, never with a panic.
 *
 * The good buffer is a mapping with an unmapped page after it, so that a huge length
 * into it ends in that hole (EFAULT), never in this program's own data.
 */
#include <string.h>
#include <sys/mman.h>

#include "fuzz.h"

#define PAGE	     4096
#define BUFFER_PAGES 4

static char *buffer;		/* BUFFER_PAGES readable and writable, then a hole */
static char *straddle_end;	/* the end of that mapping: the next page is unmapped */
static char long_path[5000];	/* longer than PATH_MAX */
static char long_name[400];	/* one name longer than NAME_MAX */
static char paths[8][128];	/* scratch paths of this worker */

/* The kernel's half: its direct map, its text (linked at -2 GiB), the very top. */
static const uint64_t kernel_addresses[] = {
	0xffff800000000000ULL, 0xffff800000001000ULL, 0xffffffff80000000ULL,
	0xffffffff80100000ULL, 0xffffffff80100123ULL, 0xfffffffffffff000ULL,
	0xffffffffffffffffULL, 0xffffffffffffff00ULL,
};

/* Never mapped or never user memory: NULL, low pages, non-canonical, user space's top. */
static const uint64_t unmapped_addresses[] = {
	0, 1, 8, 0xfff, 0x1000, 0x10000, 0x3ff000, 0x0000800000000000ULL, 0x00007ffffffff000ULL,
	0x00007fffffffffffULL, 0x8000000000000000ULL, 0x0000100000000000ULL, 0xdead0000ULL,
};

void values_init(struct fuzzer *f)
{
	static char fallback[BUFFER_PAGES * PAGE];
	char *map = mmap(NULL, (BUFFER_PAGES + 1) * PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	buffer = fallback;
	if (map != MAP_FAILED) {
		munmap(map + BUFFER_PAGES * PAGE, PAGE);
		buffer = map;
		straddle_end = map + BUFFER_PAGES * PAGE;
	}
	memset(long_path, 'a', sizeof(long_path) - 1);
	for (size_t i = 1; i < sizeof(long_path) - 1; i += 2)
		long_path[i] = '/';
	memset(long_name, 'n', sizeof(long_name) - 1);
	for (int i = 0; i < 8; i++) {
		static const char *const names[8] = { "f0", "f1", "f2", "d0", "d0/f3", "d0/d1",
						      "m", "missing/x" };

		strcpy(paths[i], f->scratch);
		strcat(paths[i], "/");
		strcat(paths[i], names[i]);
	}
	for (int i = 0; i < 16; i++)
		f->fds[i] = -1;
}

/*
 * Whether munmap() or mmap(MAP_FIXED) of [addr, addr + len) could take this program's own
 * memory: a range the kernel would accept (page-aligned, below user space's top) that leaves
 * the stretch FUZZ_MAP_LOW .. FUZZ_MAP_HIGH, where nothing of the program lives.  Below it
 * are its text, data and heap; above it its own mappings (the good buffer is the first, at
 * the kernel's MMAP_BASE, which is also one of the unmapped addresses above) and its stack.
 * Linux would take them too: that is the program's own harm, not the kernel's.
 */
int hits_own_memory(uint64_t addr, uint64_t len)
{
	if ((addr & (PAGE - 1)) || len == 0 || len > USER_TOP || addr > USER_TOP - len)
		return 0; /* refused by the kernel */
	return addr < FUZZ_MAP_LOW || addr + len > FUZZ_MAP_HIGH;
}

int is_kernel_or_bad(uint64_t pointer)
{
	return pointer >= 0x0000800000000000ULL;
}

uint64_t bad_pointer(struct fuzzer *f)
{
	switch (rng_below(&f->rng, 4)) {
	case 0:
		return kernel_addresses[rng_below(&f->rng, sizeof(kernel_addresses) / 8)];
	case 1:
		return unmapped_addresses[rng_below(&f->rng, sizeof(unmapped_addresses) / 8)];
	case 2: /* read-only: this program's text and constants, for calls that write */
		return rng_one_in(&f->rng, 2) ? (uint64_t)(uintptr_t)bad_pointer
					       : (uint64_t)(uintptr_t)kernel_addresses;
	default:
		return 0xffff800000000000ULL + (rng_next(&f->rng) & 0x7fffffffffffULL);
	}
}

/* A bad pointer that cannot even be read (bad_pointer() may name read-only memory). */
uint64_t unreadable_pointer(struct fuzzer *f)
{
	uint64_t p;

	do
		p = bad_pointer(f);
	while (p >= 0x400000 && p < USER_TOP); /* the program, its buffer (at MMAP_BASE), stack */
	return p;
}

uint64_t any_pointer(struct fuzzer *f)
{
	uint64_t r = rng_below(&f->rng, 10);

	if (r < 5) /* a good buffer, sometimes misaligned */
		return (uint64_t)(uintptr_t)(buffer + (rng_one_in(&f->rng, 2)
							       ? rng_below(&f->rng, 2 * PAGE)
							       : 0));
	if (r < 7 && straddle_end) /* the last bytes before an unmapped page */
		return (uint64_t)(uintptr_t)(straddle_end - 1 - rng_below(&f->rng, 64));
	return bad_pointer(f);
}

uint64_t any_length(struct fuzzer *f)
{
	static const uint64_t lengths[] = {
		0, 1, 2, 7, 8, 16, 64, 100, 128, 255, 256, 511, 512, 4095, 4096, 4097, 8192, 65536,
		0x7fffffffULL, 0x80000000ULL, 0xffffffffULL, 1ULL << 40, 0x7fffffffffffffffULL,
		0xffffffffffffffffULL, 0xfffffffffffff000ULL, 0x8000000000000000ULL,
	};

	if (rng_one_in(&f->rng, 4))
		return rng_below(&f->rng, 3 * PAGE);
	return lengths[rng_below(&f->rng, sizeof(lengths) / 8)];
}

void remember_fd(struct fuzzer *f, long fd)
{
	if (fd >= 0 && fd < 64 && fd != REPORT_FD)
		f->fds[rng_below(&f->rng, 16)] = (int)fd;
}

/* An open descriptor of this process most of the time; never the batch's report pipe. */
int any_fd(struct fuzzer *f)
{
	static const int odd[] = { -1, -100, 63, 64, 65, 1023, 1 << 20, 0x7fffffff, -2147483647 - 1 };
	int fd;

	do {
		uint64_t r = rng_below(&f->rng, 10);

		if (r < 6)
			fd = f->fds[rng_below(&f->rng, 16)];
		else if (r < 8)
			fd = (int)rng_below(&f->rng, 64);
		else
			fd = odd[rng_below(&f->rng, sizeof(odd) / sizeof(odd[0]))];
	} while (fd == REPORT_FD);
	return fd;
}

uint64_t any_flags(struct fuzzer *f)
{
	switch (rng_below(&f->rng, 4)) {
	case 0:
		return 0;
	case 1:
		return 1ULL << rng_below(&f->rng, 32);
	case 2:
		return rng_next(&f->rng) & 0xffffffffULL;
	default:
		return rng_next(&f->rng);
	}
}

int any_signal(struct fuzzer *f)
{
	static const int odd[] = { 0, -1, 65, 64, 1000, -2147483647 - 1 };

	if (rng_one_in(&f->rng, 5))
		return odd[rng_below(&f->rng, sizeof(odd) / sizeof(odd[0]))];
	return 1 + (int)rng_below(&f->rng, 64);
}

int any_id(struct fuzzer *f)
{
	static const int ids[] = { 0, 1, 2, 1000, -1, 65534, 99999, 0x7fffffff, -2 };

	return ids[rng_below(&f->rng, sizeof(ids) / sizeof(ids[0]))];
}

/* Paths anyone may look at: the whole tree, /proc and /dev too, and the odd ones. */
uint64_t path_to_read(struct fuzzer *f)
{
	static const char *const seen[] = {
		"/", ".", "..", "", "/bin/sh", "/bin", "/proc/self/status", "/proc/self/stat",
		"/proc/1/cmdline", "/proc/meminfo", "/proc/mounts", "/proc/containers",
		"/proc/lockorder", "/proc/self/container", "/proc/99999/stat", "/proc/self",
		"/proc/container_release", "/proc/file-nr", "/dev/null", "/dev/zero", "/dev",
		"/nonexistent", "/nonexistent/x/y", "/etc/passwd", "/bin/sh/", "/proc/self/../1",
		HIER_DIR "/tasks", HIER_DIR "/release_agent", "/tmp", "//proc///self//stat",
	};

	switch (rng_below(&f->rng, 6)) {
	case 0:
		return path_to_change(f);
	case 1:
		return rng_one_in(&f->rng, 2) ? (uint64_t)(uintptr_t)long_path
					       : (uint64_t)(uintptr_t)long_name;
	case 2:
		return any_pointer(f);
	default:
		return (uint64_t)(uintptr_t)seen[rng_below(&f->rng, sizeof(seen) / sizeof(seen[0]))];
	}
}

/* Paths a call may create, change or remove: the worker's own, and the containers'. */
uint64_t path_to_change(struct fuzzer *f)
{
	static const char *const containers[] = {
		HIER_DIR "/c0", HIER_DIR "/c1", HIER_DIR "/c0/c1", HIER_DIR "/c1/c0",
		HIER_DIR "/c2/c2/c2", HIER_DIR "/c0/tasks", HIER_DIR "/c1/notify_on_release",
	};
	uint64_t r = rng_below(&f->rng, 10);

	if (r < 6)
		return (uint64_t)(uintptr_t)paths[rng_below(&f->rng, 8)];
	if (r < 8 && f->containers)
		return (uint64_t)(uintptr_t)containers[rng_below(&f->rng, 7)];
	if (r < 9)
		return (uint64_t)(uintptr_t)long_name;
	/*
	 * Not bad_pointer(): it may name this program's text, whose bytes read as a name, and
	 * with a descriptor of "/" as dirfd a call would make a file of that name in the root,
	 * where the clean-up never looks (it looked like a leak of a few pages of inodes).
	 */
	return unreadable_pointer(f);
}

uint64_t string_arg(struct fuzzer *f, const char *const *choices, int n)
{
	if (rng_one_in(&f->rng, 8))
		return bad_pointer(f);
	return (uint64_t)(uintptr_t)choices[rng_below(&f->rng, (uint64_t)n)];
}

/* The good buffer, filled with random bytes: for structures the kernel reads. */
void *random_buffer(struct fuzzer *f, size_t size)
{
	for (size_t i = 0; i + 8 <= size && i + 8 <= BUFFER_PAGES * PAGE; i += 8) {
		uint64_t word = rng_next(&f->rng);

		memcpy(buffer + i, &word, 8);
	}
	return buffer;
}
