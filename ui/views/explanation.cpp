#include "ui/views/explanation.hpp"

#include <QEvent>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace symscore::ui {

namespace {
// The explanation takes at most this share of its tab's height and scrolls beyond it, so that
// lesson mode's larger text at 1280x720 leaves the plots the room they need.
constexpr double kMostOfTab = 0.25;
constexpr int kLeastHeight = 80;  // pixels: three lines or so always show
}  // namespace

Explanation::Explanation(const QString& html, QWidget* parent)
    : QWidget(parent),
      button_(new QToolButton(this)),
      label_(new QLabel(html)),
      scroll_(new QScrollArea(this)) {
    button_->setText("?  What am I looking at?");
    button_->setCheckable(true);
    button_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    label_->setWordWrap(true);
    label_->setTextFormat(Qt::RichText);
    label_->setOpenExternalLinks(true);  // links to docs/ (docs_link.hpp)
    label_->setStyleSheet(
        "QLabel { background: #f6f4ec; border: 1px solid #ddd8c4; padding: 6px; }");
    scroll_->setWidget(label_);
    scroll_->setWidgetResizable(true);
    scroll_->setFrameShape(QFrame::NoFrame);
    scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* l = new QVBoxLayout(this);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(button_, 0, Qt::AlignRight);
    l->addWidget(scroll_);
    connect(button_, &QToolButton::toggled, this, &Explanation::setExpanded);
    label_->installEventFilter(this);  // lesson mode's larger type: fit again
    setExpanded(false);
}

void Explanation::setExpanded(bool on) {
    button_->setChecked(on);
    scroll_->setVisible(on);
    if (on) fitHeight();
}

bool Explanation::isExpanded() const { return button_->isChecked(); }

QString Explanation::text() const { return label_->text(); }

bool Explanation::scrolls() const {
    return scroll_->verticalScrollBar() &&
           scroll_->widget()->height() > scroll_->viewport()->height();
}

void Explanation::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (parentWidget() && !watching_) {
        parentWidget()->installEventFilter(this);
        watching_ = true;
    }
    fitHeight();
}

bool Explanation::eventFilter(QObject* watched, QEvent* event) {
    if ((watched == parentWidget() && event->type() == QEvent::Resize) ||
        (watched == label_ && event->type() == QEvent::FontChange))
        fitHeight();
    return QWidget::eventFilter(watched, event);
}

// As tall as the text at this width, up to its share of the tab.
void Explanation::fitHeight() {
    const int tab = parentWidget() ? parentWidget()->height() : 0;
    const int most = std::max(kLeastHeight, int(tab * kMostOfTab));
    const int width = std::max(100, scroll_->viewport()->width());
    const int wanted = label_->heightForWidth(width) + 2;
    // A ceiling, not a fixed height: a fixed height taken while the window was larger would
    // hold the window at that size.
    scroll_->setMaximumHeight(std::min(most, std::max(wanted, 1)));
    scroll_->setMinimumHeight(std::min(kLeastHeight, std::max(wanted, 1)));
}

}  // namespace symscore::ui
