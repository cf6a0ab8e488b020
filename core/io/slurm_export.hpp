#pragma once
// A sweep exported as a ready Slurm submission folder: what the app's Experiment tab writes
// for a researcher to copy to a cluster (docs/cluster.md). The folder holds
//   scenario.symscore.json   the sweep's scenario, defaults filled in
//   submit.sh                submits it: cluster/submit.sh with this sweep's sizes, seeds,
//                            shards and Slurm options; options given to it are passed on and
//                            win (e.g. --partition gpu --time 2:00:00 --cli PATH)
//   run_parallel.sh          the same sweep on one workstation with GNU parallel
//   cluster/                 submit.sh, sweep_shard.sbatch, merge.sbatch, parallel_sweep.sh
//                            (symscore's scripts/cluster, compiled in as Qt resources)
//   README.md                how to submit, follow, resume, and open the merged result
// The jobs write into sweep/ inside the folder; the merged result is sweep/merged.
#include <QString>
#include <QStringList>

#include "core/scenario.hpp"
#include "core/sweep.hpp"

namespace symscore::io {

struct SlurmExportSpec {
    std::vector<int> sizes;  // n_train values, strictly increasing
    int seeds = 5;
    int shards = 4;     // K array tasks; at most the number of runs
    int cpus = 1;       // --cpus-per-task of each shard
    QString partition;  // empty: the cluster's default
    QString time;       // a shard's --time; empty: the partition's default
    QString memory;     // --mem; empty: the partition's default
    QString cli;        // symscore-cli on the cluster; empty: found on PATH there
};

// The file names the folder holds, relative to it (the list above).
QStringList slurmSubmissionFiles();

// Writes the submission for `scenario` into `folder`, which must not exist or be empty.
// Throws FormatError naming the problem: a bad spec ("shards: 9 is more than the sweep's 8
// runs"), a folder that holds files, a file that cannot be written.
void writeSlurmSubmission(const QString& folder, const Scenario& scenario,
                          const SlurmExportSpec& spec);

}  // namespace symscore::io
