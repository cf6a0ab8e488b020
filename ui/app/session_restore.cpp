// Reading an autosave back, setting it aside, and the question asked at start.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGridLayout>
#include <QJsonArray>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <algorithm>

#include "core/io/atomic_write.hpp"
#include "core/io/model_file.hpp"
#include "core/io/presets.hpp"
#include "core/io/scenario_json.hpp"
#include "core/scenario_limits.hpp"
#include "ui/app/session_autosave.hpp"
#include "ui/views/shown_text.hpp"

namespace symscore::ui {

namespace {
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
    long trainedSteps = -1;
    std::vector<Entry> models;
};

// Throws FormatError "<manifest path>: <field>: <problem>".
Manifest readManifest(const QString& path) {
    const QJsonObject obj = SessionAutosave::readJson(path);
    Manifest m;
    auto plainName = [&](const QString& key, const QString& n) {
        if (n.isEmpty() || n.contains('/') || n.contains('\\') || n.startsWith('.'))
            io::failAt(key, "\"" + n + "\" is not a file of the autosave folder");
        return n;
    };
    try {
        io::JsonReader r(obj, "");
        if (r.string("format", "") != "symscore-session")
            io::failAt("format", "expected \"symscore-session\"");
        r.integer("version", SessionAutosave::kVersion, SessionAutosave::kVersion,
                  SessionAutosave::kVersion);
        r.boolean("clean", false);
        m.saved = QDateTime::fromString(r.string("saved", ""), Qt::ISODate);
        m.scenario = plainName("scenario", r.string("scenario", ""));
        r.string("scenario_name", "");
        bool ok = false;
        m.fingerprint = r.string("fingerprint", "").toULongLong(&ok, 16);
        if (!ok) io::failAt("fingerprint", "expected a hexadecimal number");
        m.tab = r.integer("tab", 0, 0, 15);
        m.symmetrized = r.boolean("symmetrized", false);
        m.trainedSteps = long(r.integer("trained_steps", -1, -1, io::Limits::maxSteps));
        const QJsonArray models = r.array("models", false);
        // A session holds at most the scenario's models and as many loaded ones, each once:
        // a manifest listing 3 models 50 times is not the app's.
        if (models.size() > 2 * io::Limits::maxModels)
            io::failAt("models", QString("more than %1 models").arg(2 * io::Limits::maxModels));
        QSet<QString> names;
        for (qsizetype i = 0; i < models.size(); ++i) {
            io::JsonReader e(models[i].toObject(), QString("models[%1]").arg(i));
            Manifest::Entry entry;
            entry.file = plainName(e.at("file"), e.string("file", ""));
            entry.name = e.string("name", "");
            // Bounded like a model file's own name: the message and the views show it.
            if (entry.name.isEmpty() || entry.name.size() > ScenarioLimits::maxModelName)
                io::failAt(e.at("name"),
                           QString("must be 1 to %1 characters").arg(ScenarioLimits::maxModelName));
            entry.loaded = e.choice("role", "trained", {"trained", "loaded"}) == "loaded";
            e.finish();
            const QString key = (entry.loaded ? "loaded:" : "trained:") + entry.name;
            if (names.contains(key))
                io::failAt(e.at("name"), "\"" + entry.name + "\" is listed twice");
            names.insert(key);
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
QString timeOf(const QDateTime& t) {
    return t.toLocalTime().time().toString(
        QLocale().timeFormat(QLocale::ShortFormat).remove(":ss"));
}
QString countOf(qsizetype n, const QString& what) {
    return QString("%1 %2%3").arg(n).arg(what, n == 1 ? "" : "s");
}

// A message box wide enough that its paragraphs do not wrap into a narrow column.
void widen(QMessageBox& box) {
    if (auto* grid = qobject_cast<QGridLayout*>(box.layout()))
        grid->addItem(new QSpacerItem(460, 0, QSizePolicy::Minimum, QSizePolicy::Expanding),
                      grid->rowCount(), 0, 1, grid->columnCount());
}

// "the scenario “X” and its 3 trained models"
QString contents(const RestoredSession& r) {
    QString s = "the scenario \u201c" + QString::fromStdString(r.scenario.name) + "\u201d";
    const auto learned =
        std::count_if(r.trained.begin(), r.trained.end(),
                      [](const ComparedModel& f) { return f.kind == ModelKind::Trained; });
    QStringList models;
    if (learned > 0) {
        // Models autosaved mid-training are half-trained: the question says how far.
        const long total = r.scenario.training.steps;
        models << (r.trainedSteps >= 0 && r.trainedSteps < total
                       ? countOf(learned, "model") +
                             QString(", trained %1 of %2 steps").arg(r.trainedSteps).arg(total)
                       : countOf(learned, "trained model"));
    }
    if (!r.loaded.empty()) models << countOf(qsizetype(r.loaded.size()), "loaded model");
    return models.isEmpty() ? s : s + " and its " + models.join(" and ");
}
}  // namespace

RestoredSession SessionAutosave::readLeftover() const {
    const Manifest m = readManifest(path(kManifest));
    RestoredSession r;
    const QString scenarioPath = path(m.scenario);
    r.scenario = io::loadScenario(scenarioPath);
    if (io::scenarioFingerprint(r.scenario) != m.fingerprint)
        io::failAt(scenarioPath, "does not match the fingerprint in " + path(kManifest));
    std::vector<std::pair<std::size_t, ComparedModel>> trained;  // with their place in the scenario
    for (const Manifest::Entry& e : m.models) {
        const QString file = path(e.file);
        if (e.loaded) {
            io::LoadedModel lm = io::loadModel(file);
            // The file's own header says what it is; the manifest only lists it.
            if (lm.name != e.name)
                io::failAt(file, "is the model \u201c" + lm.name + "\u201d, listed as \u201c" +
                                     e.name + "\u201d in " + path(kManifest));
            r.loaded.push_back(
                loadedModel(e.name.toStdString(), std::move(lm.model), r.scenario.group));
            continue;
        }
        const auto& specs = r.scenario.models;
        const auto spec = std::find_if(specs.begin(), specs.end(), [&](const ModelSpec& s) {
            return s.name == e.name.toStdString() && s.equivariance != Equivariance::Exact;
        });
        if (spec == specs.end())
            io::failAt(file,
                       "model \u201c" + e.name + "\u201d is not one of the scenario's models");
        io::LoadedModel lm = io::loadModel(file, modelConfig(r.scenario, *spec));
        if (lm.name != e.name)
            io::failAt(file, "is the model \u201c" + lm.name + "\u201d, listed as \u201c" + e.name +
                                 "\u201d in " + path(kManifest));
        if (lm.scenarioFingerprint != m.fingerprint)
            io::failAt(file, "trained on another scenario than " + scenarioPath);
        trained.emplace_back(std::size_t(spec - specs.begin()),
                             networkModel(spec->name, std::move(lm.model)));
    }
    std::stable_sort(trained.begin(), trained.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [index, f] : trained) r.trained.push_back(std::move(f));
    if (!r.trained.empty())  // the exact oracle, as TrainingController::snapshot() adds it
        for (const ModelSpec& s : r.scenario.models)
            if (s.equivariance == Equivariance::Exact)
                r.trained.push_back(exactModel(s.name, makeScoreField(r.scenario, s)));
    r.symmetrized = m.symmetrized;
    r.tab = m.tab;
    r.saved = m.saved;
    r.modelFiles = int(m.models.size());
    r.trainedSteps = m.trainedSteps;
    return r;
}

QString SessionAutosave::setLeftoverAside(const QString& why) {
    QDateTime when = QFileInfo(path(kManifest)).lastModified();
    try {
        if (const QDateTime t = readManifest(path(kManifest)).saved; t.isValid()) when = t;
    } catch (const io::FormatError&) {
    }
    const QDir parent = QFileInfo(folder_).absoluteDir();
    const QString base = QFileInfo(folder_).fileName() + "-" + why + "-" +
                         when.toLocalTime().toString("yyyyMMdd-HHmmss");
    QString target = parent.filePath(base);
    for (int i = 2; QFileInfo::exists(target); ++i)
        target = parent.filePath(base + "-" + QString::number(i));
    if (!QDir().mkpath(target)) return {};
    for (const QString& name : QDir(folder_).entryList(QDir::Files | QDir::Hidden))
        if (name == kRestoring)
            QFile::remove(path(name));  // the marker says nothing once the session is aside
        else if (isOwnFile(name))
            QFile::rename(path(name), QDir(target).filePath(name));
    leftover_ = false;
    return target;
}

std::optional<RestoredSession> SessionAutosave::takeLeftover(Restore mode, QWidget* parent,
                                                             QString* message) {
    message->clear();
    if (!leftover_) return std::nullopt;
    QDateTime when = QFileInfo(path(kManifest)).lastModified();
    if (mode == Restore::Never) {
        *message = "The autosave of the session that did not close normally " + dayOf(when) +
                   " is kept in " + setLeftoverAside("crashed") + ".";
        return std::nullopt;
    }
    if (QFile::exists(path(kRestoring))) {
        const QString aside = setLeftoverAside("restore-failed");
        *message = "The last start stopped while it restored the session autosaved " + dayOf(when) +
                   ", so that session is not restored again; it is kept in " + aside +
                   ". symscore starts on the default scenario.";
        return std::nullopt;
    }
    // Removed by the restored session's first write (or set aside with it): if anything from
    // here to that write crashes, the next start finds it.
    try {
        io::writeFileAtomically(path(kRestoring), "symscore is restoring this session\n");
    } catch (const io::FormatError&) {  // a folder that takes no file takes no autosave either
    }
    RestoredSession r;
    try {
        r = readLeftover();
        if (r.saved.isValid()) when = r.saved;
    } catch (const std::exception& e) {
        const QString problem = QString::fromUtf8(e.what());
        const QString aside = setLeftoverAside("unreadable");
        *message = "symscore did not close normally " + dayOf(when) +
                   ", and its autosave cannot be restored: " + problem + ". It is kept in " +
                   aside + "; symscore starts on the default scenario.";
        if (mode == Restore::Ask) {
            QMessageBox box(QMessageBox::Warning, "Cannot restore the last session", QString(),
                            QMessageBox::Ok, parent);
            setTexts(box,
                     "symscore did not close normally " + dayOf(when) +
                         ", and its autosave cannot be restored.",
                     problem +
                         "\n\nsymscore starts on the default scenario. The autosave files are "
                         "kept in " +
                         aside + ".");
            widen(box);
            box.exec();
        }
        return std::nullopt;
    }
    // A session with nothing in it is not worth a question; this session overwrites it.
    if (r.modelFiles == 0 &&
        io::scenarioToJson(r.scenario) == io::scenarioToJson(io::defaultScenario())) {
        leftover_ = false;
        return std::nullopt;
    }
    bool restore = mode == Restore::Always;
    if (mode == Restore::Ask) {
        QMessageBox box(QMessageBox::Question, "Restore the last session?", QString(),
                        QMessageBox::NoButton, parent);
        setTexts(box, "symscore did not close normally " + dayOf(when) + ".",
                 "Restore " + contents(r) + ", as autosaved at " + timeOf(when) +
                     "?\n\nStart fresh opens the default scenario; this autosave is then kept "
                     "in a dated folder in " +
                     QDir::toNativeSeparators(QFileInfo(folder_).absolutePath()) + ".");
        widen(box);
        QPushButton* yes = box.addButton("Restore", QMessageBox::AcceptRole);
        box.addButton("Start fresh", QMessageBox::RejectRole);
        box.setDefaultButton(yes);
        box.exec();
        restore = box.clickedButton() == yes;
    }
    if (!restore) {
        *message =
            "Started fresh. The autosave of the session that did not close normally is kept in " +
            setLeftoverAside("crashed") + ".";
        return std::nullopt;
    }
    leftover_ = false;
    *message = "Restored " + contents(r) + " as autosaved " + dayOf(when) + " at " + timeOf(when) +
               (r.modelFiles > 0 ? ". Sample (S) uses them; Train starts a new run." : ".");
    return r;
}

}  // namespace symscore::ui
