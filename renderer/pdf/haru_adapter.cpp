// libharu adapter. Pinned to Debian's libharu 2.3.0 (2.3.0+dfsg-1+b1): we build
// with HPDF_SHARED undefined so <hpdf.h> pulls in libharu's internal headers, and
// we use the internal object API (HPDF_Dict_*, HPDF_Xref_Add, pdf->catalog,
// page attr streams). Those structs are ABI of 2.3.0 only; re-check this file
// before moving to another libharu.
#include "pdf/haru_adapter.hpp"

#ifdef HPDF_SHARED
#error "haru_adapter needs libharu's internal API: build without HPDF_SHARED"
#endif
#include <hpdf.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <optional>
#include <unordered_map>

#include "pdf/deflate_cache.hpp"
#include "pdf/encoding.hpp"

namespace quire::pdf::haru {

struct Document::State {
  HPDF_Doc pdf = nullptr;
  bool compress = true;
  std::vector<std::string> errors;
  std::deque<std::string> raw_entries;  // put_raw's text; a dict's attr points at its entry
  // Content-stream operators per page, kept here until save() compresses them: libharu's
  // memory streams copy what is written one byte at a time.
  std::unordered_map<void*, std::string> content;
  // Bytes of streams libharu reads through a callback (see own_bytes); a stream's attr points here.
  struct Bytes {
    std::string data;
    std::size_t pos = 0;
  };
  std::deque<Bytes> stream_bytes;

  void record(const char* what, HPDF_STATUS code, HPDF_STATUS detail) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "libharu: %s (error 0x%04X, detail %u; see hpdf_error.h)", what,
                  static_cast<unsigned>(code), static_cast<unsigned>(detail));
    errors.emplace_back(buf);
  }
  // Internal calls (HPDF_Dict_Add...) return a status without calling the handler.
  bool check(HPDF_STATUS st, const char* what) {
    if (st == HPDF_OK) return true;
    record((std::string("writing ") + what + " failed").c_str(), st, 0);
    return false;
  }
  bool usable() const { return pdf != nullptr && errors.empty(); }
};

namespace {

// libharu calls this for every error it raises, then returns an error code: no
// longjmp, no exit. We only record; callers check failed().
void on_haru_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) {
  static_cast<Document::State*>(user_data)->record("reported an error", error_no, detail_no);
}

// Streams we compressed ourselves are written with filter NONE so libharu copies
// the bytes verbatim. libharu 2.3.0's HPDF_Dict_Write *removes* any /Filter key
// from a stream whose filter is NONE, so we cannot just add the key: instead this
// write hook appends it just before the dictionary's closing ">>".
HPDF_STATUS write_flate_filter_key(HPDF_Dict, HPDF_Stream stream) {
  return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

// put_raw's entries, after the dictionary's own (attr holds them: libharu leaves a plain
// dictionary's attr alone and never frees it).
HPDF_STATUS write_raw_entries(HPDF_Dict d, HPDF_Stream stream) {
  const auto* entries = static_cast<const std::string*>(d->attr);
  if (!entries || entries->empty()) return HPDF_OK;
  return HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(entries->data()),
                           static_cast<HPDF_UINT>(entries->size()));
}

HPDF_Dict D(Dict d) {
  return static_cast<HPDF_Dict>(d.ptr);
}
// libharu grows an array's item list by a fixed few items at a time, copying the whole list
// each time: arrays of thousands (a structure tree's kids and marked-content numbers, the
// parent tree) then cost quadratic time. Growing by the list's own size makes adding items
// amortised linear.
HPDF_Array A(Array a) {
  auto array = static_cast<HPDF_Array>(a.ptr);
  if (array && array->list && array->list->items_per_block < array->list->block_siz)
    array->list->items_per_block = array->list->block_siz;
  return array;
}
HPDF_Page P(Page p) {
  return static_cast<HPDF_Page>(p.ptr);
}

}  // namespace

