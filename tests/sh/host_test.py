#!/usr/bin/env python3
"""Host tests of /bin/sh: run the Corral binary directly on Linux (same system-call ABI).

    tests/sh/host_test.py [BUILD_DIR]      (default: build)

Each case runs `sh -c SCRIPT` (or a script file, or stdin) and compares stdout, stderr and the
exit status; then it types at an interactive shell through a pseudo-terminal (prompt, line
editing, history, ^C, ^Z and jobs, bg, fg).  Prints TAP-style `ok N - description` lines and
exits 1 if any failed.  Needs only the host's ordinary commands (cat, tr, ls, wc, touch, mkdir,
ln, mkfifo, chmod, sleep, kill) besides the shell under test; awk and /proc for the
job-control check.  The shell's own builtins (test, [, printf ...) stand in for the host's.

On Corral itself, console.txt is a short session to type (tests/suites.py has more, typed step
by step):
    tests/boot --build BUILD_DIR --append init=/bin/sh --input tests/sh/console.txt   # status 7
"""
import atexit
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
SH = os.path.join(BUILD, "user", "bin", "sh")
TMP = tempfile.mkdtemp(prefix="corral-sh-")
atexit.register(shutil.rmtree, TMP, ignore_errors=True)
ENV = {"PATH": "/bin:/usr/bin", "HOME": "/home/x", "T": TMP}

