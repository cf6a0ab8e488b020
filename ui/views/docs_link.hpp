#pragma once
// Where symscore's documentation is on this machine, for the links in the explanations and
// the Help menu: installed beside the programs (share/doc/symscore, as the package lays it
// out) or, when running from a build, the source tree's docs/.
#include <QString>

namespace symscore::ui {

// The absolute path of docs/<file>, or an empty string when no copy is found.
QString docsPath(const QString& file);

// Rich text: a link to docs/<file> (and its #anchor, if given) reading `text`; when no copy is
// found, `text` followed by the file's name, so the reader still knows where to look.
QString docsLink(const QString& file, const QString& text, const QString& anchor = {});

}  // namespace symscore::ui
