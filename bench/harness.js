// Timing shared by the Node and browser benchmarks: warm up, then rounds in
// which every implementation runs once in turn (so a noisy moment hits all
// of them alike), and the median per implementation.
const now = () => performance.now();

export const SIZES = [8, 1e3, 1e5, 1e6, 1e7];

/** Seeded normal scores, so every run and every implementation sees the same data. */
export function scores(count, mean, seed) {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    out[i] = mean + Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  }
  return out;
}

/** Calls per sample so that one sample lasts about `target` ms. */
function calibrate(fn, target) {
  let reps = 1;
  for (;;) {
    const t0 = now();
    for (let r = 0; r < reps; r++) fn();
    const elapsed = now() - t0;
    if (elapsed >= target || reps >= 1 << 20) return Math.max(1, Math.round(reps * target / Math.max(elapsed, 1e-3)));
    reps *= 4;
  }
}

/**
 * Median ns per score of each implementation, for `perCall` scores per call.
 * `impls` maps a name to a zero-argument function; `rounds` samples each.
 */
export async function compare(impls, perCall, { rounds = 7, target = 25, warmup = 3, warmupMs = 150, yieldEach } = {}) {
  const names = Object.keys(impls);
  const reps = {};
  for (const name of names) {
    // Long enough for V8 to move hot code from its baseline tier (Liftoff,
    // Sparkplug) to the optimising one.
    const t0 = now();
    for (let w = 0; w < warmup || now() - t0 < warmupMs; w++) impls[name]();
    reps[name] = calibrate(impls[name], target);
  }
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const t0 = now();
      for (let r = 0; r < reps[name]; r++) impls[name]();
      samples[name].push(((now() - t0) * 1e6) / (reps[name] * perCall));
      if (yieldEach) await yieldEach();
    }
  }
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  return Object.fromEntries(names.map((name) => [name, median(samples[name])]));
}

const fmt = (x) => (x === undefined ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ratio = (x) => (x === undefined ? '—' : `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}x`);

/** The markdown table: ns per score per implementation, then speed-ups of this package. */
export function table(rows, columns) {
  const head = ['scores a side', ...columns.map((c) => c.title), 'vs plain JS', 'vs TF.js wasm', 'gradients cost'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---:').join('|')}|`];
  for (const row of rows) {
    const t = row.times;
    const cells = columns.map((c) => fmt(t[c.key]));
    lines.push(`| ${row.size.toLocaleString('en-US')} | ${cells.join(' | ')} | ${ratio(t.js / t.wasm)} | ${ratio(t['tf-wasm'] / t.wasm)} | ${ratio(t.wasmGrad / t.wasm)} |`);
  }
  return lines.join('\n');
}

export const COLUMNS = [
  { key: 'wasm', title: 'relativistic-critic' },
  { key: 'wasmGrad', title: '+ gradients' },
  { key: 'wasmF32', title: 'Float32Array in' },
  { key: 'js', title: 'plain JS' },
  { key: 'tf-cpu', title: 'TF.js cpu' },
  { key: 'tf-wasm', title: 'TF.js wasm' },
  { key: 'native', title: 'native C++' },
  { key: 'stream', title: 'memory bound' },
];
