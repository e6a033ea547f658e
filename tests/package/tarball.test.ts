// The npm tarball as a new user gets it: packed, installed into an empty
// folder, imported by name from ESM, `node -e` and TypeScript.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAndInstall, root } from './pack.js';

let consumer: string;
let files: string[];

const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: consumer, encoding: 'utf8' });

beforeAll(() => {
  ({ consumer, files } = packAndInstall());
});

afterAll(() => rmSync(consumer, { recursive: true, force: true }));

describe('the npm tarball', () => {
  it('ships the wrapper, its types, the glue and the wasm, and nothing else', () => {
    expect(files).toEqual(expect.arrayContaining(['package.json', 'dist/index.js', 'dist/node.js', 'dist/index.d.ts',
      'dist/relativistic_critic.mjs', 'dist/relativistic_critic.wasm', 'dist/relativistic_critic.d.mts']));
    expect(files.filter((f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(f))).toEqual([]);
    expect(readdirSync(path.join(consumer, 'node_modules', 'relativistic-critic', 'dist'))).toContain('relativistic_critic.wasm');
  });

  it('gives the seed example from an ESM import of the package name', () => {
    writeFileSync(path.join(consumer, 'example.mjs'), `
      import { init } from 'relativistic-critic';
      const rc = await init();
      const again = await init();
      const out = rc.losses([2, 1.5, 1.8], [0.5, 0.3, 0.1], { gradients: true });
      const ref = rc.reference([2, 1.5, 1.8], [0.5, 0.3, 0.1]);
      console.log(JSON.stringify({ same: rc === again, d: out.dLoss, g: out.gLoss,
        grads: out.dGradReal.length + out.gGradFake.length, ref }));
    `);
    const result = JSON.parse(node(['example.mjs']));
    expect(result.same).toBe(true);
    expect(result.d.toFixed(6)).toBe('0.210218');
    expect(result.g.toFixed(6)).toBe('1.676885');
    expect(result.grads).toBe(6);
    expect(result.ref).toEqual({ d_loss: 0.210218, g_loss: 1.676885,
      real_relative: [1.7, 1.2, 1.5], fake_relative: [-1.266667, -1.466667, -1.666667] });
  });

  it('works from node -e and reports every kind of bad input clearly', () => {
    const script = `import('relativistic-critic').then(async ({ init }) => {
      const rc = await init();
      const tries = [['x', [1]], [[], [1]], [[1, 'a'], [1]], [[1], [0, NaN]], [[1], new Float64Array([1, Infinity])],
        [[1, [2]], [1]], [[1], [null]], [new Int32Array([1]), [1]]];
      const errors = tries.map(([r, f]) => { try { rc.losses(r, f); return 'no error'; } catch (e) { return e.name + ': ' + e.message; } });
      console.log(JSON.stringify({ errors, after: rc.losses([2, 1.5, 1.8], [0.5, 0.3, 0.1]).dLoss }));
    });`;
    const { errors, after } = JSON.parse(node(['-e', script]));
    expect(errors[0]).toMatch(/^TypeError: .*real must be an array of numbers, a Float64Array or a Float32Array/);
    expect(errors[1]).toMatch(/^RangeError: .*real must hold at least one score/);
    expect(errors[2]).toMatch(/^TypeError: .*real\[1\] must be a finite number, got the string "a"/);
    expect(errors[3]).toMatch(/^RangeError: .*fake\[1\] must be a finite number, got NaN/);
    expect(errors[4]).toMatch(/^RangeError: .*fake\[1\] must be a finite number, got Infinity/);
    expect(errors[5]).toMatch(/^TypeError: .*real\[1\] must be a finite number, got an array/);
    expect(errors[6]).toMatch(/^TypeError: .*fake\[0\] must be a finite number, got null/);
    expect(errors[7]).toMatch(/^TypeError: .*real must be an array of numbers.*Int32Array/);
    expect(after.toFixed(6)).toBe('0.210218');
  });

  it('type-checks a TypeScript consumer against the shipped declarations', () => {
    writeFileSync(path.join(consumer, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, types: [] },
      files: ['use.ts'],
    }));
    writeFileSync(path.join(consumer, 'use.ts'), `
      import { init, type LossesWithGradients, type SeedReference } from 'relativistic-critic';
      const rc = await init();
      const out: LossesWithGradients = rc.losses(new Float64Array([1]), [0], { gradients: true });
      const plain = rc.losses([1], new Float32Array([0]));
      // @ts-expect-error gradients are only typed when asked for
      plain.dGradReal.length;
      const ref: SeedReference = rc.reference([1], [0]);
      export const used: number = out.dGradReal[0] + ref.d_loss;
    `);
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    let diagnostics = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', '.'], { cwd: consumer, encoding: 'utf8' });
    } catch (error) {
      diagnostics = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(diagnostics).toBe('');
  });
});
