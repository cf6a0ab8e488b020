#include "ui/scenario/kept_spin_box.hpp"

#include <QLineEdit>
#include <cmath>

namespace symscore::ui {

namespace {
constexpr int kMaxTyped = 40;  // longer text is refused at the keystroke: no number is that long

// The typed number without the box's prefix, suffix and surrounding blanks.
QString bare(QString text, const QString& prefix, const QString& suffix) {
    if (!prefix.isEmpty() && text.startsWith(prefix)) text.remove(0, prefix.size());
    if (!suffix.isEmpty() && text.endsWith(suffix)) text.chop(suffix.size());
    return text.trimmed();
}

QString number(double v) { return QString::number(v, 'g', 16); }

QString outOfRange(const QString& typed, double lo, double hi) {
    return QString("%1 is out of range (%2 to %3)").arg(typed, number(lo), number(hi));
}

// Any text the base box would not take is still accepted as text (kept, not used).
QValidator::State keep(QValidator::State base, const QString& text) {
    if (base == QValidator::Acceptable) return base;
    return text.size() > kMaxTyped ? QValidator::Invalid : QValidator::Acceptable;
}
}  // namespace

KeptSpinBox::KeptSpinBox(QWidget* parent) : QSpinBox(parent) {
    connect(lineEdit(), &QLineEdit::textChanged, this, &KeptSpinBox::onTextChanged);
}

QString KeptSpinBox::problemOf(const QString& text) const {
    if (!specialValueText().isEmpty() && text == specialValueText()) return {};
    const QString t = bare(text, prefix(), suffix());
    if (t.isEmpty()) return "empty, type a number";
    bool ok = false;
    qlonglong v = locale().toLongLong(t, &ok);
    if (!ok) v = t.toLongLong(&ok);
    if (!ok) return QString::fromUtf8("\u201c%1\u201d is not a whole number").arg(t);
    if (v < minimum() || v > maximum()) return outOfRange(t, minimum(), maximum());
    return {};
}

QString KeptSpinBox::typedProblem() const { return lastProblem_; }

void KeptSpinBox::onTextChanged() {
    const QString p = problemOf(lineEdit()->displayText());
    if (p == lastProblem_) return;
    if (lastProblem_.isEmpty()) valueWhenBroken_ = value();
    lastProblem_ = p;
    Q_EMIT typedProblemChanged(p);
}

void KeptSpinBox::discardTyped() {
    if (lastProblem_.isEmpty()) return;
    lastProblem_.clear();
    setValue(value());  // shows the value's own text again
    Q_EMIT typedProblemChanged({});
}

void KeptSpinBox::showValue(int v) {
    discardTyped();
    setValue(v);
}

QValidator::State KeptSpinBox::validate(QString& text, int& pos) const {
    return keep(QSpinBox::validate(text, pos), text);
}

int KeptSpinBox::valueFromText(const QString& text) const {
    return problemOf(text).isEmpty() ? QSpinBox::valueFromText(text) : value();
}

QString KeptSpinBox::textFromValue(int v) const {
    // Qt rewrites the text from the value when the focus leaves: the typed text stays.
    if (!lastProblem_.isEmpty() && v == valueWhenBroken_ && v == value())
        return bare(lineEdit()->displayText(), prefix(), suffix());
    return QSpinBox::textFromValue(v);
}

void KeptSpinBox::stepBy(int steps) {
    discardTyped();  // the arrows step from the last good value
    QSpinBox::stepBy(steps);
}

KeptDoubleSpinBox::KeptDoubleSpinBox(QWidget* parent) : QDoubleSpinBox(parent) {
    connect(lineEdit(), &QLineEdit::textChanged, this, &KeptDoubleSpinBox::onTextChanged);
}

QString KeptDoubleSpinBox::problemOf(const QString& text) const {
    if (!specialValueText().isEmpty() && text == specialValueText()) return {};
    const QString t = bare(text, prefix(), suffix());
    if (t.isEmpty()) return "empty, type a number";
    bool ok = false;
    double v = locale().toDouble(t, &ok);
    if (!ok) v = QLocale::c().toDouble(t, &ok);
    if (!ok || !std::isfinite(v)) return QString::fromUtf8("\u201c%1\u201d is not a number").arg(t);
    if (v < minimum() || v > maximum()) return outOfRange(t, minimum(), maximum());
    // The box rounds to its decimals: a value it would round is refused, not changed.
    const double scale = std::pow(10.0, decimals());
    if (std::abs(std::round(v * scale) / scale - v) > 1e-9 * std::max(1.0, std::abs(v)))
        return decimals() == 0 ? QString::fromUtf8("%1 is not a whole number").arg(t)
                               : QString("%1 has more than %2 decimals").arg(t).arg(decimals());
    return {};
}

QString KeptDoubleSpinBox::typedProblem() const { return lastProblem_; }

void KeptDoubleSpinBox::onTextChanged() {
    const QString p = problemOf(lineEdit()->displayText());
    if (p == lastProblem_) return;
    if (lastProblem_.isEmpty()) valueWhenBroken_ = value();
    lastProblem_ = p;
    Q_EMIT typedProblemChanged(p);
}

void KeptDoubleSpinBox::discardTyped() {
    if (lastProblem_.isEmpty()) return;
    lastProblem_.clear();
    setValue(value());
    Q_EMIT typedProblemChanged({});
}

void KeptDoubleSpinBox::showValue(double v) {
    discardTyped();
    setValue(v);
}

QValidator::State KeptDoubleSpinBox::validate(QString& text, int& pos) const {
    return keep(QDoubleSpinBox::validate(text, pos), text);
}

double KeptDoubleSpinBox::valueFromText(const QString& text) const {
    return problemOf(text).isEmpty() ? QDoubleSpinBox::valueFromText(text) : value();
}

QString KeptDoubleSpinBox::textFromValue(double v) const {
    if (!lastProblem_.isEmpty() && v == valueWhenBroken_ && v == value())
        return bare(lineEdit()->displayText(), prefix(), suffix());
    return QDoubleSpinBox::textFromValue(v);
}

void KeptDoubleSpinBox::stepBy(int steps) {
    discardTyped();
    QDoubleSpinBox::stepBy(steps);
}

}  // namespace symscore::ui
