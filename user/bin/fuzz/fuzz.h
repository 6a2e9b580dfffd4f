/*
 * fuzz: what the files of /bin/fuzz share (see main.c for the whole program).
 *
 *   main.c        the run: workers, the watchdog over each batch, the checks at the end
 *   values.c      hostile values: pointers, lengths, descriptors, paths, flags, signals
 *   calls.c       the table of system calls and how each one's arguments are made
 *   containers.c  the container mode: a hierarchy, its files, mkdir/rmdir/moves
 *
 * Every random choice comes from a struct rng, seeded from the run's SEED, the worker's
 * number and the batch's: a run's streams of calls are a function of SEED alone (what the
 * kernel's scheduling makes of them is not).
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define FUZZ_DIR     "/tmp/fuzz"	 /* everything a run makes lives below it */
#define HIER_DIR     FUZZ_DIR "/h" /* the container hierarchy of the container mode */
#define REPORT_FD    40		 /* a batch's pipe to its worker; never fuzzed */
#define MAX_CHILDREN 4		 /* live children of a batch, at most */
#define MAX_CALLS    80		 /* entries of calls[], at most */
#define USER_TOP     0x00007ffffffff000ULL /* the kernel's end of user space */
#define FUZZ_MAP_LOW  0x0000010000000000ULL /* munmap and mmap(MAP_FIXED) stay in here: */
#define FUZZ_MAP_HIGH 0x0000100000000000ULL /* nothing of the program lives there */

/* splitmix64: small, fast, and every seed (0 too) gives a good stream. */
struct rng {
	uint64_t state;
};

static inline uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [0, n). */
static inline uint64_t rng_below(struct rng *r, uint64_t n)
{
	return n ? rng_next(r) % n : 0;
}

/* True once in n. */
static inline int rng_one_in(struct rng *r, uint64_t n)
{
	return rng_below(r, n) == 0;
}

/* A system call as the kernel sees it: the raw result, a value or -errno. */
static inline long raw_syscall(long n, long a1, long a2, long a3, long a4, long a5, long a6)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

#define SYS(n, a, b, c, d, e, g)                                                              \
	raw_syscall((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(g))

/* Who is making the calls: a batch (a worker's child) or a child that a batch forked. */
struct fuzzer {
	struct rng rng;
	int worker;			 /* 0 .. workers - 1 */
	int is_child;			 /* forked by the batch: may exit, exec, drop root */
	int containers;		 /* the container mode is on */
	pid_t children[MAX_CHILDREN];	 /* the batch's live children (0: free slot) */
	char scratch[64];		 /* FUZZ_DIR "/wN": the worker's own files */
	int fds[16];			 /* descriptors this process opened (-1: none) */
	struct report {			 /* what the batch has not yet told its worker */
		int kind;		 /* REPORT_COUNTS or REPORT_CHILD */
		int pid;		 /* REPORT_CHILD: a child's pid, for the watchdog */
		uint32_t made[MAX_CALLS]; /* calls made, by index in calls[] */
		uint32_t failed[MAX_CALLS]; /* of which returned an error */
		uint32_t kernel_pointer_accepted; /* read/write that took a kernel buffer */
		uint32_t internal_errno_seen;	  /* ERESTART*: never meant for user space */
	} counts;
};

enum { REPORT_COUNTS = 1, REPORT_CHILD = 2 };

/* ---- main.c ---- */
void report_counts(struct fuzzer *f); /* send the counts so far and start again from 0 */
void report_child(struct fuzzer *f, pid_t pid);

/* ---- values.c ---- */
void values_init(struct fuzzer *f);
uint64_t any_pointer(struct fuzzer *f);	 /* a buffer the kernel may read or write */
uint64_t bad_pointer(struct fuzzer *f);	 /* never a valid buffer */
uint64_t unreadable_pointer(struct fuzzer *f);
uint64_t any_length(struct fuzzer *f);
int any_fd(struct fuzzer *f);
uint64_t any_flags(struct fuzzer *f);
int any_signal(struct fuzzer *f);
int any_id(struct fuzzer *f);		 /* uid, gid, pid or pgid */
uint64_t path_to_read(struct fuzzer *f); /* any path: only looked at, never changed */
uint64_t path_to_change(struct fuzzer *f); /* the worker's scratch files and containers */
uint64_t string_arg(struct fuzzer *f, const char *const *choices, int n);
void *random_buffer(struct fuzzer *f, size_t size);
void remember_fd(struct fuzzer *f, long fd);
int is_kernel_or_bad(uint64_t pointer);
int hits_own_memory(uint64_t addr, uint64_t len); /* munmap or MAP_FIXED could take it */

/* ---- calls.c ---- */
struct call {
	const char *name;
	int nr; /* its system-call number; -1 for the container mode's writes */
	long (*make)(struct fuzzer *f);
};

extern const struct call calls[];
extern const int calls_count;
/* Make one random call; returns the index in calls[] and its raw result. */
int fuzz_one(struct fuzzer *f, long *result);
void reap_children(struct fuzzer *f, int wait_all);
/* Make only the calls named in list (comma-separated; a word that names no call exactly
 * stands for every call whose name begins with it); -1: a word that names none. */
int choose_calls(const char *list);

/* ---- containers.c ---- */
long container_call(struct fuzzer *f);
long container_mount_call(struct fuzzer *f);

#endif /* FUZZ_H */
