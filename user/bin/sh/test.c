/*
 * test EXPRESSION and [ EXPRESSION ]: the status says whether the expression is true (0),
 * false (1), or could not be read (2, with a message).
 *
 *   files     -e -f -d -b -c -p -S -h -L -s -r -w -x -u -g -k PATH, -t FD,
 *             A -nt B, A -ot B, A -ef B
 *   strings   -n S, -z S, S, S = T (also ==), S != T, S < T, S > T
 *   integers  A -eq B, -ne, -lt, -le, -gt, -ge
 *   logic     ! E, E -a E, E -o E, ( E )    (-a binds tighter than -o; ! tighter still)
 *
 * As POSIX asks, up to four arguments are read by how many there are, so that a string that
 * looks like an operator is still a string where it can only be one ([ "$x" = "!" ] and
 * [ ! = x ] work); longer expressions go to a small recursive-descent parser.  -r, -w and -x
 * ask the kernel, with the effective ids (faccessat()'s AT_EACCESS), so the answer is what
 * an open or an exec would find: the supplementary groups count, and -w of a file on a
 * read-only mount is false.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

/* The arguments being read: argv[pos] is the next one, argv[argc] is past the end. */
struct test {
	const char *name; /* "test" or "[", for messages */
	char **argv;
	int argc, pos;
	int error; /* set once, with the message already printed */
};

static void test_error(struct test *t, const char *what, const char *arg)
{
	if (!t->error)
		sh_error("%s: %s%s%s", t->name, arg ? arg : "", arg ? ": " : "", what);
	t->error = 1;
}

/* ---- the primaries ------------------------------------------------------------------------ */

/* A whole decimal integer, blanks around it allowed: 1 and *value, or 0. */
static int parse_integer(const char *s, long *value)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	*value = strtol(s, &end, 10);
	if (end == s)
		return 0;
	while (*end == ' ' || *end == '\t')
		end++;
	return *end == '\0';
}

static int is_unary(const char *op)
{
	return op[0] == '-' && op[1] != '\0' && op[2] == '\0' &&
	       strchr("edfbcpShLsrwxugkntz", op[1]) != NULL;
}

static const char *const binary_ops[] = {"=",	"==",  "!=",  "<",   ">",   "-eq", "-ne", "-lt",
					 "-le", "-gt", "-ge", "-nt", "-ot", "-ef", NULL};

static int is_binary(const char *op)
{
	for (int i = 0; binary_ops[i] != NULL; i++)
		if (strcmp(op, binary_ops[i]) == 0)
			return 1;
	return 0;
}

/*
 * May the effective ids read, write or execute (R_OK, W_OK, X_OK) path?  The kernel's own
 * answer, which counts the supplementary groups and a read-only mount as well.
 */
static int may_access(const char *path, int mode)
{
	return faccessat(AT_FDCWD, path, mode, AT_EACCESS) == 0;
}

/* A file test: op is one of e d f b c p S h L s r w x u g k. */
static int file_test(char op, const char *path)
{
	struct stat st;

	if ((op == 'h' || op == 'L') ? lstat(path, &st) < 0 : stat(path, &st) < 0)
		return 0;
	switch (op) {
	case 'd': return S_ISDIR(st.st_mode);
	case 'f': return S_ISREG(st.st_mode);
	case 'b': return S_ISBLK(st.st_mode);
	case 'c': return S_ISCHR(st.st_mode);
	case 'p': return S_ISFIFO(st.st_mode);
	case 'S': return S_ISSOCK(st.st_mode);
	case 'h':
	case 'L': return S_ISLNK(st.st_mode);
	case 's': return st.st_size > 0;
	case 'r': return may_access(path, R_OK);
	case 'w': return may_access(path, W_OK);
	case 'x': return may_access(path, X_OK);
	case 'u': return (st.st_mode & S_ISUID) != 0;
	case 'g': return (st.st_mode & S_ISGID) != 0;
	case 'k': return (st.st_mode & S_ISVTX) != 0;
	}
	return 1; /* -e */
}

static int unary(struct test *t, const char *op, const char *arg)
{
	long fd;

	switch (op[1]) {
	case 'n':
		return arg[0] != '\0';
	case 'z':
		return arg[0] == '\0';
	case 't':
		if (!parse_integer(arg, &fd)) {
			test_error(t, "bad number", arg);
			return 0;
		}
		return isatty((int)fd);
	}
	return file_test(op[1], arg);
}

/* -nt, -ot, -ef: by modification time, or the same file (device and inode). */
static int compare_files(const char *a, const char *op, const char *b)
{
	struct stat sa, sb;
	int has_a = stat(a, &sa) == 0, has_b = stat(b, &sb) == 0;

	if (strcmp(op, "-ef") == 0)
		return has_a && has_b && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	if (strcmp(op, "-ot") == 0) {
		struct stat swap = sa;
		int has = has_a;

		sa = sb, has_a = has_b;
		sb = swap, has_b = has;
	}
	if (!has_a)
		return 0;
	if (!has_b)
		return 1;
	if (sa.st_mtim.tv_sec != sb.st_mtim.tv_sec)
		return sa.st_mtim.tv_sec > sb.st_mtim.tv_sec;
	return sa.st_mtim.tv_nsec > sb.st_mtim.tv_nsec;
}

