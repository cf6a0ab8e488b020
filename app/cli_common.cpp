#include "app/cli_common.hpp"

#include <QJsonDocument>
#include <cstdio>

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

Args Args::parse(const QStringList& raw, const QStringList& flags) {
    Args a;
    for (int i = 0; i < raw.size(); ++i) {
        const QString& s = raw[i];
        if (s.startsWith("--")) {
            const QString name = s.mid(2);
            if (flags.contains(name)) {
                a.options[name] = "1";
            } else {
                if (i + 1 >= raw.size()) throw CliError(("--" + name + ": needs a value").toStdString());
                a.options[name] = raw[++i];
            }
        } else {
            a.positional << s;
        }
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
    if (!ok) throw CliError(("--" + name + ": \"" + options[name] + "\" is not a number").toStdString());
    return v;
}

int Args::integer(const QString& name, int fallback) const {
    if (!options.contains(name)) return fallback;
    bool ok = false;
    const int v = options[name].toInt(&ok);
    if (!ok) throw CliError(("--" + name + ": \"" + options[name] + "\" is not a whole number").toStdString());
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

}  // namespace symscore::cli
