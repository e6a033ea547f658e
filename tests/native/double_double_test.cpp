// The error-free transformations are exact: checked against MPFR.
#include "double_double.hpp"

#include <gtest/gtest.h>

#include <random>

#include "oracle.hpp"

namespace {

using relativistic::DoubleDouble;

oracle::Real exact(DoubleDouble x) { return oracle::Real(x.hi) + oracle::Real(x.lo); }

TEST(DoubleDouble, TwoSumAndTwoProdAreExact) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> mantissa(-1, 1);
  std::uniform_int_distribution<int> exponent(-60, 60);
  for (int i = 0; i < 2000; ++i) {
    const double a = std::ldexp(mantissa(rng), exponent(rng)), b = std::ldexp(mantissa(rng), exponent(rng));
    const oracle::Real sum = oracle::Real(a) + oracle::Real(b), product = oracle::Real(a) * oracle::Real(b);
    EXPECT_EQ(mpfr_cmp(exact(relativistic::two_sum(a, b)).get(), sum.get()), 0);
    EXPECT_EQ(mpfr_cmp(exact(relativistic::two_prod(a, b)).get(), product.get()), 0);
  }
}

TEST(DoubleDouble, SumKeepsSmallPartsUnderALargeOffset) {
  relativistic::DoubleDoubleSum sum;
  oracle::Real reference;
  for (int i = 0; i < 1000; ++i) {
    const double x = 1e12 + 0.001 * i + 1e-7;
    sum.add(x);
    reference = reference + oracle::Real(x);
  }
  const oracle::Real err = exact(sum.value()) - reference;
  EXPECT_LE(std::fabs(err.to_double()), 1e-30 * std::fabs(reference.to_double()));
}

TEST(DoubleDouble, ExactSumOfTermsThatCancel) {
  const std::vector<double> xs = {1e300, 1e-300, 1.0, -1e300, 1e-10, 5e-324, -1.0, 3e200, -3e200};
  // The exact sum is 1e-10 + 1e-300 + 5e-324, by hand; its double-double
  // rounding drops the 5e-324.
  const DoubleDouble got = relativistic::exact_sum(xs.data(), xs.size());
  EXPECT_EQ(got.hi, 1e-10);
  EXPECT_EQ(got.lo, 1e-300);
  EXPECT_EQ(relativistic::exact_sum(xs.data(), 0).hi, 0.0);
}

TEST(DoubleDouble, DivisionByACount) {
  for (double n : {3.0, 7.0, 11.0, 400.0, 50000.0}) {
    const DoubleDouble x = relativistic::two_sum(1e12 * n + 1.0 / 3.0, 1e-9);
    const DoubleDouble q = relativistic::divide(x, n);
    const oracle::Real expected = exact(x) / oracle::Real(n);
    const oracle::Real err = exact(q) - expected;
    EXPECT_LE(std::fabs(err.to_double()), 0x1p-100 * std::fabs(expected.to_double())) << n;
  }
  // A quotient that is a double comes out exactly.
  const DoubleDouble q = relativistic::divide(relativistic::two_sum(3e12, 6.0), 3.0);
  EXPECT_EQ(q.hi, 1e12 + 2);
  EXPECT_EQ(q.lo, 0.0);
}

}  // namespace
