/*
 * The parser: tokens -> a tree of struct node, by recursive descent over this grammar
 * (a subset of POSIX's, "x*" meaning repeated, "[x]" optional):
 *
 *   complete_command : and_or ((';' | '&') and_or)* [';' | '&'] (newline | end)
 *   and_or           : pipeline (('&&' | '||') newline* pipeline)*
 *   pipeline         : ['!'] command ('|' newline* command)*
 *   command          : compound_command | function_definition | simple_command
 *   compound_command : if_clause | while_clause | until_clause | for_clause | case_clause
 *                      | '(' list ')' | '{' list '}'; redirections may follow it
 *   simple_command   : (word | redirection)+
 *   if_clause        : 'if' list 'then' list ('elif' list 'then' list)* ['else' list] 'fi'
 *   while_clause     : 'while' list 'do' list 'done'        (until_clause: 'until' ...)
 *   for_clause       : 'for' name ['in' word*] (';' | newline) newline* 'do' list 'done'
 *   case_clause      : 'case' word newline* 'in' newline* case_item* 'esac'
 *   case_item        : ['('] word ('|' word)* ')' [list] [';;' newline*]   (';;' is needed
 *                      between items, not before 'esac')
 *   function_definition : name '(' ')' newline* compound_command
 *   list             : newline* and_or ((';' | '&' | newline) newline* and_or)*   (up to a keyword)
 *
 * A redirection <<WORD or <<-WORD is a here-document: its body is the lines that follow the
 * command's line, up to a line that is WORD (with leading tabs removed for <<-); the parser
 * reads them as soon as the lexer has passed that line's newline (read_heredocs()).
 *
 * Reserved words (if, then, ...) are plain words spelled without quotes, recognised only where
 * a command starts.  The first error is remembered in the parser; the caller gets P_INCOMPLETE
 * when the input simply ended too soon (an interactive shell then reads another line).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

#define MAX_PENDING_HEREDOCS 16

struct parser {
	struct lexer *lx;
	struct token tok;	  /* the current token, not yet consumed */
	enum parse_status status; /* P_OK until the first error */
	struct redir *heredocs[MAX_PENDING_HEREDOCS]; /* waiting for their bodies, in order */
	int nheredocs;
};

static struct node *parse_and_or(struct parser *p);
static struct node *parse_list(struct parser *p);

/* A here-document's delimiter: word without its quotes; *quoted says if it had any. */
static char *heredoc_delimiter(const char *word, int *quoted)
{
	char *delim = xmalloc(strlen(word) + 1), *d = delim;

	*quoted = 0;
	for (; *word; word++) {
		if (*word == '\'' || *word == '"' || *word == '\\') {
			*quoted = 1;
			if (*word != '\\' || word[1] == '\0')
				continue;
			word++;
		}
		*d++ = *word;
	}
	*d = '\0';
	return delim;
}

/* Read r's body from the text at the lexer's position; 0, or -1 if the text ends first. */
static int read_heredoc(struct lexer *lx, struct redir *r)
{
	char *delim = heredoc_delimiter(r->word, &r->heredoc_quoted), *body = xstrdup("");
	size_t pos = lx->pos, used = 0, dlen = strlen(delim);

	for (;;) {
		const char *line = lx->text + pos;
		size_t len = strcspn(line, "\n");

		while (r->strip_tabs && *line == '\t') {
			line++;
			len--;
			pos++;
		}
		if (len == dlen && strncmp(line, delim, dlen) == 0) {
			pos += len + (line[len] == '\n');
			break;
		}
		if (line[len] == '\0') {
			free(delim);
			free(body);
			return -1;
		}
		body = xrealloc(body, used + len + 2);
		memcpy(body + used, line, len + 1);
		used += len + 1;
		body[used] = '\0';
		pos += len + 1;
	}
	free(delim);
	free(r->heredoc);
	r->heredoc = body;
	lx->pos = pos;
	return 0;
}

