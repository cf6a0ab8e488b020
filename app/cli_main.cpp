// symscore-cli: the headless face of symscore. See SCENARIO.md for the contract.
#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>
#include <functional>
#include <map>

#include "app/cli_common.hpp"
#include "core/io/json_reader.hpp"

using namespace symscore::cli;

namespace {

struct Command {
    std::function<int(const Args&)> run;
    QStringList flags;
    const char* usage;
};

const std::map<QString, Command>& commands() {
    static const std::map<QString, Command> table{
        {"validate", {cmdValidate, {}, "validate SCENARIO"}},
        {"score", {cmdScore, {}, "score SCENARIO --t T --points P.csv"}},
    };
    return table;
}

void usage() {
    QString text = "usage: symscore-cli COMMAND ...\ncommands:\n";
    for (const auto& [name, c] : commands()) text += QString("  symscore-cli ") + c.usage + "\n";
    std::fputs(text.toLocal8Bit().constData(), stderr);
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QStringList raw = app.arguments().mid(1);
    if (raw.isEmpty() || raw[0] == "--help" || raw[0] == "-h") {
        usage();
        return raw.isEmpty() ? 2 : 0;
    }
    const QString name = raw.takeFirst();
    const auto it = commands().find(name);
    if (it == commands().end()) {
        std::fprintf(stderr, "symscore-cli: unknown command \"%s\" (try --help)\n",
                     name.toLocal8Bit().constData());
        return 2;
    }
    try {
        return it->second.run(Args::parse(raw, it->second.flags));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "symscore-cli %s: %s\n", name.toLocal8Bit().constData(), e.what());
        return 1;
    }
}
