#include "core/io/process_lock.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSysInfo>
#include <cerrno>
#include <cstring>

namespace symscore::io {

namespace {

QString bootId() {
    QFile f("/proc/sys/kernel/random/boot_id");
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.read(64)).trimmed() : QString();
}

// Field 22 of /proc/PID/stat (after the command name, which may hold spaces and parentheses);
// 0 when the process is gone or the file cannot be read.
qint64 startTime(qint64 pid) {
    QFile f(QString("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) return 0;
    const QByteArray s = f.read(4096);
    const qsizetype close = s.lastIndexOf(')');
    if (close < 0) return 0;
    const QList<QByteArray> fields = s.mid(close + 2).split(' ');  // from field 3, the state
    return fields.size() > 19 ? fields[19].toLongLong() : 0;
}

QByteArray bytesOf(const LockHolder& h) {
    return QJsonDocument(QJsonObject{{"app", h.app},
                                     {"host", h.host},
                                     {"boot", h.boot},
                                     {"pid", h.pid},
                                     {"start", h.start}})
               .toJson(QJsonDocument::Compact) +
           '\n';
}

QByteArray readBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.read(4096) : QByteArray();
}

std::optional<LockHolder> parse(const QByteArray& bytes) {
    const QJsonObject o = QJsonDocument::fromJson(bytes).object();
    LockHolder h;
    if (!o.isEmpty()) {
        h = {o["app"].toString(), o["host"].toString(), o["boot"].toString(), o["pid"].toInteger(),
             o["start"].toInteger()};
    } else {  // QLockFile's format, written by older versions: pid, app, host
        const QList<QByteArray> lines = bytes.split('\n');
        if (lines.size() >= 3)
            h = {QString::fromUtf8(lines[1]),
                 QString::fromUtf8(lines[2]),
                 {},
                 lines[0].toLongLong(),
                 0};
    }
    if (h.pid <= 0 || h.host.isEmpty()) return std::nullopt;
    return h;
}

// Whether the holder is provably gone (only a holder of this host can be checked).
bool provablyGone(const LockHolder& h, const LockHolder& me) {
    if (h.host != me.host) return false;
    if (!h.boot.isEmpty() && !me.boot.isEmpty() && h.boot != me.boot) return true;  // rebooted
    if (!processIsAlive(h.pid)) return true;
    const qint64 now = startTime(h.pid);
    return h.start != 0 && now != 0 && now != h.start;  // the pid now names another process
}

// Removes a lock judged dead, unless it changed since it was read (another process took it
// over first and holds it now).
void removeIfUnchanged(const QString& path, const QByteArray& judged) {
    if (readBytes(path) == judged) ::unlink(QFile::encodeName(path).constData());
}

}  // namespace

bool processIsAlive(qint64 pid) {
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}

QString LockHolder::describe() const {
    return QString("%1 (pid %2 on %3)")
        .arg(app.isEmpty() ? QString("symscore") : app, QString::number(pid), host);
}

LockHolder ProcessLock::self(const QString& app) {
    const qint64 pid = ::getpid();
    return {app, QSysInfo::machineHostName(), bootId(), pid, startTime(pid)};
}

std::optional<LockHolder> ProcessLock::read(const QString& path) { return parse(readBytes(path)); }

ProcessLock::Outcome ProcessLock::acquire(const QString& path, const QString& app, bool breakLock,
                                          LockHolder* holder, QString* why) {
    release();
    const LockHolder me = self(app);
    const QByteArray bytes = bytesOf(me);
    for (int attempt = 0; attempt < 8; ++attempt) {
        // Written whole beside the lock, then linked into place: the lock never exists empty.
        const QString temp =
            path + QString(".%1-%2.new")
                       .arg(QString::number(me.pid),
                            QString::number(QRandomGenerator::global()->generate(), 16));
        const QByteArray tempName = QFile::encodeName(temp);
        const int fd = ::open(tempName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0) {
            *why = QString::fromLocal8Bit(std::strerror(errno));
            return Outcome::Failed;
        }
        const bool wrote =
            ::write(fd, bytes.constData(), std::size_t(bytes.size())) == bytes.size() &&
            ::fsync(fd) == 0;
        ::close(fd);
        const int linked =
            wrote ? ::link(tempName.constData(), QFile::encodeName(path).constData()) : -1;
        const int err = wrote ? errno : EIO;
        ::unlink(tempName.constData());
        if (linked == 0) {
            path_ = path;
            written_ = bytes;
            removal_ = RemovalOnSignal(path);
            return Outcome::Acquired;
        }
        if (err != EEXIST) {
            *why = QString::fromLocal8Bit(std::strerror(err));
            return Outcome::Failed;
        }
        const QByteArray found = readBytes(path);
        const std::optional<LockHolder> h = parse(found);
        if (!h) {
            // Empty or garbled. An older version creates its lock first and writes it next:
            // a lock that young may be one being written; an older one is garbage.
            const QDateTime made = QFileInfo(path).lastModified();
            if (made.isValid() && made.msecsTo(QDateTime::currentDateTime()) < 2000) {
                *holder = {"a symscore process that is starting", me.host, {}, 0, 0};
                return Outcome::HeldHere;
            }
            removeIfUnchanged(path, found);
            continue;
        }
        if (provablyGone(*h, me) || (breakLock && h->host != me.host)) {
            removeIfUnchanged(path, found);
            continue;
        }
        *holder = *h;
        return h->host == me.host ? Outcome::HeldHere : Outcome::HeldElsewhere;
    }
    *why = "the lock keeps changing hands";
    return Outcome::Failed;
}

void ProcessLock::release() {
    if (path_.isEmpty()) return;
    removal_ = RemovalOnSignal();  // first, so that a signal from here on removes nothing new
    if (readBytes(path_) == written_) ::unlink(QFile::encodeName(path_).constData());
    path_.clear();
    written_.clear();
}

ProcessLock::~ProcessLock() { release(); }

}  // namespace symscore::io