/* After a newline: the bodies of the here-documents its line opened. */
static void read_heredocs(struct parser *p)
{
	int i;

	for (i = 0; i < p->nheredocs; i++) {
		if (read_heredoc(p->lx, p->heredocs[i]) < 0) {
			if (p->status == P_OK)
				p->status = P_INCOMPLETE;
			break;
		}
	}
	p->nheredocs = 0;
}

static void advance(struct parser *p)
{
	free(p->tok.text);
	lex_next(p->lx, &p->tok);
	if (p->tok.kind == T_NEWLINE && p->nheredocs > 0)
		read_heredocs(p);
}

/* Record a syntax error at the current token (only the first one counts). */
static void syntax_error(struct parser *p)
{
	if (p->status != P_OK)
		return;
	if (p->tok.kind == T_EOF || p->tok.kind == T_INCOMPLETE) {
		p->status = P_INCOMPLETE;
		return;
	}
	p->status = P_ERROR;
	sh_error("syntax error near '%s'", token_name(&p->tok));
}

static int is_keyword(const struct token *tok, const char *word)
{
	return tok->kind == T_WORD && strcmp(tok->text, word) == 0;
}

/* Words that end a list: the parser stops there and lets the enclosing clause check them. */
static int ends_list(const struct token *tok)
{
	static const char *const enders[] = {"then", "elif", "else", "fi",
					     "do",   "done", "}",	 "esac"};
	size_t i;

	if (tok->kind == T_RPAREN || tok->kind == T_DSEMI)
		return 1;
	for (i = 0; i < sizeof(enders) / sizeof(enders[0]); i++)
		if (is_keyword(tok, enders[i]))
			return 1;
	return 0;
}

static int expect_keyword(struct parser *p, const char *word)
{
	if (!is_keyword(&p->tok, word)) {
		syntax_error(p);
		return -1;
	}
	advance(p);
	return 0;
}

static void skip_newlines(struct parser *p)
{
	while (p->tok.kind == T_NEWLINE)
		advance(p);
}

static struct node *node_pair(enum node_kind kind, struct node *left, struct node *right)
{
	struct node *n = node_new(kind);

	n->left = left;
	n->right = right;
	return n;
}

static void push_word(struct node *n, char *word)
{
	n->words = xrealloc(n->words, (n->nwords + 2) * sizeof(char *));
	n->words[n->nwords++] = word;
	n->words[n->nwords] = NULL;
}

/* Parse one redirection at the current token, appending it to *tail. Returns 0 or -1. */
static int parse_redirection(struct parser *p, struct redir ***tail)
{
	struct redir *r = xmalloc(sizeof(*r));
	int fd = -1;

	memset(r, 0, sizeof(*r));

	if (p->tok.kind == T_IO_NUMBER) {
		fd = atoi(p->tok.text);
		advance(p);
	}
	switch (p->tok.kind) {
	case T_LESS:
		r->kind = R_IN;
		break;
	case T_GREAT:
		r->kind = R_OUT;
		break;
	case T_DGREAT:
		r->kind = R_APPEND;
		break;
	case T_GREATAND:
		r->kind = R_DUP_OUT;
		break;
	case T_LESSAND:
		r->kind = R_DUP_IN;
		break;
	case T_DLESS:
	case T_DLESSDASH:
		r->kind = R_HEREDOC;
		break;
	default:
		syntax_error(p);
		free(r);
		return -1;
	}
	if (fd < 0)
		fd = (r->kind == R_IN || r->kind == R_DUP_IN || r->kind == R_HEREDOC) ? 0 : 1;
	r->fd = fd;
	r->strip_tabs = p->tok.kind == T_DLESSDASH;
	advance(p);
	if (p->tok.kind != T_WORD) {
		syntax_error(p);
		free(r);
		return -1;
	}
	r->word = p->tok.text;
	p->tok.text = NULL;
	r->next = NULL;
	**tail = r;
	*tail = &r->next;
	if (r->kind == R_HEREDOC) {
		if (p->nheredocs == MAX_PENDING_HEREDOCS) {
			sh_error("too many here-documents on one line");
			p->status = P_ERROR;
			return -1;
		}
		p->heredocs[p->nheredocs++] = r;
	}
	advance(p);
	return 0;
}

