# Every dependency is a Debian package installed by scripts/install-deps.sh.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n data)
find_package(pugixml REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(doctest REQUIRED)
find_package(CLI11 REQUIRED)
# The content checks' rules (templates/*/checks.yaml): libyaml-cpp-dev, imported target yaml-cpp.
find_package(yaml-cpp REQUIRED)
# Images are decoded by quire itself (renderer/image), never by libharu.
find_package(PNG REQUIRED)
find_package(JPEG REQUIRED)
pkg_check_modules(HARFBUZZ REQUIRED IMPORTED_TARGET harfbuzz harfbuzz-subset)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)  # the DOCX tests read packages back with it
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
pkg_check_modules(LIBDEFLATE REQUIRED IMPORTED_TARGET libdeflate)  # PDF streams: 3x faster than zlib at level 1, smaller output
pkg_check_modules(FONTCONFIG REQUIRED IMPORTED_TARGET fontconfig)

# libhpdf-dev ships neither a pkg-config file nor a CMake config.
find_path(HPDF_INCLUDE_DIR hpdf.h REQUIRED)
find_library(HPDF_LIBRARY hpdf REQUIRED)
add_library(quire::hpdf UNKNOWN IMPORTED)
set_target_properties(quire::hpdf PROPERTIES IMPORTED_LOCATION ${HPDF_LIBRARY}
  INTERFACE_INCLUDE_DIRECTORIES ${HPDF_INCLUDE_DIR})

# libhyphen-dev: header + library, no pkg-config.
find_path(HYPHEN_INCLUDE_DIR hyphen.h REQUIRED)
find_library(HYPHEN_LIBRARY hyphen REQUIRED)
add_library(quire::hyphen UNKNOWN IMPORTED)
set_target_properties(quire::hyphen PROPERTIES IMPORTED_LOCATION ${HYPHEN_LIBRARY}
  INTERFACE_INCLUDE_DIRECTORIES ${HYPHEN_INCLUDE_DIR})

# valijson is header-only (libvalijson-dev).
find_path(VALIJSON_INCLUDE_DIR valijson/schema.hpp REQUIRED)
add_library(quire::valijson INTERFACE IMPORTED)
set_target_properties(quire::valijson PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${VALIJSON_INCLUDE_DIR})

# The service (service/): HTTP on cpp-httplib (a compiled library with a pkg-config file),
# storage in SQLite, SHA-256 and token randomness from OpenSSL's libcrypto.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)  # PostgreSQL for the service's shared queue
find_package(SQLite3 REQUIRED)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
