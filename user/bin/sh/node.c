/*
 * The tree the parser builds (struct node, sh.h): made, freed, copied, and shown as text.
 *
 * A tree belongs to whoever parsed it, and main.c frees each command's tree once it has run.
 * A function definition outlives that: func.c keeps its own copy of the body (node_copy()).
 * node_text() gives a command back as it was typed, near enough, for the job table
 * ("[1] Stopped sleep 100 | wc").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct node *node_new(enum node_kind kind)
{
	struct node *n = xmalloc(sizeof(*n));

	memset(n, 0, sizeof(*n));
	n->kind = kind;
	return n;
}

static void words_free(char **words, int count)
{
	for (int i = 0; i < count; i++)
		free(words[i]);
	free(words);
}

static void case_items_free(struct case_item *item)
{
	struct case_item *next;

	for (; item != NULL; item = next) {
		next = item->next;
		words_free(item->patterns, item->npatterns);
		node_free(item->body);
		free(item);
	}
}

void node_free(struct node *n)
{
	struct redir *r, *next;

	if (n == NULL)
		return;
	words_free(n->words, n->nwords);
	for (r = n->redirs; r != NULL; r = next) {
		next = r->next;
		free(r->word);
		free(r->heredoc);
		free(r);
	}
	free(n->var);
	node_free(n->left);
	node_free(n->right);
	node_free(n->cond);
	node_free(n->body);
	node_free(n->other);
	case_items_free(n->items);
	free(n);
}

/* ---- copies ----------------------------------------------------------------------------- */

static char *copy_string(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* A copy of words[0..count), NULL-terminated as push_word() leaves them. */
static char **words_copy(char *const *words, int count)
{
	char **copy;

	if (words == NULL)
		return NULL;
	copy = xmalloc((count + 1) * sizeof(char *));
	for (int i = 0; i < count; i++)
		copy[i] = xstrdup(words[i]);
	copy[count] = NULL;
	return copy;
}

static struct redir *redirs_copy(const struct redir *r)
{
	struct redir *head = NULL, **tail = &head;

	for (; r != NULL; r = r->next) {
		struct redir *c = xmalloc(sizeof(*c));

		*c = *r;
		c->word = copy_string(r->word);
		c->heredoc = copy_string(r->heredoc);
		c->next = NULL;
		*tail = c;
		tail = &c->next;
	}
	return head;
}

static struct case_item *case_items_copy(const struct case_item *item)
{
	struct case_item *head = NULL, **tail = &head;

	for (; item != NULL; item = item->next) {
		struct case_item *c = xmalloc(sizeof(*c));

		c->patterns = words_copy(item->patterns, item->npatterns);
		c->npatterns = item->npatterns;
		c->body = node_copy(item->body);
		c->next = NULL;
		*tail = c;
		tail = &c->next;
	}
	return head;
}

/* A deep copy of the tree n, which stays valid after n is freed. */
struct node *node_copy(const struct node *n)
{
	struct node *c;

	if (n == NULL)
		return NULL;
	c = node_new(n->kind);
	c->words = words_copy(n->words, n->nwords > 0 ? n->nwords : 0);
	c->nwords = n->nwords;
	c->redirs = redirs_copy(n->redirs);
	c->var = copy_string(n->var);
	c->left = node_copy(n->left);
	c->right = node_copy(n->right);
	c->cond = node_copy(n->cond);
	c->body = node_copy(n->body);
	c->other = node_copy(n->other);
	c->items = case_items_copy(n->items);
	return c;
}

/* ---- a tree as text, for the job table ("[1] Stopped sleep 100 | wc") ---------------------- */

struct text {
	char *buf;
	size_t len, cap;
};

static void text_add(struct text *t, const char *s)
{
	size_t n = strlen(s);

	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->buf = xrealloc(t->buf, t->cap);
	}
	memcpy(t->buf + t->len, s, n + 1);
	t->len += n;
}

/* Redirections as typed: " 2>err", " <<EOF" (a descriptor only where it is not the usual). */
static void text_redirs(struct text *t, const struct redir *r)
{
	static const char *const ops[] = {
	    [R_IN] = "<",	[R_OUT] = ">",	   [R_APPEND] = ">>",
	    [R_DUP_OUT] = ">&", [R_DUP_IN] = "<&", [R_HEREDOC] = "<<",
	};
	char fd[16];

	for (; r != NULL; r = r->next) {
		int usual = r->kind == R_IN || r->kind == R_DUP_IN || r->kind == R_HEREDOC ? 0 : 1;

		if (t->len > 0)
			text_add(t, " ");
		if (r->fd != usual) {
			snprintf(fd, sizeof(fd), "%d", r->fd);
			text_add(t, fd);
		}
		text_add(t, r->strip_tabs ? "<<-" : ops[r->kind]);
		text_add(t, r->word);
	}
}

/* Words, a blank between each. */
static void text_words(struct text *t, char *const *words, int count)
{
	for (int i = 0; i < count; i++) {
		text_add(t, i ? " " : "");
		text_add(t, words[i]);
	}
}

/* The words of the heads of if, while and for; their bodies show as "...". */
static void text_node(struct text *t, const struct node *n)
{
	static const char *const joins[] = {
	    [N_PIPE] = " | ", [N_AND] = " && ", [N_OR] = " || ", [N_SEQ] = "; "};

	switch (n->kind) {
	case N_COMMAND:
		text_words(t, n->words, n->nwords);
		break;
	case N_PIPE:
	case N_AND:
	case N_OR:
	case N_SEQ:
		text_node(t, n->left);
		text_add(t, joins[n->kind]);
		text_node(t, n->right);
		break;
	case N_BACKGROUND:
		text_node(t, n->left);
		text_add(t, " &");
		break;
	case N_SUBSHELL:
	case N_GROUP:
		text_add(t, n->kind == N_SUBSHELL ? "(" : "{ ");
		text_node(t, n->body);
		text_add(t, n->kind == N_SUBSHELL ? ")" : "; }");
		break;
	case N_IF:
	case N_WHILE:
	case N_UNTIL:
		text_add(t, n->kind == N_IF ? "if " : n->kind == N_WHILE ? "while " : "until ");
		text_node(t, n->cond);
		text_add(t, n->kind == N_IF ? "; then ...; fi" : "; do ...; done");
		break;
	case N_NOT:
		text_add(t, "! ");
		text_node(t, n->left);
		break;
	case N_CASE:
		text_add(t, "case ");
		text_add(t, n->words[0]);
		text_add(t, " in ...; esac");
		break;
	case N_FUNCDEF:
		text_add(t, n->var);
		text_add(t, "() ...");
		break;
	case N_FOR:
		text_add(t, "for ");
		text_add(t, n->var);
		text_add(t, n->nwords >= 0 ? " in " : "");
		text_words(t, n->words, n->nwords);
		text_add(t, "; do ...; done");
		break;
	}
	text_redirs(t, n->redirs);
}

char *node_text(const struct node *n)
{
	struct text t = {0};

	text_add(&t, "");
	text_node(&t, n);
	return t.buf;
}
