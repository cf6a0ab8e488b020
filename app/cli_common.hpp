#pragma once
#include <QImage>
// What every symscore-cli subcommand shares: one JSON object on stdout, progress on stderr,
// and failures as a one-line message naming the bad input (thrown as CliError).
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QStringList>
#include <chrono>
#include <cmath>
#include <optional>
#include <stdexcept>

namespace symscore::cli {

class CliError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};
// A command line the command cannot take (an unknown option, a malformed value): exit code 2.
class UsageError : public CliError {
  public:
    using CliError::CliError;
};

// Prints obj as one compact line on stdout.
void printJson(const QJsonObject& obj);
// Prints a progress or log line on stderr.
void log(const QString& line);

// A number for JSON output: NaN and infinities (and no value) are written as null, which
// every JSON reader takes (they have no JSON spelling).
inline QJsonValue jsonNumber(double v) {
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}
inline QJsonValue jsonNumber(const std::optional<double>& v) {
    return v ? jsonNumber(*v) : QJsonValue(QJsonValue::Null);
}

// Seconds of wall time since t0, for the commands that time what they do.
inline double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// What an option takes: nothing (a flag), or a value of one kind, checked while parsing.
enum class Value {
    None,     // a flag: "--quick"
    Text,     // any word: "--method exact", "--shard 0/4", "--sizes 8,16"
    Path,     // a file or folder
    Integer,  // a whole number (its range is the command's to check)
    Number,   // a finite number: "inf" and "nan" are refused
};
struct Option {
    const char* name;  // without the leading "--"
    Value value;
    // An option that means something only beside another: without it, it would do nothing,
    // so it is refused rather than ignored.
    const char* onlyWith = nullptr;
};
// Whether a command draws pictures with the app's widgets (offscreen QApplication) or
// needs only QCoreApplication.
enum class Gui { No, Yes };

struct Command;

// A command line checked against the command's options: an option the command does not
// declare (a typo, "--seed" for "--seeds"), one given twice, a flag given a value or a value
// of the wrong kind is refused with the option's name and the valid ones. "--name value"
// and "--name=value" both work; everything else is positional.
struct Args {
    QStringList positional;
    QMap<QString, QString> options;  // without the leading "--"; flags map to "1"
    static Args parse(const QStringList& raw, const QString& command, const Command& spec);
    bool has(const QString& name) const { return options.contains(name); }
    QString need(const QString& name) const;  // throws CliError if missing
    QString text(const QString& name, const QString& fallback) const {
        return options.value(name, fallback);
    }
    double number(const QString& name, double fallback) const;
    int integer(const QString& name, int fallback) const;
};

// Subcommands and benchmark sections register themselves from their own files, so adding
// one touches no shared table:
//   static const RegisterCommand w1Command{"w1", cmdW1, {{"method", Value::Text}}, Gui::No,
//                                    "w1 A.csv B.csv [--method M]"};
//   static const RegisterBench w1Bench{"w1", benchW1};   // adds keys to bench's JSON
struct Command {
    int (*run)(const Args&);
    QList<Option> options;
    Gui gui;
    const char* usage;
};
QMap<QString, Command>& commandTable();
struct RegisterCommand {
    RegisterCommand(const char* name, int (*run)(const Args&), QList<Option> options, Gui gui,
                    const char* usage) {
        commandTable().insert(name, Command{run, std::move(options), gui, usage});
    }
};

using BenchSection = void (*)(bool quick, QJsonObject& out);
QMap<QString, BenchSection>& benchTable();
struct RegisterBench {
    RegisterBench(const char* name, BenchSection run) { benchTable().insert(name, run); }
};

#ifdef SYMSCORE_HAVE_FIGURES
// A picture encoded as PNG in memory, for an atomic write; throws CliError naming `path` when
// it cannot be encoded.
QByteArray pngBytes(const QImage& image, const QString& path);
#endif

}  // namespace symscore::cli
