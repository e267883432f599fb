# rulec node-agent image: a static rulec, the default rule set compiled
# inside, nothing else. `make image` builds it with buildah or podman; see
# deploy/image/build.sh for building without a registry.
ARG GO_IMAGE=docker.io/library/golang:1.26
FROM ${GO_IMAGE} AS build
ARG VERSION=dev
ARG GOPROXY=https://proxy.golang.org,direct
ARG GOSUMDB=sum.golang.org
ENV CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS="-trimpath -ldflags=-X=main.version=${VERSION}" \
    GOPROXY=${GOPROXY} GOSUMDB=${GOSUMDB} \
    HOME=/tmp GOPATH=/tmp/go GOCACHE=/cache/go-build
WORKDIR /src
COPY go.mod go.sum ./
COPY bpf ./bpf
COPY cmd ./cmd
COPY codegen ./codegen
COPY compiler ./compiler
COPY diag ./diag
COPY grammar ./grammar
COPY internal ./internal
COPY runtime ./runtime
COPY rules ./rules
# Exec form only: the offline builder image has no shell.
RUN ["go", "build", "-o", "/out/rulec", "./cmd/rulec"]
RUN ["/out/rulec", "compile", "rules/", "-o", "/out/ruleset.rco"]

FROM scratch
COPY --from=build /out/rulec /usr/bin/rulec
COPY --from=build /out/ruleset.rco /etc/rulec/ruleset.rco
COPY rules /etc/rulec/rules
# Offline use (compile, check, run --pcap) needs no privilege. The
# DaemonSet runs live mode as uid 0 with only CAP_BPF, CAP_NET_ADMIN,
# CAP_PERFMON and CAP_SYS_RESOURCE (deploy/README.md says why).
USER 65534:65534
ENTRYPOINT ["/usr/bin/rulec"]
CMD ["version"]
