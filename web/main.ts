// The playground: one state (also kept in the URL), the data it describes,
// and everything computed from it. Small data is computed on the main
// thread on every edit; big data (past BIG a side) in a worker.
import 'katex/dist/katex.min.css';
import { init, type RelativisticCritic, type ScoreErrorFields } from 'relativistic-critic';
import { contributionHit, contributionsOf, drawContributions, drawLandscape } from './chart-lines';
import { MAX_DOTS, StripPlot, type Focus, type SideName } from './chart-strip';
import { compute, landscape, type Computed, type LandscapeData, type Member } from './compute';
import { importScores } from './dataio';
import { wireExports, wireImport } from './exporting';
import { STAGES } from './formulas';
import { renderFormulas, renderSteps } from './formula-view';
import { formatNumber, parseScores } from './parse';
import { drawPlot, plotHit } from './plot';
import { PRESETS } from './presets';
import { checkSpec, drawBoth, randomSeed, type Distribution, type SideSpec } from './random';
import { DEFAULT_STATE, decodeState, encodeState, type AppState } from './state';
import { byId, compareRows, highlightRow, MAX_ROWS_PER_SIDE, messageRow, sampleTable, seedNote } from './view';
import type { Job, Reply } from './worker';

/** Past this many scores on either side the work goes to the worker. */
const BIG = 10_000;
/** Past this many a side the fields stay empty (the text would be megabytes). */
const MAX_TEXT = 10_000;
/** Landscape points; past SMALL scores in all the worker traces it. */
const POINTS = 41, SMALL = 1_000;

const fields = {
  real: { input: byId<HTMLTextAreaElement>('real'), error: byId('real-error'), count: byId('real-count'), label: 'Real scores' },
  fake: { input: byId<HTMLTextAreaElement>('fake'), error: byId('fake-error'), count: byId('fake-count'), label: 'Fake scores' },
};
const selects = {
  relativism: byId<HTMLSelectElement>('relativism'), loss: byId<HTMLSelectElement>('loss'),
  normalization: byId<HTMLSelectElement>('normalization'),
};
const spec = (side: SideName) => ({
  dist: byId<HTMLSelectElement>(`${side}-dist`), n: byId<HTMLInputElement>(`${side}-n`),
  mean: byId<HTMLInputElement>(`${side}-mean`), spread: byId<HTMLInputElement>(`${side}-spread`),
});
const specs = { real: spec('real'), fake: spec('fake') };
const out = {
  status: byId('status'), progress: byId<HTMLProgressElement>('progress'), progressNote: byId('progress-note'),
  dLoss: byId<HTMLOutputElement>('d-loss'), gLoss: byId<HTMLOutputElement>('g-loss'),
  meanReal: byId('mean-real'), meanFake: byId('mean-fake'), seedNote: byId('seed-note'),
  compare: byId<HTMLTableSectionElement>('compare-body'), body: byId<HTMLTableSectionElement>('samples-body'),
  truncated: byId<HTMLParagraphElement>('samples-truncated'), results: document.querySelector<HTMLElement>('.results')!,
  formulas: byId('formulas'), stepText: byId('step-text'), notice: byId('url-notice'),
  importError: byId('import-error'), randomError: byId('random-error'), presetText: byId('preset-text'),
};
const canvases = { strip: byId<HTMLCanvasElement>('strip'), plot: byId<HTMLCanvasElement>('plot'),
  contrib: byId<HTMLCanvasElement>('contrib'), land: byId<HTMLCanvasElement>('land') };

let critic: RelativisticCritic | null = null;
let state: AppState = structuredClone(DEFAULT_STATE);
let data: { real: Float64Array; fake: Float64Array } | null = null;
let computed: Computed | null = null;
let land: LandscapeData | null = null;
let focus: Focus | null = null;
let worker: Worker | null = null;
let workerBusy = false;
/** A big random draw was asked of the worker and has not arrived: `data` is older. */
let pendingRandom = false;
let jobId = 0;
/** Bumped by each new result (or its absence): deferred rendering of an older one stops. */
let resultGeneration = 0;

const member = (): Member => ({ relativism: state.relativism, loss: state.loss, normalization: state.normalization });

// ---------------------------------------------------------------------------
// Drawing

