// Published implementations' own formulas, each written out here in plain
// doubles exactly as its source states it (not through family-oracle.ts), and
// the option combination of rc.losses that must reproduce it. Inputs are
// small (|x| < 5), where log1p/exp in doubles are good to ~1e-15, so the
// usual tolerance 1e-12 |x| + 1e-15 applies.
import { beforeAll, describe, expect, test } from 'vitest';
import { init } from '../../dist/node.js';
import { rng } from './prng';
import { callLosses, close } from './family-compare';

let rc: unknown;
beforeAll(async () => { rc = await init(); });
const run = (real: number[], fake: number[], o: object) => callLosses(rc, real, fake, o);

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const relu = (x: number) => Math.max(0, x);
// torch.nn.BCEWithLogitsLoss per element: target 1 -> softplus(-x), target 0 -> softplus(x)
const bce = (x: number, target: 0 | 1) => (target === 1 ? softplus(-x) : softplus(x));

const g = rng(2024);
const r = g.normals(5, 0.8, 1.3), f = g.normals(3, -0.4, 1.3);   // m != n
const muR = mean(r), muF = mean(f);

function expectClose(got: unknown, want: number, what: string) {
  expect(typeof got, what).toBe('number');
  expect(close(got as number, want), `${what}: got ${got}, want ${want}`).toBe(true);
}
function expectVec(got: unknown, want: number[], what: string, tol?: number) {
  const a = Array.from(got as Float64Array);
  expect(a.length, what).toBe(want.length);
  a.forEach((x, i) => expect(tol === undefined ? close(x, want[i]) : Math.abs(x - want[i]) <= tol,
    `${what}[${i}]: got ${x}, want ${want[i]}`).toBe(true));
}

describe('AlexiaJM/RelativisticGAN (official code): half-sum, means over the batch', () => {
  test('RaSGAN: errD = (BCE(y_r - mean(y_f), 1) + BCE(y_f - mean(y_r), 0)) / 2', () => {
    const errD = (mean(r.map((x) => bce(x - muF, 1))) + mean(f.map((x) => bce(x - muR, 0)))) / 2;
    const errG = (mean(r.map((x) => bce(x - muF, 0))) + mean(f.map((x) => bce(x - muR, 1)))) / 2;
    const got = run(r, f, { normalization: 'half-sum' });
    expectClose(got.dLoss, errD, 'dLoss'); expectClose(got.gLoss, errG, 'gLoss');
  });
  test('RaLSGAN: errD = (mean((y_r - mean(y_f) - 1)^2) + mean((y_f - mean(y_r) + 1)^2)) / 2', () => {
    const errD = (mean(r.map((x) => (x - muF - 1) ** 2)) + mean(f.map((x) => (x - muR + 1) ** 2))) / 2;
    const errG = (mean(r.map((x) => (x - muF + 1) ** 2)) + mean(f.map((x) => (x - muR - 1) ** 2))) / 2;
    const got = run(r, f, { loss: 'least-squares', normalization: 'half-sum' });
    expectClose(got.dLoss, errD, 'dLoss'); expectClose(got.gLoss, errG, 'gLoss');
  });
  test('RaHingeGAN: errD = (mean(relu(1 - (y_r - mean(y_f)))) + mean(relu(1 + (y_f - mean(y_r))))) / 2', () => {
    const errD = (mean(r.map((x) => relu(1 - (x - muF)))) + mean(f.map((x) => relu(1 + (x - muR))))) / 2;
    const errG = (mean(r.map((x) => relu(1 + (x - muF)))) + mean(f.map((x) => relu(1 - (x - muR))))) / 2;
    const got = run(r, f, { loss: 'hinge', normalization: 'half-sum' });
    expectClose(got.dLoss, errD, 'dLoss'); expectClose(got.gLoss, errG, 'gLoss');
  });
  test('RSGAN (paired): errD = BCE(y_r - y_f, 1), errG = BCE(y_f - y_r, 1)', () => {
    const rp = r.slice(0, 3);
    const errD = mean(rp.map((x, i) => bce(x - f[i], 1))), errG = mean(rp.map((x, i) => bce(f[i] - x, 1)));
    for (const normalization of ['pooled', 'half-sum']) {   // with m = n the two coincide here
      const got = run(rp, f, { relativism: 'paired', normalization });
      expectClose(got.dLoss, errD, `dLoss ${normalization}`); expectClose(got.gLoss, errG, `gLoss ${normalization}`);
    }
  });
  // The repository's notice: early RaSGAN/RaLSGAN code used "torch.mean(y_pred_fake) - y_pred"
  // instead of "y_pred_fake - torch.mean(y_pred)" in the fake term. The library must not.
  test('the classic sign mistake mean(y_f) - y_r is NOT what the library computes', () => {
    const right = (mean(r.map((x) => bce(x - muF, 1))) + mean(f.map((x) => bce(x - muR, 0)))) / 2;
    const wrong = (mean(r.map((x) => bce(x - muF, 1))) + mean(r.map((x) => bce(muF - x, 0)))) / 2;
    const got = run(r, f, { normalization: 'half-sum' });
    expectClose(got.dLoss, right, 'dLoss');
    expect(Math.abs((got.dLoss as number) - wrong)).toBeGreaterThan(1e-3);
    expectVec(got.fakeRelative, f.map((x) => x - muR), 'fakeRelative = y_f - mean(y_r)');
    const lsWrong = (mean(r.map((x) => (x - muF - 1) ** 2)) + mean(r.map((x) => (muF - x + 1) ** 2))) / 2;
    expect(Math.abs((run(r, f, { loss: 'least-squares', normalization: 'half-sum' }).dLoss as number) - lsWrong)).toBeGreaterThan(1e-3);
  });
});

