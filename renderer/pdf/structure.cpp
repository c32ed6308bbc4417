#include "pdf/structure.hpp"

#include <algorithm>
#include <climits>
#include <deque>
#include <string>
#include <utility>

#include "pdf/encoding.hpp"

namespace quire::pdf {

std::string_view role_name(layout::Role role) {
  using R = layout::Role;
  switch (role) {
    case R::Document:
      return "Document";
    case R::Sect:
      return "Sect";
    case R::H1:
      return "H1";
    case R::H2:
      return "H2";
    case R::H3:
      return "H3";
    case R::H4:
      return "H4";
    case R::H5:
      return "H5";
    case R::H6:
      return "H6";
    case R::P:
      return "P";
    case R::L:
      return "L";
    case R::LI:
      return "LI";
    case R::Lbl:
      return "Lbl";
    case R::LBody:
      return "LBody";
    case R::Table:
      return "Table";
    case R::THead:
      return "THead";
    case R::TBody:
      return "TBody";
    case R::TR:
      return "TR";
    case R::TH:
      return "TH";
    case R::TD:
      return "TD";
    case R::Figure:
      return "Figure";
    case R::Caption:
      return "Caption";
    case R::TOC:
      return "TOC";
    case R::TOCI:
      return "TOCI";
    case R::Link:
      return "Link";
    case R::Note:
      return "Note";
    case R::Span:
      return "Span";
  }
  return "Span";
}

std::vector<std::string> ua_gaps(const std::vector<layout::StructNode>& nodes) {
  using R = layout::Role;
  std::vector<std::string> gaps;
  const std::size_t n = nodes.size();
  auto valid = [&](int i) { return i >= 0 && static_cast<std::size_t>(i) < n; };
  bool figure = false, table = false;
  int last_heading = 0;
  std::string headings;
  // Pre-order over the children lists from the roots, as the tree is written.
  std::vector<char> seen(n, 0);
  std::vector<int> stack;
  for (std::size_t i = n; i-- > 0;)
    if (!valid(nodes[i].parent)) stack.push_back(static_cast<int>(i));
  while (!stack.empty()) {
    const int i = stack.back();
    stack.pop_back();
    if (seen[static_cast<std::size_t>(i)]) continue;
    seen[static_cast<std::size_t>(i)] = 1;
    const auto& node = nodes[static_cast<std::size_t>(i)];
    if (node.role == R::Figure && node.alt.empty() && node.actual_text.empty()) figure = true;
    if (node.role == R::Table) {
      bool th = false;
      std::vector<int> inner(node.children.begin(), node.children.end());
      while (!inner.empty() && !th) {
        int c = inner.back();
        inner.pop_back();
        if (!valid(c)) continue;
        const auto& k = nodes[static_cast<std::size_t>(c)];
        th = k.role == R::TH;
        if (k.role != R::Table) inner.insert(inner.end(), k.children.begin(), k.children.end());
      }
      table = table || !th;
    }
    if (node.role >= R::H1 && node.role <= R::H6) {
      const int level = static_cast<int>(node.role) - static_cast<int>(R::H1) + 1;
      if ((last_heading == 0 && level != 1) || level > last_heading + 1)
        headings = "a heading of level " + std::to_string(level) +
                   (last_heading == 0 ? " comes first" : " follows one of level " + std::to_string(last_heading));
      last_heading = level;
    }
    for (auto it = node.children.rbegin(); it != node.children.rend(); ++it)
      if (valid(*it)) stack.push_back(*it);
  }
  if (figure) gaps.emplace_back("an image, icon or chart has no alternative text");
  if (table) gaps.emplace_back("a table has no header row (header-rows)");
  if (!headings.empty()) gaps.push_back(headings);
  return gaps;
}

StructureTree::StructureTree(const std::vector<layout::StructNode>& nodes, std::size_t page_count)
    : nodes_(nodes), kids_(nodes.size()), page_marks_(page_count) {}

int StructureTree::mark(int page, int tag) {
  auto& marks = page_marks_[static_cast<std::size_t>(page)];
  int mcid = static_cast<int>(marks.size());
  marks.push_back(tag);
  kids_[static_cast<std::size_t>(tag)].push_back({seq_++, page, mcid, {}});
  return mcid;
}

int StructureTree::annotate(int page, int tag, haru::Dict annotation) {
  kids_[static_cast<std::size_t>(tag)].push_back(
      {seq_++, page, -1, annotation, static_cast<int>(annotation_nodes_.size())});
  annotation_nodes_.push_back(tag);
  return static_cast<int>(page_marks_.size() + annotation_nodes_.size() - 1);
}

namespace {

// Number trees: one flat /Nums array while small, leaves of 512 entries under /Kids
// beyond that (libharu arrays hold at most 32,767 items).
template <typename AddValue>
void write_number_tree(haru::Document& doc, haru::Dict root, const std::vector<int>& keys, AddValue&& add_value) {
  constexpr std::size_t kLeaf = 512;
  if (keys.size() <= kLeaf) {
    haru::Array nums = doc.array(false);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      doc.add_int(nums, keys[i]);
      add_value(nums, i);
    }
    doc.put(root, "Nums", nums);
    return;
  }
  haru::Array kids = doc.array(false);
  for (std::size_t start = 0; start < keys.size(); start += kLeaf) {
    std::size_t end = std::min(keys.size(), start + kLeaf);
    haru::Dict leaf = doc.dict(true);
    haru::Array limits = doc.array(false);
    doc.add_int(limits, keys[start]);
    doc.add_int(limits, keys[end - 1]);
    doc.put(leaf, "Limits", limits);
    haru::Array nums = doc.array(false);
    for (std::size_t i = start; i < end; ++i) {
      doc.add_int(nums, keys[i]);
      add_value(nums, i);
    }
    doc.put(leaf, "Nums", nums);
    doc.add(kids, leaf);
  }
  doc.put(root, "Kids", kids);
}

}  // namespace

