#ifndef ENGAGE_COMMON_SERVER_UNARY_METHOD_H_
#define ENGAGE_COMMON_SERVER_UNARY_METHOD_H_

#include <grpcpp/grpcpp.h>

// Declares, in a service's handler class, the handler of the unary method
// `Method` of its generated base: buf's STANDARD lint holds every contract to
// v1::<Method>Request and v1::<Method>Response, so the method's name says the
// whole signature (`override` checks it against the generated one).
#define ENGAGE_UNARY_METHOD(Method)                                                     \
  grpc::Status Method(grpc::ServerContext* context, const v1::Method##Request* request, \
                      v1::Method##Response* response) override

// The same for the server-streaming method `Method`: it writes its
// v1::<Method>Response messages to `writer`.
#define ENGAGE_SERVER_STREAM_METHOD(Method)                                             \
  grpc::Status Method(grpc::ServerContext* context, const v1::Method##Request* request, \
                      grpc::ServerWriter<v1::Method##Response>* writer) override

#endif  // ENGAGE_COMMON_SERVER_UNARY_METHOD_H_
