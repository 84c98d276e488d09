#ifndef ENGAGE_COMMON_CONFIG_PEM_FILE_H_
#define ENGAGE_COMMON_CONFIG_PEM_FILE_H_

#include <optional>
#include <string>

namespace engage::config {

// The contents of the file at `path` when it can be read and, unless `label`
// is empty, holds a PEM block whose label contains it ("CERTIFICATE",
// "PUBLIC KEY"); nullopt otherwise. Callers name the option in their error.
std::optional<std::string> ReadPemFile(const std::string& path, const std::string& label = "");

}  // namespace engage::config

#endif  // ENGAGE_COMMON_CONFIG_PEM_FILE_H_
