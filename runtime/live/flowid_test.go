package live

import (
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/rulec/rulec/runtime/flow"
)

// TestOneFlowIDLive: the kernel alert on a connection's SYN (from a ring
// buffer event) and the userspace alert on its request (from a copied
// packet) carry the same flow_id.
func TestOneFlowIDLive(t *testing.T) {
	p := setup(t)
	srv, cli := p.Server.Addrs[0].String(), p.Client.Addrs[0].String()
	var log eveLog
	start(t, p, compile(t, `alert tcp any any -> any 8080 (msg:"syn"; flags:S; sid:201;)
alert http any any -> any any (msg:"uri"; flow:to_server; http.uri; content:"/flowid"; sid:202;)
`), Config{Flow: flow.DefaultConfig(), EVE: &log})
	web := listen(t, &p.Server, "tcp4", srv+":8080")
	go http.Serve(web, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok") }))
	c, err := dial(&p.Client, cli, srv+":8080", patience)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(c, "GET /flowid HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
	io.ReadAll(c)
	c.Close()
	ids := func(sid uint64, tier string) []uint64 {
		var out []uint64
		for _, e := range log.records(t) {
			if e.Alert.SID == sid && e.Rulec.Tier == tier {
				out = append(out, e.FlowID)
			}
		}
		return out
	}
	if !waitFor(patience, func() bool { return len(ids(201, "kernel")) == 1 && len(ids(202, "userspace")) == 1 }) {
		t.Fatalf("want one kernel and one userspace alert; EVE: %+v", log.records(t))
	}
	if k, u := ids(201, "kernel")[0], ids(202, "userspace")[0]; k == 0 || k != u {
		t.Errorf("kernel alert flow_id %d, userspace alert flow_id %d", k, u)
	}
}
