// symscore-cli validate / score: check a scenario; the exact score of p_t at given points.
#include <QJsonArray>
#include <QJsonDocument>

#include "app/cli_common.hpp"
#include "core/io/points_csv.hpp"
#include "core/io/scenario_json.hpp"

namespace symscore::cli {

namespace {
Scenario loadOne(const Args& args, const char* usage) {
    if (args.positional.size() != 1) throw CliError(std::string("usage: symscore-cli ") + usage);
    return io::loadScenario(args.positional[0]);
}
}  // namespace

static int cmdValidate(const Args& args) {
    const Scenario s = loadOne(args, "validate SCENARIO");
    printJson(QJsonDocument::fromJson(io::scenarioToJson(s)).object());
    return 0;
}

static int cmdScore(const Args& args) {
    const Scenario s = loadOne(args, "score SCENARIO --t T --points P.csv");
    const Process process = s.makeProcess();
    const double t = args.number("t", -1.0);
    if (!args.has("t")) throw CliError("--t: missing");
    if (!(t >= 0 && t <= process.T()))
        throw CliError(QString("--t: must be between 0 and T = %1").arg(process.T()).toStdString());
    const Points x = io::readPointsCsv(args.need("points"));
    // VP and OU have sigma(0) = 0: at t = 0 the marginal is the target itself.
    const Mixture pt = s.makeTarget().marginal(process.alpha(t), process.sigma(t));
    Points scores(x.rows(), 2);
    Eigen::VectorXd logp(x.rows());
    pt.score(x, scores);
    pt.logDensity(x, logp);
    QJsonArray sc, lp;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        sc.append(QJsonArray{scores(i, 0), scores(i, 1)});
        lp.append(logp(i));
    }
    printJson(QJsonObject{{"t", t}, {"scores", sc}, {"log_density", lp}});
    return 0;
}

}  // namespace symscore::cli

namespace symscore::cli {
namespace {
const RegisterCommand regValidate{"validate", cmdValidate, {}, Gui::No, "validate SCENARIO"};
const RegisterCommand regScore{"score",
                               cmdScore,
                               {{"t", Value::Number}, {"points", Value::Path}},
                               Gui::No,
                               "score SCENARIO --t T --points P.csv"};
}  // namespace
}  // namespace symscore::cli