const strip = new StripPlot(canvases.strip, {
  drag: (side, index, value) => {
    if (!data) return;
    data[side][index] = value;
    writeField(side);
    takeValues();
    recompute();   // small data only (dots): the landscape too stays cheap
  },
  hover: (f) => setFocus(f),
});

let drawGeneration = 0;
/** Redraws every chart; with big data one chart per frame, so no task runs long. */
function drawCharts(): void {
  const c = computed, d = data;
  const steps = [
    () => strip.draw(c && d ? { real: d.real, fake: d.fake, meanReal: c.meanReal, meanFake: c.meanFake,
      dGradReal: c.dGradReal, dGradFake: c.dGradFake, gGradFake: c.gGradFake, focus, domain: c.domain } : null),
    () => drawPlot(canvases.plot, c ? { realRelative: c.realRelative, fakeRelative: c.fakeRelative, focus, maxAbs: c.maxAbsRelative } : null),
    () => drawContributions(canvases.contrib, c ? contributionsOf(c, focus) : null),
    () => drawLandscape(canvases.land, land),
  ];
  const generation = ++drawGeneration;
  if (!d || d.real.length + d.fake.length <= BIG) { for (const step of steps) step(); return; }
  // After each frame is painted (layout done), one chart: each task stays short.
  const next = (k: number) => {
    if (generation !== drawGeneration || k >= steps.length) return;
    steps[k]!();
    requestAnimationFrame(() => setTimeout(() => next(k + 1)));
  };
  requestAnimationFrame(() => setTimeout(() => next(0)));
}

function drawFormulas(): void {
  renderFormulas(out.formulas, member(), state.step, computed && data ? { computed, ...data } : null, focus);
}

function drawSteps(): void {
  renderSteps(state.step, out.stepText);
}

function setFocus(f: Focus | null): void {
  if (f?.side === focus?.side && f?.index === focus?.index) return;
  focus = f;
  state.focus = f;
  highlightRow(out.body, f);
  drawCharts();
  drawFormulas();
  saveUrl();
}

// ---------------------------------------------------------------------------
// Results

/** Clears every result so nothing stale (or NaN) is on screen: `mark` fills the numbers, `row` the table. */
function clearResults(kind: 'na' | 'busy', status: string, mark: string, row: string): void {
  resultGeneration++;   // pending table or formula updates are stale now
  for (const el of [out.dLoss, out.gLoss, out.meanReal, out.meanFake]) el.textContent = mark;
  out.results.dataset.state = kind;
  out.status.textContent = status;
  out.seedNote.textContent = '';
  out.compare.replaceChildren();
  out.body.replaceChildren(messageRow(row));
  out.truncated.hidden = true;
  computed = null;
  land = null;
  drawCharts();
  drawFormulas();
}

function showNotApplicable(status: string): void {
  cancelJobs();
  clearResults('na', status, '—', 'Fix the scores above to see every sample.');
}

/** While the worker computes new data: nothing from the old results stays on screen or in an export. */
function showBusy(): void {
  clearResults('busy', 'Computing in the background…', '…', 'Computing in the background…');
}

function showResults(): void {
  const c = computed!, d = data!;
  out.dLoss.textContent = formatNumber(c.dLoss);
  out.gLoss.textContent = formatNumber(c.gLoss);
  out.meanReal.textContent = formatNumber(c.meanReal);
  out.meanFake.textContent = formatNumber(c.meanFake);
  out.results.dataset.state = 'ok';
  out.status.textContent = resultStatus();
  out.seedNote.textContent = seedNote(c, state.seedMode);
  compareRows(out.compare, c);
  // With big data the table and the formulas follow in tasks of their own.
  const later = (f: () => void) => (d.real.length + d.fake.length > BIG ? setTimeout(f) : f());
  const generation = ++resultGeneration;
  later(() => {
    if (generation !== resultGeneration) return;   // superseded by newer results
    const hidden = sampleTable(out.body, d.real, d.fake, c, {
      edit: (side, index, text) => editSample(side, index, text),
      focus: (f) => setFocus(f),
      seedMode: state.seedMode,
    });
    highlightRow(out.body, focus);
    out.truncated.hidden = hidden === 0;
    out.truncated.textContent = hidden === 0 ? ''
      : `Showing the first ${MAX_ROWS_PER_SIDE} samples of each side; ${hidden.toLocaleString('en-GB')} more are included in the losses but not listed.`;
  });
  drawCharts();
  later(() => { if (generation === resultGeneration) drawFormulas(); });
}

