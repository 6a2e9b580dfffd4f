/*
 * Word expansion: one raw word from the parser becomes zero or more fields (arguments).
 *
 * The word is read left to right once.  Text in '...' is copied as it is; in "..." only $
 * and \ are special; outside quotes \ keeps the next character as it is.  $NAME, ${NAME},
 * $1 ... $9, ${10}, $#, $?, $$, $!, $0, $@ and $* are replaced by their values, and
 * ${NAME:-word}, ${NAME-word}, ${NAME:=word}, ${NAME:+word}, ${#NAME} are understood.  A value
 * substituted outside quotes is split into several fields at blanks (space, tab, newline);
 * quoted, it stays in one field, except "$@", which gives one field per parameter.  A ~ at the
 * start of a word becomes $HOME, and $((expression)) its value (arith.c).  $(command) and
 * `command` become what the command prints, less its trailing newlines (exec_capture()).
 * Unquoted * ? [ make the field a pattern for file names (glob.c).  A here-document's body is
 * expanded as if in double quotes, except that quotes in it are ordinary characters.  A case
 * pattern is expanded into a pattern alone, with no splitting and no file names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

/* The field being built, and where finished fields go. */
struct builder {
	struct strlist *fields;
	char *buf;
	size_t len, cap;
	char *pattern; /* the field for glob.c: characters to match as they are escaped */
	size_t pattern_len, pattern_cap;
	int wildcard; /* an unquoted * ? or [ is in the field */
	int started;  /* a field exists, even if empty (as for "") */
	int at_empty; /* "$@" without parameters: an empty field here is no field */
	int no_split; /* expand_word_single: never split */
	int pattern_only; /* expand_pattern: never split, but unquoted * ? [ stay wildcards */
	int heredoc;  /* expand_heredoc: quotes are ordinary characters */
};

void strlist_push(struct strlist *l, char *s)
{
	if (l->count + 2 > l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->items = xrealloc(l->items, l->cap * sizeof(char *));
	}
	l->items[l->count++] = s;
	l->items[l->count] = NULL;
}

void strlist_free(struct strlist *l)
{
	int i;

	for (i = 0; i < l->count; i++)
		free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->count = l->cap = 0;
}

/* Make room for one more character and a NUL in a growing string. */
static void grow(char **buf, size_t len, size_t *cap)
{
	if (len + 2 > *cap) {
		*cap = *cap ? *cap * 2 : 32;
		*buf = xrealloc(*buf, *cap);
	}
}

static void add_pattern_char(struct builder *b, char c)
{
	grow(&b->pattern, b->pattern_len, &b->pattern_cap);
	b->pattern[b->pattern_len++] = c;
	b->pattern[b->pattern_len] = '\0';
}

/* Append c to the field's text. */
static void add_text_char(struct builder *b, char c)
{
	grow(&b->buf, b->len, &b->cap);
	b->buf[b->len++] = c;
	b->buf[b->len] = '\0';
	b->started = 1;
}

/* Add a character that means itself (quoted, or not a wildcard). */
static void add_char(struct builder *b, char c)
{
	add_text_char(b, c);
	if (c == '*' || c == '?' || c == '[' || c == '\\')
		add_pattern_char(b, '\\');
	add_pattern_char(b, c);
}

/* Add an unquoted character: * ? and [ are wildcards there. */
static void add_unquoted_char(struct builder *b, char c)
{
	if ((b->no_split && !b->pattern_only) || (c != '*' && c != '?' && c != '[')) {
		add_char(b, c);
		return;
	}
	add_text_char(b, c);
	add_pattern_char(b, c);
	b->wildcard = 1;
}

static void add_string(struct builder *b, const char *s)
{
	while (*s)
		add_char(b, *s++);
	b->started = 1;
}

