package golden

import (
	"bytes"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rulec/rulec/bpf"
	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/flow"
	"github.com/rulec/rulec/runtime/pipeline"
)

// runEVE runs rules over the capture given in hex with the reference
// kernel tier and returns the EVE output. args holds --ips,
// --eve-types LIST (record types; default Suricata's set) and
// --dns-version N (the EVE DNS record format).
func runEVE(t *testing.T, rules []*ir.Rule, hexText, args, dir string) string {
	t.Helper()
	data, err := hex.DecodeString(strings.Join(strings.Fields(hexText), ""))
	if err != nil {
		t.Fatalf("%s: %v", captureSection, err)
	}
	capture := filepath.Join(dir, "capture.pcap")
	if err := os.WriteFile(capture, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := pipeline.Config{Kernel: pipeline.KernelReference, Flow: flow.DefaultConfig(), Offline: true, Records: eve.SuricataDefault()}
	fields := strings.Fields(args)
	for i := 0; i < len(fields); i++ {
		switch fields[i] {
		case "--ips":
			cfg.IPS = true
		case "--dns-version":
			i++
			v, err := strconv.Atoi(fields[i])
			if err != nil {
				t.Fatalf("%s: %v", argsSection, err)
			}
			cfg.Flow.DNSLog.Version = v
		case "--eve-types":
			i++
			cfg.Records = eve.Types{}
			for _, name := range strings.Split(fields[i], ",") {
				cfg.Records[name] = true
			}
		default:
			t.Fatalf("%s: unknown argument %q", argsSection, fields[i])
		}
	}
	o, err := object.Build(rules, bpf.ELF())
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cfg.EVE = &out
	p, err := pipeline.Open(o, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.RunPcap(capture, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}
