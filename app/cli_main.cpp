// symscore-cli: the headless face of symscore. See SCENARIO.md for the contract.
#include <QCoreApplication>
#include <cstdio>
#ifdef SYMSCORE_HAVE_UI
#include <QApplication>
#endif

#include "app/cli_common.hpp"

using namespace symscore::cli;

namespace {
void usage() {
    QString text = "usage: symscore-cli COMMAND ...\ncommands:\n";
    for (const auto& c : commandTable()) text += QString("  symscore-cli ") + c.usage + "\n";
    std::fputs(text.toLocal8Bit().constData(), stderr);
}
}  // namespace

int main(int argc, char** argv) {
#ifdef SYMSCORE_HAVE_UI
    // Pictures (result.png, w1_vs_n.png) are drawn with the app's widgets, offscreen: the
    // command line never opens a window and needs no display.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
#else
    QCoreApplication app(argc, argv);
#endif
    QStringList raw = app.arguments().mid(1);
    if (raw.isEmpty() || raw[0] == "--help" || raw[0] == "-h") {
        usage();
        return raw.isEmpty() ? 2 : 0;
    }
    const QString name = raw.takeFirst();
    const auto it = commandTable().constFind(name);
    if (it == commandTable().constEnd()) {
        std::fprintf(stderr, "symscore-cli: unknown command \"%s\" (try --help)\n",
                     name.toLocal8Bit().constData());
        return 2;
    }
    try {
        return it->run(Args::parse(raw, it->flags));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "symscore-cli %s: %s\n", name.toLocal8Bit().constData(), e.what());
        return 1;
    }
}
