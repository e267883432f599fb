package flow

import (
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestOverlapHostPolicy: a retransmission of the same range with other
// bytes, before the receiver acknowledged the first copy, replaces it in
// the stream when the receiver's host-os-policy takes the new data
// (old-linux), and does not under Suricata's default (bsd).
func TestOverlapHostPolicy(t *testing.T) {
	for _, tc := range []struct {
		policy, want string
	}{{"", "GOOD"}, {"old-linux", "EVIL"}, {"windows", "GOOD"}} {
		cfg := DefaultConfig()
		cfg.StreamLog = 4096
		if err := cfg.Set("host-os-policy.windows", "0.0.0.0/0"); err != nil {
			t.Fatal(err)
		}
		if tc.policy != "" {
			if err := cfg.Set("host-os-policy."+tc.policy, "[10.0.0.2, 192.168.0.0/16]"); err != nil {
				t.Fatal(err)
			}
		}
		tr, s := newTracker(cfg)
		c := newConn("10.0.0.1", "10.0.0.2", 40000, 8080)
		feed(t, tr, concat(c.handshake(), c.c2s("GOOD"), c.c2sAt(-4, "EVIL"), c.s2c(""))...)
		tr.Flush()
		st := s.of(inspect.KindStream)
		if len(st) != 1 || st[0].buffers["payload"] != tc.want || st[0].log != tc.want {
			t.Errorf("policy %q: stream units %+v, want one of %s", tc.policy, st, tc.want)
		}
	}
}

// TestOverlapAfterAck: data the receiver acknowledged is final, whatever
// its policy.
func TestOverlapAfterAck(t *testing.T) {
	cfg := DefaultConfig()
	if err := cfg.Set("host-os-policy.old-linux", "10.0.0.2"); err != nil {
		t.Fatal(err)
	}
	tr, s := newTracker(cfg)
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 8080)
	feed(t, tr, concat(c.handshake(), c.c2s("GOOD"), c.s2c(""), c.c2sAt(-4, "EVIL"))...)
	tr.Flush()
	if st := s.of(inspect.KindStream); len(st) != 1 || st[0].buffers["payload"] != "GOOD" {
		t.Errorf("stream units %+v, want GOOD", st)
	}
}

func TestHostOSPolicySetting(t *testing.T) {
	cfg := DefaultConfig()
	if err := cfg.Set("host-os-policy.plan9", "10.0.0.0/8"); err == nil {
		t.Error("unknown policy taken")
	}
	if err := cfg.Set("host-os-policy.linux", "10.0.0.0/33"); err == nil {
		t.Error("bad prefix taken")
	}
}
