#ifndef ENGAGE_COMMON_LOG_LOG_H_
#define ENGAGE_COMMON_LOG_LOG_H_

#include <string>
#include <utility>
#include <vector>

namespace engage::log {

// Every line a binary writes is one JSON object on stdout, so a log pipeline
// reads it without parsing rules: {"ts":...,"level":...,"msg":...,<fields>}.
using Fields = std::vector<std::pair<std::string, std::string>>;

// Sets the level ("debug", "info", "warn", "error") and the JSON line format.
void Init(const std::string& level);

void Info(const std::string& msg, const Fields& fields = {});
void Warn(const std::string& msg, const Fields& fields = {});
void Error(const std::string& msg, const Fields& fields = {});

// JSON string literal of `s` (with quotes), escaping what JSON requires and
// replacing invalid UTF-8 so a hostile value cannot break the line.
std::string JsonString(const std::string& s);

}  // namespace engage::log

#endif  // ENGAGE_COMMON_LOG_LOG_H_
