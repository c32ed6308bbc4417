// Fuzzes JSON parsing and schema validation: the input is a schema, "\n---\n", the data.
#include "data/json.hpp"
#include "fuzz_world.hpp"

using namespace quire;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto [schema_text, data_text] = fuzz::split2(fuzz::as_text(data, size));
  Diagnostics diags;
  auto schema_json = data::parse_json(schema_text, "schema.json", diags);
  auto json = data::parse_json(data_text.empty() ? schema_text : data_text, "data.json", diags);
  if (!schema_json) return 0;
  auto schema = data::Schema::compile(*schema_json, "schema.json", diags);
  if (schema && json) (void)schema->validate(*json, "data.json", diags);
  return 0;
}
