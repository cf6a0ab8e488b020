#include "core/sweep_csv.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace symscore {

const char* const kSweepCsvHeader =
    "model,n_train,seed,w1,score_error,train_seconds,run,w1_floor,status";

namespace {

void appendNumber(std::string& s, double v) {
    if (std::isnan(v)) {
        s += "nan";
        return;
    }
    if (std::isinf(v)) {
        s += v > 0 ? "inf" : "-inf";
        return;
    }
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    s.append(buf, res.ptr);
}

std::vector<std::string> splitFields(const std::string& line) {
    std::vector<std::string> f;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = line.find(',', start);
        f.push_back(
            line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return f;
}

bool validName(const std::string& name) {
    return !name.empty() && name.find_first_of(",\"\n\r") == std::string::npos;
}

}  // namespace

std::string sweepCsv(const std::vector<SweepRow>& rows) {
    std::string s = kSweepCsvHeader;
    s += '\n';
    for (const SweepRow& r : rows) {
        if (!validName(r.model))
            throw std::invalid_argument("model name \"" + r.model + "\" cannot go in a CSV field");
        s += r.model;
        s += ',' + std::to_string(r.nTrain) + ',' + std::to_string(r.seed) + ',';
        appendNumber(s, r.w1);
        s += ',';
        appendNumber(s, r.scoreError);
        s += ',';
        if (r.trainSeconds) appendNumber(s, *r.trainSeconds);
        s += ',' + std::to_string(r.run) + ',';
        appendNumber(s, r.w1Floor);
        s += ',' + r.status + '\n';
    }
    return s;
}

std::vector<SweepRow> parseSweepCsv(const std::string& text) {
    std::vector<SweepRow> rows;
    std::size_t pos = 0;
    int lineNo = 0;
    bool sawHeader = false;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        auto fail = [&](const std::string& why) -> void {
            throw std::invalid_argument("line " + std::to_string(lineNo) + ": " + why);
        };
        if (!sawHeader) {
            if (line != kSweepCsvHeader)
                fail("header is not \"" + std::string(kSweepCsvHeader) + "\"");
            sawHeader = true;
            continue;
        }
        if (line.empty()) {
            if (pos >= text.size()) break;  // the final newline
            fail("empty line");
        }
        const std::vector<std::string> f = splitFields(line);
        if (f.size() != 9) fail(std::to_string(f.size()) + " fields, expected 9");
        auto integer = [&](const std::string& field, const char* name, int min) {
            int v = 0;
            const auto res = std::from_chars(field.data(), field.data() + field.size(), v);
            if (res.ec != std::errc() || res.ptr != field.data() + field.size() || v < min)
                fail(std::string(name) + " \"" + field +
                     "\" is not a whole number >= " + std::to_string(min));
            return v;
        };
        auto real = [&](const std::string& field, const char* name) {
            if (field == "nan") return std::numeric_limits<double>::quiet_NaN();
            if (field == "inf") return std::numeric_limits<double>::infinity();
            if (field == "-inf") return -std::numeric_limits<double>::infinity();
            double v = 0;
            const auto res = std::from_chars(field.data(), field.data() + field.size(), v);
            if (field.empty() || res.ec != std::errc() || res.ptr != field.data() + field.size())
                fail(std::string(name) + " \"" + field + "\" is not a number");
            return v;
        };
        SweepRow r;
        r.model = f[0];
        if (!validName(r.model)) fail("empty model name");
        r.nTrain = integer(f[1], "n_train", 1);
        r.seed = integer(f[2], "seed", 0);
        r.w1 = real(f[3], "w1");
        r.scoreError = real(f[4], "score_error");
        if (!f[5].empty()) r.trainSeconds = real(f[5], "train_seconds");
        r.run = integer(f[6], "run", 0);
        r.w1Floor = real(f[7], "w1_floor");
        r.status = f[8];
        if (r.status != "ok" && r.status != "diverged" && r.status != "sampler_blew_up")
            fail("status \"" + r.status + "\" is not ok, diverged or sampler_blew_up");
        rows.push_back(std::move(r));
    }
    if (!sawHeader) throw std::invalid_argument("line 1: missing header");
    return rows;
}

void sortRows(std::vector<SweepRow>& rows, const std::vector<std::string>& modelOrder) {
    auto rank = [&](const std::string& m) {
        const auto it = std::find(modelOrder.begin(), modelOrder.end(), m);
        return int(it - modelOrder.begin());
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const SweepRow& a, const SweepRow& b) {
        if (a.run != b.run) return a.run < b.run;
        return rank(a.model) < rank(b.model);
    });
}

std::set<int> completeRuns(const std::vector<SweepRow>& rows,
                           const std::vector<std::string>& modelOrder) {
    std::map<int, std::set<std::string>> seen;
    for (const SweepRow& r : rows) seen[r.run].insert(r.model);
    std::set<int> done;
    for (const auto& [run, models] : seen) {
        bool all = true;
        for (const std::string& m : modelOrder) all = all && models.count(m);
        if (all) done.insert(run);
    }
    return done;
}

}  // namespace symscore