static int at_redirection(const struct parser *p)
{
	enum token_kind k = p->tok.kind;

	return k == T_IO_NUMBER || k == T_LESS || k == T_GREAT || k == T_DGREAT ||
	       k == T_GREATAND || k == T_LESSAND || k == T_DLESS || k == T_DLESSDASH;
}

/* Redirections that follow a compound command (while ... done <file). */
static struct node *parse_trailing_redirections(struct parser *p, struct node *n)
{
	struct redir **tail = &n->redirs;

	while (n != NULL && p->status == P_OK && at_redirection(p))
		if (parse_redirection(p, &tail) < 0)
			break;
	return n;
}

static struct node *parse_simple_command(struct parser *p)
{
	struct node *n = node_new(N_COMMAND);
	struct redir **tail = &n->redirs;

	for (;;) {
		if (at_redirection(p)) {
			if (parse_redirection(p, &tail) < 0)
				break;
		} else if (p->tok.kind == T_WORD) {
			push_word(n, p->tok.text);
			p->tok.text = NULL;
			advance(p);
		} else {
			break;
		}
	}
	if (p->status == P_OK && n->nwords == 0 && n->redirs == NULL)
		syntax_error(p);
	return n;
}

static struct node *parse_if(struct parser *p)
{
	struct node *n = node_new(N_IF);

	advance(p); /* "if" or "elif" */
	n->cond = parse_list(p);
	if (expect_keyword(p, "then") < 0)
		return n;
	n->body = parse_list(p);
	if (is_keyword(&p->tok, "elif")) {
		n->other = parse_if(p);
		return n; /* the innermost elif consumed the "fi" */
	}
	if (is_keyword(&p->tok, "else")) {
		advance(p);
		n->other = parse_list(p);
	}
	expect_keyword(p, "fi");
	return n;
}

/* while (or until) LIST do LIST done */
static struct node *parse_while(struct parser *p, enum node_kind kind)
{
	struct node *n = node_new(kind);

	advance(p);
	n->cond = parse_list(p);
	if (expect_keyword(p, "do") < 0)
		return n;
	n->body = parse_list(p);
	expect_keyword(p, "done");
	return n;
}

/* for NAME [in WORD...]; do LIST done. Without "in", nwords is -1: loop over "$@". */
static struct node *parse_for(struct parser *p)
{
	struct node *n = node_new(N_FOR);

	advance(p);
	if (p->tok.kind != T_WORD || !is_name(p->tok.text, strlen(p->tok.text))) {
		syntax_error(p);
		return n;
	}
	n->var = p->tok.text;
	p->tok.text = NULL;
	advance(p);
	skip_newlines(p);
	if (is_keyword(&p->tok, "in")) {
		advance(p);
		while (p->tok.kind == T_WORD) {
			push_word(n, p->tok.text);
			p->tok.text = NULL;
			advance(p);
		}
	} else {
		n->nwords = -1;
	}
	if (p->tok.kind == T_SEMI)
		advance(p);
	skip_newlines(p);
	if (expect_keyword(p, "do") < 0)
		return n;
	n->body = parse_list(p);
	expect_keyword(p, "done");
	return n;
}

/* ( list ) in a child process, or { list } in this one. */
static struct node *parse_group(struct parser *p, enum node_kind kind)
{
	struct node *n = node_new(kind);

	advance(p);
	n->body = parse_list(p);
	if (kind == N_GROUP) {
		expect_keyword(p, "}");
	} else if (p->tok.kind != T_RPAREN) {
		syntax_error(p);
	} else {
		advance(p);
	}
	return n;
}

/* One "pattern | pattern) list ;;" of a case; the caller has seen that it is not "esac". */
static struct case_item *parse_case_item(struct parser *p)
{
	struct case_item *item = xmalloc(sizeof(*item));

