package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/inspect"
)

// A drop rule matching a packet's own payload drops that packet only, as
// Suricata's packet rules do; the flow goes on being inspected.
func TestIPSPacketDropKeepsTheFlow(t *testing.T) {
	h := newHarness(t, `drop tcp any any -> any 80 (msg:"d"; content:"x"; sid:3;)
alert tcp any any -> any 80 (msg:"a"; content:"y"; sid:4;)
`, fakeKernel{}, func(u *inspect.Unit, sid uint64) bool {
		b, _ := u.Buffer("payload")
		return (sid == 3) == (string(b) == "x")
	})
	h.e.opts.IPS = true
	f := tcpFlow(1)
	f.Reassembled = false
	h.frame(t, packetUnit(f, inspect.ToServer, "x"))
	h.frame(t, packetUnit(f, inspect.ToServer, "y"))
	if got := sids(h.alerts(t)); !slices.Equal(got, []uint64{3, 4}) {
		t.Errorf("alerts %v, want 3 then 4: a packet drop leaves the flow inspected", got)
	}
	if f.Action != "" {
		t.Errorf("flow action %q, want none", f.Action)
	}
}

// A pass rule matching the stream passes the flow: nothing of it is
// inspected after.
func TestStreamPassPassesTheFlow(t *testing.T) {
	h := newHarness(t, `pass tcp any any -> any 80 (msg:"p"; content:"x"; sid:1;)
alert tcp any any -> any 80 (msg:"a"; content:"y"; sid:2;)
`, fakeKernel{}, func(u *inspect.Unit, sid uint64) bool {
		b, _ := u.Buffer("payload")
		return (sid == 1) == (string(b) == "x")
	})
	f := tcpFlow(1)
	h.frame(t, streamUnit(f, inspect.ToServer, "x"))
	h.frame(t, streamUnit(f, inspect.ToServer, "y"))
	if got := h.alerts(t); len(got) != 0 {
		t.Errorf("alerts %v after the flow was passed", got)
	}
	if f.Action != "pass" {
		t.Errorf("flow action %q, want pass", f.Action)
	}
}

// The alert keyword makes a pass rule alert; the rules after it do not.
func TestPassRuleWithAlertKeyword(t *testing.T) {
	h := newHarness(t, `pass tcp any any -> any 80 (msg:"p"; content:"x"; alert; sid:1;)
alert tcp any any -> any 80 (msg:"a"; content:"x"; sid:2;)
`, fakeKernel{}, nil)
	h.e.opts.Records = eve.Types{"alert": true, eve.AlertVerdict: true}
	h.frame(t, streamUnit(tcpFlow(1), inspect.ToServer, "x"))
	got := verdicts(t, h)
	if len(got) != 1 || got[0].sid != 1 || got[0].verdict["action"] != "pass" {
		t.Errorf("alerts %+v, want sid 1 alone with verdict pass", got)
	}
}

// Alert verdicts follow Suricata's: a reject offline without IPS alerts
// with its target and what it sends back; a drop in IPS mode drops.
func TestAlertVerdicts(t *testing.T) {
	for _, c := range []struct {
		rule   string
		ips    bool
		want   string
		target string
	}{
		{`reject tcp any any -> any 80 (msg:"r"; content:"x"; sid:1;)`, false, "alert", "to_client"},
		{`rejectboth tcp any any -> any 80 (msg:"r"; content:"x"; sid:1;)`, true, "drop", "both"},
		{`drop tcp any any -> any 80 (msg:"d"; content:"x"; sid:1;)`, true, "drop", ""},
		{`drop tcp any any -> any 80 (msg:"d"; content:"x"; sid:1;)`, false, "alert", ""},
	} {
		h := newHarness(t, c.rule+"\n", fakeKernel{}, nil)
		h.e.opts.Records = eve.Types{"alert": true, eve.AlertVerdict: true}
		h.e.opts.IPS = c.ips
		h.frame(t, streamUnit(tcpFlow(1), inspect.ToServer, "x"))
		got := verdicts(t, h)
		if len(got) != 1 || got[0].verdict["action"] != c.want || (c.target != "") != (got[0].verdict["reject-target"] == c.target) {
			t.Errorf("%s (ips %v): %+v, want action %s target %q", c.rule, c.ips, got, c.want, c.target)
			continue
		}
		if c.target != "" && !slices.Equal(got[0].verdict["reject"].([]any), []any{"tcp-reset"}) {
			t.Errorf("%s: reject %v, want [tcp-reset]", c.rule, got[0].verdict["reject"])
		}
	}
}

type verdictAlert struct {
	sid     uint64
	verdict map[string]any
}

func verdicts(t *testing.T, h *harness) []verdictAlert {
	t.Helper()
	if err := h.e.Close(); err != nil {
		t.Fatal(err)
	}
	var out []verdictAlert
	for _, line := range bytes.Split(bytes.TrimSpace(h.out.Bytes()), []byte("\n")) {
		var ev struct {
			Alert struct {
				SID uint64 `json:"signature_id"`
			} `json:"alert"`
			Verdict map[string]any `json:"verdict"`
		}
		if err := json.Unmarshal(line, &ev); err != nil {
			t.Fatalf("EVE line %q: %v", line, err)
		}
		out = append(out, verdictAlert{ev.Alert.SID, ev.Verdict})
	}
	return out
}

