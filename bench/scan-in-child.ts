/** One timed scan in a child process of its own (scan-child.ts), watched for its RSS from here. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { log } from './log.js';
import { processRssBytes, seconds } from './measure.js';
import type { Failure, Settings } from './report.js';
import type { ScanJob, ScanMeasurement } from './scan-child.js';
import { int } from './table.js';

const CHILD = fileURLToPath(new URL('./scan-child.js', import.meta.url));

/**
 * Runs one scan in a child process; a crash (out of memory, say) becomes a Failure rather than ending the benchmark.
 * The child is killed when its RSS passes the cap, before the machine runs out of memory for everyone else.
 */
export function scanInChild(job: ScanJob, set: Settings): Promise<ScanMeasurement | Failure> {
  return new Promise((done) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--expose-gc', `--max-old-space-size=${set.childHeapMiB}`, CHILD, JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let peakRss: number | null = null;
    let capped = false;
    const guard = setInterval(() => {
      const rss = child.pid === undefined ? undefined : processRssBytes(child.pid);
      if (rss === undefined) return;
      peakRss = Math.max(peakRss ?? 0, rss);
      if (rss > set.childRssCapMiB * 2 ** 20 && !capped) {
        capped = true;
        child.kill('SIGKILL');
      }
    }, 200);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-8192)));
    child.on('error', (error) => {
      clearInterval(guard);
      done({ failed: error.message, seconds: seconds(start), peakRss });
    });
    child.on('close', (code, signal) => {
      clearInterval(guard);
      if (code === 0) {
        done(JSON.parse(stdout.trim().split('\n').pop()!) as ScanMeasurement);
        return;
      }
      const fail = (failed: string) => done({ failed, seconds: seconds(start), peakRss });
      if (capped) fail(`stopped: RSS passed the ${int(set.childRssCapMiB)} MiB cap`);
      else if (/heap out of memory|Reached heap limit/i.test(stderr)) fail(`out of memory (JavaScript heap limit ${int(set.childHeapMiB)} MiB)`);
      else if (signal === 'SIGKILL') fail('killed by SIGKILL (the kernel OOM killer?)');
      else fail(`exit ${code ?? signal}: ${stderr.trim().split('\n').pop() ?? ''}`);
      if (stderr && !capped) log(`child stderr (tail):\n${stderr.trim().split('\n').slice(-5).join('\n')}`);
    });
  });
}
