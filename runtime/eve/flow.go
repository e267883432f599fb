package eve

import (
	"fmt"

	"github.com/rulec/rulec/runtime/inspect"
)

// FlowEvent is the EVE flow record of a flow that ended: Suricata's
// counters each way, start, end, age, state, end reason, alerted and the
// flow action, and for TCP the flags seen and the TCP state.
func FlowEvent(f *inspect.Flow) *Event {
	rec := map[string]any{
		"pkts_toserver":  f.Pkts[inspect.ToServer],
		"pkts_toclient":  f.Pkts[inspect.ToClient],
		"bytes_toserver": f.Bytes[inspect.ToServer],
		"bytes_toclient": f.Bytes[inspect.ToClient],
		"start":          f.Start.UTC().Format(TimeFormat),
		"end":            f.Last.UTC().Format(TimeFormat),
		"age":            f.Last.Unix() - f.Start.Unix(), // whole seconds, as Suricata subtracts them
		"state":          f.End.State,
		"reason":         f.End.Reason,
		"alerted":        f.Alerted,
	}
	if f.Action != "" {
		rec["action"] = f.Action
	}
	if f.Bypassed {
		rec["state"], rec["bypass"] = "bypassed", "local"
	}
	if len(f.Exceptions) > 0 {
		var eps []any
		for _, e := range f.Exceptions {
			eps = append(eps, map[string]any{"target": e.Target, "policy": e.Policy})
		}
		rec["exception_policy"] = eps
	}
	ev := &Event{Timestamp: f.Last.UTC(), FlowID: f.ID, EventType: "flow",
		SrcIP: f.Client, SrcPort: f.ClientPort, DestIP: f.Server, DestPort: f.ServerPort, Proto: f.Proto,
		AppProto: flowApp(f), AppProtoOrig: f.AppOrig, Sections: map[string]map[string]any{"flow": rec}, VarsOf: f}
	ev.AppProtoTS, ev.AppProtoTC = dirApp(f, inspect.ToServer), dirApp(f, inspect.ToClient)
	if f.End.TCPState != "" {
		ev.Sections["tcp"] = tcpSection(f)
	}
	if f.Proto == 1 || f.Proto == 58 {
		ev.ICMP = FlowICMP(f.Proto, f.ICMPType, f.ICMPCode, f.Pkts[inspect.ToClient] > 0)
	}
	ev.VLAN = f.VLANs
	if e := flowEther(f); e != nil {
		ev.Sections["ether"] = e
	}
	return ev
}

// flowApp is a flow record's app_proto: the detected protocol, or
// "failed" once detection gave up on the flow (Suricata's ALPROTO_FAILED:
// a UDP flow on its first packet no parser took, a TCP flow when both
// directions failed).
func flowApp(f *inspect.Flow) string {
	ts, tc := f.AppDir[inspect.ToServer] == "failed", f.AppDir[inspect.ToClient] == "failed"
	if f.App == "" && (ts && tc || f.Proto != 6 && (ts || tc)) {
		return "failed"
	}
	return f.App
}

// dirApp is the protocol detected in direction d when the flow has one
// and d's differs from it.
func dirApp(f *inspect.Flow, d inspect.Dir) string {
	if a := f.AppDir[d]; f.App != "" && a != "" && a != "failed" && a != f.App {
		return a
	}
	return ""
}

// tcpSection is the "tcp" section of a flow record: the flags seen, in
// total and each way, and the TCP state.
func tcpSection(f *inspect.Flow) map[string]any {
	all := f.TCPFlags[inspect.ToServer] | f.TCPFlags[inspect.ToClient]
	rec := map[string]any{
		"tcp_flags":    fmt.Sprintf("%02x", all),
		"tcp_flags_ts": fmt.Sprintf("%02x", f.TCPFlags[inspect.ToServer]),
		"tcp_flags_tc": fmt.Sprintf("%02x", f.TCPFlags[inspect.ToClient]),
		"state":        f.End.TCPState,
	}
	for i, name := range []string{"fin", "syn", "rst", "psh", "ack", "urg", "ecn", "cwr"} {
		if all&(1<<i) != 0 {
			rec[name] = true
		}
	}
	// rulec holds each direction's stream as one region (Suricata counts
	// the memory regions its streaming buffer needed at most)
	rec["ts_max_regions"], rec["tc_max_regions"] = 1, 1
	for d, side := range map[inspect.Dir]string{inspect.ToServer: "ts", inspect.ToClient: "tc"} {
		if f.End.Gap[d] {
			rec[side+"_gap"] = true
		}
		if n := f.End.UrgentOOB[d]; n > 0 {
			rec[side+"_urgent_oob_data"] = n
		}
	}
	return rec
}
