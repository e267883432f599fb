package eve

import (
	"encoding/json"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestEtherObjects: a flow record lists each side's addresses; an
// app-layer record in the flow's direction on a packet to the client
// swaps the packet's addresses.
func TestEtherObjects(t *testing.T) {
	f := &inspect.Flow{ID: 1, Proto: 17, Client: netip.MustParseAddr("10.0.0.1"), Server: netip.MustParseAddr("10.0.0.2")}
	f.AddMAC(inspect.ToServer, []byte{0, 0, 0, 0, 0, 1})
	f.AddMAC(inspect.ToClient, []byte{0, 0, 0, 0, 0, 2})
	f.AddMAC(inspect.ToServer, []byte{0, 0, 0, 0, 0, 3})
	f.AddMAC(inspect.ToServer, []byte{0, 0, 0, 0, 0, 1})
	b, err := json.Marshal(FlowEvent(f))
	if err != nil {
		t.Fatal(err)
	}
	if want := `"ether":{"dest_macs":["00:00:00:00:00:02"],"src_macs":["00:00:00:00:00:01","00:00:00:00:00:03"]}`; !strings.Contains(string(b), want) {
		t.Errorf("flow record %s, want %s", b, want)
	}
	frame := []byte{0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 8, 0}
	p := &inspect.Packet{Frame: frame, Src: f.Server, Dst: f.Client}
	ev := &Event{Timestamp: f.Start, EventType: "dns", SrcIP: f.Client, DestIP: f.Server, Detail: RecordEther(p, f, f.Client)}
	if b, _ = json.Marshal(ev); !strings.Contains(string(b), `"src_mac":"00:00:00:00:00:01","dest_mac":"00:00:00:00:00:02"`) {
		t.Errorf("record in flow direction %s", b)
	}
	ev.Detail = RecordEther(p, f, f.Server)
	if b, _ = json.Marshal(ev); !strings.Contains(string(b), `"src_mac":"00:00:00:00:00:02","dest_mac":"00:00:00:00:00:01"`) {
		t.Errorf("record in packet direction %s", b)
	}
	if RecordEther(nil, &inspect.Flow{}, f.Client) != nil {
		t.Error("no packet, no addresses: an ether object")
	}
}

// TestFlowAge: a flow's age is its end's second less its start's, as
// Suricata counts it (1.5 s from x.6 to y+2.1 is 2).
func TestFlowAge(t *testing.T) {
	start := time.Date(2014, 2, 26, 9, 20, 0, 567e6, time.UTC)
	f := &inspect.Flow{ID: 1, Proto: 17, Start: start, Last: start.Add(1500 * time.Millisecond)}
	if age := FlowEvent(f).Sections["flow"]["age"]; age != int64(2) {
		t.Errorf("age %v, want 2", age)
	}
}
