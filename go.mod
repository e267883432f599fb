module github.com/rulec/rulec

go 1.26.8

require (
	github.com/alecthomas/participle/v2 v2.1.4
	github.com/spf13/pflag v1.0.10
	go.yaml.in/yaml/v3 v3.0.4
	golang.org/x/tools v0.40.1-0.20260108161641-ca281cf95054
)

require github.com/gopacket/gopacket v1.7.7

require (
	github.com/corazawaf/libinjection-go v0.3.5
	github.com/vishvananda/netlink v1.3.1
	github.com/vishvananda/netns v0.0.5 // indirect
)

require (
	github.com/cilium/ebpf v0.22.0
	github.com/dlclark/regexp2 v1.12.0
	github.com/wasilibs/go-re2 v1.13.0
	golang.org/x/net v0.55.0
	golang.org/x/sys v0.48.0
)
