#pragma once
// What every symscore-cli subcommand shares: one JSON object on stdout, progress on stderr,
// and failures as a one-line message naming the bad input (thrown as CliError).
#include <QJsonObject>
#include <QMap>
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

// Subcommands and benchmark sections register themselves from their own files, so adding
// one touches no shared table:
//   static const RegisterCommand reg{"w1", cmdW1, {"flag"}, "w1 A.csv B.csv [--method M]"};
//   static const RegisterBench regB{"w1", benchW1};   // adds keys to bench's JSON
struct Command {
    int (*run)(const Args&);
    QStringList flags;  // options without a value
    const char* usage;
};
QMap<QString, Command>& commandTable();
struct RegisterCommand {
    RegisterCommand(const char* name, int (*run)(const Args&), QStringList flags,
                    const char* usage) {
        commandTable().insert(name, Command{run, std::move(flags), usage});
    }
};

using BenchSection = void (*)(bool quick, QJsonObject& out);
QMap<QString, BenchSection>& benchTable();
struct RegisterBench {
    RegisterBench(const char* name, BenchSection run) { benchTable().insert(name, run); }
};

}  // namespace symscore::cli