/* -eq -ne -lt -le -gt -ge */
static int compare_integers(struct test *t, const char *a, const char *op, const char *b)
{
	long x, y;

	if (!parse_integer(a, &x) || !parse_integer(b, &y)) {
		test_error(t, "integer expected", parse_integer(a, &x) ? b : a);
		return 0;
	}
	if (strcmp(op, "-eq") == 0)
		return x == y;
	if (strcmp(op, "-ne") == 0)
		return x != y;
	if (strcmp(op, "-lt") == 0)
		return x < y;
	if (strcmp(op, "-le") == 0)
		return x <= y;
	if (strcmp(op, "-gt") == 0)
		return x > y;
	return x >= y;
}

static int binary(struct test *t, const char *a, const char *op, const char *b)
{
	if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0)
		return strcmp(a, b) == 0;
	if (strcmp(op, "!=") == 0)
		return strcmp(a, b) != 0;
	if (strcmp(op, "<") == 0)
		return strcmp(a, b) < 0;
	if (strcmp(op, ">") == 0)
		return strcmp(a, b) > 0;
	if (strcmp(op, "-nt") == 0 || strcmp(op, "-ot") == 0 || strcmp(op, "-ef") == 0)
		return compare_files(a, op, b);
	return compare_integers(t, a, op, b);
}

/* ---- longer expressions: ! binds tighter than -a, -a than -o ------------------------------ */

/* The argument ahead places from the next one, or NULL past the end. */
static const char *peek(const struct test *t, int ahead)
{
	return t->pos + ahead < t->argc ? t->argv[t->pos + ahead] : NULL;
}

static const char *next(struct test *t)
{
	return t->pos < t->argc ? t->argv[t->pos++] : NULL;
}

static int parse_or(struct test *t);

/* ( E ), a binary test, a unary test, or a string; a word before a binary operator is a
 * string, whatever it looks like. */
static int parse_primary(struct test *t)
{
	const char *a = next(t), *op;
	int value;

	if (a == NULL) {
		test_error(t, "argument expected", NULL);
		return 0;
	}
	if (peek(t, 0) != NULL && is_binary(peek(t, 0)) && peek(t, 1) != NULL) {
		op = next(t);
		return binary(t, a, op, next(t));
	}
	if (strcmp(a, "(") == 0 && peek(t, 0) != NULL) {
		value = parse_or(t);
		if (peek(t, 0) == NULL || strcmp(next(t), ")") != 0)
			test_error(t, "missing )", NULL);
		return value;
	}
	if (is_unary(a) && peek(t, 0) != NULL)
		return unary(t, a, next(t));
	return a[0] != '\0';
}

static int parse_not(struct test *t)
{
	if (peek(t, 0) != NULL && strcmp(peek(t, 0), "!") == 0 &&
	    !(peek(t, 1) != NULL && is_binary(peek(t, 1)) && peek(t, 2) != NULL)) {
		t->pos++;
		return !parse_not(t);
	}
	return parse_primary(t);
}

static int parse_and(struct test *t)
{
	int value = parse_not(t);

	while (peek(t, 0) != NULL && strcmp(peek(t, 0), "-a") == 0) {
		t->pos++;
		value = parse_not(t) && value;
	}
	return value;
}

static int parse_or(struct test *t)
{
	int value = parse_and(t);

	while (peek(t, 0) != NULL && strcmp(peek(t, 0), "-o") == 0) {
		t->pos++;
		value = parse_and(t) || value;
	}
	return value;
}

/* ---- POSIX's rules by the number of arguments --------------------------------------------- */

/* The value of the n arguments from t->pos on, read as POSIX says for n <= 4; -1 where its
 * rules do not decide (the parser then reads them). */
static int by_count(struct test *t, int n)
{
	char **a = t->argv + t->pos;

	switch (n) {
	case 0:
		return 0;
	case 1:
		return a[0][0] != '\0';
	case 2:
		if (strcmp(a[0], "!") == 0)
			return a[1][0] == '\0';
		if (is_unary(a[0]))
			return unary(t, a[0], a[1]);
		test_error(t, "unary operator expected", a[0]);
		return 0;
	case 3:
		if (is_binary(a[1]))
			return binary(t, a[0], a[1], a[2]);
		if (strcmp(a[1], "-a") == 0 || strcmp(a[1], "-o") == 0)
			return -1;
		if (strcmp(a[0], "!") == 0) {
			t->pos++;
			return !by_count(t, 2);
		}
		if (strcmp(a[0], "(") == 0 && strcmp(a[2], ")") == 0)
			return a[1][0] != '\0';
		test_error(t, "unexpected operator", a[1]);
		return 0;
	case 4:
		if (strcmp(a[0], "!") == 0) {
			t->pos++;
			return !by_count(t, 3);
		}
		if (strcmp(a[0], "(") == 0 && strcmp(a[3], ")") == 0) {
			t->pos++;
			return by_count(t, 2);
		}
	}
	return -1;
}

/* test EXPRESSION, or [ EXPRESSION ] */
int builtin_test(int argc, char **argv)
{
	struct test t = {.name = argv[0], .argv = argv, .argc = argc, .pos = 1};
	int value;

	if (strcmp(argv[0], "[") == 0) {
		if (strcmp(argv[argc - 1], "]") != 0) {
			sh_error("[: missing ]");
			return 2;
		}
		t.argc--;
	}
	value = by_count(&t, t.argc - 1);
	if (value < 0 && !t.error) {
		t.pos = 1;
		value = parse_or(&t);
		if (t.pos < t.argc)
			test_error(&t, "unexpected operator", t.argv[t.pos]);
	}
	return t.error ? 2 : !value;
}
