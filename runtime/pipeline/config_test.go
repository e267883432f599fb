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
	"github.com/rulec/rulec/runtime/eve"
)

// A config rule matching a DNS transaction keeps its query and response
// out of the dns records and alerts on nothing; an alert rule with the
// same config alerts and still disables the transaction's logging;
// another transaction is logged.
func TestConfigDisablesTxLogging(t *testing.T) {
	dir := t.TempDir()
	rules := `config dns any any -> any any (dns.query; content:"quiet"; config: logging disable, type tx, scope tx; sid:1;)` + "\n" +
		`alert dns any any -> any any (dns.query; content:"hush"; config:logging disable, type tx, scope tx; sid:2;)` + "\n"
	if err := os.WriteFile(filepath.Join(dir, "c.rules"), []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	o := compileObject(t, dir)
	var out bytes.Buffer
	p, err := Open(o, Config{Kernel: KernelReference, Offline: true, EVE: &out, Records: eve.Types{"alert": true, "dns": true}})
	if err != nil {
		t.Fatal(err)
	}
	name := func(label string) []byte {
		return append(append([]byte{byte(len(label))}, label...), 3, 'c', 'o', 'm', 0, 0, 1, 0, 1)
	}
	ts := time.Unix(1700000000, 0)
	cli, srv := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("192.0.2.53")
	for i, label := range []string{"quiet", "hush", "loud"} {
		q := dnsQuery(1, name(label)...)
		q[0] = byte(i + 1)
		resp := append([]byte(nil), q...)
		resp[2] = 0x81 // response, recursion desired
		resp[3] = 0x80
		for j, frame := range [][]byte{
			pktgen.Build(pktgen.Spec{Src: cli, Dst: srv, Proto: 17, Sport: uint16(40000 + i), Dport: 53, Payload: q}),
			pktgen.Build(pktgen.Spec{Src: srv, Dst: cli, Proto: 17, Sport: 53, Dport: uint16(40000 + i), Payload: resp}),
		} {
			if _, err := p.Engine.Frame(ts.Add(time.Duration(2*i+j)*time.Millisecond), frame); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	var alerts []uint64
	var logged []string
	for _, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
		var ev struct {
			EventType string `json:"event_type"`
			Alert     struct {
				SID uint64 `json:"signature_id"`
			} `json:"alert"`
			DNS map[string]any `json:"dns"`
		}
		if err := json.Unmarshal(line, &ev); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		switch ev.EventType {
		case "alert":
			alerts = append(alerts, ev.Alert.SID)
		case "dns":
			logged = append(logged, string(line))
		}
	}
	if len(alerts) != 1 || alerts[0] != 2 {
		t.Errorf("alerts %v, want sid 2 only", alerts)
	}
	if len(logged) != 2 {
		t.Fatalf("%d dns records, want the loud query and response: %q", len(logged), logged)
	}
	for _, l := range logged {
		if !bytes.Contains([]byte(l), []byte("loud.com")) {
			t.Errorf("logged a configured transaction: %s", l)
		}
	}
}

// TestConfigDisablesHTTPTxLoggingSamePacket: in IDS mode the request is
// inspected on the client's packet that acknowledged the response, the
// packet on which the transaction completes: its http record waits for
// that packet's inspection, whose config rule disables it.
func TestConfigDisablesHTTPTxLoggingSamePacket(t *testing.T) {
	dir := t.TempDir()
	rules := `config http any any -> any any (http.host; content:"quiet"; config:logging disable, type tx, scope tx; sid:1;)` + "\n"
	if err := os.WriteFile(filepath.Join(dir, "c.rules"), []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	p, err := Open(compileObject(t, dir), Config{Kernel: KernelReference, Offline: true, EVE: &out, Records: eve.Types{"alert": true, "http": true}})
	if err != nil {
		t.Fatal(err)
	}
	cli, srv := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("192.0.2.80")
	req, resp := "GET / HTTP/1.1\r\nHost: quiet.example\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
	seg := func(toServer bool, flags uint8, seq, ack uint32, payload string) []byte {
		s := pktgen.Spec{Src: cli, Dst: srv, Proto: 6, Sport: 40000, Dport: 80, TCPFlags: flags, Seq: seq, Ack: ack, Payload: []byte(payload)}
		if !toServer {
			s.Src, s.Dst, s.Sport, s.Dport = srv, cli, 80, 40000
		}
		return pktgen.Build(s)
	}
	rl, sl := uint32(len(req)), uint32(len(resp))
	frames := [][]byte{seg(true, 0x02, 100, 0, ""), seg(false, 0x12, 500, 101, ""), seg(true, 0x10, 101, 501, ""),
		seg(true, 0x18, 101, 501, req), seg(false, 0x18, 501, 101+rl, resp), seg(true, 0x10, 101+rl, 501+sl, "")}
	for i, f := range frames {
		if _, err := p.Engine.Frame(time.Unix(1700000000, int64(i)), f); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out.Bytes(), []byte(`"event_type":"http"`)) {
		t.Errorf("http record of a transaction a config rule disabled:\n%s", out.Bytes())
	}
}
