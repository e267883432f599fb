package flow

import (
	"fmt"
	"slices"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

// TestTLSStateUnits: with app-layer-state rules, a packet whose
// detection runs on a TLS flow's transaction (it made the app layer
// parse, either direction, or its direction's data was parsed since the
// last one) carries the client's and the server's progress, numbered as
// Suricata's states. Inline each data packet is parsed with itself; in
// IDS mode on the other side's acknowledging packet.
func TestTLSStateUnits(t *testing.T) {
	hello := string(clientHello("st.example"))
	for _, tc := range []struct {
		name   string
		ips    bool
		frames func(c *conn) [][]byte
		want   []string // dir:client:server
	}{
		{"ips", true, func(c *conn) [][]byte {
			return concat(c.c2s(hello[:20]), c.c2s(hello[20:]), c.s2c(string(serverHello13())+appRecord("ee")), c.c2s(appRecord("fin")), c.c2s(""))
		}, []string{"1:0:0", "1:1:0", "2:1:4", "1:3:4"}},
		{"ids", false, func(c *conn) [][]byte {
			return concat(c.c2s(hello), c.s2c(""), c.c2s(""), c.s2c(string(serverHello13())), c.c2s(""), c.s2c(""))
		}, []string{"2:1:0", "1:1:0", "1:1:1", "2:1:1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.IPS, cfg.TLSStates = tc.ips, true
			tr, s := newTracker(cfg)
			c := newConn("10.0.0.1", "10.0.0.2", 40000, 443)
			feed(t, tr, concat(c.handshake(), tc.frames(c))...)
			var got []string
			for _, u := range s.of(inspect.KindState) {
				got = append(got, fmt.Sprintf("%d:%d:%d", u.dir, u.codes[ir.FieldTLSClientState][0], u.codes[ir.FieldTLSServerState][0]))
				if u.tx == 0 || u.fields["tls"]["sni"] != "st.example" && u.codes[ir.FieldTLSClientState][0] > 0 {
					t.Errorf("state unit tx %d fields %v", u.tx, u.fields)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("state units %q, want %q", got, tc.want)
			}
		})
	}
	tr, s := newTracker(DefaultConfig())
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 443)
	feed(t, tr, concat(c.handshake(), c.c2s(hello), c.s2c(""), c.c2s(""))...)
	if n := len(s.of(inspect.KindState)); n != 0 {
		t.Errorf("%d state units without app-layer-state rules", n)
	}
}
