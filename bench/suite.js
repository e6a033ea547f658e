// The benchmark itself, the same in Node and in the browser: for each size,
// this package (Float64Array in, with and without gradients, Float32Array
// in), the plain-JS baseline, TF.js on its cpu and wasm backends, and the
// memory-stream bound (copy one double in, one out, per score).
import { plainLosses } from './baseline.js';
import { compare, scores, SIZES } from './harness.js';
import { tfLosses } from './tfjs.js';

// A benchmark of wrong answers proves nothing: every implementation must
// compute the package's losses. TF.js works in float32, whose sums drift
// with the size (0.7% at 1e7 scores a side here); its error is reported.
function agree(name, got, want) {
  const err = Math.max(Math.abs(got.dLoss - want.dLoss) / Math.abs(want.dLoss),
    Math.abs(got.gLoss - want.gLoss) / Math.abs(want.gLoss));
  if (err > (name.startsWith('tf') ? 0.05 : 1e-9)) {
    throw new Error(`${name} disagrees: d ${got.dLoss} vs ${want.dLoss}, g ${got.gLoss} vs ${want.gLoss}`);
  }
  return err;
}

/** Runs every size; `log` receives progress lines; returns rows, memory figures and TF.js errors. */
export async function runSuite(rc, tf, { sizes = SIZES, log = () => {}, yieldEach } = {}) {
  const rows = [];
  const memory = [];
  const errors = {};  // worst relative error of each implementation's losses
  for (const size of sizes) {
    const real = scores(size, 1, 1), fake = scores(size, -0.5, 2);
    const real32 = Float32Array.from(real), fake32 = Float32Array.from(fake);
    const sinkR = new Float64Array(size), sinkF = new Float64Array(size);
    const want = rc.losses(real, fake);
    errors.js = Math.max(errors.js ?? 0, agree('plain JS', plainLosses(real, fake), want));
    const perCall = 2 * size;
    const big = size >= 1e6;
    log(`size ${size}: this package, plain JS, memory bound`);
    rc.losses(real, fake, { gradients: true });  // the largest call sizes the heap first
    const before = rc.memoryBytes();
    const times = await compare({
      wasm: () => rc.losses(real, fake),
      wasmGrad: () => rc.losses(real, fake, { gradients: true }),
      wasmF32: () => rc.losses(real32, fake32),
      js: () => plainLosses(real, fake),
      stream: () => { sinkR.set(real); sinkF.set(fake); },
    }, perCall, { rounds: size >= 1e7 ? 5 : 9, target: big ? 1 : 25, warmup: big ? 1 : 5, warmupMs: big ? 0 : 150, yieldEach });
    if (size >= 1e7) {
      const inOut = (bytes) => bytes;
      memory.push({
        size, heapBytes: rc.memoryBytes(), grewDuringRuns: rc.memoryBytes() !== before,
        // Inputs plus outputs of the largest call made: gradients, Float64Array in.
        ioBytes: inOut(8 * perCall + 8 * (4 + 3 * perCall)),
      });
    }
    if (tf) {
      for (const backend of ['cpu', 'wasm']) {
        tf.setBackend(backend);
        const err = agree(`tf-${backend}`, tfLosses(tf, real32, fake32), want);
        (errors[`tf-${backend}`] ??= {})[size] = err;
      }
      log(`size ${size}: TF.js cpu and wasm`);
      Object.assign(times, await compare({
        'tf-cpu': () => { tf.setBackend('cpu'); tfLosses(tf, real32, fake32); },
        'tf-wasm': () => { tf.setBackend('wasm'); tfLosses(tf, real32, fake32); },
      }, perCall, { rounds: size >= 1e7 ? 1 : size >= 1e6 ? 3 : 7, target: big ? 1 : 25, warmup: 1, warmupMs: big ? 0 : 150, yieldEach }));
    }
    rows.push({ size, times });
  }
  return { rows, memory, errors };
}
