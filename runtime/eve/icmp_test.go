package eve

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestFlowRecordICMP: an ICMP flow's record has its first packet's type
// and code, the response's once packets went back (echo reply for echo,
// 0 for a type without a counterpart), and the flow's VLAN ids.
func TestFlowRecordICMP(t *testing.T) {
	f := &inspect.Flow{ID: 1, Proto: 1, Client: netip.MustParseAddr("10.0.0.1"), Server: netip.MustParseAddr("10.0.0.2"),
		Start: time.Unix(0, 0), Last: time.Unix(1, 0), VLANs: []uint16{23}, ICMPType: 8, ICMPCode: 0}
	f.Pkts[inspect.ToServer] = 1
	check := func(name string, want ...string) {
		t.Helper()
		b, err := FlowEvent(f).MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s: %s lacks %s", name, b, w)
			}
		}
		if f.Pkts[inspect.ToClient] == 0 && strings.Contains(string(b), "response_icmp") {
			t.Errorf("%s: %s has a response without packets back", name, b)
		}
	}
	check("one way", `"vlan":[23]`, `"proto":"ICMP","icmp_type":8,"icmp_code":0,`)
	f.Pkts[inspect.ToClient] = 1
	check("both ways", `"icmp_type":8,"icmp_code":0,"response_icmp_type":0,"response_icmp_code":0`)
	f.ICMPType, f.ICMPCode = 3, 1
	check("no counterpart", `"icmp_type":3,"icmp_code":1,"response_icmp_type":0`)
	f.Proto, f.ICMPType = 58, 128
	check("icmpv6 echo", `"icmp_type":128,"icmp_code":1,"response_icmp_type":129`)
}

// TestFlowRecordDirectionProtocols: app_proto_ts and app_proto_tc appear
// when a direction's detected protocol differs from the flow's.
func TestFlowRecordDirectionProtocols(t *testing.T) {
	f := &inspect.Flow{ID: 1, Proto: 6, App: "http", Start: time.Unix(0, 0), Last: time.Unix(1, 0)}
	f.AppDir[inspect.ToServer], f.AppDir[inspect.ToClient] = "http", "ssh"
	b, err := FlowEvent(f).MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"app_proto":"http","app_proto_tc":"ssh"`) || strings.Contains(string(b), "app_proto_ts") {
		t.Errorf("flow record %s, want app_proto_tc ssh alone", b)
	}
	f.AppDir[inspect.ToClient] = "http"
	if b, _ := FlowEvent(f).MarshalJSON(); strings.Contains(string(b), "app_proto_tc") {
		t.Errorf("flow record %s: app_proto_tc for the flow's own protocol", b)
	}
}
