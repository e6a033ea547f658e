// The same losses with TensorFlow.js (float32 only), relative scores read
// back to JS as a user would need them. Functional ops: tfjs-core alone
// registers no chained ones.
export function tfLosses(tf, real, fake) {
  return tf.tidy(() => {
    const r = tf.tensor1d(real, 'float32'), f = tf.tensor1d(fake, 'float32');
    const a = tf.sub(r, tf.mean(f)), b = tf.sub(f, tf.mean(r));
    const pooled = real.length + fake.length;
    const d = tf.div(tf.add(tf.sum(tf.softplus(tf.neg(a))), tf.sum(tf.softplus(b))), pooled);
    const g = tf.div(tf.add(tf.sum(tf.softplus(a)), tf.sum(tf.softplus(tf.neg(b)))), pooled);
    return { dLoss: d.dataSync()[0], gLoss: g.dataSync()[0], realRelative: a.dataSync(), fakeRelative: b.dataSync() };
  });
}
