# syntax=docker/dockerfile:1
# Watchwire's CLI, with `watchwire up` (the whole pipeline on embedded NATS and
# an embedded Kafka-protocol broker) as the default command, state in the
# volume /var/lib/watchwire. Build from the repository root, the go.work root:
#   docker build -f deploy/docker/watchwire.Dockerfile -t watchwire/watchwire .
#   docker run --rm -p 8080:8080 watchwire/watchwire
#   docker run --rm -i watchwire/watchwire screen --format text < articles.jsonl

FROM golang:1.26 AS build
WORKDIR /src
COPY . .
# A static binary: no libc in the image, nothing to patch but the binary.
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go build -trimpath -ldflags="-s -w" -o /out/watchwire ./cmd/watchwire

FROM alpine:3.22
# busybox wget serves health checks (GET /readyz).
RUN adduser -D -H -u 10001 watchwire \
    && mkdir -p /var/lib/watchwire \
    && chown 10001:10001 /var/lib/watchwire
WORKDIR /app
COPY --from=build /out/watchwire /usr/local/bin/watchwire
# The bundled OFAC SDN list (the default watchlist, ofac:data/ofac from
# WORKDIR /app) and the sample articles of --demo.
COPY data/ofac /app/data/ofac
COPY data/samples /app/data/samples
USER 10001:10001
VOLUME /var/lib/watchwire
# The ingest API, /metrics and health. The embedded brokers listen on the
# container's loopback only.
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/watchwire"]
CMD ["up", "--http", "0.0.0.0:8080", "--data-dir", "/var/lib/watchwire"]
