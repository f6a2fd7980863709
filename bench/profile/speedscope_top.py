#!/usr/bin/env python3
"""Top frames of a speedscope file written by `dotnet-trace collect --format speedscope`: time per frame, inclusive
(on the stack) and exclusive (on top), summed over the threads, in % of the threads' busy sampled time (samples
blocked in a wait are left out).
Usage: bench/profile/speedscope_top.py FILE.speedscope.json [N] [--match SUBSTRING]   (docs/performance.md has a run)
--match keeps only the time under the frames whose name holds SUBSTRING (e.g. CreateManyAsync)."""
import json
import sys
from collections import defaultdict

args = [a for a in sys.argv[1:]]
match = None
if "--match" in args:
    i = args.index("--match")
    match = args[i + 1]
    del args[i:i + 2]
path = args[0]
top = int(args[1]) if len(args) > 1 else 40
doc = json.load(open(path))
frames = [f["name"] for f in doc["shared"]["frames"]]
inclusive = defaultdict(float)
exclusive = defaultdict(float)
total = 0.0
PSEUDO = {"CPU_TIME", "UNMANAGED_CODE_TIME"}  # dotnet-trace's markers of what the thread did, not frames


# Threads blocked in these count as idle, not as work (the sampler sees every thread).
IDLE = ("WaitOneNoCheck", "WaitNative", "Monitor.Wait", "Interop+Sys.Read(", "WaitForSignal", "GetGCMemoryInfo", "DestroyScout.Finalize")


def account(stack, weight):
    global total
    real = [f for f in stack if frames[f] not in PSEUDO]
    if real and any(marker in frames[real[-1]] for marker in IDLE):
        return
    if match is not None:
        cut = next((i for i, f in enumerate(stack) if match in frames[f]), None)
        if cut is None:
            return
        stack = stack[cut:]
    total += weight
    for f in set(stack):
        inclusive[f] += weight
    real = [f for f in stack if frames[f] not in PSEUDO]
    if real:
        exclusive[real[-1]] += weight


for profile in doc["profiles"]:
    if profile["type"] == "sampled":
        for stack, weight in zip(profile["samples"], profile["weights"]):
            account(stack, weight)
    else:  # evented: open/close events; the time between two events belongs to the stack open then
        stack, last = [], None
        for event in profile["events"]:
            if last is not None and stack:
                account(list(stack), event["at"] - last)
            last = event["at"]
            if event["type"] == "O":
                stack.append(event["frame"])
            elif stack:
                stack.pop()

print(f"total {total:.0f} ms sampled" + (f" under '{match}'" if match else ""))
print("inclusive %  exclusive %  frame")
for f, w in sorted(inclusive.items(), key=lambda kv: -kv[1])[:top]:
    print(f"{100 * w / total:10.1f}  {100 * exclusive[f] / total:10.1f}  {frames[f][:150]}")
print("\nby exclusive time:")
for f, w in sorted(exclusive.items(), key=lambda kv: -kv[1])[:top]:
    print(f"{100 * w / total:10.1f}  {frames[f][:150]}")