describe('RaGAN paper equations (sum form: one expectation per term)', () => {
  test('L_D = E_r[-log s(C(x_r) - E C(x_f))] + E_f[-log(1 - s(C(x_f) - E C(x_r)))]', () => {
    const LD = mean(r.map((x) => -Math.log(sigmoid(x - muF)))) + mean(f.map((x) => -Math.log(1 - sigmoid(x - muR))));
    const LG = mean(f.map((x) => -Math.log(sigmoid(x - muR)))) + mean(r.map((x) => -Math.log(1 - sigmoid(x - muF))));
    const got = run(r, f, { normalization: 'sum' });
    expectClose(got.dLoss, LD, 'dLoss'); expectClose(got.gLoss, LG, 'gLoss');
  });
  test('math.md anchors, r=[1,2,3], f=[0.5,0]: pooled 0.187481, half-sum 0.183596, sum 0.367192', () => {
    const want = { pooled: 0.187481, 'half-sum': 0.183596, sum: 0.367192 };
    for (const [normalization, d] of Object.entries(want)) {
      expect(Math.abs((run([1, 2, 3], [0.5, 0], { normalization }).dLoss as number) - d), normalization).toBeLessThan(5e-7);
    }
  });
});

describe('R3GAN (relativistic pairing): D = softplus(-(r_i - f_i)), G = softplus(-(f_i - r_i)), batch mean', () => {
  test('losses and score gradients', () => {
    const rp = r.slice(0, 3);
    const D = mean(rp.map((x, i) => softplus(-(x - f[i])))), G = mean(rp.map((x, i) => softplus(-(f[i] - x))));
    const got = run(rp, f, { relativism: 'paired', gradients: true });
    expectClose(got.dLoss, D, 'dLoss'); expectClose(got.gLoss, G, 'gLoss');
    // d/dr_i mean softplus(f - r) = -s(f_i - r_i) / n; d/df_i = +s(f_i - r_i) / n
    const n = rp.length;
    expectVec(got.dGradReal, rp.map((x, i) => -sigmoid(f[i] - x) / n), 'dGradReal');
    expectVec(got.dGradFake, rp.map((x, i) => sigmoid(f[i] - x) / n), 'dGradFake');
    expectVec(got.gGradReal, rp.map((x, i) => sigmoid(x - f[i]) / n), 'gGradReal');
    expectVec(got.gGradFake, rp.map((x, i) => -sigmoid(x - f[i]) / n), 'gGradFake');
  });
  test('all pairs (unbiased Rp): D = mean over the m n pairs of softplus(f_j - r_i)', () => {
    const pairs = r.flatMap((x) => f.map((y) => softplus(y - x)));
    expectClose(run(r, f, { relativism: 'all-pairs' }).dLoss, mean(pairs), 'dLoss');
    expectClose(run(r, f, { relativism: 'all-pairs', normalization: 'sum' }).dLoss, 2 * mean(pairs), 'dLoss, sum');
  });
});

