#include "ui/session_autosave.hpp"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <algorithm>

#include "core/io/model_file.hpp"
#include "core/io/presets.hpp"
#include "core/io/scenario_json.hpp"
#include "core/metrics.hpp"
#include "ui/compute_priority.hpp"

namespace symscore::ui {

namespace {
constexpr int kVersion = 1;
const QString kManifest = "manifest.json";
const QString kLock = "running.lock";

QString contentName(const QString& prefix, const QByteArray& bytes, const QString& suffix) {
    return prefix + QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(16) + suffix;
}

QJsonObject readJsonObject(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) io::failAt(path, "cannot open: " + f.errorString());
    if (f.size() > io::Limits::maxFileBytes) io::failAt(path, "too large for a manifest");
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    if (err.error != QJsonParseError::NoError) io::failAt(path, "not valid JSON (" + err.errorString() + ")");
    if (!doc.isObject()) io::failAt(path, "expected a JSON object");
    return doc.object();
}

void writeAtomically(const QString& path, const QByteArray& bytes) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        io::failAt(path, "cannot write: " + f.errorString());
}

struct Manifest {
    struct Entry {
        QString file, name;
        bool loaded = false;
    };
    QDateTime saved;
    QString scenario;
    std::uint64_t fingerprint = 0;
    int tab = 0;
    bool symmetrized = false;
    std::vector<Entry> models;
};

// Throws FormatError "<manifest path>: <field>: <problem>".
Manifest readManifest(const QString& path) {
    const QJsonObject obj = readJsonObject(path);
    Manifest m;
    auto plainName = [&](const QString& key, const QString& n) {
        if (n.isEmpty() || n.contains('/') || n.contains('\\') || n.startsWith('.'))
            io::failAt(key, "\"" + n + "\" is not a file of the autosave folder");
        return n;
    };
    try {
        io::JsonReader r(obj, "");
        if (r.string("format", "") != "symscore-session") io::failAt("format", "expected \"symscore-session\"");
        r.integer("version", kVersion, kVersion, kVersion);
        r.boolean("clean", false);
        m.saved = QDateTime::fromString(r.string("saved", ""), Qt::ISODate);
        m.scenario = plainName("scenario", r.string("scenario", ""));
        r.string("scenario_name", "");
        bool ok = false;
        m.fingerprint = r.string("fingerprint", "").toULongLong(&ok, 16);
        if (!ok) io::failAt("fingerprint", "expected a hexadecimal number");
        m.tab = r.integer("tab", 0, 0, 15);
        m.symmetrized = r.boolean("symmetrized", false);
        const QJsonArray models = r.array("models", false);
        for (qsizetype i = 0; i < models.size(); ++i) {
            io::JsonReader e(models[i].toObject(), QString("models[%1]").arg(i));
            Manifest::Entry entry;
            entry.file = plainName(e.at("file"), e.string("file", ""));
            entry.name = e.string("name", "");
            entry.loaded = e.choice("role", "trained", {"trained", "loaded"}) == "loaded";
            e.finish();
            m.models.push_back(entry);
        }
        r.finish();
    } catch (const io::FormatError& e) {
        io::failAt(path, e.what());
    }
    return m;
}

// "today", "yesterday", "on Tuesday, 4 June 2024"
QString dayOf(const QDateTime& t) {
    const QDate d = t.toLocalTime().date(), today = QDate::currentDate();
    if (d == today) return "today";
    if (d == today.addDays(-1)) return "yesterday";
    return "on " + QLocale().toString(d, QLocale::LongFormat);
}
QString timeOf(const QDateTime& t) { return QLocale().toString(t.toLocalTime().time(), QLocale::ShortFormat); }
QString countOf(qsizetype n, const QString& what) { return QString("%1 %2%3").arg(n).arg(what, n == 1 ? "" : "s"); }