/* Finish the field: its glob matches if it has a wildcard that matches, else itself. */
static void end_field(struct builder *b)
{
	if (b->at_empty && b->len == 0)
		b->started = 0;
	b->at_empty = 0;
	if (!b->started)
		return;
	if (b->wildcard && glob_expand(b->pattern, b->fields) > 0)
		free(b->buf);
	else
		strlist_push(b->fields, b->buf != NULL ? b->buf : xstrdup(""));
	b->buf = NULL;
	b->len = b->cap = 0;
	b->pattern_len = 0;
	if (b->pattern != NULL)
		b->pattern[0] = '\0';
	b->wildcard = 0;
	b->started = 0;
}

/* Add a substituted value: as it is when quoted, else split at blanks (unless no_split). */
static void add_value(struct builder *b, const char *value, int quoted)
{
	if (quoted) {
		add_string(b, value);
		return;
	}
	for (; *value; value++) {
		if (!b->no_split && (*value == ' ' || *value == '\t' || *value == '\n'))
			end_field(b);
		else
			add_unquoted_char(b, *value);
	}
}

/* The value of a parameter by name (a variable, digit or special), malloc'ed; NULL: unset. */
static char *param_value(const char *name)
{
	char num[32];
	int i;

	if (name[0] >= '0' && name[0] <= '9') {
		i = atoi(name);
		if (i == 0)
			return xstrdup(sh_arg0);
		return i <= sh_nparams ? xstrdup(sh_params[i - 1]) : NULL;
	}
	if (strcmp(name, "?") == 0 || strcmp(name, "$") == 0 || strcmp(name, "#") == 0 ||
	    strcmp(name, "!") == 0) {
		long v = name[0] == '?'	  ? sh_status
			 : name[0] == '$' ? (long)sh_pid
			 : name[0] == '#' ? sh_nparams
					  : sh_last_bg;
		if (name[0] == '!' && sh_last_bg == 0)
			return xstrdup("");
		snprintf(num, sizeof(num), "%ld", v);
		return xstrdup(num);
	}
	if (strcmp(name, "-") == 0)
		return xstrdup(sh_interactive ? "i" : "");
	const char *v = var_get(name);
	return v != NULL ? xstrdup(v) : NULL;
}

/* $@ and $*: quoted "$@" gives a field per parameter, the rest join them with spaces. */
static void add_all_params(struct builder *b, int quoted, int at)
{
	int i;

	if (quoted && at && sh_nparams == 0)
		b->at_empty = 1;
	for (i = 0; i < sh_nparams; i++) {
		if (i > 0) {
			if (quoted && at && !b->no_split) {
				b->started = 1;
				end_field(b);
			} else {
				add_value(b, " ", quoted);
			}
		}
		add_value(b, sh_params[i], quoted);
	}
}

/* ${NAME op word}: apply op (one of "-", ":-", "=", ":=", "+", ":+"). */
static char *apply_operator(const char *name, const char *op, const char *word)
{
	char *value = param_value(name);
	int colon = op[0] == ':';
	int unset = value == NULL || (colon && value[0] == '\0');
	char kind = op[colon];

	if (kind == '+') {
		free(value);
		return unset ? xstrdup("") : expand_word_single(word);
	}
	if (!unset)
		return value;
	free(value);
	value = expand_word_single(word);
	if (kind == '=')
		var_set(name, value, 0);
	return value;
}

/* ${...}: the text between the braces is inner. Returns the value, or NULL on error. */
static char *expand_braces(const char *inner)
{
	size_t n = 0;
	char num[32];

	if (inner[0] == '#' && inner[1] != '\0') {
		char *v = param_value(inner + 1);
		snprintf(num, sizeof(num), "%zu", v != NULL ? strlen(v) : (size_t)0);
		free(v);
		return xstrdup(num);
	}
	if (strchr("?$#!@*-", inner[0]) != NULL && inner[0] != '\0')
		n = 1;
	else
		while (inner[n] != '\0' && is_name(inner, n + 1))
			n++;
	if (n == 0 && inner[0] >= '0' && inner[0] <= '9')
		while (inner[n] >= '0' && inner[n] <= '9')
			n++;
	char *name = xmalloc(n + 1);
	memcpy(name, inner, n);
	name[n] = '\0';
	const char *rest = inner + n;
	char *value = NULL;
	if (n > 0 && rest[0] == '\0') {
		value = param_value(name);
		if (value == NULL)
			value = xstrdup("");
	} else if (n > 0 && (rest[0] == '-' || rest[0] == '=' || rest[0] == '+')) {
		value =
		    apply_operator(name, rest[0] == ':' ? rest : (char[]){rest[0], 0}, rest + 1);
	} else if (n > 0 && rest[0] == ':' && strchr("-=+", rest[1]) && rest[1] != '\0') {
		char op[3] = {':', rest[1], '\0'};
		value = apply_operator(name, op, rest + 2);
	} else {
		sh_error("${%s}: bad substitution", inner);
	}
	free(name);
	return value;
}

