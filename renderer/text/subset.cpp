#include "text/subset.hpp"

#include <hb-subset.h>
#include <hb.h>

#include "text/font.hpp"

namespace quire::text {
namespace {

// Tables only a shaper reads: dropped when the reader draws already-shaped glyphs.
constexpr hb_tag_t kLayoutTables[] = {
    HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'), HB_TAG('B', 'A', 'S', 'E'),
    HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H'), HB_TAG('k', 'e', 'r', 'n'), HB_TAG('m', 'o', 'r', 'x'),
    HB_TAG('m', 'o', 'r', 't'), HB_TAG('k', 'e', 'r', 'x'), HB_TAG('f', 'e', 'a', 't'), HB_TAG('v', 'h', 'e', 'a'),
    HB_TAG('v', 'm', 't', 'x'), HB_TAG('V', 'O', 'R', 'G'),
};
// Tables no embedded copy needs: a signature the subset would break, device metrics.
constexpr hb_tag_t kAlwaysDropped[] = {
    HB_TAG('D', 'S', 'I', 'G'), HB_TAG('m', 'e', 't', 'a'), HB_TAG('S', 'T', 'A', 'T'),
    HB_TAG('h', 'd', 'm', 'x'), HB_TAG('L', 'T', 'S', 'H'), HB_TAG('V', 'D', 'M', 'X'),
};

}  // namespace

std::optional<SubsetProgram> subset_font(const Face& face, const SubsetRequest& request, std::string& error) {
  if (!face.face) {
    error = "font face not loaded: " + face.file;
    return std::nullopt;
  }
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (!input) {
    error = "hb_subset_input_create_or_fail failed";
    return std::nullopt;
  }
  hb_set_t* glyph_set = hb_subset_input_glyph_set(input);
  for (std::uint32_t g : request.glyphs) hb_set_add(glyph_set, g);
  hb_set_t* unicodes = hb_subset_input_unicode_set(input);
  for (char32_t c : request.characters) hb_set_add(unicodes, static_cast<hb_codepoint_t>(c));
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (hb_tag_t t : kAlwaysDropped) hb_set_add(drop, t);
  if (!request.keep_layout)
    for (hb_tag_t t : kLayoutTables) hb_set_add(drop, t);
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);

  hb_subset_plan_t* plan = hb_subset_plan_create_or_fail(face.face, input);
  hb_subset_input_destroy(input);
  if (!plan) {
    error = "hb-subset could not plan a subset of " + face.file;
    return std::nullopt;
  }
  SubsetProgram out;
  const hb_map_t* old_to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
  out.glyph_map.reserve(request.glyphs.size());
  for (std::uint32_t g : request.glyphs) {
    hb_codepoint_t n = hb_map_get(old_to_new, g);
    if (n != HB_MAP_VALUE_INVALID) out.glyph_map.emplace_back(g, n);  // else a gid beyond the font
  }
  hb_face_t* sub = hb_subset_plan_execute_or_fail(plan);
  hb_subset_plan_destroy(plan);
  if (!sub) {
    error = "hb-subset failed for " + face.file;
    return std::nullopt;
  }
  hb_blob_t* blob = hb_face_reference_blob(sub);
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob, &len);
  out.bytes.assign(data ? data : "", data ? len : 0);
  hb_blob_destroy(blob);
  hb_face_destroy(sub);
  if (out.bytes.empty()) {
    error = "hb-subset made an empty font of " + face.file;
    return std::nullopt;
  }
  return out;
}

}  // namespace quire::text
