# How symscore compiles fast: precompiled headers and unity builds, one set per layer.
#
# Most of a symscore source file's compile time is spent parsing the same library headers
# (Eigen and TBB in core, Qt and QCustomPlot in ui, Qt Test in the tests): a small file such
# as ui/plot/palette.cpp took 12 s of which its own code is a fraction.
# - Precompiled headers: each layer parses its headers once. The sets name only headers the
#   layer may include (core/ never sees Qt), so a file that forgets an include of its own
#   still fails in the layer it belongs to. The test executables share two precompiled
#   headers (REUSE_FROM, tests/CMakeLists.txt) instead of making one each.
# - Unity builds: a library's files are compiled in batches, several .cpp files per compiler
#   run, so the code they share (templates, inline functions) is compiled once per batch.
#   Names in a file's anonymous namespace must therefore be unique across its layer. A file
#   with flags of its own (core/auction.cpp) is compiled alone; CMake does that by itself.
#
# SYMSCORE_UNITY=OFF compiles file by file (the dev preset does, so that an edit recompiles
# one file); SYMSCORE_PCH=OFF builds without precompiled headers, to check that every file
# includes what it uses. docs/architecture.md, "Building fast", gives the figures.
option(SYMSCORE_PCH "Precompile the library headers of each layer" ON)
option(SYMSCORE_UNITY "Compile each library in batches of files (unity build)" ON)
set(SYMSCORE_UNITY_BATCH 8 CACHE STRING "Source files per batch of a unity build")
if(NOT SYMSCORE_PCH)
  set(CMAKE_DISABLE_PRECOMPILE_HEADERS ON)
endif()

set(symscore_pch_std <algorithm> <atomic> <chrono> <cmath> <cstdint> <functional> <limits> <map>
    <memory> <mutex> <optional> <set> <stdexcept> <string> <vector>)
set(symscore_pch_core ${symscore_pch_std} <Eigen/Core> <Eigen/LU> <tbb/parallel_for.h>
    <tbb/task_arena.h>)
set(symscore_pch_io ${symscore_pch_core} <QByteArray> <QDir> <QFile> <QFileInfo> <QJsonArray>
    <QJsonDocument> <QJsonObject> <QString> <QStringList>)
# QCustomPlot through ui/plot/qcp.hpp, which maps the Qt keywords its header needs.
set(symscore_pch_ui ${symscore_pch_io} <QtWidgets> "${PROJECT_SOURCE_DIR}/ui/plot/qcp.hpp")

# Qt's code generators (moc, rcc) of a target need not wait for the libraries it links:
# they read the target's own files. Without this the ui layer's moc starts only when core is
# built, and everything of ui waits for it.
set(CMAKE_AUTOGEN_ORIGIN_DEPENDS OFF)

# symscore_compile_fast(TARGET LAYER [REUSE OWNER]): TARGET precompiles LAYER's headers (core,
# io or ui), or takes the precompiled headers OWNER made (a target of the same layer and
# flags: each precompiled header costs a compile of its own, 15-25 s on one core), and, unless
# SYMSCORE_UNITY is off, compiles its files in batches.
function(symscore_compile_fast target layer)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "REUSE" "")
  if(arg_REUSE)
    target_precompile_headers(${target} REUSE_FROM ${arg_REUSE})
  else()
    target_precompile_headers(${target} PRIVATE ${symscore_pch_${layer}})
  endif()
  if(SYMSCORE_UNITY)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON
                          UNITY_BUILD_BATCH_SIZE ${SYMSCORE_UNITY_BATCH})
  endif()
endfunction()
