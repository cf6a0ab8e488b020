# What `cmake --install` adds beside the programs (app/CMakeLists.txt installs those, the
# desktop entry and the scalable icon): the presets as files, the man pages, a bitmap icon;
# and the Debian package CPack makes of that tree (scripts/package.sh, docs/packaging.md).
include(GNUInstallDirs)

# The presets are built into both programs (core/io/CMakeLists.txt); a copy as files lets
# symscore-cli run them and users start their own scenarios from them.
file(GLOB symscore_preset_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/resources/presets/*.symscore.json)
install(FILES ${symscore_preset_files} DESTINATION ${CMAKE_INSTALL_DATADIR}/symscore/presets)

# The documentation the app links to (ui/views/docs_link: the fairness table, the models, the
# lessons), with the pictures it shows.
file(GLOB symscore_doc_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/*.md)
install(FILES ${symscore_doc_files} DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/docs/images/w1_vs_n.png ${PROJECT_SOURCE_DIR}/docs/images/lesson.png
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/images)

# Man pages are installed gzip-compressed, as Debian policy asks; -n keeps the archive free
# of time stamps so two builds of the same sources give the same package.
set(symscore_man_pages symscore-cli.1)
if(SYMSCORE_BUILD_GUI)
  list(APPEND symscore_man_pages symscore.1)
endif()
set(symscore_man_outputs "")
foreach(page IN LISTS symscore_man_pages)
  set(source ${PROJECT_SOURCE_DIR}/resources/man/${page})
  set(output ${PROJECT_BINARY_DIR}/man/${page}.gz)
  add_custom_command(OUTPUT ${output}
                     COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
                     COMMAND sh -c "gzip -9n -c '${source}' > '${output}'"
                     DEPENDS ${source}
                     COMMENT "Compressing man page ${page}"
                     VERBATIM)
  list(APPEND symscore_man_outputs ${output})
endforeach()
add_custom_target(symscore_man_pages ALL DEPENDS ${symscore_man_outputs})
install(FILES ${symscore_man_outputs} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
if(SYMSCORE_BUILD_GUI)
  # Menus that do not draw SVG use the bitmap (rendered from symscore.svg by
  # scripts/make_icon_png.py).
  install(FILES ${PROJECT_SOURCE_DIR}/resources/symscore.png
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/256x256/apps)
endif()

# The Debian package: `cpack -G DEB` in a build configured with the preset "package".
set(CPACK_PACKAGE_NAME symscore)
set(CPACK_PACKAGE_VENDOR symscore)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "symscore maintainers"
    CACHE STRING "Maintainer field of the Debian package")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "see how symmetry helps score-based diffusion models learn")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "When data is invariant under a group G (a reflection, rotations C_n, dihedral D_n),
 a score model that is G-equivariant by construction learns what a plain model only
 approaches with data augmentation. symscore trains plain, augmented and equivariant
 score-based diffusion models side by side on 2D Gaussian mixtures, where every score
 is known exactly, samples them and measures them (Wasserstein-1, score error, the part
 of the error that breaks the symmetry).
 .
 The package holds the desktop app (symscore), its command line (symscore-cli: run,
 sweep, merge, score, validate, w1, bench, soak) and the presets. It is built for
 x86-64-v3 processors (AVX2 and FMA: Intel Haswell, AMD Zen and later).")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # symscore_<version>_<arch>.deb
# The shared libraries the programs link (Qt, QCustomPlot, TBB, the C++ runtime) become
# Depends through dpkg-shlibdeps, with the versions of the distribution that built them.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# File > Export animation and `symscore --animation` pipe frames to ffmpeg, a program run
# when asked for, not a library: a recommendation, not a dependency.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS ffmpeg)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
