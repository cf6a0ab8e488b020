#include "core/io/points_csv.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/io/atomic_write.hpp"
#include "core/io/read_file.hpp"

namespace symscore::io {

Points pointsFromCsv(const QByteArray& bytes, const QString& where) {
    if (bytes.size() > kMaxCsvBytes)
        failAt(where, QString("larger than %1 bytes").arg(kMaxCsvBytes));
    std::vector<double> xy;
    int lineNo = 0;
    // Lines end at '\n'; a '\r' before it (Windows files) goes with the surrounding blanks.
    for (qsizetype begin = 0; begin < bytes.size();) {
        qsizetype end = bytes.indexOf('\n', begin);
        if (end < 0) end = bytes.size();
        const QByteArray line = bytes.mid(begin, end - begin).trimmed();
        begin = end + 1;
        ++lineNo;
        if (line.isEmpty()) continue;
        const auto at = [&] { return where + ":" + QString::number(lineNo); };
        // Two numbers need far fewer bytes: a longer line is refused before it is split (a
        // 60 MB line of commas split into 30 million pieces cost 1.5 GB).
        if (line.size() > kMaxCsvLineBytes)
            failAt(at(), QString("longer than %1 characters (expected x,y)").arg(kMaxCsvLineBytes));
        const QList<QByteArray> parts = line.split(',');
        bool okx = false, oky = false;
        const double x = parts.size() == 2 ? parts[0].trimmed().toDouble(&okx) : 0.0;
        const double y = parts.size() == 2 ? parts[1].trimmed().toDouble(&oky) : 0.0;
        if (!okx || !oky) failAt(at(), "expected two numbers x,y");
        if (!std::isfinite(x) || !std::isfinite(y)) failAt(at(), "not a finite number");
        if (int(xy.size() / 2) >= kMaxCsvPoints)
            failAt(where, QString("more than %1 points").arg(kMaxCsvPoints));
        xy.push_back(x);
        xy.push_back(y);
    }
    if (xy.empty()) failAt(where, "no points");
    Points p(Eigen::Index(xy.size() / 2), 2);
    std::copy(xy.begin(), xy.end(), p.data());
    return p;
}

Points readPointsCsv(const QString& path) {
    return pointsFromCsv(readFileLimited(path, kMaxCsvBytes), path);
}

QByteArray pointsToCsv(const Eigen::Ref<const Points>& points) {
    QByteArray out;
    out.reserve(qsizetype(points.rows()) * 40);
    for (Eigen::Index i = 0; i < points.rows(); ++i) {
        out += QByteArray::number(points(i, 0), 'g', 17);
        out += ',';
        out += QByteArray::number(points(i, 1), 'g', 17);
        out += '\n';
    }
    return out;
}

void writePointsCsv(const QString& path, const Eigen::Ref<const Points>& points) {
    writeFileAtomically(path, pointsToCsv(points));
}

}  // namespace symscore::io
