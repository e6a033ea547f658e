// An independent high-precision oracle for the whole relativistic family of
// rc.losses (the definitions in cpp/family.hpp and the README), written straight from them
// with decimal.js. Nothing here uses a closed-form gradient: every gradient is
// a central finite difference of this file's own loss function, at 60 digits
// with a step of 1e-20 (truncation ~h^2 = 1e-40, rounding ~1e-60/h = 1e-40).
//
// detachMean is modelled literally: the loss is a function of the "subject"
// scores and of the "reference" scores (what a score is compared with: means,
// centre, partner). Without detach both move together; with detach only the
// subject moves, i.e. the reference is a constant during differentiation.
import { Decimal, decimalAt, exactDecimal, softplus, toDouble } from './oracle';

type Dec = Decimal;
type Ctor = Decimal.Constructor;

export const RELATIVISMS = ['average', 'centered', 'paired', 'all-pairs', 'none'] as const;
export const LOSSES = ['logistic', 'least-squares', 'hinge'] as const;
export const NORMALIZATIONS = ['pooled', 'half-sum', 'sum'] as const;
export type Relativism = (typeof RELATIVISMS)[number];
export type LossKind = (typeof LOSSES)[number];
export type Normalization = (typeof NORMALIZATIONS)[number];

export interface FamilyOptions {
  relativism?: Relativism; loss?: LossKind; normalization?: Normalization; detachMean?: boolean;
  weightsReal?: ArrayLike<number>; weightsFake?: ArrayLike<number>;
  temperature?: number; margin?: number;
  groupsReal?: ArrayLike<number>; groupsFake?: ArrayLike<number>;
}

export const PRECISION = 60;
const STEP = '1e-20';

interface Setting {
  C: Ctor; rel: Relativism; norm: Normalization; T: Dec; m0: Dec;
  f1: (y: Dec) => Dec; f2: (z: Dec) => Dec;
}

// f1 pushes its argument up, f2 pushes it down (spec, "Loss functions").
function lossFunctions(kind: LossKind, C: Ctor) {
  const one = new C(1), zero = new C(0);
  switch (kind) {
    case 'logistic': return { f1: (y: Dec) => softplus(y.neg()), f2: (z: Dec) => softplus(z) };
    case 'least-squares': return { f1: (y: Dec) => y.minus(one).pow(2), f2: (z: Dec) => z.plus(one).pow(2) };
    case 'hinge': return { f1: (y: Dec) => C.max(zero, one.minus(y)), f2: (z: Dec) => C.max(zero, one.plus(z)) };
  }
}

const total = (C: Ctor, xs: Dec[]) => xs.reduce((s, x) => s.plus(x), new C(0));
const wmean = (C: Ctor, x: Dec[], w: Dec[]) => total(C, x.map((xi, i) => xi.times(w[i]))).div(total(C, w));

export interface GroupOut {
  dLoss: Dec; gLoss: Dec; meanReal: Dec; meanFake: Dec;
  realRelative: Dec[]; fakeRelative: Dec[];
  dLossReal: Dec[]; dLossFake: Dec[]; gLossReal: Dec[]; gLossFake: Dec[];
  f1Args: Dec[]; f2Args: Dec[];          // every argument given to f1 / f2 (kink distances)
}

