// symscore-cli: the headless face of symscore. See docs/scenario.md for the contract.
#include <QCoreApplication>
#include <cstdio>
#include <memory>
#ifdef SYMSCORE_HAVE_FIGURES
#include <QGuiApplication>
#endif

#include "app/cli_common.hpp"
#include "core/io/argument_bytes.hpp"
#include "core/io/removal_on_signal.hpp"

using namespace symscore::cli;

namespace {
// The offscreen platform's own notices ("does not support propagateSizeHints", no
// XDG_RUNTIME_DIR) say nothing to a command-line user; everything else from Qt passes.
void quietQtNotices(QtMsgType type, const QMessageLogContext&, const QString& msg) {
    if (type == QtDebugMsg || msg.contains("propagateSizeHints") || msg.contains("XDG_RUNTIME_DIR"))
        return;
    std::fprintf(stderr, "symscore-cli: %s\n", msg.toLocal8Bit().constData());
}

void usage() {
    QString text = "usage: symscore-cli COMMAND ...\ncommands:\n";
    for (const auto& c : commandTable()) text += QString("  symscore-cli ") + c.usage + "\n";
    std::fputs(text.toLocal8Bit().constData(), stderr);
}
}  // namespace

int main(int argc, char** argv) {
    // Commands that draw pictures (result.png, w1_vs_n.png; declared Gui::Yes) paint on QImages
    // (ui/figures, no widgets) and need a QGuiApplication for fonts: on the offscreen platform,
    // so the command line needs no display. The others stay on QCoreApplication, which starts
    // faster and prints nothing of its own.
    qInstallMessageHandler(quietQtNotices);
    symscore::io::removeOnTerminationSignals();  // a SIGTERM leaves no lock or temporary behind
    if (const QString why = symscore::io::undecodableArgument(argc, argv); !why.isEmpty()) {
        std::fprintf(stderr, "symscore-cli: %s\n", why.toLocal8Bit().constData());
        return 2;
    }
    const auto named = argc > 1 ? commandTable().constFind(QString::fromLocal8Bit(argv[1]))
                                : commandTable().constEnd();
    const bool drawsPictures = named != commandTable().constEnd() && named->gui == Gui::Yes;
    std::unique_ptr<QCoreApplication> app;
#ifdef SYMSCORE_HAVE_FIGURES
    if (drawsPictures) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    }
#endif
    if (!app) app = std::make_unique<QCoreApplication>(argc, argv);
    QStringList raw = app->arguments().mid(1);
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
    if (raw.contains("--help")) {
        std::fprintf(stderr, "usage: symscore-cli %s\n", it->usage);
        return 0;
    }
    Args args;
    try {
        args = Args::parse(raw, name, *it);
    } catch (const UsageError& e) {
        std::fprintf(stderr, "symscore-cli %s: %s\n", name.toLocal8Bit().constData(), e.what());
        return 2;
    }
    try {
        return it->run(args);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "symscore-cli %s: %s\n", name.toLocal8Bit().constData(), e.what());
        return 1;
    }
}
