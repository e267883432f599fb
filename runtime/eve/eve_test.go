package eve

import (
	"bytes"
	"encoding/json"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestAlertLine(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	ts := time.Date(2026, 11, 25, 10, 0, 0, 123456000, time.UTC)
	err := w.Write(&Event{
		Timestamp: ts, FlowID: 42, EventType: "alert",
		SrcIP: netip.MustParseAddr("10.0.0.1"), SrcPort: 1234, DestIP: netip.MustParseAddr("10.0.0.2"), DestPort: 80, Proto: 6,
		Direction: "to_server", AppProto: "http",
		Alert:    &Alert{Action: "allowed", GID: 1, SignatureID: 9, Rev: 2, Signature: "x", Category: "Misc activity", Severity: 3},
		Sections: map[string]map[string]any{"http": {"hostname": "example.com", "url": "/a"}},
		Rulec:    &Rulec{Tier: "userspace", SeverityName: DefaultSeverity.Name(3)},
	})
	if err != nil || w.Flush() != nil {
		t.Fatal(err)
	}
	line := buf.String()
	want := `{"timestamp":"2026-11-25T10:00:00.123456+0000","flow_id":42,"event_type":"alert","ip_v":4,"src_ip":"10.0.0.1","src_port":1234,"dest_ip":"10.0.0.2","dest_port":80,"proto":"TCP","direction":"to_server","alert":{"action":"allowed","gid":1,"signature_id":9,"rev":2,"signature":"x","category":"Misc activity","severity":3},"app_proto":"http","http":{"hostname":"example.com","url":"/a"},"rulec":{"tier":"userspace","severity_name":"medium"}}` + "\n"
	if line != want {
		t.Errorf("got  %s\nwant %s", line, want)
	}
	var back map[string]any
	if err := json.Unmarshal([]byte(line), &back); err != nil {
		t.Fatal(err)
	}
}

func TestICMPHasNoPorts(t *testing.T) {
	b, _ := json.Marshal(&Event{EventType: "alert", SrcIP: netip.MustParseAddr("::1"), DestIP: netip.MustParseAddr("::2"), Proto: 58})
	if strings.Contains(string(b), "port") || !strings.Contains(string(b), `"proto":"IPv6-ICMP"`) {
		t.Errorf("got %s", b)
	}
	if DefaultSeverity.Name(0) != "low" || DefaultSeverity.Name(1) != "critical" || DefaultSeverity.Name(9) != "low" {
		t.Error("severity names")
	}
}

func TestParseSeverity(t *testing.T) {
	s, err := ParseSeverity("1=high, 5=medium")
	if err != nil || s.Name(1) != "high" || s.Name(5) != "medium" || s.Name(2) != "high" || s.Name(3) != "medium" {
		t.Errorf("got %v, %v", s, err)
	}
	for _, bad := range []string{"x=high", "1=severe", "0=low", "1"} {
		if _, err := ParseSeverity(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestXFFAddress(t *testing.T) {
	headers := []byte("Host: a\nx-forwarded-for: 10.2.2.2, 10.3.3.3\nAccept: */*")
	cases := []struct {
		x    XFF
		want string
	}{
		{XFF{Deployment: "forward"}, "10.2.2.2"},
		{XFF{Deployment: "reverse"}, "10.3.3.3"},
		{XFF{Deployment: "forward", Header: "X-Real-IP"}, ""},
	}
	for _, c := range cases {
		a, ok := c.x.Address(headers)
		if got := a.String(); (c.want == "" && ok) || (c.want != "" && got != c.want) {
			t.Errorf("%+v: got %s %v, want %q", c.x, got, ok, c.want)
		}
	}
}

// In extra-data mode the address is the alert object's last key, as
// Suricata's AlertJsonHeader writes it.
func TestXFFInAlert(t *testing.T) {
	ev := &Event{EventType: "alert", XFF: "10.2.2.2", Alert: &Alert{Action: "allowed", SignatureID: 1, Severity: 2}}
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"severity":2,"xff":"10.2.2.2"}`) || strings.Count(string(b), `"xff"`) != 1 {
		t.Errorf("alert with xff: %s", b)
	}
}
