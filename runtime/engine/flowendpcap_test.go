package engine

import (
	"strings"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestFlowEndAlertHasNoPcapCnt: data inspected when its flow ends (a unit
// without a packet) alerts on Suricata's flow timeout pseudo packet,
// which has no capture number: no pcap_cnt, pkt_src "stream (flow
// timeout)"; an alert on a packet keeps its number.
func TestFlowEndAlertHasNoPcapCnt(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any 80 (msg:"s"; content:"x"; sid:1;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	h.frame(t, streamUnit(f, inspect.ToServer, "x"))
	end := &inspect.Unit{Kind: inspect.KindStream, Flow: f, Dir: inspect.ToServer}
	end.SetBuffer("payload", []byte("x"))
	h.frame(t, end)
	got := h.alerts(t)
	lines := strings.Split(strings.TrimSpace(h.out.String()), "\n")
	if len(got) != 2 || got[0].PcapCnt != 1 || got[1].PcapCnt != 0 ||
		!strings.Contains(lines[1], `"pkt_src":"stream (flow timeout)"`) || strings.Contains(lines[1], "pcap_cnt") {
		t.Errorf("alerts %+v:\n%s", got, h.out.String())
	}
}
