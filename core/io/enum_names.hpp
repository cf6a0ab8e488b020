#pragma once
// The one table of names for the scenario's enums, as scenario files, model files and
// messages spell them. Reading a name the table lacks is refused with the valid ones.
#include <QString>
#include <QStringList>

#include "core/io/json_reader.hpp"
#include "core/scenario.hpp"

namespace symscore::io {

template <class E>
struct EnumName {
    E value;
    const char* name;
};

inline constexpr EnumName<GroupType> kGroupNames[] = {{GroupType::Trivial, "trivial"},
                                                      {GroupType::Reflection, "reflection"},
                                                      {GroupType::Cyclic, "cyclic"},
                                                      {GroupType::Dihedral, "dihedral"}};
inline constexpr EnumName<ProcessType> kProcessNames[] = {
    {ProcessType::VP, "vp"}, {ProcessType::OU, "ou"}, {ProcessType::VE, "ve"}};
inline constexpr EnumName<Equivariance> kEquivarianceNames[] = {
    {Equivariance::None, "none"},
    {Equivariance::Reynolds, "reynolds"},
    {Equivariance::InvariantFeatures, "invariant_features"},
    {Equivariance::Exact, "exact"}};
inline constexpr EnumName<Augmentation> kAugmentationNames[] = {
    {Augmentation::None, "none"}, {Augmentation::Random, "random"}, {Augmentation::Orbit, "orbit"}};
inline constexpr EnumName<InputScaling> kInputScalingNames[] = {
    {InputScaling::Noise, "noise"},
    {InputScaling::Data, "data"},
};
inline constexpr EnumName<Activation> kActivationNames[] = {
    {Activation::SiLU, "silu"}, {Activation::Tanh, "tanh"}, {Activation::ReLU, "relu"}};
inline constexpr EnumName<LossWeighting> kWeightingNames[] = {{LossWeighting::Sigma2, "sigma2"},
                                                              {LossWeighting::G2, "g2"}};
inline constexpr EnumName<LrSchedule> kScheduleNames[] = {{LrSchedule::Constant, "constant"},
                                                          {LrSchedule::Cosine, "cosine"}};
inline constexpr EnumName<SamplingMethod> kSamplingNames[] = {
    {SamplingMethod::EulerMaruyama, "euler_maruyama"},
    {SamplingMethod::ProbabilityFlow, "probability_flow"},
    {SamplingMethod::PredictorCorrector, "predictor_corrector"}};
inline constexpr EnumName<W1Method> kW1Names[] = {{W1Method::Exact, "exact"},
                                                  {W1Method::Sliced, "sliced"}};

template <class E, std::size_t N>
QString nameOf(const EnumName<E> (&table)[N], E v) {
    for (const auto& e : table)
        if (e.value == v) return e.name;
    return {};
}

// The enum named by r's field key (fallback when absent); an unknown name is refused with
// the names of the table.
template <class E, std::size_t N>
E readEnum(JsonReader& r, const QString& key, E fallback, const EnumName<E> (&table)[N]) {
    QStringList allowed;
    for (const auto& e : table) allowed << e.name;
    const QString s = r.choice(key, nameOf(table, fallback), allowed);
    for (const auto& e : table)
        if (s == e.name) return e.value;
    return fallback;
}

}  // namespace symscore::io
