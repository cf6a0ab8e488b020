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
}  // namespace

template <class Box, class Value>
KeptBox<Box, Value>::KeptBox(QWidget* parent) : Box(parent) {
    QObject::connect(this->lineEdit(), &QLineEdit::textChanged, this, [this] { onTextChanged(); });
}

template <class Box, class Value>
KeptBox<Box, Value>::~KeptBox() {
    QObject::disconnect(this->lineEdit(), nullptr, this, nullptr);
}

template <class Box, class Value>
QString KeptBox<Box, Value>::problemOfText(const QString& text) const {
    if (!this->specialValueText().isEmpty() && text == this->specialValueText()) return {};
    const QString t = bare(text, this->prefix(), this->suffix());
    if (t.isEmpty()) return "empty, type a number";
    return problemOf(t);
}

template <class Box, class Value>
void KeptBox<Box, Value>::onTextChanged() {
    const QString p = problemOfText(this->lineEdit()->displayText());
    if (p == lastProblem_) return;
    if (lastProblem_.isEmpty()) valueWhenBroken_ = this->value();
    lastProblem_ = p;
    announce(p);
}

template <class Box, class Value>
void KeptBox<Box, Value>::discardTyped() {
    if (lastProblem_.isEmpty()) return;
    lastProblem_.clear();
    this->setValue(this->value());  // shows the value's own text again
    announce({});
}

template <class Box, class Value>
void KeptBox<Box, Value>::showValue(Value v) {
    discardTyped();
    this->setValue(v);
}

template <class Box, class Value>
QValidator::State KeptBox<Box, Value>::validate(QString& text, int& pos) const {
    // Any text the base box would not take is still accepted as text (kept, not used).
    const QValidator::State base = Box::validate(text, pos);
    if (base == QValidator::Acceptable) return base;
    return text.size() > kMaxTyped ? QValidator::Invalid : QValidator::Acceptable;
}

template <class Box, class Value>
Value KeptBox<Box, Value>::valueFromText(const QString& text) const {
    return problemOfText(text).isEmpty() ? Box::valueFromText(text) : this->value();
}

template <class Box, class Value>
QString KeptBox<Box, Value>::textFromValue(Value v) const {
    // Qt rewrites the text from the value when the focus leaves: the typed text stays.
    if (!lastProblem_.isEmpty() && v == valueWhenBroken_ && v == this->value())
        return bare(this->lineEdit()->displayText(), this->prefix(), this->suffix());
    return Box::textFromValue(v);
}

template <class Box, class Value>
void KeptBox<Box, Value>::stepBy(int steps) {
    discardTyped();  // the arrows step from the last good value
    Box::stepBy(steps);
}

template class KeptBox<QSpinBox, int>;
template class KeptBox<QDoubleSpinBox, double>;

QString KeptSpinBox::problemOf(const QString& t) const {
    bool ok = false;
    qlonglong v = locale().toLongLong(t, &ok);
    if (!ok) v = t.toLongLong(&ok);
    if (!ok) return QString::fromUtf8("\u201c%1\u201d is not a whole number").arg(t);
    if (v < minimum() || v > maximum()) return outOfRange(t, minimum(), maximum());
    return {};
}

QString KeptDoubleSpinBox::problemOf(const QString& t) const {
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

}  // namespace symscore::ui
