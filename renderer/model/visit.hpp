// One exhaustive way to visit the model's variants. Every walk over blocks or inlines
// passes one lambda per alternative to `match`; there is no generic fallback, so a new
// block type that some walk forgets to handle fails to compile there, instead of being
// silently skipped by one writer (which is how the PDF and DOCX writers drifted apart).
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

namespace quire::model {

/// Overload set built from lambdas: `Overloaded{[](const Heading&) {...}, ...}`.
template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

namespace detail {
// True when `F` can be called with every alternative of `V` *exactly* (no conversion
// from a generic `auto` parameter is allowed to hide a missing case).
// A type no handler names: a set that accepts it has a generic catch-all.
struct Unnamed {};
template <class F, class V, bool Const>
struct handles_all;
template <class F, class... Ts, bool Const>
struct handles_all<F, std::variant<Ts...>, Const>
    : std::bool_constant<(std::is_invocable_v<F, std::conditional_t<Const, const Ts&, Ts&>> && ...)> {};
}  // namespace detail

/// Visits `v` with one handler per alternative. Handlers must not be generic
/// (`auto`) lambdas: write one per type so the compiler checks that every type is handled.
template <class Variant, class... Fs>
decltype(auto) match(Variant&& v, Fs&&... handlers) {
  using Set = Overloaded<std::decay_t<Fs>...>;
  static_assert(
      detail::handles_all<Set, std::decay_t<Variant>, std::is_const_v<std::remove_reference_t<Variant>>>::value,
      "model::match: a handler is missing for one of the variant's alternatives");
  static_assert(!std::is_invocable_v<Set, const detail::Unnamed&>,
                "model::match: no generic (auto) handler; write one handler per type");
  return std::visit(Set{std::forward<Fs>(handlers)...}, std::forward<Variant>(v));
}

}  // namespace quire::model
