#pragma once
// The Sample tab: one panel per model showing its particles moving through the reverse
// process over the density of p_t at the same time t (the density and the particles move
// together), trails for a few particles, the W1 of the frame shown in each panel's title,
// W1 against t with the noise floor as a band, and the final table of W1 to the target.
// Every W1 on this tab is one reading of core/w1_readout for one (model, frame): a title
// shows the reading of its own frame or "measuring", never another frame's or run's.
#include <QImage>
#include <QJsonObject>
#include <QLabel>
#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

#include "core/density_grid.hpp"
#include "ui/jobs/latest_only.hpp"
#include "ui/tasks/sampling_controller.hpp"

class QGridLayout;
class QTableWidget;

class QSplitter;

namespace symscore::ui {

class CurvePlot;
class Explanation;
class DensityPlot;
class Timeline;

class SampleView : public QWidget {
    Q_OBJECT
  public:
    explicit SampleView(SamplingController* controller, QWidget* parent = nullptr);
    void setScenario(const Scenario& s);
    // Clears the panels for a new sampling run of these models.
    void beginRun(const std::vector<ComparedModel>& models);

    Timeline* timeline() const { return timeline_; }
    DensityPlot* panel(int i) const { return panels_[std::size_t(i)]; }
    int panelCount() const { return int(panels_.size()); }
    CurvePlot* w1Plot() const { return w1Plot_; }
    QTableWidget* table() const { return table_; }
    Explanation* explanation() const { return explanation_; }
    // The final W1 of a model, to the target (NaN until measured).
    double finalW1(int index) const;
    // A model's sampling run (null until it is sampled).
    const SampleResult* result(int model) const { return results_.at(std::size_t(model)).get(); }
    // The W1 reading of a frame, once measured.
    const std::optional<W1FrameReading>& reading(int frame) const;
    // Every frame measured and every model sampled: nothing on this tab will change.
    bool settled() const { return settled_; }
    // What the tab shows, as data: the frame, each panel's readout, the table and the
    // W1-against-t curve (the --report of screenshot mode).
    QJsonObject report() const;
    // Writes <prefix>_<model>.csv for every sampled model; returns how many. Throws
    // io::FormatError on a write error.
    int writeSamples(const QString& prefix) const;
    bool densitiesReady() const { return densities_ != nullptr; }
    // Replaces the status line (and, while there are no panels, the placeholder in their
    // place); statusText reads it.
    void showNote(const QString& text);
    // Training's progress while this tab waits for models: in the
    // status line and in large type where the panels will be, never a blank area.
    void showTrainingProgress(const QString& line);
    QString placeholderText() const;
    QString statusText() const;
    // The models of this run, in panel order.
    const std::vector<ComparedModel>& models() const { return models_; }
    // The noise floor of the final W1 (NaN until measured).
    double finalFloor() const;
    // A reveal (lesson mode: the answer must not show before the animation does):
    // the W1 curve grows only up to the frame the animation has reached, and the final
    // table fills in when the animation reaches the last frame, not when it is measured.
    void setRevealAsPlayed(bool on);
    bool revealAsPlayed() const { return revealAsPlayed_; }
    // The final table shows its numbers.
    bool tableShown() const { return tableShown_; }
    // Redraws the current frame: what the animation does 60 times a second.
    void drawFrame(int frame);
    // One frame as a picture for an exported animation or slide (sample_view_render.cpp):
    // every panel with its title and that frame's W1 readout, under a line with the
    // frame's time t, filling `size` pixels. The panels on screen show `frame` afterwards:
    // drawFrame(timeline()->frame()) brings them back.
    QImage renderFrame(int frame, QSize size);

  Q_SIGNALS:
    // Every model is sampled and measured.
    void ready();
    // The first model's particles and the densities are in: the animation can start (the
    // other panels fill in as their models finish).
    void playable();
    // The final table has just filled in (in a reveal: the animation reached the end).
    void resultsShown();

  protected:
    void resizeEvent(QResizeEvent* e) override;

  private:
    void connectSignals();
    // The table takes the width its names and numbers need (from a third to half), the W1
    // chart the rest; once the user drags the handle, the handle stays where it was left.
    void fitBottomSplit();
    void onSampled(const ModelSamples& m);
    void onW1(const W1FrameReading& r);
    void computeDensities(const std::vector<double>& times);
    void fillTable(const W1FrameReading& r);
    // Adds a reading to the W1 curve: its models unless already drawn, its floor if measured.
    void appendCurve(const W1FrameReading& r, bool withModels);
    void reachFrame(int frame);
    QString panelTitle(int model, int frame) const;

    SamplingController* controller_;
    Scenario scenario_;
    std::vector<ComparedModel> models_;
    std::vector<DensityPlot*> panels_;
    std::vector<std::shared_ptr<const SampleResult>> results_;
    std::vector<std::optional<W1FrameReading>> readings_;  // per frame
    std::optional<W1FrameReading> final_;                  // the last frame's: the table
    std::shared_ptr<const std::vector<DensityGrid>> densities_;
    QGridLayout* grid_;
    QWidget* gridHost_;
    Timeline* timeline_;
    CurvePlot* w1Plot_;
    QTableWidget* table_;
    QSplitter* bottom_;  // the W1 chart | the table
    bool bottomDragged_ = false;
    QLabel* status_;
    QLabel* placeholder_;  // where the panels go, while there are none
    Explanation* explanation_ = nullptr;
    LatestOnly<std::shared_ptr<const std::vector<DensityGrid>>> densityJob_{this};
    bool playableSent_ = false;
    bool settled_ = true;
    bool revealAsPlayed_ = false;
    bool tableShown_ = false;
    int reached_ = -1;  // the furthest frame drawn since the run began
};

}  // namespace symscore::ui