function resultStatus(): string {
  const d = data;
  if (!d) return '';
  return `From ${d.real.length.toLocaleString('en-GB')} real and ${d.fake.length.toLocaleString('en-GB')} fake scores.`;
}

/** Points a library error about one score (error.argument, error.index) at its field. */
function libraryError(error: unknown): { side: SideName | null; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  const { argument, index } = (error ?? {}) as Partial<ScoreErrorFields>;
  if (argument === undefined || index === undefined) return { side: null, message };
  const rule = /\]\s+(must be .*?)(?:, got .*)?$/.exec(message)?.[1] ?? 'was rejected';
  return { side: argument, message: `${fields[argument].label}: the value at position ${index + 1} ${rule}.` };
}

function recompute(): void {
  if (!critic) return;
  // A big random draw still on its way: draw it again, for the current member.
  if (pendingRandom && state.data.kind === 'random') { runJob({ seed: state.data.random.seed, real: state.data.random.real, fake: state.data.random.fake }); saveUrl(); return; }
  if (!data) return;
  const { real, fake } = data;
  if (Math.max(real.length, fake.length) > BIG) { runJob({ real: real.slice(), fake: fake.slice() }); saveUrl(); return; }
  cancelJobs();
  try {
    computed = compute(critic, real, fake, member());
  } catch (error) {
    const { side, message } = libraryError(error);
    if (side !== null) setFieldError(side, message);
    showNotApplicable(side === null ? `Not available: ${message.replace(/^relativistic-critic: /, '')}` : `Not available: fix the ${side} scores.`);
    saveUrl();
    return;
  }
  // The landscape costs 2 x POINTS passes over the scores: past SMALL the worker traces it.
  const small = real.length + fake.length <= SMALL;
  land = small ? landscape(critic, real, fake, member(), POINTS) : null;
  showResults();
  if (!small) runJob({ real: real.slice(), fake: fake.slice() }, true);
  saveUrl();
}

/** Stops whatever the worker is doing (a new request supersedes it) and forgets its replies. */
function cancelJobs(): void {
  jobId++;
  pendingRandom = false;
  if (workerBusy && worker) { worker.terminate(); worker = null; }
  workerBusy = false;
  out.progress.hidden = true;
}

function runJob(input: Job['data'], landscapeOnly = false): void {
  cancelJobs();
  worker ??= startWorker();
  workerBusy = true;
  pendingRandom = 'seed' in input;
  const id = jobId;
  out.progress.hidden = false;
  out.progress.value = 0;
  if (!landscapeOnly) showBusy();
  const job: Job = { id, member: member(), data: input, landscapeOnly };
  worker.postMessage(job);
}

function startWorker(): Worker {
  const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (event: MessageEvent<Reply>) => {
    const r = event.data;
    if (r.id !== jobId) return;   // superseded
    if (r.kind === 'progress') {
      // The bar and its label follow the work; the live status line speaks only at start and end.
      out.progress.value = r.total > 0 ? r.done / r.total : 0;
      out.progress.setAttribute('aria-valuetext', `${r.stage}${r.total > 1 ? `, ${r.done} of ${r.total}` : ''}`);
      out.progressNote.textContent = `${r.stage[0]!.toUpperCase()}${r.stage.slice(1)}${r.total > 1 ? ` (${r.done} of ${r.total})` : ''}…`;
    } else if (r.kind === 'error') {
      workerBusy = false;
      pendingRandom = false;
      showNotApplicable(`Not available: ${r.message.replace(/^relativistic-critic: /, '')}`);
    } else if (r.kind === 'result') {
      pendingRandom = false;
      data = { real: r.real, fake: r.fake };
      computed = r.computed;
      land = null;
      writeField('real');
      writeField('fake');
      showResults();
      saveUrl();
    } else {
      workerBusy = false;
      out.progress.hidden = true;
      out.progressNote.textContent = '';
      land = r.landscape;
      drawLandscape(canvases.land, land);
    }
  };
  return w;
}

