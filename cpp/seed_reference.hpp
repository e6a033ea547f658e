// Seed mode: deep-ml problem 268's reference solution, digit for digit.
//
// It clamps each probability at 1e-12 before the log, forms 1 - sigmoid by
// subtraction, sums left to right, divides by m + n and rounds every output
// as Python's round(x, 6) does. Use average_losses() for exact values; this
// exists so that results can be matched against the seed's.
#pragma once

#include <cstddef>

namespace relativistic {

struct SeedSummary {
  double d_loss = 0.0;
  double g_loss = 0.0;
};

// Python's round(x, 6): the exact binary value of x rounded to 6 decimals,
// ties to even, then read back as the nearest double (so 0.0078125 -> 0.007812
// and 0.0234375 -> 0.023438). Finite x only.
double python_round6(double x);

// Preconditions as for average_losses(). Writes the rounded relative scores.
SeedSummary seed_reference(const double* real, std::size_t m,
                           const double* fake, std::size_t n,
                           double* real_relative, double* fake_relative);

}  // namespace relativistic
