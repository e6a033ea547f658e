// The relativistic family, scalar and exact: double-double weighted means
// and sums, stable softplus and sigmoid, closed-form gradients.
#include "family.hpp"

#include <cmath>
#include <initializer_list>
#include <vector>

#include "double_double.hpp"
#include "relativistic.hpp"

namespace relativistic {

namespace {

double softplus(double x) { return std::fmax(x, 0.0) + std::log1p(std::exp(-std::fabs(x))); }

double sigmoid(double x) {
  if (x >= 0.0) return 1.0 / (1.0 + std::exp(-x));
  const double e = std::exp(x);
  return e / (1.0 + e);
}

// f1 pushes its argument up (a real score for D), f2 pushes it down.
struct Loss {
  LossKind kind;
  double f1(double y) const {
    switch (kind) {
      case LossKind::logistic: return softplus(-y);
      case LossKind::least_squares: return (y - 1.0) * (y - 1.0);
      case LossKind::hinge: return std::fmax(0.0, 1.0 - y);
    }
    return 0.0;
  }
  double f2(double z) const {
    switch (kind) {
      case LossKind::logistic: return softplus(z);
      case LossKind::least_squares: return (z + 1.0) * (z + 1.0);
      case LossKind::hinge: return std::fmax(0.0, 1.0 + z);
    }
    return 0.0;
  }
  // Derivatives; hinge takes the subgradient 0 at its kink, as ReLU does.
  double df1(double y) const {
    switch (kind) {
      case LossKind::logistic: return -sigmoid(-y);
      case LossKind::least_squares: return 2.0 * (y - 1.0);
      case LossKind::hinge: return y < 1.0 ? -1.0 : 0.0;
    }
    return 0.0;
  }
  double df2(double z) const {
    switch (kind) {
      case LossKind::logistic: return sigmoid(z);
      case LossKind::least_squares: return 2.0 * (z + 1.0);
      case LossKind::hinge: return z > -1.0 ? 1.0 : 0.0;
    }
    return 0.0;
  }
};

inline double weight(const double* w, std::size_t i) { return w ? w[i] : 1.0; }

DoubleDouble dd_divide(DoubleDouble x, DoubleDouble y) {
  const double q1 = x.hi / y.hi;
  const DoubleDouble p = two_prod(q1, y.hi);
  const double remainder = (((x.hi - p.hi) - p.lo) + x.lo) - q1 * y.lo;
  return fast_two_sum(q1, remainder / y.hi);
}

struct Side {
  DoubleDouble total_weight, mean;
};

Side weighted_mean(const double* x, const double* w, std::size_t count) {
  DoubleDoubleSum sum, weights;
  for (std::size_t i = 0; i < count; ++i) {
    if (w) {
      const DoubleDouble p = two_prod(w[i], x[i]);  // exact
      sum.add(p);
      weights.add(w[i]);
    } else {
      sum.add(x[i]);
    }
  }
  Side side;
  side.total_weight = w ? weights.value() : DoubleDouble{static_cast<double>(count), 0.0};
  side.mean = dd_divide(sum.value(), side.total_weight);
  return side;
}

inline double minus(double x, DoubleDouble reference) { return (x - reference.hi) - reference.lo; }

double sum_of(const std::vector<double>& xs) {
  DoubleDoubleSum s;
  for (double x : xs) s.add(x);
  return to_double(s.value());
}

}  // namespace

FamilySummary family_losses(const double* real, const double* rw, std::size_t m,
                            const double* fake, const double* fw, std::size_t n,
                            const FamilyOptions& o, const FamilyOutputs& out) {
  const Loss loss{o.loss};
  const Side sr = weighted_mean(real, rw, m), sf = weighted_mean(fake, fw, n);
  const double wr = to_double(sr.total_weight), wf = to_double(sf.total_weight);
  const double T = o.temperature, mg = o.margin;
  const bool pairs = o.relativism == Relativism::all_pairs;
  const bool gradients = out.d_grad_real != nullptr;
  const bool terms = out.d_term_real != nullptr;

  // Raw relative scores; all-pairs reports the mean of its pair differences.
  DoubleDouble centre = add(sr.mean, sf.mean);
  centre = {centre.hi * 0.5, centre.lo * 0.5};
  for (std::size_t i = 0; i < m; ++i) {
    switch (o.relativism) {
      case Relativism::average: case Relativism::all_pairs: out.real_relative[i] = minus(real[i], sf.mean); break;
      case Relativism::centered: out.real_relative[i] = minus(real[i], centre); break;
      case Relativism::paired: out.real_relative[i] = real[i] - fake[i]; break;
      case Relativism::none: out.real_relative[i] = real[i]; break;
    }
  }
  for (std::size_t j = 0; j < n; ++j) {
    switch (o.relativism) {
      case Relativism::average: case Relativism::all_pairs: out.fake_relative[j] = minus(fake[j], sr.mean); break;
      case Relativism::centered: out.fake_relative[j] = minus(fake[j], centre); break;
      case Relativism::paired: out.fake_relative[j] = fake[j] - real[j]; break;
      case Relativism::none: out.fake_relative[j] = fake[j]; break;
    }
  }

  FamilySummary s;
  s.mean_real = to_double(sr.mean);
  s.mean_fake = to_double(sf.mean);

  if (pairs) {
    // Every r_i - f_j, weighted w_i v_j; k normalises over the pairs.
    const double k = (o.normalization == Normalization::sum ? 1.0 : 0.5) / (wr * wf);
    DoubleDoubleSum d_sum, g_sum;
    std::vector<double> dr(m, 0.0), df(n, 0.0), gr(m, 0.0), gf(n, 0.0);  // gradient sums
    std::vector<double> tdr(m, 0.0), tdf(n, 0.0), tgr(m, 0.0), tgf(n, 0.0);  // term sums
    for (std::size_t i = 0; i < m; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        const double y = (real[i] - fake[j]) / T, w = weight(rw, i) * weight(fw, j);
        const double d1 = loss.f1(y - mg), d2 = loss.f2(-y + mg), g1 = loss.f2(y + mg), g2 = loss.f1(-y - mg);
        d_sum.add(w * d1);
        d_sum.add(w * d2);
        g_sum.add(w * g1);
        g_sum.add(w * g2);
        if (terms) {
          tdr[i] += weight(fw, j) * d1; tdf[j] += weight(rw, i) * d2;
          tgr[i] += weight(fw, j) * g1; tgf[j] += weight(rw, i) * g2;
        }
        if (gradients) {
          const double a = loss.df1(y - mg), b = loss.df2(-y + mg), c = loss.df2(y + mg), e = loss.df1(-y - mg);
          // r_i is the subject of f1(y - m) in D and of f2(y + m) in G.
          dr[i] += w * (o.detach_mean ? a : a - b);
          df[j] += w * (o.detach_mean ? b : b - a);
          gr[i] += w * (o.detach_mean ? c : c - e);
          gf[j] += w * (o.detach_mean ? e : e - c);
        }
      }
    }
    s.d_loss = k * to_double(d_sum.value());
    s.g_loss = k * to_double(g_sum.value());
    if (terms) {
      for (std::size_t i = 0; i < m; ++i) { out.d_term_real[i] = tdr[i] / wf; out.g_term_real[i] = tgr[i] / wf; }
      for (std::size_t j = 0; j < n; ++j) { out.d_term_fake[j] = tdf[j] / wr; out.g_term_fake[j] = tgf[j] / wr; }
    }
    if (gradients) {
      for (std::size_t i = 0; i < m; ++i) { out.d_grad_real[i] = k * dr[i] / T; out.g_grad_real[i] = k * gr[i] / T; }
      for (std::size_t j = 0; j < n; ++j) { out.d_grad_fake[j] = k * df[j] / T; out.g_grad_fake[j] = k * gf[j] / T; }
    }
    return s;
  }