// ---------------------------------------------------------------------------
// Inputs

function setFieldError(side: SideName, message: string | null): void {
  const f = fields[side];
  f.error.textContent = message ?? '';
  if (message === null) f.input.removeAttribute('aria-invalid');
  else f.input.setAttribute('aria-invalid', 'true');
}

function writeField(side: SideName): void {
  const values = data![side], f = fields[side];
  setFieldError(side, null);
  f.count.textContent = `${values.length.toLocaleString('en-GB')} ${values.length === 1 ? 'value' : 'values'}`;
  held[side] = values.length > MAX_TEXT ? values : null;
  if (values.length > MAX_TEXT) {
    f.input.value = '';
    f.input.placeholder = `${values.length.toLocaleString('en-GB')} scores, too many to show as text (export CSV to see them); type here to replace them.`;
  } else {
    f.input.value = Array.from(values, String).join(', ');
    f.input.placeholder = '';
  }
}

/** The data is now a list of values the user owns (typed, dragged, edited, pasted). */
function takeValues(): void {
  if (!data) return;
  state.preset = null;
  // Past MAX_TEXT a side no link can carry the values: Share and Export JSON say so.
  unshareable = data.real.length > MAX_TEXT || data.fake.length > MAX_TEXT;
  if (!unshareable) state.data = { kind: 'values', real: Array.from(data.real), fake: Array.from(data.fake) };
}

/** A side too big for its field, kept in memory while the field stays empty. */
const held: Record<SideName, Float64Array | null> = { real: null, fake: null };
/** The scores on screen cannot be put in a link (too many, and not a seeded draw). */
let unshareable = false;

function onType(event: Event): void {
  const typed: SideName = event.target === fields.real.input ? 'real' : 'fake';
  held[typed] = null;   // what the user typed replaces what was held
  const read = (side: SideName) => (held[side] && fields[side].input.value === ''
    ? { ok: true as const, values: held[side]! } : parseScores(fields[side].input.value, fields[side].label));
  const parsed = { real: read('real'), fake: read('fake') };
  for (const side of ['real', 'fake'] as const) {
    const p = parsed[side];
    setFieldError(side, p.ok ? null : p.message);
    fields[side].count.textContent = p.ok ? `${p.values.length.toLocaleString('en-GB')} ${p.values.length === 1 ? 'value' : 'values'}` : '';
  }
  if (!parsed.real.ok || !parsed.fake.ok) {
    const which = !parsed.real.ok && !parsed.fake.ok ? 'both fields' : !parsed.real.ok ? 'the real scores' : 'the fake scores';
    data = null;
    showNotApplicable(`Not available: fix ${which}.`);
    return;
  }
  data = { real: parsed.real.values, fake: parsed.fake.values };
  takeValues();
  if (focus && focus.index >= data[focus.side].length) focus = state.focus = null;
  recompute();
}

function setValues(real: ArrayLike<number>, fake: ArrayLike<number>): void {
  data = { real: Float64Array.from(real), fake: Float64Array.from(fake) };
  writeField('real');
  writeField('fake');
  takeValues();
  focus = state.focus = null;
  recompute();
}

function editSample(side: SideName, index: number, text: string): void {
  const p = parseScores(text, fields[side].label);
  if (!data) return;
  if (!p.ok || p.values.length !== 1) { setFieldError(side, p.ok ? `${fields[side].label}: one number per cell.` : p.message); return; }
  data[side][index] = p.values[0]!;
  writeField(side);
  takeValues();
  recompute();
}

function readSpec(side: SideName): SideSpec {
  const s = specs[side];
  return { distribution: s.dist.value as Distribution, count: Number(s.n.value), mean: Number(s.mean.value), spread: Number(s.spread.value) };
}

function writeSpec(side: SideName, v: SideSpec): void {
  const s = specs[side];
  s.dist.value = v.distribution; s.n.value = String(v.count); s.mean.value = String(v.mean); s.spread.value = String(v.spread);
}

