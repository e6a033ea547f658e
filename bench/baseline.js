// The plain-JavaScript baseline: what a careful developer writes without
// this package. Typed arrays, the stable softplus, one pass for the means
// and one for everything else, relative scores out. Not exact (plain sums,
// a plain mean), which only flatters it.
export function plainLosses(real, fake) {
  const m = real.length, n = fake.length;
  let sumReal = 0, sumFake = 0;
  for (let i = 0; i < m; i++) sumReal += real[i];
  for (let j = 0; j < n; j++) sumFake += fake[j];
  const meanReal = sumReal / m, meanFake = sumFake / n;
  const realRelative = new Float64Array(m), fakeRelative = new Float64Array(n);
  let d = 0, g = 0;
  for (let i = 0; i < m; i++) {
    const a = real[i] - meanFake;
    realRelative[i] = a;
    const shared = Math.log1p(Math.exp(-Math.abs(a)));  // softplus(+-a) = max(+-a, 0) + shared
    d += Math.max(-a, 0) + shared;
    g += Math.max(a, 0) + shared;
  }
  for (let j = 0; j < n; j++) {
    const b = fake[j] - meanReal;
    fakeRelative[j] = b;
    const shared = Math.log1p(Math.exp(-Math.abs(b)));
    d += Math.max(b, 0) + shared;
    g += Math.max(-b, 0) + shared;
  }
  const pooled = m + n;
  return { dLoss: d / pooled, gLoss: g / pooled, meanReal, meanFake, realRelative, fakeRelative };
}
