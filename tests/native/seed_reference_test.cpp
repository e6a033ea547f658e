// Seed mode against outputs of the seed's own Python code (CPython 3.11,
// values pasted from running it) and Python's round(x, 6).
#include "seed_reference.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "oracle.hpp"

namespace {

using Scores = std::vector<double>;

struct Seed {
  double d_loss, g_loss;
  Scores real_relative, fake_relative;
};

Seed run(const Scores& real, const Scores& fake) {
  Seed s;
  s.real_relative.resize(real.size());
  s.fake_relative.resize(fake.size());
  const auto summary = relativistic::seed_reference(real.data(), real.size(), fake.data(), fake.size(),
                                                    s.real_relative.data(), s.fake_relative.data());
  s.d_loss = summary.d_loss;
  s.g_loss = summary.g_loss;
  return s;
}

// Each expected value is what CPython's round(x, 6) returned for x.
TEST(PythonRound6, MatchesCPython) {
  struct Case { double x, rounded; };
  const Case cases[] = {
      {0.0078125, 0.007812},   // a tie in binary: to even
      {0.0234375, 0.023438},   // a tie: to even, upwards
      {-0.0078125, -0.007812},
      {2.5e-6, 3e-06},         // the double is just above the tie
      {3.5e-6, 3e-06},         // just below
      {-2.5e-6, -3e-06},
      {1.0000005, 1.000001},
      {4.5e-7, 0.0},
      {5e-7, 0.0},
      {123456789.0000005, 123456789.000001},
      {5000000000.000001, 5000000000.000001},  // past 2^52 / 1e6
      {8099781783.2182255, 8099781783.218225},  // here the decimal rounds to a neighbour
      {8322640736.2171135, 8322640736.217113},
      {5003249115.2689495, 5003249115.26895},
      {5365494687.7071495, 5365494687.70715},
      {8074264567.1797085, 8074264567.179708},
      {-8099781783.2182255, -8099781783.218225},
      {7400955239.994677, 7400955239.994677},   // and here it does not
      {6350647530.866337, 6350647530.866337},
      {4503599627.370497, 4503599627.370497},
      {8589934592.000002, 8589934592.000002},
      {1234567890123456.8, 1234567890123456.8},
      {1000000000000000.1, 1000000000000000.1},
      {3.333333333333333e+19, 3.333333333333333e+19},
      {0.30000000000000004, 0.3},
      {2.675, 2.675},
  };
  for (const Case& c : cases) EXPECT_EQ(relativistic::python_round6(c.x), c.rounded) << c.x;
  EXPECT_TRUE(std::signbit(relativistic::python_round6(-5e-7)));  // Python gives -0.0
  EXPECT_FALSE(std::signbit(relativistic::python_round6(5e-7)));
}

// Python's rule by definition, in MPFR: round x * 10^6 half to even, divide
// by 10^6, round to the nearest double.
double mpfr_round6(double x) {
  mpfr_t v;
  mpfr_init2(v, 320);
  mpfr_set_d(v, x, MPFR_RNDN);
  mpfr_mul_ui(v, v, 1000000, MPFR_RNDN);  // exact at 320 bits
  mpfr_rint(v, v, MPFR_RNDN);             // ties to even
  mpfr_div_ui(v, v, 1000000, MPFR_RNDN);
  const double r = mpfr_get_d(v, MPFR_RNDN);
  mpfr_clear(v);
  return r;
}

TEST(PythonRound6, MatchesTheDefinitionAcrossMagnitudes) {
  std::mt19937_64 rng(8);
  std::uniform_real_distribution<double> unit(-1, 1);
  for (double scale : {1e-6, 1e-3, 1.0, 1e3, 4.4e9, 6e9, 8.5e9, 1e10, 1e15}) {
    for (int i = 0; i < 5000; ++i) {
      const double x = unit(rng) * scale;
      ASSERT_EQ(relativistic::python_round6(x), mpfr_round6(x)) << x;
    }
  }
}

TEST(SeedReference, SeedExample) {
  const Seed s = run({2, 1.5, 1.8}, {0.5, 0.3, 0.1});
  EXPECT_EQ(s.d_loss, 0.210218);
  EXPECT_EQ(s.g_loss, 1.676885);
  EXPECT_EQ(s.real_relative, (Scores{1.7, 1.2, 1.5}));
  EXPECT_EQ(s.fake_relative, (Scores{-1.266667, -1.466667, -1.666667}));
}

TEST(SeedReference, KeepsTheSeedsLossOfDigitsAndClamp) {
  // 1 - sigmoid(25) by subtraction: the seed says 24.999998, exact is 25.
  const Seed near = run({25}, {0});
  EXPECT_EQ(near.d_loss, 0.0);
  EXPECT_EQ(near.g_loss, 24.999998);
  // Past |x| ~ 27.6 every term is clamped at -log(1e-12) = 27.631021.
  const Seed clamped = run({40}, {0});
  EXPECT_EQ(clamped.g_loss, 27.631021);
  EXPECT_EQ(clamped.real_relative, Scores{40.0});
  EXPECT_EQ(clamped.fake_relative, Scores{-40.0});
}

TEST(SeedReference, MoreCasesFromTheSeedsCode) {
  const Seed a = run({1, 2, 3}, {0.5, 0});
  EXPECT_EQ(a.d_loss, 0.187481);
  EXPECT_EQ(a.g_loss, 1.937481);
  EXPECT_EQ(a.real_relative, (Scores{0.75, 1.75, 2.75}));
  EXPECT_EQ(a.fake_relative, (Scores{-1.5, -2.0}));

  const Seed b = run({0.0078125, 1e10 + 0.0234375}, {0.5});
  EXPECT_EQ(b.d_loss, 0.323074);
  EXPECT_EQ(b.g_loss, 18.579692);
  EXPECT_EQ(b.real_relative, (Scores{-0.492188, 9999999999.523438}));
  EXPECT_EQ(b.fake_relative, (Scores{-4999999999.515625}));

  const Seed c = run({1e12 + 0.1, 1e12 + 0.2}, {1e12, 1e12 - 0.3, 1e12 + 0.7});
  EXPECT_EQ(c.d_loss, 0.698024);
  EXPECT_EQ(c.g_loss, 0.71465);
  EXPECT_EQ(c.real_relative, (Scores{-0.033325, 0.06665}));
  EXPECT_EQ(c.fake_relative, (Scores{-0.149902, -0.449951, 0.550049}));
}

}  // namespace
