package pipeline

import (
	"bytes"
	"encoding/json"
	"net/netip"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rulec/rulec/internal/pktgen"
)

// dnsQuery is a query with the given question section and counts.
func dnsQuery(qd byte, body ...byte) []byte {
	return append([]byte{0x12, 0x34, 0x01, 0x00, 0, qd, 0, 0, 0, 0, 0, 0}, body...)
}

// A dns.query rule is decided in the kernel on a plain query and, on a
// query the classifier copies up undecided (a compression pointer in the
// question, two questions), in userspace: each message alerts once, in
// exactly one tier.
func TestDNSQueryKernelAndUndecided(t *testing.T) {
	dir := t.TempDir()
	rule := `alert dns any any -> any any (msg:"evil"; dns.query; content:"evil"; sid:1;)` + "\n"
	if err := os.WriteFile(filepath.Join(dir, "d.rules"), []byte(rule), 0o644); err != nil {
		t.Fatal(err)
	}
	o := compileObject(t, dir)
	var out bytes.Buffer
	p, err := Open(o, Config{Kernel: KernelReference, Offline: true, EVE: &out})
	if err != nil {
		t.Fatal(err)
	}
	plain := dnsQuery(1, 3, 'w', 'w', 'w', 4, 'e', 'v', 'i', 'l', 3, 'c', 'o', 'm', 0, 0, 1, 0, 1)
	// www + a pointer to "evil.com" after the question (offset 22).
	compressed := dnsQuery(1, 3, 'w', 'w', 'w', 0xc0, 22, 0, 1, 0, 1, 4, 'e', 'v', 'i', 'l', 3, 'c', 'o', 'm', 0)
	two := dnsQuery(2, 4, 'e', 'v', 'i', 'l', 0, 0, 1, 0, 1, 4, 'e', 'v', 'i', 'l', 0, 0, 1, 0, 1)
	ts := time.Unix(1700000000, 0)
	for i, msg := range [][]byte{plain, compressed, two} {
		frame := pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("10.0.0.1"), Dst: netip.MustParseAddr("192.0.2.53"),
			Proto: 17, Sport: uint16(40000 + i), Dport: 53, Payload: msg})
		if _, err := p.Engine.Frame(ts.Add(time.Duration(i)*time.Second), frame); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	// The kernel alert carries the DNS detail of its copied packet.
	first, _, _ := bytes.Cut(out.Bytes(), []byte("\n"))
	var ev struct {
		AppProto  string `json:"app_proto"`
		Direction string `json:"direction"`
		DNS       struct {
			Queries []struct {
				RRName string `json:"rrname"`
			} `json:"queries"`
		} `json:"dns"`
		Alert struct {
		} `json:"alert"`
		Rulec struct {
			Tier string `json:"tier"`
		} `json:"rulec"`
	}
	if err := json.Unmarshal(first, &ev); err != nil {
		t.Fatalf("%v: %s", err, first)
	}
	if ev.Rulec.Tier != "kernel" || ev.AppProto != "dns" || ev.Direction != "to_server" || len(ev.DNS.Queries) != 1 || ev.DNS.Queries[0].RRName != "www.evil.com" {
		t.Errorf("kernel alert without its DNS detail: %s", first)
	}
	st := p.Engine.Stats()
	if st.AlertsByTier["kernel"] != 1 || st.AlertsByTier["userspace"] != 2 || st.AppUndecided != 2 {
		t.Errorf("alerts by tier %v, %d undecided copies; want 1 kernel, 2 userspace, 2 undecided", st.AlertsByTier, st.AppUndecided)
	}
	if st.CopiedPackets["app_undecided"] != 2 || st.CopiedPackets["alert_detail"] != 1 || st.CopiedBytes["alert_detail"] == 0 {
		t.Errorf("copies by reason %v, bytes %v", st.CopiedPackets, st.CopiedBytes)
	}
}

// After a drop rule of flow scope (IP-only) matches, the flow's later
// packets are dropped by the kernel tier and not inspected by userspace
// either (Suricata skips detection on a dropped flow, in IDS mode too);
// another flow is.
func TestFlowDropSkipsUserspace(t *testing.T) {
	dir := t.TempDir()
	rules := `drop udp any 40000 -> any 9999 (msg:"bad"; sid:10;)
alert udp any any -> any 9999 (msg:"later"; pcre:"/x/"; sid:11;)
`
	if err := os.WriteFile(filepath.Join(dir, "d.rules"), []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Open(compileObject(t, dir), Config{Kernel: KernelReference, Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	ts := time.Unix(1700000000, 0)
	for i, c := range []struct {
		sport   uint16
		payload string
	}{{40000, "bad"}, {40000, "x"}, {40001, "x"}} {
		frame := pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("10.0.0.1"), Dst: netip.MustParseAddr("192.0.2.9"),
			Proto: 17, Sport: c.sport, Dport: 9999, Payload: []byte(c.payload)})
		if _, err := p.Engine.Frame(ts.Add(time.Duration(i)*time.Second), frame); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if st := p.Engine.Stats(); st.BySID[10] != 1 || st.BySID[11] != 1 {
		t.Errorf("alerts by sid %v: want sid 10 once and sid 11 once (the other flow)", st.BySID)
	}
}
