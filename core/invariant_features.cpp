#include "core/invariant_features.hpp"

#include <cmath>
#include <numbers>

namespace symscore {

namespace {
enum class FrameKind { Identity, Chiral, Dihedral, Mirror };

FrameKind frameKind(const Group& g) {
    if (g.order() == 1) return FrameKind::Identity;
    switch (g.spec().type) {
        case GroupType::Reflection:
            return FrameKind::Mirror;
        case GroupType::Cyclic:
            return FrameKind::Chiral;
        case GroupType::Dihedral:
            return g.spec().n == 1 ? FrameKind::Mirror : FrameKind::Dihedral;
        case GroupType::Trivial:
            break;
    }
    return FrameKind::Identity;
}

class InvariantFeatureScore final : public NeuralScore {
  public:
    InvariantFeatureScore(const ModelConfig& c, Network net)
        : NeuralScore(c, invariantFeatureCount(Group(c.group)), std::move(net)),
          kind_(frameKind(group_)),
          n_(group_.rotationOrder()),
          mirror_(group_.spec().type == GroupType::Reflection
                      ? group_.spec().axis_deg * std::numbers::pi / 180.0
                      : 0.0) {}

  protected:
    int auxRows() const override { return 4; }  // U, W

    void encode(const float* x, int rows, float* input, int stride, float* aux) const override {
        const double d2 = kFrameFade * kFrameFade;
        for (int i = 0; i < rows; ++i) {
            // Features in double, so that phi(A_g x) = phi(x) up to float rounding of x alone.
            const double px = x[2 * i], py = x[2 * i + 1];
            float* col = input + std::size_t(i) * stride;
            float* f = aux + 4 * i;  // U = (f0, f1), W = (f2, f3)
            switch (kind_) {
                case FrameKind::Identity:
                    col[0] = float(px), col[1] = float(py);
                    f[0] = 1, f[1] = 0, f[2] = 0, f[3] = 1;
                    break;
                case FrameKind::Chiral:
                case FrameKind::Dihedral: {
                    const double r = std::hypot(px, py);
                    const double th = std::atan2(py, px);
                    const double fade = 1.0 / std::sqrt(r * r + d2);
                    const double rho = r * fade;
                    const double c = std::cos(n_ * th), s = std::sin(n_ * th);
                    col[0] = float(r);
                    col[1] = float(rho * c);
                    const double ux = px * fade, uy = py * fade;
                    double w = 1.0;
                    if (kind_ == FrameKind::Chiral)
                        col[2] = float(rho * s);
                    else
                        w = s;
                    f[0] = float(ux), f[1] = float(uy), f[2] = float(-w * uy), f[3] = float(w * ux);
                    break;
                }
                case FrameKind::Mirror: {
                    const double cp = std::cos(mirror_), sp = std::sin(mirror_);
                    const double xr = cp * px + sp * py, yr = -sp * px + cp * py;  // R(-phi0) x
                    const double q = 1.0 / std::sqrt(yr * yr + d2);
                    col[0] = float(xr);
                    col[1] = float(yr * yr * q);
                    const double w = yr * q;
                    f[0] = float(cp), f[1] = float(sp), f[2] = float(-w * sp), f[3] = float(w * cp);
                    break;
                }
            }
        }
    }
    void decode(const float* out, const float* aux, int rows, float* eps) const override {
        for (int i = 0; i < rows; ++i) {
            const float a = out[2 * i], b = out[2 * i + 1];
            const float* f = aux + 4 * i;
            eps[2 * i] = a * f[0] + b * f[2];
            eps[2 * i + 1] = a * f[1] + b * f[3];
        }
    }
    void decodeBackward(const float* dEps, const float* aux, int rows, float* dOut) const override {
        for (int i = 0; i < rows; ++i) {
            const float* f = aux + 4 * i;
            dOut[2 * i] = dEps[2 * i] * f[0] + dEps[2 * i + 1] * f[1];
            dOut[2 * i + 1] = dEps[2 * i] * f[2] + dEps[2 * i + 1] * f[3];
        }
    }

  private:
    FrameKind kind_;
    int n_;
    double mirror_;
};
}  // namespace

int invariantFeatureCount(const Group& group) {
    return frameKind(group) == FrameKind::Chiral ? 3 : 2;
}

std::unique_ptr<NeuralScore> makeInvariantFeatureScore(const ModelConfig& config, Network net) {
    return std::make_unique<InvariantFeatureScore>(config, std::move(net));
}

}  // namespace symscore
