// Keeping the autosave: the lock, the writer thread, the files, the clean close. Reading an
// autosave back and the restore question are in session_restore.cpp.
#include "ui/app/session_autosave.hpp"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>

#include "core/io/atomic_write.hpp"
#include "core/io/json_document.hpp"
#include "core/io/leftovers.hpp"
#include "core/io/model_file.hpp"
#include "core/io/read_file.hpp"
#include "core/io/scenario_json.hpp"
#include "core/metrics.hpp"
#include "ui/jobs/compute_priority.hpp"
#include "ui/jobs/gui_handoff.hpp"

namespace symscore::ui {

namespace {
QString contentName(const QString& prefix, const QByteArray& bytes, const QString& suffix) {
    return prefix + QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(16) +
           suffix;
}

void writeAtomically(const QString& path, const QByteArray& bytes) {
    io::writeFileAtomically(path, bytes);
}
}  // namespace

QJsonObject SessionAutosave::readJson(const QString& path) {
    return io::parseJsonObject(io::readFileLimited(path, io::Limits::maxFileBytes), path);
}

struct SessionAutosave::Job {
    struct Model {
        QString name;
        bool loaded = false;
        std::shared_ptr<const NeuralScore> network;
    };
    int id = 0;
    Scenario scenario;
    std::vector<Model> models;
    bool symmetrized = false;
    int tab = 0;
    long trainedSteps = -1;
    QDateTime time;
};

SessionAutosave::SessionAutosave(QString folder, QObject* parent)
    : QObject(parent), folder_(QDir::cleanPath(QDir(folder).absolutePath())) {
    debounce_.setSingleShot(true);
    debounce_.setInterval(1000);
    connect(&debounce_, &QTimer::timeout, this, &SessionAutosave::saveNow);
    writer_.setMaxThreadCount(1);  // one writer: snapshots reach the disk in order
}

SessionAutosave::~SessionAutosave() {
    closeCleanly();
    writer_.waitForDone();
}

QString SessionAutosave::defaultFolder() {
    if (const QString dir = qEnvironmentVariable("SYMSCORE_SESSION_DIR"); !dir.isEmpty())
        return dir;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath("session");
}

QString SessionAutosave::path(const QString& name) const { return QDir(folder_).filePath(name); }

bool SessionAutosave::acquire() {
    if (active_) return true;
    if (!QDir().mkpath(folder_)) {
        inactiveReason_ = "Autosave is off: cannot create the folder " + folder_;
        return false;
    }
    io::LockHolder holder;
    QString why;
    switch (lock_.acquire(path(kLock), "symscore", breakLock_, &holder, &why)) {
        case io::ProcessLock::Outcome::Acquired:
            io::removeLeftoverTemporaries(folder_);  // of a symscore killed outright
            break;
        case io::ProcessLock::Outcome::HeldHere:
            inactiveReason_ = "Another symscore (process " + QString::number(holder.pid) +
                              ") is running and keeps the session autosave: this window is not "
                              "autosaved.";
            return false;
        case io::ProcessLock::Outcome::HeldElsewhere:
            inactiveReason_ = "The session autosave in " + folder_ + " is held by " +
                              holder.describe() +
                              ", another machine, which this one cannot check: this window is "
                              "not autosaved. If that symscore is gone, start with --break-lock.";
            return false;
        case io::ProcessLock::Outcome::Failed:
            inactiveReason_ = "Autosave is off: cannot lock " + path(kLock) + " (" + why + ")";
            return false;
    }
    active_ = true;
    inactiveReason_.clear();
    if (QFile::exists(path(kManifest))) {
        try {
            leftover_ = !readJson(path(kManifest)).value("clean").toBool();
        } catch (const io::FormatError&) {
            leftover_ = true;  // unreadable: reported by takeLeftover()
        }
    }
    return true;
}

void SessionAutosave::scheduleSave() {
    if (active_ && source_) debounce_.start();
}

void SessionAutosave::saveNow() {
    debounce_.stop();
    if (!active_ || leftover_ || !source_) return;  // a leftover is decided about first
    const SessionSnapshot s = source_();
    Job job;
    job.id = ++latest_;
    job.scenario = s.scenario;
    job.tab = s.tab;
    job.trainedSteps = s.trainedSteps;
    job.time = QDateTime::currentDateTimeUtc();
    for (const ComparedModel& m : s.models) {
        const bool loaded = m.kind == ModelKind::Loaded;
        if (m.kind == ModelKind::Trained || loaded)
            job.models.push_back({QString::fromStdString(m.name), loaded, m.network});
        if (m.kind == ModelKind::Symmetrized) job.symmetrized = true;
    }
    startOnPool(
        [this, job = std::move(job)] {
            lowerCurrentThreadPriority();
            write(job);
        },
        &writer_);
}

bool SessionAutosave::isOwnFile(const QString& name) {
    const QString n = name.left(name.indexOf(".tmp-"));  // a temporary's target (all if none)
    return n == kManifest || n == kRestoring ||
           (n.startsWith("scenario-") && n.endsWith(".symscore.json")) ||
           (n.startsWith("model-") && n.endsWith(".symscore-model"));
}

void SessionAutosave::write(const Job& job) {
    if (job.id != latest_) return;  // a newer snapshot is queued behind this one
    try {
        const std::uint64_t fingerprint = io::scenarioFingerprint(job.scenario);
        const QString scenarioFile =
            contentName("scenario-", io::scenarioToJson(job.scenario), ".symscore.json");
        if (!QFile::exists(path(scenarioFile))) io::saveScenario(job.scenario, path(scenarioFile));
        QStringList keep{kManifest, scenarioFile};
        QJsonArray models;
        for (const Job::Model& m : job.models) {
            // A loaded model's own scenario is not known here: its fingerprint is written as 0.
            const NeuralScore& net = *m.network;
            const std::uint64_t fp = m.loaded ? 0 : fingerprint;
            const QString file =
                contentName("model-", io::modelToBytes(net, m.name, fp), ".symscore-model");
            if (!QFile::exists(path(file))) io::saveModel(path(file), net, m.name, fp);
            models.append(QJsonObject{
                {"file", file}, {"name", m.name}, {"role", m.loaded ? "loaded" : "trained"}});
            keep << file;
        }
        QJsonObject manifest{{"format", "symscore-session"},
                             {"version", kVersion},
                             {"clean", false},
                             {"saved", job.time.toString(Qt::ISODateWithMs)},
                             {"scenario", scenarioFile},
                             {"scenario_name", QString::fromStdString(job.scenario.name)},
                             {"fingerprint", QString::number(fingerprint, 16)},
                             {"tab", job.tab},
                             {"symmetrized", job.symmetrized},
                             {"models", models}};
        if (job.trainedSteps >= 0) manifest["trained_steps"] = qint64(job.trainedSteps);
        writeAtomically(path(kManifest), QJsonDocument(manifest).toJson());
        // Only now may the files of the previous session (and leftovers of interrupted writes) go.
        for (const QString& name : QDir(folder_).entryList(QDir::Files | QDir::Hidden))
            if (!keep.contains(name) && isOwnFile(name)) QFile::remove(path(name));
        postToGui(this, [this] { Q_EMIT saved(); });
    } catch (const std::exception& e) {
        const QString message = QString::fromUtf8(e.what());
        postToGui(this, [this, message] {
            if (message == lastError_) return;  // said once
            lastError_ = message;
            Q_EMIT failed(message);
        });
    }
}

void SessionAutosave::waitForWrites() { writer_.waitForDone(); }

void SessionAutosave::closeCleanly() {
    debounce_.stop();
    if (!active_) return;
    waitForWrites();
    try {
        // A leftover nobody decided about stays as it is, to be offered next time.
        if (!leftover_ && QFile::exists(path(kManifest))) {
            QJsonObject manifest = readJson(path(kManifest));
            manifest["clean"] = true;
            writeAtomically(path(kManifest), QJsonDocument(manifest).toJson());
        }
    } catch (const io::FormatError&) {
        QFile::remove(path(kManifest));  // nothing whole to keep
    }
    lock_.release();
    active_ = false;
}

}  // namespace symscore::ui
