#pragma once
// The Help menu: the documentation symscore installs (docs_link.hpp finds it), the fairness
// table behind the comparison on screen, and About with the paper the app is built on.
class QMainWindow;

namespace symscore::ui {

// Adds the Help menu, last in window's menu bar.
void addHelpMenu(QMainWindow* window);

}  // namespace symscore::ui
