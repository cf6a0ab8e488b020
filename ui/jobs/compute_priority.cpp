#include "ui/jobs/compute_priority.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_scheduler_observer.h>

#include <atomic>
#include <chrono>
#include <thread>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace symscore::ui {

void lowerCurrentThreadPriority() {
#ifdef __linux__
    // On Linux the nice value belongs to the thread: this changes this one only.
    const pid_t tid = pid_t(syscall(SYS_gettid));
    if (getpriority(PRIO_PROCESS, id_t(tid)) < 10) setpriority(PRIO_PROCESS, id_t(tid), 10);
#endif
}

namespace {
class WorkerPriority : public tbb::task_scheduler_observer {
  public:
    void on_scheduler_entry(bool isWorker) override {
        if (isWorker) lowerCurrentThreadPriority();
    }
};
}  // namespace

void lowerTbbWorkerPriority() {
    static WorkerPriority observer;
    observer.observe(true);
    // Wake every worker once, so each passes through the observer now.
    const int n = int(std::thread::hardware_concurrency()) * 4;
    tbb::parallel_for(0, n, [](int) { std::this_thread::sleep_for(std::chrono::milliseconds(2)); });
}

}  // namespace symscore::ui