  double alpha = 1.0 / (wr + wf), beta = alpha;
  if (o.normalization == Normalization::half_sum) { alpha = 0.5 / wr; beta = 0.5 / wf; }
  if (o.normalization == Normalization::sum) { alpha = 1.0 / wr; beta = 1.0 / wf; }

  // g1/g2: D's derivative factors per real/fake term; h1/h2: G's.
  std::vector<double> g1(m), h1(m), g2(n), h2(n);
  DoubleDoubleSum d_real, d_fake, g_real, g_fake;
  for (std::size_t i = 0; i < m; ++i) {
    const double y = out.real_relative[i] / T, w = weight(rw, i);
    const double td = loss.f1(y - mg), tg = loss.f2(y + mg);
    d_real.add(w * td);
    g_real.add(w * tg);
    if (terms) { out.d_term_real[i] = td; out.g_term_real[i] = tg; }
    g1[i] = alpha * w * loss.df1(y - mg);
    h1[i] = alpha * w * loss.df2(y + mg);
  }
  for (std::size_t j = 0; j < n; ++j) {
    const double z = out.fake_relative[j] / T, v = weight(fw, j);
    const double td = loss.f2(z + mg), tg = loss.f1(z - mg);
    d_fake.add(v * td);
    g_fake.add(v * tg);
    if (terms) { out.d_term_fake[j] = td; out.g_term_fake[j] = tg; }
    g2[j] = beta * v * loss.df2(z + mg);
    h2[j] = beta * v * loss.df1(z - mg);
  }
  s.d_loss = alpha * to_double(d_real.value()) + beta * to_double(d_fake.value());
  s.g_loss = alpha * to_double(g_real.value()) + beta * to_double(g_fake.value());
  if (!gradients) return s;