namespace {

// libharu allocates every dictionary entry, name, number and array block on its own (about
// 6,000 allocations for a five-page plan) and frees each one when the document is freed: a
// tenth of writing a PDF was malloc and free. Its own memory pool hands out pointers that
// are not 8-byte aligned (undefined behaviour for its structs), so documents get this
// arena instead: allocations are bumped out of 64 KB blocks, 16-byte aligned, freeing is a
// no-op, and the blocks are reused once the thread's last libharu document is gone. A
// document holds at most what libharu allocated for it, which the page limit bounds.
// One arena per thread: a Document is created, used and destroyed on one thread.
// Sanitizer builds keep malloc, so AddressSanitizer still sees libharu's every object.
#if defined(__SANITIZE_ADDRESS__)
#define QUIRE_HARU_ARENA 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define QUIRE_HARU_ARENA 0
#endif
#endif
#ifndef QUIRE_HARU_ARENA
#define QUIRE_HARU_ARENA 1
#endif

#if QUIRE_HARU_ARENA
class Arena {
 public:
  static constexpr std::size_t kBlock = 64 * 1024;
  static constexpr std::size_t kAlign = 16;
  static constexpr std::size_t kKeep = 4;  // blocks kept between documents (256 KB)

  void* allocate(std::size_t size) {
    size = (size + kAlign - 1) & ~(kAlign - 1);
    if (size > kBlock / 4) return big(size);
    if (size > left_) {
      if (used_ == blocks_.size()) {
        void* b = std::aligned_alloc(kAlign, kBlock);
        if (!b) return nullptr;
        blocks_.push_back(static_cast<std::byte*>(b));
      }
      next_ = blocks_[used_++];
      left_ = kBlock;
    }
    void* p = next_;
    next_ += size;
    left_ -= size;
    return p;
  }
  void open() { ++live_; }
  // After the thread's last document: everything is free again.
  void close() {
    if (--live_ > 0) return;
    for (void* b : big_) std::free(b);
    big_.clear();
    while (blocks_.size() > kKeep) {
      std::free(blocks_.back());
      blocks_.pop_back();
    }
    used_ = 0;
    left_ = 0;
    next_ = nullptr;
  }
  ~Arena() {
    for (void* b : big_) std::free(b);
    for (void* b : blocks_) std::free(b);
  }

 private:
  void* big(std::size_t size) {
    void* b = std::aligned_alloc(kAlign, size);
    if (b) big_.push_back(b);
    return b;
  }
  std::vector<std::byte*> blocks_;  // [0, used_) handed out, the rest spare
  std::size_t used_ = 0;
  std::byte* next_ = nullptr;
  std::size_t left_ = 0;
  std::vector<void*> big_;  // allocations over a quarter block, each its own
  int live_ = 0;
};

thread_local Arena arena;

void* HPDF_STDCALL arena_alloc(HPDF_UINT size) {
  return arena.allocate(size);
}
void HPDF_STDCALL arena_free(void*) {}
#endif

}  // namespace

Document::Document(bool compress) : s_(std::make_unique<State>()) {
  s_->compress = compress;
#if QUIRE_HARU_ARENA
  arena.open();
  s_->pdf = HPDF_NewEx(on_haru_error, arena_alloc, arena_free, 0, s_.get());
#else
  s_->pdf = HPDF_New(on_haru_error, s_.get());
#endif
  if (!s_->pdf) {
    s_->errors.emplace_back("libharu: HPDF_New failed");
    return;
  }
  // No public setter for the version (only encryption bumps it to 1.4).
  s_->pdf->pdf_version = HPDF_VER_17;
  HPDF_SetCompressionMode(s_->pdf, compress ? HPDF_COMP_ALL : HPDF_COMP_NONE);
  // A page tree rather than one /Kids array under the root: libharu's arrays hold at most
  // 32,767 entries (HPDF_LIMIT_MAX_ARRAY), so pages go into intermediate /Pages nodes of
  // 8,192 each.
  HPDF_SetPagesConfiguration(s_->pdf, 8192);
}

Document::~Document() {
  if (s_->pdf) HPDF_Free(s_->pdf);
#if QUIRE_HARU_ARENA
  arena.close();
#endif
}

bool Document::failed() const {
  return !s_->usable();
}
const std::vector<std::string>& Document::errors() const {
  return s_->errors;
}

Dict Document::catalog() {
  return s_->usable() ? Dict{s_->pdf->catalog} : Dict{};
}

Dict Document::info() {
  if (!s_->usable()) return {};
  // The info dictionary exists from HPDF_NewDoc on (libharu sets its own /Producer).
  if (!s_->pdf->info) HPDF_SetInfoAttr(s_->pdf, HPDF_INFO_PRODUCER, "quire");
  return Dict{s_->pdf->info};
}

Page Document::add_page(double width, double height) {
  if (!s_->usable()) return {};
  HPDF_Page page = HPDF_AddPage(s_->pdf);
  if (!page) return {};
  HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(width));
  HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(height));
  return s_->usable() ? Page{page} : Page{};
}

