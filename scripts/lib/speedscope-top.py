#!/usr/bin/env python3
"""Summarises a dotnet-trace thread-time profile (converted to speedscope JSON) for scripts/profile-web.sh and scripts/profile-pipeline.sh.

  profile-web.py FILE.speedscope.json [TOP]

The sampled thread-time profile holds every thread's stack about 100 times a second, busy or not; the converter ends each
stack with CPU_TIME when the thread was running (managed code, or native code it called inline) and UNMANAGED_CODE_TIME
when it was outside the runtime (mostly parked in a wait: thread-pool workers waiting for work, the socket event loop,
timers). The CPU_TIME stacks are the busy time the top frames are shares of; the rest is shown as one figure:
- exclusive: the frame was the innermost on a busy stack;
- inclusive: the frame was anywhere on a busy stack (counted once per stack, however often it recurs), leaving out the
  frames every request passes through (PLUMBING).
A thread stopped at a GC poll point for the sample counts for its caller; a blocking call the sampler still marks as
running (BLOCKING) counts as a wait.
Frames are shortened to Type.Method (namespaces, parameters and generic arguments dropped) so the table fits a terminal.
"""
import json
import re
import sys
from collections import defaultdict

BUSY = "CPU_TIME"
# Blocking calls the sampler can still mark as running (an inline P/Invoke into a wait): set aside with the waits.
BLOCKING = re.compile(r"WaitHandle\.WaitOneNoCheck|WaitHandle\.WaitMultiple|LowLevelLifoSemaphore\.WaitNative|Monitor\.Wait$|"
                      r"Thread\.Sleep|Interop\+Sys\.WaitForSocketEvents")
# A thread the sampler caught at a GC poll point: the time is its caller's.
PASS_THROUGH = re.compile(r"PollGCWorker|^Thread\.PollGC")
# Frames every request passes through (threads, async machinery, the middleware chain, MVC's invoker): left out of the
# inclusive table, where they would only say "the whole request".
PLUMBING = re.compile(r"^(Thread|PortableThreadPool.*|ThreadPoolWorkQueue|ExecutionContext|AsyncTaskMethodBuilder.*|"
                      r"AsyncMethodBuilderCore|AsyncStateMachineBox.*|TaskAwaiter.*|HttpProtocol|KestrelConnection.*|"
                      r"HttpConnection|HttpConnectionMiddleware.*|ConnectionDispatcher.*|Task)\.|Middleware[^.]*\.Invoke|"
                      r"^ResourceInvoker\.|^PageActionInvoker\.|^ControllerActionInvoker\.|\.<Use[A-Za-z]+>|^ApiProblems\.|"
                      r"^SecurityHeaders\.|^StorageFullPage\.|^Program\.|^Host\.|StatusCodePages")


def short(name):
    """Type.Method, or None for a frame that is no method (the process, the thread, UNMANAGED_CODE_TIME)."""
    if "!" not in name:
        return None
    method = re.sub(r"\(.*\)$", "", name.split("!", 1)[1])  # module, parameters
    for _ in range(3):
        method = re.sub(r"\[[^\[\]]*\]", "", method)  # generic arguments, innermost first
    method = re.sub(r"\+<>c__DisplayClass[0-9_]+|\+<>c", "", method)  # closures: their method names the lambda
    method = re.sub(r"\+<([^<>]+)>d__[0-9]+(`[0-9]+)?\.MoveNext$", r".\1", method)  # async state machine: its method
    method = re.sub(r"\+<<([^<>]+)>[^.]*>d\.MoveNext$", r".<\1>", method)  # async lambda
    parts = method.split(".")
    return ".".join(parts[-2:]) if len(parts) > 1 else method


def main(path, top):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    frames = [frame["name"] for frame in data["shared"]["frames"]]
    names = [short(name) for name in frames]
    blocking = [name is not None and bool(BLOCKING.search(name)) for name in names]
    passing = [name is None or bool(PASS_THROUGH.search(name)) for name in names]
    plumbing = [name is None or bool(PLUMBING.search(name)) for name in names]
    exclusive = defaultdict(float)
    inclusive = defaultdict(float)
    busy = idle = 0.0
    for profile in data["profiles"]:
        stack = []
        last = None
        for event in profile["events"]:
            at = event["at"]
            if stack and last is not None and at > last:
                span = at - last
                inner = [i for i in stack[:-1] if not passing[i]]
                if frames[stack[-1]] != BUSY or not inner or blocking[inner[-1]]:
                    idle += span
                else:
                    busy += span
                    exclusive[names[inner[-1]]] += span
                    for name in {names[i] for i in inner if not plumbing[i]}:
                        inclusive[name] += span
            last = at
            if event["type"] == "O":
                stack.append(event["frame"])
            elif stack:
                stack.pop()
    if busy <= 0:
        sys.exit("profile-web: the profile holds no busy time")
    print(f"\nbusy thread time {busy / 1000:.1f} s (the shares below); thread time outside the runtime (waits) set aside {idle / 1000:.1f} s")
    for title, table in (("exclusive", exclusive), ("inclusive", inclusive)):
        print(f"\n| top {top} by {title} | % of busy |\n|---|---:|")
        for name, span in sorted(table.items(), key=lambda kv: -kv[1])[:top]:
            print(f"| `{name}` | {100 * span / busy:.1f} |")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 25)
