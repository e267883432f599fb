package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestGuessedTx: an alert of a packet rule on a unit carrying a guessed
// transaction names it (tx_id, tx_guessed, its http section), at most
// its limit of times; an alert on a unit without a guess names none
// (Suricata's detect.guess-applayer-tx).
func TestGuessedTx(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any any (msg:"pkt"; flow:to_server,established; content:"x"; sid:1;)
alert tcp any any -> any any (msg:"other"; content:"y"; sid:2;)
`, fakeKernel{}, func(u *inspect.Unit, sid uint64) bool {
		b, _ := u.Buffer("payload")
		return sid == 1 && string(b) == "x" || sid == 2 && string(b) == "y"
	})
	f := tcpFlow(9)
	f.App, f.Reassembled = "http", false
	g := &inspect.GuessedTx{Tx: 3, Limit: 2, Sections: func() map[string]map[string]any { return map[string]map[string]any{"http": {"url": "/a"}} }}
	for range 3 {
		u := packetUnit(f, inspect.ToServer, "x")
		u.Guess = g
		h.frame(t, u)
	}
	h.frame(t, packetUnit(f, inspect.ToServer, "y"))
	h.alerts(t)
	type rec struct {
		Alert struct {
			SID uint64 `json:"signature_id"`
		} `json:"alert"`
		TxID      *uint64        `json:"tx_id"`
		TxGuessed bool           `json:"tx_guessed"`
		HTTP      map[string]any `json:"http"`
	}
	var named, unnamed int
	for _, line := range bytes.Split(bytes.TrimSpace(h.out.Bytes()), []byte("\n")) {
		var r rec
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatal(err)
		}
		switch {
		case r.TxID != nil:
			named++
			if r.Alert.SID != 1 || *r.TxID != 2 || !r.TxGuessed || r.HTTP["url"] != "/a" {
				t.Errorf("guessed alert %s", line)
			}
		default:
			unnamed++
			if r.TxGuessed || r.HTTP != nil {
				t.Errorf("alert without transaction %s", line)
			}
		}
	}
	// sid 1: two named (the limit), one not; sid 2 not named
	if named != 2 || unnamed != 2 || g.Logged != 2 {
		t.Errorf("named %d unnamed %d logged %d, want 2, 2, 2", named, unnamed, g.Logged)
	}
}

// TestGuessedTxKernelAlerts: a kernel-tier packet rule's alert names the
// transaction its packet's unit guessed, as a userspace packet rule's
// does, within the limit; an IP-only rule's alert names none.
func TestGuessedTxKernelAlerts(t *testing.T) {
	h := newHarness(t, `drop ip any any -> any any (msg:"all"; flow:stateless; sid:1;)
alert ip 10.0.0.1 any -> any any (msg:"ip only"; sid:2;)
`, fakeKernel{alerts: map[byte][]uint32{0: {0, 1}, 1: {0}, 2: {0}}}, func(*inspect.Unit, uint64) bool { return false })
	f := tcpFlow(9)
	f.App = "tls"
	g := &inspect.GuessedTx{Tx: 1, Limit: 2, Sections: func() map[string]map[string]any { return map[string]map[string]any{"tls": {"sni": "a.example"}} }}
	for range 3 {
		u := packetUnit(f, inspect.ToServer, "x")
		u.Guess = g
		h.frame(t, u)
	}
	h.alerts(t)
	var got []string
	for _, line := range bytes.Split(bytes.TrimSpace(h.out.Bytes()), []byte("\n")) {
		var r struct {
			Alert struct {
				SID uint64 `json:"signature_id"`
			} `json:"alert"`
			TxID *uint64        `json:"tx_id"`
			TLS  map[string]any `json:"tls"`
		}
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatal(err)
		}
		named := r.TxID != nil && *r.TxID == 0 && r.TLS["sni"] == "a.example"
		got = append(got, fmt.Sprintf("%d:%v", r.Alert.SID, named))
	}
	if want := "[1:true 2:false 1:true 1:false]"; fmt.Sprint(got) != want {
		t.Errorf("alerts %v, want %s", got, want)
	}
}