	memset(item, 0, sizeof(*item));
	if (p->tok.kind == T_LPAREN)
		advance(p);
	for (;;) {
		if (p->tok.kind != T_WORD) {
			syntax_error(p);
			return item;
		}
		item->patterns = xrealloc(item->patterns, (item->npatterns + 2) * sizeof(char *));
		item->patterns[item->npatterns++] = p->tok.text;
		item->patterns[item->npatterns] = NULL;
		p->tok.text = NULL;
		advance(p);
		if (p->tok.kind != T_PIPE)
			break;
		advance(p);
	}
	if (p->tok.kind != T_RPAREN) {
		syntax_error(p);
		return item;
	}
	advance(p);
	skip_newlines(p);
	if (p->tok.kind != T_DSEMI && !is_keyword(&p->tok, "esac"))
		item->body = parse_list(p);
	if (p->tok.kind == T_DSEMI) {
		advance(p);
		skip_newlines(p);
	} else if (!is_keyword(&p->tok, "esac")) {
		syntax_error(p);
	}
	return item;
}

static struct node *parse_case(struct parser *p)
{
	struct node *n = node_new(N_CASE);
	struct case_item **tail = &n->items;

	advance(p);
	if (p->tok.kind != T_WORD) {
		syntax_error(p);
		return n;
	}
	push_word(n, p->tok.text);
	p->tok.text = NULL;
	advance(p);
	skip_newlines(p);
	if (expect_keyword(p, "in") < 0)
		return n;
	skip_newlines(p);
	while (p->status == P_OK && !is_keyword(&p->tok, "esac")) {
		*tail = parse_case_item(p);
		tail = &(*tail)->next;
	}
	expect_keyword(p, "esac");
	return n;
}

/* The kind of the token after the current one, which stays current. */
static enum token_kind peek_kind(struct parser *p)
{
	size_t pos = p->lx->pos;
	struct token tok;

	lex_next(p->lx, &tok);
	free(tok.text);
	p->lx->pos = pos;
	return tok.kind;
}

static int starts_compound(const struct token *tok)
{
	static const char *const openers[] = {"{", "if", "while", "until", "for", "case"};
	size_t i;

	if (tok->kind == T_LPAREN)
		return 1;
	for (i = 0; i < sizeof(openers) / sizeof(openers[0]); i++)
		if (is_keyword(tok, openers[i]))
			return 1;
	return 0;
}

static struct node *parse_one_command(struct parser *p);

/* NAME ( ) compound_command: the parser is at NAME, and "(" follows. */
static struct node *parse_function(struct parser *p)
{
	struct node *n = node_new(N_FUNCDEF);

	n->var = p->tok.text;
	p->tok.text = NULL;
	advance(p);
	advance(p);
	if (p->tok.kind != T_RPAREN) {
		syntax_error(p);
		return n;
	}
	advance(p);
	skip_newlines(p);
	if (!starts_compound(&p->tok)) {
		syntax_error(p);
		return n;
	}
	n->body = parse_one_command(p);
	return n;
}

static struct node *parse_one_command(struct parser *p)
{
	if (p->tok.kind == T_LPAREN)
		return parse_trailing_redirections(p, parse_group(p, N_SUBSHELL));
	if (is_keyword(&p->tok, "{"))
		return parse_trailing_redirections(p, parse_group(p, N_GROUP));
	if (is_keyword(&p->tok, "if"))
		return parse_trailing_redirections(p, parse_if(p));
	if (is_keyword(&p->tok, "while"))
		return parse_trailing_redirections(p, parse_while(p, N_WHILE));
	if (is_keyword(&p->tok, "until"))
		return parse_trailing_redirections(p, parse_while(p, N_UNTIL));
	if (is_keyword(&p->tok, "for"))
		return parse_trailing_redirections(p, parse_for(p));
	if (is_keyword(&p->tok, "case"))
		return parse_trailing_redirections(p, parse_case(p));
	if (ends_list(&p->tok)) {
		syntax_error(p);
		return NULL;
	}
	if (p->tok.kind == T_WORD && is_name(p->tok.text, strlen(p->tok.text)) &&
	    peek_kind(p) == T_LPAREN)
		return parse_function(p);
	return parse_simple_command(p);
}