// With action-order drop, pass, reject, alert (suricata.yaml), a drop
// acts and alerts first; the pass after it does not undo the drop but
// ends the packet's alerts.
func TestActionOrderConfigured(t *testing.T) {
	order, err := ActionOrderFromYAML([]byte("action-order:\n  - drop\n  - pass\n  - reject\n  - alert\n"))
	if err != nil {
		t.Fatal(err)
	}
	rules := `alert tcp any any -> any 80 (msg:"a"; content:"x"; sid:1;)
pass tcp any any -> any 80 (msg:"p"; content:"x"; sid:2;)
drop tcp any any -> any 80 (msg:"d"; content:"x"; sid:3;)
`
	h := newHarness(t, rules, fakeKernel{}, nil)
	h.e.opts.ActionOrder = order
	h.e.index()
	h.e.opts.IPS = true
	h.e.opts.Records = eve.Types{"alert": true, eve.AlertVerdict: true}
	f := tcpFlow(1)
	f.Reassembled = false
	h.frame(t, packetUnit(f, inspect.ToServer, "x"))
	got := verdicts(t, h)
	if len(got) != 1 || got[0].sid != 3 || got[0].verdict["action"] != "drop" {
		t.Errorf("alerts %+v, want the drop alone, verdict drop", got)
	}
	for _, bad := range []string{"action-order: [pass, drop, alert]", "action-order: [pass, drop, drop, alert]", "action-order: [pass, drop, reject, log]"} {
		if _, err := ActionOrderFromYAML([]byte(bad)); !errors.Is(err, ErrActionOrder) {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

// A packet's kernel and userspace matches are finalized together: a
// userspace pass ranks before a kernel alert and silences it.
func TestKernelAndUserspaceMatchesOneQueue(t *testing.T) {
	h := newHarness(t, `alert udp any any -> any any (msg:"k"; sid:1;)
pass udp any any -> any any (msg:"p"; pcre:"/x/"; sid:2;)
`, fakeKernel{alerts: map[byte][]uint32{0: {0}}}, nil)
	f := &inspect.Flow{ID: 1, Proto: 17, Client: client, Server: server, ClientPort: 5000, ServerPort: 53}
	h.frame(t, packetUnit(f, inspect.ToServer, "x"))
	if got := h.alerts(t); len(got) != 0 {
		t.Errorf("alerts %v, want none: the pass ends the packet's queue", got)
	}
}

// The bypass keyword bypasses the flow on a match: nothing of it is
// inspected after, and its record says bypassed.
func TestBypassKeyword(t *testing.T) {
	h := newHarness(t, `pass udp any any -> any any (msg:"b"; pcre:"/x/"; bypass; sid:1;)
alert udp any any -> any any (msg:"a"; pcre:"/y/"; sid:2;)
`, fakeKernel{}, func(u *inspect.Unit, sid uint64) bool {
		b, _ := u.Buffer("payload")
		return (sid == 1) == (string(b) == "x")
	})
	f := &inspect.Flow{ID: 1, Proto: 17, Client: client, Server: server, ClientPort: 5000, ServerPort: 4500}
	h.frame(t, packetUnit(f, inspect.ToServer, "x"))
	h.frame(t, packetUnit(f, inspect.ToServer, "y"))
	if got := h.alerts(t); len(got) != 0 {
		t.Errorf("alerts %v on a bypassed flow", got)
	}
	if !f.Bypassed {
		t.Error("flow not bypassed")
	}
	if st := eve.FlowEvent(f).Sections["flow"]["state"]; st != "bypassed" {
		t.Errorf("flow record state %v, want bypassed", st)
	}
}

// With the drop output's verdict: yes, drop records carry the packet's
// verdict as alerts do: the reject's target and what it sends back, then
// a plain drop for the packets of the flow it dropped.
func TestDropRecordVerdict(t *testing.T) {
	h := newHarness(t, "rejectdst tcp any any -> any 80 (msg:\"r\"; content:\"x\"; sid:1;)\n", fakeKernel{}, nil)
	h.e.opts.IPS = true
	h.e.opts.Records = eve.Types{"alert": true, eve.AlertVerdict: true, "drop": true, eve.DropFlowsAll: true, eve.DropVerdict: true}
	f := tcpFlow(1)
	h.frame(t, packetUnit(f, inspect.ToServer, "a"), streamUnit(f, inspect.ToServer, "x"))
	h.frame(t, packetUnit(f, inspect.ToServer, "b"))
	if err := h.e.Close(); err != nil {
		t.Fatal(err)
	}
	var drops []map[string]any
	for _, line := range bytes.Split(bytes.TrimSpace(h.out.Bytes()), []byte("\n")) {
		var ev struct {
			Type    string         `json:"event_type"`
			Verdict map[string]any `json:"verdict"`
		}
		if err := json.Unmarshal(line, &ev); err != nil {
			t.Fatalf("EVE line %q: %v", line, err)
		}
		if ev.Type == "drop" {
			drops = append(drops, ev.Verdict)
		}
	}
	if len(drops) != 2 {
		t.Fatalf("%d drop records, want 2", len(drops))
	}
	if drops[0]["action"] != "drop" || drops[0]["reject-target"] != "to_server" || !slices.Equal(drops[0]["reject"].([]any), []any{"tcp-reset"}) {
		t.Errorf("rejected packet's drop verdict %v", drops[0])
	}
	if len(drops[1]) != 1 || drops[1]["action"] != "drop" {
		t.Errorf("dropped flow's packet verdict %v, want action drop alone", drops[1])
	}
}
