/*
 * Tests of #! scripts' first line (kernel/exec_script.c) and of the arguments an interpreter
 * gets (exec_args_replace_arg0()).  The cases are Linux's: each was run on Linux as a script
 * file, and the interpreter's arguments, or execve()'s errno, are what Linux gives.
 * usertests runs whole scripts through execve().
 */
#include <kernel/errno.h>
#include <kernel/exec.h>
#include <kernel/ktest.h>
#include <lib/string.h>

static char head[SCRIPT_BUF_SIZE];

/* Parse the first len bytes of text as a file's head, zero-filled as execve() reads it. */
static int parse(const char *text, size_t len, const char **interpreter, const char **arg)
{
	memset(head, 0, sizeof(head));
	memcpy(head, text, len < sizeof(head) ? len : sizeof(head));
	*interpreter = *arg = NULL;
	return script_parse(head, interpreter, arg);
}

#define PARSE(text, i, a) parse(text, sizeof(text) - 1, i, a)

KTEST(script_line_parts, "exec: #! line: interpreter, then the rest of the line as one argument")
{
	const char *interp, *arg;

	KTEST_EXPECT(PARSE("#!/bin/sh\necho hi\n", &interp, &arg) == 0);
	KTEST_EXPECT(strcmp(interp, "/bin/sh") == 0 && arg == NULL);
	KTEST_EXPECT(PARSE("#! \t/bin/sh  -e  -x \t\n", &interp, &arg) == 0);
	KTEST_EXPECT(strcmp(interp, "/bin/sh") == 0 && strcmp(arg, "-e  -x") == 0);
	KTEST_EXPECT(PARSE("#!/bin/sh -x\n#!/bin/other y\n", &interp, &arg) == 0);
	KTEST_EXPECT(strcmp(interp, "/bin/sh") == 0 && strcmp(arg, "-x") == 0);
	KTEST_EXPECT(PARSE("#!/bin/echo q", &interp, &arg) == 0); /* no newline: short file */
	KTEST_EXPECT(strcmp(interp, "/bin/echo") == 0 && strcmp(arg, "q") == 0);
	KTEST_EXPECT(PARSE("#!/bin/sh\r\n", &interp, &arg) == 0); /* a CR is part of the name */
	KTEST_EXPECT(strcmp(interp, "/bin/sh\r") == 0 && arg == NULL);
}

KTEST(script_line_nuls, "exec: #! line: a NUL ends the interpreter's name and drops the argument")
{
	const char *interp, *arg;

	KTEST_EXPECT(PARSE("#!/bin/s\0h -x\n", &interp, &arg) == 0);
	KTEST_EXPECT(strcmp(interp, "/bin/s") == 0 && arg == NULL);
	KTEST_EXPECT(PARSE("#!\0/bin/sh\n", &interp, &arg) == 0); /* "": exec gives EACCES */
	KTEST_EXPECT(strcmp(interp, "") == 0 && arg == NULL);
	KTEST_EXPECT(PARSE("#!", &interp, &arg) == 0);
	KTEST_EXPECT(strcmp(interp, "") == 0 && arg == NULL);
}

KTEST(script_line_bad, "exec: #! line: no #!, or no interpreter named, is ENOEXEC")
{
	const char *interp, *arg;

	KTEST_EXPECT(PARSE("", &interp, &arg) == -ENOEXEC);
	KTEST_EXPECT(PARSE("#", &interp, &arg) == -ENOEXEC);
	KTEST_EXPECT(PARSE("# !/bin/sh\n", &interp, &arg) == -ENOEXEC);
	KTEST_EXPECT(PARSE("!#/bin/sh\n", &interp, &arg) == -ENOEXEC);
	KTEST_EXPECT(PARSE("#!\n/bin/sh\n", &interp, &arg) == -ENOEXEC);
	KTEST_EXPECT(PARSE("#!  \t \n", &interp, &arg) == -ENOEXEC);
}

KTEST(script_line_long,
      "exec: #! line: 256 bytes are read; a cut name is ENOEXEC, a cut argument not")
{
	static char text[400];
	const char *interp, *arg;

	memset(text, 'a', sizeof(text));
	memcpy(text, "#!", 2);
	KTEST_EXPECT(parse(text, sizeof(text), &interp, &arg) == -ENOEXEC);
	memset(text, ' ', sizeof(text));
	memcpy(text, "#!", 2);
	KTEST_EXPECT(parse(text, sizeof(text), &interp, &arg) == -ENOEXEC);
	memset(text, 'b', sizeof(text));
	memcpy(text, "#!/bin/echo ", 12);
	KTEST_ASSERT(parse(text, sizeof(text), &interp, &arg) == 0);
	KTEST_EXPECT(strcmp(interp, "/bin/echo") == 0);
	KTEST_EXPECT(arg &&
		     strlen(arg) == SCRIPT_BUF_SIZE - 1 - 12); /* the last byte is not read */
	memset(text, 'c', sizeof(text));
	memcpy(text, "#!/bin/echo", 11);
	text[SCRIPT_BUF_SIZE - 1] = ' '; /* the name's end is the buffer's last byte */
	KTEST_EXPECT(parse(text, sizeof(text), &interp, &arg) == 0);
	KTEST_EXPECT(strlen(interp) == SCRIPT_BUF_SIZE - 3 && arg == NULL); /* bytes 2..254 */
}

/* The strings of args, one after another with ',' between them, into out (big enough). */
static void args_text(const struct exec_args *args, char *out)
{
	size_t at = 0;

	for (int i = 0; i < args->argc + args->envc; i++) {
		size_t len = strlen(args->buf + at);

		memcpy(out, args->buf + at, len);
		out += len;
		*out++ = ',';
		at += len + 1;
	}
	out[at ? -1 : 0] = '\0'; /* over the last ',' */
}

KTEST(script_args, "exec: #! arguments: interpreter, its argument, the script, then argv[1] on")
{
	static const char *const argv[] = { "name", "a1", "a 2", NULL };
	static const char *const envp[] = { "E=1", NULL };
	static const char *const front[] = { "/bin/sh", "-x", "./script" };
	struct exec_args args;
	char text[128];

	KTEST_ASSERT(exec_args_init(&args) == 0);
	KTEST_EXPECT(exec_args_add_kernel(&args, argv, envp) == 0);
	KTEST_EXPECT(exec_args_replace_arg0(&args, front, 3) == 0);
	args_text(&args, text);
	KTEST_EXPECT(args.argc == 5 && args.envc == 1);
	KTEST_EXPECT(strcmp(text, "/bin/sh,-x,./script,a1,a 2,E=1") == 0);
	KTEST_EXPECT(args.used == strlen(text) + 1);
	exec_args_free(&args);
}

KTEST(script_args_full, "exec: #! arguments that no longer fit are E2BIG")
{
	static char big[16 * 1024];
	const char *const argv[] = { "s", big, big, NULL };
	const char *const front[] = { "/bin/sh", "./s" };
	struct exec_args args;

	memset(big, 'x', sizeof(big) - 2);
	KTEST_ASSERT(exec_args_init(&args) == 0);
	KTEST_EXPECT(exec_args_add_kernel(&args, argv, NULL) == 0);
	KTEST_EXPECT(exec_args_replace_arg0(&args, front, 2) == -E2BIG);
	KTEST_EXPECT(args.argc == 3 && strcmp(args.buf, "s") == 0); /* left as it was */
	exec_args_free(&args);
}
