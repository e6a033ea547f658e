// npm run bench: builds, then prints the benchmark table for Node, the
// native column from Google Benchmark, memory and package size; then the
// same table from headless Chromium (bench/browser.mjs).
//   node bench/node.mjs [--quick] [--no-browser]
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { build } from '../scripts/build.mjs';
import { root, run } from '../scripts/lib.mjs';
import { COLUMNS, SIZES, table } from './harness.js';
import { groupsLine, runGroups } from './groups.js';
import { runSuite } from './suite.js';

const quick = process.argv.includes('--quick');
const sizes = quick ? [8, 1e3, 1e5] : SIZES;

build();
const benchDir = path.join(root, 'build', 'bench');
run('cmake', ['-S', '.', '-B', benchDir, '-DCMAKE_BUILD_TYPE=Release', '-DRC_BENCHMARKS=ON']);
run('cmake', ['--build', benchDir, '-j2', '--target', 'losses_bench']);

// Native: medians of 5 repetitions, ns per score.
const nativeRun = spawnSync(path.join(benchDir, 'losses_bench'), ['--benchmark_format=json',
  '--benchmark_repetitions=5', '--benchmark_report_aggregates_only=true'], { encoding: 'utf8', maxBuffer: 1 << 26 });
const native = {};
for (const b of JSON.parse(nativeRun.stdout).benchmarks) {
  if (b.aggregate_name !== 'median') continue;
  const [name, arg] = b.run_name.split('/');
  const key = { BM_Losses: 'native', BM_LossesGradients: 'nativeGrad', BM_Stream: 'nativeStream' }[name];
  (native[arg] ??= {})[key] = b.real_time / (2 * Number(arg));  // real_time is in ns
}

const { init } = await import('../dist/node.js');
const rc = await init();
setWasmPaths(`${path.join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist')}/`);
await tf.setBackend('wasm');
await tf.setBackend('cpu');

const started = new Date();
const { rows, memory, errors } = await runSuite(rc, tf, { sizes, log: (line) => console.error(line) });
const groupRun = await runGroups(rc);
for (const row of rows) Object.assign(row.times, { native: native[row.size]?.native, stream: row.times.stream });

// Every file a browser loads for `import { init } from 'relativistic-critic'` (index.js and what it imports).
const pkgFiles = ['index.js', 'core.js', 'errors.js', 'options.js', 'init.js', 'relativistic_critic.mjs', 'relativistic_critic.wasm'];
const gz = pkgFiles.map((f) => gzipSync(readFileSync(path.join(root, 'dist', f)), { level: 9 }).length);
const lines = [
  `Node ${process.version}, ${started.toISOString().slice(0, 10)}: median ns per score (lower is better)`,
  '',
  table(rows, COLUMNS),
  '',
  `Native C++ with gradients: ${rows.map((r) => `${r.size.toLocaleString('en-US')}: ${native[r.size]?.nativeGrad?.toFixed(2)}`).join(', ')} ns/score;`
  + ` native memory bound: ${rows.map((r) => native[r.size]?.nativeStream?.toFixed(2)).join(', ')} ns/score.`,
  ...memory.map((m) => `Memory at ${m.size.toLocaleString('en-US')} a side: wasm heap ${(m.heapBytes / 2 ** 20).toFixed(0)} MiB`
    + ` = ${(m.heapBytes / m.ioBytes).toFixed(2)}x the inputs plus outputs of the largest call`
    + ` (${(m.ioBytes / 2 ** 20).toFixed(0)} MiB); ${m.grewDuringRuns ? 'grew' : 'did not grow'} across the repeated calls.`),
  `Relative error of the losses against this package: plain JS ≤ ${errors.js.toExponential(1)};`
  + ` TF.js (float32) ${['cpu', 'wasm'].map((b) => `${b} ${Object.entries(errors[`tf-${b}`] ?? {}).map(([n, e]) => `${Number(n).toLocaleString('en-US')}: ${e.toExponential(1)}`).join(', ')}`).join('; ')}.`,
  groupsLine(groupRun),
  `Package size (JS + wasm a browser loads, gzip -9): ${gz.reduce((a, b) => a + b, 0).toLocaleString('en-US')} bytes = ${(gz.reduce((a, b) => a + b, 0) / 1024).toFixed(1)} KiB`
  + ` (${pkgFiles.map((f, i) => `${f} ${(gz[i] / 1024).toFixed(1)}`).join(', ')}).`,
];
console.log(lines.join('\n'));
mkdirSync(path.join(root, 'build'), { recursive: true });
writeFileSync(path.join(root, 'build', 'bench-node.md'), `${lines.join('\n')}\n`);

if (!process.argv.includes('--no-browser')) {
  run(process.execPath, [path.join(root, 'bench', 'browser.mjs'), ...(quick ? ['--quick'] : [])]);
  run(process.execPath, [path.join(root, 'bench', 'playground.mjs')]);
}