/* command ('|' newline* command)* */
static struct node *parse_pipe_sequence(struct parser *p)
{
	struct node *n = parse_one_command(p);

	if (p->status == P_OK && p->tok.kind == T_PIPE) {
		advance(p);
		skip_newlines(p);
		return node_pair(N_PIPE, n, parse_pipe_sequence(p));
	}
	return n;
}

/* ['!'] pipe_sequence: "!" negates the status. */
static struct node *parse_pipeline(struct parser *p)
{
	struct node *n;

	if (!is_keyword(&p->tok, "!"))
		return parse_pipe_sequence(p);
	advance(p);
	n = node_new(N_NOT);
	n->left = parse_pipe_sequence(p);
	return n;
}

static struct node *parse_and_or(struct parser *p)
{
	struct node *n = parse_pipeline(p);

	while (p->status == P_OK && (p->tok.kind == T_AND_IF || p->tok.kind == T_OR_IF)) {
		enum node_kind kind = p->tok.kind == T_AND_IF ? N_AND : N_OR;
		advance(p);
		skip_newlines(p);
		n = node_pair(kind, n, parse_pipeline(p));
	}
	return n;
}

/* The list inside a compound command: and_ors separated by ; & or newlines, up to a keyword. */
static struct node *parse_list(struct parser *p)
{
	struct node *n = NULL;

	skip_newlines(p);
	while (p->status == P_OK && !ends_list(&p->tok)) {
		struct node *item = parse_and_or(p);
		if (p->tok.kind == T_AMP)
			item = node_pair(N_BACKGROUND, item, NULL);
		n = n == NULL ? item : node_pair(N_SEQ, n, item);
		if (p->tok.kind == T_SEMI || p->tok.kind == T_AMP || p->tok.kind == T_NEWLINE)
			advance(p);
		else if (!ends_list(&p->tok))
			syntax_error(p);
		skip_newlines(p);
	}
	if (n == NULL)
		syntax_error(p);
	return n;
}

/* One line's worth: and_ors separated by ; or &, ended by a newline or the end of the text. */
static struct node *parse_complete(struct parser *p)
{
	struct node *n = NULL;

	for (;;) {
		struct node *item = parse_and_or(p);
		if (p->status != P_OK)
			return node_pair(N_SEQ, n, item);
		if (p->tok.kind == T_AMP)
			item = node_pair(N_BACKGROUND, item, NULL);
		n = n == NULL ? item : node_pair(N_SEQ, n, item);
		if (p->tok.kind == T_SEMI || p->tok.kind == T_AMP)
			advance(p);
		if (p->tok.kind == T_NEWLINE || p->tok.kind == T_EOF)
			return n;
		if (p->tok.kind == T_SEMI || p->tok.kind == T_AMP) {
			syntax_error(p);
			return n;
		}
	}
}

/*
 * Parse the next complete command from lx into *out.  P_EMPTY: only blank lines or comments
 * were read; P_EOF: the text is used up; P_INCOMPLETE: it ends inside a command; P_ERROR: a
 * syntax error was reported (lx then points past the offending line).
 */
enum parse_status parse_command(struct lexer *lx, struct node **out)
{
	struct parser p = {.lx = lx, .status = P_OK};
	struct node *n;

	*out = NULL;
	lex_next(lx, &p.tok);
	if (p.tok.kind == T_EOF)
		return P_EOF;
	if (p.tok.kind == T_NEWLINE)
		return P_EMPTY;
	n = parse_complete(&p);
	if ((p.tok.kind == T_INCOMPLETE || p.nheredocs > 0) && p.status == P_OK)
		p.status = P_INCOMPLETE; /* an open quote, or here-documents with no body yet */
	if (p.status == P_ERROR) {
		/* Skip the rest of the offending line. */
		while (p.tok.kind != T_NEWLINE && p.tok.kind != T_EOF && p.tok.kind != T_INCOMPLETE)
			advance(&p);
	}
	free(p.tok.text);
	if (p.status != P_OK) {
		node_free(n);
		return p.status;
	}
	*out = n;
	return P_OK;
}
