#include "core/io/json_document.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <vector>

namespace symscore::io {

namespace {

bool isNumberChar(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// The number Qt stopped at, when it is a well-formed JSON number (so too large, not malformed).
QByteArray numberAt(const QByteArray& bytes, qsizetype offset) {
    qsizetype begin = std::min(offset, bytes.size());
    while (begin > 0 && isNumberChar(bytes[begin - 1])) --begin;
    qsizetype end = begin;
    while (end < bytes.size() && isNumberChar(bytes[end])) ++end;
    const QByteArray token = bytes.mid(begin, end - begin);
    static const QRegularExpression grammar(R"(^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$)");
    return grammar.match(QString::fromLatin1(token)).hasMatch() ? token : QByteArray();
}

// The end of the string literal that starts at bytes[begin] (a '"'), one past its closing quote.
qsizetype stringEnd(const QByteArray& bytes, qsizetype begin) {
    qsizetype i = begin + 1;
    while (i < bytes.size() && bytes[i] != '"') i += bytes[i] == '\\' ? 2 : 1;
    return i + 1;
}

QString decodeKey(const QByteArray& literal) {
    if (!literal.contains('\\')) return QString::fromUtf8(literal.mid(1, literal.size() - 2));
    return QJsonDocument::fromJson("[" + literal + "]").array().at(0).toString();
}

struct Frame {
    bool object = false;
    QString path;
    QSet<QString> keys;
    QString key;    // the key whose value comes next (objects)
    int index = 0;  // the element that comes next (arrays)
    bool expectKey = true;
};

QString childPath(const Frame& f) {
    if (!f.object) return f.path + QString("[%1]").arg(f.index);
    return f.path.isEmpty() ? f.key : f.path + "." + f.key;
}

// Walks a document QJsonDocument has already accepted, so the syntax is known to be valid.
void refuseDuplicateKeys(const QByteArray& bytes, const QString& where) {
    std::vector<Frame> stack;
    for (qsizetype i = 0; i < bytes.size();) {
        const char c = bytes[i];
        if (c == '{' || c == '[') {
            Frame f;
            f.object = c == '{';
            f.path = stack.empty() ? QString() : childPath(stack.back());
            stack.push_back(std::move(f));
            ++i;
        } else if (c == '}' || c == ']') {
            stack.pop_back();
            ++i;
        } else if (c == ',') {
            if (!stack.empty()) {
                stack.back().expectKey = true;
                ++stack.back().index;
            }
            ++i;
        } else if (c == '"') {
            const qsizetype end = stringEnd(bytes, i);
            if (!stack.empty() && stack.back().object && stack.back().expectKey) {
                Frame& f = stack.back();
                f.key = decodeKey(bytes.mid(i, end - i));
                if (f.keys.contains(f.key))
                    failAt(where, "key \"" + childPath(f) + "\" appears twice");
                f.keys.insert(f.key);
                f.expectKey = false;
            }
            i = end;
        } else {
            ++i;
        }
    }
}

}  // namespace

QJsonObject parseJsonObject(const QByteArray& bytes, const QString& where) {
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error == QJsonParseError::IllegalNumber) {
        const QByteArray number = numberAt(bytes, err.offset);
        if (!number.isEmpty())
            failAt(where, QString("number %1 at offset %2 is out of range (beyond 1.8e308)")
                              .arg(QString::fromLatin1(number.left(40)))
                              .arg(err.offset));
    }
    if (err.error != QJsonParseError::NoError)
        failAt(where, "not valid JSON at offset " + QString::number(err.offset) + " (" +
                          err.errorString() + ")");
    if (!doc.isObject()) failAt(where, "expected a JSON object");
    refuseDuplicateKeys(bytes, where);
    return doc.object();
}

}  // namespace symscore::io
