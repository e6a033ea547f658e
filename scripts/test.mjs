// npm test: set up, build, then run every suite (native CTest, Vitest for
// the module, the npm tarball and the playground in Chromium) and end with
// one line "N passed, N failed" summed over all of them.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from './build.mjs';
import { buildEnv, root, run } from './lib.mjs';
import { setup } from './setup.mjs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const native = path.join(root, 'build', 'native');

function suite(name, body) {
  console.log(`\n=== ${name} ===`);
  try {
    const counts = body();
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped ?? 0;
    console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed`);
  } catch (error) {
    // A suite that cannot run or report counts as one failure, never as zero tests.
    console.error(`${name}: ${error.message}`);
    totals.failed += 1;
  }
}

function nativeSuite() {
  run('cmake', ['-S', '.', '-B', native, '-DCMAKE_BUILD_TYPE=Release']);
  run('cmake', ['--build', native, '-j2']);
  const junit = path.join(native, 'junit.xml');
  rmSync(junit, { force: true });
  rmSync(path.join(native, 'accuracy-native.md'), { force: true });
  spawnSync('ctest', ['--output-on-failure', '-j2', '--output-junit', junit], { cwd: native, stdio: 'inherit' });
  const xml = readFileSync(junit, 'utf8');
  const attr = (key) => Number(new RegExp(`<testsuite[^>]*\\s${key}="(\\d+)"`).exec(xml)?.[1]);
  const tests = attr('tests'), failures = attr('failures'), skipped = attr('skipped') || 0;
  if (!Number.isFinite(tests) || tests === 0) throw new Error('CTest reported no tests');
  const table = path.join(native, 'accuracy-native.md');
  if (existsSync(table)) {
    console.log('\nWorst relative error against the MPFR oracle:');
    console.log('| case | means | relative scores | d_loss | g_loss | d grads | g grads |\n|---|---|---|---|---|---|---|');
    console.log([...new Set(readFileSync(table, 'utf8').trim().split('\n'))].sort().join('\n'));
  }
  return { passed: tests - failures - skipped, failed: failures, skipped };
}

function vitestSuite() {
  const report = path.join(root, 'build', 'vitest.json');
  rmSync(report, { force: true });
  spawnSync(process.execPath, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run',
    '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  { cwd: root, stdio: 'inherit', env: buildEnv });
  if (!existsSync(report)) throw new Error('Vitest wrote no report');
  const r = JSON.parse(readFileSync(report, 'utf8'));
  // A file that fails to load counts as a failure even with no test in it.
  const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  return { passed: r.numPassedTests, failed: r.numFailedTests + brokenFiles, skipped: r.numPendingTests + r.numTodoTests };
}

let built = true;
try {
  setup({ test: true });
  build();
} catch (error) {
  console.error(`setup/build failed: ${error.message}`);
  built = false;
  totals.failed += 1;
}
if (built) {
  suite('native (CTest)', nativeSuite);
  suite('JavaScript, package and browser (Vitest)', vitestSuite);
}
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exitCode = totals.failed > 0 ? 1 : 0;
