#include "ui/views/explanation.hpp"

#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace symscore::ui {

Explanation::Explanation(const QString& html, QWidget* parent)
    : QWidget(parent), button_(new QToolButton(this)), label_(new QLabel(html, this)) {
    button_->setText("?  What am I looking at?");
    button_->setCheckable(true);
    button_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    label_->setWordWrap(true);
    label_->setTextFormat(Qt::RichText);
    label_->setOpenExternalLinks(true);  // links to docs/ (docs_link.hpp)
    label_->setStyleSheet(
        "QLabel { background: #f6f4ec; border: 1px solid #ddd8c4; padding: 6px; }");
    auto* l = new QVBoxLayout(this);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(button_, 0, Qt::AlignRight);
    l->addWidget(label_);
    connect(button_, &QToolButton::toggled, label_, &QLabel::setVisible);
    setExpanded(false);
}

void Explanation::setExpanded(bool on) {
    button_->setChecked(on);
    label_->setVisible(on);
}

bool Explanation::isExpanded() const { return button_->isChecked(); }

QString Explanation::text() const { return label_->text(); }

}  // namespace symscore::ui
