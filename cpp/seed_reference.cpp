// The seed's algorithm, kept in the seed's order of operations on purpose.
#include "seed_reference.hpp"

#include <cmath>

#include "double_double.hpp"

namespace relativistic {

double python_round6(double x) {
  constexpr double kScale = 1e6;  // exact in binary
  // x * 1e6 exactly, as hi + lo.
  const DoubleDouble y = two_prod(x, kScale);
  if (std::fabs(y.hi) < 0.5) return std::copysign(0.0, x);  // |x * 1e6| < 0.5
  if (std::fabs(y.hi) < 0x1p52) {
    // hi - floor(hi) and that minus 0.5 are exact here, and the sign of a
    // rounded sum is the sign of the exact one: c is exactly as signed as
    // frac(x * 1e6) - 0.5.
    const double floor_hi = std::floor(y.hi);
    const double c = ((y.hi - floor_hi) - 0.5) + y.lo;
    double k = floor_hi;
    if (c > 0.0 || (c == 0.0 && std::fmod(floor_hi, 2.0) != 0.0)) k += 1.0;
    // k and 1e6 are exact doubles, so one correctly rounded division gives
    // the double nearest to the decimal k / 10^6, as Python's strtod does.
    return std::copysign(k / kScale, x);
  }
  // From here x * 1e6 >= 2^52 is an integer plus lo, |lo| <= 1/2, and the
  // decimal k / 10^6 lies within 5e-7 of x.
  if (std::fabs(x) >= 0x1p33) return x;  // ulp(x) >= 2^-19: x is the nearest double
  // 4.5e9 < |x| < 2^33: ulp(x) = 2^-20, so k / 10^6 may round to a neighbour.
  double k = y.hi;
  if (std::fabs(y.lo) == 0.5 && std::fmod(y.hi, 2.0) != 0.0) k += 2.0 * y.lo;  // a tie: to even
  const double delta = (k - y.hi) - y.lo;       // k - x * 1e6, exact
  constexpr double kHalfUlp = 1e6 * 0x1p-21;    // half of ulp(x), in units of 1e-6
  // k / 10^6 is never exactly halfway between two doubles here: a midpoint
  // is an odd multiple of 2^-21, and 10^6 times it is no integer.
  if (std::fabs(delta) < kHalfUlp) return x;
  return std::nextafter(x, delta > 0 ? INFINITY : -INFINITY);
}

namespace {

// The seed's sigmoid, branch for branch.
double seed_sigmoid(double x) {
  if (x >= 0.0) return 1.0 / (1.0 + std::exp(-x));
  const double ex = std::exp(x);
  return ex / (1.0 + ex);
}

double seed_mean(const double* scores, std::size_t count) {
  double sum = 0.0;  // Python's sum(), left to right (CPython <= 3.11)
  for (std::size_t i = 0; i < count; ++i) sum += scores[i];
  return sum / static_cast<double>(count);
}

double clamped_log(double p) { return std::log(std::fmax(p, 1e-12)); }

}  // namespace

SeedSummary seed_reference(const double* real, std::size_t m,
                           const double* fake, std::size_t n,
                           double* real_relative, double* fake_relative) {
  const double mean_real = seed_mean(real, m);
  const double mean_fake = seed_mean(fake, n);
  const double pooled = static_cast<double>(m + n);

  double d_loss = 0.0;
  for (std::size_t i = 0; i < m; ++i) d_loss -= clamped_log(seed_sigmoid(real[i] - mean_fake));
  for (std::size_t j = 0; j < n; ++j) d_loss -= clamped_log(1.0 - seed_sigmoid(fake[j] - mean_real));
  d_loss /= pooled;

  double g_loss = 0.0;
  for (std::size_t j = 0; j < n; ++j) g_loss -= clamped_log(seed_sigmoid(fake[j] - mean_real));
  for (std::size_t i = 0; i < m; ++i) g_loss -= clamped_log(1.0 - seed_sigmoid(real[i] - mean_fake));
  g_loss /= pooled;

  for (std::size_t i = 0; i < m; ++i) real_relative[i] = python_round6(real[i] - mean_fake);
  for (std::size_t j = 0; j < n; ++j) fake_relative[j] = python_round6(fake[j] - mean_real);
  return {python_round6(d_loss), python_round6(g_loss)};
}

}  // namespace relativistic
