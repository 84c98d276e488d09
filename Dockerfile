# syntax=docker/dockerfile:1
# The Engage mesh image: all five binaries (engage-gateway, engage-profile, engage-connection, engage-promomats,
# engage-migrate) on Debian 12, built from Debian's own packages. The chart picks the binary per container with
# `command:`; nothing runs as root.
#
#   docker build -t engage-mesh:0.1.0 .
#   docker run --rm engage-mesh:0.1.0 engage-gateway --help

############################################################################ build
FROM debian:12 AS build

ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential cmake pkg-config \
      libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler grpc-proto \
      libabsl-dev libmysqlcppconn-dev libgtest-dev libgmock-dev \
      libjwt-dev libssl-dev libqrencode-dev libspdlog-dev libcpp-httplib-dev \
      libcurl4-openssl-dev prometheus-cpp-dev \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY . .
# Two jobs: the build machines this project targets have two cores.
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DENGAGE_BUILD_TESTS=OFF \
 && cmake --build build -j2 \
 && for b in engage-gateway engage-profile engage-connection engage-promomats engage-migrate; do \
      test -x "build/bin/$b" || { echo "missing build/bin/$b" >&2; exit 1; }; \
      strip --strip-unneeded "build/bin/$b"; \
    done

############################################################################ runtime
FROM debian:12-slim

ARG DEBIAN_FRONTEND=noninteractive
# Runtime halves of the -dev packages above (bookworm names; libjwt0 is bookworm's libjwt). Their own
# dependencies (libgrpc29, libmariadb3, libfmt9, libjansson4...) come with them.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libgrpc++1.51 libprotobuf32 libabsl20220623 libmysqlcppconn7v5 libjwt0 \
      libqrencode4 libspdlog1.10 libssl3 libcpp-httplib0.11 libcurl4 \
      libprometheus-cpp-core1.0 libprometheus-cpp-pull1.0 ca-certificates \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 engage \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin engage

COPY --from=build /src/build/bin/engage-gateway /src/build/bin/engage-profile /src/build/bin/engage-connection \
     /src/build/bin/engage-promomats /src/build/bin/engage-migrate /usr/local/bin/

# Fail the image build, not the first pod, when a shared library is missing from the list above. (--help's exit
# status is not checked: only that the loader could start the binary.)
RUN set -e; for b in /usr/local/bin/engage-*; do \
      if ldd "$b" | grep -q 'not found'; then ldd "$b" >&2; exit 1; fi; \
      if "$b" --help 2>&1 | grep -q 'error while loading shared libraries'; then "$b" --help; exit 1; fi; \
    done

USER 10001:10001
WORKDIR /tmp
# gRPC: gateway 50050, profile 50051, connection 50052, promomats 50053; Prometheus metrics 9090.
EXPOSE 50050 50051 50052 50053 9090
CMD ["/usr/local/bin/engage-gateway"]