void Document::append_content(Page page, std::string_view ops) {
  if (!s_->usable() || !page) return;
  // libharu has no operator for glyph ids or marked content (BDC/EMC are "not
  // implemented yet" in 2.3.0's hpdf.h): write straight into the page's content stream.
  s_->content[page.ptr].append(ops);
}

std::string Document::font_resource(Page page, Dict font) {
  if (!s_->usable() || !page || !font) return "F0";
  // Works for any font dictionary: it only registers the object under /Resources /Font.
  const char* name = HPDF_Page_GetLocalFontName(P(page), static_cast<HPDF_Font>(font.ptr));
  if (!name) {
    s_->record("font resource", HPDF_Error_GetCode(&s_->pdf->error), 0);
    return "F0";
  }
  return name;
}

std::string Document::image_resource(Page page, Image image) {
  if (!s_->usable() || !page || !image) return "X0";
  const char* name = HPDF_Page_GetXObjectName(P(page), static_cast<HPDF_XObject>(image.ptr));
  if (!name) {
    s_->record("image resource", HPDF_Error_GetCode(&s_->pdf->error), 0);
    return "X0";
  }
  return name;
}

void Document::add_annotation(Page page, Dict annot) {
  if (!s_->usable() || !page || !annot) return;
  auto annots = static_cast<HPDF_Array>(HPDF_Dict_GetItem(P(page), "Annots", HPDF_OCLASS_ARRAY));
  if (!annots) {
    annots = HPDF_Array_New(s_->pdf->mmgr);
    if (!annots || !s_->check(HPDF_Dict_Add(P(page), "Annots", annots), "page /Annots")) return;
  }
  s_->check(HPDF_Array_Add(annots, D(annot)), "annotation");
}

Dict Document::dict(bool indirect) {
  if (!s_->usable()) return {};
  HPDF_Dict d = HPDF_Dict_New(s_->pdf->mmgr);
  if (!d) {
    s_->record("dictionary", HPDF_Error_GetCode(&s_->pdf->error), 0);
    return {};
  }
  if (indirect && !s_->check(HPDF_Xref_Add(s_->pdf->xref, d), "indirect dictionary")) return {};
  return Dict{d};
}

Array Document::array(bool indirect) {
  if (!s_->usable()) return {};
  HPDF_Array a = HPDF_Array_New(s_->pdf->mmgr);
  if (!a) {
    s_->record("array", HPDF_Error_GetCode(&s_->pdf->error), 0);
    return {};
  }
  if (indirect && !s_->check(HPDF_Xref_Add(s_->pdf->xref, a), "indirect array")) return {};
  return Array{a};
}

namespace {

// A read-only libharu stream over bytes we own: libharu's memory stream copies what is
// written into it, and again what is read out of it, one byte at a time.
HPDF_STATUS read_bytes(HPDF_Stream stream, HPDF_BYTE* ptr, HPDF_UINT* size) {
  auto* b = static_cast<Document::State::Bytes*>(stream->attr);
  const std::size_t n = std::min<std::size_t>(*size, b->data.size() - b->pos);
  if (n) std::memcpy(ptr, b->data.data() + b->pos, n);
  b->pos += n;
  if (n < *size) {
    *size = static_cast<HPDF_UINT>(n);
    return HPDF_STREAM_EOF;
  }
  return HPDF_OK;
}

HPDF_STATUS seek_bytes(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode) {
  auto* b = static_cast<Document::State::Bytes*>(stream->attr);
  const long long base = mode == HPDF_SEEK_CUR   ? static_cast<long long>(b->pos)
                         : mode == HPDF_SEEK_END ? static_cast<long long>(b->data.size())
                                                 : 0;
  const long long to = base + pos;
  if (to < 0 || to > static_cast<long long>(b->data.size())) return HPDF_STREAM_EOF;
  b->pos = static_cast<std::size_t>(to);
  return HPDF_OK;
}

HPDF_INT32 tell_bytes(HPDF_Stream stream) {
  return static_cast<HPDF_INT32>(static_cast<Document::State::Bytes*>(stream->attr)->pos);
}

HPDF_UINT32 size_bytes(HPDF_Stream stream) {
  return static_cast<HPDF_UINT32>(static_cast<Document::State::Bytes*>(stream->attr)->data.size());
}

}  // namespace

