package eve

import (
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/decode"
)

// TestAlertDetailOptions: suricata.yaml's eve-log ethernet option and the
// alert type's packet and payload options turn the alert's detail fields
// on, one by one.
func TestAlertDetailOptions(t *testing.T) {
	yaml := `
outputs:
  - eve-log:
      enabled: yes
      ethernet: yes
      types:
        - alert:
            packet: yes
            payload-printable: yes
            payload: no
        - flow
`
	types, ok, err := TypesFromYAML([]byte(yaml))
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	for name, want := range map[string]bool{Ethernet: true, AlertPacket: true, AlertPayloadPrintable: true, AlertPayload: false, AlertPayloadLength: false, "flow": true} {
		if types.On(name) != want {
			t.Errorf("%s: %v, want %v", name, types.On(name), want)
		}
	}
	frame := append([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x86, 0xdd}, 0x60, 0, 0, 0)
	raw := decode.Link{Type: decode.LinkIPv6, Header: []byte{}}
	ev := &Event{EventType: "alert", Detail: types.PacketDetail(frame, raw, []byte("a\x00\"b\r\n\xff"), true)}
	b, err := ev.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{`"payload_printable":"a.\"b\r\n."`, `"stream":1`, `"packet":"YAAAAA=="`, `"packet_info":{"linktype":229,"linktype_name":"IPv6"}`} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %s in %s", want, s)
		}
	}
	for _, not := range []string{`"ether"`, `"payload":`, `"payload_length"`} {
		if strings.Contains(s, not) {
			t.Errorf("%s in %s (a raw IPv6 record has no Ethernet header; option off)", not, s)
		}
	}
}
