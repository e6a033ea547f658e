// The formulas of the chosen member of the family, as TeX with the live
// numbers filled in: one line per stage of the computation, so the
// step-by-step mode can point at each. Only numbers we format go into the
// TeX, never user text.
import type { LossKind, Normalization, Relativism } from './state';

export const STAGES = ['means', 'relative', 'sigmoid', 'loss', 'gradient'] as const;
export type Stage = (typeof STAGES)[number];

export interface Live {
  m: number; n: number;
  meanReal: number; meanFake: number; dLoss: number; gLoss: number;
  /** The highlighted sample, if any (its side, 1-based index and numbers). */
  sample: { side: 'real' | 'fake'; index: number; score: number; relative: number; dTerm: number; gTerm: number;
    dGrad: number; gGrad: number } | null;
}

export interface Line { stage: Stage; tex: string }

/** A number for TeX: 6 significant digits, exponents as × 10^k. */
export function texNumber(x: number): string {
  if (!Number.isFinite(x)) return '\\text{—}';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-4) {
    const [mant, exp] = x.toExponential(4).split('e');
    return `${mant}\\times 10^{${Number(exp)}}`;
  }
  return String(Number(x.toPrecision(6)));
}

const SIDE = { real: 'r', fake: 'f' } as const;

function relativeDefs(rel: Relativism): string {
  switch (rel) {
    case 'average': return 'a_i = r_i - \\mu_f, \\qquad b_j = f_j - \\mu_r';
    case 'centered': return 'c = \\tfrac12(\\mu_r + \\mu_f), \\quad a_i = r_i - c, \\quad b_j = f_j - c';
    case 'paired': return 'a_i = r_i - f_i, \\qquad b_i = f_i - r_i';
    case 'all-pairs': return 'd_{ij} = r_i - f_j \\quad\\text{for every pair } (i, j)';
    case 'none': return 'a_i = r_i, \\qquad b_j = f_j \\quad\\text{(standard GAN)}';
  }
}

/** One line per definition, so each fits a phone's width. */
function lossDefs(loss: LossKind): string[] {
  switch (loss) {
    case 'logistic':
      return ['\\ell_1(y) = -\\log\\sigma(y) = \\operatorname{softplus}(-y)',
        '\\ell_2(z) = -\\log(1-\\sigma(z)) = \\operatorname{softplus}(z)', '\\sigma(x) = \\frac{1}{1+e^{-x}}'];
    case 'least-squares': return ['\\ell_1(y) = (y - 1)^2', '\\ell_2(z) = (z + 1)^2'];
    case 'hinge': return ['\\ell_1(y) = \\max(0,\\, 1 - y)', '\\ell_2(z) = \\max(0,\\, 1 + z) \\quad\\text{(slope 0 at the kink)}'];
  }
}

function weights(norm: Normalization, rel: Relativism): string {
  if (rel === 'all-pairs') return norm === 'sum' ? 'k = \\frac{1}{mn}' : 'k = \\frac{1}{2mn}';
  switch (norm) {
    case 'pooled': return '\\alpha = \\beta = \\frac{1}{m + n}';
    case 'half-sum': return '\\alpha = \\frac{1}{2m}, \\qquad \\beta = \\frac{1}{2n}';
    case 'sum': return '\\alpha = \\frac{1}{m}, \\qquad \\beta = \\frac{1}{n}';
  }
}

function gradient(rel: Relativism): string {
  const l1 = "\\ell_1'", l2 = "\\ell_2'";
  switch (rel) {
    case 'average': return `\\frac{\\partial L_D}{\\partial r_k} = \\alpha\\, ${l1}(a_k) - \\frac{\\beta}{m} \\sum_j ${l2}(b_j)`;
    case 'centered': return `\\frac{\\partial L_D}{\\partial r_k} = \\alpha\\, ${l1}(a_k) - \\frac{1}{2m}\\Big(\\alpha \\sum_i ${l1}(a_i) + \\beta \\sum_j ${l2}(b_j)\\Big)`;
    case 'paired': return `\\frac{\\partial L_D}{\\partial r_k} = \\alpha\\, ${l1}(a_k) - \\beta\\, ${l2}(b_k)`;
    case 'all-pairs': return `\\frac{\\partial L_D}{\\partial r_k} = k \\sum_j \\big(${l1}(d_{kj}) - ${l2}(-d_{kj})\\big)`;
    case 'none': return `\\frac{\\partial L_D}{\\partial r_k} = \\alpha\\, ${l1}(r_k)`;
  }
}

