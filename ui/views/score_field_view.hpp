#pragma once
// The "Score field" tab: what each model has learned, drawn as a field over the plane at one
// time t of the forward process (docs/math.md). One square panel per model plus one for the
// exact score grad log p_t, each over the density of p_t with the group's mirror lines:
//   - arrows: the model's score (its colour) over the exact score (white) on a coarse grid;
//   - error: a heatmap of |s(x, t) - grad log p_t(x)| on a finer grid;
//   - defect: a heatmap of max_g |s(A_g x, t) - A_g s(x, t)|, zero for an equivariant field.
// Beside the panels, a DecompositionPlot splits each model's exact score error into its
// equivariant and symmetry-violation parts (over all times, on the scenario's evaluation set).
//
// The view only draws: frames (core/score_field_frame) and the decomposition's errors and the
// target's own defect (core/score_decomposition) are computed on worker threads through
// LatestOnly jobs, and a result for an older request (another t, mode, model list or
// scenario) is dropped.
#include <QColor>
#include <QWidget>
#include <memory>
#include <vector>

#include "core/metrics.hpp"
#include "core/scenario.hpp"
#include "core/score_field.hpp"
#include "core/score_field_frame.hpp"
#include "ui/jobs/latest_only.hpp"
#include "ui/models/compared_model.hpp"

class QComboBox;
class QCustomPlot;
class QCPColorGradient;
class QCPColorMap;
class QCPColorScale;
class QCPCurve;
class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace symscore::ui {

class DecompositionPlot;
class DensityPlot;

using symscore::ArrowField;

// One compared model as the caller identifies it (an entry of the comparison): the view draws
// it in the given colour and decides nothing about its identity.
struct FieldModel {
    std::string id;  // stable across renames and recolourings
    std::string name;
    ModelKind kind = ModelKind::Trained;
    QColor color;
    std::shared_ptr<const ScoreField> field;
    bool equivariant = false;
};

class ScoreFieldView : public QWidget {
    Q_OBJECT
  public:
    using Mode = FieldMode;
    static constexpr int kArrowGrid = 17;  // arrows per side
    static constexpr int kHeatGrid = 80;   // heatmap cells per side
    static constexpr int kSliderSteps = 200;

    explicit ScoreFieldView(QWidget* parent = nullptr);
    ~ScoreFieldView() override;

    // Clears the models: shows the exact score only. Resets t to a moderate noise level.
    void setScenario(const Scenario& s);
    // The compared models (fields nobody writes to; evaluated off the GUI thread), one panel
    // each in this order. Models of kind Exact are skipped: the exact score has its own panel.
    void setModels(std::vector<FieldModel> models);
    // The comparison's models, as the rest of the app holds them.
    void setModels(const std::vector<ComparedModel>& models);
    // Clamped to [eps, T]; moves the slider.
    void setTime(double t);
    void setMode(Mode m);
    // Opens or closes the explanation above the panels: closed by default as on every tab,
    // open in lesson mode.
    void setHelpShown(bool on);
    // Training's progress in the status line while only the exact score is shown: the
    // models' squares appear when training rests.
    void showTrainingProgress(const QString& line);
    QString statusText() const;
    bool helpShown() const;

    double time() const { return t_; }
    Mode mode() const { return mode_; }
    // The time and mode of the fields on screen (NaN / Arrows before the first frame).
    double drawnTime() const { return drawnT_; }
    Mode drawnMode() const { return drawnMode_; }
    // A frame or a measurement of the errors is still being computed.
    bool busy() const { return !frames_.idle() || !measures_.idle(); }

    // Panel 0 is the exact score, then one per model in setModels order.
    int panelCount() const { return int(panels_.size()); }
    QString panelName(int i) const;
    QString panelId(int i) const;
    DensityPlot* panel(int i) const;
    // Arrows drawn in a panel: the model's (exact = false) or the exact score's.
    int drawnArrows(int i, bool exact) const;
    // The data of the frame on screen: arrows (Arrows mode) or heatmap values (Error and
    // Defect modes), and the heatmap's mean under p_t, its title value.
    const ArrowField& arrows(int i) const;
    const DensityGrid& heatmap(int i) const;
    double heatMean(int i) const;
    // Whether the heatmaps' colour bar is on screen (never in Arrows mode, where nothing
    // is coloured by it).
    bool colorBarShown() const;
    DecompositionPlot* decompositionPlot() const { return decomposition_; }
    // Exact score errors of the panel models (panel order, exact score excluded) once the
    // background measurement is done; empty before.
    const std::vector<ScoreErrors>& modelErrors() const { return errors_; }
    // The target's own defect under the scenario's group (NaN before it is measured), and the
    // hint shown when the target is not invariant under it (empty when it is).
    double targetDefect() const { return targetDefect_; }
    QString targetHint() const;

    // "What am I looking at?" in plain words.
    static QString explanation();
    // Slider position <-> time, log-spaced over [eps, T].
    double timeAt(int position) const;

  Q_SIGNALS:
    void computed();        // the current t's fields are drawn
    void errorsMeasured();  // the decomposition plot shows the panel models' errors

  private:
    void fitHelp();

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    struct Panel {
        FieldModel model;
        bool exact = false;
        DensityPlot* plot = nullptr;
        QCPColorMap* heat = nullptr;  // these four are owned by the plot
        QCPCurve* fieldArrows = nullptr;
        QCPCurve* exactArrows = nullptr;
        QCPCurve* contour = nullptr;
    };
    struct Measured {
        std::vector<ScoreErrors> errors;
        double targetDefect = 0.0;
    };

    static QCPColorGradient errorGradient();
    void buildControls();
    void rebuildPanels(std::vector<FieldModel> models);
    DensityPlot* makePanelPlot(Panel& p);
    void layoutPanels();
    FieldFrameSpec frameSpec() const;
    void request();
    void draw(const ScoreFieldFrame& f);
    void drawPanel(Panel& p, const FieldPanelFrame& frame, const ScoreFieldFrame& f);
    void setPanelTitle(Panel& p, const QString& value);
    void measure();
    void showMeasured(const Measured& m);
    void updateTimeLabel();
    void updateCaption();

    Scenario scenario_;
    std::shared_ptr<const ExactScore> exact_;
    std::vector<Panel> panels_;
    double t_ = 0.01;
    Mode mode_ = Mode::Arrows;
    double drawnT_;
    Mode drawnMode_ = Mode::Arrows;
    std::shared_ptr<const ScoreFieldFrame> shown_;
    std::vector<ScoreErrors> errors_;
    double targetDefect_;

    QComboBox* modeBox_;
    QSlider* slider_;
    QLabel* timeLabel_;
    QToolButton* helpButton_;
    QLabel* help_;
    QWidget* helpBox_ = nullptr;  // a scroll area around helpFrame_
    QWidget* helpFrame_ = nullptr;
    QLabel* hint_;
    QWidget* gridHost_;
    DecompositionPlot* decomposition_;
    QCustomPlot* colorBar_;
    QCPColorScale* colorScale_ = nullptr;
    QLabel* caption_;
    QTimer* coverTimer_ = nullptr;
    bool relayoutQueued_ = false;
    QLabel* status_;
    // Last members: destroyed first, so no result arrives in a half-destroyed view.
    LatestOnly<std::shared_ptr<const ScoreFieldFrame>> frames_{this};
    LatestOnly<Measured> measures_{this};
};

}  // namespace symscore::ui
