#pragma once
// How work crosses threads in the app: postToGui queues a call to a receiver on the GUI
// thread; startOnPool runs a task on a Qt thread pool (the global one by default). Both do
// what Qt does, plus one thing: under ThreadSanitizer they declare the happens-before edge
// that Qt's queues provide. Debian's Qt is not built with the sanitizer and its queues lock
// with futexes the sanitizer cannot see, so without the declaration every value handed over
// would be reported as a race; with it, the tsan pass checks everything else threads share.
#include <QMetaObject>
#include <QThreadPool>
#include <utility>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace symscore::ui {

#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_ignore_thread_begin();
extern "C" void __tsan_ignore_thread_end();
#endif

namespace handoff {
#if defined(__SANITIZE_THREAD__)
inline void release(const void* token) { __tsan_release(const_cast<void*>(token)); }
inline void acquire(const void* token) { __tsan_acquire(const_cast<void*>(token)); }
// Qt copies the queued call into an object it may free on either thread, whichever drops the
// last reference, under an atomic count inside QtCore; the sender's accesses to that private
// copy are not checked (the values it copies and everything else still are).
inline void ignoreBegin() { __tsan_ignore_thread_begin(); }
inline void ignoreEnd() { __tsan_ignore_thread_end(); }
#else
inline void release(const void*) {}
inline void acquire(const void*) {}
inline void ignoreBegin() {}
inline void ignoreEnd() {}
#endif
inline const int poolToken = 0;  // one address for every task queued on the pool
}  // namespace handoff

template <class F>
void postToGui(QObject* receiver, F call) {
    handoff::release(receiver);
    auto queued = [receiver, call = std::move(call)]() mutable {
        handoff::acquire(receiver);
        call();
    };
    handoff::ignoreBegin();
    QMetaObject::invokeMethod(receiver, std::move(queued), Qt::QueuedConnection);
    handoff::ignoreEnd();
}

template <class F>
void startOnPool(F task, QThreadPool* pool = QThreadPool::globalInstance()) {
    // Made before the release: the pool thread deletes the runnable when it is done.
    QRunnable* runnable = QRunnable::create([task = std::move(task)]() mutable {
        handoff::acquire(&handoff::poolToken);
        task();
    });
    handoff::release(&handoff::poolToken);
    pool->start(runnable);
}

}  // namespace symscore::ui