export function formulaLines(rel: Relativism, loss: LossKind, norm: Normalization, live: Live | null): Line[] {
  const v = (x: number) => (live ? ` = ${texNumber(x)}` : '');
  const s = live?.sample ?? null;
  const lines: Line[] = [
    { stage: 'means', tex: `\\mu_r = \\frac{1}{m}\\sum_{i=1}^{m} r_i${v(live?.meanReal ?? 0)}` + (live ? `\\quad (m = ${live.m})` : '') },
    { stage: 'means', tex: `\\mu_f = \\frac{1}{n}\\sum_{j=1}^{n} f_j${v(live?.meanFake ?? 0)}` + (live ? `\\quad (n = ${live.n})` : '') },
    { stage: 'relative', tex: relativeDefs(rel) },
    ...lossDefs(loss).map((tex) => ({ stage: 'sigmoid' as const, tex })),
  ];
  if (rel === 'all-pairs') {
    lines.push({ stage: 'loss', tex: `L_D = k \\sum_{i,j} \\big(\\ell_1(d_{ij}) + \\ell_2(-d_{ij})\\big)${v(live?.dLoss ?? 0)}` });
    lines.push({ stage: 'loss', tex: `L_G = k \\sum_{i,j} \\big(\\ell_2(d_{ij}) + \\ell_1(-d_{ij})\\big)${v(live?.gLoss ?? 0)}` });
  } else {
    lines.push({ stage: 'loss', tex: `L_D = \\alpha \\sum_i \\ell_1(a_i) + \\beta \\sum_j \\ell_2(b_j)${v(live?.dLoss ?? 0)}` });
    lines.push({ stage: 'loss', tex: `L_G = \\alpha \\sum_i \\ell_2(a_i) + \\beta \\sum_j \\ell_1(b_j)${v(live?.gLoss ?? 0)}` });
  }
  lines.push({ stage: 'loss', tex: weights(norm, rel) });
  lines.push({ stage: 'gradient', tex: gradient(rel) });
  if (s) {
    const x = SIDE[s.side], k = s.index;
    // all-pairs reports each sample against the other side's mean, as average does.
    const rs = rel === 'all-pairs' ? (s.side === 'real' ? `r_{${k}} - \\mu_f` : `f_{${k}} - \\mu_r`) : `${s.side === 'real' ? 'a' : 'b'}_{${k}}`;
    lines.push({ stage: 'relative', tex: `\\text{${s.side} ${k}:}\\quad ${x}_{${k}} = ${texNumber(s.score)}, \\quad ${rs} = ${texNumber(s.relative)}` });
    lines.push({ stage: 'loss', tex: `\\text{its terms: in } L_D\\ ${texNumber(s.dTerm)}, \\text{ in } L_G\\ ${texNumber(s.gTerm)}` });
    lines.push({ stage: 'gradient', tex: `\\frac{\\partial L_D}{\\partial ${x}_{${k}}} = ${texNumber(s.dGrad)}, \\quad \\frac{\\partial L_G}{\\partial ${x}_{${k}}} = ${texNumber(s.gGrad)}` });
  }
  return lines;
}

/** Plain-language guide to each stage, for the step-by-step mode. */
export const STAGE_TEXT: Record<Stage, string> = {
  means: 'Step 1: average each side. The relativistic critic compares every sample with the other side\'s mean, marked as dashed lines on the strip plot.',
  relative: 'Step 2: relative scores. Each real score minus the mean fake score says how much more real it looks than an average fake; each fake score minus the mean real score, the reverse.',
  sigmoid: 'Step 3: squash. The logistic member turns each relative score into a probability with the sigmoid (the curve in the second chart); other members use a square or a hinge instead.',
  loss: 'Step 4: the losses. The discriminator pays ℓ₁ for real samples that do not beat the fakes and ℓ₂ for fakes that do; the generator pays the reverse. The bars show each sample\'s share.',
  gradient: 'Step 5: gradients. Through the means every score moves every term. The arrows on the strip plot point the way gradient descent would push each score: solid for the discriminator, dashed for the generator (on the fakes it controls).',
};
