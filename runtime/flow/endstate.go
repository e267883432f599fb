package flow

import "github.com/rulec/rulec/runtime/inspect"

// state is the flow's state as Suricata's EVE flow record names it.
func (f *flowState) state() string {
	switch {
	case f.tcp != nil && f.tcp.closed():
		return "closed"
	case f.Established:
		return "established"
	}
	return "new"
}

// tcpStateName is the TCP state Suricata's stream engine would be in,
// from the flags seen each way; "" for other protocols.
func (f *flowState) tcpStateName() string {
	tc := f.tcp
	if tc == nil {
		return ""
	}
	cs, sc := inspect.ToServer, inspect.ToClient
	switch {
	case tc.rst, tc.fin[cs] && tc.fin[sc]:
		return "closed"
	case tc.fin[cs]:
		return "fin_wait1"
	case tc.fin[sc]:
		return "close_wait"
	case f.Established:
		return "established"
	case tc.syn[cs] && tc.syn[sc]:
		return "syn_recv"
	case tc.syn[cs]:
		return "syn_sent"
	}
	return "none"
}
