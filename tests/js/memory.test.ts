// Memory of the fast path: no hidden copies in the wasm heap and no growth
// across repeated calls (sizes, not timings: nothing here is timed).
import { beforeAll, describe, expect, test } from 'vitest';
import { init } from '../../dist/node.js';

type Rc = Awaited<ReturnType<typeof init>>;
let rc: Rc;
beforeAll(async () => { rc = await init(); });

const size = 1e7;

describe('wasm heap at 1e7 scores a side', () => {
  test('stays under 2.2x the inputs plus outputs, and does not grow when repeated', () => {
    const real = new Float64Array(size), fake = new Float64Array(size);
    for (let i = 0; i < size; i++) { real[i] = Math.sin(i) + 1; fake[i] = Math.cos(i) - 0.5; }
    const first = rc.losses(real, fake, { gradients: true });
    // Inputs (2 x 8 bytes per score) and outputs (4 sums, relative scores and
    // four gradients: 5 x 8 bytes per score).
    const ioBytes = 8 * 2 * size + 8 * (4 + 5 * size);
    const heap = rc.memoryBytes();
    expect(heap).toBeLessThan(2.2 * ioBytes);
    for (let k = 0; k < 3; k++) rc.losses(real, fake, { gradients: true });
    rc.losses(real, fake);
    expect(rc.memoryBytes()).toBe(heap);
    // Float32Array input is copied as floats: the heap needs no more room.
    rc.losses(Float32Array.from(real.subarray(0, 1e6)), Float32Array.from(fake.subarray(0, 1e6)));
    expect(rc.memoryBytes()).toBe(heap);
    expect(first.dGradReal.length).toBe(size);
    expect(Number.isFinite(first.dLoss)).toBe(true);
  });
});
