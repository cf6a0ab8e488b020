#pragma once
// Trained models on disk (.symscore-model): what the app saves after training and the CLI
// reloads to sample again without retraining.
//
// Layout (little-endian):
//   8 bytes  magic "SYMSCMDL"
//   u32      format version (1)
//   u32      header length H, then H bytes of JSON: the architecture (model kind, network,
//            group, process, data second moment), the model's name, the fingerprint of
//            the scenario it was trained on, and the counts of the arrays that follow
//   f32[F]   Fourier frequencies, f32[P] parameters (the network's flat buffer)
//   u32      CRC-32 (IEEE) of every byte before it
// Loading checks each in turn and throws io::FormatError naming the problem: not a model
// file, a newer version, truncated or trailing bytes, a checksum mismatch (corrupt), or an
// architecture other than the one expected.
#include <QByteArray>
#include <QString>
#include <cstdint>
#include <memory>

#include "core/io/json_reader.hpp"
#include "core/score_model.hpp"

namespace symscore::io {

struct LoadedModel {
    QString name;
    std::uint64_t scenarioFingerprint = 0;
    std::unique_ptr<NeuralScore> model;
};

// A hash of everything in a scenario that shapes training (group, mixture, process, data,
// network, training, and the list of models with their kinds and augmentations; not the
// name, sampling or metrics). A model file trained before a model's augmentation or kind
// changed is therefore refused as trained on another scenario.
std::uint64_t scenarioFingerprint(const Scenario& scenario);

QByteArray modelToBytes(const NeuralScore& model, const QString& name, std::uint64_t fingerprint);
// `where` names the source in messages ("model.bin: checksum mismatch ...").
LoadedModel modelFromBytes(const QByteArray& bytes, const QString& where);

// Atomic (writeFileAtomically): an old file survives a failed write. Throws FormatError.
void saveModel(const QString& path, const NeuralScore& model, const QString& name,
               std::uint64_t fingerprint);
LoadedModel loadModel(const QString& path);
// Also rejects a model whose architecture differs from `expected`, naming the first
// difference ("model.bin: architecture: network.width is 64, expected 128").
LoadedModel loadModel(const QString& path, const ModelConfig& expected);

std::uint32_t crc32(const char* data, std::size_t size);

}  // namespace symscore::io
