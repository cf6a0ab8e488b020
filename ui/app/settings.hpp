#pragma once
// The only place that touches QSettings: typed getters and setters for what symscore
// remembers between sessions (as KDAB hotspot does).
#include <QByteArray>
#include <QString>

namespace symscore::ui {

class Settings {
  public:
    static QString lastScenarioPath();
    static void setLastScenarioPath(const QString& path);
    static QByteArray windowGeometry();
    static void setWindowGeometry(const QByteArray& g);
    static QByteArray windowState();
    static void setWindowState(const QByteArray& s);
    // Start the sampling animation by itself when training finishes (the demo flow).
    static bool autoSample();
    static void setAutoSample(bool on);
    static QString lastDirectory();
    static void setLastDirectory(const QString& dir);
};

}  // namespace symscore::ui