void StructureTree::write(haru::Document& doc, const std::vector<haru::Page>& pages) const {
  if (!enabled()) return;
  const std::size_t n = nodes_.size();
  haru::Dict root = doc.dict(true);
  doc.put_name(root, "Type", "StructTreeRoot");

  // The tree follows the children lists; each node is used once. Nodes no list reaches
  // (and nodes without a parent) hang under the root, so no content is orphaned.
  std::vector<int> parent(n, -2);  // -2 unvisited, -1 the root
  std::vector<int> order;          // pre-order
  std::vector<int> top;
  auto visit = [&](int start, int par) {
    std::vector<std::pair<int, int>> stack{{start, par}};
    while (!stack.empty()) {
      auto [node, p] = stack.back();
      stack.pop_back();
      if (parent[static_cast<std::size_t>(node)] != -2) continue;
      parent[static_cast<std::size_t>(node)] = p;
      order.push_back(node);
      const auto& ch = nodes_[static_cast<std::size_t>(node)].children;
      for (auto it = ch.rbegin(); it != ch.rend(); ++it)
        if (*it >= 0 && static_cast<std::size_t>(*it) < n) stack.emplace_back(*it, node);
    }
  };
  for (std::size_t i = 0; i < n; ++i)
    if (nodes_[i].parent < 0 && parent[i] == -2) {
      top.push_back(static_cast<int>(i));
      visit(static_cast<int>(i), -1);
    }
  for (std::size_t i = 0; i < n; ++i)
    if (parent[i] == -2) {
      top.push_back(static_cast<int>(i));
      visit(static_cast<int>(i), -1);
    }

  // First content position of each subtree, to interleave children with own content.
  std::vector<int> first(n, INT_MAX);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    auto i = static_cast<std::size_t>(*it);
    if (!kids_[i].empty()) first[i] = std::min(first[i], kids_[i].front().seq);
    if (parent[i] >= 0) {
      auto p = static_cast<std::size_t>(parent[i]);
      first[p] = std::min(first[p], first[i]);
    }
  }

  // Elements are written as raw entries (haru::Document::put_raw): a plan has hundreds and
  // a report thousands, and libharu's key-by-key dictionaries were most of their cost.
  std::vector<haru::Dict> elems(n);
  for (std::size_t i = 0; i < n; ++i) elems[i] = doc.dict(true);
  // Who holds each piece of content in its /K, for the ParentTree: the node's element, or
  // the Div it was grouped into.
  std::vector<std::vector<haru::Dict>> mcid_owner(page_marks_.size());
  for (std::size_t p = 0; p < page_marks_.size(); ++p)
    for (int node : page_marks_[p]) mcid_owner[p].push_back(elems[static_cast<std::size_t>(node)]);
  std::vector<haru::Dict> annot_owner;
  for (int node : annotation_nodes_) annot_owner.push_back(elems[static_cast<std::size_t>(node)]);
  std::vector<haru::Dict> parent_dict(n, root);  // each element's /P
  for (std::size_t i = 0; i < n; ++i)
    if (parent[i] >= 0) parent_dict[i] = elems[static_cast<std::size_t>(parent[i])];

  // Divs made for grouping: their /K, page and parent are known only once filled and placed.
  struct Div {
    haru::Dict dict;
    int pg = -1;
    std::string kids;
    haru::Dict parent;
  };
  std::deque<Div> divs;  // stable references while fill() adds more
  // One entry of a /K array: a child element, a Div made for grouping, or own content.
  struct Item {
    int child = -1;
    int div = -1;  ///< index into divs
    const Kid* kid = nullptr;
  };
  auto ref = [](std::string& out, auto handle) { haru::Document::append_ref(out, handle); };
  // Writes `items` as the /K array text of `owner` (whose /Pg is page `pg`, or -1) into
  // `out`. More than kMaxStructKids items go into Div elements of at most that many.
  auto fill = [&](auto&& self, haru::Dict owner, int pg, const std::vector<Item>& items, std::string& out) -> void {
    if (items.size() > kMaxStructKids) {
      std::vector<Item> groups;
      for (std::size_t start = 0; start < items.size(); start += kMaxStructKids) {
        std::vector<Item> part(
            items.begin() + static_cast<std::ptrdiff_t>(start),
            items.begin() + static_cast<std::ptrdiff_t>(std::min(items.size(), start + kMaxStructKids)));
        int div_pg = -1;
        for (const Item& it : part)
          if (it.kid) {
            div_pg = it.kid->page;
            break;
          }
        Div& div = divs.emplace_back(Div{doc.dict(true), div_pg, {}, {}});
        self(self, div.dict, div_pg, part, div.kids);
        groups.push_back(Item{-1, static_cast<int>(divs.size() - 1), nullptr});
      }
      self(self, owner, pg, groups, out);
      return;
    }
    out += '[';
    for (const Item& it : items) {
      if (out.back() != '[') out += ' ';
      if (it.child >= 0) {
        ref(out, elems[static_cast<std::size_t>(it.child)]);
        parent_dict[static_cast<std::size_t>(it.child)] = owner;
      } else if (it.div >= 0) {
        ref(out, divs[static_cast<std::size_t>(it.div)].dict);
        divs[static_cast<std::size_t>(it.div)].parent = owner;
      } else {
        const Kid& kid = *it.kid;
        if (kid.mcid < 0) {
          out += "<</Type/OBJR/Obj ";
          ref(out, kid.annot);
          out += "/Pg ";
          ref(out, pages[static_cast<std::size_t>(kid.page)]);
          out += ">>";
          annot_owner[static_cast<std::size_t>(kid.annot_index)] = owner;
        } else {
          if (kid.page == pg) {
            out += std::to_string(kid.mcid);
          } else {
            out += "<</Type/MCR/Pg ";
            ref(out, pages[static_cast<std::size_t>(kid.page)]);
            out += "/MCID ";
            out += std::to_string(kid.mcid);
            out += ">>";
          }
          mcid_owner[static_cast<std::size_t>(kid.page)][static_cast<std::size_t>(kid.mcid)] = owner;
        }
      }
    }
    out += ']';
  };
  // Notes carry an /ID, unique in the tree and listed in /IDTree (PDF/UA-1 7.9; Matterhorn
  // 19-003, 19-004). Zero-padded, so the name tree's keys sort as they are numbered.
  std::vector<std::pair<std::string, std::size_t>> ids;

  std::vector<std::string> body(n);  // each element's entries but /P, known at the end
  for (std::size_t i = 0; i < n; ++i) {
    const auto& node = nodes_[i];
    std::string& e = body[i];
    e += "/Type/StructElem/S/";
    e += role_name(node.role);
    const auto& own = kids_[i];
    int pg = own.empty() ? -1 : own.front().page;
    if (pg >= 0) {
      e += "/Pg ";
      ref(e, pages[static_cast<std::size_t>(pg)]);
    }
    if (!node.lang.empty()) {
      e += "/Lang";
      haru::Document::append_text_string(e, node.lang);
    }
    if (!node.alt.empty()) {
      e += "/Alt";
      haru::Document::append_text_string(e, node.alt);
    }
    if (!node.actual_text.empty()) {
      e += "/ActualText";
      haru::Document::append_text_string(e, node.actual_text);
    }
    if (node.role == layout::Role::Note) {
      std::string id = std::to_string(ids.size() + 1);
      id = "note-" + std::string(id.size() < 6 ? 6 - id.size() : 0, '0') + id;
      e += "/ID<";
      append_hex(e, id);
      e += '>';
      ids.emplace_back(std::move(id), i);
    }
    if (node.role == layout::Role::TH) e += "/A<</O/Table/Scope/Column>>";

    // Children interleaved with own content, in content order.
    std::vector<Item> items;
    items.reserve(node.children.size() + own.size());
    std::size_t a = 0;
    for (int c : node.children) {
      if (c < 0 || static_cast<std::size_t>(c) >= n || parent[static_cast<std::size_t>(c)] != static_cast<int>(i))
        continue;
      int at = first[static_cast<std::size_t>(c)];
      while (a < own.size() && at != INT_MAX && own[a].seq < at) items.push_back(Item{-1, -1, &own[a++]});
      items.push_back(Item{c, -1, nullptr});
    }
    while (a < own.size()) items.push_back(Item{-1, -1, &own[a++]});
    e += "/K";
    fill(fill, elems[i], pg, items, e);
  }

  if (!ids.empty()) {
    haru::Dict id_tree = doc.dict(true);
    haru::Array names = doc.array(false);
    for (const auto& [id, node] : ids) {
      doc.add_bytes(names, id);
      doc.add(names, elems[node]);
    }
    doc.put(id_tree, "Names", names);
    doc.put(root, "IDTree", id_tree);
  }

  std::vector<Item> top_items;
  for (int t : top) top_items.push_back(Item{t, -1, nullptr});
  std::string root_kids = "/K";
  fill(fill, root, -1, top_items, root_kids);
  doc.put_raw(root, std::move(root_kids));
  for (std::size_t i = 0; i < n; ++i) {
    body[i] += "/P ";
    ref(body[i], parent_dict[i]);
    doc.put_raw(elems[i], std::move(body[i]));
  }
  for (Div& div : divs) {
    std::string e = "/Type/StructElem/S/Div";
    if (div.pg >= 0) {
      e += "/Pg ";
      ref(e, pages[static_cast<std::size_t>(div.pg)]);
    }
    e += "/P ";
    ref(e, div.parent);
    e += "/K";
    e += div.kids;
    doc.put_raw(div.dict, std::move(e));
  }

  // ParentTree: page i (key i) -> its MCIDs' elements; annotation j (key pages + j) -> element.
  haru::Dict parent_tree = doc.dict(true);
  std::vector<int> keys;
  for (std::size_t p = 0; p < page_marks_.size(); ++p)
    if (!page_marks_[p].empty()) keys.push_back(static_cast<int>(p));
  for (std::size_t j = 0; j < annotation_nodes_.size(); ++j) keys.push_back(static_cast<int>(page_marks_.size() + j));
  write_number_tree(doc, parent_tree, keys, [&](haru::Array nums, std::size_t idx) {
    auto key = static_cast<std::size_t>(keys[idx]);
    if (key < page_marks_.size()) {
      haru::Array arr = doc.array(true);
      for (haru::Dict owner : mcid_owner[key]) doc.add(arr, owner);
      doc.add(nums, arr);
    } else {
      doc.add(nums, annot_owner[key - page_marks_.size()]);
    }
  });
  doc.put(root, "ParentTree", parent_tree);
  doc.put_int(root, "ParentTreeNextKey", static_cast<long long>(page_marks_.size() + annotation_nodes_.size()));

  for (std::size_t p = 0; p < pages.size(); ++p) {
    haru::Dict pd = haru::Document::page_dict(pages[p]);
    if (!page_marks_[p].empty()) doc.put_int(pd, "StructParents", static_cast<long long>(p));
    doc.put_name(pd, "Tabs", "S");
  }
  doc.put(doc.catalog(), "StructTreeRoot", root);
}

}  // namespace quire::pdf
