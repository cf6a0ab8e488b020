// symscore-cli w1 A.csv B.csv [--method exact|sliced]: Wasserstein-1 between two clouds of
// equal size (docs/scenario.md), as {"w1":..,"n":..,"method":..,"seconds":..}.
#include <chrono>

#include "app/cli_common.hpp"
#include "core/io/points_csv.hpp"
#include "core/wasserstein.hpp"

namespace symscore::cli {

namespace {

constexpr const char* kUsage = "w1 A.csv B.csv [--method exact|sliced]";

int cmdW1(const Args& args) {
    if (args.positional.size() != 2) throw CliError(std::string("usage: symscore-cli ") + kUsage);
    const QString methodName = args.text("method", "exact");
    W1Method method;
    if (methodName == "exact")
        method = W1Method::Exact;
    else if (methodName == "sliced")
        method = W1Method::Sliced;
    else
        throw CliError(("--method: \"" + methodName + "\" is not exact or sliced").toStdString());
    const Points a = io::readPointsCsv(args.positional[0]);
    const Points b = io::readPointsCsv(args.positional[1]);
    if (a.rows() != b.rows())
        throw CliError(QString("%1 has %2 points and %3 has %4: W1 needs clouds of equal size")
                           .arg(args.positional[0])
                           .arg(a.rows())
                           .arg(args.positional[1])
                           .arg(b.rows())
                           .toStdString());
    const auto t0 = std::chrono::steady_clock::now();
    const double value = w1(a, b, method);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    printJson(QJsonObject{{"w1", value},
                          {"n", int(a.rows())},
                          {"method", w1MethodName(method)},
                          {"seconds", seconds}});
    return 0;
}

const RegisterCommand w1Command{"w1", cmdW1, {{"method", Value::Text}}, Gui::No, kUsage};

}  // namespace

}  // namespace symscore::cli
