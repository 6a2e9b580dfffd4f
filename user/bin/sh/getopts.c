/*
 * getopts OPTSTRING NAME [ARG...]: the next option of a script's (or a function's) arguments,
 * one call at a time, for a loop:
 *
 *	while getopts ab:c opt; do
 *		case $opt in
 *		a) ... ;;
 *		b) echo "b with $OPTARG" ;;
 *		?) echo "usage: ..."; exit 2 ;;
 *		esac
 *	done
 *	shift $((OPTIND - 1))
 *
 * OPTSTRING lists the option letters; one followed by ':' takes an argument, in the same word
 * (-bvalue) or the next (-b value).  Each call sets NAME to the letter found and OPTARG to its
 * argument, and OPTIND to the index of the next word to read (1 at first), and returns 0.  At
 * the first word that is no option ("-" or one not starting with '-'), or after "--", it
 * returns 1 with NAME '?'.  An unknown letter, or a missing argument, sets NAME to '?' and
 * prints why; with a ':' at the start of OPTSTRING it prints nothing, and OPTARG is the letter,
 * NAME ':' for a missing argument.  Letters grouped in one word (-ac) are read in turn, OPTIND
 * already past the word: where in it the next one is, the shell remembers while OPTIND stays
 * as it left it, so setting OPTIND=1 starts again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

static long last_optind; /* OPTIND as the last call left it */
static long word;	 /* the index in the arguments of the word being read */
static int letter;	 /* the next letter's place in it; 0: go on with a new word */

/* OPTIND as a number: 1 when unset or not one. */
static long get_optind(void)
{
	const char *text = var_get("OPTIND");
	char *end;
	long n = text ? strtol(text, &end, 10) : 1;

	return text == NULL || *end != '\0' || n < 1 ? 1 : n;
}

static void set_optind(long n)
{
	char text[24];

	snprintf(text, sizeof(text), "%ld", n);
	var_set("OPTIND", text, 0);
	last_optind = n;
}

static void set_char(const char *name, char c)
{
	char text[2] = {c, '\0'};

	var_set(name, text, 0);
}

/* The end of the options: NAME is '?', OPTIND the first word that is no option. */
static int end_of_options(const char *name, long optind)
{
	letter = 0;
	set_char(name, '?');
	set_optind(optind);
	var_unset("OPTARG");
	return 1;
}

/* The next letter of the word being read: sets NAME and OPTARG, and OPTIND to optind (the
 * word after it) or past the option's argument. */
static int take_option(const char *spec, int silent, const char *name, char **args, int nargs,
		       long optind)
{
	const char *text = args[word];
	char c = text[letter++];
	const char *at = c != ':' ? strchr(spec, c) : NULL;

	if (text[letter] == '\0')
		letter = 0;
	var_unset("OPTARG");
	if (at == NULL) {
		if (silent)
			set_char("OPTARG", c);
		else
			sh_error("getopts: illegal option -- %c", c);
		set_char(name, '?');
	} else if (at[1] == ':' && letter == 0 && optind > nargs) {
		if (silent)
			set_char("OPTARG", c);
		else
			sh_error("getopts: option requires an argument -- %c", c);
		set_char(name, silent ? ':' : '?');
	} else {
		if (at[1] == ':') {
			var_set("OPTARG", letter ? text + letter : args[optind++ - 1], 0);
			letter = 0;
		}
		set_char(name, c);
	}
	set_optind(optind);
	return 0;
}

int builtin_getopts(int argc, char **argv)
{
	char **args = argc > 3 ? argv + 3 : sh_params;
	int nargs = argc > 3 ? argc - 3 : sh_nparams;
	const char *spec, *name, *text;
	long optind = get_optind();
	int silent;

	if (argc < 3) {
		sh_error("getopts: usage: getopts OPTSTRING NAME [ARG...]");
		return 2;
	}
	spec = argv[1];
	name = argv[2];
	if (!is_name(name, strlen(name))) {
		sh_error("getopts: %s: bad variable name", name);
		return 2;
	}
	silent = spec[0] == ':';
	spec += silent;
	if (optind != last_optind)
		letter = 0;
	if (letter == 0) {
		if (optind > nargs)
			return end_of_options(name, optind);
		text = args[optind - 1];
		if (text[0] != '-' || text[1] == '\0')
			return end_of_options(name, optind);
		if (strcmp(text, "--") == 0)
			return end_of_options(name, optind + 1);
		word = optind++ - 1;
		letter = 1;
	}
	return take_option(spec, silent, name, args, nargs, optind);
}
