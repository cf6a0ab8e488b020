#pragma once
// Spin boxes that keep what was typed (issue 17 item 8). A plain QSpinBox refuses keystrokes
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

class KeptSpinBox : public QSpinBox, public KeptEntry {
    Q_OBJECT
  public:
    explicit KeptSpinBox(QWidget* parent = nullptr);
    QString typedProblem() const override;
    void discardTyped() override;
    // A value set from the program replaces any typed text.
    void showValue(int v);

  Q_SIGNALS:
    // The typed text became unusable, or usable again.
    void typedProblemChanged(const QString& problem);

  protected:
    QValidator::State validate(QString& text, int& pos) const override;
    int valueFromText(const QString& text) const override;
    QString textFromValue(int v) const override;
    void stepBy(int steps) override;

  private:
    void onTextChanged();
    QString problemOf(const QString& text) const;
    QString lastProblem_;
    int valueWhenBroken_ = 0;  // the value the typed text stands in for
};

class KeptDoubleSpinBox : public QDoubleSpinBox, public KeptEntry {
    Q_OBJECT
  public:
    explicit KeptDoubleSpinBox(QWidget* parent = nullptr);
    QString typedProblem() const override;
    void discardTyped() override;
    void showValue(double v);

  Q_SIGNALS:
    void typedProblemChanged(const QString& problem);

  protected:
    QValidator::State validate(QString& text, int& pos) const override;
    double valueFromText(const QString& text) const override;
    QString textFromValue(double v) const override;
    void stepBy(int steps) override;

  private:
    void onTextChanged();
    QString problemOf(const QString& text) const;
    QString lastProblem_;
    double valueWhenBroken_ = 0.0;
};

}  // namespace symscore::ui
