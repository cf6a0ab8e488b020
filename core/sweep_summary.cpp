#include "core/sweep_summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace symscore {

const SweepCell* SweepSummary::cell(const std::string& model, int nTrain) const {
    for (const SweepCell& c : cells)
        if (c.model == model && c.nTrain == nTrain) return &c;
    return nullptr;
}

SweepSummary summarizeSweep(const std::vector<SweepRow>& rows,
                            const std::vector<std::string>& modelOrder) {
    SweepSummary s;
    s.models = modelOrder;
    for (const SweepRow& r : rows)
        if (std::find(s.models.begin(), s.models.end(), r.model) == s.models.end())
            s.models.push_back(r.model);
    std::set<int> sizes;
    for (const SweepRow& r : rows) sizes.insert(r.nTrain);
    s.sizes.assign(sizes.begin(), sizes.end());
    s.w1Floor = rows.empty() ? std::numeric_limits<double>::quiet_NaN() : rows.front().w1Floor;

    auto meanStd = [](const std::vector<double>& v, double& mean, double& sd) {
        mean = 0.0;
        sd = 0.0;
        if (v.empty()) {
            mean = std::numeric_limits<double>::quiet_NaN();
            return;
        }
        for (double x : v) mean += x;
        mean /= double(v.size());
        if (v.size() < 2) return;
        double ss = 0.0;
        for (double x : v) ss += (x - mean) * (x - mean);
        sd = std::sqrt(ss / double(v.size() - 1));
    };
    for (const std::string& model : s.models) {
        for (int n : s.sizes) {
            std::vector<double> w, e;
            SweepCell c;
            c.model = model;
            c.nTrain = n;
            bool any = false;
            for (const SweepRow& r : rows) {
                if (r.model != model || r.nTrain != n) continue;
                any = true;
                // A diverged training (its network is whatever it was when it stopped) or a
                // sampler that blew up is a failed run, not a data point: counted in
                // `failed` and left out of the means.
                if (r.status == "ok" && std::isfinite(r.w1) && std::isfinite(r.scoreError)) {
                    w.push_back(r.w1);
                    e.push_back(r.scoreError);
                } else {
                    ++c.failed;
                }
            }
            if (!any) continue;
            c.count = int(w.size());
            meanStd(w, c.w1Mean, c.w1Std);
            meanStd(e, c.scoreErrorMean, c.scoreErrorStd);
            s.cells.push_back(c);
        }
    }
    return s;
}

}  // namespace symscore
