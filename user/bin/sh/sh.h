/*
 * The shell's shared declarations.
 *
 * /bin/sh works in four stages, one file each:
 *   lex.c     text -> tokens (words keep their quotes; operators such as "|" and ">>")
 *   parse.c   tokens -> a tree of struct node (the AST), one complete command at a time
 *   expand.c  a raw word -> fields: $VAR, $1, $?, quotes removed, unquoted results split
 *   exec.c    walks the tree: forks, pipes, redirections; builtins.c holds the builtins
 * node.c frees, copies and prints the tree; compound.c runs if, while, until, for and case;
 * func.c keeps the functions and calls them.  Builtins with more to them have their own
 * files: test.c (test and [), printf.c, trap.c (and the signals the shell catches),
 * getopts.c and special.c (., eval, exec, command).  jobs.c waits for what exec.c starts, keeps the
 * job table and does job control; arith.c evaluates $((...)) and glob.c matches * ? [...]
 * against file names (and case's words), for expand.c.  main.c reads the input (a -c
 * string, a script file, or stdin), edit.c reads one line from a terminal with editing and
 * history, and vars.c keeps the variables and positional parameters.
 */
#ifndef SH_H
#define SH_H

#include <intprintf.h>
#include <stddef.h>
#include <sys/types.h>

/* ---- lex.c -------------------------------------------------------------------------------- */

enum token_kind {
	T_WORD,	     /* a word, quotes still in it: "a b"$x */
	T_IO_NUMBER, /* the 2 of 2>file */
	T_NEWLINE,
	T_SEMI,	    /* ; */
	T_DSEMI,    /* ;; (the end of a case item) */
	T_AMP,	    /* & */
	T_PIPE,	    /* | */
	T_AND_IF,   /* && */
	T_OR_IF,    /* || */
	T_LESS,	    /* < */
	T_GREAT,    /* > */
	T_DGREAT,   /* >> */
	T_GREATAND, /* >& */
	T_LESSAND,  /* <& */
	T_DLESS,    /* << (a here-document) */
	T_DLESSDASH, /* <<- (a here-document, leading tabs stripped) */
	T_LPAREN,   /* ( */
	T_RPAREN,   /* ) */
	T_EOF,
	T_INCOMPLETE, /* the text ended inside a quote: more input is needed */
};

struct token {
	enum token_kind kind;
	char *text; /* malloc'ed raw text of a T_WORD or T_IO_NUMBER, else NULL */
};

/* A cursor over the input text; text must stay valid while the lexer is used. */
struct lexer {
	const char *text;
	size_t pos;
};

void lex_next(struct lexer *lx, struct token *tok);
size_t lex_skip_quoted(const char *t, size_t p);
const char *token_name(const struct token *tok);

/* ---- parse.c ------------------------------------------------------------------------------ */

enum redir_kind { R_IN, R_OUT, R_APPEND, R_DUP_OUT, R_DUP_IN, R_HEREDOC };

struct redir {
	enum redir_kind kind;
	int fd;	    /* the descriptor redirected: 0 for < and <<, 1 for >, or the IO number */
	char *word; /* raw word: a file name, a descriptor number for >& and <&, a delimiter */
	char *heredoc;	    /* R_HEREDOC: the body, read from the lines after the command */
	int heredoc_quoted; /* R_HEREDOC: the delimiter was quoted, so the body is not expanded */
	int strip_tabs;	    /* R_HEREDOC: <<-, leading tabs go */
	struct redir *next;
};

enum node_kind {
	N_COMMAND,    /* words and redirections */
	N_PIPE,	      /* left | right (right may be another N_PIPE) */
	N_AND,	      /* left && right */
	N_OR,	      /* left || right */
	N_SEQ,	      /* left ; right */
	N_BACKGROUND, /* left & */
	N_IF,	      /* if cond then body [elif/else: other] fi */
	N_WHILE,      /* while cond do body done */
	N_FOR,	      /* for var in words do body done */
	N_SUBSHELL,   /* ( body ), run in a child */
	N_GROUP,      /* { body; } */
	N_NOT,	      /* ! left: the status negated */
	N_UNTIL,      /* until cond do body done */
	N_CASE,	      /* case words[0] in items esac */
	N_FUNCDEF,    /* var() body: defines the function var */
};

/* One "pattern | pattern) body ;;" of a case. */
struct case_item {
	char **patterns; /* raw words */
	int npatterns;
	struct node *body; /* NULL: an empty body */
	struct case_item *next;
};

struct node {
	enum node_kind kind;
	char **words; /* N_COMMAND: raw words (assignments first); N_FOR: the list; N_CASE: 1 */
	int nwords;
	struct redir *redirs;		  /* a simple command's, or those after a compound one */
	char *var;			  /* N_FOR: the loop variable; N_FUNCDEF: the name */
	struct node *left, *right;	  /* binary operators; N_NOT: left */
	struct node *cond, *body, *other; /* if, while, until, for; other is the else part */
	struct case_item *items;	  /* N_CASE, in order */
};

enum parse_status { P_OK, P_EMPTY, P_EOF, P_INCOMPLETE, P_ERROR };

enum parse_status parse_command(struct lexer *lx, struct node **out);

/* ---- node.c ------------------------------------------------------------------------------- */

struct node *node_new(enum node_kind kind);
void node_free(struct node *n);
struct node *node_copy(const struct node *n);
char *node_text(const struct node *n);

/* ---- expand.c ----------------------------------------------------------------------------- */

/* A growable NULL-terminated array of malloc'ed strings. */
struct strlist {
	char **items;
	int count, cap;
};

