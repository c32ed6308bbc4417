// quire tokens create|list|revoke and quire audit: the service's tokens and audit log,
// administered on the machine that holds the database (docs/SERVICE.md).
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "roles.hpp"
#include "service_commands.hpp"
#include "store.hpp"

namespace quire::cli {

namespace {
struct TokensOptions {
  std::string db = "sqlite:quire.db";
  std::string role, name;
  bool public_only = false;
};

struct AuditOptions {
  std::string db = "sqlite:quire.db";
  std::string since;
  std::string format = "csv";
};

std::unique_ptr<service::Store> open_store(const std::string& db, int& code) {
  std::string error;
  auto path = service::db_target_of(db, error);
  if (!path) {
    std::cerr << "quire: error[usage.db]: " << error << '\n';
    code = 2;
    return nullptr;
  }
  auto store = std::make_unique<service::Store>(*path);
  if (!store->ok()) {
    std::cerr << "quire: error[service.db]: " << store->error() << '\n';
    code = 1;
    return nullptr;
  }
  return store;
}

int run_create(const TokensOptions& o) {
  int code = 0;
  auto store = open_store(o.db, code);
  if (!store) return code;
  std::string error;
  auto token = store->create_token(o.name, o.role, o.public_only, error);
  if (!token) {
    std::cerr << "quire: error[usage.token]: " << error << '\n';
    return 2;
  }
  store->record({.who = "cli", .action = "token-create", .record_id = o.name, .outcome = "ok"});
  std::cout << "Created the token '" << o.name << "' (role " << o.role
            << (o.public_only ? ", public editions only" : "")
            << "). It is shown this once and stored only as its hash; keep it secret:\n"
            << *token << '\n';
  return 0;
}

int run_list(const TokensOptions& o) {
  int code = 0;
  auto store = open_store(o.db, code);
  if (!store) return code;
  std::cout << "name\trole\tpublic-only\tcreated\trevoked\n";
  for (const auto& t : store->list_tokens())
    std::cout << t.name << '\t' << t.role << '\t' << (t.public_only ? "yes" : "no") << '\t' << t.created << '\t'
              << (t.revoked.empty() ? "-" : t.revoked) << '\n';
  return 0;
}

int run_revoke(const TokensOptions& o) {
  int code = 0;
  auto store = open_store(o.db, code);
  if (!store) return code;
  std::string error;
  if (!store->revoke_token(o.name, error)) {
    std::cerr << "quire: error[usage.token]: " << error << '\n';
    return 2;
  }
  store->record({.who = "cli", .action = "token-revoke", .record_id = o.name, .outcome = "ok"});
  std::cout << "Revoked the token '" << o.name << "'\n";
  return 0;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

int run_audit(const AuditOptions& o) {
  int code = 0;
  auto store = open_store(o.db, code);
  if (!store) return code;
  auto rows = store->audit(o.since);
  if (o.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : rows)
      out.push_back({{"id", e.id},
                     {"at", e.at},
                     {"who", e.who},
                     {"action", e.action},
                     {"template", e.template_name},
                     {"locale", e.locale},
                     {"format", e.format},
                     {"edition", e.edition},
                     {"record_id", e.record_id},
                     {"output_sha256", e.output_sha256},
                     {"status", e.status},
                     {"outcome", e.outcome},
                     {"codes", e.codes},
                     {"duration_ms", e.duration_ms},
                     {"job", e.job},
                     {"record_index", e.record_index},
                     {"upload_sha256", e.upload_sha256}});
    std::cout << out.dump(2) << '\n';
    return 0;
  }
  std::cout << "id,at,who,action,template,locale,format,edition,record_id,output_sha256,status,outcome,codes,"
               "duration_ms,job,record_index,upload_sha256\n";
  for (const auto& e : rows)
    std::cout << e.id << ',' << e.at << ',' << csv_field(e.who) << ',' << e.action << ',' << e.template_name << ','
              << e.locale << ',' << e.format << ',' << e.edition << ',' << e.record_id << ',' << e.output_sha256 << ','
              << e.status << ',' << e.outcome << ',' << csv_field(e.codes) << ',' << e.duration_ms << ',' << e.job
              << ',' << e.record_index << ',' << e.upload_sha256 << '\n';
  return 0;
}
}  // namespace

Command add_tokens(CLI::App& app) {
  auto o = std::make_shared<TokensOptions>();
  auto* cmd = app.add_subcommand("tokens", std::string(service_description("", "tokens")));
  cmd->require_subcommand(1);
  auto* create = cmd->add_subcommand("create", "Create a token (printed once, as the last word of the output)");
  create->add_option("--role", o->role, "One of: " + service::role_names())->required();
  create->add_option("--name", o->name, "Who or what uses it (shown in the audit)")->required();
  create->add_flag("--public-only", o->public_only, "May obtain public editions only");
  auto* list = cmd->add_subcommand("list", "List the tokens (never the tokens themselves)");
  auto* revoke = cmd->add_subcommand("revoke", "Revoke a token by name");
  revoke->add_option("name", o->name, "The token's name")->required();
  for (auto* sub : {create, list, revoke})
    sub->add_option("--db", o->db, "The service's database: sqlite:PATH or postgresql://...")->capture_default_str();
  return [o, create, list] {
    if (create->parsed()) return run_create(*o);
    if (list->parsed()) return run_list(*o);
    return run_revoke(*o);
  };
}

Command add_audit(CLI::App& app) {
  auto o = std::make_shared<AuditOptions>();
  auto* cmd = app.add_subcommand("audit", std::string(service_description("", "audit")));
  cmd->add_option("--since", o->since, "Only entries at or after this ISO 8601 time (UTC), e.g. 2026-12-01");
  cmd->add_option("--format", o->format, "csv or json")->check(CLI::IsMember({"csv", "json"}))->capture_default_str();
  cmd->add_option("--db", o->db, "The service's database: sqlite:PATH or postgresql://...")->capture_default_str();
  return [o] { return run_audit(*o); };
}

}  // namespace quire::cli
