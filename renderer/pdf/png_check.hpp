// A structural check of PNG data before libharu sees it. libharu 2.3.0 installs a
// libpng error callback that returns instead of long-jumping, and never calls
// setjmp: on a corrupt PNG libpng then calls abort() and takes the whole process
// (a worker serving many users) down. Everything libpng treats as a hard error
// on the way libharu reads (chunk CRCs, IHDR, palette, the zlib stream and the
// exact amount of image data, row filter types) is checked here first.
#pragma once

#include <string>
#include <string_view>

namespace quire::pdf {

/// True if `png` will decode; otherwise false with a reason in `error`.
/// Images above 8,192 x 8,192 pixels or 256 MB of raw data are refused too.
bool check_png(std::string_view png, std::string& error);

}  // namespace quire::pdf
