#pragma once
// Runs work off the GUI thread and hands its result back to a receiver on the GUI thread.
// If the receiver is gone by then, the result is dropped. The GUI thread never computes.
#include <QPointer>
#include <memory>

#include "ui/jobs/compute_priority.hpp"
#include "ui/jobs/gui_handoff.hpp"

namespace symscore::ui {

template <class Work, class Done>
void runInBackground(QObject* receiver, Work work, Done done) {
    QPointer<QObject> guard(receiver);
    startOnPool([guard, work = std::move(work), done = std::move(done)]() mutable {
        lowerCurrentThreadPriority();
        auto result = std::make_shared<decltype(work())>(work());
        if (!guard) return;
        postToGui(guard.data(), [guard, result, done = std::move(done)]() mutable {
            if (guard) done(std::move(*result));
        });
    });
}

}  // namespace symscore::ui
