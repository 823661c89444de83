# syntax=docker/dockerfile:1
# Watchwire the tagger: screens NEWS against the bundled OFAC list (or WATCHWIRE_WATCHLIST).
# Build from the repository root, the go.work root:
#   docker build -f deploy/docker/tagger.Dockerfile -t watchwire/tagger .

FROM golang:1.26 AS build
WORKDIR /src
COPY . .
# A static binary: no libc in the image, nothing to patch but the binary.
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go build -trimpath -ldflags="-s -w" -o /out/tagger ./services/tagger/cmd/tagger

FROM alpine:3.22
# busybox wget serves the compose health check (GET /readyz).
RUN adduser -D -H -u 10001 watchwire
WORKDIR /app
COPY --from=build /out/tagger /usr/local/bin/tagger
# The bundled OFAC SDN list: the default watchlist spec ofac:data/ofac
# resolves against WORKDIR /app.
COPY data/ofac /app/data/ofac
USER 10001:10001
EXPOSE 8080
ENV WATCHWIRE_LISTEN=0.0.0.0:8080
ENTRYPOINT ["/usr/local/bin/tagger"]
