/*
 * Small compiler helpers used all over Corral: attribute shorthands, branch hints, the
 * READ_ONCE/WRITE_ONCE accessors for data another CPU or an interrupt handler may change,
 * integer helpers (MIN, MAX, alignment, ARRAY_SIZE) and compile-time assertions.
 */
#ifndef LIB_COMPILER_H
#define LIB_COMPILER_H

#define __noreturn   __attribute__((__noreturn__))
#define __packed     __attribute__((__packed__))
#define __aligned(n) __attribute__((__aligned__(n)))
#define __section(s) __attribute__((__section__(s)))
/*
 * A function on the path every system call, pipe transfer, sleep, wake-up and context switch
 * runs.  These are kept together at the start of the kernel's code (.text.hot, linker.ld), on
 * two or three pages instead of some twenty.  It matters under emulation: each address-space
 * switch empties QEMU's TLB, and each page of code the next few microseconds touch must be
 * looked up again (docs/measuring.md).
 */
#define __hotpath __section(".text.hot")
/* Keep a function or variable in the image even though no code refers to it by name. */
#define __used __attribute__((__used__))
/* The function takes a printf-style format as argument fmt_index, its arguments from first. */
#define __printf(fmt_index, first) __attribute__((__format__(__printf__, fmt_index, first)))

/* Hints for the compiler about which way a branch almost always goes. */
#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/*
 * Read or write x exactly once, with one access of its full size: the compiler may neither
 * cache it in a register, nor split, merge or repeat the access.  This is no lock and no
 * memory barrier; it only stops the compiler from being clever with shared data.
 */
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)                                                                         \
	do {                                                                                       \
		*(volatile __typeof__(x) *)&(x) = (val);                                           \
	} while (0)

/* The number of elements of an array (not of a pointer: sizeof would be wrong). */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The smaller and the larger of two values; each argument is evaluated once. */
#define MIN(a, b)                                                                                  \
	({                                                                                         \
		__typeof__(a) _min_a = (a);                                                        \
		__typeof__(b) _min_b = (b);                                                        \
		_min_a < _min_b ? _min_a : _min_b;                                                 \
	})
#define MAX(a, b)                                                                                  \
	({                                                                                         \
		__typeof__(a) _max_a = (a);                                                        \
		__typeof__(b) _max_b = (b);                                                        \
		_max_a > _max_b ? _max_a : _max_b;                                                 \
	})

/* Round x up or down to a multiple of align, which must be a power of two. */
#define ALIGN_UP(x, align)   (((x) + ((align)-1)) & ~((__typeof__(x))(align)-1))
#define ALIGN_DOWN(x, align) ((x) & ~((__typeof__(x))(align)-1))

/* Stop the build if cond is true; cond must be a constant expression. */
#define BUILD_BUG_ON(cond) _Static_assert(!(cond), "BUILD_BUG_ON(" #cond ")")

#endif /* LIB_COMPILER_H */
