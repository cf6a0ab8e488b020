#include "core/io/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <cerrno>
#include <cstring>
#include <mutex>

namespace symscore::io {

namespace {

struct Fault {
    QString step, pathContains;
};

std::mutex faultMutex;
Fault testFault;
bool testFaultSet = false;

Fault currentFault() {
    {
        std::lock_guard lock(faultMutex);
        if (testFaultSet) return testFault;
    }
    const QString env = qEnvironmentVariable("SYMSCORE_WRITE_FAULT");
    const qsizetype colon = env.indexOf(':');
    return colon < 0 ? Fault{env, {}} : Fault{env.left(colon), env.mid(colon + 1)};
}

// True when the test fault asks this step of writing this path to fail; errno is then ENOSPC.
bool injected(const char* step, const QString& path) {
    const Fault f = currentFault();
    if (f.step != QLatin1String(step) || !path.contains(f.pathContains)) return false;
    errno = ENOSPC;
    return true;
}

QString reason(int err) {
    if (err == ENOSPC) return "disk full";
    if (err == EDQUOT) return "disk quota exceeded";
    return QString::fromLocal8Bit(std::strerror(err));
}

// Writes all of bytes to fd, retrying short writes and interrupts.
bool writeAll(int fd, const QByteArray& bytes) {
    const char* p = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, std::size_t(left));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (n == 0) errno = EIO;
            return false;
        }
        p += n;
        left -= n;
    }
    return true;
}

// A new file beside target, created exclusively (mode 0666 less the umask, as any new file).
int createTemporary(const QString& target, QString& tempPath) {
    for (int attempt = 0; attempt < 100; ++attempt) {
        tempPath = target + QString(".tmp-%1-%2")
                                .arg(::getpid())
                                .arg(QRandomGenerator::global()->generate(), 8, 16, QChar('0'));
        const int fd = ::open(QFile::encodeName(tempPath).constData(),
                              O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    errno = EEXIST;
    return -1;
}

// Writes, flushes and checks the temporary file; false with errno set on the first failure.
bool fillTemporary(int fd, const QString& target, const QByteArray& bytes) {
    if (injected("write", target) || !writeAll(fd, bytes)) return false;
    if (injected("flush", target) || ::fsync(fd) != 0) return false;
    struct stat st {};
    if (injected("size", target) || ::fstat(fd, &st) != 0) return false;
    if (st.st_size != bytes.size()) {
        errno = EIO;
        return false;
    }
    return true;
}

QString resolvedTarget(const QString& path) {
    const QFileInfo info(path);
    return info.isSymLink() ? info.symLinkTarget() : path;
}

}  // namespace

void setWriteFaultForTesting(const QString& step, const QString& pathContains) {
    std::lock_guard lock(faultMutex);
    testFault = {step, pathContains};
    testFaultSet = !step.isEmpty();
}

namespace {
// Empty when the whole file is in place, otherwise why not (the old file is then untouched).
QString writeOrReason(const QString& path, const QByteArray& bytes) {
    const QString target = resolvedTarget(path);
    QString temp;
    const int fd = createTemporary(target, temp);
    if (fd < 0) return reason(errno);
    const QByteArray tempName = QFile::encodeName(temp);
    const QByteArray targetName = QFile::encodeName(target);
    bool ok = fillTemporary(fd, target, bytes);
    int err = errno;
    // An existing file keeps its permissions.
    struct stat old {};
    if (ok && ::stat(targetName.constData(), &old) == 0) (void)::fchmod(fd, old.st_mode & 07777);
    if (::close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (ok) {
        ok = !injected("commit", target) &&
             ::rename(tempName.constData(), targetName.constData()) == 0;
        err = errno;
    }
    if (!ok) {
        ::unlink(tempName.constData());
        return reason(err);
    }
    // The rename itself reaches the disk with the folder's next sync; ask for it now.
    const int dirFd = ::open(QFile::encodeName(QFileInfo(target).absolutePath()).constData(),
                             O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        (void)::fsync(dirFd);
        ::close(dirFd);
    }
    return {};
}
}  // namespace

void writeFileAtomically(const QString& path, const QByteArray& bytes) {
    const QString why = writeOrReason(path, bytes);
    if (!why.isEmpty()) failAt(path, "cannot write: " + why);
}

void checkWritableFolder(const QString& dir) {
    if (!QFileInfo(dir).isDir()) failAt(dir, "cannot write: not a folder");
    const QString probe = QDir(dir).filePath(".symscore-write-probe");
    const QString why = writeOrReason(probe, QByteArray("symscore\n"));
    QFile::remove(probe);
    if (!why.isEmpty()) failAt(dir, "cannot write: " + why);
}

}  // namespace symscore::io
