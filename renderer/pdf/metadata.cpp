#include "pdf/metadata.hpp"

#include <cctype>
#include <ctime>
#include <string_view>

#include "pdf/encoding.hpp"

namespace quire::pdf {

namespace {

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

}  // namespace

std::string xmp_date(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string xmp_packet(const model::Metadata& meta, const PdfOptions& options, bool pdf_ua) {
  // The same facts as the Info dictionary (write_metadata), as ISO 16684-1 and PDF/UA-1
  // (ISO 14289-1, 5) want them: every value XML-escaped, since titles and names come from data.
  const std::string date = xmp_date(options.created);
  std::string x;
  x.reserve(2048);
  x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
  x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
  x += " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
  x += "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n";
  x += "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n";
  x += "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n";
  x += "   <dc:format>application/pdf</dc:format>\n";
  if (!meta.title.empty())
    x += "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(meta.title) +
         "</rdf:li></rdf:Alt></dc:title>\n";
  if (!meta.author.empty())
    x += "   <dc:creator><rdf:Seq><rdf:li>" + xml_escape(meta.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
  if (!meta.subject.empty())
    x += "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(meta.subject) +
         "</rdf:li></rdf:Alt></dc:description>\n";
  if (!meta.language.empty())
    x += "   <dc:language><rdf:Bag><rdf:li>" + xml_escape(meta.language) + "</rdf:li></rdf:Bag></dc:language>\n";
  x += "   <xmp:CreatorTool>quire</xmp:CreatorTool>\n";
  x += "   <xmp:CreateDate>" + date + "</xmp:CreateDate>\n";
  x += "   <xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n";
  x += "   <xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n";
  x += "   <pdf:Producer>" + xml_escape(options.producer.empty() ? "quire" : options.producer) + "</pdf:Producer>\n";
  if (!meta.keywords.empty()) x += "   <pdf:Keywords>" + xml_escape(join(meta.keywords, ", ")) + "</pdf:Keywords>\n";
  // PDF/UA-1: the conditions tests/e2e/pdfua.py checks hold for what quire writes, and the
  // template-dependent ones (alternative text, header rows, heading levels) were checked.
  if (pdf_ua) x += "   <pdfuaid:part>1</pdfuaid:part>\n";
  x += "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n";
  // Padding lets an editor update the packet in place (ISO 16684-1, 7.3.2).
  for (int i = 0; i < 8; ++i) x += std::string(63, ' ') + "\n";
  x += "<?xpacket end=\"w\"?>";
  // The packet is stored uncompressed; keep even a sloppy parser that scans for the
  // keyword from ending the stream early ("&#101;" is an XML reference to 'e').
  for (std::size_t at = 0; (at = x.find("endstream", at)) != std::string::npos;) x.replace(at, 1, "&#101;");
  return x;
}

void write_metadata(haru::Document& doc, const model::Metadata& meta, const PdfOptions& options, bool pdf_ua) {
  haru::Dict info = doc.info();
  if (!meta.title.empty()) doc.put_text(info, "Title", meta.title);
  if (!meta.author.empty()) doc.put_text(info, "Author", meta.author);
  if (!meta.subject.empty()) doc.put_text(info, "Subject", meta.subject);
  if (!meta.keywords.empty()) doc.put_text(info, "Keywords", join(meta.keywords, ", "));
  // The model's own entries (quire:untranslated: the ids shown in English) as custom Info keys.
  for (const auto& [key, value] : meta.custom) doc.put_text(info, key.c_str(), value);
  doc.put_text(info, "Creator", "quire");
  doc.put_text(info, "Producer", options.producer.empty() ? "quire" : options.producer);
  std::string date = pdf_date(options.created);
  doc.put_bytes(info, "CreationDate", date);
  doc.put_bytes(info, "ModDate", date);

  haru::Dict catalog = doc.catalog();
  if (!meta.language.empty()) doc.put_text(catalog, "Lang", meta.language);
  haru::Dict prefs = doc.dict(false);
  doc.put_bool(prefs, "DisplayDocTitle", true);
  // Page order and scroll direction of a right-to-left document (Arabic, Persian, Urdu...).
  if (meta.direction == model::Direction::Rtl) doc.put_name(prefs, "Direction", "R2L");
  doc.put(catalog, "ViewerPreferences", prefs);

  haru::Dict xmp = doc.stream(xmp_packet(meta, options, pdf_ua), haru::StreamData::Raw);
  doc.put_name(xmp, "Type", "Metadata");
  doc.put_name(xmp, "Subtype", "XML");
  doc.put(catalog, "Metadata", xmp);
}

namespace {

int roman_value(std::string_view s) {
  auto digit = [](char c) {
    switch (std::tolower(static_cast<unsigned char>(c))) {
      case 'i':
        return 1;
      case 'v':
        return 5;
      case 'x':
        return 10;
      case 'l':
        return 50;
      case 'c':
        return 100;
      case 'd':
        return 500;
      case 'm':
        return 1000;
      default:
        return 0;
    }
  };
  if (s.empty() || s.size() > 15) return 0;
  int total = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    int v = digit(s[i]);
    if (v == 0) return 0;
    int next = i + 1 < s.size() ? digit(s[i + 1]) : 0;
    total += v < next ? -v : v;
  }
  // Only canonical numerals count (so "c" or "mix" words are not misread).
  static constexpr std::pair<int, const char*> kParts[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string canon;
  for (int v = total; v > 0;) {
    for (auto [value, text] : kParts)
      if (v >= value) {
        canon += text;
        v -= value;
        break;
      }
  }
  std::string lower;
  for (char c : s) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return canon == lower && total > 0 && total < 4000 ? total : 0;
}

LabelRange parse_label(const std::string& label, int index) {
  if (label.empty()) return {index, 'D', "", index + 1};
  std::size_t digits = 0;
  while (digits < label.size() && digits < 9 &&
         std::isdigit(static_cast<unsigned char>(label[label.size() - 1 - digits])))
    ++digits;
  if (digits > 0) {
    int value = std::stoi(label.substr(label.size() - digits));
    if (value > 0) return {index, 'D', label.substr(0, label.size() - digits), value};
  }
  if (int v = roman_value(label); v > 0) {
    bool upper = std::isupper(static_cast<unsigned char>(label[0])) != 0;
    return {index, upper ? 'R' : 'r', "", v};
  }
  return {index, 0, label, 1};
}

}  // namespace

std::vector<LabelRange> label_ranges(const std::vector<layout::Page>& pages) {
  std::vector<LabelRange> ranges;
  int last_value = 0;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    LabelRange r = parse_label(pages[i].label, static_cast<int>(i));
    bool continues = !ranges.empty() && ranges.back().style == r.style && ranges.back().prefix == r.prefix &&
                     (r.style == 0 || r.start == last_value + 1);
    if (!continues) ranges.push_back(r);
    last_value = r.start;
  }
  if (ranges.size() == 1 && ranges[0].style == 'D' && ranges[0].prefix.empty() && ranges[0].start == 1) return {};
  return ranges;
}

void write_page_labels(haru::Document& doc, const std::vector<LabelRange>& ranges) {
  if (ranges.empty()) return;
  haru::Dict labels = doc.dict(false);
  haru::Array nums = doc.array(false);
  for (const auto& r : ranges) {
    doc.add_int(nums, r.first_page);
    haru::Dict d = doc.dict(false);
    if (r.style != 0) doc.put_name(d, "S", std::string(1, r.style));
    if (!r.prefix.empty()) doc.put_text(d, "P", r.prefix);
    if (r.start != 1) doc.put_int(d, "St", r.start);
    doc.add(nums, d);
  }
  doc.put(labels, "Nums", nums);
  doc.put(doc.catalog(), "PageLabels", labels);
}

}  // namespace quire::pdf
