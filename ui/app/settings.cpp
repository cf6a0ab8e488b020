#include "ui/app/settings.hpp"

#include <QDir>
#include <QSettings>

namespace symscore::ui {

namespace {
QVariant get(const char* key, const QVariant& fallback = {}) {
    return QSettings("symscore", "symscore").value(key, fallback);
}
void put(const char* key, const QVariant& value) {
    QSettings("symscore", "symscore").setValue(key, value);
}
}  // namespace

QString Settings::lastScenarioPath() { return get("scenario/last").toString(); }
void Settings::setLastScenarioPath(const QString& p) { put("scenario/last", p); }
QByteArray Settings::windowGeometry() { return get("window/geometry").toByteArray(); }
void Settings::setWindowGeometry(const QByteArray& g) { put("window/geometry", g); }
QByteArray Settings::windowState() { return get("window/state").toByteArray(); }
void Settings::setWindowState(const QByteArray& s) { put("window/state", s); }
bool Settings::autoSample() { return get("demo/autoSample", true).toBool(); }
void Settings::setAutoSample(bool on) { put("demo/autoSample", on); }
QString Settings::lastDirectory() {
    return get("files/lastDirectory", QDir::homePath()).toString();
}
void Settings::setLastDirectory(const QString& d) { put("files/lastDirectory", d); }

}  // namespace symscore::ui
