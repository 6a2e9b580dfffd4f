# Tests of the commands in /bin (docs/commands.md), printed as TAP: "ok 7 - description".
#
# The kernel runs it as init (tests/suites.py, suite "commands"):
#     init=/bin/sh -- /test/commands.sh
# and the machine powers off with the shell's exit status: the number of failed checks.
#
# The checks are in /test/commands.txt, three lines each: what the check shows (its TAP
# description), one command line, and a blank line.  The command runs with "sh -c" in the
# scratch directory /tmp/commands and passes when its status is 0.  A failure is followed by
# the command and what it printed, as TAP comments ("# ...").
scratch=/tmp/commands
checks=/test/commands.txt
n=0
failed=0

/bin/rm -rf $scratch
/bin/mkdir -p $scratch
cd $scratch
while read -r description; do
	read -r command
	read -r blank
	n=$((n + 1))
	if /bin/sh -c "$command" </dev/null >$scratch/.log 2>&1; then
		echo "ok $n - $description"
	else
		echo "not ok $n - $description"
		failed=$((failed + 1))
		echo "#   $command"
		while read -r line; do
			echo "#   | $line"
		done <$scratch/.log
	fi
done <$checks
echo "1..$n"
exit $failed
