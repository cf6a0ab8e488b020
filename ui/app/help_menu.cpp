#include "ui/app/help_menu.hpp"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QUrl>

#include "ui/views/docs_link.hpp"

namespace symscore::ui {
namespace {

// Opens docs/<file> with the desktop's viewer for it; says so in the status bar when there
// is no copy on this machine or nothing to open it with.
void openDoc(QMainWindow* window, const QString& file) {
    const QString path = docsPath(file);
    if (path.isEmpty()) {
        window->statusBar()->showMessage(
            "docs/" + file + " is not on this machine (it is in symscore's sources and package).",
            8000);
        return;
    }
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
        window->statusBar()->showMessage("No program to open " + path + " with.", 8000);
}

}  // namespace

void addHelpMenu(QMainWindow* window) {
    QMenu* help = window->menuBar()->addMenu("&Help");
    const struct {
        const char* text;
        const char* file;
        const char* tip;
    } docs[] = {
        {"&Is the comparison fair?", "results.md",
         "Each model against a standard PyTorch implementation of the same run, paired over "
         "seeds (section \u201cFairness\u201d), and the paper's experiment."},
        {"The &models", "models.md", "What plain, augmented, equivariant and the others are."},
        {"The &mathematics", "math.md",
         "The exact scores, the forward processes, W1 and its noise floor."},
        {"&Lessons", "lessons.md", "The bundled lessons and how to write your own."},
        {"&Scenario files", "scenario.md", "Every field of a .symscore.json scenario."},
    };
    for (const auto& d : docs) {
        QAction* a =
            help->addAction(d.text, window, [window, f = QString(d.file)] { openDoc(window, f); });
        a->setToolTip(d.tip);
        a->setEnabled(!docsPath(d.file).isEmpty());
    }
    help->setToolTipsVisible(true);
    help->addSeparator();
    help->addAction("&About symscore", window, [window] {
        QMessageBox::about(
            window, "About symscore",
            "<b>symscore " + QCoreApplication::applicationVersion().toHtmlEscaped() +
                "</b><p>See, measure and teach how symmetry helps score-based diffusion "
                "models learn.</p><p>Built on Chen, Katsoulakis and Zhang, <i>Equivariant "
                "score-based generative models provably learn distributions with symmetries "
                "efficiently</i>, arXiv:2410.01244.</p>");
    });
}

}  // namespace symscore::ui
