#include "core/io/slurm_export.hpp"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include "core/io/json_reader.hpp"
#include "core/io/scenario_json.hpp"
#include "core/io/sweep_files.hpp"

namespace symscore::io {

namespace {

// scripts/cluster, compiled in (core/io/CMakeLists.txt) as ":/cluster/<name>".
const QStringList kScripts{"submit.sh", "sweep_shard.sbatch", "merge.sbatch", "parallel_sweep.sh"};

// A word for a shell command line in single quotes: the text exactly, whatever it holds.
QString shellQuoted(const QString& text) {
    QString quoted = text;
    quoted.replace('\'', "'\\''");
    return '\'' + quoted + '\'';
}

// A Slurm option value must be one plain word (no spaces or shell characters): it goes on
// a command line and into sbatch, which would read anything else differently.
void checkWord(const char* field, const QString& value) {
    static const QRegularExpression word("^[A-Za-z0-9_.:,+=@%/-]*$");
    if (!word.match(value).hasMatch())
        throw FormatError(std::string(field) + ": \"" + value.toStdString() +
                          "\" is not a single word for sbatch");
}

void checkSpec(const SlurmExportSpec& spec) {
    SweepSpec sweep;
    sweep.sizes = spec.sizes;
    sweep.seeds = spec.seeds;
    try {
        validateSweep(sweep);
    } catch (const std::invalid_argument& e) {
        throw FormatError(e.what());
    }
    const long runs = long(spec.sizes.size()) * spec.seeds;
    if (spec.shards < 1)
        throw FormatError("shards: must be at least 1, not " + std::to_string(spec.shards));
    if (spec.shards > runs)
        throw FormatError("shards: " + std::to_string(spec.shards) + " is more than the sweep's " +
                          std::to_string(runs) + " runs");
    if (spec.cpus < 1)
        throw FormatError("cpus: must be at least 1, not " + std::to_string(spec.cpus));
    checkWord("partition", spec.partition);
    checkWord("time", spec.time);
    checkWord("memory", spec.memory);
}

// The options of cluster/submit.sh that make up this sweep.
QString submitOptions(const SlurmExportSpec& spec) {
    QStringList o{"--sizes",  sizesText(spec.sizes),        "--seeds", QString::number(spec.seeds),
                  "--shards", QString::number(spec.shards), "--cpus",  QString::number(spec.cpus)};
    if (!spec.partition.isEmpty()) o << "--partition" << spec.partition;
    if (!spec.time.isEmpty()) o << "--time" << spec.time;
    if (!spec.memory.isEmpty()) o << "--mem" << spec.memory;
    if (!spec.cli.isEmpty()) o << "--cli" << shellQuoted(spec.cli);
    return o.join(' ');
}

// The folder's submit.sh: %1 the options of this sweep.
const char* const kSubmit = R"text(#!/usr/bin/env bash
# Submits this sweep to Slurm (README.md). Options given here are passed on to
# cluster/submit.sh and win over these, e.g. --partition short --time 1:00:00.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/cluster/submit.sh" --scenario "$here/scenario.symscore.json" %1 \
    --out "$here/sweep" "$@"
)text";

// The folder's run_parallel.sh: %1 sizes, %2 seeds, %3 shards, %4 " --cli PATH" or nothing.
const char* const kParallel = R"text(#!/usr/bin/env bash
# This sweep on one workstation with GNU parallel (README.md); options given here are
# passed on to cluster/parallel_sweep.sh, e.g. --jobs 4 --cpus 2.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/cluster/parallel_sweep.sh" --scenario "$here/scenario.symscore.json" \
    --sizes %1 --seeds %2 --shards %3%4 --out "$here/sweep" "$@"
)text";

// The folder's README: %1 scenario, %2 sizes, %3 seeds, %4 runs, %5 shards, %6 runs a shard.
const char* const kReadme = R"text(# symscore sweep: %1

Training-set sizes %2, %3 seeds: %4 runs of every model, in %5 shards of at most %6 runs.

## On a Slurm cluster

Copy this folder to a file system the compute nodes share, with `symscore-cli` on their
PATH (or pass `--cli /path/to/symscore-cli`), then on a login node:

    ./submit.sh                  # or e.g. ./submit.sh --partition short --time 2:00:00

It submits a job array of %5 shards and a merge job that starts once every shard has
succeeded, and prints their job ids. Size the time limit first with

    symscore-cli sweep scenario.symscore.json --sizes %2 --seeds %3 --plan --wall 4

(the cost of one run measured on the machine it runs on, the suggested shards and --time).
Follow the jobs with `squeue -u $USER`; their logs are in sweep/logs.

## On one workstation

    ./run_parallel.sh            # GNU parallel, one shard per core at a time

## Results

Each shard writes sweep/shard-I-of-%5; the merge writes sweep/merged (sweep.json,
results.csv, w1_vs_n.png: W1 against n_train for every model, with error bars over the
seeds) and its summary sweep/merged.json.

If a job fails (a time limit, a lost node), run the same command again: the finished runs
are kept and only the unfinished ones run.
)text";

QByteArray readme(const Scenario& scenario, const SlurmExportSpec& spec) {
    const long runs = long(spec.sizes.size()) * spec.seeds;
    const long perShard = (runs + spec.shards - 1) / spec.shards;
    // One arg() call: a '%1' inside the scenario's name is not a place holder.
    return QString(kReadme)
        .arg(QString::fromStdString(scenario.name), sizesText(spec.sizes),
             QString::number(spec.seeds), QString::number(runs), QString::number(spec.shards),
             QString::number(perShard))
        .toUtf8();
}

void writeExecutable(const QString& path, const QByteArray& bytes) {
    writeFileAtomically(path, bytes);
    QFile f(path);
    if (!f.setPermissions(f.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeGroup |
                          QFileDevice::ExeOther))
        throw FormatError(path.toStdString() + ": cannot make it executable");
}

}  // namespace

QStringList slurmSubmissionFiles() {
    QStringList files{"scenario.symscore.json", "submit.sh", "run_parallel.sh", "README.md"};
    for (const QString& s : kScripts) files << "cluster/" + s;
    return files;
}

void writeSlurmSubmission(const QString& folder, const Scenario& scenario,
                          const SlurmExportSpec& spec) {
    checkSpec(spec);
    const QDir dir(folder);
    if (dir.exists() &&
        !dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
        throw FormatError(folder.toStdString() +
                          ": holds files already; export into a new or empty folder");
    if (!QDir().mkpath(dir.filePath("cluster")))
        throw FormatError(folder.toStdString() + ": cannot create the folder");
    writeFileAtomically(dir.filePath("scenario.symscore.json"), scenarioToJson(scenario));
    for (const QString& name : kScripts) {
        QFile script(":/cluster/" + name);
        if (!script.open(QIODevice::ReadOnly))
            throw FormatError(name.toStdString() +
                              ": not compiled into symscore (a build problem)");
        writeExecutable(dir.filePath("cluster/" + name), script.readAll());
    }
    writeExecutable(dir.filePath("submit.sh"), QString(kSubmit).arg(submitOptions(spec)).toUtf8());
    const QString cli = spec.cli.isEmpty() ? QString() : " --cli " + shellQuoted(spec.cli);
    writeExecutable(dir.filePath("run_parallel.sh"),
                    QString(kParallel)
                        .arg(sizesText(spec.sizes), QString::number(spec.seeds),
                             QString::number(spec.shards), cli)
                        .toUtf8());
    writeFileAtomically(dir.filePath("README.md"), readme(scenario, spec));
}

}  // namespace symscore::io
