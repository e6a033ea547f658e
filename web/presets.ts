// One-click regimes of a relativistic critic, each with data small enough to
// read in the table and an explanation of what the losses do there. All use
// the seed member (average, logistic, pooled), which the explanations assume.
import type { AppState } from './state';

export interface Preset {
  id: string;
  title: string;
  explanation: string;
  state: Partial<AppState>;
}

function preset(id: string, title: string, explanation: string, real: number[], fake: number[], extra: Partial<AppState> = {}): Preset {
  return {
    id,
    title,
    explanation,
    state: {
      data: { kind: 'values', real, fake },
      relativism: 'average',
      loss: 'logistic',
      normalization: 'pooled',
      focus: null, // an old highlight may not exist in the new data
      ...extra,
      preset: id,
    },
  };
}

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null) {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

// Frozen: applying a preset shares these arrays with the page state.
export const PRESETS: readonly Preset[] = deepFreeze([
  preset(
    'd-winning',
    'Discriminator winning',
    'Every real scores far above every fake, so the relative scores are about ±6 and each discriminator term is near softplus(−6) ≈ 0.0025. ' +
      'Each generator term is about 6 with a gradient near full strength (σ(6) ≈ 0.998), so the generator still gets a strong signal.',
    [3.42, 2.71, 3.08, 2.45, 3.63, 2.94, 3.21, 2.56],
    [-2.62, -3.35, -2.88, -3.51, -2.47, -3.14, -2.79, -3.24],
  ),
  preset(
    'g-winning',
    'Generator winning',
    'Every fake scores above every real, so each fake relative score fⱼ − mean(r) is positive and the discriminator loss is well above log 2. ' +
      'Its gradients are near full strength, pushing the fakes down and the reals up, while the generator loss is small.',
    [-1.22, -0.64, -1.41, -0.87, -1.05, -0.58, -1.33, -0.93],
    [1.84, 1.27, 1.56, 2.03, 1.12, 1.71, 1.38, 1.95],
  ),
  preset(
    'equilibrium',
    'Equilibrium',
    'Both sides come from the same distribution, so the relative scores scatter around 0, where each softplus term is log 2 ≈ 0.693. ' +
      'Both losses sit near log 2 (a little above, as softplus curves upward; near 2 log 2 with sum normalisation), and every term’s gradient is near half strength, σ(0) = 0.5.',
    [0.12, -0.31, 0.42, -0.1, 0.22, -0.45, 0.03, 0.27],
    [-0.24, 0.36, -0.04, 0.17, -0.4, 0.1, 0.49, -0.19],
  ),
  preset(
    'mode-collapse',
    'Mode collapse',
    'Every fake has (nearly) the same score while the reals spread out, so the fake relative scores fⱼ − mean(r) are (nearly) all equal. ' +
      'The generator’s gradient is then the same for every fake: it pushes them all the same way, and nothing in the loss tells one fake from another.',
    [1.85, 0.42, 2.73, -0.36, 1.21, 3.14, 0.08, 2.26],
    [0.51, 0.52, 0.5, 0.51, 0.53, 0.5, 0.52, 0.51],
  ),
  preset(
    'outlier',
    'One outlier',
    'One real score of 40 lifts mean(r) from about 0.99 to about 5.87, so every fake’s relative score fⱼ − mean(r) drops by the same 4.88. ' +
      'The discriminator’s fake terms now look solved and every generator fake term grows, although no fake score changed.',
    [0.92, 1.15, 0.78, 1.04, 0.87, 1.21, 0.96, 40],
    [-0.35, 0.12, -0.58, 0.04, -0.21, 0.27, -0.44, -0.09],
    { focus: { side: 'real', index: 7 } },
  ),
  preset(
    'unequal',
    'Unequal sizes',
    'With pooled normalisation every term weighs 1/(m + n) = 1/27, so the 24 fakes hold 24/27 ≈ 89% of the weight in each loss and the 3 reals only 11%. ' +
      'Half-sum normalisation gives each side half, whatever its size: 1/6 per real and 1/48 per fake.',
    [1.24, 0.67, 1.58],
    [
      -0.42, -0.81, -0.13, -0.67, -0.29, -0.95, -0.5, -0.06, -0.74, -0.38, -0.59, -0.22,
      -0.88, -0.47, -0.16, -0.63, -0.34, -0.71, -0.09, -0.55, -0.26, -0.92, -0.44, -0.61,
    ],
  ),
  preset(
    'sign-mistake',
    'The sign mistake',
    'A common slip in hand-written RaGAN code is the discriminator fake term softplus(mean(f) − rᵢ) in place of softplus(fⱼ − mean(r)); the playground computes the correct one. ' +
      'The mistaken term is the real term over again, taken over the reals, so the discriminator is only rewarded for lifting reals above the fake average. ' +
      'The fakes enter only through mean(f), so every fake gets the same gradient and the one that looks most real (1.2 here) is never singled out.',
    [1.6, 2.3, 0.9, 1.8],
    [0.4, -0.7, 1.2, -0.2],
  ),
]);
