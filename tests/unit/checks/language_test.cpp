// The child's editions (my-plan, my-pathway-plan): jargon from locales/en-GB/jargon.csv with
// the plain words in the hint, sentences over 20 words, the Flesch score per area, and the
// child's own words left alone.
#include "fixture.hpp"

using namespace quire;
using namespace quire::checks;
using namespace quire::checks::testing;
using nlohmann::json;

TEST_CASE("the child's editions extend the professional rules: the same areas, plus language rules") {
  const Rules child = rules("my-plan");
  const Rules pro = rules("care-plan");
  CHECK(child.edition == "child");
  CHECK(child.areas.size() == pro.areas.size());
  CHECK(child.language.enabled);
  CHECK_FALSE(pro.language.enabled);
  CHECK(rules("my-pathway-plan").parallel_plan.enabled);
  // A missing area is found in the child's edition as in the professional one.
  auto rec = record("care-plan-clean.json");
  rec["areas"].erase(0);
  CHECK(run(child, rec).at("plan.area.missing", "/areas"));
}

TEST_CASE("plan.language.jargon: a word of the job in the child's edition warns, with the plain words") {
  auto rec = record("care-plan-clean.json");
  rec["areas"][7]["needs"] = "Maya's placement with Jo and Sam is going well.";
  auto out = run(rules("my-plan"), rec);
  const Diagnostic* d = out.at("plan.language.jargon", "/areas/7/needs");
  REQUIRE(d);
  CHECK(d->severity == Severity::Warning);
  CHECK(d->message.find("'placement'") != std::string::npos);
  CHECK(d->hint.find("where you live") != std::string::npos);
  // The professional plan may use the words of the job.
  CHECK(run(rules("care-plan"), rec).count("plan.language.jargon") == 0);
  // Plain words pass.
  rec["areas"][7]["needs"] = "Maya's home with Jo and Sam is going well.";
  CHECK(run(rules("my-plan"), rec).count("plan.language.jargon") == 0);
}

TEST_CASE("plan.language.jargon: capitalised terms match only so, others in any case and plural") {
  auto rec = record("care-plan-clean.json");
  rec["areas"][4]["needs"] = "Contacts with Dan go well. The lace is new.";  // "lace" is not LAC
  rec["areas"][1]["needs"] = "Her PEP is due. Maya likes her lac of nothing.";
  rec["areas"][1]["actions"][0]["what"] = "Ask the IRO and the LADO.";
  auto out = run(rules("my-plan"), rec);
  const Diagnostic* contact = out.at("plan.language.jargon", "/areas/4/needs");
  REQUIRE(contact);
  CHECK(contact->message.find("'Contacts'") != std::string::npos);
  CHECK(out.at("plan.language.jargon", "/areas/1/needs"));
  int in_action = 0;
  for (const auto& d : out.diags.items()) in_action += d.pointer == "/areas/1/actions/0/what";
  CHECK(in_action == 2);  // IRO and LADO
  int in_needs = 0;
  for (const auto& d : out.diags.items()) in_needs += d.code == "plan.language.jargon" && d.pointer == "/areas/1/needs";
  CHECK(in_needs == 1);  // PEP only: "lac" is not "LAC"
}

TEST_CASE("plan.language.jargon: the longest term wins and the child's quoted words are never flagged") {
  auto rec = record("care-plan-clean.json");
  rec["areas"][0]["needs"] = "We will talk about it at your care plan review.";
  rec["areas"][0]["views"] = json::array({{{"by", "child"}, {"words", "I hate being LAC and the placement stuff."}}});
  rec["areas"][3]["needs"] = "Maya calls it \"contact\" because the grown-ups do.";
  auto out = run(rules("my-plan"), rec);
  INFO(out.listing());
  const Diagnostic* review = out.at("plan.language.jargon", "/areas/0/needs");
  REQUIRE(review);
  CHECK(review->message.find("'care plan review'") != std::string::npos);
  CHECK(out.count("plan.language.jargon") == 1);  // nothing in views, nothing in quotes
  for (const auto& d : out.diags.items()) CHECK(d.pointer.find("/views") == std::string::npos);
}

TEST_CASE("plan.language.long-sentence: a sentence over 20 words warns; 20 words pass") {
  auto rec = record("care-plan-clean.json");
  const std::string twenty = "Maya will go to the park with Jo on Saturday and they will take the dog and a ball and";
  REQUIRE(count_words(twenty) == 20);
  rec["areas"][1]["needs"] = twenty + ".";
  CHECK(run(rules("my-plan"), rec).count("plan.language.long-sentence") == 0);
  rec["areas"][1]["needs"] = "She reads well. " + twenty + " a kite.";
  auto out = run(rules("my-plan"), rec);
  const Diagnostic* d = out.at("plan.language.long-sentence", "/areas/1/needs");
  REQUIRE(d);
  CHECK(d->severity == Severity::Warning);
  CHECK(d->message.find("22 words") != std::string::npos);
  CHECK(out.count("plan.language.long-sentence") == 1);
  // The professional plan has no sentence limit.
  CHECK(run(rules("care-plan"), rec).count("plan.language.long-sentence") == 0);
}

TEST_CASE("reading ease: each area's English gets a Flesch score; hard text warns below the template's 60") {
  auto rec = record("care-plan-clean.json");
  auto easy = run(rules("my-plan"), rec);
  REQUIRE_FALSE(easy.scores.empty());
  CHECK(easy.scores[0].pointer == "/areas/0");
  CHECK(easy.scores[0].area == "health");
  CHECK(easy.scores[0].score > 60);
  CHECK(easy.count("plan.language.reading-ease") == 0);

  rec["areas"][0]["needs"] =
      "Comprehensive multidisciplinary evaluation identified developmental considerations. "
      "Ophthalmological investigations necessitate additional consultation.";
  auto hard = run(rules("my-plan"), rec);
  const Diagnostic* d = hard.at("plan.language.reading-ease", "/areas/0");
  REQUIRE(d);
  CHECK(d->severity == Severity::Warning);
  CHECK(hard.scores[0].score < 30);
}

TEST_CASE("the language measures: sentences, words, syllables, Flesch") {
  CHECK(split_sentences("Mr. Khan came. He left! Did he?\nYes").size() == 4);
  CHECK(split_sentences("We met on 3.4.2026 at 10.30 and talked.").size() == 1);
  CHECK(count_words("Maya's dog - a big one - runs.") == 6);
  CHECK(count_syllables("home") == 1);
  CHECK(count_syllables("table") == 2);
  CHECK(count_syllables("independent") == 4);
  CHECK(count_syllables("the") == 1);
  int words = 0, sentences = 0;
  const double score = flesch_reading_ease("The cat sat on the mat. It was warm.", &words, &sentences);
  CHECK(words == 9);
  CHECK(sentences == 2);
  CHECK(score > 100);
  CHECK(flesch_reading_ease("") == 0);
}
