// The formulas card: the chosen member's lines rendered with KaTeX, the live
// numbers (and the highlighted sample's) filled in, and the step-by-step
// mode marking the current stage on every element that belongs to it.
import katex from 'katex';
import type { Focus } from './chart-strip';
import type { Computed, Member } from './compute';
import { formulaLines, STAGES, STAGE_TEXT, type Live } from './formulas';

export interface Shown { computed: Computed; real: Float64Array; fake: Float64Array }

function liveNumbers(s: Shown, focus: Focus | null): Live {
  const { computed: c, real, fake } = s;
  const inRange = focus !== null && focus.index < (focus.side === 'real' ? real.length : fake.length);
  const pick = (r: Float64Array, f: Float64Array) => (focus!.side === 'real' ? r : f)[focus!.index]!;
  return {
    m: real.length, n: fake.length, meanReal: c.meanReal, meanFake: c.meanFake, dLoss: c.dLoss, gLoss: c.gLoss,
    sample: inRange ? {
      side: focus.side, index: focus.index + 1, score: pick(real, fake), relative: pick(c.realRelative, c.fakeRelative),
      dTerm: pick(c.dLossReal, c.dLossFake), gTerm: pick(c.gLossReal, c.gLossFake),
      dGrad: pick(c.dGradReal, c.dGradFake), gGrad: pick(c.gGradReal, c.gGradFake),
    } : null,
  };
}

export function renderFormulas(container: HTMLElement, member: Member, step: number, shown: Shown | null, focus: Focus | null): void {
  const stage = step > 0 ? STAGES[step - 1] : null;
  const lines = formulaLines(member.relativism, member.loss, member.normalization, shown ? liveNumbers(shown, focus) : null);
  container.replaceChildren(...lines.map((line) => {
    const div = document.createElement('div');
    div.className = 'formula-line' + (stage === line.stage ? ' active' : '');
    div.dataset.stage = line.stage;
    // katex.render builds DOM nodes (styles through the CSSOM): fine under a strict CSP.
    katex.render(line.tex, div, { displayMode: true, throwOnError: false, output: 'htmlAndMathml' });
    return div;
  }));
}

/** Marks the stage (1..5, 0 = off) on <html> and on every element of that stage; updates the step buttons. */
export function renderSteps(step: number, text: HTMLElement): void {
  const stage = step > 0 ? STAGES[step - 1]! : null;
  if (stage) document.documentElement.dataset.step = stage;
  else delete document.documentElement.dataset.step;
  for (const el of document.querySelectorAll<HTMLElement>('[data-stage]')) {
    el.classList.toggle('active', stage !== null && el.dataset.stage!.split(' ').includes(stage));
  }
  text.textContent = stage ? STAGE_TEXT[stage] : '';
  document.getElementById('step-off')!.hidden = step === 0;
  document.getElementById('step-next')!.textContent = step === 0 ? 'Step through' : step === STAGES.length ? 'Back to step 1' : 'Next step';
  (document.getElementById('step-prev') as HTMLButtonElement).disabled = step <= 1;
}