// BasicSR ESRGANModel: D step l_d_real = cri_gan(real - mean(fake.detach()), True) * 0.5,
// l_d_fake = cri_gan(fake - mean(real.detach()), False) * 0.5 (vanilla cri_gan = BCEWithLogits mean):
// half-sum RaSGAN with the other side's mean detached. G step: l_g_real uses real.detach() -
// mean(fake), so the fake gradient flows through mean(fake): NOT detached.
describe('ESRGAN / BasicSR', () => {
  test('discriminator step with detached means: value and score gradients', () => {
    const m = r.length, n = f.length;
    const got = run(r, f, { normalization: 'half-sum', detachMean: true, gradients: true });
    expectClose(got.dLoss, 0.5 * mean(r.map((x) => bce(x - muF, 1))) + 0.5 * mean(f.map((x) => bce(x - muR, 0))), 'dLoss');
    expectVec(got.dGradReal, r.map((x) => (-0.5 * sigmoid(-(x - muF))) / m), 'dGradReal');
    expectVec(got.dGradFake, f.map((x) => (0.5 * sigmoid(x - muR)) / n), 'dGradFake');
  });
  test('generator step: gradient on fakes includes the path through mean(fake)', () => {
    const m = r.length, n = f.length;
    const got = run(r, f, { normalization: 'half-sum', gradients: true });
    // d/df_l [0.5 mean_i bce(r_i - mean f, 0) + 0.5 mean_j bce(f_j - mean r, 1)]
    const cross = (0.5 / m) * r.reduce((t, x) => t + sigmoid(x - muF) * (-1 / n), 0);
    expectVec(got.gGradFake, f.map((x) => cross - (0.5 / n) * sigmoid(-(x - muR))), 'gGradFake');
  });
  test('math.md anchors (pooled, detached), r=[1,2,3], f=[0.5,0]', () => {
    const got = run([1, 2, 3], [0.5, 0], { detachMean: true, gradients: true });
    expectVec(got.dGradReal, [-0.064164, -0.029609, -0.012017], 'dGradReal', 5e-7);
    expectVec(got.dGradFake, [0.036485, 0.023841], 'dGradFake', 5e-7);
    const attached = run([1, 2, 3], [0.5, 0], { gradients: true });   // math.md: cross terms included
    expectVec(attached.dGradReal, [-0.084273, -0.049718, -0.032126], 'dGradReal attached', 5e-7);
    expectVec(attached.dGradFake, [0.089381, 0.076736], 'dGradFake attached', 5e-7);
  });
});

// The spec's hinge subgradient at the kink is 0. r=[2,2], f=[1,0], pooled (alpha = beta = 1/4):
// A = [1.5, 1.5] (D real terms inactive), B = [-1, -2]: B_0 = -1 sits exactly on f2's kink,
// B_1 inactive, so every D term is 0 with slope 0 -> dLoss = 0 and all D gradients 0
// (with slope 1 at the kink dD/df_0 would be 1/4). G: f2(A) = 1 + A and f1(B) = 1 - B all
// active: gLoss = (2.5 + 2.5 + 2 + 3)/4 = 2.5, dG/dr_k = 1/4 + (1/4)(2)(1/2) = 1/2, dG/df_l = -1/2.
test('hinge at the kink: subgradient 0 (hand-derived)', () => {
  const got = run([2, 2], [1, 0], { loss: 'hinge', gradients: true, perSample: true });
  expectClose(got.dLoss, 0, 'dLoss'); expectClose(got.gLoss, 2.5, 'gLoss');
  expectVec(got.dGradReal, [0, 0], 'dGradReal'); expectVec(got.dGradFake, [0, 0], 'dGradFake');
  expectVec(got.gGradReal, [0.5, 0.5], 'gGradReal'); expectVec(got.gGradFake, [-0.5, -0.5], 'gGradFake');
  expectVec(got.dLossFake, [0, 0], 'dLossFake');
  // the same kink reached through a margin 0.25: f=[0.75, -0.25] -> B + m0 = [-1, -2],
  // A - m0 = [1.5, 1.5]: again every D term is 0 with slope 0
  const m = run([2, 2], [0.75, -0.25], { loss: 'hinge', margin: 0.25, gradients: true });
  expectClose(m.dLoss, 0, 'dLoss with margin');
  expectVec(m.dGradReal, [0, 0], 'dGradReal with margin'); expectVec(m.dGradFake, [0, 0], 'dGradFake with margin');
});
