// The playground: parse both fields on every input event, compute the losses
// with the WebAssembly core, and show them (or say clearly why not).
import {
  init, type LossKind, type LossesWithGradients, type Normalization, type Relativism, type RelativisticCritic,
  type ScoreErrorFields, type SeedReference,
} from 'relativistic-critic';
import { formatNumber, parseScores, type ParseResult } from './parse';
import { drawPlot, type PlotData } from './plot';


const SEED_REAL = '2, 1.5, 1.8';
const SEED_FAKE = '0.5, 0.3, 0.1';
/** Table rows shown per side; the losses always use every score. */
const MAX_ROWS_PER_SIDE = 250;

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`missing #${id}`);
  return el as T;
}

const fields = {
  real: { input: byId<HTMLTextAreaElement>('real'), error: byId('real-error'), count: byId('real-count'), label: 'Real scores' },
  fake: { input: byId<HTMLTextAreaElement>('fake'), error: byId('fake-error'), count: byId('fake-count'), label: 'Fake scores' },
};
type Side = keyof typeof fields;

const selects = {
  relativism: byId('relativism') as HTMLSelectElement,
  loss: byId('loss') as HTMLSelectElement,
  normalization: byId('normalization') as HTMLSelectElement,
};

const out = {
  status: byId('status'),
  dLoss: byId<HTMLOutputElement>('d-loss'),
  gLoss: byId<HTMLOutputElement>('g-loss'),
  meanReal: byId('mean-real'),
  meanFake: byId('mean-fake'),
  seedNote: byId('seed-note'),
  body: byId<HTMLTableSectionElement>('samples-body'),
  truncated: byId<HTMLParagraphElement>('samples-truncated'),
  plot: byId<HTMLCanvasElement>('plot'),
  results: document.querySelector<HTMLElement>('.results')!,
};

let critic: RelativisticCritic | null = null;
let plotData: PlotData | null = null;

function setFieldError(side: Side, message: string | null): void {
  const f = fields[side];
  f.error.textContent = message ?? '';
  if (message === null) f.input.removeAttribute('aria-invalid');
  else f.input.setAttribute('aria-invalid', 'true');
}

function setCount(side: Side, parsed: ParseResult): void {
  const f = fields[side];
  if (parsed.ok) {
    const n = parsed.values.length;
    f.count.textContent = `${n.toLocaleString('en-GB')} ${n === 1 ? 'value' : 'values'}`;
  } else {
    f.count.textContent = '';
  }
}

/** Clears every number so nothing stale or NaN is ever on screen. */
function showNotApplicable(status: string): void {
  for (const el of [out.dLoss, out.gLoss, out.meanReal, out.meanFake]) el.textContent = '—';
  out.results.dataset.state = 'na';
  out.status.textContent = status;
  out.seedNote.textContent = '';
  out.body.replaceChildren(messageRow('Fix the scores above to see every sample.'));
  out.truncated.hidden = true;
  plotData = null;
  drawPlot(out.plot, null);
}

function messageRow(text: string): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.className = 'message';
  const td = document.createElement('td');
  td.colSpan = 5;
  td.textContent = text;
  tr.append(td);
  return tr;
}

function sampleRows(
  side: Side,
  scores: Float64Array,
  relative: ArrayLike<number>,
  dGrad: ArrayLike<number> | undefined,
  gGrad: ArrayLike<number> | undefined,
  fragment: DocumentFragment,
): void {
  const shown = Math.min(scores.length, MAX_ROWS_PER_SIDE);
  for (let i = 0; i < shown; i++) {
    const tr = document.createElement('tr');
    tr.className = side;
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = `${side} ${i + 1}`;
    tr.append(th);
    for (const v of [scores[i]!, relative[i]!, dGrad?.[i], gGrad?.[i]]) {
      const td = document.createElement('td');
      td.textContent = v === undefined ? '—' : formatNumber(v);
      tr.append(td);
    }
    fragment.append(tr);
  }
}

/** Points a library error about one score (error.argument, error.index) at its field. */
function libraryError(error: unknown): { side: Side | null; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  const { argument, index } = (error ?? {}) as Partial<ScoreErrorFields>;
  if (argument === undefined || index === undefined) return { side: null, message };
  // "relativistic-critic: real[0] must be a finite number of magnitude at most 9.7e+288, got 1e+300"
  const rule = /\]\s+(must be .*?)(?:, got .*)?$/.exec(message)?.[1] ?? 'was rejected';
  // The library counts from 0, the page from 1.
  return { side: argument, message: `${fields[argument].label}: the value at position ${index + 1} ${rule}.` };
}

