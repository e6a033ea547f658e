// The family engine: the default member agrees with the fast path, the
// notes' anchors hold, and every combination's gradients match central
// differences of its own losses (h = 1e-6).
#include "family.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "relativistic.hpp"

namespace {

using relativistic::FamilyOptions;
using relativistic::LossKind;
using relativistic::Normalization;
using relativistic::Relativism;
using Scores = std::vector<double>;

struct Result {
  relativistic::FamilySummary s;
  Scores rel_r, rel_f, dr, df, gr, gf, tdr, tdf, tgr, tgf;
};

Result family(const Scores& r, const Scores& f, const FamilyOptions& o, const Scores* wr = nullptr,
           const Scores* wf = nullptr) {
  Result x;
  const std::size_t m = r.size(), n = f.size();
  for (Scores* v : {&x.rel_r, &x.dr, &x.gr, &x.tdr, &x.tgr}) v->assign(m, 0.0);
  for (Scores* v : {&x.rel_f, &x.df, &x.gf, &x.tdf, &x.tgf}) v->assign(n, 0.0);
  relativistic::FamilyOutputs out;
  out.real_relative = x.rel_r.data(); out.fake_relative = x.rel_f.data();
  out.d_grad_real = x.dr.data(); out.d_grad_fake = x.df.data();
  out.g_grad_real = x.gr.data(); out.g_grad_fake = x.gf.data();
  out.d_term_real = x.tdr.data(); out.d_term_fake = x.tdf.data();
  out.g_term_real = x.tgr.data(); out.g_term_fake = x.tgf.data();
  x.s = relativistic::family_losses(r.data(), wr ? wr->data() : nullptr, m, f.data(), wf ? wf->data() : nullptr, n, o, out);
  return x;
}

// The two implementations (SIMD kernel, scalar engine) of average logistic,
// under every normalisation: all outputs agree to a few ulps.
TEST(Family, AverageLogisticAgreesWithTheFastPathUnderEveryNormalization) {
  const Scores r = {2, 1.5, 1.8, -0.25, 3.5}, f = {0.5, 0.3, 0.1};
  for (int norm = 0; norm < 3; ++norm) {
    FamilyOptions o;
    o.normalization = static_cast<Normalization>(norm);
    const Result x = family(r, f, o);
    Scores rr(5), fr(3), g[4] = {Scores(5), Scores(3), Scores(5), Scores(3)};
    relativistic::LossOutputs out{rr.data(), fr.data(), g[0].data(), g[1].data(), g[2].data(), g[3].data()};
    const auto fast = relativistic::average_losses(r.data(), 5, f.data(), 3, out, o.normalization);
    const auto near = [](double a, double b) { return std::fabs(a - b) <= 4e-16 * std::fabs(b) + 1e-300; };
    EXPECT_TRUE(near(fast.summary.d_loss, x.s.d_loss)) << norm;
    EXPECT_TRUE(near(fast.summary.g_loss, x.s.g_loss)) << norm;
    for (int i = 0; i < 5; ++i) {
      EXPECT_TRUE(near(g[0][i], x.dr[i])) << norm << " dr " << i;
      EXPECT_TRUE(near(g[2][i], x.gr[i])) << norm << " gr " << i;
    }
    for (int j = 0; j < 3; ++j) {
      EXPECT_TRUE(near(g[1][j], x.df[j])) << norm << " df " << j;
      EXPECT_TRUE(near(g[3][j], x.gf[j])) << norm << " gf " << j;
    }
  }
}

// The notes' anchors, r = [1, 2, 3], f = [0.5, 0].
TEST(Family, NotesAnchors) {
  const Scores r = {1, 2, 3}, f = {0.5, 0};
  FamilyOptions o;
  o.normalization = Normalization::half_sum;
  EXPECT_NEAR(family(r, f, o).s.d_loss, 0.183596, 5e-7);
  o.normalization = Normalization::sum;
  EXPECT_NEAR(family(r, f, o).s.d_loss, 0.367192, 5e-7);
  o = FamilyOptions{};
  o.detach_mean = true;  // ESRGAN's discriminator step
  const Result x = family(r, f, o);
  const Scores dr = {-0.064164, -0.029609, -0.012017}, df = {0.036485, 0.023841};
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(x.dr[i], dr[i], 5e-7);
  for (int j = 0; j < 2; ++j) EXPECT_NEAR(x.df[j], df[j], 5e-7);
}

// Central differences of the engine's own losses, for every combination
// (detachMean excluded: it is not the derivative of a loss).
TEST(Family, GradientsMatchCentralDifferences) {
  const Scores r = {1.3, -0.4, 2.2, 0.9}, f = {0.1, 1.7, -1.1, 0.45};
  const Scores wr = {1.0, 0.5, 2.0, 0.0}, wf = {0.7, 1.0, 1.5, 0.25};
  for (int rel = 0; rel < 5; ++rel)
    for (int loss = 0; loss < 3; ++loss)
      for (int norm = 0; norm < 3; ++norm)
        for (bool weighted : {false, true}) {
          FamilyOptions o;
          o.relativism = static_cast<Relativism>(rel);
          o.loss = static_cast<LossKind>(loss);
          o.normalization = static_cast<Normalization>(norm);
          o.temperature = 0.8;
          o.margin = 0.15;
          const Scores* w1 = weighted ? &wr : nullptr;
          const Scores* w2 = weighted ? &wf : nullptr;
          const Result x = family(r, f, o, w1, w2);
          const double h = 1e-6;
          for (int side = 0; side < 2; ++side)
            for (std::size_t k = 0; k < 4; ++k) {
              Scores up_r = r, dn_r = r, up_f = f, dn_f = f;
              (side == 0 ? up_r : up_f)[k] += h;
              (side == 0 ? dn_r : dn_f)[k] -= h;
              const Result up = family(up_r, up_f, o, w1, w2), dn = family(dn_r, dn_f, o, w1, w2);
              const double fd_d = (up.s.d_loss - dn.s.d_loss) / (2 * h), fd_g = (up.s.g_loss - dn.s.g_loss) / (2 * h);
              const double got_d = side == 0 ? x.dr[k] : x.df[k], got_g = side == 0 ? x.gr[k] : x.gf[k];
              EXPECT_NEAR(got_d, fd_d, 1e-7) << "rel " << rel << " loss " << loss << " norm " << norm << " w " << weighted << " side " << side << " k " << k;
              EXPECT_NEAR(got_g, fd_g, 1e-7) << "rel " << rel << " loss " << loss << " norm " << norm << " w " << weighted << " side " << side << " k " << k;
            }
        }
}

TEST(Family, GroupsAverageTheirLosses) {
  const Scores r = {1, 2, 3, 4}, f = {0, 1, 2};
  const std::vector<std::int32_t> gr = {0, 0, 1, 1}, gf = {0, 1, 1};
  Scores rr(4), fr(3);
  relativistic::FamilyOutputs out;
  out.real_relative = rr.data();
  out.fake_relative = fr.data();
  const auto s = relativistic::grouped_losses(r.data(), nullptr, gr.data(), 4, f.data(), nullptr, gf.data(), 3, 2,
                                              FamilyOptions{}, out, {}, {});
  const double g0 = family({1, 2}, {0}, FamilyOptions{}).s.d_loss, g1 = family({3, 4}, {1, 2}, FamilyOptions{}).s.d_loss;
  EXPECT_NEAR(s.d_loss, (g0 + g1) / 2, 1e-16);
  EXPECT_EQ(rr[2], 3.0 - 1.5);
}

}  // namespace
