package eve

import "github.com/rulec/rulec/runtime/inspect"

// AlertFlow is an alert's "flow" object, as Suricata 8 writes it by
// default: the flow's counters when the alert was raised, its start,
// and its endpoints client to server (ports for TCP, UDP and SCTP).
type AlertFlow struct {
	PktsToServer  uint64 `json:"pkts_toserver"`
	PktsToClient  uint64 `json:"pkts_toclient"`
	BytesToServer uint64 `json:"bytes_toserver"`
	BytesToClient uint64 `json:"bytes_toclient"`
	Start         string `json:"start"`
	SrcIP         string `json:"src_ip"`
	DestIP        string `json:"dest_ip"`
	SrcPort       uint16 `json:"src_port,omitempty"`
	DestPort      uint16 `json:"dest_port,omitempty"`
}

// FlowObject is the flow object of an alert on a packet of f, as f is now.
func FlowObject(f *inspect.Flow) *AlertFlow { return alertFlow(f) }

func alertFlow(f *inspect.Flow) *AlertFlow {
	if f == nil || !f.Client.IsValid() {
		return nil
	}
	a := &AlertFlow{
		PktsToServer: f.Pkts[inspect.ToServer], PktsToClient: f.Pkts[inspect.ToClient],
		BytesToServer: f.Bytes[inspect.ToServer], BytesToClient: f.Bytes[inspect.ToClient],
		Start: f.Start.UTC().Format(TimeFormat), SrcIP: AddrString(f.Client), DestIP: AddrString(f.Server),
	}
	switch f.Proto {
	case 6, 17, 132:
		a.SrcPort, a.DestPort = f.ClientPort, f.ServerPort
	}
	return a
}