void strlist_push(struct strlist *l, char *s);
void strlist_free(struct strlist *l);
int expand_word(const char *raw, struct strlist *fields);
char *expand_word_single(const char *raw);
char *expand_heredoc(const char *body);
char *expand_pattern(const char *raw);

/* ---- glob.c ----------------------------------------------------------------------------- */

int glob_expand(const char *pattern, struct strlist *out);
int pattern_match(const char *pattern, const char *s);

/* ---- arith.c ---------------------------------------------------------------------------- */

int arith_eval(const char *text, long *result);

/* ---- vars.c ------------------------------------------------------------------------------- */

void vars_init(char **envp);
const char *var_get(const char *name);
int var_set(const char *name, const char *value, int exported);
void var_unset(const char *name);
void var_export(const char *name);
void vars_print(int exported_only);
char **vars_environ(void);
int is_name(const char *s, size_t len);
int is_assignment(const char *word);

extern char *sh_arg0;	 /* $0 */
extern char **sh_params; /* $1 ... */
extern int sh_nparams;	 /* $# */
extern int sh_status;	 /* $? */
extern long sh_last_bg;	 /* $! (0: none so far) */
extern pid_t sh_pid;	 /* $$: the shell's pid, also in its subshells */
void params_set(char **argv, int argc);

struct saved_params {
	char **params;
	int count;
};
void params_push(char **argv, int argc, struct saved_params *saved);
void params_pop(struct saved_params *saved);

/* ---- exec.c ------------------------------------------------------------------------------- */

extern int sh_interactive;
extern int sh_loop_control; /* break/continue request: see builtins.c */
int exec_node(struct node *n);
char *exec_capture(const char *text);
void sh_set_interrupt_handler(void);
int sh_unwinding(void); /* break, continue or return is on its way up: stop running lists */
extern int sh_redirections_stay; /* exec without a command asks: keep its redirections */
void __attribute__((noreturn)) exec_program(char **argv);
int exec_external(char **argv);

/* ---- compound.c --------------------------------------------------------------------------- */

int exec_if(struct node *n);
int exec_loop(struct node *n); /* while and until */
int exec_for(struct node *n);
int exec_case(struct node *n);

/* ---- func.c ------------------------------------------------------------------------------- */

extern int sh_returning;     /* return is on its way up to its function or "." script */
extern int sh_return_scopes; /* functions and "." scripts running */

/* Functions and "." scripts within each other, at most: one that calls itself without end
 * stops there, with an error, long before the 8 MiB stack would run out (some 20000). */
#define MAX_CALL_DEPTH 1000
void func_define(const char *name, const struct node *body);
void func_unset(const char *name);
int func_exists(const char *name);
int func_call(int argc, char **argv);
int builtin_return(int argc, char **argv);

/* ---- jobs.c ------------------------------------------------------------------------------- */

extern int sh_job_control; /* each job its own process group, the terminal's while in front */
void jobs_init_control(void);
void signals_for_exec(void);

/* What a new child is: part of a foreground job, a background job, or a $(...). */
enum child_kind { CHILD_FOREGROUND, CHILD_BACKGROUND, CHILD_SUBSTITUTION };

/* In a new child: its job's process group (pgid; 0: a new one) and terminal, signals reset. */
void child_start(enum child_kind kind, pid_t pgid);

/* A foreground job for n: add its processes, then wait for it ($?; it may stop instead). */
struct job;
struct job *job_begin(const struct node *n);
void job_add_process(struct job *j, pid_t pid, int in_front);
pid_t job_group(const struct job *j);
int job_wait(struct job *j);

void job_background(pid_t pid, const struct node *n); /* cmd & */
int wait_process(pid_t pid); /* a child that is no job ($(...)): its status for $? */

void jobs_reap(int report); /* collect what has ended or stopped; report it at a prompt */
int jobs_wait(long pid);
int jobs_list(void);
int jobs_foreground(int n);
int jobs_background(int n);
int jobs_may_exit(void); /* 0 after warning once about stopped jobs */

/* ---- builtins.c --------------------------------------------------------------------------- */

typedef int (*builtin_fn)(int argc, char **argv);
builtin_fn command_find(const char *name, int functions);
int builtin_is_special(const char *name);

enum { LOOP_NONE, LOOP_BREAK, LOOP_CONTINUE };
extern int sh_loop_depth;
extern int sh_loop_count; /* how many loops break/continue still have to leave */

/* ---- test.c, printf.c, special.c, trap.c, getopts.c: more builtins ----------------------- */

int builtin_test(int argc, char **argv);
int builtin_printf(int argc, char **argv);
int builtin_dot(int argc, char **argv);
int builtin_eval(int argc, char **argv);
int builtin_exec(int argc, char **argv);
int builtin_command(int argc, char **argv);
int builtin_trap(int argc, char **argv);
int builtin_getopts(int argc, char **argv);
void trap_init(void);
int trap_is_set(int sig);	/* has a trap: an action, or ignored */
int trap_ignored(int sig);	/* trap '' sig */
void trap_run_pending(void);	/* the actions of the signals that came since */
int trap_pending(void);		/* a signal whose action waits (its number), or 0 */
void trap_exit(void);		/* the EXIT action, once */
void trap_child_reset(void);	/* in a new subshell: traps reset, ignored stay ignored */
char *path_find(const char *name, int executable);

/* ---- edit.c ------------------------------------------------------------------------------- */

char *edit_read_line(const char *prompt);

/* ---- main.c ------------------------------------------------------------------------------- */

void sh_error(const char *fmt, ...) __attribute__((format(__printf__, 1, 2)));
void sh_exit(int status) __attribute__((noreturn));
char *sh_read_file(const char *path);
int sh_run_text(const char *text);
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif /* SH_H */
