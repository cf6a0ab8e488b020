// Writes the seed model files of tests/data/fuzz/model: one small model (about a KB) of
// every kind, over groups, processes and activations that exercise different code paths.
// Usage: make_model_seeds DIR
#include <QFile>
#include <cstdio>

#include "core/io/model_file.hpp"

using namespace symscore;

namespace {
struct Seed {
    const char* file;
    Equivariance kind;
    NetworkSpec network;
    GroupSpec group;
    ProcessType process;
};

ProcessSpec processOf(ProcessType type) {
    ProcessSpec p;
    p.type = type;
    p.T = defaultT(type);
    return p;
}
}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_model_seeds DIR\n");
        return 2;
    }
    const Seed seeds[] = {
        {"seed-plain-c4-vp",
         Equivariance::None,
         {8, 2, 2, 4.0, Activation::SiLU},
         {GroupType::Cyclic, 4, 0},
         ProcessType::VP},
        {"seed-plain-trivial-ou",
         Equivariance::None,
         {4, 1, 0, 4.0, Activation::ReLU},
         {GroupType::Trivial, 1, 0},
         ProcessType::OU},
        {"seed-reynolds-d3-ou",
         Equivariance::Reynolds,
         {6, 1, 1, 2.0, Activation::Tanh},
         {GroupType::Dihedral, 3, 0},
         ProcessType::OU},
        {"seed-reynolds-reflection-ve",
         Equivariance::Reynolds,
         {8, 2, 2, 4.0, Activation::SiLU},
         {GroupType::Reflection, 1, 30},
         ProcessType::VE},
        {"seed-invariant-c4-vp",
         Equivariance::InvariantFeatures,
         {8, 2, 2, 4.0, Activation::SiLU},
         {GroupType::Cyclic, 4, 0},
         ProcessType::VP},
        {"seed-invariant-d4-ve",
         Equivariance::InvariantFeatures,
         {6, 2, 1, 1.0, Activation::Tanh},
         {GroupType::Dihedral, 4, 0},
         ProcessType::VE},
        {"seed-invariant-reflection-ou",
         Equivariance::InvariantFeatures,
         {4, 1, 2, 4.0, Activation::ReLU},
         {GroupType::Reflection, 1, 45},
         ProcessType::OU},
    };
    for (const Seed& s : seeds) {
        ModelConfig c;
        c.kind = s.kind;
        c.network = s.network;
        c.group = s.group;
        c.process = processOf(s.process);
        c.dataSecondMoment = 2.0;
        const auto model = makeNeuralScore(c, 1);
        const QString path = QString("%1/%2.symscore-model").arg(argv[1], s.file);
        io::saveModel(path, *model, s.file, 0x5eed);
        std::printf("%s\n", qPrintable(path));
    }
    return 0;
}
