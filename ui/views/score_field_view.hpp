#pragma once
// The "Score field" tab: what each model has learned, drawn as a field over the plane at one
// time t of the forward process (MATH.md sections 3 and 5). One panel per model plus one for
// the exact score grad log p_t, each over the density of p_t with the group's mirror lines:
//   - arrows: the model's score (its colour) over the exact score (white) on a coarse grid;
//   - error: a heatmap of |s(x, t) - grad log p_t(x)| on a finer grid;
//   - defect: a heatmap of max_g |s(A_g x, t) - A_g s(x, t)|, zero for an equivariant field.
// Beside the panels, a DecompositionPlot splits each model's exact score error into its
// equivariant and symmetry-violation parts (over all times, on the scenario's evaluation set).
//
// All evaluation runs on worker threads (runInBackground), one frame at a time: while one
// is computed only the newest request is remembered, and a result for an older request
// (another t, mode, model list or scenario) is dropped.
#include <QWidget>
#include <memory>
#include <vector>

#include "core/density_grid.hpp"
#include "core/scenario.hpp"
#include "core/score_field.hpp"
#include "ui/tasks/training_controller.hpp"

class QComboBox;
class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPCurve;
class QGridLayout;
class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace symscore::ui {

class DecompositionPlot;
class DensityPlot;

// The arrows of one panel: at each grid point, the panel's field and the exact score.
// Raw values (the drawing scales and caps them).
struct ArrowField {
    PointsF at;
    PointsF field;
    PointsF exact;
};

class ScoreFieldView : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Arrows, Error, Defect };
    static constexpr int kArrowGrid = 17;  // arrows per side
    static constexpr int kHeatGrid = 80;   // heatmap cells per side
    static constexpr int kSliderSteps = 200;

    explicit ScoreFieldView(QWidget* parent = nullptr);
    ~ScoreFieldView() override;

    // Clears the models: shows the exact score only. Resets t to a moderate noise level.
    void setScenario(const Scenario& s);
    // Trained models (copies nobody writes to; evaluated off the GUI thread). Fields that
    // are the exact oracle are skipped: the exact score always has its own panel.
    void setModels(std::vector<ComparedModel> models);
    // Clamped to [eps, T]; moves the slider.
    void setTime(double t);
    void setMode(Mode m);

    double time() const { return t_; }
    Mode mode() const { return mode_; }
    // The time and mode of the fields on screen (NaN / Arrows before the first frame).
    double drawnTime() const { return drawnT_; }
    Mode drawnMode() const { return drawnMode_; }
    bool busy() const { return busy_; }

    // Panel 0 is the exact score, then one per model in setModels order.
    int panelCount() const { return int(panels_.size()); }
    QString panelName(int i) const;
    DensityPlot* panel(int i) const;
    // Arrows drawn in a panel: the model's (exact = false) or the exact score's.
    int drawnArrows(int i, bool exact) const;
    // The data of the frame on screen: arrows (Arrows mode) or heatmap values (Error and
    // Defect modes), and the heatmap's mean under p_t, its title value.
    const ArrowField& arrows(int i) const;
    const DensityGrid& heatmap(int i) const;
    double heatMean(int i) const;
    DecompositionPlot* decompositionPlot() const { return decomposition_; }
    // Exact score errors of the panel models (panel order, exact score excluded) once the
    // background measurement is done; empty before.
    const std::vector<ScoreErrors>& modelErrors() const { return errors_; }

    // "What am I looking at?" in plain words.
    static QString explanation();
    // Slider position <-> time, log-spaced over [eps, T].
    double timeAt(int position) const;

Q_SIGNALS:
    void computed();          // the current t's fields are drawn
    void errorsMeasured();    // the decomposition plot shows the panel models' errors

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Panel {
        std::string name;
        std::shared_ptr<const ScoreField> field;
        QColor color;
        bool equivariant = false;
        bool exact = false;
        DensityPlot* plot = nullptr;
        QCPColorMap* heat = nullptr;  // these four are owned by the plot
        QCPCurve* fieldArrows = nullptr;
        QCPCurve* exactArrows = nullptr;
        QCPCurve* contour = nullptr;
    };
    struct Frame;

    void rebuildPanels(std::vector<ComparedModel> models);
    void request();
    void startJob();
    void draw(const Frame& f);
    void measureErrors();
    void updateTimeLabel();
    void updateCaption();

    Scenario scenario_;
    std::shared_ptr<const ExactScore> exact_;
    std::vector<Panel> panels_;
    double t_ = 0.01;
    Mode mode_ = Mode::Arrows;
    double drawnT_;
    Mode drawnMode_ = Mode::Arrows;
    int job_ = 0, errorsJob_ = 0;
    bool busy_ = false;
    std::shared_ptr<const Frame> shown_;
    std::vector<ScoreErrors> errors_;

    QComboBox* modeBox_;
    QSlider* slider_;
    QLabel* timeLabel_;
    QToolButton* helpButton_;
    QLabel* help_;
    QWidget* helpBox_ = nullptr;
    QWidget* gridHost_;
    QGridLayout* grid_;
    DecompositionPlot* decomposition_;
    QCustomPlot* colorBar_;
    QCPColorScale* colorScale_;
    QLabel* caption_;
    QTimer* coverTimer_ = nullptr;
    QLabel* status_;
};

}  // namespace symscore::ui
