#pragma once
// One long task (a training run, a sampling run, a sweep) on a thread of its own: the pattern
// of Qt's mandelbrot example, written once for the three task controllers.
//  - start(task) halts whatever ran before and runs task(run) on a new thread, at a lower
//    priority than the GUI thread;
//  - halt() sets the stop flag, joins, and makes every call the old run posted stale;
//  - post(run, f) queues f to the GUI thread, where it runs only if `run` is still the
//    current one, so a result can never arrive for a run the user has moved on from.
// The stop flag is honoured by core within a chunk of work (about a millisecond), so halt()
// never blocks the GUI thread for long.
#include <QObject>
#include <atomic>
#include <thread>
#include <utility>

#include "ui/jobs/compute_priority.hpp"
#include "ui/jobs/gui_handoff.hpp"

namespace symscore::ui {

class WorkerThread {
  public:
    using Run = int;

    // Posted calls are delivered on `owner`'s thread (the GUI thread) while it lives.
    explicit WorkerThread(QObject* owner) : owner_(owner) {}
    ~WorkerThread() { halt(); }
    WorkerThread(const WorkerThread&) = delete;
    WorkerThread& operator=(const WorkerThread&) = delete;

    template <class Task>
    Run start(Task task) {
        halt();
        const Run run = ++run_;
        done_ = false;
        thread_ = std::thread([this, run, task = std::move(task)]() mutable {
            lowerCurrentThreadPriority();
            task(run);
            done_ = true;
        });
        return run;
    }

    void halt() {
        ++run_;
        stop_ = true;
        if (thread_.joinable()) thread_.join();
        stop_ = false;
        done_ = true;
    }

    // GUI thread, from a posted call that ends the run: the thread is finishing, join it.
    void reap() {
        if (thread_.joinable()) thread_.join();
    }

    template <class F>
    void post(Run run, F f) const {
        postToGui(owner_, [this, run, f = std::move(f)]() mutable {
            if (run == run_) f();
        });
    }

    bool running() const { return thread_.joinable() && !done_; }
    bool isCurrent(Run run) const { return run == run_; }  // GUI thread
    const std::atomic<bool>* stopFlag() const { return &stop_; }
    bool stopRequested() const { return stop_; }
    // From the worker: stop this run from inside (for example, after a failed write).
    void requestStop() { stop_ = true; }

  private:
    QObject* owner_;
    std::thread thread_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> done_{true};
    Run run_ = 0;  // GUI thread only
};

}  // namespace symscore::ui
