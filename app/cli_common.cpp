#include "app/cli_common.hpp"

#include <QBuffer>
#include <QJsonDocument>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace symscore::cli {

void printJson(const QJsonObject& obj) {
    const QByteArray text = QJsonDocument(obj).toJson(QJsonDocument::Compact);
    std::fwrite(text.constData(), 1, std::size_t(text.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void log(const QString& line) {
    std::fprintf(stderr, "%s\n", line.toLocal8Bit().constData());
    std::fflush(stderr);
}

namespace {

[[noreturn]] void refuse(const QString& text) { throw UsageError(text.toStdString()); }

int editDistance(const QString& a, const QString& b) {
    std::vector<int> row(std::size_t(b.size()) + 1);
    for (std::size_t j = 0; j < row.size(); ++j) row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int next = std::min({row[std::size_t(j)] + 1, row[std::size_t(j - 1)] + 1,
                                       diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = row[std::size_t(j)];
            row[std::size_t(j)] = next;
        }
    }
    return row.back();
}

[[noreturn]] void refuseUnknown(const QString& name, const QString& command, const Command& spec) {
    QStringList valid;
    QString closest;
    int best = 3;  // suggest only a near miss: at most two letters off, or the start of a name
    for (const Option& o : spec.options) {
        valid << QString("--") + o.name;
        const bool prefix = name.size() >= 2 && QString(o.name).startsWith(name);
        const int d = prefix ? 0 : editDistance(name, o.name);
        if (d < best) {
            best = d;
            closest = o.name;
        }
    }
    const QString hint = closest.isEmpty() ? QString() : "did you mean --" + closest + "? ";
    refuse("--" + name + ": unknown option for " + command + " (" + hint +
           (valid.isEmpty() ? QString("it takes no options") : "valid: " + valid.join(", ")) + ")");
}

void checkValue(const QString& name, Value kind, const QString& value) {
    bool ok = true;
    if (kind == Value::Integer) {
        value.toInt(&ok);
        if (!ok) refuse("--" + name + ": \"" + value + "\" is not a whole number");
    } else if (kind == Value::Number) {
        const double v = value.toDouble(&ok);
        // "inf", "nan" and 1e999 are numbers of a kind, but none a command can use.
        const QString word = value.trimmed().toLower().remove(QRegularExpression("^[+-]"));
        const bool infinite = word == "inf" || word == "infinity" || word == "nan" ||
                              (!ok && word.contains(QRegularExpression("^[0-9.]+e[0-9]+$")));
        if (infinite || (ok && !std::isfinite(v)))
            refuse("--" + name + ": \"" + value + "\" is not a finite number");
        if (!ok) refuse("--" + name + ": \"" + value + "\" is not a number");
    } else if (value.isEmpty()) {
        refuse("--" + name + ": needs a value, got an empty one");
    }
}

}  // namespace

Args Args::parse(const QStringList& raw, const QString& command, const Command& spec) {
    Args a;
    bool optionsEnded = false;
    for (int i = 0; i < raw.size(); ++i) {
        const QString& s = raw[i];
        if (optionsEnded || !s.startsWith("--") || s == "--") {
            if (s == "--" && !optionsEnded)
                optionsEnded = true;
            else
                a.positional << s;
            continue;
        }
        const qsizetype eq = s.indexOf('=');
        const QString name = eq < 0 ? s.mid(2) : s.mid(2, eq - 2);
        const auto option = std::find_if(spec.options.begin(), spec.options.end(),
                                         [&](const Option& o) { return name == o.name; });
        if (option == spec.options.end()) refuseUnknown(name, command, spec);
        if (a.options.contains(name)) refuse("--" + name + ": given twice");
        if (option->value == Value::None) {
            if (eq >= 0) refuse("--" + name + ": is a flag and takes no value");
            a.options[name] = "1";
            continue;
        }
        QString value;
        if (eq >= 0)
            value = s.mid(eq + 1);
        else if (i + 1 < raw.size())
            value = raw[++i];
        else
            refuse("--" + name + ": needs a value");
        checkValue(name, option->value, value);
        a.options[name] = value;
    }
    for (const Option& o : spec.options) {
        if (!a.options.contains(o.name)) continue;
        if (o.onlyWith && !a.options.contains(o.onlyWith))
            refuse(QString("--%1: does nothing without --%2").arg(o.name, o.onlyWith));
    }
    return a;
}

QString Args::need(const QString& name) const {
    if (!options.contains(name)) throw CliError(("--" + name + ": missing").toStdString());
    return options[name];
}

double Args::number(const QString& name, double fallback) const {
    if (!options.contains(name)) return fallback;
    bool ok = false;
    const double v = options[name].toDouble(&ok);
    if (!ok)
        throw CliError(("--" + name + ": \"" + options[name] + "\" is not a number").toStdString());
    return v;
}

int Args::integer(const QString& name, int fallback) const {
    if (!options.contains(name)) return fallback;
    bool ok = false;
    const int v = options[name].toInt(&ok);
    if (!ok)
        throw CliError(
            ("--" + name + ": \"" + options[name] + "\" is not a whole number").toStdString());
    return v;
}

}  // namespace symscore::cli

namespace symscore::cli {

QMap<QString, Command>& commandTable() {
    static QMap<QString, Command> table;
    return table;
}

QMap<QString, BenchSection>& benchTable() {
    static QMap<QString, BenchSection> table;
    return table;
}

#ifdef SYMSCORE_HAVE_FIGURES
QByteArray pngBytes(const QImage& image, const QString& path) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    if (image.isNull() || !buffer.open(QIODevice::WriteOnly) || !image.save(&buffer, "PNG"))
        throw CliError((path + ": cannot encode the picture as PNG").toStdString());
    return bytes;
}
#endif

}  // namespace symscore::cli
