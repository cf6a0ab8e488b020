#include "ui/app/confirm.hpp"

#include <QMessageBox>
#include <QPushButton>
#include <utility>

namespace symscore::ui {

namespace {
std::function<bool(const Question&)>& answerer() {
    static std::function<bool(const Question&)> a;
    return a;
}
}  // namespace

bool ask(QWidget* parent, const Question& q) {
    if (answerer()) return answerer()(q);
    QMessageBox box(QMessageBox::Question, q.title, q.text, QMessageBox::NoButton, parent);
    QPushButton* yes = box.addButton(q.yes, QMessageBox::DestructiveRole);
    QPushButton* no = box.addButton(q.no, QMessageBox::RejectRole);
    box.setDefaultButton(no);
    box.setEscapeButton(no);
    box.exec();
    return box.clickedButton() == yes;
}

std::function<bool(const Question&)> setAnswerer(std::function<bool(const Question&)> a) {
    return std::exchange(answerer(), std::move(a));
}

}  // namespace symscore::ui
