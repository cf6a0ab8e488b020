#include "core/io/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>

#include "core/io/removal_on_signal.hpp"

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

// The temporary's name: the target's followed by ".tmp-<pid>-<random>", the target's part cut
// (at a character, never inside one) so that the whole stays within the 255 bytes a file
// system allows a name: a target whose name is already 255 bytes long can still be written.
QString temporaryName(const QString& target) {
    const QString suffix =
        QString(".tmp-%1-%2")
            .arg(QString::number(::getpid()),
                 QString("%1").arg(QRandomGenerator::global()->generate(), 8, 16, QChar('0')));
    const qsizetype slash = target.lastIndexOf('/');
    const QString folder = target.left(slash + 1);
    QString name = target.mid(slash + 1);
    constexpr qsizetype kMaxName = 255;
    while (!name.isEmpty() && QFile::encodeName(name + suffix).size() > kMaxName)
        name.chop(name.size() >= 2 && name.back().isLowSurrogate() ? 2 : 1);
    return folder + name + suffix;
}

// A new file beside target, created exclusively (mode 0666 less the umask, as any new file).
int createTemporary(const QString& target, QString& tempPath) {
    for (int attempt = 0; attempt < 100; ++attempt) {
        tempPath = temporaryName(target);
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

// Empty when path is free or a regular file; otherwise why it is not symscore's to replace.
// A link is not followed (one planted at an output's name would send the bytes anywhere the
// planter likes), and the rename would replace a device, a pipe or a folder's entry itself.
QString notOurs(const QString& path) {
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0) return {};
    if (S_ISLNK(st.st_mode)) return "is a symbolic link (symscore replaces only regular files)";
    if (!S_ISREG(st.st_mode))
        return "is not a regular file (a device, pipe or folder there is kept as it is)";
    return {};
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
    if (const QString why = notOurs(path); !why.isEmpty()) return why;
    const QString& target = path;
    QString temp;
    const int fd = createTemporary(target, temp);
    if (fd < 0) return reason(errno);
    const RemovalOnSignal removal(temp);  // a SIGTERM mid-write leaves no temporary behind
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

void writeOutput(const QString& path, const QByteArray& bytes) {
    if (path != "-" && path != "/dev/stdout") return writeFileAtomically(path, bytes);
    std::fflush(stdout);  // what the program printed before comes first
    if (!writeAll(STDOUT_FILENO, bytes)) failAt(path, "cannot write: " + reason(errno));
}

void checkWritableFolder(const QString& dir) {
    if (!QFileInfo(dir).isDir()) failAt(dir, "cannot write: not a folder");
    const QString probe = QDir(dir).filePath(".symscore-write-probe");
    const QString why = writeOrReason(probe, QByteArray("symscore\n"));
    QFile::remove(probe);
    if (!why.isEmpty()) failAt(dir, "cannot write: " + why);
}

}  // namespace symscore::io
