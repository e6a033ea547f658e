// Softplus and sigmoid in forms that neither overflow nor lose digits.
#pragma once

#include <cmath>

namespace relativistic {

// softplus(x) = log(1 + e^x) = -log(sigmoid(-x)) = -log(1 - sigmoid(x)).
// max(x, 0) + log1p(e^-|x|) never overflows, and log1p keeps the digits of
// e^x when it is tiny; both terms are >= 0, so nothing cancels.
inline double softplus(double x) {
  return std::fmax(x, 0.0) + std::log1p(std::exp(-std::fabs(x)));
}

// sigmoid(x) = 1 / (1 + e^-x). Each branch only ever exponentiates a
// non-positive number, so 1 - sigmoid(x) is computed as sigmoid(-x), never
// by subtraction.
inline double sigmoid(double x) {
  if (x >= 0.0) return 1.0 / (1.0 + std::exp(-x));
  const double e = std::exp(x);
  return e / (1.0 + e);
}

}  // namespace relativistic
