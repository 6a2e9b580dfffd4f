/*
 * The kernel command line, as the boot loader passed it, parsed into words.
 *
 *   init=PATH          the first user program (default /bin/init)
 *   quiet              console shows warnings and errors only (the log keeps everything)
 *   ktest              run the in-kernel unit tests, print TAP, power off
 *   ktest=WORD         the same, only the tests whose description contains WORD
 *   kbench             run the in-kernel benchmarks, print BENCH lines, power off
 *   trace              record the kernel event trace from boot (include/kernel/trace.h)
 *   test.fault=KIND    (tests only) fault on purpose after boot: null, divide, ud, stack
 *   test.poweroff=N    (tests only) power off with status N once booted
 *   -- ARGS...         everything after a lone "--" becomes init's arguments
 *
 * Unknown words are logged and ignored.
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <stdbool.h>

#define CMDLINE_MAX	      1024
#define CMDLINE_MAX_INIT_ARGS 32
#define CMDLINE_WORD_MAX      256

struct cmdline {
	char text[CMDLINE_MAX];				  /* the words, NUL-separated once parsed */
	const char *init_path;				  /* points into text, or the default */
	const char *init_args[CMDLINE_MAX_INIT_ARGS + 1]; /* NULL-terminated */
	int init_argc;
	bool quiet;
	bool ktest;
	const char *ktest_only; /* ktest=WORD: points into text; NULL for every test */
	bool kbench;		/* run the in-kernel benchmarks (kernel/kbench.c) */
	bool trace;		/* trace from boot (kernel/trace.c) */
	const char *test_fault; /* NULL unless test.fault= was given */
	int test_poweroff;	/* -1 unless test.poweroff= was given */
	int unknown_words;	/* how many words were ignored */
};

#define CMDLINE_DEFAULT_INIT "/bin/init"

/* Parse text into out; problems are logged, never fatal.  Returns 0. */
int cmdline_parse(struct cmdline *out, const char *text);

/* The boot command line, parsed once by kmain(). */
extern struct cmdline kernel_cmdline;

#endif
