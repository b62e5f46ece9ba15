// Prints one plain line "N passed, N failed, N skipped" from the runners' JSON reports
// (.ci-reports/vitest.json, .ci-reports/playwright.json). A runner that failed without a
// report (e.g. the typecheck stopped the run) counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const exitStatus = Number(process.argv[2] ?? 0);
let passed = 0;
let failed = 0;
let skipped = 0;
let reports = 0;

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);

const vitest = read('.ci-reports/vitest.json');
if (vitest) {
  reports += 1;
  passed += vitest.numPassedTests ?? 0;
  failed += (vitest.numFailedTests ?? 0) + (vitest.success === false && !vitest.numFailedTests ? 1 : 0);
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
}

const playwright = read('.ci-reports/playwright.json');
if (playwright?.stats) {
  reports += 1;
  passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
  failed += playwright.stats.unexpected ?? 0;
  skipped += playwright.stats.skipped ?? 0;
  failed += playwright.errors?.length ?? 0;
}

if (exitStatus !== 0 && failed === 0) failed = 1;
if (reports === 0 && exitStatus === 0) failed += 1; // no runner reported anything: treat as a failure
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
