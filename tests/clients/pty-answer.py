#!/usr/bin/env python3
"""Run a command on a pseudo-terminal (its controlling terminal) and type answers when prompts appear.

    pty-answer.py TRANSCRIPT PROMPT ANSWER [PROMPT ANSWER ...] -- COMMAND [ARGS...]

Each PROMPT is a substring awaited in the output since the previous answer; then ANSWER and a newline are typed.
Everything the command writes goes to TRANSCRIPT. Exit status: the command's, or 124 if a prompt did not appear
within 60 s (or the command ended first: then 125), so a client that stops asking shows as a failed step.
"""
import os, pty, select, signal, sys, time

def main():
    argv = sys.argv[1:]
    sep = argv.index("--")
    transcript, pairs, command = argv[0], argv[1:sep], argv[sep + 1:]
    if len(pairs) % 2:
        sys.exit("pty-answer: PROMPT without ANSWER")
    script = list(zip(pairs[0::2], pairs[1::2]))
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    out = open(transcript, "ab")
    seen = b""
    status = None

    def read(timeout):
        nonlocal seen
        r, _, _ = select.select([fd], [], [], timeout)
        if not r:
            return "timeout"
        try:
            data = os.read(fd, 4096)
        except OSError:
            data = b""
        if not data:
            return "eof"
        out.write(data); out.flush()
        seen += data
        return "data"

    for prompt, answer in script:
        want = prompt.encode()
        deadline = time.monotonic() + 60
        while want not in seen:
            if time.monotonic() > deadline:
                out.write(f"\n[pty-answer: no prompt {prompt!r} within 60 s]\n".encode())
                os.kill(pid, signal.SIGKILL); os.waitpid(pid, 0)
                sys.exit(124)
            if read(0.5) == "eof":
                out.write(f"\n[pty-answer: ended before prompt {prompt!r}]\n".encode())
                _, st = os.waitpid(pid, 0)
                sys.exit(125)
        seen = seen[seen.index(want) + len(want):]
        time.sleep(0.05)  # let the program switch echo off / start reading
        os.write(fd, answer.encode() + b"\n")
    deadline = time.monotonic() + 300
    while read(1) != "eof" and time.monotonic() < deadline:
        pass
    _, st = os.waitpid(pid, 0)
    sys.exit(os.waitstatus_to_exitcode(st) if hasattr(os, "waitstatus_to_exitcode") else st >> 8)

main()
