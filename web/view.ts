// Writing results into the page: the loss outputs, the comparison table, the
// seed note and the per-sample table. Text only (textContent), never HTML,
// so nothing a user typed can run.
import type { Computed } from './compute';
import { formatNumber } from './parse';
import type { Focus, SideName } from './chart-strip';

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`missing #${id}`);
  return el as T;
}

/** Table rows shown per side; the losses always use every score. */
export const MAX_ROWS_PER_SIDE = 100;

const NAMES: Record<string, string> = {
  average: 'average', centered: 'centered', paired: 'paired', 'all-pairs': 'all pairs', none: 'none (standard GAN)',
};

export function compareRows(body: HTMLTableSectionElement, c: Computed): void {
  const rows = c.variants.map((v) => {
    const tr = document.createElement('tr');
    if (v.relativism === c.member.relativism) tr.className = 'current';
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = NAMES[v.relativism] ?? v.relativism;
    tr.append(th);
    if (v.note !== null) {
      const td = document.createElement('td');
      td.colSpan = 2;
      td.className = 'note';
      td.textContent = v.note;
      tr.append(td);
    } else {
      for (const x of [v.dLoss, v.gLoss]) {
        const td = document.createElement('td');
        td.textContent = formatNumber(x);
        tr.append(td);
      }
    }
    return tr;
  });
  body.replaceChildren(...rows);
}

/** The seed's rounded output, and in seed mode where and why it differs from the exact values. */
export function seedNote(c: Computed, seedMode: boolean): string {
  const m = c.member;
  const isSeed = m.relativism === 'average' && m.loss === 'logistic' && m.normalization === 'pooled';
  if (!isSeed) return seedMode ? 'Seed mode compares with the deep-ml reference, which covers only average, logistic, pooled: choose those to see it.' : '';
  const ref = c.reference;
  if (ref === null) return 'The deep-ml reference is skipped past 100,000 scores.';
  // Both as 6-decimal text: the reference is already rounded so.
  const same = ref.d_loss.toFixed(6) === c.dLoss.toFixed(6) && ref.g_loss.toFixed(6) === c.gLoss.toFixed(6);
  const line = `deep-ml reference output: d_loss ${ref.d_loss.toFixed(6)}, g_loss ${ref.g_loss.toFixed(6)}`;
  if (!seedMode) return `${line} (${same ? 'the same to 6 decimals' : 'it differs: switch on seed mode to see why'}).`;
  let clamped = 0, lossy = 0;
  for (const a of [c.realRelative, c.fakeRelative]) {
    for (let i = 0; i < a.length; i++) {
      const x = Math.abs(a[i]!);
      if (x > CLAMP_EDGE) clamped++; else if (x > LOSSY_EDGE) lossy++;
    }
  }
  const causes = [];
  if (clamped > 0) causes.push(`${clamped} relative ${clamped === 1 ? 'score lies' : 'scores lie'} past ±27.6, where its clamp of each probability at 1e-12 stops a term at 27.63 instead of letting it grow`);
  if (lossy > 0) causes.push(`${lossy} ${lossy === 1 ? 'lies' : 'lie'} past ±15, where its 1 − σ by subtraction has lost digits (σ is within 3e-7 of 1 there)`);
  const why = causes.length > 0
    ? `Where it differs: ${causes.join('; ')} (marked in the table).`
    : same ? 'Every relative score is within ±15, where neither its clamp nor its subtraction bites: only the rounding to 6 decimals differs.'
      : 'Every relative score is within ±15: the difference is its rounding to 6 decimals.';
  return `${line}; exact minus reference: ${formatNumber(c.dLoss - ref.d_loss)}, ${formatNumber(c.gLoss - ref.g_loss)}. ${why}`;
}

/** Past this relative score the seed's clamp at 1e-12 changes a term: -log(1e-12) = 27.63. */
export const CLAMP_EDGE = 27.6;
/** Past this one its 1 - sigmoid by subtraction keeps fewer than 10 digits (e^-15 = 3e-7). */
export const LOSSY_EDGE = 15;

export interface TableHandlers { edit(side: SideName, index: number, text: string): void; focus(f: Focus | null): void; seedMode: boolean }

export function sampleTable(body: HTMLTableSectionElement, real: Float64Array, fake: Float64Array, c: Computed,
                            on: TableHandlers): number {
  const fragment = document.createDocumentFragment();
  const sides = [['real', real, c.realRelative, c.dGradReal, c.gGradReal], ['fake', fake, c.fakeRelative, c.dGradFake, c.gGradFake]] as const;
  for (const [side, scores, relative, dGrad, gGrad] of sides) {
    const shown = Math.min(scores.length, MAX_ROWS_PER_SIDE);
    for (let i = 0; i < shown; i++) {
      const tr = document.createElement('tr');
      tr.className = side;
      tr.dataset.side = side;
      tr.dataset.index = String(i);
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = `${side} ${i + 1}`;
      const scoreCell = document.createElement('td');
      const input = document.createElement('input');
      input.type = 'text';
      input.inputMode = 'decimal';
      input.className = 'score-input';
      input.value = String(scores[i]);
      input.setAttribute('aria-label', `${side} ${i + 1} score`);
      input.addEventListener('change', () => on.edit(side, i, input.value));
      input.addEventListener('focus', () => on.focus({ side, index: i }));
      scoreCell.append(input);
      tr.append(th, scoreCell);
      for (const v of [relative[i]!, dGrad[i]!, gGrad[i]!]) {
        const td = document.createElement('td');
        td.textContent = formatNumber(v);
        tr.append(td);
      }
      if (on.seedMode && Math.abs(relative[i]!) > CLAMP_EDGE) tr.classList.add('clamped');
      else if (on.seedMode && Math.abs(relative[i]!) > LOSSY_EDGE) tr.classList.add('lossy');
      tr.addEventListener('pointerenter', () => on.focus({ side, index: i }));
      fragment.append(tr);
    }
  }
  body.replaceChildren(fragment);
  return Math.max(0, real.length - MAX_ROWS_PER_SIDE) + Math.max(0, fake.length - MAX_ROWS_PER_SIDE);
}

export function highlightRow(body: HTMLTableSectionElement, focus: Focus | null): void {
  body.querySelector('tr.focus')?.classList.remove('focus');
  if (focus) body.querySelector(`tr[data-side="${focus.side}"][data-index="${focus.index}"]`)?.classList.add('focus');
}

export function messageRow(text: string, columns = 5): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.className = 'message';
  const td = document.createElement('td');
  td.colSpan = columns;
  td.textContent = text;
  tr.append(td);
  return tr;
}
