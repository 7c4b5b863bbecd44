// CPU time per thread of a process, from Linux's /proc: how a load test's CPU divides between
// the service's HTTP thread, its verification threads and V8's helper threads. Elsewhere, empty.
import { readdirSync, readFileSync } from 'node:fs';

export type ThreadCpu = Map<string, number>;

/** Seconds of CPU (user + system) per thread of `pid`, keyed by `tid name`. */
export function threadCpu(pid: number): ThreadCpu {
  const out: ThreadCpu = new Map();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // Fields after the parenthesised name: state is field 3, utime 14 and stime 15 (man 5 proc).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      out.set(`${tid} ${name}`, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}

/**
 * CPU seconds used between two samples: the main thread (tid = pid), the `workerCount` busiest
 * other threads (the verification threads: V8's and libuv's helpers do far less), and the rest.
 */
export function cpuBetween(pid: number, before: ThreadCpu, after: ThreadCpu, workerCount: number) {
  const used = [...after].map(([key, seconds]) => ({ key, seconds: seconds - (before.get(key) ?? 0) }));
  const main = used.find((u) => u.key.startsWith(`${pid} `))?.seconds ?? 0;
  const others = used.filter((u) => !u.key.startsWith(`${pid} `)).map((u) => u.seconds).sort((a, b) => b - a);
  return { main, workers: others.slice(0, workerCount), rest: others.slice(workerCount).reduce((s, x) => s + x, 0) };
}
