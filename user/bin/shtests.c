/*
 * shtests: the shell's pipes and redirections, seen from outside the shell.
 *
 * Each check runs `/bin/sh -c SCRIPT` in a scratch directory, reads what it writes on
 * standard output through a pipe of this program's own, and compares it with what a POSIX
 * shell prints.  Lab 4's grader reads these lines (docs/labs/4-shell.md), and so does the
 * suite of that name; the shell's stderr goes to the console.  Exits 0 when all passed.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <tap.h>
#include <testfile.h>
#include <unistd.h>

#define SCRATCH "/tmp/shtests"
#define OUT_MAX 4096

static const struct {
	const char *what, *script, *want;
} cases[] = {
    {"a pipe: echo into tr", "echo hello | tr a-z A-Z", "HELLO\n"},
    {"a pipeline of three", "printf 'b\\na\\nc\\n' | sort | head -n 2", "a\nb\n"},
    {"the reader sees end of file once every writer is done", "echo one | cat | cat", "one\n"},
    {"more than a pipe holds goes through", "seq 1 5000 | tail -n 1", "5000\n"},
    {"a pipeline's status is its last command's", "false | true; echo $?; true | false; echo $?",
     "0\n1\n"},
    {"a pipe inside a command substitution", "x=$(echo abc | tr a-z A-Z); echo $x", "ABC\n"},
    {"> makes a file, and truncates it", "echo first > f; echo second > f; cat f", "second\n"},
    {">> appends", "echo a > g; echo b >> g; cat g", "a\nb\n"},
    {"< reads a file", "echo in > h; tr a-z A-Z < h", "IN\n"},
    {"2> sends errors to a file", "cat /no/such 2> err; grep -c such err", "1\n"},
    {"2>&1 joins errors to the output", "cat /no/such 2>&1 | grep -c such", "1\n"},
    {"exec 3> opens a descriptor that >&3 writes to", "exec 3> k; echo via3 >&3; cat k",
     "via3\n"},
    {"a here-document", "cat <<EOF\nhi there\nEOF", "hi there\n"},
    {"a builtin's redirection is undone after it", "echo x > m; echo y; cat m", "y\nx\n"},
    {"a redirection that fails: the command does not run",
     "if echo x 2>/dev/null > /no/such/file; then echo ran; else echo failed; fi", "failed\n"},
};

/* Run /bin/sh -c script with stdout in out (NUL-ended): whether it ran to its end. */
static bool run_sh(const char *script, char *out, size_t size)
{
	char *argv[] = { "sh", "-c", (char *)script, NULL };

	return run_output("/bin/sh", argv, out, size) >= 0;
}

/* One line of TAP diagnostics per line of text, after a prefix. */
static void show(const char *prefix, const char *text)
{
	const char *line = text;

	while (*line) {
		const char *end = strchr(line, '\n');
		int len = end ? (int)(end - line) : (int)strlen(line);

		printf("#   %s%.*s\n", prefix, len, line);
		line += len + (end != NULL);
	}
}

int main(void)
{
	static char out[OUT_MAX];

	setvbuf(stdout, NULL, _IOLBF, 0);
	mkdir(SCRATCH, 0755);
	if (chdir(SCRATCH) != 0) {
		printf("# %s: %s\n", SCRATCH, strerror(errno));
		return 1;
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int ran = run_sh(cases[i].script, out, sizeof(out));
		int passed = ran && strcmp(out, cases[i].want) == 0;

		tap_check(passed, cases[i].what);
		if (!passed) {
			show("script: ", cases[i].script);
			show("want:   ", cases[i].want);
			show("got:    ", out);
		}
	}
	return tap_done();
}
