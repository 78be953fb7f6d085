import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import base from './vitest.config.ts';

/** The report and page tests build whole months of data: the slowest files, and they cover nearly every mutant. */
const slow = (f: TestSpecification): boolean => /(report|slo-page)\.test\.ts$/.test(f.moduleId);

/**
 * Runs the slow files last. Stryker stops at the first failing test, so a mutant that the unit
 * tests beside it kill never reaches them: the same verdicts, in a fraction of the time.
 */
class SlowFilesLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter((f) => !slow(f)), ...sorted.filter(slow)];
  }
}

/**
 * The suite Stryker runs for `npm run mutate`: the unit tests beside the code (src/**\/*.test.ts)
 * and nothing else, so a mutant of the pure code counts as killed only when those tests notice it.
 * One worker that keeps its modules between files (isolate: false): the files share no state.
 */
export default defineConfig({
  ...base,
  test: { ...base.test, include: ['src/**/*.test.ts'], isolate: false, sequence: { sequencer: SlowFilesLast } },
});