/* The } that closes the { at p (nested ${...} counted), or the end of the string. */
static const char *find_close_brace(const char *p)
{
	int depth = 0;

	for (; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '{')
			depth++;
		else if (*p == '}' && --depth == 0)
			return p;
	}
	return p;
}

/* $((expression)) at raw[*i]: expand $ inside, then evaluate. Returns 0 or -1. */
static int expand_arith(struct builder *b, const char *raw, size_t *i, int quoted)
{
	const char *start = raw + *i + 3, *p = start;
	char num[32];
	int depth = 2;
	long value;

	for (; *p != '\0'; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			break;
	}
	if (*p == '\0' || p - start < 1 || p[-1] != ')') {
		sh_error("arithmetic: missing ))");
		return -1;
	}
	char *inner = xmalloc(p - start);
	memcpy(inner, start, p - start - 1);
	inner[p - start - 1] = '\0';
	char *expanded = expand_word_single(inner);
	int ret = arith_eval(expanded, &value);
	free(inner);
	free(expanded);
	*i = p - raw + 1;
	if (ret < 0)
		return -1;
	snprintf(num, sizeof(num), "%ld", value);
	add_value(b, num, quoted);
	return 0;
}

/*
 * $(command) with its $ at raw[*i], or `command` with its backquote there: run the command and
 * add what it printed.  Inside backquotes \$ \` and \\ stand for the character.
 */
static int substitute_command(struct builder *b, const char *raw, size_t *i, int quoted)
{
	int backquote = raw[*i] == '`';
	size_t start = *i + (backquote ? 1 : 2), end = lex_skip_quoted(raw, *i), n = 0;
	char *inner, *output;

	if (end == 0) {
		sh_error("%s", backquote ? "missing `" : "missing )");
		return -1;
	}
	inner = xmalloc(end - start);
	for (size_t k = start; k < end - 1; k++) {
		if (backquote && raw[k] == '\\' && k + 1 < end - 1 && strchr("$`\\", raw[k + 1]))
			k++;
		inner[n++] = raw[k];
	}
	inner[n] = '\0';
	output = exec_capture(inner);
	if (quoted)
		b->started = 1;
	add_value(b, output, quoted);
	free(inner);
	free(output);
	*i = end;
	return 0;
}

/*
 * Expand the $ at raw[*i] into b, advancing *i past it.  Returns 0, or -1 after an error
 * message (a bad substitution).
 */
static int expand_dollar(struct builder *b, const char *raw, size_t *i, int quoted)
{
	const char *p = raw + *i + 1;
	char *value = NULL;
	size_t n = 0;

	if (*p == '{') {
		const char *close = find_close_brace(p);
		char *inner = xmalloc(close - p);
		memcpy(inner, p + 1, close - p - 1);
		inner[close - p - 1] = '\0';
		*i = close - raw + (*close != '\0');
		if (strcmp(inner, "@") == 0 || strcmp(inner, "*") == 0) {
			add_all_params(b, quoted, inner[0] == '@');
			free(inner);
			return 0;
		}
		value = expand_braces(inner);
		free(inner);
		if (value == NULL)
			return -1;
	} else if (p[0] == '(' && p[1] == '(') {
		return expand_arith(b, raw, i, quoted);
	} else if (*p == '(') {
		return substitute_command(b, raw, i, quoted);
	} else if (*p == '@' || *p == '*') {
		add_all_params(b, quoted, *p == '@');
		*i += 2;
		return 0;
	} else if (*p != '\0' && strchr("?$#!-0123456789", *p) != NULL) {
		char name[2] = {*p, '\0'};
		value = param_value(name);
		*i += 2;
	} else {
		while (p[n] != '\0' && is_name(p, n + 1))
			n++;
		if (n == 0) {
			add_char(b, '$');
			*i += 1;
			return 0;
		}
		char *name = xmalloc(n + 1);
		memcpy(name, p, n);
		name[n] = '\0';
		value = param_value(name);
		free(name);
		*i += n + 1;
	}
	if (value != NULL) {
		if (quoted)
			b->started = 1;
		add_value(b, value, quoted);
		free(value);
	}
	return 0;
}

