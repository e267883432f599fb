package eve

import (
	"encoding/json"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/inspect"
)

// An alert carries the flow's counters as they were when it was raised
// and the flow's endpoints client to server, whatever the packet's
// direction; ICMP has no ports.
func TestAlertFlowObject(t *testing.T) {
	f := &inspect.Flow{ID: 7, Proto: 6, Client: netip.MustParseAddr("10.0.0.1"), Server: netip.MustParseAddr("10.0.0.2"),
		ClientPort: 40000, ServerPort: 80, Start: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	f.Pkts[inspect.ToServer], f.Pkts[inspect.ToClient] = 3, 2
	f.Bytes[inspect.ToServer], f.Bytes[inspect.ToClient] = 262, 108
	ev := UnitEvent(&inspect.Unit{Flow: f, Dir: inspect.ToClient, Packet: &inspect.Packet{}})
	f.Pkts[inspect.ToServer] = 4 // later packets do not change the alert
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	want := `"flow":{"pkts_toserver":3,"pkts_toclient":2,"bytes_toserver":262,"bytes_toclient":108,"start":"2026-01-02T03:04:05.000000+0000","src_ip":"10.0.0.1","dest_ip":"10.0.0.2","src_port":40000,"dest_port":80}`
	if !strings.Contains(string(b), want) {
		t.Errorf("got %s\nwant it to contain %s", b, want)
	}
	f.Proto = 1
	b, _ = json.Marshal(UnitEvent(&inspect.Unit{Flow: f, Packet: &inspect.Packet{}}))
	if strings.Contains(string(b), `"src_port"`) {
		t.Errorf("ICMP alert with ports: %s", b)
	}
}

// The flow object writes IPv6 addresses as the record's own src_ip and
// dest_ip do: in full, as Suricata's PrintInet.
func TestAlertFlowIPv6InFull(t *testing.T) {
	f := &inspect.Flow{Proto: 6, Client: netip.MustParseAddr("2001:db8::1"), Server: netip.MustParseAddr("2001:db8::2"), ClientPort: 1, ServerPort: 2}
	b, _ := json.Marshal(UnitEvent(&inspect.Unit{Flow: f, Packet: &inspect.Packet{}}))
	if !strings.Contains(string(b), `"src_ip":"2001:0db8:0000:0000:0000:0000:0000:0001","dest_ip":"2001:0db8:0000:0000:0000:0000:0000:0002","src_port":1`) {
		t.Errorf("%s", b)
	}
}

// An alert on any protocol's transaction names it (tx_id, from 0), as
// Suricata's transaction alerts do; an alert on a packet does not.
func TestAlertTxIDAnyProtocol(t *testing.T) {
	f := &inspect.Flow{Proto: 17, App: "dns", Client: netip.MustParseAddr("10.0.0.1"), Server: netip.MustParseAddr("10.0.0.2")}
	for _, c := range []struct {
		u    *inspect.Unit
		want string
	}{
		{&inspect.Unit{Kind: inspect.KindApp, Flow: f, Tx: 2, Packet: &inspect.Packet{}}, `"tx_id":1,`},
		{&inspect.Unit{Kind: inspect.KindPacket, Flow: f, Packet: &inspect.Packet{}}, ""},
	} {
		b, _ := json.Marshal(UnitEvent(c.u))
		if has := strings.Contains(string(b), `"tx_id"`); has != (c.want != "") || c.want != "" && !strings.Contains(string(b), c.want) {
			t.Errorf("kind %d: %s, want %q", c.u.Kind, b, c.want)
		}
	}
}