// Makes `bytes` the data of the stream dictionary `d`, read by libharu through a callback.
bool Document::own_bytes(void* dict, std::string bytes) {
  auto* d = static_cast<HPDF_Dict>(dict);
  auto& b = s_->stream_bytes.emplace_back();
  b.data = std::move(bytes);
  HPDF_Stream reader = HPDF_CallbackReader_New(s_->pdf->mmgr, read_bytes, seek_bytes, tell_bytes, size_bytes, &b);
  if (!reader) {
    s_->record("stream reader", HPDF_Error_GetCode(&s_->pdf->error), 0);
    return false;
  }
  reader->size = static_cast<HPDF_UINT32>(b.data.size());  // HPDF_Stream_WriteToStream reads `size`
  HPDF_Stream_Free(d->stream);
  d->stream = reader;
  return true;
}

Dict Document::stream(std::string_view bytes, StreamData how) {
  if (!s_->usable()) return {};
  HPDF_Dict d = HPDF_DictStream_New(s_->pdf->mmgr, s_->pdf->xref);
  if (!d) {
    s_->record("stream", HPDF_Error_GetCode(&s_->pdf->error), 0);
    return {};
  }
  if (how != StreamData::Compress) {
    if (!own_bytes(d, std::string(bytes))) return {};
  } else if (!bytes.empty() && !s_->check(HPDF_Stream_Write(d->stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                                                            static_cast<HPDF_UINT>(bytes.size())),
                                          "stream data")) {
    return {};
  }
  switch (how) {
    case StreamData::Raw:
      d->filter = HPDF_STREAM_FILTER_NONE;
      break;
    case StreamData::Compress:
      d->filter = s_->compress ? HPDF_STREAM_FILTER_FLATE_DECODE : HPDF_STREAM_FILTER_NONE;
      break;
    case StreamData::PreDeflated:
      d->filter = HPDF_STREAM_FILTER_NONE;
      d->write_fn = write_flate_filter_key;
      break;
  }
  return Dict{d};
}

void Document::put_name(Dict d, const char* key, std::string_view name) {
  if (!s_->usable() || !d) return;
  s_->check(HPDF_Dict_AddName(D(d), key, std::string(name).c_str()), key);
}

void Document::put_int(Dict d, const char* key, long long value) {
  if (!s_->usable() || !d) return;
  s_->check(HPDF_Dict_AddNumber(D(d), key, static_cast<HPDF_INT32>(value)), key);
}

void Document::put_real(Dict d, const char* key, double value) {
  if (!s_->usable() || !d) return;
  s_->check(HPDF_Dict_AddReal(D(d), key, static_cast<HPDF_REAL>(value)), key);
}

void Document::put_bool(Dict d, const char* key, bool value) {
  if (!s_->usable() || !d) return;
  s_->check(HPDF_Dict_AddBoolean(D(d), key, value ? HPDF_TRUE : HPDF_FALSE), key);
}

namespace {

// Every string from a document is written as a hex string: no byte of it can end
// the string early or be read as PDF syntax. (libharu's own HPDF_String would go
// through its UTF-8 encoder, which turns anything outside the BMP into a space.)
void* binary_string(Document::State& s, std::string_view bytes) {
  if (bytes.empty()) return HPDF_String_New(s.pdf->mmgr, "", nullptr);
  if (bytes.size() > HPDF_LIMIT_MAX_STRING_LEN) bytes = bytes.substr(0, HPDF_LIMIT_MAX_STRING_LEN);
  return HPDF_Binary_New(s.pdf->mmgr, reinterpret_cast<HPDF_BYTE*>(const_cast<char*>(bytes.data())),
                         static_cast<HPDF_UINT>(bytes.size()));
}

}  // namespace

void Document::put_text(Dict d, const char* key, std::string_view utf8) {
  if (!s_->usable() || !d) return;
  std::string bytes = pdf_text_bytes(utf8, HPDF_LIMIT_MAX_STRING_LEN - 1);
  s_->check(HPDF_Dict_Add(D(d), key, binary_string(*s_, bytes)), key);
}

void Document::put_bytes(Dict d, const char* key, std::string_view bytes) {
  if (!s_->usable() || !d) return;
  s_->check(HPDF_Dict_Add(D(d), key, binary_string(*s_, bytes)), key);
}

void Document::put(Dict d, const char* key, Dict value) {
  if (!s_->usable() || !d || !value) return;
  s_->check(HPDF_Dict_Add(D(d), key, value.ptr), key);
}
void Document::put(Dict d, const char* key, Array value) {
  if (!s_->usable() || !d || !value) return;
  s_->check(HPDF_Dict_Add(D(d), key, value.ptr), key);
}
void Document::put(Dict d, const char* key, Page value) {
  if (!s_->usable() || !d || !value) return;
  s_->check(HPDF_Dict_Add(D(d), key, value.ptr), key);
}

