package eve

import (
	"encoding/json"
	"net/netip"
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestPktSrc: a unit without a packet (a flow's end flushed it) is from
// "stream (flow timeout)"; pkt_src follows proto in the record.
func TestPktSrc(t *testing.T) {
	f := &inspect.Flow{ID: 1, Proto: 6, Client: netip.MustParseAddr("10.0.0.1"), Server: netip.MustParseAddr("10.0.0.2")}
	if ev := UnitEvent(&inspect.Unit{Flow: f}); ev.PktSrc != PktSrcFlowEnd {
		t.Errorf("flushed unit: pkt_src %q", ev.PktSrc)
	}
	ev := UnitEvent(&inspect.Unit{Flow: f, Packet: &inspect.Packet{}})
	if ev.PktSrc != "" {
		t.Errorf("packet unit: pkt_src %q before the engine set it", ev.PktSrc)
	}
	ev.PktSrc, ev.EventType = PktSrcWire, "alert"
	b, err := json.Marshal(ev)
	if err != nil || !strings.Contains(string(b), `"proto":"TCP","pkt_src":"wire/pcap"`) {
		t.Errorf("%s %v", b, err)
	}
}

// TestFlowEndVLAN: an alert without a packet and an app-layer record show
// the flow's VLAN ids, as Suricata's pseudo packets and records carry
// them.
func TestFlowEndVLAN(t *testing.T) {
	f := &inspect.Flow{ID: 1, Proto: 6, Client: netip.MustParseAddr("10.0.0.1"), Server: netip.MustParseAddr("10.0.0.2"), VLANs: []uint16{1111}}
	if ev := UnitEvent(&inspect.Unit{Flow: f}); len(ev.VLAN) != 1 || ev.VLAN[0] != 1111 {
		t.Errorf("flushed unit: vlan %v", ev.VLAN)
	}
	u := &inspect.Unit{Kind: inspect.KindApp, Flow: f, Fields: map[string]map[string]any{"http": {"url": "/"}}}
	if ev := RecordEvent(u); len(ev.VLAN) != 1 || ev.VLAN[0] != 1111 {
		t.Errorf("http record: vlan %v", ev.VLAN)
	}
}