// "the scenario “X” and its 3 trained models"
QString contents(const RestoredSession& r) {
    QString s = "the scenario \u201c" + QString::fromStdString(r.scenario.name) + "\u201d";
    const auto learned = std::count_if(r.trained.begin(), r.trained.end(),
                                       [](const NamedField& f) { return dynamic_cast<const NeuralScore*>(f.field.get()); });
    QStringList models;
    if (learned > 0) models << countOf(learned, "trained model");
    if (!r.loaded.empty()) models << countOf(qsizetype(r.loaded.size()), "loaded model");
    return models.isEmpty() ? s : s + " and its " + models.join(" and ");
}
}  // namespace

struct SessionAutosave::Job {
    struct Model {
        QString name;
        bool loaded = false;
        std::shared_ptr<const ScoreField> field;  // a NeuralScore
    };
    int id = 0;
    Scenario scenario;
    std::vector<Model> models;
    bool symmetrized = false;
    int tab = 0;
    QDateTime time;
};

SessionAutosave::SessionAutosave(QString folder, QObject* parent)
    : QObject(parent), folder_(QDir::cleanPath(QDir(folder).absolutePath())), lock_(path(kLock)) {
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
    if (const QString dir = qEnvironmentVariable("SYMSCORE_SESSION_DIR"); !dir.isEmpty()) return dir;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath("session");
}

QString SessionAutosave::path(const QString& name) const { return QDir(folder_).filePath(name); }

bool SessionAutosave::acquire() {
    if (active_) return true;
    if (!QDir().mkpath(folder_)) {
        inactiveReason_ = "Autosave is off: cannot create the folder " + folder_;
        return false;
    }
    lock_.setStaleLockTime(0);  // a held lock is stale only when its process is gone, not after a while
    if (!lock_.tryLock(0)) {
        qint64 pid = 0;
        QString host, app;
        lock_.getLockInfo(&pid, &host, &app);
        inactiveReason_ = lock_.error() == QLockFile::LockFailedError
                              ? QString("Another symscore (process %1) is running and keeps the session autosave: "
                                        "this window is not autosaved.").arg(pid)
                              : "Autosave is off: cannot lock " + path(kLock);
        return false;
    }
    active_ = true;
    inactiveReason_.clear();
    if (QFile::exists(path(kManifest))) {
        try {
            leftover_ = !readJsonObject(path(kManifest)).value("clean").toBool();
        } catch (const io::FormatError&) {
            leftover_ = true;  // unreadable: reported by takeLeftover()
        }
    }
    return true;
}

RestoredSession SessionAutosave::readLeftover() const {
    const Manifest m = readManifest(path(kManifest));
    RestoredSession r;
    const QString scenarioPath = path(m.scenario);
    r.scenario = io::loadScenario(scenarioPath);
    if (io::scenarioFingerprint(r.scenario) != m.fingerprint)
        io::failAt(scenarioPath, "does not match the fingerprint in " + path(kManifest));
    std::vector<std::pair<std::size_t, NamedField>> trained;  // with their place in the scenario
    for (const Manifest::Entry& e : m.models) {
        const QString file = path(e.file);
        if (e.loaded) {
            io::LoadedModel lm = io::loadModel(file);
            NamedField f{e.name.toStdString(), std::shared_ptr<const ScoreField>(std::move(lm.model))};
            f.equivariant = f.field->equivariantByConstruction();
            r.loaded.push_back(std::move(f));
            continue;
        }
        const auto& specs = r.scenario.models;
        const auto spec = std::find_if(specs.begin(), specs.end(), [&](const ModelSpec& s) {
            return s.name == e.name.toStdString() && s.equivariance != Equivariance::Exact;
        });
        if (spec == specs.end()) io::failAt(file, "model \u201c" + e.name + "\u201d is not one of the scenario's models");
        io::LoadedModel lm = io::loadModel(file, modelConfig(r.scenario, *spec));
        if (lm.scenarioFingerprint != m.fingerprint) io::failAt(file, "trained on another scenario than " + scenarioPath);
        NamedField f{spec->name, std::shared_ptr<const ScoreField>(std::move(lm.model))};
        f.equivariant = f.field->equivariantByConstruction();
        trained.emplace_back(std::size_t(spec - specs.begin()), std::move(f));
    }
    std::stable_sort(trained.begin(), trained.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [index, f] : trained) r.trained.push_back(std::move(f));
    if (!r.trained.empty())  // the exact oracle, as TrainingController::snapshot() adds it
        for (const ModelSpec& s : r.scenario.models)
            if (s.equivariance == Equivariance::Exact) r.trained.push_back({s.name, makeScoreField(r.scenario, s), true});
    r.symmetrized = m.symmetrized;
    r.tab = m.tab;
    r.saved = m.saved;
    r.modelFiles = int(m.models.size());
    return r;
}

