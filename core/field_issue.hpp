#pragma once
// One problem with one field of a specification: a stable path ("network.width",
// "mixture.components[2].weight", or relative to a sub-spec, "beta_max") and what is wrong,
// so callers mark the field without parsing message text.
#include <cstdio>
#include <string>
#include <vector>

namespace symscore {

struct FieldIssue {
    std::string field;
    std::string message;
    std::string text() const { return field + ": " + message; }  // "<field>: <message>"
    bool operator==(const FieldIssue&) const = default;
};

using FieldIssues = std::vector<FieldIssue>;

// A number as messages show it: 6 significant digits, exponents without '+' or leading
// zeros ("1e6", "1e-05" -> "1e-5", "0.001", "inf").
inline std::string formatNumber(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    std::string s = buf;
    const auto e = s.find('e');
    if (e == std::string::npos) return s;
    std::string mantissa = s.substr(0, e), exponent = s.substr(e + 1);
    const bool negative = !exponent.empty() && exponent[0] == '-';
    if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) exponent.erase(0, 1);
    while (exponent.size() > 1 && exponent[0] == '0') exponent.erase(0, 1);
    return mantissa + "e" + (negative ? "-" : "") + exponent;
}

}  // namespace symscore