  // Cross terms: how a score moves every other term through its reference.
  const double sg1 = sum_of(g1), sg2 = sum_of(g2), sh1 = sum_of(h1), sh2 = sum_of(h2);
  const bool cross = !o.detach_mean && o.relativism != Relativism::none;
  // One side's gradients: its own factors minus what reaches it through the
  // other side's reference (its mean, the centre, or its partner).
  const auto finish = [&](std::size_t count, const double* w, double total, const std::vector<double>& own_d,
                          const std::vector<double>& own_g, const std::vector<double>& other_d,
                          const std::vector<double>& other_g, double other_sd, double other_sg, double* out_d,
                          double* out_g) {
    for (std::size_t k = 0; k < count; ++k) {
      double cd = 0.0, cg = 0.0;
      if (cross) {
        const double share = weight(w, k) / total;
        switch (o.relativism) {
          case Relativism::average: cd = share * other_sd; cg = share * other_sg; break;
          case Relativism::centered: cd = 0.5 * share * (sg1 + sg2); cg = 0.5 * share * (sh1 + sh2); break;
          case Relativism::paired: cd = other_d[k]; cg = other_g[k]; break;
          default: break;
        }
      }
      out_d[k] = (own_d[k] - cd) / T;
      out_g[k] = (own_g[k] - cg) / T;
    }
  };
  finish(m, rw, wr, g1, h1, g2, h2, sg2, sh2, out.d_grad_real, out.g_grad_real);
  finish(n, fw, wf, g2, h2, g1, h1, sg1, sh1, out.d_grad_fake, out.g_grad_fake);
  return s;
}

namespace {

// One group's samples, gathered so that family_losses() sees plain arrays.
// One instance serves every group: its buffers keep their capacity.
struct Gathered {
  std::vector<double> real, fake, real_weights, fake_weights;
  std::vector<double> buffers[10];  // relative (2), gradients (4), terms (4)

