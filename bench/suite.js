// The benchmark itself, the same in Node and in the browser: for each size,
// this package (Float64Array in, with and without gradients, Float32Array
// in), the plain-JS baseline, TF.js on its cpu and wasm backends, and the
// memory-stream bound (copy one double in, one out, per score).
import { plainLosses } from './baseline.js';
import { compare, scores, SIZES } from './harness.js';
import { tfLosses } from './tfjs.js';

function agree(name, got, want) {
  // A benchmark of wrong answers proves nothing: every implementation must
  // give the package's losses (TF.js to float32 precision).
  const tol = name.startsWith('tf') ? 1e-4 : 1e-9;
  if (Math.abs(got.dLoss - want.dLoss) > tol * Math.abs(want.dLoss) || Math.abs(got.gLoss - want.gLoss) > tol * Math.abs(want.gLoss)) {
    throw new Error(`${name} disagrees: d ${got.dLoss} vs ${want.dLoss}, g ${got.gLoss} vs ${want.gLoss}`);
  }
}

/** Runs every size; `log` receives progress lines; returns rows and memory figures. */
export async function runSuite(rc, tf, { sizes = SIZES, log = () => {}, yieldEach } = {}) {
  const rows = [];
  const memory = [];
  for (const size of sizes) {
    const real = scores(size, 1, 1), fake = scores(size, -0.5, 2);
    const real32 = Float32Array.from(real), fake32 = Float32Array.from(fake);
    const sinkR = new Float64Array(size), sinkF = new Float64Array(size);
    const want = rc.losses(real, fake);
    agree('plain JS', plainLosses(real, fake), want);
    const perCall = 2 * size;
    const big = size >= 1e6;
    log(`size ${size}: this package, plain JS, memory bound`);
    const before = rc.memoryBytes();
    const times = await compare({
      wasm: () => rc.losses(real, fake),
      wasmGrad: () => rc.losses(real, fake, { gradients: true }),
      wasmF32: () => rc.losses(real32, fake32),
      js: () => plainLosses(real, fake),
      stream: () => { sinkR.set(real); sinkF.set(fake); },
    }, perCall, { rounds: size >= 1e7 ? 5 : 9, target: big ? 1 : 25, warmup: big ? 1 : 5, yieldEach });
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
        agree(`tf-${backend}`, tfLosses(tf, real32, fake32), want);
      }
      log(`size ${size}: TF.js cpu and wasm`);
      Object.assign(times, await compare({
        'tf-cpu': () => { tf.setBackend('cpu'); tfLosses(tf, real32, fake32); },
        'tf-wasm': () => { tf.setBackend('wasm'); tfLosses(tf, real32, fake32); },
      }, perCall, { rounds: size >= 1e7 ? 1 : size >= 1e6 ? 3 : 7, target: big ? 1 : 25, warmup: 1, yieldEach }));
    }
    rows.push({ size, times });
  }
  return { rows, memory };
}