/** One group: subjects r, f; references refR, refF (equal to r, f unless detached); weights w, v. */
function evalGroup(s: Setting, r: Dec[], f: Dec[], refR: Dec[], refF: Dec[], w: Dec[], v: Dec[]): GroupOut {
  const { C, T, m0 } = s;
  const f1Args: Dec[] = [], f2Args: Dec[] = [];
  const f1 = (y: Dec) => { f1Args.push(y); return s.f1(y); };
  const f2 = (z: Dec) => { f2Args.push(z); return s.f2(z); };
  const Wr = total(C, w), Wf = total(C, v);
  const muR = wmean(C, refR, w), muF = wmean(C, refF, v);
  if (s.rel === 'all-pairs') {
    // Real terms compare subject r_i with reference f_j; fake terms subject f_j with reference r_i.
    const m = r.length, n = f.length;
    const dR = (i: number, j: number) => r[i].minus(refF[j]).div(T);     // d_ij / T, r_i the subject
    const dF = (i: number, j: number) => refR[i].minus(f[j]).div(T);     // d_ij / T, f_j the subject
    const zeros = (k: number) => Array.from({ length: k }, () => new C(0));
    const dLR = zeros(m), gLR = zeros(m), dLF = zeros(n), gLF = zeros(n);
    let dSum = new C(0), gSum = new C(0);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      const a = f1(dR(i, j).minus(m0)), b = f2(dF(i, j).neg().plus(m0));   // D: f1(d/T - m0) + f2(-d/T + m0)
      const c = f2(dR(i, j).plus(m0)), e = f1(dF(i, j).neg().minus(m0));   // G: f2(d/T + m0) + f1(-d/T - m0)
      const wv = w[i].times(v[j]);
      dSum = dSum.plus(wv.times(a.plus(b)));
      gSum = gSum.plus(wv.times(c.plus(e)));
      dLR[i] = dLR[i].plus(v[j].times(a)); gLR[i] = gLR[i].plus(v[j].times(c));
      dLF[j] = dLF[j].plus(w[i].times(b)); gLF[j] = gLF[j].plus(w[i].times(e));
    }
    const P = Wr.times(Wf);
    const k = s.norm === 'sum' ? new C(1).div(P) : new C(1).div(P.times(2));
    return {
      dLoss: k.times(dSum), gLoss: k.times(gSum), meanReal: muR, meanFake: muF,
      realRelative: r.map((x) => x.minus(muF)), fakeRelative: f.map((x) => x.minus(muR)),
      dLossReal: dLR.map((x) => x.div(Wf)), gLossReal: gLR.map((x) => x.div(Wf)),
      dLossFake: dLF.map((x) => x.div(Wr)), gLossFake: gLF.map((x) => x.div(Wr)), f1Args, f2Args,
    };
  }
  let A: Dec[], B: Dec[];
  switch (s.rel) {
    case 'average': A = r.map((x) => x.minus(muF)); B = f.map((x) => x.minus(muR)); break;
    case 'centered': {
      const c = muR.plus(muF).div(2);
      A = r.map((x) => x.minus(c)); B = f.map((x) => x.minus(c)); break;
    }
    case 'paired': A = r.map((x, i) => x.minus(refF[i])); B = f.map((x, i) => x.minus(refR[i])); break;
    default: A = r; B = f;                                            // 'none'
  }
  const y = A.map((x) => x.div(T)), z = B.map((x) => x.div(T));
  const dLossReal = y.map((x) => f1(x.minus(m0))), dLossFake = z.map((x) => f2(x.plus(m0)));
  const gLossReal = y.map((x) => f2(x.plus(m0))), gLossFake = z.map((x) => f1(x.minus(m0)));
  const one = new C(1);
  const [alpha, beta] = s.norm === 'pooled' ? [one.div(Wr.plus(Wf)), one.div(Wr.plus(Wf))]
    : s.norm === 'half-sum' ? [one.div(Wr.times(2)), one.div(Wf.times(2))] : [one.div(Wr), one.div(Wf)];
  const wsum = (t: Dec[], wt: Dec[]) => total(C, t.map((x, i) => x.times(wt[i])));
  return {
    dLoss: alpha.times(wsum(dLossReal, w)).plus(beta.times(wsum(dLossFake, v))),
    gLoss: alpha.times(wsum(gLossReal, w)).plus(beta.times(wsum(gLossFake, v))),
    meanReal: muR, meanFake: muF, realRelative: A, fakeRelative: B,
    dLossReal, dLossFake, gLossReal, gLossFake, f1Args, f2Args,
  };
}

