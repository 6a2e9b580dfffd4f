/*
 * Shell variables and positional parameters.
 *
 * Every variable lives in one list, with a flag saying whether it is exported; the
 * environment of a program the shell runs is built from the exported ones (vars_environ),
 * so "export" and "unset" need not touch the C library's environ.  The variables of the
 * shell's own environment start out exported.  The positional parameters $1 ... $N and $0
 * are kept apart, in sh_params and sh_arg0; a function call puts them aside for its own
 * (params_push(), params_pop()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct var {
	char *name;
	char *value; /* NULL: declared by "export NAME" but not set */
	int exported;
	struct var *next;
};

static struct var *vars;

char *sh_arg0 = "sh";
char **sh_params;
int sh_nparams;
int sh_status;
long sh_last_bg;
pid_t sh_pid;

/* Is s[0..len) a valid variable name: a letter or _, then letters, digits and _? */
int is_name(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];
		if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9')))
			return 0;
	}
	return 1;
}

/* Is this raw word an assignment NAME=value? */
int is_assignment(const char *word)
{
	const char *eq = strchr(word, '=');

	return eq != NULL && is_name(word, eq - word);
}

static struct var *var_find(const char *name)
{
	struct var *v;

	for (v = vars; v != NULL; v = v->next)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

const char *var_get(const char *name)
{
	struct var *v = var_find(name);

	return v != NULL ? v->value : NULL;
}

/* Set NAME to value (a copy); exported only ever turns the flag on. Returns 0 or -1. */
int var_set(const char *name, const char *value, int exported)
{
	struct var *v = var_find(name);

	if (!is_name(name, strlen(name))) {
		sh_error("%s: bad variable name", name);
		return -1;
	}
	if (v == NULL) {
		v = xmalloc(sizeof(*v));
		v->name = xstrdup(name);
		v->value = NULL;
		v->exported = 0;
		v->next = vars;
		vars = v;
	}
	free(v->value);
	v->value = value != NULL ? xstrdup(value) : NULL;
	v->exported |= exported;
	return 0;
}

void var_unset(const char *name)
{
	struct var **link, *v;

	for (link = &vars; (v = *link) != NULL; link = &v->next) {
		if (strcmp(v->name, name) == 0) {
			*link = v->next;
			free(v->name);
			free(v->value);
			free(v);
			return;
		}
	}
}

void var_export(const char *name)
{
	struct var *v = var_find(name);

	if (v != NULL)
		v->exported = 1;
	else
		var_set(name, NULL, 1);
}

/* Print the variables as "NAME=value" (set), or "export NAME=value" (export -p). */
void vars_print(int exported_only)
{
	struct var *v;

	for (v = vars; v != NULL; v = v->next) {
		if (exported_only && !v->exported)
			continue;
		if (exported_only)
			printf("export %s", v->name);
		else if (v->value != NULL)
			printf("%s", v->name);
		else
			continue;
		if (v->value != NULL)
			printf("='%s'", v->value);
		printf("\n");
	}
	fflush(stdout);
}

/* A fresh NULL-terminated "NAME=value" array of the exported variables, for execve. */
char **vars_environ(void)
{
	struct strlist env = {0};
	struct var *v;

	for (v = vars; v != NULL; v = v->next) {
		if (!v->exported || v->value == NULL)
			continue;
		char *entry = xmalloc(strlen(v->name) + strlen(v->value) + 2);
		sprintf(entry, "%s=%s", v->name, v->value);
		strlist_push(&env, entry);
	}
	if (env.items == NULL)
		strlist_push(&env, xstrdup("")), env.items[0] = NULL;
	return env.items;
}

void vars_init(char **envp)
{
	for (; envp != NULL && *envp != NULL; envp++) {
		char *eq = strchr(*envp, '=');
		if (eq == NULL || !is_name(*envp, eq - *envp))
			continue;
		char *name = xmalloc(eq - *envp + 1);
		memcpy(name, *envp, eq - *envp);
		name[eq - *envp] = '\0';
		var_set(name, eq + 1, 1);
		free(name);
	}
}

/* Put the positional parameters aside in *saved, and make copies of argv[0..argc) the new ones. */
void params_push(char **argv, int argc, struct saved_params *saved)
{
	saved->params = sh_params;
	saved->count = sh_nparams;
	sh_params = NULL;
	sh_nparams = 0;
	params_set(argv, argc);
}

/* Back to the positional parameters params_push() put aside. */
void params_pop(struct saved_params *saved)
{
	params_set(NULL, 0);
	free(sh_params);
	sh_params = saved->params;
	sh_nparams = saved->count;
}

/* Replace the positional parameters with copies of argv[0..argc). */
void params_set(char **argv, int argc)
{
	char **copy = xmalloc((argc + 1) * sizeof(char *));
	int i;

	for (i = 0; i < argc; i++)
		copy[i] = xstrdup(argv[i]);
	copy[argc] = NULL;
	for (i = 0; i < sh_nparams; i++)
		free(sh_params[i]);
	free(sh_params);
	sh_params = copy;
	sh_nparams = argc;
}
