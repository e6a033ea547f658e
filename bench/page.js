// The browser side of npm run bench: the same suite as Node, in the page.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { init } from '../dist/index.js';
import { COLUMNS, SIZES, table } from './harness.js';
import { groupsLine, runGroups } from './groups.js';
import { runSuite } from './suite.js';

const log = (line) => { document.getElementById('log').textContent += `${line}\n`; };
const params = new URLSearchParams(location.search);
const quick = params.has('quick');

window.benchResult = (async () => {
  const rc = await init();
  setWasmPaths(params.get('tfwasm'));
  await tf.setBackend('wasm');
  await tf.setBackend('cpu');
  const { rows, memory } = await runSuite(rc, tf, {
    sizes: quick ? [8, 1e3, 1e5] : SIZES, log,
    yieldEach: () => new Promise((resolve) => setTimeout(resolve, 0)),
  });
  const groups = groupsLine(await runGroups(rc, { yieldEach: () => new Promise((resolve) => setTimeout(resolve, 0)) }));
  const text = `${table(rows, COLUMNS.filter((c) => c.key !== 'native'))}\n\n${groups}`;
  document.getElementById('table').textContent = text;
  return { text, memory, userAgent: navigator.userAgent };
})();
