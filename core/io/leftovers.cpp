#include "core/io/leftovers.hpp"

#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include "core/io/process_lock.hpp"

namespace symscore::io {

int removeLeftoverTemporaries(const QString& dir) {
    static const QRegularExpression ours(
        R"(^(?:.+\.tmp-(\d+)-[0-9a-f]{8}|.+\.(\d+)-[0-9a-f]{1,8}\.new|\..+\.(\d+)-[A-Za-z0-9]{6}\.part\.(?:mp4|gif))$)");
    int removed = 0;
    const QDir folder(dir);
    for (const QString& name : folder.entryList(QDir::Files | QDir::Hidden | QDir::System)) {
        const QRegularExpressionMatch m = ours.match(name);
        if (!m.hasMatch()) continue;
        const qint64 pid = (m.captured(1) + m.captured(2) + m.captured(3)).toLongLong();
        if (pid <= 0 || pid == ::getpid() || processIsAlive(pid)) continue;
        removed += QFile::remove(folder.filePath(name)) ? 1 : 0;
    }
    return removed;
}

}  // namespace symscore::io
