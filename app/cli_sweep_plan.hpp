#pragma once
// symscore-cli sweep ... --plan: sizes a sweep before it runs (docs/cluster.md).
#include "app/cli_common.hpp"
#include "core/io/sweep_files.hpp"

namespace symscore::cli {

// Prints the plan of the sweep d as JSON: its runs, a run's cost measured on this machine,
// and the shards and Slurm --time that fit the wall-time target --wall HOURS (default 4)
// with --cpus C cores per shard (default 1). Writes nothing. Returns the exit code.
int printSweepPlan(const Args& args, const io::SweepDescription& d, const QString& scenarioPath);

}  // namespace symscore::cli
