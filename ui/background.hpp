#pragma once
// Runs work off the GUI thread and hands its result back to a receiver on the GUI thread.
// If the receiver is gone by then, the result is dropped. The GUI thread never computes.
#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>
#include <memory>

#include "ui/compute_priority.hpp"

namespace symscore::ui {

template <class Work, class Done>
void runInBackground(QObject* receiver, Work work, Done done) {
    QPointer<QObject> guard(receiver);
    QThreadPool::globalInstance()->start([guard, work = std::move(work),
                                          done = std::move(done)]() mutable {
        lowerCurrentThreadPriority();
        auto result = std::make_shared<decltype(work())>(work());
        if (!guard) return;
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, result, done = std::move(done)]() mutable {
                if (guard) done(std::move(*result));
            },
            Qt::QueuedConnection);
    });
}

}  // namespace symscore::ui
