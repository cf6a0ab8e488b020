#pragma once
// validate(scenario): every problem of a scenario as typed items {field, message}, the field
// a stable path ("network.width", "mixture.components[2].weight", "process.beta_max"), so
// the scenario reader reports them, the scenario panel marks the control that holds the
// field, and the CLI prints "<field>: <message>" without anyone parsing message text.
// It checks values, the limits of docs/scenario.md (core/scenario_limits.hpp) and the
// memory budget. No Qt.
#include <cstdint>

#include "core/field_issue.hpp"
#include "core/scenario.hpp"
#include "core/scenario_limits.hpp"

namespace symscore {

// Every problem, in the order of the file's fields; empty when the scenario can run.
FieldIssues validate(const Scenario& scenario);

// The estimated peak memory of one run of the scenario (training every learned model side
// by side with its optimizer, gradients and per-thread workspaces, the training set and its
// orbit indices, the evaluation set, sampling), in bytes. threads: the worker threads that
// hold a workspace each (0: the scenario's training.threads, or the machine's cores).
std::uint64_t estimateMemoryBytes(const Scenario& scenario, int threads = 0);

// "3.2 GiB", "512 MiB": for messages.
std::string formatBytes(std::uint64_t bytes);

}  // namespace symscore
