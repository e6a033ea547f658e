// Grouped calls (issue 4): 10,000 groups of 8 real and 8 fake scores, one
// grouped call against one losses() call per group, same results.
import { compare, scores } from './harness.js';

export async function runGroups(rc, { groups = 10000, size = 8, yieldEach } = {}) {
  const real = scores(groups * size, 1, 3), fake = scores(groups * size, -0.5, 4);
  const ids = new Int32Array(groups * size);
  for (let i = 0; i < ids.length; i++) ids[i] = Math.floor(i / size);
  const options = { groupsReal: ids, groupsFake: ids };
  const perGroup = () => {
    let total = 0;
    for (let g = 0; g < groups; g++) {
      total += rc.losses(real.subarray(g * size, (g + 1) * size), fake.subarray(g * size, (g + 1) * size)).dLoss;
    }
    return total / groups;
  };
  const grouped = rc.losses(real, fake, options).dLoss;
  if (Math.abs(grouped - perGroup()) > 1e-12 * Math.abs(grouped)) throw new Error('grouped and per-group losses disagree');
  const times = await compare({
    grouped: () => rc.losses(real, fake, options),
    groupedRewards: () => rc.losses(real, fake, { ...options, rewards: true }),
    perGroup,
  }, 2 * groups * size, { rounds: 7, target: 50, yieldEach });
  return { groups, size, times };
}

export function groupsLine({ groups, size, times }) {
  return `Groups: ${groups.toLocaleString('en-US')} groups of ${size} real and ${size} fake scores, ns per score:`
    + ` one grouped call ${times.grouped.toFixed(1)} (with rewards and advantages ${times.groupedRewards.toFixed(1)}),`
    + ` one losses() call per group ${times.perGroup.toFixed(1)}: the grouped call is ${(times.perGroup / times.grouped).toFixed(1)}x faster.`;
}
