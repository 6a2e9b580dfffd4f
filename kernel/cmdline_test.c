/*
 * Tests of the command-line parser (kernel/cmdline.c).
 */
#include <kernel/cmdline.h>
#include <kernel/ktest.h>
#include <lib/string.h>

static struct cmdline parsed; /* too big for the stack of a test */

KTEST(cmdline_empty_gives_defaults, "cmdline: an empty line gives the defaults")
{
	cmdline_parse(&parsed, "");
	KTEST_EXPECT(strcmp(parsed.init_path, CMDLINE_DEFAULT_INIT) == 0);
	KTEST_EXPECT(parsed.init_argc == 0);
	KTEST_EXPECT(parsed.init_args[0] == NULL);
	KTEST_EXPECT(!parsed.quiet && !parsed.ktest);
	KTEST_EXPECT(parsed.test_fault == NULL);
	KTEST_EXPECT(parsed.test_poweroff == -1);
}

KTEST(cmdline_known_words, "cmdline: init=, quiet and ktest are recognised")
{
	cmdline_parse(&parsed, "  quiet init=/bin/sh\tktest ");
	KTEST_EXPECT(strcmp(parsed.init_path, "/bin/sh") == 0);
	KTEST_EXPECT(parsed.quiet);
	KTEST_EXPECT(parsed.ktest);
	KTEST_EXPECT(parsed.unknown_words == 0);
}

KTEST(cmdline_ktest_word, "cmdline: ktest=WORD runs the tests whose description has WORD")
{
	cmdline_parse(&parsed, "ktest");
	KTEST_EXPECT(parsed.ktest && parsed.ktest_only == NULL);
	cmdline_parse(&parsed, "ktest=spinlock");
	KTEST_EXPECT(parsed.ktest && strcmp(parsed.ktest_only, "spinlock") == 0);
	KTEST_EXPECT(parsed.unknown_words == 0);
}

KTEST(cmdline_init_arguments, "cmdline: words after -- become init's arguments")
{
	cmdline_parse(&parsed, "init=/bin/echo -- hello -- quiet");
	KTEST_EXPECT(strcmp(parsed.init_path, "/bin/echo") == 0);
	KTEST_ASSERT(parsed.init_argc == 3);
	KTEST_EXPECT(strcmp(parsed.init_args[0], "hello") == 0);
	KTEST_EXPECT(strcmp(parsed.init_args[1], "--") == 0);
	KTEST_EXPECT(strcmp(parsed.init_args[2], "quiet") == 0);
	KTEST_EXPECT(parsed.init_args[3] == NULL);
	KTEST_EXPECT(!parsed.quiet);
}

KTEST(cmdline_unknown_words_ignored, "cmdline: unknown words are counted and ignored")
{
	cmdline_parse(&parsed, "frobnicate=1 quiet init= loud");
	KTEST_EXPECT(parsed.unknown_words == 3);
	KTEST_EXPECT(parsed.quiet);
	KTEST_EXPECT(strcmp(parsed.init_path, CMDLINE_DEFAULT_INIT) == 0);
}

KTEST(cmdline_test_words, "cmdline: test.poweroff and test.fault are parsed and range-checked")
{
	cmdline_parse(&parsed, "test.poweroff=7 test.fault=null");
	KTEST_EXPECT(parsed.test_poweroff == 7);
	KTEST_EXPECT(parsed.test_fault && strcmp(parsed.test_fault, "null") == 0);
	cmdline_parse(&parsed, "test.poweroff=256");
	KTEST_EXPECT(parsed.test_poweroff == -1);
	cmdline_parse(&parsed, "test.poweroff=x");
	KTEST_EXPECT(parsed.test_poweroff == -1);
}

KTEST(cmdline_too_many_init_args, "cmdline: arguments past the limit are dropped, not overflowed")
{
	static char line[CMDLINE_MAX];
	size_t len = strlcpy(line, "--", sizeof(line));

	for (int i = 0; i < CMDLINE_MAX_INIT_ARGS + 5; i++)
		len += strlcpy(line + len, " a", sizeof(line) - len);
	cmdline_parse(&parsed, line);
	KTEST_EXPECT(parsed.init_argc == CMDLINE_MAX_INIT_ARGS);
	KTEST_EXPECT(parsed.init_args[CMDLINE_MAX_INIT_ARGS] == NULL);
}

KTEST(cmdline_overlong_line_truncated, "cmdline: an over-long line is cut, not overflowed")
{
	static char line[CMDLINE_MAX + 100];

	memset(line, 'q', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	cmdline_parse(&parsed, line);
	KTEST_EXPECT(strlen(parsed.text) == CMDLINE_MAX - 1);
	KTEST_EXPECT(parsed.unknown_words == 1);
}