function update(): void {
  const parsed = {
    real: parseScores(fields.real.input.value, fields.real.label),
    fake: parseScores(fields.fake.input.value, fields.fake.label),
  };
  for (const side of ['real', 'fake'] as const) {
    const p = parsed[side];
    setFieldError(side, p.ok ? null : p.message);
    setCount(side, p);
  }
  if (!parsed.real.ok || !parsed.fake.ok) {
    const which = !parsed.real.ok && !parsed.fake.ok ? 'both fields' : !parsed.real.ok ? 'the real scores' : 'the fake scores';
    showNotApplicable(`Not available: fix ${which}.`);
    return;
  }
  if (critic === null) return; // still loading; start() calls update() again

  const real = parsed.real.values;
  const fake = parsed.fake.values;
  let result: LossesWithGradients;
  let ref: SeedReference | null = null;
  const variant = {
    relativism: selects.relativism.value as Relativism,
    loss: selects.loss.value as LossKind,
    normalization: selects.normalization.value as Normalization,
  };
  const isSeed = variant.relativism === 'average' && variant.loss === 'logistic' && variant.normalization === 'pooled';
  try {
    result = critic.losses(real, fake, { gradients: true, ...variant });
  } catch (error) {
    const { side, message } = libraryError(error);
    if (side !== null) setFieldError(side, message);
    showNotApplicable(side === null ? `Not available: ${message}` : `Not available: fix the ${side} scores.`);
    return;
  }
  try {
    ref = isSeed ? critic.reference(real, fake) : null;  // the seed is one member only
  } catch {
    ref = null; // the seed's rounding is a side note; never block the exact values
  }

  out.dLoss.textContent = formatNumber(result.dLoss);
  out.gLoss.textContent = formatNumber(result.gLoss);
  out.meanReal.textContent = formatNumber(result.meanReal);
  out.meanFake.textContent = formatNumber(result.meanFake);
  out.results.dataset.state = 'ok';
  out.status.textContent = `From ${real.length.toLocaleString('en-GB')} real and ${fake.length.toLocaleString('en-GB')} fake scores.`;

  if (ref !== null) {
    const same = ref.d_loss.toFixed(6) === formatNumber(result.dLoss) && ref.g_loss.toFixed(6) === formatNumber(result.gLoss);
    out.seedNote.textContent =
      `deep-ml reference output: d_loss ${ref.d_loss.toFixed(6)}, g_loss ${ref.g_loss.toFixed(6)}` +
      (same ? ' (the same to 6 decimals).' : ' (it differs: the reference clamps each probability at 1e-12 and computes 1 − σ by subtraction).');
  } else {
    out.seedNote.textContent = isSeed ? '' : `This member of the family: ${variant.relativism}, ${variant.loss}, ${variant.normalization}; the deep-ml reference covers only average, logistic, pooled.`;
  }

  const fragment = document.createDocumentFragment();
  sampleRows('real', real, result.realRelative, result.dGradReal, result.gGradReal, fragment);
  sampleRows('fake', fake, result.fakeRelative, result.dGradFake, result.gGradFake, fragment);
  out.body.replaceChildren(fragment);
  const hiddenRows = Math.max(0, real.length - MAX_ROWS_PER_SIDE) + Math.max(0, fake.length - MAX_ROWS_PER_SIDE);
  out.truncated.hidden = hiddenRows === 0;
  out.truncated.textContent =
    hiddenRows === 0 ? '' : `Showing the first ${MAX_ROWS_PER_SIDE} samples of each side; ${hiddenRows.toLocaleString('en-GB')} more are included in the losses but not listed.`;

  plotData = { realRelative: result.realRelative, fakeRelative: result.fakeRelative };
  drawPlot(out.plot, plotData);
}

/** A standard normal draw (Box–Muller). */
function normal(): number {
  const u = 1 - Math.random(); // (0, 1]: log(u) is finite
  const v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function randomScores(mean: number, count: number): string {
  return Array.from({ length: count }, () => {
    const s = (mean + normal()).toFixed(2);
    return s === '-0.00' ? '0.00' : s;
  }).join(', ');
}

function fill(real: string, fake: string): void {
  fields.real.input.value = real;
  fields.fake.input.value = fake;
  update();
}

async function start(): Promise<void> {
  fill(SEED_REAL, SEED_FAKE);
  for (const f of Object.values(fields)) f.input.addEventListener('input', update);
  for (const select of Object.values(selects)) select.addEventListener('change', update);
  byId('randomise').addEventListener('click', () => fill(randomScores(1.5, 8), randomScores(0, 8)));
  byId('example').addEventListener('click', () => fill(SEED_REAL, SEED_FAKE));
  new ResizeObserver(() => drawPlot(out.plot, plotData)).observe(out.plot);
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => drawPlot(out.plot, plotData));

  try {
    critic = await init();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    out.status.textContent = `The WebAssembly module failed to load: ${message}`;
    out.results.dataset.state = 'error';
    document.documentElement.dataset.state = 'error';
    return;
  }
  document.documentElement.dataset.state = 'ready';
  update();
}

void start();
