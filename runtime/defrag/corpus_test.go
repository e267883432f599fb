package defrag

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/rulec/rulec/internal/corpus"
	"github.com/rulec/rulec/runtime/capture"
	"github.com/rulec/rulec/runtime/decode"
)

var (
	eventRule = regexp.MustCompile(`decode-event:([a-z0-9_.]+)`)
	wantCount = regexp.MustCompile(`count: (\d+)`)
)

// TestSuricataVerifyFragmentEvents replays suricata-verify's IPv6 evasion
// captures (malformed fragments, extension header floods, covert
// destination options) through the decoder and defragmentation and counts
// the packets (reassembled ones included) raising each test's
// decode-event, against the alert count Suricata gives for its one
// pkthdr rule.
func TestSuricataVerifyFragmentEvents(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join(corpus.Dir(t, "suricata-verify"), "ipv6-evasion", "*"))
	checked := 0
	for _, dir := range dirs {
		rules, _ := os.ReadFile(filepath.Join(dir, "test.rules"))
		yaml, _ := os.ReadFile(filepath.Join(dir, "test.yaml"))
		m, c := eventRule.FindSubmatch(rules), wantCount.FindSubmatch(yaml)
		if m == nil || c == nil {
			continue
		}
		ev, ok := decode.EventByName(string(m[1]))
		if !ok {
			continue
		}
		want, _ := strconv.Atoi(string(c[1]))
		pcaps, _ := filepath.Glob(filepath.Join(dir, "*.pcap"))
		t.Run(filepath.Base(dir), func(t *testing.T) {
			f := New(Config{})
			got := 0
			count := func(d *decode.Packet) {
				if d.Events.Has(ev) {
					got++
				}
			}
			err := capture.ReadFile(pcaps[0], func(ts time.Time, frame []byte, _ uint64) error {
				var d decode.Packet
				if decode.Decode(frame, &d) == nil && d.L4 == decode.L4Fragment {
					if full := f.Add(ts, &d); full != nil {
						var r decode.Packet
						_ = decode.Decode(full, &r)
						count(&r)
					}
				}
				count(&d)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s: %d packets, Suricata alerts %d", ev, got, want)
			}
		})
		checked++
	}
	if checked < 15 {
		t.Errorf("only %d tests checked", checked)
	}
}
