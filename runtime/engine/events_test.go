package engine

import (
	"slices"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/flow/dns"
	"github.com/rulec/rulec/runtime/flow/ftp"
	"github.com/rulec/rulec/runtime/flow/http"
	"github.com/rulec/rulec/runtime/flow/http2"
	"github.com/rulec/rulec/runtime/flow/pop3"
	"github.com/rulec/rulec/runtime/flow/smtp"
	"github.com/rulec/rulec/runtime/flow/tls"
	"github.com/rulec/rulec/runtime/inspect"
)

// TestRaisedEventsShared holds the compiler's list of raised events equal
// to what the decoder and the HTTP and SMTP parsers raise.
func TestRaisedEventsShared(t *testing.T) {
	var dec []string
	for e := range decode.NumEvents {
		dec = append(dec, e.String())
	}
	if !sameSet(dec, ir.RaisedEvents[ir.EventDecoder]) {
		t.Errorf("decoder events %v, compiler knows %v", dec, ir.RaisedEvents[ir.EventDecoder])
	}
	var stream []string
	for e := range inspect.NumStreamEvents {
		stream = append(stream, e.String())
	}
	if !sameSet(stream, ir.RaisedEvents[ir.EventStream]) {
		t.Errorf("stream events %v, compiler knows %v", stream, ir.RaisedEvents[ir.EventStream])
	}
	app := append(slices.Clone(http.Events), smtp.Events...)
	app = append(app, ftp.Events...)
	app = append(app, pop3.Events...)
	app = append(app, http2.Events...)
	app = append(app, dns.Events...)
	app = append(app, tls.Events...)
	for e := range inspect.NumAppEvents {
		app = append(app, e.String())
	}
	if !sameSet(app, ir.RaisedEvents[ir.EventAppLayer]) {
		t.Errorf("app-layer events (http, smtp, ftp, pop3, http2, dns, tls, app-layer packet) %v, compiler knows %v", app, ir.RaisedEvents[ir.EventAppLayer])
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestEventRules(t *testing.T) {
	h := newHarness(t, `alert ip any any -> any any (msg:"frag"; decode-event:ipv6.frag_overlap; sid:1;)
alert ip any any -> any any (msg:"vlan"; decode-event:decoder.vlan.too_many_layers; sid:2;)
alert http any any -> any any (msg:"long"; app-layer-event:http.request_field_too_long; sid:3;)
alert tcp any any -> any any (msg:"inject"; stream-event:suspected_rst_inject; sid:4;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	f.App = "http"
	var evs decode.Events
	evs.Set(decode.IPv6FragOverlap)
	pkt := packetUnit(f, inspect.ToServer, "")
	pkt.Packet.Events = evs
	h.frame(t, pkt)
	h.frame(t, packetUnit(f, inspect.ToServer, ""))
	app := &inspect.Unit{Kind: inspect.KindApp, Flow: f, Dir: inspect.ToServer, Tx: 1, Stage: inspect.RequestHeaders,
		Events: []string{http.EventRequestFieldTooLong}}
	h.frame(t, app)
	inj := packetUnit(f, inspect.ToServer, "")
	inj.Packet.StreamEvents.Set(inspect.StreamSuspectedRSTInject)
	h.frame(t, inj)
	if got := sids(h.alerts(t)); !slices.Equal(got, []uint64{1, 3, 4}) {
		t.Errorf("alerts %v, want the frag event on the first packet, the http event on its transaction and the stream event on the last packet", got)
	}
}

// TestAppPacketEvents: an app-layer event of no protocol is the
// packet's, inspected on packet units.
func TestAppPacketEvents(t *testing.T) {
	h := newHarness(t, `alert ip any any -> any any (msg:"mismatch"; app-layer-event:applayer_mismatch_protocol_both_directions; sid:1;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	f.App = "http"
	h.frame(t, packetUnit(f, inspect.ToClient, ""))
	pkt := packetUnit(f, inspect.ToClient, "")
	pkt.Packet.AppEvents.Set(inspect.AppMismatchBothDirections)
	h.frame(t, pkt)
	if got := sids(h.alerts(t)); !slices.Equal(got, []uint64{1}) {
		t.Errorf("alerts %v, want one on the packet carrying the event", got)
	}
}

func TestDNSCodes(t *testing.T) {
	h := newHarness(t, `alert dns any any -> any any (msg:"nx"; dns.rcode:3; sid:1;)
alert dns any any -> any any (msg:"not query"; dns.opcode:!0; sid:2;)
alert dns any any -> any any (msg:"aaaa"; dns.rrtype:28; sid:3;)
`, fakeKernel{}, nil)
	f := &inspect.Flow{ID: 2, Proto: 17, Client: client, Server: server, ClientPort: 5353, ServerPort: 53, App: "dns"}
	unit := func(tx uint64, codes map[string][]int64) *inspect.Unit {
		return &inspect.Unit{Kind: inspect.KindApp, Flow: f, Dir: inspect.ToClient, Tx: tx, Codes: codes}
	}
	h.frame(t, unit(1, map[string][]int64{"dns.opcode": {0}, "dns.rcode": {3}, "dns.rrtype": {1}}))
	h.frame(t, unit(2, map[string][]int64{"dns.opcode": {4}, "dns.rcode": {0}, "dns.rrtype": {1, 28}}))
	if got := sids(h.alerts(t)); !slices.Equal(got, []uint64{1, 2, 3}) {
		t.Errorf("alerts %v, want rcode on the first message, opcode and one of the rrtypes on the second", got)
	}
}

func TestVLANHolds(t *testing.T) {
	ids := []uint16{200, 300, 400}
	for _, c := range []struct {
		m    ir.VLANID
		want bool
	}{
		{ir.VLANID{Cmp: ir.Cmp{Op: "=", A: 300}, AnyLayer: true}, true},
		{ir.VLANID{Cmp: ir.Cmp{Op: "=", A: 200}, Layer: 0}, true},
		{ir.VLANID{Cmp: ir.Cmp{Op: "=", A: 400}, Layer: -1}, true},
		{ir.VLANID{Cmp: ir.Cmp{Op: "=", A: 400}, Layer: 1}, false},
		{ir.VLANID{Cmp: ir.Cmp{Op: "!=", A: 500}, AllLayers: true}, true},
		{ir.VLANID{Cmp: ir.Cmp{Op: ">", A: 200}, AllLayers: true}, false},
		{ir.VLANID{Cmp: ir.Cmp{Op: "=", A: 1}, Layer: -3}, false},
	} {
		if got := vlanHolds(&c.m, ids); got != c.want {
			t.Errorf("%+v: %v", c.m, got)
		}
	}
	if vlanHolds(&ir.VLANID{Cmp: ir.Cmp{Op: "!=", A: 5}, AllLayers: true}, nil) {
		t.Error("a packet without VLANs matched")
	}
}
