import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, longest first (seconds alone on an idle 2-core machine, roughly). The workers take files
 * from one queue, so a long file started last keeps one worker busy while the other has nothing left: started first,
 * the short files fill in around them and both workers finish together. Vitest's own order (longest first by the last
 * run's times) depends on a cache that every checkout sharing node_modules writes, and puts a new file last.
 */
const LONGEST_FIRST = [
  'test/text/reuters-corpus.test.ts', // every Reuters story three ways, and boilerplate learned from them: 9.5
  'test/browser/html-report.test.ts', // chromium, every page in one tab: about 6 (11 with a new page each)
  'test/e2e/index-processes.test.ts', // kill -9 and two writers, 10,000 articles: 5.6
  'test/reuters.test.ts', // two Reuters scans with the seeds, in order and shuffled: 5
  'test/e2e/binary.test.ts', // 4.8
  'test/e2e/pipelines.test.ts', // --jobs 1, 2 and all cores on 1 MB: 4.5
  'test/scan/scan.test.ts', // worker threads: 4.4
  'test/package/pack.test.ts', // npm pack, attw: 3.2
  'test/cli/output-file.test.ts', // 2.6
  'test/cli/bad-input.test.ts', // 2.3
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = LONGEST_FIRST.findIndex((path) => file.moduleId.endsWith(`/${path}`));
      return at === -1 ? LONGEST_FIRST.length : at;
    };
    // A stable sort: the other files keep vitest's order after these.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Forks, not threads: the in-process CLI tests and the fixture tests change the process's working directory.
    pool: 'forks',
    // One test file per core: the main process only waits (vitest's default leaves one core to it, which on two cores
    // runs every file one after another).
    maxWorkers: availableParallelism(),
    // Each worker runs file after file in one process and module graph, so the sources, natural and the WebAssembly
    // kernels are loaded once per worker, not once per file (a fresh process per file cost a third of the suite's CPU).
    // Safe because every test restores what it changes in the process: runCli() and the fixture tests change the
    // working directory back, read.test.ts puts TZ back, spies and fake timers are restored in `finally`.
    isolate: false,
    sequence: { sequencer: LongestFirst },
    // Transformed sources kept on disk between runs (keyed on each file's content, the config and vitest's version), in
    // this checkout's own folder: node_modules may be shared by several checkouts. A run with the cache warm spends a
    // fifth of the transform time of one without (0.6 s against 2.9).
    experimental: { fsModuleCache: true, fsModuleCachePath: '.vitest-cache' },
    // The Reuters corpus tests read 18 MB and the end-to-end tests spawn processes; give them room on a loaded machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
