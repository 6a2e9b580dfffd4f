/*
 * Arithmetic expansion, $((expression)): integers (long) with C's operators and precedence.
 *
 * The expression has had its $ parameters expanded already (expand.c); a bare variable name
 * stands for its value (0 when unset or not a number).  Understood, loosest first:
 *   ||   &&   |   ^   &   == !=   < <= > >=   << >>   + -   * / %   unary - + ! ~   ( )
 * Assignment operators (=, +=, ++ ...) and ?: are not: they are reported as errors.
 */
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct arith {
	const char *p;
	int error; /* set once, with the message already printed */
};

static long parse_binary(struct arith *a, int level);

static void skip_space(struct arith *a)
{
	while (*a->p == ' ' || *a->p == '\t' || *a->p == '\n')
		a->p++;
}

static void arith_error(struct arith *a, const char *what)
{
	if (!a->error && *a->p != '\0')
		sh_error("arithmetic: %s near '%s'", what, a->p);
	else if (!a->error)
		sh_error("arithmetic: %s", what);
	a->error = 1;
}

/* A number, a variable name, a parenthesised expression, or a unary operator and operand. */
static long parse_primary(struct arith *a)
{
	size_t n = 0;
	long v;

	skip_space(a);
	if (*a->p == '(') {
		a->p++;
		v = parse_binary(a, 0);
		skip_space(a);
		if (*a->p != ')')
			arith_error(a, "missing )");
		else
			a->p++;
		return v;
	}
	if (*a->p == '-' || *a->p == '+' || *a->p == '!' || *a->p == '~') {
		char op = *a->p++;
		v = parse_primary(a);
		return op == '-' ? -v : op == '!' ? !v : op == '~' ? ~v : v;
	}
	if (*a->p >= '0' && *a->p <= '9') {
		char *end;
		v = strtol(a->p, &end, 0);
		a->p = end;
		return v;
	}
	while (a->p[n] != '\0' && is_name(a->p, n + 1))
		n++;
	if (n == 0) {
		arith_error(a, "syntax error");
		return 0;
	}
	char *name = xmalloc(n + 1);
	memcpy(name, a->p, n);
	name[n] = '\0';
	const char *value = var_get(name);
	free(name);
	a->p += n;
	return value != NULL ? strtol(value, NULL, 0) : 0;
}

/* The binary operators by precedence level, loosest first. */
static const char *const levels[][4] = {
    {"||"},	  {"&&"},     {"|"},	       {"^"}, {"&"}, {"==", "!="}, {"<=", ">=", "<", ">"},
    {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"},
};
#define NLEVELS ((int)(sizeof(levels) / sizeof(levels[0])))

/* Which operator of this level starts at a->p (not a longer one, such as | of ||)? */
static const char *match_operator(struct arith *a, int level)
{
	int i;

	for (i = 0; i < 4 && levels[level][i] != NULL; i++) {
		const char *op = levels[level][i];
		size_t n = strlen(op);
		if (strncmp(a->p, op, n) != 0)
			continue;
		if (n == 1 && (a->p[1] == op[0] || a->p[1] == '=') && op[0] != '<' && op[0] != '>')
			continue;
		if (n == 1 && (op[0] == '<' || op[0] == '>') && (a->p[1] == op[0]))
			continue;
		return op;
	}
	return NULL;
}

static long apply(struct arith *a, const char *op, long l, long r)
{
	if ((op[0] == '/' || op[0] == '%') && r == 0) {
		arith_error(a, "division by zero");
		return 0;
	}
	switch (op[0]) {
	case '|':
		return op[1] ? (l || r) : (l | r);
	case '&':
		return op[1] ? (l && r) : (l & r);
	case '^':
		return l ^ r;
	case '=':
		return l == r;
	case '!':
		return l != r;
	case '<':
		return op[1] == '<' ? l << r : op[1] == '=' ? l <= r : l < r;
	case '>':
		return op[1] == '>' ? l >> r : op[1] == '=' ? l >= r : l > r;
	case '+':
		return l + r;
	case '-':
		return l - r;
	case '*':
		return l * r;
	case '/':
		return l / r;
	default:
		return l % r;
	}
}

static long parse_binary(struct arith *a, int level)
{
	const char *op;
	long left;

	if (level == NLEVELS)
		return parse_primary(a);
	left = parse_binary(a, level + 1);
	for (;;) {
		skip_space(a);
		op = match_operator(a, level);
		if (op == NULL || a->error)
			return left;
		a->p += strlen(op);
		left = apply(a, op, left, parse_binary(a, level + 1));
	}
}

/* Evaluate text into *result. Returns 0, or -1 after printing an error. */
int arith_eval(const char *text, long *result)
{
	struct arith a = {.p = text, .error = 0};

	*result = parse_binary(&a, 0);
	skip_space(&a);
	if (*a.p != '\0')
		arith_error(&a, "unexpected text");
	return a.error ? -1 : 0;
}