# (description, script, stdout, stderr, status); stderr None: not checked
CASES = [
    ("echo and quoting", "echo a 'b  c' \"d  $T\" e\\ f", f"a b  c d  {TMP} e f\n", "", 0),
    ("variables and ${}", "x=1; y=${x}2; echo $x $y ${u:-def} ${#y}", "1 12 def 2\n", "", 0),
    ("unquoted expansion is split", "x='a   b'; for w in $x; do echo [$w]; done; echo \"$x\"",
     "[a]\n[b]\na   b\n", "", 0),
    ("$? after false", "false; echo $?", "1\n", "", 0),
    ("not found is status 127", "nope; echo $?", "127\n", "sh: nope: not found\n", 0),
    ("positional parameters", "echo $0 $# $1; for a in \"$@\"; do echo [$a]; done",
     "me 2 A\n[A]\n[B C]\n", "", 0, ["me", "A", "B C"]),
    ("\"$@\" without parameters is no field", "set --; for a in \"$@\"; do echo x; done; echo $#",
     "0\n", "", 0),
    ("set -- and shift", "set -- p q r; shift; echo $# $*", "2 q r\n", "", 0),
    ("redirections > >> <", "echo x > $T/f; echo y >> $T/f; cat < $T/f", "x\ny\n", "", 0),
    ("2> and 2>&1", "ls /nonexistent 2>/dev/null; echo $?; ls /nonexistent 2>&1 | wc -l",
     "2\n1\n", "", 0),
    ("cannot open", "cat < /nonexistent", "",
     "sh: cannot open /nonexistent: No such file or directory\n", 1),
    ("pipeline of three", "echo abc | tr a b | tr b c", "ccc\n", "", 0),
    ("pipeline status is the last", "false | true; echo $?; true | false; echo $?",
     "0\n1\n", "", 0),
    ("&& and ||", "true && echo a || echo b; false && echo c || echo d", "a\nd\n", "", 0),
    ("if elif else", "if false; then echo 1; elif true; then echo 2; else echo 3; fi",
     "2\n", "", 0),
    ("while with arithmetic", "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done",
     "0\n1\n2\n", "", 0),
    ("for with break and continue",
     "for i in 1 2 3 4; do if [ $i = 2 ]; then continue; fi; if [ $i = 4 ]; then break; fi;"
     " echo $i; done", "1\n3\n", "", 0),
    ("background and wait", "sh -c 'exit 3' & wait $!; echo $?", "3\n", "", 0),
    ("wait $! for a job that ended lines ago", "sh -c 'exit 3' &\nsleep 0.2\nwait $!; echo $?",
     "3\n", "", 0),
    ("a script without #! runs in sh; an empty PATH entry is .",
     "cd $T; echo 'echo in-script $1' > s1; chmod +x s1; PATH=:/bin:/usr/bin; s1 x",
     "in-script x\n", "", 0),
    ("a file that is not executable is status 126", "cd $T; echo x > nx; ./nx",
     "", f"sh: ./nx: Permission denied\n", 126),
    ("subshell and group", "(cd /; exit 4); echo $?; { echo a; echo b; } | wc -l",
     "4\n2\n", "", 0),
    ("export reaches children", "export V=1; W=2 sh -c 'echo $V $W'; echo [$W]",
     "1 2\n[]\n", "", 0),
    ("cd and pwd", "cd /; pwd; cd /nonexistent", "/\n",
     "sh: cd: /nonexistent: No such file or directory\n", 1),
    ("syntax error is status 2", "echo a; fi; echo b", "", "sh: syntax error near 'fi'\n", 2),
    ("unterminated quote", "echo 'abc", "", "sh: syntax error: unexpected end of file\n", 2),
    ("exit status", "exit 7", "", "", 7),
    ("command substitution: $(...), nested, in quotes, trailing newlines go",
     "echo [$(echo a; echo b)] \"[$(printf 'x\\n\\n')]\" $(echo $(echo deep))",
     "[a b] [x] deep\n", "", 0),
    ("command substitution: `...` and its escapes", "echo `echo tick` `echo \\$HOME`",
     "tick /home/x\n", "", 0),
    ("command substitution: unquoted output is split into fields",
     "for w in $(echo 'p  q'; echo r); do echo [$w]; done", "[p]\n[q]\n[r]\n", "", 0),
    ("command substitution: $? is its status", "x=$(exit 3); echo $?", "3\n", "", 0),
    ("here-document: expanded, with $(...) and $((...))",
     "v=1\ncat <<EOF\nv=$v s=$(echo sub) a=$((v+1)) 'q' \"d\"\nEOF\necho after",
     "v=1 s=sub a=2 'q' \"d\"\nafter\n", "", 0),
    ("here-document: a quoted delimiter means no expansion",
     "cat <<'EOF'\n$v `x` \\$\nEOF", "$v `x` \\$\n", "", 0),
    ("here-document: <<- strips leading tabs; two on one line",
     "cat <<-A; cat <<B\n\t\tone\n\tA\ntwo\nB", "one\ntwo\n", "", 0),
    ("here-document: into a loop and a pipeline",
     "while read l; do echo [$l]; done <<E\na\nb\nE\ncat <<E | wc -l\n1\n2\n3\nE",
     "[a]\n[b]\n3\n", None, 0),
    ("here-document: longer than a pipe holds", "cat <<E | wc -c\n" + "x" * 70000 + "\nE",
     "70001\n", "", 0),
    ("here-document: a missing delimiter is an unexpected end of file", "cat <<E\nabc", "",
     "sh: syntax error: unexpected end of file\n", 2),
    ("globbing: sorted matches, quoted and unmatched stay",
     "mkdir $T/g; cd $T/g; touch b.c a.c .h.c; echo *.c '*.c' \\*.c nomatch* .*.c",
     "a.c b.c *.c *.c nomatch* .h.c\n", "", 0),
    ("read from a pipe", "echo 'x y z' | { read a b; echo $b; }", "y z\n", "", 0),
    ("case: globs, | between patterns, the first match only",
     "for w in a.c b.h x; do case $w in *.c|*.h) echo src;; a*) echo a;; *) echo other;; esac;"
     " done", "src\nsrc\nother\n", "", 0),
    ("case: * matches / and a leading dot; [...] with ranges, ! and classes",
     "case /a/.b in /*b) echo 1;; esac; case q in [!a-c]) echo 2;; esac;"
     " case 7 in [[:digit:]]) echo 3;; esac", "1\n2\n3\n", "", 0),
    ("case: quoted pattern characters are literal, an unquoted $var's are not",
     "p='a*'; case abc in \"$p\") echo no;; $p) echo var;; esac; case '*' in \\*) echo lit;; esac",
     "var\nlit\n", "", 0),
    ("case: (pattern), newlines, an empty item, no ;; before esac",
     "case x in\n (y) echo y ;;\n x)\n ;;\n *) echo z\nesac; echo $?", "0\n", "", 0),
    ("case: status 0 when nothing matched, else the list's", "false; case x in y) ;; esac;"
     " echo $?; case x in x) false;; esac; echo $?", "0\n1\n", "", 0),
    ("case: reserved words as patterns after (", "case in in (in) echo in;; esac;"
     " case esac in (esac) echo esac;; esac", "in\nesac\n", "", 0),
    ("functions: their own $1 and $#, the caller's come back",
     "set -- a b; f() { echo $# $1 $2; shift; echo $1; }; f x 'y z'; echo $# $1",
     "2 x y z\ny z\n2 a\n", "", 0),
    ("functions: return with a status, without one $?; a loop inside stops",
     "f() { for i in 1 2 3; do [ $i = 2 ] && return 7; echo $i; done; }; f; echo $?;"
     " g() { false; return; }; g; echo $?", "1\n7\n1\n", "", 0),
    ("functions: a body ( ) is a subshell; redirections on the definition and the call",
     "f() ( cd /; pwd ); f; g() { echo out; } > /dev/null; g; h() { cat; }; echo in | h",
     "/\nin\n", "", 0),
    ("functions: come before builtins, and variables they set stay",
     "echo() { printf 'my %s\\n' \"$*\"; }; echo hi; f() { v=set; }; f; unset -f echo; echo $v",
     "my hi\nset\n", "", 0),
    ("functions: redefined, unset -f, defined by a function, exit inside",
     "f() { echo 1; }; f() { echo 2; }; f; g() { h() { echo h; }; }; g; h; unset -f f; f;"
     " k() { exit 4; }; k; echo no", "2\nh\n", "sh: f: not found\n", 4),
    ("functions: recursion works; one without end stops 1000 calls deep, with an error",
     "f() { [ $1 -gt 0 ] && f $(($1 - 1)) || echo bottom; }; f 500; g() { g; }; g; echo $?",
     "bottom\n2\n", "sh: g: functions nested too deeply\n", 0),
    ("return outside a function ends the script", "echo a; return 3; echo b", "a\n", "", 3),
    ("test and [: strings, -n -z, and a lone string", "[ a = a ]; echo $?; [ a != a ]; echo $?;"
     " [ -n '' ]; echo $?; [ -z '' ]; echo $?; [ '' ]; echo $?; test x; echo $?",
     "0\n1\n1\n0\n1\n0\n", "", 0),
    ("test: integers -eq -ne -lt -le -gt -ge, negative too",
     "[ 1 -eq 1 ] && [ 1 -ne 2 ] && [ -3 -lt -2 ] && [ 2 -le 2 ] && [ 3 -gt 2 ] && [ 2 -ge 2 ]"
     " && echo all; [ 2 -lt 1 ]; echo $?", "all\n1\n", "", 0),
    ("test: files -e -f -d -s -L -c -p -x",
     "cd $T; mkdir tdir; echo x > full; : > empty; ln -s full link; mkfifo fifo; chmod 755 full;"
     " for t in '-e tdir' '-f full' '-f tdir' '-d tdir' '-s full' '-s empty' '-L link' '-L full'"
     " '-c /dev/null' '-p fifo' '-x full' '-e nope'; do [ $t ]; printf %s $?; done; echo",
     "001001010001\n", "", 0),
    ("test: ! -a -o ( ) with POSIX's precedence, and operators as strings",
     "[ ! -d / ]; echo $?; [ a -o b -a '' ]; echo $?; [ \\( x = y \\) -o x ]; echo $?;"
     " [ ! = x ]; echo $?; [ -n = -n ]; echo $?", "1\n0\n0\n1\n0\n", "", 0),
    ("test: a bad expression is status 2, with a message",
     "[ a -eq 1 ]; echo $?; [ x; echo $?; [ x y ]; echo $?", "2\n2\n2\n", None, 0),
    ("printf: %s %d %i %u %o %x %X %c %% with flags, width and precision",
     "printf '%s|%5s|%-3s|%.2s|%d|%i|%u|%o|%x|%X|%c|%%\\n' a b c defg -7 8 9 8 255 255 xyz;"
     " printf '%05d|%+d|% d|%#o|%#x|%*d|%.*d\\n' 42 42 42 8 255 4 1 3 7",
     "a|    b|c  |de|-7|8|9|10|ff|FF|x|%\n00042|+42| 42|010|0xff|   1|007\n", "", 0),
    ("printf: the format is used again while arguments remain; missing ones are empty or 0",
     "printf '%s=%s\\n' a 1 b 2 c; printf '[%s|%d]\\n'", "a=1\nb=2\nc=\n[|0]\n", "", 0),
    ("printf: escapes in the format, and %b's, where \\c ends all output",
     "printf '\\101\\t|\\\\|\\n'; printf '%b|' 'a\\tb' 'o\\0101'; printf '%b' 'x\\cy' z;"
     " echo", "A\t|\\|\na\tb|oA|x\n", "", 0),
    ("printf: numbers as in C and 'c; a bad one is reported, status 1",
     "printf '%d %d %d %d\\n' 0x1f 017 \"'a\" -5; printf '%d\\n' 12x; echo $?",
     "31 15 97 -5\n12\n1\n", "sh: printf: 12x: invalid number\n", 0),
    ("eval: joins its words and runs them here; no words is status 0",
     "x='echo $y'; y=val; eval $x; eval 'z=1; echo $z'; false; eval ''; echo $?",
     "val\n1\n0\n", "", 0),
    ("eval: break and return inside reach the loop and the function",
     "for i in 1 2 3; do eval '[ $i = 2 ] && break'; echo $i; done;"
     " f() { eval 'return 4'; echo no; }; f; echo $?", "1\n4\n", "", 0),
    (". runs a file in this shell, with its own arguments; return ends it",
     "cd $T; printf 'echo in $# $1; v=set; return 3; echo no\\n' > d.sh; set -- p;"
     " . ./d.sh a b; echo $? $v $# $1", "in 2 a\n3 set 1 p\n", "", 0),
    (". of a file that runs itself stops 1000 deep, with an error",
     "cd $T; echo '. ./self.sh' > self.sh; . ./self.sh; echo $?", "2\n",
     "sh: .: ./self.sh: nested too deeply\n", 0),
    (". finds a name without / on $PATH",
     "cd $T; echo 'echo found' > onpath.sh; PATH=$T:$PATH; . onpath.sh", "found\n", "", 0),
    (". of a missing file ends a script, status 2",
     ". /nonexistent/x.sh; echo no", "",
     "sh: .: cannot open /nonexistent/x.sh: No such file or directory\n", 2),
    ("exec with redirections only: they stay, for later commands",
     "cd $T; exec 3>three; echo to-3 >&3; exec 3>&-; cat three; exec >out; echo hidden;"
     " exec >&2; cat out >&2", "to-3\n", "hidden\n", 0),
    ("exec with a command: it replaces the shell",
     "exec sh -c 'echo replaced $0' named; echo never", "replaced named\n", "", 0),
    ("exec of a missing command: not found, status 127",
     "exec nonexistent-cmd; echo never", "", "sh: nonexistent-cmd: not found\n", 127),
    ("command -v: builtins, functions and reserved words by name, programs by path",
     "f() { :; }; command -v cd f if cat; command -v nope; echo $?",
     "cd\nf\nif\n" + (shutil.which("cat", path="/bin:/usr/bin") or "") + "\n1\n", "", 0),
    ("command NAME runs the builtin or program, not the function",
     "echo() { printf 'fn\\n'; }; echo x; command echo builtin; cat() { :; };"
     " command cat /dev/null; printf '%s\\n' $?", "fn\nbuiltin\n0\n", "", 0),
    ("trap: EXIT runs at the end, with the exit status in $?, which stays",
     "trap 'echo bye $?' EXIT; echo main; exit 3", "main\nbye 3\n", "", 3),
    ("trap: a caught signal's action runs after the command; $? is kept",
     "trap 'echo got; false' USR1; kill -USR1 $$; echo after $?", "got\nafter 0\n", "", 0),
    ("trap: '' ignores a signal, in children too; - resets it",
     "trap '' USR1; kill -USR1 $$; sh -c 'kill -USR1 $$; echo child-lives'; trap - USR1;"
     " sh -c 'kill -USR1 $$; echo no'; echo $?", "child-lives\n138\n", None, 0),
    ("trap: lists the traps as commands; a bad signal is an error",
     "trap 'echo a' EXIT; trap \"echo it's\" INT; trap 'x' 1; trap - 1; trap; trap x NOSIG;"
     " echo $?; trap - EXIT", "trap -- 'echo a' EXIT\ntrap -- 'echo it'\\''s' INT\n1\n",
     "sh: trap: NOSIG: bad signal\n", 0),
    ("trap: a subshell starts with the traps reset, and may set its own",
     "trap 'echo parent' EXIT; (echo sub); (trap 'echo sub-exit' EXIT; echo in); trap - EXIT",
     "sub\nin\nsub-exit\n", "", 0),
    ("trap: a signal with a trap interrupts wait, status 128 + its number",
     "trap 'echo usr1' USR1; sleep 2 & pid=$!; (sleep 0.3; kill -USR1 $$) & wait $pid;"
     " echo $?; kill $pid", "usr1\n138\n", "", 0),
    ("getopts: letters, arguments in the same word or the next, OPTIND, then shift",
     "set -- -a -b val -cfoo -- file; while getopts ab:c: o; do echo $o ${OPTARG-none} $OPTIND;"
     " done; echo end $o $OPTIND; shift $((OPTIND - 1)); echo $@",
     "a none 2\nb val 4\nc foo 5\nend ? 6\nfile\n", "", 0),
    ("getopts: grouped letters; an unknown one is '?' with a message",
     "set -- -ab -x z; while getopts ab o; do echo $o $OPTIND; done; echo $OPTIND",
     "a 2\nb 2\n? 3\n3\n", "sh: getopts: illegal option -- x\n", 0),
    ("getopts: a leading ':' is silent: OPTARG names the letter, ':' a missing argument",
     "set -- -x -b; while getopts :ab: o; do echo $o $OPTARG; done", "? x\n: b\n", "", 0),
    ("getopts: OPTIND=1 starts again; arguments after NAME are read instead of $@",
     "f() { OPTIND=1; while getopts v o \"$@\"; do printf $o; done; echo; }; f -v -v; f -vv;"
     " OPTIND=1; getopts q o -q; echo $o", "vv\nvv\nq\n", "", 0),
    ("! negates a pipeline's status; until loops while its test fails",
     "! false && echo not; ! true; echo $?; i=0; until [ $i = 2 ]; do i=$((i+1)); echo $i;"
     " done", "not\n1\n1\n2\n", "", 0),
]


