#include "core/io/points_csv.hpp"

#include <QFile>
#include <QSaveFile>
#include <cmath>
#include <vector>

namespace symscore::io {

Points readPointsCsv(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) failAt(path, "cannot open: " + f.errorString());
    std::vector<double> xy;
    int lineNo = 0;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine(4096).trimmed();
        ++lineNo;
        if (line.isEmpty()) continue;
        const QList<QByteArray> parts = line.split(',');
        bool okx = false, oky = false;
        const double x = parts.size() == 2 ? parts[0].trimmed().toDouble(&okx) : 0.0;
        const double y = parts.size() == 2 ? parts[1].trimmed().toDouble(&oky) : 0.0;
        if (!okx || !oky) failAt(path + ":" + QString::number(lineNo), "expected two numbers x,y");
        if (!std::isfinite(x) || !std::isfinite(y))
            failAt(path + ":" + QString::number(lineNo), "not a finite number");
        if (int(xy.size() / 2) >= kMaxCsvPoints)
            failAt(path, QString("more than %1 points").arg(kMaxCsvPoints));
        xy.push_back(x);
        xy.push_back(y);
    }
    if (xy.empty()) failAt(path, "no points");
    Points p(Eigen::Index(xy.size() / 2), 2);
    std::copy(xy.begin(), xy.end(), p.data());
    return p;
}

void writePointsCsv(const QString& path, const Eigen::Ref<const Points>& points) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) failAt(path, "cannot write: " + f.errorString());
    QByteArray out;
    out.reserve(int(points.rows()) * 40);
    for (Eigen::Index i = 0; i < points.rows(); ++i) {
        out += QByteArray::number(points(i, 0), 'g', 17);
        out += ',';
        out += QByteArray::number(points(i, 1), 'g', 17);
        out += '\n';
    }
    f.write(out);
    if (!f.commit()) failAt(path, "cannot write: " + f.errorString());
}

}  // namespace symscore::io
