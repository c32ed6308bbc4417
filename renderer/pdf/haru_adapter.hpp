// The one place that touches libharu. libharu is our PDF container and object
// writer (pages, xref, Flate, outlines; it never parses image bytes: images come
// decoded from renderer/image); everything it cannot do through its public API
// (our own font objects, marked content, the structure tree) goes through its
// exported internal object API, which ties this file to Debian's
// libharu 2.3.0 (libhpdf-2.3.0, 2.3.0+dfsg-1+b1). No libharu type leaks out of
// this header: the rest of the writer sees small handles and plain C++ calls.
//
// Errors: libharu reports through an error handler (installed here) and status
// codes; both end up in errors(). After the first error the document is dead
// (libharu refuses further work) and save() returns an empty string.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace quire::pdf::haru {

/// Handles to objects owned by a Document (valid until it is destroyed).
struct Dict {
  void* ptr = nullptr;
  explicit operator bool() const { return ptr != nullptr; }
};
struct Array {
  void* ptr = nullptr;
  explicit operator bool() const { return ptr != nullptr; }
};
struct Page {
  void* ptr = nullptr;
  explicit operator bool() const { return ptr != nullptr; }
};
struct Image {
  void* ptr = nullptr;
  unsigned width = 0, height = 0;  ///< pixels
  explicit operator bool() const { return ptr != nullptr; }
};

/// How the bytes of a new stream object are stored.
enum class StreamData {
  Raw,         ///< as given, no filter
  Compress,    ///< Flate-compressed by libharu when the document is saved
  PreDeflated  ///< already zlib-compressed by us: written verbatim with /Filter /FlateDecode
};

/// One PDF being built. Not thread-safe; use one per thread.
class Document {
 public:
  /// A new empty PDF 1.7 document; `compress` turns on Flate for content, images and metadata.
  explicit Document(bool compress);
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  /// True once libharu reported an error (through its handler or a status code).
  [[nodiscard]] bool failed() const;
  /// Human-readable descriptions of every libharu error so far.
  [[nodiscard]] const std::vector<std::string>& errors() const;

  // --- document-level dictionaries -------------------------------------------------
  Dict catalog();
  Dict info();  ///< the trailer's /Info

  // --- pages -----------------------------------------------------------------------
  /// Appends a page of `width` x `height` points (libharu accepts 3..14400).
  Page add_page(double width, double height);
  /// The page's dictionary, for /StructParents, /Tabs and the like.
  static Dict page_dict(Page page) { return Dict{page.ptr}; }
  /// Appends raw content-stream operators to the page.
  void append_content(Page page, std::string_view operators);
  /// The page's resource name for `font` (a Type0 dict), registering it on first use.
  std::string font_resource(Page page, Dict font);
  /// The page's resource name for `image`, registering it on first use.
  std::string image_resource(Page page, Image image);
  /// Adds an annotation (an indirect dict) to the page's /Annots.
  void add_annotation(Page page, Dict annotation);

  // --- images ----------------------------------------------------------------------
  /// Wraps an image XObject built with dict()/stream() as an Image handle.
  static Image image(Dict xobject, unsigned width, unsigned height) { return Image{xobject.ptr, width, height}; }

  // --- generic objects -------------------------------------------------------------
  /// A new dictionary. Indirect objects may be referenced any number of times;
  /// a direct one must be put into exactly one container.
  Dict dict(bool indirect);
  Array array(bool indirect);
  /// A new (always indirect) stream object holding `bytes`.
  Dict stream(std::string_view bytes, StreamData how);

  void put_name(Dict d, const char* key, std::string_view name);
  void put_int(Dict d, const char* key, long long value);
  void put_real(Dict d, const char* key, double value);
  void put_bool(Dict d, const char* key, bool value);
  /// A text string: UTF-8 in, written as a UTF-16BE hex string with BOM (never literal).
  void put_text(Dict d, const char* key, std::string_view utf8);
  /// A byte string, written in hex (dates, URIs).
  void put_bytes(Dict d, const char* key, std::string_view bytes);
  void put(Dict d, const char* key, Dict value);
  void put(Dict d, const char* key, Array value);
  void put(Dict d, const char* key, Page value);
  void remove(Dict d, const char* key);

  /// Entries written verbatim after `d`'s own, before its closing ">>": PDF syntax the
  /// caller built (with append_ref, append_text_string). For objects made by the thousand
  /// (the structure tree's elements), one write instead of libharu's writes per token and
  /// allocations per entry. Replaces earlier raw entries; not for stream dictionaries.
  void put_raw(Dict d, std::string entries);
  /// Appends "N 0 R", a reference to `d` (an indirect object) or to a page.
  static void append_ref(std::string& out, Dict d);
  static void append_ref(std::string& out, Page page);
  /// Appends a text string as put_text writes it (UTF-16BE with BOM, in hex).
  static void append_text_string(std::string& out, std::string_view utf8);

  void add_name(Array a, std::string_view name);
  void add_int(Array a, long long value);
  void add_real(Array a, double value);
  void add_null(Array a);
  void add_bytes(Array a, std::string_view bytes);
  void add(Array a, Dict value);
  void add(Array a, Array value);
  void add(Array a, Page value);

  // --- outline ---------------------------------------------------------------------
  /// A new outline item under `parent` (empty handle = the root), titled with a UTF-16
  /// text string. Put its destination under "Dest".
  Dict outline_item(Dict parent, std::string_view title_utf8, bool open);
  /// Opens the document with the outline panel visible.
  void show_outline();

  // --- output ----------------------------------------------------------------------
  /// Serialises the document into memory and returns its bytes (empty on error).
  std::string save();

  struct State;  ///< opaque; public only so the libharu error callback can reach it

 private:
  // Gives the stream dictionary `dict` (an HPDF_Dict) `bytes` as its data, read in place.
  bool own_bytes(void* dict, std::string bytes);
  std::unique_ptr<State> s_;
};

}  // namespace quire::pdf::haru