def run(args, stdin=None):
    return subprocess.run([SH] + args, input=stdin, capture_output=True, text=True,
                          env=ENV, timeout=10, preexec_fn=default_signals)


def default_signals():
    """SIGINT and SIGQUIT as a terminal's shell would start the tested one with: a run from
    the background (nohup, `&`) inherits them ignored, and POSIX lets a non-interactive shell
    neither trap nor reset a signal ignored on entry, which the trap checks would take for a
    fault of the shell."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


def check(n, desc, result, out, err, status):
    ok = (out is None or result.stdout == out) and (err is None or result.stderr == err) \
        and result.returncode == status
    print(f"{'ok' if ok else 'not ok'} {n} - {desc}")
    if not ok:
        print(f"#   stdout {result.stdout!r} (want {out!r})")
        print(f"#   stderr {result.stderr!r} (want {err!r})")
        print(f"#   status {result.returncode} (want {status})")
    return ok


def pty_read(fd, seconds):
    out = b""
    end = time.time() + seconds
    while time.time() < end:
        if select.select([fd], [], [], 0.05)[0]:
            try:
                out += os.read(fd, 4096)
            except OSError:
                break
    return out.decode(errors="replace")


def interactive(n):
    """Type at the shell through a pseudo-terminal: prompt, editing, history, ^C, ^Z and the
    jobs it stops; the last check leaves a stopped job, so the first exit only warns."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(SH, [SH], ENV)
    prompt = "# " if os.getuid() == 0 else "$ "
    checks = [
        ("interactive: the prompt", b"", prompt),
        ("interactive: left arrow and backspace edit the line",
         b"ech\x1b[Do\x1b[C wor\x7fld\r", "sh: ecoh: not found"),
        ("interactive: up arrow recalls the last line", b"echo hi\r\x1b[A\r", "echo hi\x1b[K"),
        ("interactive: ^C stops a foreground sleep, not the shell",
         b"sleep 5\r", ""),
        ("interactive: $? is 130 after ^C", b"\x03", ""),
        ("interactive: continuation prompt", b"if true\r", "> "),
        ("interactive: the if runs when fi arrives", b"then echo yes; fi\r", "yes"),
        ("interactive: a here-document asks for its lines", b"cat <<E\r", "> "),
        ("interactive: and runs at its delimiter", b"heredoc-line\rE\r", "heredoc-line"),
        ("interactive: jobs lists a background job", b"sleep 5 &\rjobs\r", "Running"),
        ("interactive: fg brings it to the front", b"fg\r", ""),
        ("interactive: $? is 130 after ^C stops the job fg brought back", b"\x03", ""),
        ("interactive: a job is the terminal's foreground process group",
         b"awk '{print \"fg\" \"-\" ($5 == $8)}' /proc/self/stat\r", "fg-1"),
        ("interactive: a foreground sleep to stop", b"sleep 5\r", ""),
        ("interactive: ^Z stops it, and the shell says so", b"\x1a", "Stopped sleep 5"),
        ("interactive: jobs lists it as stopped", b"jobs\r", "Stopped"),
        ("interactive: bg continues it in the background", b"bg\r", "sleep 5 &"),
        ("interactive: jobs lists it as running again", b"jobs\r", "Running"),
        ("interactive: fg continues it in the foreground", b"fg\r", "sleep 5"),
        ("interactive: $? is 130 after ^C ends the job fg continued", b"\x03", ""),
        ("interactive: another sleep to stop", b"sleep 5\r", ""),
        ("interactive: ^Z stops that one too", b"\x1a", "Stopped"),
        ("interactive: exit with a stopped job only warns, once", b"exit 0\r",
         "There are stopped jobs."),
    ]
    failed = 0
    for desc, keys, want in checks:
        os.write(fd, keys)
        got = pty_read(fd, 0.6)
        if desc.startswith("interactive: $?"):
            os.write(fd, b"echo $?\r")
            got += pty_read(fd, 0.6)
            want = "130"
        n += 1
        ok = want in got
        failed += not ok
        print(f"{'ok' if ok else 'not ok'} {n} - {desc}")
        if not ok:
            print(f"#   got {got!r}, want {want!r} in it")
    os.write(fd, b"exit 0\r")
    os.waitpid(pid, 0)
    return n, failed


def main():
    failed = 0
    n = 0
    for case in CASES:
        desc, script, out, err, status = case[:5]
        extra = case[5] if len(case) > 5 else []
        n += 1
        failed += not check(n, desc, run(["-c", script] + extra), out, err, status)
    path = os.path.join(TMP, "script.sh")
    with open(path, "w") as f:
        f.write("echo $0 $1\nif true\nthen\n  echo multi-line\nfi\nexit 5\necho no\n")
    n += 1
    failed += not check(n, "script file with arguments", run([path, "a1"]),
                        f"{path} a1\nmulti-line\n", "", 5)
    n += 1
    failed += not check(n, "commands from stdin, one line at a time",
                        run([], "echo one\nread l\nfrom-stdin\necho got $l\n"),
                        "one\ngot from-stdin\n", "", 0)
    n += 1
    failed += not check(n, "a script that cannot be opened", run(["/nonexistent"]), "",
                        "sh: cannot open /nonexistent: No such file or directory\n", 127)
    n, more = interactive(n)
    failed += more
    print(f"{n - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
