#pragma once
// Short background jobs that follow the user (a density grid for a new scenario, the score
// field at a new t, a W1 readout for the frame on screen): at most one job in flight; while
// it runs only the newest request is kept; a result asked for before the last invalidate()
// is dropped. The GUI thread never waits for one and never computes.
#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include "ui/jobs/compute_priority.hpp"
#include "ui/jobs/gui_handoff.hpp"

namespace symscore::ui {

template <class Result>
class LatestOnly {
  public:
    using Work = std::function<Result()>;
    using Done = std::function<void(Result)>;

    // Results are delivered on `receiver`'s thread while it lives; a LatestOnly is a member
    // of its receiver.
    explicit LatestOnly(QObject* receiver) : receiver_(receiver) {}
    ~LatestOnly() { *alive_ = false; }
    LatestOnly(const LatestOnly&) = delete;
    LatestOnly& operator=(const LatestOnly&) = delete;

    // Runs work on the thread pool and done(result) on the GUI thread, unless a newer
    // invalidate() came first. A request made while a job runs waits, replacing any other
    // waiting request.
    void request(Work work, Done done) {
        if (busy_) {
            pending_ = Job{std::move(work), std::move(done)};
            return;
        }
        launch(Job{std::move(work), std::move(done)});
    }

    // Every result in flight becomes stale and a waiting request is dropped.
    void invalidate() {
        ++generation_;
        pending_.reset();
    }

    bool busy() const { return busy_; }
    bool idle() const { return !busy_ && !pending_; }

  private:
    struct Job {
        Work work;
        Done done;
    };

    void launch(Job job) {
        busy_ = true;
        const int generation = generation_;
        QPointer<QObject> guard(receiver_);
        // The state is shared with the queued call, not captured by pointer: the receiver
        // (and this object with it) may be gone by the time the job ends.
        auto alive = alive_;
        startOnPool([guard, alive, generation, job = std::move(job), this]() mutable {
            lowerCurrentThreadPriority();
            auto result = std::make_shared<Result>(job.work());
            if (!guard) return;
            postToGui(guard.data(), [guard, alive, generation, result, done = std::move(job.done),
                                     this]() mutable {
                if (!guard || !*alive) return;
                finished(generation, std::move(*result), done);
            });
        });
    }

    void finished(int generation, Result result, const Done& done) {
        busy_ = false;
        if (generation == generation_) done(std::move(result));
        if (pending_ && !busy_) {
            Job next = std::move(*pending_);
            pending_.reset();
            launch(std::move(next));
        }
    }

    QObject* receiver_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
    int generation_ = 0;
    bool busy_ = false;
    std::optional<Job> pending_;
};

}  // namespace symscore::ui