  FamilyOutputs outputs(bool gradients, bool terms) {
    const std::size_t m = real.size(), n = fake.size();
    const std::size_t sizes[10] = {m, n, m, n, m, n, m, n, m, n};
    for (int b = 0; b < 10; ++b) buffers[b].resize(sizes[b]);
    FamilyOutputs o;
    o.real_relative = buffers[0].data();
    o.fake_relative = buffers[1].data();
    if (gradients) {
      o.d_grad_real = buffers[2].data(); o.d_grad_fake = buffers[3].data();
      o.g_grad_real = buffers[4].data(); o.g_grad_fake = buffers[5].data();
    }
    if (terms) {
      o.d_term_real = buffers[6].data(); o.d_term_fake = buffers[7].data();
      o.g_term_real = buffers[8].data(); o.g_term_fake = buffers[9].data();
    }
    return o;
  }
};

bool is_fast(const FamilyOptions& o, const double* rw, const double* fw) {
  return o.relativism == Relativism::average && o.loss == LossKind::logistic && !o.detach_mean &&
         o.temperature == 1.0 && o.margin == 0.0 && !rw && !fw;
}

// The default member on the SIMD fast path; the per-sample terms, when
// asked for, from its relative scores.
FamilySummary fast_group(const Gathered& p, const FamilyOutputs& o, Normalization normalization) {
  LossOutputs lo{o.real_relative, o.fake_relative, o.d_grad_real, o.d_grad_fake, o.g_grad_real, o.g_grad_fake};
  const LossReport report = average_losses(p.real.data(), p.real.size(), p.fake.data(), p.fake.size(), lo, normalization);
  if (o.d_term_real) {
    for (std::size_t i = 0; i < p.real.size(); ++i) {
      o.d_term_real[i] = softplus(-o.real_relative[i]);
      o.g_term_real[i] = softplus(o.real_relative[i]);
    }
    for (std::size_t j = 0; j < p.fake.size(); ++j) {
      o.d_term_fake[j] = softplus(o.fake_relative[j]);
      o.g_term_fake[j] = softplus(-o.fake_relative[j]);
    }
  }
  FamilySummary s;
  s.mean_real = report.summary.mean_real;
  s.mean_fake = report.summary.mean_fake;
  s.d_loss = report.summary.d_loss;
  s.g_loss = report.summary.g_loss;
  return s;
}

// (reward - mean) / std over the fakes of one group that carry weight;
// 0 where the spread is 0 (a group of one, or equal rewards).
void advantages_of(const std::size_t* index, std::size_t size, const double* reward, const double* weights,
                   double* advantage) {
  DoubleDoubleSum sum;
  std::size_t count = 0;
  for (std::size_t k = 0; k < size; ++k) {
    const std::size_t j = index[k];
    advantage[j] = 0.0;
    if (weight(weights, j) > 0.0) { sum.add(reward[j]); ++count; }
  }
  if (count < 2) return;
  const double mean = to_double(sum.value()) / static_cast<double>(count);
  DoubleDoubleSum squares;
  for (std::size_t k = 0; k < size; ++k)
    if (weight(weights, index[k]) > 0.0) squares.add((reward[index[k]] - mean) * (reward[index[k]] - mean));
  const double sd = std::sqrt(to_double(squares.value()) / static_cast<double>(count));
  if (!(sd > 0.0)) return;
  for (std::size_t k = 0; k < size; ++k)
    if (weight(weights, index[k]) > 0.0) advantage[index[k]] = (reward[index[k]] - mean) / sd;
}

// Ids that never decrease make every group a contiguous range.
bool ascending(const std::int32_t* ids, std::size_t count) {
  for (std::size_t k = 1; k < count; ++k)
    if (ids[k] < ids[k - 1]) return false;
  return true;
}

// The common grouped call (default member, ids ascending, no per-sample
// terms or rewards): each group's range goes straight through the SIMD
// kernel into its place in the outputs, with no gather and no scatter.
FamilySummary contiguous_fast(const double* real, const std::int32_t* rg, std::size_t m, const double* fake,
                              const std::int32_t* fg, std::size_t n, std::size_t group_count,
                              const FamilyOutputs& out, const GroupOutputs& groups, Normalization normalization) {
  const double scale = 1.0 / static_cast<double>(group_count);
  const bool gradients = out.d_grad_real != nullptr;
  DoubleDoubleSum d_total, g_total;
  std::size_t i0 = 0, j0 = 0;
  for (std::size_t g = 0; g < group_count; ++g) {
    std::size_t i1 = i0, j1 = j0;
    while (i1 < m && rg[i1] == static_cast<std::int32_t>(g)) ++i1;
    while (j1 < n && fg[j1] == static_cast<std::int32_t>(g)) ++j1;
    LossOutputs lo{out.real_relative + i0, out.fake_relative + j0, nullptr, nullptr, nullptr, nullptr};
    if (gradients) {
      lo.d_grad_real = out.d_grad_real + i0; lo.d_grad_fake = out.d_grad_fake + j0;
      lo.g_grad_real = out.g_grad_real + i0; lo.g_grad_fake = out.g_grad_fake + j0;
    }
    const LossSummary s = average_losses(real + i0, i1 - i0, fake + j0, j1 - j0, lo, normalization).summary;
    d_total.add(s.d_loss);
    g_total.add(s.g_loss);
    if (groups.d_loss) {
      groups.d_loss[g] = s.d_loss; groups.g_loss[g] = s.g_loss;
      groups.mean_real[g] = s.mean_real; groups.mean_fake[g] = s.mean_fake;
    }
    i0 = i1;
    j0 = j1;
  }
  if (gradients && group_count > 1) {
    for (double* grad : {out.d_grad_real, out.g_grad_real})
      for (std::size_t i = 0; i < m; ++i) grad[i] *= scale;
    for (double* grad : {out.d_grad_fake, out.g_grad_fake})
      for (std::size_t j = 0; j < n; ++j) grad[j] *= scale;
  }
  FamilySummary total;
  total.mean_real = mean_score(real, m);
  total.mean_fake = mean_score(fake, n);
  total.d_loss = scale * to_double(d_total.value());
  total.g_loss = scale * to_double(g_total.value());
  return total;
}

}  // namespace

