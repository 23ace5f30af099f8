"""Breaks a `perf script` of the benchmark's server down by stage of a turn.

usage: stages.py STACKS [STAGE]  (with STAGE, also the leaf methods inside that stage)

wrk's samples are left out (perf record -p follows the benchmark's wrk child). Threads other than the thread pool's
and the socket engine's count as themselves (GC, tiered JIT, timers). A sample belongs to the innermost frame that
matches a stage, so an async continuation counts where its code is, not under the await that resumed it; samples with
no matching frame are kernel (syscalls: send/recv, epoll, sched_yield of the pool's spinning, SQLite's pwrite/fcntl)
or the runtime's native code (allocation helpers, stubs), whose stacks perf cannot walk back into managed code.
"""
import collections
import re
import sys

STAGES = [
    ('detector', r'ActionMonth\.Knowledge\.Safety\.|SafetyGate::'),
    ('search', r'ActionMonth\.Knowledge\.Search\.|Lucene|SearchResultCache'),
    ('understanding', r'Conversation\.Understanding\.'),
    ('composition', r'Conversation\.Replies\.|MessageResponder::(Question|Compose)|Resources\.'),
    ('state write', r'SaveChanges|TrackedBotStates|TrackedState|StateDocumentFormat::Write|SaveAsync|WriteDocument'),
    ('state read', r'BotStateAccessors\+<LoadAsync|StateDocumentFormat::Read|ReadDocument|LoadAsync'),
    ('sqlite', r'libe_sqlite3|Microsoft\.Data\.Sqlite|SqliteBotStateStore|SqliteDatabase'),
    ('reply writing', r'ExpectedRepliesJsonWriter|ActivityHttpBody|Utf8BufferTextWriter'),
    ('request reading', r'ActivityRequestFilter|JsonSerializerInternalReader|Newtonsoft|CharBufferReader'),
    ('metrics/logging', r'Observability\.|System\.Diagnostics\.Metrics|DiagnosticSource|Microsoft\.Extensions\.Logging'),
    ('flow (other)', r'Conversation\.Flow\.'),
    ('bot (other)', r'ActionMonthBot|ActivityHandler'),
    ('adapter', r'Adapters\.|Microsoft\.Bot\.Builder|Microsoft\.Bot\.Connector|Microsoft\.Bot\.Schema'),
    ('asp.net middleware', r'Hardening\.|RateLimiting|Microsoft\.AspNetCore\.(Routing|Http\.|Hosting|Builder)|Endpoints\.'),
    ('kestrel', r'Kestrel|System\.IO\.Pipelines|System\.Net\.Sockets|SocketAsyncEngine'),
]
STAGES = [(name, re.compile(pattern)) for name, pattern in STAGES]


def samples(path):
    current = None
    for line in open(path, errors='replace'):
        line = line.rstrip('\n')
        if not line.strip():
            if current:
                yield current
            current = None
        elif not line[0].isspace():
            current = (re.sub(r'\s+\d+(/\d+)?\s+.*$', '', line).strip(), [])
        elif current is not None:
            current[1].append(line.strip())
    if current:
        yield current


def main():
    path = sys.argv[1]
    split = sys.argv[2] if len(sys.argv) > 2 else None
    counts, leaves, total = collections.Counter(), collections.Counter(), 0
    for thread, frames in samples(path):
        if thread == 'wrk':
            continue
        total += 1
        if not thread.startswith(('.NET TP Worker', '.NET Sockets')):
            counts['thread: ' + thread] += 1
            continue
        stage = next((name for frame in frames for name, pattern in STAGES if pattern.search(frame)), None)
        if stage is None:
            leaf = frames[0] if frames else ''
            stage = 'kernel' if 'kernel' in leaf else 'native runtime / unresolved'
        counts[stage] += 1
        if stage == split and frames:
            named = re.search(r'\] ([\w\.`+<>|]+::[^\(\s]+)', frames[0])
            leaves[named.group(1)[:120] if named else frames[0][:100]] += 1
    print(f'{total} samples of the server (wrk left out)')
    for name, count in counts.most_common():
        print(f'{100 * count / total:6.2f}% {name}')
    for name, count in leaves.most_common(30):
        print(f'    {100 * count / total:6.2f}% {name}')


if __name__ == '__main__':
    main()
