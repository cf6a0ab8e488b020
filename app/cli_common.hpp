#pragma once
// What every symscore-cli subcommand shares: one JSON object on stdout, progress on stderr,
// and failures as a one-line message naming the bad input (thrown as CliError).
#include <QJsonObject>
#include <QStringList>
#include <stdexcept>

namespace symscore::cli {

class CliError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Prints obj as one compact line on stdout.
void printJson(const QJsonObject& obj);
// Prints a progress or log line on stderr.
void log(const QString& line);

// Options parsed as "--name value" pairs and bare positional arguments.
struct Args {
    QStringList positional;
    QMap<QString, QString> options;  // without the leading "--"; flags map to "1"
    static Args parse(const QStringList& raw, const QStringList& flags);
    QString need(const QString& name) const;  // throws CliError if missing
    double number(const QString& name, double fallback) const;
    int integer(const QString& name, int fallback) const;
};

int cmdValidate(const Args& args);
int cmdScore(const Args& args);

}  // namespace symscore::cli