QString SessionAutosave::setLeftoverAside(const QString& why) {
    QDateTime when = QFileInfo(path(kManifest)).lastModified();
    try {
        if (const QDateTime t = readManifest(path(kManifest)).saved; t.isValid()) when = t;
    } catch (const io::FormatError&) {
    }
    const QDir parent = QFileInfo(folder_).absoluteDir();
    const QString base = QFileInfo(folder_).fileName() + "-" + why + "-" + when.toLocalTime().toString("yyyyMMdd-HHmmss");
    QString target = parent.filePath(base);
    for (int i = 2; QFileInfo::exists(target); ++i) target = parent.filePath(base + "-" + QString::number(i));
    if (!QDir().mkpath(target)) return {};
    for (const QString& name : QDir(folder_).entryList(QDir::Files | QDir::Hidden))
        if (!name.startsWith(kLock)) QFile::rename(path(name), QDir(target).filePath(name));
    leftover_ = false;
    return target;
}

std::optional<RestoredSession> SessionAutosave::takeLeftover(Restore mode, QWidget* parent, QString* message) {
    message->clear();
    if (!leftover_) return std::nullopt;
    QDateTime when = QFileInfo(path(kManifest)).lastModified();
    if (mode == Restore::Never) {
        *message = "The autosave of the session that did not close normally " + dayOf(when) + " is kept in " +
                   setLeftoverAside("crashed") + ".";
        return std::nullopt;
    }
    RestoredSession r;
    try {
        r = readLeftover();
        if (r.saved.isValid()) when = r.saved;
    } catch (const std::exception& e) {
        const QString problem = QString::fromUtf8(e.what());
        const QString aside = setLeftoverAside("unreadable");
        *message = "symscore did not close normally " + dayOf(when) + ", and its autosave cannot be restored: " +
                   problem + ". The autosave is kept in " + aside + ".";
        if (mode == Restore::Ask)
            QMessageBox::warning(parent, "Cannot restore the last session",
                                 "symscore did not close normally " + dayOf(when) +
                                     ", but its autosave cannot be read:\n\n" + problem +
                                     "\n\nsymscore starts afresh. The autosave files are kept in " + aside + ".");
        return std::nullopt;
    }
    // A session with nothing in it is not worth a question; this session overwrites it.
    if (r.modelFiles == 0 && io::scenarioToJson(r.scenario) == io::scenarioToJson(io::defaultScenario())) {
        leftover_ = false;
        return std::nullopt;
    }
    bool restore = mode == Restore::Always;
    if (mode == Restore::Ask) {
        QMessageBox box(QMessageBox::Question, "Restore the last session?",
                        "symscore did not close normally " + dayOf(when) + ".", QMessageBox::NoButton, parent);
        box.setInformativeText("Restore " + contents(r) + ", as autosaved at " + timeOf(when) +
                               "?\n\nStart fresh opens the default scenario and keeps this autosave in " +
                               QFileInfo(folder_).absolutePath() + ".");
        QPushButton* yes = box.addButton("Restore", QMessageBox::AcceptRole);
        box.addButton("Start fresh", QMessageBox::RejectRole);
        box.setDefaultButton(yes);
        box.exec();
        restore = box.clickedButton() == yes;
    }
    if (!restore) {
        *message = "Started fresh. The autosave of the session that did not close normally is kept in " +
                   setLeftoverAside("crashed") + ".";
        return std::nullopt;
    }
    leftover_ = false;
    *message = "Restored " + contents(r) + " as autosaved " + dayOf(when) + " at " + timeOf(when) +
               (r.modelFiles > 0 ? ". Sample (S) uses them; Train starts a new run." : ".");
    return r;
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
    job.time = QDateTime::currentDateTimeUtc();
    for (const NamedField& m : s.trained)
        if (dynamic_cast<const NeuralScore*>(m.field.get())) job.models.push_back({QString::fromStdString(m.name), false, m.field});
    for (const NamedField& m : s.extra) {
        if (dynamic_cast<const NeuralScore*>(m.field.get())) job.models.push_back({QString::fromStdString(m.name), true, m.field});
        if (dynamic_cast<const Symmetrized*>(m.field.get())) job.symmetrized = true;
    }
    writer_.start([this, job = std::move(job)] {
        lowerCurrentThreadPriority();
        write(job);
    });
}

