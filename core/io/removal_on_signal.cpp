#include "core/io/removal_on_signal.hpp"

#include <signal.h>
#include <unistd.h>

#include <QFile>
#include <array>
#include <atomic>
#include <cstring>

namespace symscore::io {

namespace {

// Fixed slots, so that the handler reads no memory that another thread may be reallocating:
// a slot's path is written while it is Filling and read by the handler only when Ready.
enum State : int { Free, Filling, Ready };
constexpr int kSlots = 64;
constexpr std::size_t kPathBytes = 4096;
struct Slot {
    std::atomic<int> state{Free};
    char path[kPathBytes];
};
std::array<Slot, kSlots> slots;

extern "C" void removeAndDie(int signal) {
    for (Slot& s : slots)
        if (s.state.load(std::memory_order_acquire) == Ready) ::unlink(s.path);
    ::signal(signal, SIG_DFL);
    ::raise(signal);
}

}  // namespace

void removeOnTerminationSignals() {
    struct sigaction action {};
    action.sa_handler = removeAndDie;
    sigemptyset(&action.sa_mask);
    for (int signal : {SIGTERM, SIGINT, SIGHUP}) ::sigaction(signal, &action, nullptr);
}

RemovalOnSignal::RemovalOnSignal(const QString& path) {
    const QByteArray bytes = QFile::encodeName(path);
    if (bytes.size() >= qsizetype(kPathBytes)) return;  // no such path can be created anyway
    for (int i = 0; i < kSlots; ++i) {
        int expected = Free;
        if (!slots[std::size_t(i)].state.compare_exchange_strong(expected, Filling)) continue;
        std::memcpy(slots[std::size_t(i)].path, bytes.constData(), std::size_t(bytes.size()) + 1);
        slots[std::size_t(i)].state.store(Ready, std::memory_order_release);
        slot_ = i;
        return;
    }
}

RemovalOnSignal::~RemovalOnSignal() {
    if (slot_ >= 0) slots[std::size_t(slot_)].state.store(Free, std::memory_order_release);
}

RemovalOnSignal::RemovalOnSignal(RemovalOnSignal&& other) noexcept : slot_(other.slot_) {
    other.slot_ = -1;
}

RemovalOnSignal& RemovalOnSignal::operator=(RemovalOnSignal&& other) noexcept {
    if (this != &other) {
        if (slot_ >= 0) slots[std::size_t(slot_)].state.store(Free, std::memory_order_release);
        slot_ = other.slot_;
        other.slot_ = -1;
    }
    return *this;
}

}  // namespace symscore::io
