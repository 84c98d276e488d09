#ifndef ENGAGE_FUZZ_FUZZ_SUPPORT_H_
#define ENGAGE_FUZZ_FUZZ_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

// What the fuzz targets share: splitting an input into text fields (so seeds
// stay readable files) and a check that aborts, which libFuzzer reports as a
// crash and saves the input of.
namespace engage::fuzz {

// The input cut at `sep` into at most `parts` fields (the last keeps the
// rest, separators included); missing fields are empty.
inline std::vector<std::string> Split(const uint8_t* data, size_t size, char sep, size_t parts) {
  std::vector<std::string> out(parts);
  const std::string in(reinterpret_cast<const char*>(data), size);
  size_t start = 0;
  for (size_t i = 0; i + 1 < parts && start <= in.size(); ++i) {
    size_t end = in.find(sep, start);
    if (end == std::string::npos) {
      out[i] = in.substr(start);
      return out;
    }
    out[i] = in.substr(start, end - start);
    start = end + 1;
  }
  if (start <= in.size()) out[parts - 1] = in.substr(start);
  return out;
}

}  // namespace engage::fuzz

// A property every input must keep; a broken one is a finding.
#define FUZZ_CHECK(cond)                                                               \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      std::fprintf(stderr, "%s:%d: property broken: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                    \
    }                                                                                  \
  } while (0)

#endif  // ENGAGE_FUZZ_FUZZ_SUPPORT_H_
