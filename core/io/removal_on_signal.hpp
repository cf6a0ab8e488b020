#pragma once
// What a stop by signal must not leave behind. A symscore process killed with SIGTERM (a
// logout, `kill`, Slurm's scancel or a job's time limit), SIGINT (Ctrl+C) or SIGHUP removes
// the files it has registered here (its locks, the temporary file of a write in progress)
// before it dies, as a normal stop would, so no lock blocks the next run and no temporary is
// left for good. The handler only unlinks, which is safe in a signal handler, then dies of
// the same signal, so the exit status still tells what happened.
#include <QString>

namespace symscore::io {

// Installs the handlers once (main() of both programs calls it).
void removeOnTerminationSignals();

// A registration: the file is removed if a signal stops the process while it lives.
class RemovalOnSignal {
  public:
    RemovalOnSignal() = default;
    explicit RemovalOnSignal(const QString& path);
    ~RemovalOnSignal();
    RemovalOnSignal(RemovalOnSignal&& other) noexcept;
    RemovalOnSignal& operator=(RemovalOnSignal&& other) noexcept;
    RemovalOnSignal(const RemovalOnSignal&) = delete;
    RemovalOnSignal& operator=(const RemovalOnSignal&) = delete;

  private:
    int slot_ = -1;
};

}  // namespace symscore::io
