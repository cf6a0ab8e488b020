#include "core/io/json_reader.hpp"

#include <QStringList>
#include <cmath>
#include <limits>

namespace symscore::io {

void failAt(const QString& path, const QString& problem) {
    throw FormatError((path + ": " + problem).toStdString());
}

QJsonValue JsonReader::take(const QString& key) {
    seen_.insert(key);
    return obj_.value(key);
}

double numberAt(const QJsonValue& v, const QString& path) {
    if (!v.isDouble()) failAt(path, "expected a number");
    const double d = v.toDouble();
    if (!std::isfinite(d)) failAt(path, "expected a finite number");
    return d;
}

double JsonReader::number(const QString& key, double fallback) {
    const QJsonValue v = take(key);
    if (v.isUndefined()) return fallback;
    return numberAt(v, at(key));
}

int JsonReader::integer(const QString& key, int fallback, int lo, int hi) {
    const QJsonValue v = take(key);
    if (v.isUndefined()) return fallback;
    const double d = numberAt(v, at(key));
    if (d != std::floor(d)) failAt(at(key), "expected a whole number, got " + QString::number(d));
    if (d < lo || d > hi)
        failAt(at(key), QString("must be between %1 and %2, got %3").arg(lo).arg(hi).arg(d));
    return int(d);
}

unsigned long long JsonReader::seed(const QString& key, unsigned long long fallback) {
    const QJsonValue v = take(key);
    if (v.isUndefined()) return fallback;
    const double d = numberAt(v, at(key));
    // Seeds travel as JSON numbers, so only integers a double holds exactly are accepted.
    if (d != std::floor(d) || d < 0 || d > 9007199254740992.0)
        failAt(at(key), "expected a whole number between 0 and 2^53");
    return (unsigned long long)d;
}

bool JsonReader::boolean(const QString& key, bool fallback) {
    const QJsonValue v = take(key);
    if (v.isUndefined()) return fallback;
    if (!v.isBool()) failAt(at(key), "expected true or false");
    return v.toBool();
}

QString JsonReader::string(const QString& key, const QString& fallback) {
    const QJsonValue v = take(key);
    if (v.isUndefined()) return fallback;
    if (!v.isString()) failAt(at(key), "expected a string");
    return v.toString();
}

QString JsonReader::choice(const QString& key, const QString& fallback,
                           const QStringList& allowed) {
    const QString s = string(key, fallback);
    if (!allowed.contains(s)) failAt(at(key), "\"" + s + "\" is not one of " + allowed.join(", "));
    return s;
}

QJsonObject JsonReader::object(const QString& key) {
    const QJsonValue v = take(key);
    if (v.isUndefined()) return {};
    if (!v.isObject()) failAt(at(key), "expected an object");
    return v.toObject();
}

QJsonArray JsonReader::array(const QString& key, bool required) {
    const QJsonValue v = take(key);
    if (v.isUndefined()) {
        if (required) failAt(at(key), "missing");
        return {};
    }
    if (!v.isArray()) failAt(at(key), "expected an array");
    return v.toArray();
}

void JsonReader::finish() const {
    for (auto it = obj_.begin(); it != obj_.end(); ++it)
        if (!seen_.contains(it.key())) failAt(at(it.key()), "unknown field");
}

}  // namespace symscore::io