void SessionAutosave::write(const Job& job) {
    if (job.id != latest_) return;  // a newer snapshot is queued behind this one
    try {
        const std::uint64_t fingerprint = io::scenarioFingerprint(job.scenario);
        const QString scenarioFile = contentName("scenario-", io::scenarioToJson(job.scenario), ".symscore.json");
        if (!QFile::exists(path(scenarioFile))) io::saveScenario(job.scenario, path(scenarioFile));
        QStringList keep{kManifest, scenarioFile};
        QJsonArray models;
        for (const Job::Model& m : job.models) {
            // A loaded model's own scenario is not known here: its fingerprint is written as 0.
            const auto& net = static_cast<const NeuralScore&>(*m.field);
            const std::uint64_t fp = m.loaded ? 0 : fingerprint;
            const QString file = contentName("model-", io::modelToBytes(net, m.name, fp), ".symscore-model");
            if (!QFile::exists(path(file))) io::saveModel(path(file), net, m.name, fp);
            models.append(QJsonObject{{"file", file}, {"name", m.name}, {"role", m.loaded ? "loaded" : "trained"}});
            keep << file;
        }
        const QJsonObject manifest{{"format", "symscore-session"},
                                   {"version", kVersion},
                                   {"clean", false},
                                   {"saved", job.time.toString(Qt::ISODateWithMs)},
                                   {"scenario", scenarioFile},
                                   {"scenario_name", QString::fromStdString(job.scenario.name)},
                                   {"fingerprint", QString::number(fingerprint, 16)},
                                   {"tab", job.tab},
                                   {"symmetrized", job.symmetrized},
                                   {"models", models}};
        writeAtomically(path(kManifest), QJsonDocument(manifest).toJson());
        // Only now may the files of the previous session (and leftovers of interrupted writes) go.
        for (const QString& name : QDir(folder_).entryList(QDir::Files | QDir::Hidden))
            if (!keep.contains(name) && !name.startsWith(kLock)) QFile::remove(path(name));
        QMetaObject::invokeMethod(this, [this] { Q_EMIT saved(); }, Qt::QueuedConnection);
    } catch (const std::exception& e) {
        const QString message = QString::fromUtf8(e.what());
        QMetaObject::invokeMethod(this, [this, message] {
            if (message == lastError_) return;  // said once
            lastError_ = message;
            Q_EMIT failed(message);
        }, Qt::QueuedConnection);
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
            QJsonObject manifest = readJsonObject(path(kManifest));
            manifest["clean"] = true;
            writeAtomically(path(kManifest), QJsonDocument(manifest).toJson());
        }
    } catch (const io::FormatError&) {
        QFile::remove(path(kManifest));  // nothing whole to keep
    }
    lock_.unlock();
    active_ = false;
}

}  // namespace symscore::ui
