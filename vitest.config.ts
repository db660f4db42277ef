import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

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
    // The Reuters corpus tests read 18 MB and the end-to-end tests spawn processes; give them room on a loaded machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