void Document::put_raw(Dict d, std::string entries) {
  if (!s_->usable() || !d) return;
  HPDF_Dict dict = D(d);
  if (dict->stream || (dict->write_fn && dict->write_fn != write_raw_entries) ||
      (dict->attr && dict->write_fn != write_raw_entries)) {
    s_->errors.emplace_back("libharu: raw entries are only for plain dictionaries");
    return;
  }
  if (dict->attr) {
    *static_cast<std::string*>(dict->attr) = std::move(entries);
    return;
  }
  dict->attr = &s_->raw_entries.emplace_back(std::move(entries));
  dict->write_fn = write_raw_entries;
}

void Document::append_ref(std::string& out, Dict d) {
  const auto* header = d ? static_cast<const HPDF_Obj_Header*>(d.ptr) : nullptr;
  out += std::to_string(header ? header->obj_id & 0x00FFFFFF : 0);
  out += " 0 R";
}

void Document::append_ref(std::string& out, Page page) {
  append_ref(out, Dict{page.ptr});
}

void Document::append_text_string(std::string& out, std::string_view utf8) {
  out += '<';
  append_hex(out, pdf_text_bytes(utf8, HPDF_LIMIT_MAX_STRING_LEN - 1));
  out += '>';
}

void Document::remove(Dict d, const char* key) {
  if (!s_->usable() || !d) return;
  HPDF_Dict_RemoveElement(D(d), key);  // "not found" is fine
}

void Document::add_name(Array a, std::string_view name) {
  if (!s_->usable() || !a) return;
  s_->check(HPDF_Array_AddName(A(a), std::string(name).c_str()), "array name");
}
void Document::add_int(Array a, long long value) {
  if (!s_->usable() || !a) return;
  s_->check(HPDF_Array_AddNumber(A(a), static_cast<HPDF_INT32>(value)), "array number");
}
void Document::add_real(Array a, double value) {
  if (!s_->usable() || !a) return;
  s_->check(HPDF_Array_AddReal(A(a), static_cast<HPDF_REAL>(value)), "array real");
}
void Document::add_null(Array a) {
  if (!s_->usable() || !a) return;
  // 2.3.0 has no HPDF_Array_AddNull (added later upstream).
  s_->check(HPDF_Array_Add(A(a), HPDF_Null_New(s_->pdf->mmgr)), "array null");
}
void Document::add_bytes(Array a, std::string_view bytes) {
  if (!s_->usable() || !a) return;
  s_->check(HPDF_Array_Add(A(a), binary_string(*s_, bytes)), "array string");
}
void Document::add(Array a, Dict value) {
  if (!s_->usable() || !a || !value) return;
  s_->check(HPDF_Array_Add(A(a), value.ptr), "array item");
}
void Document::add(Array a, Array value) {
  if (!s_->usable() || !a || !value) return;
  s_->check(HPDF_Array_Add(A(a), value.ptr), "array item");
}
void Document::add(Array a, Page value) {
  if (!s_->usable() || !a || !value) return;
  s_->check(HPDF_Array_Add(A(a), value.ptr), "array item");
}

Dict Document::outline_item(Dict parent, std::string_view title, bool open) {
  if (!s_->usable()) return {};
  // Created with an empty title: libharu's encoders cannot write text outside the BMP.
  HPDF_Outline item = HPDF_CreateOutline(s_->pdf, static_cast<HPDF_Outline>(parent.ptr), "", nullptr);
  if (!item) return {};
  Dict d{item};
  put_text(d, "Title", title);
  // libharu 2.3.0 gives every outline *item* /Type /Outlines, a key the spec reserves
  // for the outline root; drop it.
  remove(d, "Type");
  HPDF_Outline_SetOpened(item, open ? HPDF_TRUE : HPDF_FALSE);
  return d;
}

