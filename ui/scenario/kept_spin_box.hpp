#pragma once
// Spin boxes that keep what was typed. A plain QSpinBox refuses keystrokes
// that leave its range (99 typed where 64 is the limit gives 9) and, when it loses the focus,
// puts back its last value over whatever it cannot read (0 where 1 is the minimum, an empty
// field, "abc"), silently. These accept any text up to a length: text that is a number in
// range sets the value as usual; any other text stays in the field as typed, the value stays
// the last good one, and typedProblem() says why the text is not used ("empty, type a number", "not
// a whole number", "99 is above the limit of 64"). The panel and the Experiment form mark such a
// field red with that reason and refuse to train or run until it is fixed.
#include <QDoubleSpinBox>
#include <QSpinBox>

namespace symscore::ui {

// What the two spin boxes share, for whoever checks every field at once.
class KeptEntry {
  public:
    virtual ~KeptEntry() = default;
    // Empty when the text is the value; else why the text is not used.
    virtual QString typedProblem() const = 0;
    // Shows the value again over the typed text (setting the scenario into the controls).
    virtual void discardTyped() = 0;
};

// The behaviour, once for both boxes: Box is QSpinBox or QDoubleSpinBox, Value its value type.
// (No Q_OBJECT in a template: each box below declares its own signal and announces through
// it.)
template <class Box, class Value>
class KeptBox : public Box, public KeptEntry {
  public:
    explicit KeptBox(QWidget* parent);
    // The text's signal is cut first: it must not reach problemOf once the box is going.
    ~KeptBox() override;
    QString typedProblem() const override { return lastProblem_; }
    void discardTyped() override;
    // A value set from the program replaces any typed text.
    void showValue(Value v);

  protected:
    // Why the text cannot be the value (empty: it can), the type's own reading.
    virtual QString problemOf(const QString& bareText) const = 0;
    // The typed text became unusable, or usable again.
    virtual void announce(const QString& problem) = 0;
    QValidator::State validate(QString& text, int& pos) const override;
    Value valueFromText(const QString& text) const override;
    QString textFromValue(Value v) const override;
    void stepBy(int steps) override;

  private:
    QString problemOfText(const QString& text) const;
    void onTextChanged();
    QString lastProblem_;
    Value valueWhenBroken_{};  // the value the typed text stands in for
};

class KeptSpinBox : public KeptBox<QSpinBox, int> {
    Q_OBJECT
  public:
    explicit KeptSpinBox(QWidget* parent = nullptr) : KeptBox(parent) {}

  Q_SIGNALS:
    void typedProblemChanged(const QString& problem);

  protected:
    QString problemOf(const QString& bareText) const override;
    void announce(const QString& problem) override { Q_EMIT typedProblemChanged(problem); }
};

class KeptDoubleSpinBox : public KeptBox<QDoubleSpinBox, double> {
    Q_OBJECT
  public:
    explicit KeptDoubleSpinBox(QWidget* parent = nullptr) : KeptBox(parent) {}

  Q_SIGNALS:
    void typedProblemChanged(const QString& problem);

  protected:
    QString problemOf(const QString& bareText) const override;
    void announce(const QString& problem) override { Q_EMIT typedProblemChanged(problem); }
};

}  // namespace symscore::ui
