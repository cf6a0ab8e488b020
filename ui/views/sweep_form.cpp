#include "ui/views/sweep_form.hpp"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <cmath>

#include "core/io/scenario_json.hpp"

namespace symscore::ui {

namespace {
constexpr int kMaxSizes = 12;
}  // namespace

QString scenarioSlug(const std::string& name) {
    QString s = QString::fromStdString(name).toLower();
    s.replace(QRegularExpression("[^a-z0-9]+"), "-");
    while (s.startsWith('-')) s.remove(0, 1);
    while (s.endsWith('-')) s.chop(1);
    return s.isEmpty() ? QString("scenario") : s;
}

QString freeSibling(const QString& dir) {
    QString base = QDir::cleanPath(dir);
    static const QRegularExpression numbered("-(\\d+)$");
    const auto m = numbered.match(base);
    int k = 2;
    if (m.hasMatch()) {
        k = m.captured(1).toInt() + 1;
        base.chop(m.capturedLength());
    }
    for (;; ++k) {
        const QString c = base + "-" + QString::number(k);
        if (!QFile::exists(c + "/sweep.json") && !QFile::exists(c + "/results.csv")) return c;
    }
}

std::optional<std::vector<int>> parseSizesText(const QString& text, QString* reason) {
    auto refuse = [&](const QString& r) -> std::optional<std::vector<int>> {
        if (reason) *reason = r;
        return std::nullopt;
    };
    const QStringList parts = text.split(QRegularExpression("[,;\\s]+"), Qt::SkipEmptyParts);
    if (parts.isEmpty()) return refuse("give at least one training set size, e.g. 8, 32, 128, 512");
    if (parts.size() > kMaxSizes) return refuse(QString("at most %1 sizes").arg(kMaxSizes));
    std::vector<int> sizes;
    for (const QString& p : parts) {
        bool ok = false;
        const long long n = p.toLongLong(&ok);
        if (!ok) return refuse("\u201c" + p + "\u201d is not a whole number");
        if (n < 1) return refuse(QString("%1: a training set needs at least 1 point").arg(p));
        if (n > io::Limits::maxTrain)
            return refuse(QString("%1 is above the limit of %2 training points")
                              .arg(p)
                              .arg(io::Limits::maxTrain));
        if (!sizes.empty() && n <= sizes.back())
            return refuse(
                QString("sizes must increase (%1 comes after %2)").arg(n).arg(sizes.back()));
        sizes.push_back(int(n));
    }
    if (reason) reason->clear();
    return sizes;
}

QString remainingText(double s) {
    if (s < 0) return {};
    if (s < 90) return QString("about %1 s left").arg(std::max(1, int(std::lround(s))));
    const int min = int(std::lround(s / 60.0));
    if (min < 90) return QString("about %1 min left").arg(min);
    return QString("about %1 h %2 min left").arg(min / 60).arg(min % 60);
}

QString defaultExperimentFolder(const Scenario& s) {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath("experiments/" + scenarioSlug(s.name));
}

}  // namespace symscore::ui
