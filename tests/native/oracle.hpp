// An independent high-precision oracle (MPFR) for the relativistic average
// losses and their gradients, written from the formulas in the notes, not
// from the core: plain definitions, no stable rewrites, no shared code.
#pragma once

#include <mpfr.h>

#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

namespace oracle {

constexpr mpfr_prec_t kBits = 320;

// A minimal RAII MPFR number; every operation rounds to nearest at kBits.
class Real {
 public:
  Real() { mpfr_init2(v_, kBits); mpfr_set_zero(v_, 1); }
  Real(double x) { mpfr_init2(v_, kBits); mpfr_set_d(v_, x, MPFR_RNDN); }  // exact
  Real(const Real& o) { mpfr_init2(v_, kBits); mpfr_set(v_, o.v_, MPFR_RNDN); }
  Real& operator=(const Real& o) { mpfr_set(v_, o.v_, MPFR_RNDN); return *this; }
  ~Real() { mpfr_clear(v_); }

  double to_double() const { return mpfr_get_d(v_, MPFR_RNDN); }
  mpfr_ptr get() { return v_; }
  mpfr_srcptr get() const { return v_; }

  friend Real operator+(const Real& a, const Real& b) { Real r; mpfr_add(r.v_, a.v_, b.v_, MPFR_RNDN); return r; }
  friend Real operator-(const Real& a, const Real& b) { Real r; mpfr_sub(r.v_, a.v_, b.v_, MPFR_RNDN); return r; }
  friend Real operator*(const Real& a, const Real& b) { Real r; mpfr_mul(r.v_, a.v_, b.v_, MPFR_RNDN); return r; }
  friend Real operator/(const Real& a, const Real& b) { Real r; mpfr_div(r.v_, a.v_, b.v_, MPFR_RNDN); return r; }
  Real operator-() const { Real r; mpfr_neg(r.v_, v_, MPFR_RNDN); return r; }

 private:
  mpfr_t v_;
};

inline Real exp(const Real& x) { Real r; mpfr_exp(r.get(), x.get(), MPFR_RNDN); return r; }
inline Real log1p(const Real& x) { Real r; mpfr_log1p(r.get(), x.get(), MPFR_RNDN); return r; }
inline Real log(const Real& x) { Real r; mpfr_log(r.get(), x.get(), MPFR_RNDN); return r; }

// -log(sigmoid(x)) by its definition: -log(1 / (1 + e^-x)) = log1p(e^-x).
// MPFR's exponents reach 2^62, so e^-x overflows only for x < -3e18; there
// log1p(e^-x) = -x + log1p(e^x) to far more than 320 bits.
inline Real neg_log_sigmoid(const Real& x) {
  if (x.to_double() < -1e18) return -x + log1p(exp(x));
  return log1p(exp(-x));
}
inline Real sigmoid(const Real& x) { return Real(1.0) / (Real(1.0) + exp(-x)); }

// Any sum of doubles is exact at 2400 bits (they span 2^-1074 .. 2^1024),
// so means and relative scores lose nothing however the scores cancel.
constexpr mpfr_prec_t kExactBits = 2400;

class ExactMean {
 public:
  explicit ExactMean(const std::vector<double>& xs) {
    mpfr_init2(mean_, kExactBits);
    mpfr_set_zero(mean_, 1);
    for (double y : xs) mpfr_add_d(mean_, mean_, y, MPFR_RNDN);
    mpfr_div_ui(mean_, mean_, xs.size(), MPFR_RNDN);
  }
  ExactMean(const ExactMean&) = delete;
  ExactMean& operator=(const ExactMean&) = delete;
  ~ExactMean() { mpfr_clear(mean_); }

  // x - mean, exact until the one rounding to kBits.
  Real relative(double x) const {
    mpfr_t wide;
    mpfr_init2(wide, kExactBits);
    mpfr_set_d(wide, x, MPFR_RNDN);
    mpfr_sub(wide, wide, mean_, MPFR_RNDN);
    Real r;
    mpfr_set(r.get(), wide, MPFR_RNDN);
    mpfr_clear(wide);
    return r;
  }
  Real value() const { return -relative(0.0); }

