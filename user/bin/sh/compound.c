/*
 * The compound commands that run in the shell itself: if, while, until, for and case.
 *
 * Each is a loop in C over its parts, and its status is that of the last command it ran
 * (0 when it ran none).  break and continue set sh_loop_control and sh_loop_count
 * (builtins.c), return sets sh_returning (func.c); every part checks sh_unwinding() after a
 * command and stops, and the loop the request is for takes it off.
 *
 * case expands its word (no field splitting, no file names), then each pattern in turn, and
 * runs the list of the first that matches: pattern_match() (glob.c), where * and ? match any
 * character, '/' and a leading '.' included, and a quoted character means itself.
 */
#include <stdlib.h>

#include "sh.h"

/* After a loop body: 1 if the loop must stop (break or return, or a break/continue for an
 * outer loop). */
static int loop_should_stop(void)
{
	if (sh_returning)
		return 1;
	if (sh_loop_control == LOOP_NONE)
		return 0;
	if (--sh_loop_count > 0)
		return 1;
	if (sh_loop_control == LOOP_BREAK) {
		sh_loop_control = LOOP_NONE;
		return 1;
	}
	sh_loop_control = LOOP_NONE;
	return 0;
}

/* while (until) cond; do body; done: the body runs while cond succeeds (fails). */
int exec_loop(struct node *n)
{
	int status = 0, until = n->kind == N_UNTIL;

	sh_loop_depth++;
	while ((exec_node(n->cond) == 0) != until && !sh_unwinding()) {
		status = exec_node(n->body);
		if (loop_should_stop())
			break;
	}
	sh_loop_depth--;
	return status;
}

int exec_for(struct node *n)
{
	struct strlist items = {0};
	int i, status = 0;

	if (n->nwords < 0) {
		for (i = 0; i < sh_nparams; i++)
			strlist_push(&items, xstrdup(sh_params[i]));
	} else {
		for (i = 0; i < n->nwords; i++)
			if (expand_word(n->words[i], &items) < 0) {
				strlist_free(&items);
				return 1;
			}
	}
	sh_loop_depth++;
	for (i = 0; i < items.count; i++) {
		var_set(n->var, items.items[i], 0);
		status = exec_node(n->body);
		if (loop_should_stop())
			break;
	}
	sh_loop_depth--;
	strlist_free(&items);
	return status;
}

int exec_if(struct node *n)
{
	int cond = exec_node(n->cond);

	if (sh_unwinding())
		return cond;
	if (cond == 0)
		return exec_node(n->body);
	return n->other != NULL ? exec_node(n->other) : 0;
}

/* Does one of item's patterns match word? */
static int item_matches(const struct case_item *item, const char *word)
{
	for (int i = 0; i < item->npatterns; i++) {
		char *pattern = expand_pattern(item->patterns[i]);
		int match = pattern_match(pattern, word);

		free(pattern);
		if (match)
			return 1;
	}
	return 0;
}

int exec_case(struct node *n)
{
	char *word = expand_word_single(n->words[0]);
	const struct case_item *item;
	int status = 0;

	for (item = n->items; item != NULL; item = item->next) {
		if (item_matches(item, word)) {
			status = item->body != NULL ? exec_node(item->body) : 0;
			break;
		}
	}
	free(word);
	return status;
}
