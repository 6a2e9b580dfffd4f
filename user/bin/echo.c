/*
 * echo: print the arguments, separated by one space, and a newline.
 *
 *   echo [-n] [WORD]...
 *
 * -n (as the first argument only) leaves the newline out.  Nothing else is an option, and
 * backslashes are printed as they are, so there is no bad input.
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	int newline = 1, i = 1;

	if (argc > 1 && strcmp(argv[1], "-n") == 0) {
		newline = 0;
		i = 2;
	}
	for (; i < argc; i++) {
		fputs(argv[i], stdout);
		if (i + 1 < argc)
			putchar(' ');
	}
	if (newline)
		putchar('\n');
	return fflush(stdout) == 0 ? 0 : 1;
}
