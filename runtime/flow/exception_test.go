package flow

import (
	"errors"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

func TestMidstreamPolicyResolution(t *testing.T) {
	for _, c := range []struct {
		ips, midstream   bool
		master, explicit string
		want             string
		bad              bool
	}{
		{want: PolicyIgnore},
		{ips: true, want: PolicyDropFlow},
		{ips: true, midstream: true, want: PolicyIgnore},
		{ips: true, explicit: PolicyBypass, want: PolicyBypass},
		{master: PolicyDropFlow, want: PolicyIgnore},
		{midstream: true, master: PolicyBypass, want: PolicyBypass},
		{ips: true, master: PolicyAuto, want: PolicyDropFlow},
		{explicit: PolicyDropFlow, bad: true},
		{ips: true, midstream: true, explicit: PolicyBypass, bad: true},
		{ips: true, explicit: PolicyPassPacket, bad: true},
	} {
		cfg := DefaultConfig()
		cfg.IPS, cfg.Midstream, cfg.ExceptionPolicy, cfg.MidstreamExceptionPolicy = c.ips, c.midstream, c.master, c.explicit
		got, err := cfg.MidstreamPolicy()
		if c.bad != (err != nil) || got != c.want && !c.bad || c.bad && !errors.Is(err, ErrPolicy) {
			t.Errorf("%+v: got %q, %v", c, got, err)
		}
	}
	var cfg Config
	if err := cfg.Set("stream.midstream-policy", "drop"); !errors.Is(err, ErrPolicy) {
		t.Errorf("bad policy value: %v", err)
	}
}

// A TCP flow met without its SYN gets the midstream policy: inline with
// pick-up off it is dropped (its first packet with the stream midstream
// reason, then not processed), bypass passes it unparsed, ignore picks it
// up when midstream is on; the flow records the policy.
func TestMidstreamExceptionPolicy(t *testing.T) {
	for _, c := range []struct {
		ips, midstream bool
		policy         string
		action, json   string
		bypassed, http bool
	}{
		{ips: true, action: "drop", json: "drop_flow"},
		{policy: PolicyBypass, action: "pass", json: "bypass", bypassed: true},
		{ips: true, midstream: true, policy: PolicyPassFlow, action: "pass", json: "pass_flow", http: true},
		{midstream: true, json: "ignore", http: true},
	} {
		cfg := DefaultConfig()
		cfg.IPS, cfg.Midstream, cfg.MidstreamExceptionPolicy = c.ips, c.midstream, c.policy
		tr, s := newTracker(cfg)
		cn := newConn("10.0.0.1", "10.0.0.2", 40000, 80)
		first, err := tr.Frame(t0, cn.c2s("GET /mid HTTP/1.1\r\n\r\n"))
		if err != nil {
			t.Fatal(err)
		}
		firstReason := first.DropReason
		feed(t, tr, cn.s2c("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
		tr.Flush() // IDS: the request, parsed on the response's ACK, is inspected with the flow's end
		f := s.units[0].flow
		if f.Action != c.action || f.Bypassed != c.bypassed || f.ActionByPolicy != (c.action != "") {
			t.Errorf("%+v: flow action %q by policy %v, bypassed %v", c, f.Action, f.ActionByPolicy, f.Bypassed)
		}
		if want := []inspect.Exception{{Target: TargetMidstream, Policy: c.json}}; len(f.Exceptions) != 1 || f.Exceptions[0] != want[0] {
			t.Errorf("%+v: exceptions %v, want %v", c, f.Exceptions, want)
		}
		if (firstReason == DropMidstream) != (c.action == "drop") {
			t.Errorf("%+v: first packet drop reason %q", c, firstReason)
		}
		if got := len(s.withBuffer("http.uri")) > 0; got != c.http {
			t.Errorf("%+v: http parsed %v", c, got)
		}
	}
}
