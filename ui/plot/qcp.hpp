#pragma once
// QCustomPlot's header uses Qt's bare keywords (signals, slots, emit, foreach), which symscore
// turns off (QT_NO_KEYWORDS) because they clash with TBB. Map them for this header only.
#include <QtCore/qglobal.h>
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
