// Force-included into every file of a rules library (and engage_core):
// business rules are plain code with no I/O, so gRPC's and the database
// connector's namespaces are unusable there. Any use, even through a header,
// fails the build with "attempt to use poisoned".
#pragma GCC poison grpc sql
