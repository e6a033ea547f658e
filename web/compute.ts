// Everything the page shows, computed from the scores and the chosen member:
// the losses with gradients and per-sample terms, the standard GAN beside
// them, every relativism on the same data, the landscape and the seed's
// reference. Runs on the main thread for small data and in the worker for
// big data, so it takes the library instance and knows nothing of the DOM.
import type { RelativisticCritic, SeedReference } from 'relativistic-critic';
import { extent, range } from './canvas';
import type { LossKind, Normalization, Relativism } from './state';

export interface Member { relativism: Relativism; loss: LossKind; normalization: Normalization }

export interface Computed {
  member: Member;
  meanReal: number; meanFake: number; dLoss: number; gLoss: number;
  realRelative: Float64Array; fakeRelative: Float64Array;
  dGradReal: Float64Array; dGradFake: Float64Array; gGradReal: Float64Array; gGradFake: Float64Array;
  dLossReal: Float64Array; dLossFake: Float64Array; gLossReal: Float64Array; gLossFake: Float64Array;
  /** The same loss and normalisation without relativism. */
  standard: { dLoss: number; gLoss: number };
  /** Every relativism with this loss and normalisation, or why it cannot run here. */
  variants: { relativism: Relativism; dLoss: number; gLoss: number; note: string | null }[];
  reference: SeedReference | null;
  /** For the charts: the range of all scores (padded) and the largest |relative score|. */
  domain: [number, number];
  maxAbsRelative: number;
}

export const RELATIVISMS: readonly Relativism[] = ['average', 'centered', 'paired', 'all-pairs', 'none'];
/** all-pairs costs m·n terms; beyond this the page would stall. */
export const MAX_PAIRS = 200_000;
/** The seed's reference runs in plain loops and rounds to 6 decimals; cheap, but not free. */
const MAX_REFERENCE = 100_000;

export function pairsNote(rel: Relativism, m: number, n: number): string | null {
  if (rel === 'paired' && m !== n) return `paired needs as many real as fake scores (here ${m} and ${n})`;
  if (rel === 'all-pairs' && m * n > MAX_PAIRS) return `all-pairs would take ${(m * n).toExponential(1)} pairs; the playground stops at ${MAX_PAIRS.toLocaleString('en-GB')}`;
  return null;
}

export function compute(rc: RelativisticCritic, real: Float64Array, fake: Float64Array, member: Member): Computed {
  // all-pairs costs m·n terms: refuse what would stall the page (paired's sizes the library checks).
  const note = member.relativism === 'all-pairs' ? pairsNote(member.relativism, real.length, fake.length) : null;
  if (note) throw new RangeError(note);
  const main = rc.losses(real, fake, { ...member, gradients: true, perSample: true });
  const standard = rc.losses(real, fake, { relativism: 'none', loss: member.loss, normalization: member.normalization });
  const variants = RELATIVISMS.map((relativism) => {
    const note = pairsNote(relativism, real.length, fake.length);
    if (note) return { relativism, dLoss: NaN, gLoss: NaN, note };
    const r = relativism === member.relativism ? main
      : rc.losses(real, fake, { relativism, loss: member.loss, normalization: member.normalization });
    return { relativism, dLoss: r.dLoss, gLoss: r.gLoss, note: null };
  });
  const isSeed = member.relativism === 'average' && member.loss === 'logistic' && member.normalization === 'pooled';
  const [rLo, rHi] = range(main.realRelative, main.fakeRelative);
  const reference = isSeed && real.length + fake.length <= MAX_REFERENCE ? rc.reference(real, fake) : null;
  return {
    member, meanReal: main.meanReal, meanFake: main.meanFake, dLoss: main.dLoss, gLoss: main.gLoss,
    realRelative: main.realRelative, fakeRelative: main.fakeRelative,
    dGradReal: main.dGradReal, dGradFake: main.dGradFake, gGradReal: main.gGradReal, gGradFake: main.gGradFake,
    dLossReal: main.dLossReal, dLossFake: main.dLossFake, gLossReal: main.gLossReal, gLossFake: main.gLossFake,
    standard: { dLoss: standard.dLoss, gLoss: standard.gLoss }, variants, reference,
    domain: extent(real, fake), maxAbsRelative: Math.max(-rLo, rHi),
  };
}

export interface LandscapeData {
  shifts: Float64Array; dLoss: Float64Array; gLoss: Float64Array; standardD: Float64Array; standardG: Float64Array;
}

/** The shifts, symmetric around 0 (which is always one of them), wide enough to cross both sides. */
export function shifts(real: Float64Array, fake: Float64Array, points = 41): Float64Array {
  let lo = Infinity, hi = -Infinity;
  for (const a of [real, fake]) for (let i = 0; i < a.length; i++) { lo = Math.min(lo, a[i]!); hi = Math.max(hi, a[i]!); }
  const half = Math.max(3, 1.25 * (hi - lo));
  const k = (points - 1) / 2;
  return Float64Array.from({ length: points }, (_, t) => (half * (t - k)) / k);
}

/** Both losses, relativistic and standard, as every fake score moves by the same δ. */
export function landscape(rc: RelativisticCritic, real: Float64Array, fake: Float64Array, member: Member,
                          points = 41, progress?: (done: number, total: number) => void): LandscapeData {
  const xs = shifts(real, fake, points);
  const out = { shifts: xs, dLoss: new Float64Array(points), gLoss: new Float64Array(points),
    standardD: new Float64Array(points), standardG: new Float64Array(points) };
  const moved = new Float64Array(fake.length);
  const skip = pairsNote(member.relativism, real.length, fake.length) !== null;
  // A point the library refuses (a shift past its score range, a member too big) is NaN: not drawn.
  const at = (options: object) => {
    try { return rc.losses(real, moved, options); } catch { return { dLoss: NaN, gLoss: NaN }; }
  };
  for (let t = 0; t < points; t++) {
    for (let j = 0; j < fake.length; j++) moved[j] = fake[j]! + xs[t]!;
    const r = skip ? { dLoss: NaN, gLoss: NaN } : at(member);
    out.dLoss[t] = r.dLoss; out.gLoss[t] = r.gLoss;
    const s = at({ relativism: 'none', loss: member.loss, normalization: member.normalization });
    out.standardD[t] = s.dLoss; out.standardG[t] = s.gLoss;
    progress?.(t + 1, points);
  }
  return out;
}