FamilySummary grouped_losses(const double* real, const double* rw, const std::int32_t* rg, std::size_t m,
                             const double* fake, const double* fw, const std::int32_t* fg, std::size_t n,
                             std::size_t group_count, const FamilyOptions& options, const FamilyOutputs& out,
                             const RewardOutputs& rewards, const GroupOutputs& groups) {
  if (!rg || !fg) group_count = 1;
  if (rg && fg && is_fast(options, rw, fw) && !out.d_term_real && !rewards.reward_real && ascending(rg, m) &&
      ascending(fg, n))
    return contiguous_fast(real, rg, m, fake, fg, n, group_count, out, groups, options.normalization);
  // Samples ordered by group (a counting sort), so each group is a range.
  std::vector<std::size_t> real_start(group_count + 1, 0), fake_start(group_count + 1, 0);
  for (std::size_t i = 0; i < m; ++i) ++real_start[(rg && fg ? rg[i] : 0) + 1];
  for (std::size_t j = 0; j < n; ++j) ++fake_start[(rg && fg ? fg[j] : 0) + 1];
  for (std::size_t g = 0; g < group_count; ++g) {
    real_start[g + 1] += real_start[g];
    fake_start[g + 1] += fake_start[g];
  }
  std::vector<std::size_t> real_order(m), fake_order(n);
  {
    std::vector<std::size_t> r_next(real_start.begin(), real_start.end() - 1), f_next(fake_start.begin(), fake_start.end() - 1);
    for (std::size_t i = 0; i < m; ++i) real_order[r_next[rg && fg ? rg[i] : 0]++] = i;
    for (std::size_t j = 0; j < n; ++j) fake_order[f_next[rg && fg ? fg[j] : 0]++] = j;
  }

  const bool want_rewards = rewards.reward_real != nullptr;
  const bool gradients = out.d_grad_real != nullptr || want_rewards;  // credits need them
  const bool terms = out.d_term_real != nullptr || want_rewards;      // rewards need them
  const bool fast = is_fast(options, rw, fw);
  const double scale = 1.0 / static_cast<double>(group_count);
  DoubleDoubleSum d_total, g_total;
  Gathered p;
  for (std::size_t g = 0; g < group_count; ++g) {
    const std::size_t* ri = real_order.data() + real_start[g];
    const std::size_t* fi = fake_order.data() + fake_start[g];
    const std::size_t mg = real_start[g + 1] - real_start[g], ng = fake_start[g + 1] - fake_start[g];
    p.real.resize(mg); p.real_weights.resize(mg); p.fake.resize(ng); p.fake_weights.resize(ng);
    for (std::size_t k = 0; k < mg; ++k) { p.real[k] = real[ri[k]]; p.real_weights[k] = weight(rw, ri[k]); }
    for (std::size_t k = 0; k < ng; ++k) { p.fake[k] = fake[fi[k]]; p.fake_weights[k] = weight(fw, fi[k]); }
    const FamilyOutputs o = p.outputs(gradients, terms);
    const FamilySummary s = fast ? fast_group(p, o, options.normalization)
        : family_losses(p.real.data(), rw ? p.real_weights.data() : nullptr, mg,
                        p.fake.data(), fw ? p.fake_weights.data() : nullptr, ng, options, o);
    d_total.add(s.d_loss);
    g_total.add(s.g_loss);
    if (groups.d_loss) {
      groups.d_loss[g] = s.d_loss; groups.g_loss[g] = s.g_loss;
      groups.mean_real[g] = s.mean_real; groups.mean_fake[g] = s.mean_fake;
    }
    const double count = static_cast<double>(p.real.size() + p.fake.size());
    for (std::size_t k = 0; k < mg; ++k) {
      const std::size_t i = ri[k];
      out.real_relative[i] = o.real_relative[k];
      if (out.d_grad_real) { out.d_grad_real[i] = scale * o.d_grad_real[k]; out.g_grad_real[i] = scale * o.g_grad_real[k]; }
      if (out.d_term_real) { out.d_term_real[i] = o.d_term_real[k]; out.g_term_real[i] = o.g_term_real[k]; }
      if (want_rewards) { rewards.reward_real[i] = -o.d_term_real[k]; rewards.credit_real[i] = -count * o.d_grad_real[k]; }
    }
    for (std::size_t k = 0; k < ng; ++k) {
      const std::size_t j = fi[k];
      out.fake_relative[j] = o.fake_relative[k];
      if (out.d_grad_fake) { out.d_grad_fake[j] = scale * o.d_grad_fake[k]; out.g_grad_fake[j] = scale * o.g_grad_fake[k]; }
      if (out.d_term_fake) { out.d_term_fake[j] = o.d_term_fake[k]; out.g_term_fake[j] = o.g_term_fake[k]; }
      if (want_rewards) { rewards.reward_fake[j] = -o.g_term_fake[k]; rewards.credit_fake[j] = -count * o.g_grad_fake[k]; }
    }
    if (want_rewards) advantages_of(fi, ng, rewards.reward_fake, fw, rewards.advantages);
  }
  // Overall means over all samples, weighted.
  const Side sr = weighted_mean(real, rw, m), sf = weighted_mean(fake, fw, n);
  FamilySummary total;
  total.mean_real = to_double(sr.mean);
  total.mean_fake = to_double(sf.mean);
  total.d_loss = scale * to_double(d_total.value());
  total.g_loss = scale * to_double(g_total.value());
  return total;
}

}  // namespace relativistic

