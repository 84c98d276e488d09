#include "common/trace/current_call.h"

#include <utility>

namespace engage::trace {
namespace {

thread_local const CurrentCall* current = nullptr;

}  // namespace

const CurrentCall* CurrentCall::Get() { return current; }

CallScope::CallScope(CurrentCall call) : call_(std::move(call)), previous_(current) {
  current = &call_;
}

CallScope::~CallScope() { current = previous_; }

}  // namespace engage::trace
