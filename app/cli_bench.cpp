// symscore-cli bench [--quick] [--scaling] [--only SECTION]: throughput on the workloads that
// bench/compare also times in the reference implementations. Each workload is a section registered
// from its own file (RegisterBench); bench runs them all and prints their keys as one JSON object,
// plus the machine it ran on. Sections named "scaling..." (cost against size, for
// docs/performance.md) run only, and alone, with --scaling.
#include <QFile>
#include <QJsonArray>
#include <thread>

#include "app/cli_common.hpp"
#include "core/network_kernels.hpp"

namespace symscore::cli {

namespace {
QString cpuModel() {
    QFile f("/proc/cpuinfo");
    if (!f.open(QIODevice::ReadOnly)) return "unknown";
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("model name"))
            return QString(line.mid(line.indexOf(':') + 1)).trimmed();
    return "unknown";
}

int cmdBench(const Args& args) {
    if (!args.positional.isEmpty())
        throw CliError("usage: symscore-cli bench [--quick] [--scaling] [--only SECTION]");
    const bool quick = args.has("quick");
    const bool scaling = args.has("scaling");
    const QString only = args.text("only", QString());
    if (!only.isEmpty() && !benchTable().contains(only))
        throw CliError(("bench: no section named '" + only +
                        "' (sections: " + QStringList(benchTable().keys()).join(", ") + ")")
                           .toStdString());
    QJsonObject out{{"cpu", cpuModel()},
                    {"hardware_threads", int(std::thread::hardware_concurrency())},
                    {"quick", quick},
                    // Which copy of the network's passes ran (a portable build holds two).
                    {"network_kernels", kernels::networkKernels().name}};
    for (auto it = benchTable().begin(); it != benchTable().end(); ++it) {
        if (only.isEmpty() ? it.key().startsWith("scaling") != scaling : it.key() != only) continue;
        log("bench: " + it.key() + " ...");
        it.value()(quick, out);
    }
    printJson(out);
    return 0;
}

const RegisterCommand benchCommand{
    "bench",
    cmdBench,
    {{"quick", Value::None}, {"scaling", Value::None}, {"only", Value::Text}},
    Gui::No,
    "bench [--quick] [--scaling] [--only SECTION]"};
}  // namespace

}  // namespace symscore::cli