/** Draws from the spec fields with the seed field's seed (a new one if asked). */
function randomise(newSeed: boolean, keepFocus = false): void {
  const seedInput = byId<HTMLInputElement>('seed');
  if (newSeed || seedInput.value.trim() === '') seedInput.value = String(randomSeed());
  // The rule of the link (state.ts): a whole number from 0 to 2^32 - 1, so every seed shown reproduces.
  const seed = Number(seedInput.value);
  const real = readSpec('real'), fake = readSpec('fake');
  const problem = !(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)
    ? `Seed: must be a whole number from 0 to 4294967295, got ${seedInput.value.slice(0, 24)}.`
    : checkSpec(real) ? `Real side: ${checkSpec(real)}` : checkSpec(fake) ? `Fake side: ${checkSpec(fake)}` : null;
  out.randomError.textContent = problem ?? '';
  if (problem) return;
  unshareable = false;
  state.data = { kind: 'random', random: { seed, real, fake } };
  state.preset = null;
  if (!keepFocus) focus = state.focus = null;
  if (Math.max(real.count, fake.count) > BIG) { runJob({ seed, real, fake }); saveUrl(); return; }
  const drawn = drawBoth(real, fake, seed);
  data = drawn;
  writeField('real');
  writeField('fake');
  recompute();
}

function applyState(next: AppState): void {
  state = next;
  selects.relativism.value = state.relativism;
  selects.loss.value = state.loss;
  selects.normalization.value = state.normalization;
  byId<HTMLInputElement>('seed-mode').checked = state.seedMode;
  byId<HTMLSelectElement>('theme').value = state.theme;
  applyTheme();
  const hidden = Object.entries(state.embed).filter(([, shown]) => !shown).map(([part]) => part);
  if (hidden.length) document.documentElement.dataset.hide = hidden.join(' ');
  else delete document.documentElement.dataset.hide;
  focus = state.focus;
  drawSteps();
  const preset = PRESETS.find((p) => p.id === state.preset);
  out.presetText.textContent = preset ? `${preset.title}: ${preset.explanation}` : '';
  if (state.data.kind === 'random') {
    const r = state.data.random;
    byId<HTMLInputElement>('seed').value = String(r.seed);
    writeSpec('real', r.real);
    writeSpec('fake', r.fake);
    randomise(false, true);
  } else {
    unshareable = false;
    data = { real: Float64Array.from(state.data.real), fake: Float64Array.from(state.data.fake) };
    writeField('real');
    writeField('fake');
    if (focus && focus.index >= data[focus.side].length) focus = state.focus = null;
    recompute();
  }
}