export interface FamilyExact {
  dLoss: Dec; gLoss: Dec; meanReal: Dec; meanFake: Dec;
  realRelative: Dec[]; fakeRelative: Dec[];
  dLossReal: Dec[]; dLossFake: Dec[]; gLossReal: Dec[]; gLossFake: Dec[];
  groupDLoss: Dec[]; groupGLoss: Dec[]; groupMeanReal: Dec[]; groupMeanFake: Dec[];
  rewardReal: Dec[]; rewardFake: Dec[]; advantages: Dec[];
  dGradReal: Dec[]; dGradFake: Dec[]; gGradReal: Dec[]; gGradFake: Dec[];
  creditReal: Dec[]; creditFake: Dec[];
  /** The smallest distance of any f1 argument to 1 or f2 argument to -1 (hinge kinks, least-squares zeros). */
  kinkDistance: number;
}

/** The exact family outputs for double inputs (Float32 values count as widened doubles). */
export function familyOracle(real: ArrayLike<number>, fake: ArrayLike<number>, o: FamilyOptions = {},
                             { gradients = true } = {}): FamilyExact {
  const C = decimalAt(PRECISION);
  const ex = (x: number) => exactDecimal(x, C);
  const m = real.length, n = fake.length;
  const r = Array.from(real, ex), f = Array.from(fake, ex);
  const w = o.weightsReal ? Array.from(o.weightsReal, ex) : r.map(() => new C(1));
  const v = o.weightsFake ? Array.from(o.weightsFake, ex) : f.map(() => new C(1));
  const gr = o.groupsReal ? Array.from(o.groupsReal) : r.map(() => 0);
  const gf = o.groupsFake ? Array.from(o.groupsFake) : f.map(() => 0);
  const G = Math.max(...gr, ...gf) + 1;
  const members = (ids: number[], g: number) => ids.flatMap((id, i) => (id === g ? [i] : []));
  const idxR = Array.from({ length: G }, (_, g) => members(gr, g));
  const idxF = Array.from({ length: G }, (_, g) => members(gf, g));
  const s: Setting = {
    C, rel: o.relativism ?? 'average', norm: o.normalization ?? 'pooled',
    T: ex(o.temperature ?? 1), m0: ex(o.margin ?? 0), ...lossFunctions(o.loss ?? 'logistic', C),
  };
  const pick = (xs: Dec[], idx: number[]) => idx.map((i) => xs[i]);
  const evaluate = (rs: Dec[], fs: Dec[], rRef: Dec[], fRef: Dec[]) =>
    idxR.map((ir, g) => evalGroup(s, pick(rs, ir), pick(fs, idxF[g]), pick(rRef, ir), pick(fRef, idxF[g]),
      pick(w, ir), pick(v, idxF[g])));
  const meanOver = (xs: Dec[]) => total(C, xs).div(G);
  const base = evaluate(r, f, r, f);

  // Scatter per-group arrays back to sample order.
  const scatter = (len: number, idx: number[][], get: (g: GroupOut) => Dec[]) => {
    const out: Dec[] = new Array(len);
    base.forEach((g, k) => get(g).forEach((x, t) => { out[idx[k][t]] = x; }));
    return out;
  };
  const realOf = (get: (g: GroupOut) => Dec[]) => scatter(m, idxR, get);
  const fakeOf = (get: (g: GroupOut) => Dec[]) => scatter(n, idxF, get);
  const gLossFake = fakeOf((g) => g.gLossFake);
  const rewardFake = gLossFake.map((x) => x.neg());

  // Advantages: per group, over the fakes with weight > 0, (x - mean) / population std.
  const advantages = f.map(() => new C(0));
  for (const idx of idxF) {
    const live = idx.filter((j) => !v[j].isZero());
    // Equal rewards: std is exactly 0 (tested by equality, as (x + x) / 2 may round at 60 digits).
    if (live.length < 2 || live.every((j) => rewardFake[j].eq(rewardFake[live[0]]))) continue;
    const mean = total(C, live.map((j) => rewardFake[j])).div(live.length);
    const std = total(C, live.map((j) => rewardFake[j].minus(mean).pow(2))).div(live.length).sqrt();
    if (std.isZero()) continue;
    for (const j of live) advantages[j] = rewardFake[j].minus(mean).div(std);
  }

  // Central differences: overall gradient (of the mean over groups) and the
  // sample's own group gradient (for credits), from one pair of evaluations.
  const detach = o.detachMean === true;
  const h = new C(STEP);
  const grads = { dGradReal: [] as Dec[], dGradFake: [] as Dec[], gGradReal: [] as Dec[], gGradFake: [] as Dec[],
    dGroupReal: [] as Dec[], gGroupFake: [] as Dec[] };
  if (gradients) {
    for (const side of ['real', 'fake'] as const) {
      const len = side === 'real' ? m : n;
      for (let k = 0; k < len; k++) {
        const at = (sign: number) => {
          const rs = r.slice(), fs = f.slice();
          const xs = side === 'real' ? rs : fs;
          xs[k] = xs[k].plus(h.times(sign));
          return evaluate(rs, fs, detach ? r : rs, detach ? f : fs);
        };
        const plus = at(1), minus = at(-1);
        const diff = (get: (g: GroupOut) => Dec) =>
          meanOver(plus.map(get)).minus(meanOver(minus.map(get))).div(h.times(2));
        const gid = side === 'real' ? gr[k] : gf[k];
        const own = (get: (g: GroupOut) => Dec) => get(plus[gid]).minus(get(minus[gid])).div(h.times(2));
        if (side === 'real') {
          grads.dGradReal.push(diff((g) => g.dLoss)); grads.gGradReal.push(diff((g) => g.gLoss));
          grads.dGroupReal.push(own((g) => g.dLoss));
        } else {
          grads.dGradFake.push(diff((g) => g.dLoss)); grads.gGradFake.push(diff((g) => g.gLoss));
          grads.gGroupFake.push(own((g) => g.gLoss));
        }
      }
    }
  }
  // Credits: -N_g times the sample's own group gradient, N_g = m_g + n_g samples (weight 0 included).
  const Ng = (g: number) => idxR[g].length + idxF[g].length;
  const distances = base.flatMap((g) => [...g.f1Args.map((a) => a.minus(1).abs()), ...g.f2Args.map((a) => a.plus(1).abs())]);
  return {
    dLoss: meanOver(base.map((g) => g.dLoss)), gLoss: meanOver(base.map((g) => g.gLoss)),
    meanReal: wmean(C, r, w), meanFake: wmean(C, f, v),
    realRelative: realOf((g) => g.realRelative), fakeRelative: fakeOf((g) => g.fakeRelative),
    dLossReal: realOf((g) => g.dLossReal), dLossFake: fakeOf((g) => g.dLossFake),
    gLossReal: realOf((g) => g.gLossReal), gLossFake,
    groupDLoss: base.map((g) => g.dLoss), groupGLoss: base.map((g) => g.gLoss),
    groupMeanReal: base.map((g) => g.meanReal), groupMeanFake: base.map((g) => g.meanFake),
    rewardReal: realOf((g) => g.dLossReal).map((x) => x.neg()), rewardFake, advantages,
    dGradReal: grads.dGradReal, dGradFake: grads.dGradFake, gGradReal: grads.gGradReal, gGradFake: grads.gGradFake,
    creditReal: grads.dGroupReal.map((x, i) => x.times(-Ng(gr[i]))),
    creditFake: grads.gGroupFake.map((x, j) => x.times(-Ng(gf[j]))),
    kinkDistance: distances.length ? toDouble(C.min(...distances)) : Infinity,
  };
}

export type FamilyNumbers = { [K in keyof FamilyExact]: FamilyExact[K] extends Dec[] ? Float64Array : number };

/** The oracle's values as the nearest doubles. */
export function toNumbers(e: FamilyExact): FamilyNumbers {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(e)) {
    out[k] = Array.isArray(x) ? Float64Array.from(x, toDouble) : typeof x === 'number' ? x : toDouble(x);
  }
  return out as FamilyNumbers;
}