 private:
  mpfr_t mean_;
};

struct Exact {
  Real mean_real, mean_fake, d_loss, g_loss;
  std::vector<Real> real_relative, fake_relative;
  std::vector<Real> d_grad_real, d_grad_fake, g_grad_real, g_grad_fake;
};

// The seed's losses with exact arithmetic (pooled 1/N), and the gradients of
// the notes: dD/dr_k = (s(a_k) - 1)/N - (1/(mN)) sum_j s(b_j), and so on.
inline Exact losses(const std::vector<double>& real, const std::vector<double>& fake) {
  Exact e;
  const std::size_t m = real.size(), n = fake.size();
  const Real N(static_cast<double>(m + n)), M(static_cast<double>(m)), Nf(static_cast<double>(n));
  const ExactMean exact_real(real), exact_fake(fake);
  e.mean_real = exact_real.value();
  e.mean_fake = exact_fake.value();
  // 1 - s(x) is taken as s(-x): at 320 bits the subtraction would still lose
  // everything once s(x) is within 1e-96 of 1.
  Real d, g, sum_s_a, sum_s_b, sum_1ms_a, sum_1ms_b;
  for (double r : real) {
    const Real a = exact_fake.relative(r);
    e.real_relative.push_back(a);
    d = d + neg_log_sigmoid(a);    // -log s(a)
    g = g + neg_log_sigmoid(-a);   // -log(1 - s(a)) = -log s(-a)
    sum_s_a = sum_s_a + sigmoid(a);
    sum_1ms_a = sum_1ms_a + sigmoid(-a);
  }
  for (double f : fake) {
    const Real b = exact_real.relative(f);
    e.fake_relative.push_back(b);
    d = d + neg_log_sigmoid(-b);
    g = g + neg_log_sigmoid(b);
    sum_s_b = sum_s_b + sigmoid(b);
    sum_1ms_b = sum_1ms_b + sigmoid(-b);
  }
  e.d_loss = d / N;
  e.g_loss = g / N;
  for (const Real& a : e.real_relative) {
    e.d_grad_real.push_back(-sigmoid(-a) / N - sum_s_b / (M * N));
    e.g_grad_real.push_back(sigmoid(a) / N + sum_1ms_b / (M * N));
  }
  for (const Real& b : e.fake_relative) {
    e.d_grad_fake.push_back(sigmoid(b) / N + sum_1ms_a / (Nf * N));
    e.g_grad_fake.push_back(-sigmoid(-b) / N - sum_s_a / (Nf * N));
  }
  return e;
}

// Relative error of a double against the exact value, with an absolute
// floor of a few subnormal ulps for results that underflow.
inline double relative_error(double got, const Real& exact) {
  const Real diff = Real(got) - exact;
  const double err = std::fabs(diff.to_double());
  const double scale = std::fabs(exact.to_double());
  if (err <= 4 * 0x1p-1074) return 0.0;
  return scale == 0.0 ? INFINITY : err / scale;
}

}  // namespace oracle

namespace oracle {

// Both losses straight from the seed's definition at high precision, for
// inputs that are not doubles (finite differences perturb them by 2^-120).
inline std::pair<Real, Real> pooled_losses(const std::vector<Real>& real,
                                           const std::vector<Real>& fake) {
  Real mr, mf;
  for (const Real& r : real) mr = mr + r;
  for (const Real& f : fake) mf = mf + f;
  mr = mr / Real(static_cast<double>(real.size()));
  mf = mf / Real(static_cast<double>(fake.size()));
  Real d, g;
  for (const Real& r : real) {
    d = d - log(sigmoid(r - mf));
    g = g - log(Real(1.0) - sigmoid(r - mf));
  }
  for (const Real& f : fake) {
    d = d - log(Real(1.0) - sigmoid(f - mr));
    g = g - log(sigmoid(f - mr));
  }
  const Real N(static_cast<double>(real.size() + fake.size()));
  return {d / N, g / N};
}

}  // namespace oracle