function applyTheme(): void {
  if (state.theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = state.theme;
  requestAnimationFrame(drawCharts);
}

function importText(text: string): void {
  const r = importScores(text);
  out.importError.textContent = r.ok ? '' : r.message;
  if (!r.ok) return;
  setValues(r.real, r.fake);
  out.status.textContent += ` Imported ${r.format === 'csv' ? 'CSV' : r.format === 'json' ? 'JSON' : 'text'}.`;
}

let urlTimer = 0;
function saveUrl(): void {
  clearTimeout(urlTimer);
  urlTimer = window.setTimeout(writeUrl, 150);
}

function writeUrl(): void {
  clearTimeout(urlTimer);
  const query = encodeState(state);
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

/** The link to this state now, or null when the scores cannot travel in one. */
function link(): string | null {
  writeUrl();
  return unshareable ? null : location.href;
}

function moveFocus(step: number): void {
  if (!data) return;
  const m = data.real.length, total = m + data.fake.length;
  const at = focus ? (focus.side === 'real' ? focus.index : m + focus.index) : -1;
  const k = ((at + step) % total + total) % total;
  setFocus(k < m ? { side: 'real', index: k } : { side: 'fake', index: k - m });
}

function wire(): void {
  for (const f of Object.values(fields)) f.input.addEventListener('input', onType);
  for (const [key, select] of Object.entries(selects)) {
    select.addEventListener('change', () => {
      (state as unknown as Record<string, string>)[key] = select.value;
      state.preset = null;
      drawFormulas();
      recompute();
      saveUrl();   // also when the member cannot run on this data
    });
  }
  byId('seed-mode').addEventListener('change', (e) => { state.seedMode = (e.target as HTMLInputElement).checked; if (computed) showResults(); saveUrl(); });
  byId('theme').addEventListener('change', (e) => { state.theme = (e.target as HTMLSelectElement).value as AppState['theme']; applyTheme(); saveUrl(); });
  byId('randomise').addEventListener('click', () => randomise(true));
  byId('seed').addEventListener('change', () => randomise(false));
  for (const side of ['real', 'fake'] as const) {
    for (const el of Object.values(specs[side])) el.addEventListener('change', () => randomise(false));
  }
  byId('example').addEventListener('click', () => applyState({ ...structuredClone(DEFAULT_STATE), theme: state.theme, embed: state.embed }));
  const presetBox = byId('presets');
  for (const p of PRESETS) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'secondary preset';
    b.textContent = p.title;
    b.dataset.preset = p.id;
    b.addEventListener('click', () => applyState({ ...structuredClone(DEFAULT_STATE), theme: state.theme, embed: state.embed,
      ...structuredClone(p.state), preset: p.id }));
    presetBox.append(b);
  }
  byId('step-next').addEventListener('click', () => { state.step = state.step >= STAGES.length ? 1 : state.step + 1; drawSteps(); drawFormulas(); saveUrl(); });
  byId('step-prev').addEventListener('click', () => { state.step = Math.max(1, state.step - 1); drawSteps(); drawFormulas(); saveUrl(); });
  byId('step-off').addEventListener('click', () => { state.step = 0; drawSteps(); drawFormulas(); saveUrl(); });

  wireImport(byId('drop'), byId<HTMLInputElement>('file'), importText, (message) => { out.importError.textContent = message; });

  // Pointing at a sample on the sigmoid or at its bars picks it too.
  const pointer = (canvas: HTMLCanvasElement, hit: (x: number, y: number) => Focus | null) => {
    canvas.addEventListener('pointermove', (e) => {
      const rect = canvas.getBoundingClientRect();
      const f = hit(e.clientX - rect.left, e.clientY - rect.top);
      if (f) setFocus(f);
    });
  };
  pointer(canvases.plot, (x, y) => plotHit(canvases.plot, x, y));
  pointer(canvases.contrib, (x) => contributionHit(canvases.contrib, x));

  // Keyboard use of the strip plot is spoken: which sample, its score and relative score.
  const speak = () => {
    if (!focus || !data || !computed) return;
    const rel = (focus.side === 'real' ? computed.realRelative : computed.fakeRelative)[focus.index];
    byId('strip-live').textContent = `${focus.side} ${focus.index + 1}: score ${data[focus.side][focus.index]}, relative ${rel === undefined ? '—' : formatNumber(rel)}`;
  };
  canvases.strip.addEventListener('keyup', speak);
  canvases.strip.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') { moveFocus(e.key === 'ArrowDown' ? 1 : -1); e.preventDefault(); }
    else if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && data && focus && data[focus.side].length <= MAX_DOTS) {
      const step = (e.shiftKey ? 1 : 0.1) * (e.key === 'ArrowRight' ? 1 : -1);
      data[focus.side][focus.index] = Math.round((data[focus.side][focus.index]! + step) * 1e6) / 1e6;
      writeField(focus.side);
      takeValues();
      recompute();
      e.preventDefault();
    }
  });

  wireExports(() => (computed && data ? { real: data.real, fake: data.fake, computed } : null), link, [
    { title: 'The scores', canvas: canvases.strip }, { title: 'Samples on the sigmoid', canvas: canvases.plot },
    { title: "Each sample's share of the losses", canvas: canvases.contrib }, { title: 'The landscape', canvas: canvases.land },
  ], out.notice);

  new ResizeObserver(() => drawCharts()).observe(document.querySelector('main')!);
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => drawCharts());
}

async function start(): Promise<void> {
  const { state: initial, warnings } = decodeState(location.search);
  out.notice.textContent = warnings.length ? `Some of the link was not used: ${warnings.join(' ')}` : '';
  wire();
  try {
    critic = await init();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    out.status.textContent = `The WebAssembly module failed to load: ${message}`;
    out.results.dataset.state = 'error';
    document.documentElement.dataset.state = 'error';
    return;
  }
  applyState(structuredClone(initial));
  document.documentElement.dataset.state = 'ready';
}

void start();
