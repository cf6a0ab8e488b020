#pragma once
// How work crosses threads in the app: postToGui queues a call to a receiver on the GUI
// thread; startOnPool runs a task on Qt's global thread pool. Both do what Qt does, plus one
// thing: under ThreadSanitizer they declare the happens-before edge that Qt's queues provide.
// Debian's Qt is not built with the sanitizer and its queues lock with futexes the sanitizer
// cannot see, so without the declaration every value handed over would be reported as a
// race; with it, the tsan pass checks everything else the threads share.
#include <QMetaObject>
#include <QThreadPool>
#include <utility>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace symscore::ui {

namespace handoff {
#if defined(__SANITIZE_THREAD__)
inline void release(const void* token) { __tsan_release(const_cast<void*>(token)); }
inline void acquire(const void* token) { __tsan_acquire(const_cast<void*>(token)); }
#else
inline void release(const void*) {}
inline void acquire(const void*) {}
#endif
inline const int poolToken = 0;  // one address for every task queued on the pool
}  // namespace handoff

template <class F>
void postToGui(QObject* receiver, F call) {
    handoff::release(receiver);
    QMetaObject::invokeMethod(
        receiver,
        [receiver, call = std::move(call)]() mutable {
            handoff::acquire(receiver);
            call();
        },
        Qt::QueuedConnection);
}

template <class F>
void startOnPool(F task) {
    // Made before the release: the pool thread deletes the runnable when it is done.
    QRunnable* runnable = QRunnable::create([task = std::move(task)]() mutable {
        handoff::acquire(&handoff::poolToken);
        task();
    });
    handoff::release(&handoff::poolToken);
    QThreadPool::globalInstance()->start(runnable);
}

}  // namespace symscore::ui
