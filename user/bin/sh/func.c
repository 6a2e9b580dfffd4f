/*
 * Functions: "name() compound-command" defines one, and "name args" then runs the body in
 * this shell, with $1 ... $# the call's arguments for as long as it runs ($0 stays).
 *
 * The table keeps its own copy of each body (node_copy()), since the tree a definition came
 * from is freed once that command has run.  A body that is running holds a reference, so a
 * function may redefine or unset itself.  "return [n]" ends the innermost function (or "."
 * script) with status n, by default $?: it sets sh_returning, and exec.c and compound.c stop
 * every list and loop on the way up, as break does for loops (sh_unwinding()).  Loops do not
 * reach into a function: break and continue there count only the function's own loops.
 */
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct func {
	char *name;
	struct node *body;
	int refs; /* the table's, and one per call running it */
	struct func *next;
};

static struct func *funcs;
int sh_returning;
int sh_return_scopes; /* functions and "." scripts running: where return may go */

static struct func *func_find(const char *name)
{
	struct func *f;

	for (f = funcs; f != NULL; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

static void func_put(struct func *f)
{
	if (--f->refs > 0)
		return;
	free(f->name);
	node_free(f->body);
	free(f);
}

/* Take name out of the table (a call running it keeps its reference). */
void func_unset(const char *name)
{
	struct func **link, *f;

	for (link = &funcs; (f = *link) != NULL; link = &f->next) {
		if (strcmp(f->name, name) == 0) {
			*link = f->next;
			func_put(f);
			return;
		}
	}
}

/* Define (or replace) the function name; body is copied. */
void func_define(const char *name, const struct node *body)
{
	struct func *f = xmalloc(sizeof(*f));

	func_unset(name);
	f->name = xstrdup(name);
	f->body = node_copy(body);
	f->refs = 1;
	f->next = funcs;
	funcs = f;
}

int func_exists(const char *name)
{
	return func_find(name) != NULL;
}

/* Run the function argv[0] with argv[1...] as its parameters (a builtin_fn for exec.c). */
int func_call(int argc, char **argv)
{
	struct func *f = func_find(argv[0]);
	struct saved_params saved;
	int loops = sh_loop_depth, status;

	if (f == NULL)
		return 127;
	if (sh_return_scopes == MAX_CALL_DEPTH) {
		sh_error("%s: functions nested too deeply", argv[0]);
		return 2;
	}
	f->refs++;
	params_push(argv + 1, argc - 1, &saved);
	sh_loop_depth = 0;
	sh_return_scopes++;
	status = exec_node(f->body);
	sh_return_scopes--;
	sh_returning = 0;
	sh_loop_depth = loops;
	params_pop(&saved);
	func_put(f);
	return status;
}

/* return [n]: leave the function or "." script; n (default $?) is its status. */
int builtin_return(int argc, char **argv)
{
	long n = sh_status;
	char *end;

	if (argc > 1) {
		n = strtol(argv[1], &end, 10);
		if (*argv[1] == '\0' || *end != '\0' || n < 0) {
			sh_error("return: %s: bad number", argv[1]);
			n = 2;
		}
	}
	sh_returning = 1;
	return (int)(n & 255);
}
