// Error-free transformations and double-double accumulators.
//
// These are exact only under strict IEEE-754 double arithmetic: the build
// must not use -ffast-math nor contract a*b+c into an FMA (-ffp-contract=off).
#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

namespace relativistic {

// An unevaluated sum hi + lo with |lo| <= ulp(hi) / 2: about 106 bits.
struct DoubleDouble {
  double hi = 0.0;
  double lo = 0.0;
};

// s + e == a + b exactly (Knuth's TwoSum; no condition on the magnitudes).
inline DoubleDouble two_sum(double a, double b) {
  const double s = a + b;
  const double bb = s - a;
  const double e = (a - (s - bb)) + (b - bb);
  return {s, e};
}

// s + e == a + b exactly, provided |a| >= |b| or a == 0 (Dekker's FastTwoSum).
inline DoubleDouble fast_two_sum(double a, double b) {
  const double s = a + b;
  return {s, b - (s - a)};
}

// p + e == a * b exactly unless the product underflows.
inline DoubleDouble two_prod(double a, double b) {
  const double p = a * b;
  return {p, std::fma(a, b, -p)};
}

inline DoubleDouble add(DoubleDouble x, double y) {
  const DoubleDouble s = two_sum(x.hi, y);
  return fast_two_sum(s.hi, s.lo + x.lo);
}

// The accurate double-double addition (Shewchuk / QD "ieee_add").
inline DoubleDouble add(DoubleDouble x, DoubleDouble y) {
  DoubleDouble s = two_sum(x.hi, y.hi);
  const DoubleDouble t = two_sum(x.lo, y.lo);
  s.lo += t.hi;
  s = fast_two_sum(s.hi, s.lo);
  s.lo += t.lo;
  return fast_two_sum(s.hi, s.lo);
}

inline DoubleDouble negate(DoubleDouble x) { return {-x.hi, -x.lo}; }

// x / d for a double d, to about 2^-104 relative. A quotient that is exactly
// a double comes out exactly (lo == 0), which keeps r - mean(r) == 0 exact.
inline DoubleDouble divide(DoubleDouble x, double d) {
  const double q1 = x.hi / d;
  const DoubleDouble p = two_prod(q1, d);
  const double remainder = ((x.hi - p.hi) - p.lo) + x.lo;
  const double q2 = remainder / d;
  return fast_two_sum(q1, q2);
}

// Rounds hi + lo to the nearest double (hi already is, for normalised pairs).
inline double to_double(DoubleDouble x) { return x.hi + x.lo; }

// Sum of a sequence of doubles carried in double-double: the error is about
// n * 2^-106 * sum |x_i|, so the mean of 1e12 + small scores keeps the small
// part to full precision.
class DoubleDoubleSum {
 public:
  void add(double x) { total_ = relativistic::add(total_, x); }
  void add(DoubleDouble x) { total_ = relativistic::add(total_, x); }
  DoubleDouble value() const { return total_; }

 private:
  DoubleDouble total_;
};

// The exact sum of the doubles, rounded to double-double: Shewchuk's
// non-overlapping partials (the algorithm of Python's math.fsum). Slower
// than DoubleDoubleSum; for inputs that cancel across more than 106 bits.
inline DoubleDouble exact_sum(const double* xs, std::size_t count) {
  std::vector<double> partials;  // increasing magnitude, non-overlapping
  for (std::size_t i = 0; i < count; ++i) {
    double x = xs[i];
    std::size_t kept = 0;
    for (double p : partials) {
      const DoubleDouble t = two_sum(x, p);
      if (t.lo != 0.0) partials[kept++] = t.lo;
      x = t.hi;
    }
    partials.resize(kept);
    partials.push_back(x);
  }
  // Adding from the smallest keeps every carried digit.
  DoubleDouble total;
  for (double p : partials) total = add(total, p);
  return total;
}

}  // namespace relativistic
