#include "ui/views/docs_link.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QUrl>

namespace symscore::ui {

QString docsPath(const QString& file) {
    const QStringList dirs{
        QCoreApplication::applicationDirPath() + "/../share/doc/symscore",
#ifdef SYMSCORE_SOURCE_DOCS
        QStringLiteral(SYMSCORE_SOURCE_DOCS),
#endif
    };
    for (const QString& dir : dirs) {
        const QFileInfo f(QDir(dir).filePath(file));
        if (f.isFile()) return f.canonicalFilePath();
    }
    return {};
}

QString docsLink(const QString& file, const QString& text, const QString& anchor) {
    const QString path = docsPath(file);
    if (path.isEmpty()) return text.toHtmlEscaped() + " (docs/" + file.toHtmlEscaped() + ")";
    QUrl url = QUrl::fromLocalFile(path);
    if (!anchor.isEmpty()) url.setFragment(anchor);
    return "<a href=\"" + url.toString(QUrl::FullyEncoded).toHtmlEscaped() + "\">" +
           text.toHtmlEscaped() + "</a>";
}

}  // namespace symscore::ui
