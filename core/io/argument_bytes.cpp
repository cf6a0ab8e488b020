#include "core/io/argument_bytes.hpp"

#include <QFile>

namespace symscore::io {

namespace {

bool roundTrips(const QByteArray& bytes) {
    return QFile::encodeName(QFile::decodeName(bytes)) == bytes;
}

// The bytes as text a terminal shows safely: printable ASCII as it is, the rest as \xNN.
QString shown(const QByteArray& bytes) {
    QString out;
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        out +=
            u >= 0x20 && u < 0x7f ? QString(QChar(u)) : QString("\\x%1").arg(u, 2, 16, QChar('0'));
    }
    return out;
}

const char* kWhy =
    "is not valid UTF-8; symscore keeps file names byte for byte, so it refuses "
    "one it cannot (rename the file or folder)";

}  // namespace

QString undecodableArgument(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const QByteArray bytes(argv[i]);
        if (!roundTrips(bytes))
            return QString("argument %1 (%2) %3").arg(QString::number(i), shown(bytes), kWhy);
    }
    return {};
}

QString undecodableVariable(const char* name) {
    const QByteArray bytes = qgetenv(name);
    if (bytes.isEmpty() || roundTrips(bytes)) return {};
    return QString("%1 (%2) %3").arg(QString::fromLatin1(name), shown(bytes), kWhy);
}

}  // namespace symscore::io
