# syntax=docker/dockerfile:1
# Watchwire the ingestor: POST /v1/articles and feed polling into NATS JetStream.
# Build from the repository root, the go.work root:
#   docker build -f deploy/docker/ingestor.Dockerfile -t watchwire/ingestor .

FROM golang:1.26 AS build
WORKDIR /src
COPY . .
# A static binary: no libc in the image, nothing to patch but the binary.
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go build -trimpath -ldflags="-s -w" -o /out/ingestor ./services/ingestor/cmd/ingestor

FROM alpine:3.22
# busybox wget serves the compose health check (GET /readyz).
RUN adduser -D -H -u 10001 watchwire
WORKDIR /app
COPY --from=build /out/ingestor /usr/local/bin/ingestor
USER 10001:10001
EXPOSE 8080
ENV WATCHWIRE_LISTEN=0.0.0.0:8080
ENTRYPOINT ["/usr/local/bin/ingestor"]
