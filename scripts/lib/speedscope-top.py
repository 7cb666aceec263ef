#!/usr/bin/env python3
"""Top frames of a dotnet-trace speedscope file: exclusive and inclusive share of the running samples.

Usage: speedscope-top.py FILE.speedscope.json [TOP]
A sample whose innermost frame is a wait (an idle poller, a parked thread-pool worker) counts as parked, not running.
"""
import json
import re
import sys
from collections import Counter

PARKED = re.compile(r"(Wait(One|Core|ForSignal|Any|All|ForSingleObject)?\b|WaitHandle|LowLevelLifoSemaphore|LowLevelMonitor|"
                    r"Monitor\.(Wait|Enter)|Thread\.Sleep|SleepInternal|epoll|EventLoop|WaitForSocketEvents|"
                    r"UNMANAGED_CODE_TIME|ThreadNative::|Interop\+Sys\.(Read|Poll|WaitPid)|PortableThreadPool\.GateThread|"
                    # a managed frame whose samples are its thread asleep in the runtime: the finalizer thread, an idle
                    # thread-pool worker, a thread starting
                    r"GC\.RunFinalizers$|WorkerThread\.WorkerThreadStart$|Thread\.StartCore$|PollGCWorker)", re.I)


# dotnet-trace's own frames: the process, thread grouping, and whether the sample ran managed code or sat in native code.
PSEUDO = re.compile(r"^(Process\d+ .*|Threads|Thread \(.*|Thread|CPU_TIME|UNMANAGED_CODE_TIME|)$")


def short(name):
    name = re.sub(r"\(.*\)$", "", name)
    return name[:150]


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    with open(path) as f:
        doc = json.load(f)
    frames = [short(fr["name"]) for fr in doc["shared"]["frames"]]
    exclusive, inclusive = Counter(), Counter()
    running = parked = 0.0
    for profile in doc["profiles"]:
        stack, last = [], None
        for event in profile.get("events", []):
            at = event["at"]
            if last is not None and stack and at > last:
                span = at - last
                names = [frames[i] for i in stack if not PSEUDO.match(frames[i])]
                leaf = names[-1] if names else "(no managed frame)"
                if frames[stack[-1]] == "UNMANAGED_CODE_TIME" or PARKED.search(leaf):
                    parked += span
                else:
                    running += span
                    exclusive[leaf] += span
                    for name in set(names):
                        inclusive[name] += span
            last = at
            if event["type"] == "O":
                stack.append(event["frame"])
            elif stack:
                stack.pop()
    total = running + parked
    if total == 0:
        print("profile: no samples")
        return
    print(f"profile: {running / 1000:.1f} thread-s running, {parked / 1000:.1f} thread-s parked in waits "
          f"({100 * running / total:.0f} % running); shares below are of running time")
    for title, table in (("exclusive", exclusive), ("inclusive", inclusive)):
        print(f"profile: top {top} frames by {title} time")
        for name, span in table.most_common(top):
            print(f"  {100 * span / running:5.1f} %  {name}")


if __name__ == "__main__":
    main()
