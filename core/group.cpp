#include "core/group.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>
#include <stdexcept>

namespace symscore {

Mat2 rotation(double a) {
    Mat2 r;
    r << std::cos(a), -std::sin(a), std::sin(a), std::cos(a);
    return r;
}

Mat2 reflectionAcross(double phi) {
    Mat2 f;
    f << std::cos(2 * phi), std::sin(2 * phi), std::sin(2 * phi), -std::cos(2 * phi);
    return f;
}

Group::Group(const GroupSpec& spec) : spec_(spec) {
    const double pi = std::numbers::pi;
    switch (spec.type) {
        case GroupType::Trivial:
            spec_.n = 1;
            elements_.push_back(Mat2::Identity());
            break;
        case GroupType::Reflection:
            if (!std::isfinite(spec.axis_deg))
                throw std::invalid_argument("axis_deg: must be a finite angle");
            spec_.n = 1;
            elements_.push_back(Mat2::Identity());
            elements_.push_back(reflectionAcross(spec.axis_deg * pi / 180.0));
            break;
        case GroupType::Cyclic:
        case GroupType::Dihedral: {
            if (spec.n < 1 || spec.n > kMaxN)
                throw std::invalid_argument("n: must be between 1 and " + std::to_string(kMaxN) +
                                            ", got " + std::to_string(spec.n));
            const Mat2 f0 = reflectionAcross(0.0);
            for (int k = 0; k < spec.n; ++k) elements_.push_back(rotation(2 * pi * k / spec.n));
            if (spec.type == GroupType::Dihedral)
                for (int k = 0; k < spec.n; ++k)
                    elements_.push_back(rotation(2 * pi * k / spec.n) * f0);
            break;
        }
    }
    // Snap entries that are zero or +-1 up to rounding, so that e.g. C4 acts exactly.
    for (auto& m : elements_)
        for (int i = 0; i < 4; ++i) {
            double& v = m.data()[i];
            for (double target : {0.0, 1.0, -1.0, 0.5, -0.5})
                if (std::abs(v - target) < 1e-15) v = target;
        }
}

std::vector<Vec2> Group::orbit(const Vec2& x) const {
    std::vector<Vec2> out;
    out.reserve(elements_.size());
    for (const auto& a : elements_) out.push_back(a * x);
    return out;
}

bool Group::contains(const Group& other) const {
    return std::all_of(other.elements_.begin(), other.elements_.end(), [&](const Mat2& b) {
        return std::any_of(elements_.begin(), elements_.end(),
                           [&](const Mat2& a) { return (a - b).cwiseAbs().maxCoeff() < 1e-9; });
    });
}

std::string Group::symbol() const {
    std::ostringstream s;
    switch (spec_.type) {
        case GroupType::Trivial:
            s << "1";
            break;
        case GroupType::Reflection:
            s << "R" << spec_.axis_deg;
            break;
        case GroupType::Cyclic:
            s << "C" << spec_.n;
            break;
        case GroupType::Dihedral:
            s << "D" << spec_.n;
            break;
    }
    return s.str();
}

std::string Group::name() const {
    std::ostringstream s;
    switch (spec_.type) {
        case GroupType::Trivial:
            s << "trivial";
            break;
        case GroupType::Reflection:
            s << "reflection at " << spec_.axis_deg << "\u00b0";
            break;
        default:
            s << symbol();
            break;
    }
    s << ", order " << order();
    return s.str();
}

std::vector<double> Group::mirrorAnglesDeg() const {
    std::vector<double> out;
    if (spec_.type == GroupType::Reflection) {
        double a = std::fmod(spec_.axis_deg, 180.0);
        out.push_back(a < 0 ? a + 180.0 : a);
    } else if (spec_.type == GroupType::Dihedral) {
        // R_k F_0 is the reflection across the line at angle pi k / n.
        for (int k = 0; k < spec_.n; ++k) out.push_back(180.0 * k / spec_.n);
    }
    return out;
}

int Group::rotationOrder() const {
    return (spec_.type == GroupType::Cyclic || spec_.type == GroupType::Dihedral) ? spec_.n : 1;
}

}  // namespace symscore
