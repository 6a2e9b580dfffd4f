/*
 * The lexer: cuts the input text into tokens, one per call to lex_next().
 *
 * A word runs to the next unquoted blank or operator character.  Its quotes stay in the
 * token ('a b' is one word, still spelled with its quotes): expand.c removes them later,
 * because it has to know what was quoted.  Operators are ; ;; & | && || < > >> >& <& << <<- ( )
 * and the newline.  A word made only of digits just before < or > is an IO number (the 2 of 2>x).
 * '#' at the start of a word begins a comment to the end of the line.  When the text ends in
 * the middle of a quote the token is T_INCOMPLETE, so the caller can read another line.
 */
#include <stdlib.h>
#include <string.h>

#include "sh.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_operator_char(char c)
{
	return c == ';' || c == '&' || c == '|' || c == '<' || c == '>' || c == '(' || c == ')' ||
	       c == '\n';
}

/* Skip blanks, backslash-newline pairs and a comment; stop at a newline or a token. */
static void skip_blanks(struct lexer *lx)
{
	const char *t = lx->text;

	for (;;) {
		if (is_blank(t[lx->pos])) {
			lx->pos++;
		} else if (t[lx->pos] == '\\' && t[lx->pos + 1] == '\n') {
			lx->pos += 2;
		} else if (t[lx->pos] == '#') {
			while (t[lx->pos] != '\0' && t[lx->pos] != '\n')
				lx->pos++;
		} else {
			return;
		}
	}
}

/*
 * Find the end of a quoted or bracketed part that starts at p (at ' " ` ${ or $( ).
 * Returns the index just past it, or 0 when the text ends first.
 */
size_t lex_skip_quoted(const char *t, size_t p)
{
	char open = t[p];
	int depth;

	if (open == '\'') {
		for (p++; t[p] != '\0'; p++)
			if (t[p] == '\'')
				return p + 1;
		return 0;
	}
	if (open == '"' || open == '`') {
		for (p++; t[p] != '\0'; p++) {
			if (t[p] == '\\' && t[p + 1] != '\0')
				p++;
			else if (t[p] == open)
				return p + 1;
		}
		return 0;
	}
	/* ${...} or $(...): count the brackets, honouring quotes inside. */
	char close = t[p + 1] == '{' ? '}' : ')';
	char inner = t[p + 1];
	depth = 1;
	for (p += 2; t[p] != '\0'; p++) {
		if (t[p] == '\\' && t[p + 1] != '\0') {
			p++;
		} else if (t[p] == '\'' || t[p] == '"') {
			size_t end = lex_skip_quoted(t, p);
			if (end == 0)
				return 0;
			p = end - 1;
		} else if (t[p] == inner) {
			depth++;
		} else if (t[p] == close && --depth == 0) {
			return p + 1;
		}
	}
	return 0;
}

/* Read one word starting at lx->pos. Returns 0, or -1 if the text ends inside a quote. */
static int lex_word(struct lexer *lx, struct token *tok)
{
	const char *t = lx->text;
	size_t start = lx->pos, p = lx->pos;

	while (t[p] != '\0' && !is_blank(t[p]) && !is_operator_char(t[p])) {
		if (t[p] == '\\') {
			if (t[p + 1] == '\0')
				return -1;
			p += 2;
		} else if (t[p] == '\'' || t[p] == '"' || t[p] == '`' ||
			   (t[p] == '$' && (t[p + 1] == '{' || t[p + 1] == '('))) {
			p = lex_skip_quoted(t, p);
			if (p == 0)
				return -1;
		} else {
			p++;
		}
	}
	tok->kind = T_WORD;
	tok->text = xmalloc(p - start + 1);
	memcpy(tok->text, t + start, p - start);
	tok->text[p - start] = '\0';
	lx->pos = p;
	if (t[p] == '<' || t[p] == '>') {
		size_t i;
		for (i = start; i < p && t[i] >= '0' && t[i] <= '9'; i++)
			;
		if (i == p)
			tok->kind = T_IO_NUMBER;
	}
	return 0;
}

/* The operators, longest first so that ">>" wins over ">". */
static const struct {
	const char *text;
	enum token_kind kind;
} operators[] = {
    {"<<-", T_DLESSDASH}, {";;", T_DSEMI},   {"&&", T_AND_IF}, {"||", T_OR_IF},
    {">>", T_DGREAT},	  {">&", T_GREATAND}, {"<&", T_LESSAND}, {"<<", T_DLESS},
    {";", T_SEMI},	  {"&", T_AMP},	      {"|", T_PIPE},	 {"<", T_LESS},
    {">", T_GREAT},	  {"(", T_LPAREN},    {")", T_RPAREN},	 {"\n", T_NEWLINE},
};

/* Store the next token of lx in *tok (tok->text is the caller's to free). */
void lex_next(struct lexer *lx, struct token *tok)
{
	size_t i;

	tok->text = NULL;
	skip_blanks(lx);
	if (lx->text[lx->pos] == '\0') {
		tok->kind = T_EOF;
		return;
	}
	for (i = 0; i < sizeof(operators) / sizeof(operators[0]); i++) {
		size_t n = strlen(operators[i].text);
		if (strncmp(lx->text + lx->pos, operators[i].text, n) == 0) {
			tok->kind = operators[i].kind;
			lx->pos += n;
			return;
		}
	}
	if (lex_word(lx, tok) < 0)
		tok->kind = T_INCOMPLETE;
}

/* How a syntax error names a token: its text, or "newline", "end of file". */
const char *token_name(const struct token *tok)
{
	size_t i;

	if (tok->text != NULL)
		return tok->text;
	if (tok->kind == T_NEWLINE)
		return "newline";
	if (tok->kind == T_EOF || tok->kind == T_INCOMPLETE)
		return "end of file";
	for (i = 0; i < sizeof(operators) / sizeof(operators[0]); i++)
		if (operators[i].kind == tok->kind)
			return operators[i].text;
	return "?";
}
