"""Fits the polynomials of cpp/vector_math.hpp with mpmath (near-minimax,
Chebyshev-based) and prints them as C++ constants with their worst error.

    python3 scripts/fit_polynomials.py

Not part of the build: the constants are committed; this shows where they
came from and lets anyone refit them. The tests check the result against
MPFR over the whole range, so nothing here is taken on trust.
"""
import mpmath as mp

mp.mp.prec = 200


def fit(name, f, lo, hi, degree):
    coeffs, err = mp.chebyfit(f, [lo, hi], degree + 1, error=True)
    coeffs = [float(c) for c in reversed(coeffs)]  # lowest degree first
    # Worst relative error of the rounded coefficients, on a dense grid.
    worst = mp.mpf(0)
    for i in range(4001):
        x = lo + (hi - lo) * mp.mpf(i) / 4000
        p = mp.mpf(0)
        for c in reversed(coeffs):
            p = p * x + mp.mpf(c)
        fx = f(x)
        if fx != 0:
            worst = max(worst, abs(p - fx) / abs(fx))
    print(f"// {name}: degree {degree} on [{float(lo):.6g}, {float(hi):.6g}], "
          f"worst relative error {float(worst):.2e}")
    print(f"constexpr double k{name}[] = {{")
    for c in coeffs:
        print(f"    {c!r},")
    print("};")


# exp(r) for the reduced argument r = k ln2 - t: |r| <= ln2 / 2, widened a
# little because k comes from a rounded product.
fit("Exp", mp.exp, mp.mpf(-0.35), mp.mpf(0.35), 11)

# log((1+s)/(1-s)) = 2s + s*w*R(w), w = s^2, |s| <= (sqrt2-1)/(sqrt2+1).
s_max = (mp.sqrt(2) - 1) / (mp.sqrt(2) + 1)


def atanh_tail(w):
    if w == 0:
        return mp.mpf(2) / 3
    s = mp.sqrt(w)
    return (mp.log((1 + s) / (1 - s)) - 2 * s) / (s * w)


fit("LogTail", atanh_tail, mp.mpf(0), s_max ** 2, 6)
