#pragma once
// Shared by the window and lesson tests: whether a main window fits a 1280x720 projector.
#include <QString>
#include <QTabWidget>

#include "ui/app/main_window.hpp"

// Visits every tab (each lays itself out), then: an empty string when the window's least
// size fits 1280x720, else what it needs and what each tab asks for.
inline QString projectorMisfit(symscore::ui::MainWindow& w) {
    QTabWidget* tabs = w.tabs();
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        QCoreApplication::processEvents();
    }
    const QSize least = w.minimumSizeHint().expandedTo(w.minimumSize());
    if (least.width() <= 1280 && least.height() <= 720) return {};
    QString parts;
    for (int i = 0; i < tabs->count(); ++i)
        parts += QString(" %1 %2x%3;")
                     .arg(tabs->tabText(i))
                     .arg(tabs->widget(i)->minimumSizeHint().width())
                     .arg(tabs->widget(i)->minimumSizeHint().height());
    return QString("window needs %1x%2:%3").arg(least.width()).arg(least.height()).arg(parts);
}