/* The body of expansion; the builder says where fields go. Returns 0 or -1. */
static int expand_into(struct builder *b, const char *raw)
{
	size_t i = 0;
	int dquote = b->heredoc;

	if (!b->heredoc && raw[0] == '~' && (raw[1] == '/' || raw[1] == '\0') &&
	    var_get("HOME") != NULL) {
		add_string(b, var_get("HOME"));
		i = 1;
	}
	while (raw[i] != '\0') {
		char c = raw[i];
		if (b->heredoc && (c == '\'' || c == '"')) {
			add_char(b, c);
			i++;
		} else if (c == '\'' && !dquote) {
			const char *end = strchr(raw + i + 1, '\'');
			if (end == NULL)
				end = raw + strlen(raw);
			b->started = 1;
			for (i++; raw + i < end; i++)
				add_char(b, raw[i]);
			if (raw[i] != '\0')
				i++;
		} else if (c == '"') {
			dquote = !dquote;
			b->started = 1;
			i++;
		} else if (c == '\\' && raw[i + 1] != '\0') {
			char next = raw[i + 1];
			if (next == '\n') {
				/* line continuation: both go */
			} else if (!dquote || strchr("$`\"\\", next) != NULL) {
				add_char(b, next);
			} else {
				add_char(b, '\\');
				add_char(b, next);
			}
			i += 2;
		} else if (c == '$') {
			if (expand_dollar(b, raw, &i, dquote) < 0)
				return -1;
		} else if (c == '`') {
			if (substitute_command(b, raw, &i, dquote) < 0)
				return -1;
		} else {
			if (dquote)
				add_char(b, c);
			else
				add_unquoted_char(b, c);
			i++;
		}
	}
	return 0;
}

/* Expand raw into fields (appended). Returns 0, or -1 after printing an error. */
int expand_word(const char *raw, struct strlist *fields)
{
	struct builder b = {.fields = fields};
	int ret = expand_into(&b, raw);

	end_field(&b);
	free(b.buf);
	free(b.pattern);
	return ret;
}

/* Expand into exactly one string, without splitting; heredoc: quotes are no quotes. */
static char *expand_single(const char *raw, int heredoc)
{
	struct strlist fields = {0};
	struct builder b = {.fields = &fields, .no_split = 1, .started = 1, .heredoc = heredoc};
	char *s;

	expand_into(&b, raw);
	end_field(&b);
	free(b.buf);
	free(b.pattern);
	s = fields.count > 0 ? xstrdup(fields.items[0]) : xstrdup("");
	strlist_free(&fields);
	return s;
}

/* Expand raw into exactly one string, without splitting (assignments, ${x:-word}). */
char *expand_word_single(const char *raw)
{
	return expand_single(raw, 0);
}

/*
 * A case pattern: raw expanded as one string, with the characters that must match
 * themselves (quoted ones) escaped by a backslash, for pattern_match().
 */
char *expand_pattern(const char *raw)
{
	struct strlist fields = {0};
	struct builder b = {.fields = &fields, .no_split = 1, .pattern_only = 1, .started = 1};
	char *pattern;

	expand_into(&b, raw);
	pattern = b.pattern != NULL ? b.pattern : xstrdup("");
	free(b.buf);
	return pattern;
}

/* A here-document's body with its $ expansions and \ escapes done. */
char *expand_heredoc(const char *body)
{
	return expand_single(body, 1);
}