void Document::show_outline() {
  if (!s_->usable()) return;
  HPDF_SetPageMode(s_->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

namespace {

// The bytes of a libharu memory stream, copied block by block (HPDF_Stream_Read copies
// them one byte at a time). Full blocks hold buf_siz bytes, the last w_pos; if that does
// not add up to the stream's size, nullopt, and the caller reads it the slow way.
std::optional<std::string> memory_stream_bytes(HPDF_Stream stream) {
  if (!stream || stream->type != HPDF_STREAM_MEMORY || !stream->attr) return std::nullopt;
  auto attr = static_cast<HPDF_MemStreamAttr>(stream->attr);
  std::string out;
  out.reserve(stream->size);
  for (HPDF_UINT i = 0; attr->buf && i < attr->buf->count; ++i) {
    const auto* block = static_cast<const char*>(HPDF_List_ItemAt(attr->buf, i));
    const HPDF_UINT n = i + 1 == attr->buf->count ? attr->w_pos : attr->buf_siz;
    if (!block || n > attr->buf_siz) return std::nullopt;
    out.append(block, n);
  }
  if (out.size() != stream->size) return std::nullopt;
  return out;
}

}  // namespace

namespace {

// libharu's output, appended to the std::string the stream carries; no exception may cross
// back into C, so a failed allocation is reported as libharu's own out-of-memory error.
HPDF_STATUS append_to_string(HPDF_Stream stream, const HPDF_BYTE* ptr, HPDF_UINT size) {
  try {
    static_cast<std::string*>(stream->attr)->append(reinterpret_cast<const char*>(ptr), size);
    return HPDF_OK;
  } catch (...) {
    return HPDF_FAILD_TO_ALLOC_MEM;
  }
}

}  // namespace

std::string Document::save() {
  if (!s_->usable()) return {};
  // libharu 2.3.0 writes an empty content stream with /Filter /FlateDecode and no
  // zlib data at all (not even the empty-stream header), which MuPDF reports as a
  // broken Flate stream: leave empty page contents unfiltered.
  for (HPDF_UINT i = 0; i < s_->pdf->page_list->count; ++i) {
    auto page = static_cast<HPDF_Page>(HPDF_List_ItemAt(s_->pdf->page_list, i));
    auto attr = static_cast<HPDF_PageAttr>(page->attr);
    if (!attr->contents) continue;
    std::string pending;
    if (auto it = s_->content.find(page); it != s_->content.end()) pending = std::move(it->second);
    HPDF_UINT32 size = HPDF_Stream_Size(attr->stream);
    if (size + pending.size() == 0) {
      attr->contents->filter = HPDF_STREAM_FILTER_NONE;
    } else if (!s_->compress) {
      if (!pending.empty() &&
          !s_->check(HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(pending.data()),
                                       static_cast<HPDF_UINT>(pending.size())),
                     "content stream"))
        return {};
    } else {
      // Page content is made for each document: deflate it at level 1 ourselves (libharu
      // only knows zlib's default level, three times slower for a few per cent).
      std::optional<std::string> raw = size == 0 ? std::string() : memory_stream_bytes(attr->stream);
      if (!raw) {
        raw.emplace(size, '\0');
        HPDF_UINT got = size;
        if (HPDF_Stream_Seek(attr->stream, 0, HPDF_SEEK_SET) != HPDF_OK ||
            HPDF_Stream_Read(attr->stream, reinterpret_cast<HPDF_BYTE*>(raw->data()), &got) != HPDF_OK || got != size) {
          s_->errors.emplace_back("libharu: reading a page's content back failed");
          return {};
        }
      }
      raw->append(pending);
      std::string z = deflate_bytes(*raw, 1);
      if (z.empty()) {  // if we could not, libharu compresses it
        HPDF_MemStream_FreeData(attr->stream);
        if (!s_->check(HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(raw->data()),
                                         static_cast<HPDF_UINT>(raw->size())),
                       "content stream"))
          return {};
        continue;
      }
      if (!own_bytes(attr->contents, std::move(z))) return {};
      attr->stream = attr->contents->stream;  // the page's alias of its content stream
      attr->contents->filter = HPDF_STREAM_FILTER_NONE;
      attr->contents->write_fn = write_flate_filter_key;
    }
  }
  // The file is written straight into a string through a callback stream: libharu's own
  // memory stream copies every byte of the file one at a time, and then we would copy it out.
  std::string out;
  HPDF_Stream writer = HPDF_CallbackWriter_New(s_->pdf->mmgr, append_to_string, &out);
  if (!writer) {
    s_->errors.emplace_back("libharu: could not make the output stream");
    return {};
  }
  if (s_->pdf->stream) HPDF_Stream_Free(s_->pdf->stream);
  s_->pdf->stream = writer;
  const bool saved = HPDF_SaveToStream(s_->pdf) == HPDF_OK && s_->usable();
  s_->pdf->stream = nullptr;  // `out` is ours: libharu must not write to it again
  HPDF_Stream_Free(writer);
  if (!saved) return {};
  return out;
}

}  // namespace quire::pdf::haru
