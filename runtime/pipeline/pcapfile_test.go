package pipeline

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/rulec/rulec/internal/demo"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/flow"
)

// With the eve-log pcap-file option every record names the capture, the
// flow records written as the run ends too, whatever the workers; without
// it none does.
func TestPcapFilename(t *testing.T) {
	o := compileObject(t, filepath.Join("..", "..", "rules"))
	pcap := demo.File(t)
	for _, c := range []struct {
		workers int
		on      bool
	}{{1, true}, {2, true}, {1, false}} {
		var out bytes.Buffer
		records := eve.Types{"alert": true, "flow": true, eve.PcapFile: c.on}
		runConfig(t, o, Config{Kernel: KernelReference, Flow: flow.DefaultConfig(), EVE: &out, Offline: true, Records: records, Workers: c.workers}, pcap)
		types := map[string]int{}
		for _, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
			var rec struct {
				EventType    string  `json:"event_type"`
				PcapFilename *string `json:"pcap_filename"`
			}
			if err := json.Unmarshal(line, &rec); err != nil {
				t.Fatal(err)
			}
			types[rec.EventType]++
			if c.on != (rec.PcapFilename != nil) || c.on && *rec.PcapFilename != pcap {
				t.Fatalf("workers %d, pcap-file %v: %s", c.workers, c.on, line)
			}
		}
		if types["alert"] == 0 || types["flow"] == 0 {
			t.Errorf("workers %d: records %v, want alerts and flows", c.workers, types)
		}
	}
}
