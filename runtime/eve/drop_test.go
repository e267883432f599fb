package eve

import (
	"encoding/json"
	"net/netip"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/inspect"
)

// packetOf decodes a generated frame into the packet a drop record is
// made of.
func packetOf(t *testing.T, s pktgen.Spec) *inspect.Packet {
	t.Helper()
	var d decode.Packet
	if err := decode.Decode(pktgen.Build(s), &d); err != nil {
		t.Fatal(err)
	}
	return &inspect.Packet{Frame: d.Frame, Src: d.Src, Dst: d.Dst, Proto: d.Proto, Sport: d.Sport, Dport: d.Dport, TTL: d.TTL,
		TCPFlags: d.TCPFlags, IType: d.IType, ICode: d.ICode, Family: d.Family, NetOff: d.NetOff, L4Off: d.L4Off, NetEnd: d.NetEnd, L4: d.L4}
}

// The drop object holds Suricata 8's fields of the packet's headers:
// the IP packet's length (not the frame's), no ICMP type or code in it.
func TestDropRecordFields(t *testing.T) {
	cli, srv := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2")
	v6a, v6b := netip.MustParseAddr("2001:db8::1"), netip.MustParseAddr("2001:db8::2")
	flow := &inspect.Flow{Client: cli, Server: srv, ClientPort: 40000, ServerPort: 80}
	tcp := packetOf(t, pktgen.Spec{Src: srv, Dst: cli, Proto: 6, Sport: 80, Dport: 40000, TCPFlags: 0x12, Seq: 7, Ack: 9, Urgent: 3, Payload: []byte("ab")})
	tcp.Flow = flow
	for _, c := range []struct {
		name string
		p    *inspect.Packet
		want string
	}{
		{"tcp", tcp, `"direction":"to_client","drop":{"ack":true,"fin":false,"ipid":0,"len":42,"psh":false,"reason":"rules","rst":false,"syn":true,"tcpack":9,"tcpres":0,"tcpseq":7,"tcpurgp":3,"tcpwin":65535,"tos":0,"ttl":64,"urg":false}}`},
		{"udp6", packetOf(t, pktgen.Spec{Src: v6a, Dst: v6b, Proto: 17, Sport: 5000, Dport: 53, Payload: []byte("abcd")}),
			`"drop":{"flowlbl":0,"hoplimit":64,"len":12,"reason":"rules","tc":0,"udplen":12}}`},
		{"icmp echo", packetOf(t, pktgen.Spec{Src: cli, Dst: srv, Proto: 1, IType: 8, Payload: []byte("ping")}),
			`"drop":{"icmp_id":1,"icmp_seq":1,"ipid":0,"len":32,"reason":"rules","tos":0,"ttl":64}}`},
	} {
		b, err := json.Marshal(DropEvent(c.p, "rules"))
		if err != nil {
			t.Fatal(err)
		}
		if s := string(b); len(s) < len(c.want) || s[len(s)-len(c.want):] != c.want {
			t.Errorf("%s: %s\nwant suffix %s", c.name, s, c.want)
		}
	}
}
