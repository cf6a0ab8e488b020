#pragma once
// Reads one JSON object field by field with defaults, and reports every problem as
// "<path>: <problem>" in a FormatError. Fields that were never asked for are unknown, and
// finish() rejects them, so a typo is never silently ignored.
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QString>
#include <stdexcept>
#include <string>

namespace symscore::io {

class FormatError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

[[noreturn]] void failAt(const QString& path, const QString& problem);

class JsonReader {
  public:
    // path is the dotted location of obj, "" for the root.
    JsonReader(QJsonObject obj, QString path) : obj_(std::move(obj)), path_(std::move(path)) {}

    QString at(const QString& key) const { return path_.isEmpty() ? key : path_ + "." + key; }
    bool has(const QString& key) const { return obj_.contains(key); }

    double number(const QString& key, double fallback);
    int integer(const QString& key, int fallback, int lo, int hi);
    unsigned long long seed(const QString& key, unsigned long long fallback);
    bool boolean(const QString& key, bool fallback);
    QString string(const QString& key, const QString& fallback);
    // One of the allowed words; the error lists them.
    QString choice(const QString& key, const QString& fallback, const QStringList& allowed);
    QJsonObject object(const QString& key);  // {} when absent
    QJsonArray array(const QString& key, bool required);
    // Throws on the first field that no one asked for.
    void finish() const;

  private:
    QJsonValue take(const QString& key);
    QJsonObject obj_;
    QString path_;
    QSet<QString> seen_;
};

// A number from an array element, with its path for the message.
double numberAt(const QJsonValue& v, const QString& path);

}  // namespace symscore::io
