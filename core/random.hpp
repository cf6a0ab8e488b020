#pragma once
// A small, fast, seedable random generator with a reproducible normal distribution.
// std::normal_distribution differs between standard libraries; this one gives the same
// numbers everywhere. Streams are split by (seed, stream) so that parallel chunks draw
// independent, thread-count-independent numbers.
#include <cmath>
#include <cstdint>
#include <numbers>

namespace symscore {

inline std::uint64_t splitmix64(std::uint64_t& s) {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// xoshiro256++ (Blackman & Vigna, "Scrambled linear pseudorandom number generators").
class Rng {
  public:
    using result_type = std::uint64_t;
    explicit Rng(std::uint64_t seed = 0, std::uint64_t stream = 0) {
        std::uint64_t s = seed ^ (0x632be59bd9b4e019ULL * (stream + 1));
        for (auto& w : s_) w = splitmix64(s);
    }
    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return ~result_type(0); }
    result_type operator()() {
        const std::uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return double((*this)() >> 11) * 0x1.0p-53; }
    // Uniform integer in [0, n).
    std::uint64_t below(std::uint64_t n) { return std::uint64_t(uniform() * double(n)); }
    // Standard normal (Box-Muller; the second value is kept for the next call).
    double normal() {
        if (hasSpare_) {
            hasSpare_ = false;
            return spare_;
        }
        double u1 = 0.0;
        while (u1 <= 0.0) u1 = uniform();
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        const double a = 2.0 * std::numbers::pi * u2;
        spare_ = r * std::sin(a);
        hasSpare_ = true;
        return r * std::cos(a);
    }

  private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4];
    double spare_ = 0.0;
    bool hasSpare_ = false;
};

}  // namespace symscore
