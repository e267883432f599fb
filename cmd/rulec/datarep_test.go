package main

import (
	"encoding/binary"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
)

// dnsQuery is a DNS query message for name, type A.
func dnsQuery(id uint16, name string) []byte {
	b := binary.BigEndian.AppendUint16(nil, id)
	b = append(b, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0)
	for _, label := range strings.Split(name, ".") {
		b = append(b, byte(len(label)))
		b = append(b, label...)
	}
	return append(b, 0, 0, 1, 0, 1)
}

// TestDatarepEndToEnd: a datarep rule on dns.query alerts on the query
// whose name's reputation in the loaded file passes the comparison only.
func TestDatarepEndToEnd(t *testing.T) {
	dir := t.TempDir()
	// evil.example 200, ok.example 3 (string values base64, as Suricata's)
	os.WriteFile(filepath.Join(dir, "rep.csv"), []byte("ZXZpbC5leGFtcGxl,200\nb2suZXhhbXBsZQ==,3\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "t.rules"), []byte(`alert dns any any -> any any (msg:"bad rep"; dns.query; datarep:rep, >, 100, type string, load rep.csv; sid:1;)
alert dns any any -> any any (msg:"low rep"; dns.query; datarep:rep, <, 10, type string, load rep.csv; sid:2;)
`), 0o644)
	pcap := dnsQueriesPcap(t, dir, "evil.example", "ok.example", "unknown.example")
	eveFile := filepath.Join(dir, "eve.json")
	if _, errOut, code := runCLI(t, "run", filepath.Join(dir, "t.rules"), "--kernel", "reference", "--pcap", pcap, "--eve", eveFile); code != 0 {
		t.Fatalf("run exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(eveFile)
	if err != nil {
		t.Fatal(err)
	}
	out := string(data)
	if strings.Count(out, `"signature_id":1,`) != 1 || strings.Count(out, `"signature_id":2,`) != 1 || !strings.Contains(out, `"pcap_cnt":1`) {
		t.Errorf("want one alert of each rule (evil.example > 100, ok.example < 10):\n%s", out)
	}
}

// TestDatasetStateSavedAtEnd: a dataset with a state file starts from it
// and is written back at the end of the run with what set added.
func TestDatasetStateSavedAtEnd(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "seen.lst")
	os.WriteFile(state, []byte("b2xkLmV4YW1wbGU=\n"), 0o644) // old.example
	os.WriteFile(filepath.Join(dir, "t.rules"), []byte(`alert dns any any -> any any (msg:"new name"; dns.query; dataset:set,seen,type string,state seen.lst; sid:1;)
`), 0o644)
	pcap := dnsQueriesPcap(t, dir, "old.example", "new.example", "new.example")
	eveFile := filepath.Join(dir, "eve.json")
	if _, errOut, code := runCLI(t, "run", filepath.Join(dir, "t.rules"), "--kernel", "reference", "--pcap", pcap, "--eve", eveFile); code != 0 {
		t.Fatalf("run exit %d: %s", code, errOut)
	}
	data, _ := os.ReadFile(eveFile)
	if n := strings.Count(string(data), `"signature_id":1,`); n != 1 {
		t.Errorf("%d alerts, want 1 (new.example once; old.example was in the state)", n)
	}
	saved, err := os.ReadFile(state)
	if err != nil || string(saved) != "b2xkLmV4YW1wbGU=\nbmV3LmV4YW1wbGU=\n" {
		t.Errorf("state file %q (%v), want old.example and new.example, lines sorted", saved, err)
	}
}

// dnsQueriesPcap writes dir/dns.pcap: one UDP query for each name, each
// from its own source port, and returns its path.
func dnsQueriesPcap(t *testing.T, dir string, names ...string) string {
	t.Helper()
	var frames [][]byte
	for i, name := range names {
		frames = append(frames, pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("10.0.0.1"), Dst: netip.MustParseAddr("10.0.0.53"), Proto: 17,
			Sport: uint16(40000 + i), Dport: 53, Payload: dnsQuery(uint16(i+1), name)}))
	}
	pcap := filepath.Join(dir, "dns.pcap")
	if err := pktgen.WritePcap(pcap, frames); err != nil {
		t.Fatal(err)
	}
	return pcap
}
