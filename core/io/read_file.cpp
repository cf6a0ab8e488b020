#include "core/io/read_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QFile>
#include <algorithm>
#include <cerrno>
#include <cstring>

namespace symscore::io {

namespace {

QString kindOf(mode_t mode) {
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a FIFO or pipe";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "a special file";
}

QString sizeText(qint64 bytes) {
    if (bytes % (1024 * 1024) == 0) return QString("%1 MiB").arg(bytes / (1024 * 1024));
    return QString("%1 bytes").arg(bytes);
}

[[noreturn]] void tooLarge(const QString& path, qint64 maxBytes) {
    failAt(path, "larger than " + sizeText(maxBytes));
}

// Qt resources (":/presets/...") are compiled in: regular and bounded by construction.
QByteArray readResource(const QString& path, qint64 maxBytes) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) failAt(path, "cannot open: " + f.errorString());
    const QByteArray bytes = f.read(maxBytes + 1);
    if (bytes.size() > maxBytes) tooLarge(path, maxBytes);
    return bytes;
}

}  // namespace

QByteArray readFileLimited(const QString& path, qint64 maxBytes) {
    if (path.startsWith(':')) return readResource(path, maxBytes);
    // O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting; the
    // type is then checked on the descriptor itself, so nothing can swap the file between
    // the check and the read.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) failAt(path, "cannot open: " + QString::fromLocal8Bit(std::strerror(errno)));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        const QString kind = kindOf(st.st_mode);
        ::close(fd);
        failAt(path, "not a regular file (" + kind + ")");
    }
    QByteArray bytes;
    bytes.resize(qsizetype(std::min<qint64>(std::max<qint64>(st.st_size, 0), maxBytes) + 1));
    qint64 got = 0;
    for (;;) {
        if (got == bytes.size()) {
            if (got > maxBytes) break;
            bytes.resize(qsizetype(std::min<qint64>(got * 2 + 4096, maxBytes + 1)));
        }
        const ssize_t n = ::read(fd, bytes.data() + got, std::size_t(bytes.size() - got));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            failAt(path, "cannot read: " + QString::fromLocal8Bit(std::strerror(err)));
        }
        if (n == 0) break;
        got += n;
    }
    ::close(fd);
    if (got > maxBytes) tooLarge(path, maxBytes);
    bytes.resize(qsizetype(got));
    return bytes;
}

}  // namespace symscore::io
