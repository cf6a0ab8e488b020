#pragma once
// Parsing a JSON document strictly, for every JSON file symscore reads (scenarios, model
// headers, sweep.json, the session manifest). QJsonDocument alone lets the last of two equal
// keys win silently and calls a number beyond the range of a double an "illegal number";
// here the first is refused and the second is called out of range.
#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include "core/io/json_reader.hpp"

namespace symscore::io {

// The document's root object. Throws FormatError "<where>: <problem>":
//   not valid JSON at offset N (<Qt's reason>)
//   number 1e999 at offset N is out of range (beyond 1.8e308)
//   key "training.steps" appears twice
//   expected a JSON object
QJsonObject parseJsonObject(const QByteArray& bytes, const QString& where);

}  // namespace symscore::io
