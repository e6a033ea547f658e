// Big data (past BIG scores a side) is drawn and computed here, so that the
// page never blocks: the worker posts progress, then the results, with
// every array transferred rather than copied.
import { init } from 'relativistic-critic';
import { compute, landscape, type Computed, type LandscapeData, type Member } from './compute';
import { drawBoth, type SideSpec } from './random';

export interface Job {
  id: number;
  member: Member;
  /** The scores, or how to draw them. */
  data: { real: Float64Array; fake: Float64Array } | { seed: number; real: SideSpec; fake: SideSpec };
  /** Only the landscape (the page has computed the rest itself). */
  landscapeOnly?: boolean;
}

export type Reply =
  | { id: number; kind: 'progress'; stage: string; done: number; total: number }
  | { id: number; kind: 'result'; real: Float64Array; fake: Float64Array; computed: Computed }
  | { id: number; kind: 'landscape'; landscape: LandscapeData }
  | { id: number; kind: 'error'; message: string };

const ready = init();
/** Landscape points for big data: each costs two passes over every score. */
const POINTS = 21;
const post = (reply: Reply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(reply, transfer);

self.onmessage = async (event: MessageEvent<Job>) => {
  const job = event.data;
  try {
    const rc = await ready;
    if (job.landscapeOnly && !('seed' in job.data)) {
      const land = landscape(rc, job.data.real, job.data.fake, job.member, POINTS,
        (done, total) => post({ id: job.id, kind: 'progress', stage: 'tracing the landscape', done, total }));
      post({ id: job.id, kind: 'landscape', landscape: land });
      return;
    }
    post({ id: job.id, kind: 'progress', stage: 'drawing the scores', done: 0, total: 1 });
    const { real, fake } = 'seed' in job.data ? drawBoth(job.data.real, job.data.fake, job.data.seed) : job.data;
    post({ id: job.id, kind: 'progress', stage: 'computing the losses', done: 0, total: 1 });
    const computed = compute(rc, real, fake, job.member);
    // The losses first, the landscape (POINTS more passes) after: the page shows each as it arrives.
    const landReal = real.slice(), landFake = fake.slice();
    const arrays = [real, fake, computed.realRelative, computed.fakeRelative, computed.dGradReal, computed.dGradFake,
      computed.gGradReal, computed.gGradFake, computed.dLossReal, computed.dLossFake, computed.gLossReal, computed.gLossFake];
    post({ id: job.id, kind: 'result', real, fake, computed }, [...new Set(arrays.map((a) => a.buffer))]);
    const land = landscape(rc, landReal, landFake, job.member, POINTS,
      (done, total) => post({ id: job.id, kind: 'progress', stage: 'tracing the landscape', done, total }));
    post({ id: job.id, kind: 'landscape', landscape: land },
      [land.shifts, land.dLoss, land.gLoss, land.standardD, land.standardG].map((a) => a.buffer));
  } catch (error) {
    post({ id: job.id, kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
