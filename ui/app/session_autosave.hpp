#pragma once
// The session autosave, so that nothing is lost when symscore does not close normally.
//
// One folder (defaultFolder(): $SYMSCORE_SESSION_DIR, else <AppDataLocation>/session):
//   running.lock                   held (io::ProcessLock) while a symscore autosaves here
//   scenario-<hash>.symscore.json  the scenario (io::saveScenario)
//   model-<hash>.symscore-model    each trained or loaded model (io::modelToBytes: CRC,
//                                  fingerprint)
//   manifest.json                  which files make the session, the scenario fingerprint,
//                                  the time, the tab shown, and "clean" (true after a normal
//                                  close)
// Files are named by a hash of their content and written atomically before the manifest, so
// a file never changes once written and the manifest switches from one whole session to the
// next in one rename; files no manifest names are removed after it is written.
//
// Writes run on one writer thread of their own, in order (the latest pending snapshot wins):
// a model file is ~150 KB and io::writeFileAtomically syncs each file to disk before renaming it,
// which on a busy disk takes tens of milliseconds, too long for a GUI thread that animates at 60
// fps. A previous session "did not close normally" when its manifest is not marked clean and its
// lock is free (io::ProcessLock takes a lock over once its holder provably is gone; a lock of
// another machine, a home folder on NFS, holds unless the user starts with --break-lock).
// session_autosave.cpp keeps the autosave; session_restore.cpp reads it back and asks.
#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QThreadPool>
#include <QTimer>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/io/process_lock.hpp"
#include "core/scenario.hpp"
#include "ui/tasks/training_controller.hpp"

class QWidget;

namespace symscore::ui {

// What MainWindow hands over to be autosaved.
struct SessionSnapshot {
    Scenario scenario;
    // The comparison: trained and loaded models are written; the oracle and symmetrized models
    // are recomputed from the scenario (a flag says whether to symmetrize).
    std::vector<ComparedModel> models;
    int tab = 0;
    // The training steps the trained models had (-1: not known), so a restore can say they
    // are half-trained.
    long trainedSteps = -1;
};

// An autosave read back, ready to show.
struct RestoredSession {
    Scenario scenario;
    std::vector<ComparedModel>
        trained;  // as TrainingController::snapshot() lists them, oracle included
    std::vector<ComparedModel> loaded;  // models added with File > Load models
    bool symmetrized = false;           // Run > Symmetrize had added S_G of the trained models
    int tab = 0;
    QDateTime saved;
    int modelFiles = 0;
    long trainedSteps = -1;  // steps of the trained models (-1: not recorded)
    // Where the models come from, as the messages say it after "3 trained model(s) ".
    QString origin = "restored from the last session";
};

class SessionAutosave : public QObject {
    Q_OBJECT
  public:
    enum class Restore { Ask, Always, Never };

    explicit SessionAutosave(QString folder, QObject* parent = nullptr);
    ~SessionAutosave() override;  // a normal end: closeCleanly()
    static QString defaultFolder();

    // Takes the folder's lock. False when another running symscore holds it or the folder
    // cannot be made (inactiveReason() says which, and for a lock of another machine how to
    // break it): this instance then writes nothing.
    bool acquire();
    // Before acquire(): take over a lock that another machine holds (symscore --break-lock).
    void setBreakLock(bool on) { breakLock_ = on; }
    bool active() const { return active_; }
    QString inactiveReason() const { return inactiveReason_; }
    QString folder() const { return folder_; }

    // After acquire(): an autosave of a session that did not close normally is here.
    bool hasLeftover() const { return leftover_; }
    // Reads it whole. Throws io::FormatError naming the file and its problem.
    RestoredSession readLeftover() const;
    // Moves its files to a new sibling folder named with why and its date; returns that folder.
    QString setLeftoverAside(const QString& why);
    // The start-up decision: Ask shows a dialog, the others never block. Returns the session
    // to show, or nothing; *message says what happened (empty when there was nothing to do).
    // A start never repeats a crash: while a session is being restored a marker (kRestoring)
    // lies beside it, removed by the restored session's first write; a start that finds the
    // marker sets that session aside, says so and opens normally.
    std::optional<RestoredSession> takeLeftover(Restore mode, QWidget* parent, QString* message);

    // Where snapshots come from (MainWindow); an empty function stops autosaving.
    void setSource(std::function<SessionSnapshot()> source) { source_ = std::move(source); }
    void scheduleSave();  // in one second; several requests make one write
    void saveNow();       // hands the snapshot to the writer thread now
    void waitForWrites();
    // A normal close: waits for the writer, marks the manifest clean and releases the lock.
    void closeCleanly();

    // The manifest's version, its name and the lock's name.
    static constexpr int kVersion = 1;
    static inline const QString kManifest = "manifest.json";
    static inline const QString kLock = "running.lock";
    static inline const QString kRestoring = "restoring";
    // Whether a file of the session folder is one symscore writes there (the manifest, the
    // marker, content-named scenarios and models, and their temporaries). Only those are ever
    // removed or set aside: a session folder pointed at a folder of the user's loses nothing.
    static bool isOwnFile(const QString& name);
    // A JSON object from a file; throws io::FormatError naming the file.
    static QJsonObject readJson(const QString& path);

  Q_SIGNALS:
    void saved();                         // a whole snapshot is on disk
    void failed(const QString& message);  // a write failed (the previous autosave stays whole)

  private:
    struct Job;
    void write(const Job& job);  // on the writer thread
    QString path(const QString& name) const;

    QString folder_;
    io::ProcessLock lock_;
    bool breakLock_ = false;
    bool active_ = false;
    bool leftover_ = false;
    QString inactiveReason_;
    std::function<SessionSnapshot()> source_;
    QTimer debounce_;
    QThreadPool writer_;
    std::atomic<int> latest_{0};  // the newest job; older queued ones are skipped
    QString lastError_;
};

}  // namespace symscore::ui
