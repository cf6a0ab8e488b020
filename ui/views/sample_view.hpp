#pragma once
// The Sample tab: one panel per model showing its particles moving through the reverse
// process over the density of p_t at the same time t (the density and the particles move
// together), trails for a few particles, a live W1 readout per panel against a fresh
// sample of p_t with its noise floor, W1 against t, and a final table of W1 per model.
#include <QLabel>
#include <QWidget>
#include <memory>
#include <vector>

#include "core/density_grid.hpp"
#include "ui/tasks/sampling_controller.hpp"

class QGridLayout;
class QTableWidget;

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
    // The final W1 of a model (NaN until measured).
    double finalW1(int index) const;
    // Writes dir/samples_<model>.csv for every sampled model; returns how many. Throws
    // io::FormatError on a write error.
    int writeSamples(const QString& dir) const;
    bool densitiesReady() const { return densities_ != nullptr; }
    // Redraws the current frame: what the animation does 60 times a second.
    void drawFrame(int frame);

Q_SIGNALS:
    // Every model is sampled and measured.
    void ready();
    // The first model's particles and the densities are in: the animation can start (the
    // other panels fill in as their models finish).
    void playable();

private:
    void onSampled(const ModelSamples& m);
    void onW1(const W1Reading& w);
    void computeDensities(const std::vector<double>& times);
    void requestLiveW1(int frame);

    SamplingController* controller_;
    Scenario scenario_;
    std::vector<ComparedModel> models_;
    std::vector<DensityPlot*> panels_;
    std::vector<std::shared_ptr<const SampleResult>> results_;
    std::vector<double> finalW1_, finalFloor_;
    std::vector<QString> liveW1_;
    std::shared_ptr<const std::vector<DensityGrid>> densities_;
    QGridLayout* grid_;
    QWidget* gridHost_;
    Timeline* timeline_;
    CurvePlot* w1Plot_;
    QTableWidget* table_;
    QLabel* status_;
    Explanation* explanation_ = nullptr;
    int densityJob_ = 0;
    int liveJob_ = 0;
    bool liveBusy_ = false;
    bool playableSent_ = false;
    int livePending_ = -1;
};

}  // namespace symscore::ui
