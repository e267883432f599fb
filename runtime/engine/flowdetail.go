package engine

import (
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/inspect"
)

// flowDetail gives an alert raised without its flow (a kernel tier alert
// on a packet the tracker also followed) what Suricata's alerts on a
// packet of a flow have: the packet's direction, the flow's app_proto
// and, unless the alert output's metadata turns it off, the flow object.
func (e *Engine) flowDetail(ev *eve.Event, fl *inspect.Flow) {
	if fl == nil || ev.Direction != "" || !fl.Client.IsValid() {
		return
	}
	ev.Direction = "to_server"
	if ev.SrcIP != fl.Client || ev.SrcPort != fl.ClientPort {
		ev.Direction = "to_client"
	}
	if ev.AppProto == "" {
		ev.AppProto = fl.App
	}
	if ev.AlertFlow == nil && !e.opts.Records.On(eve.AlertNoFlow) {
		ev.AlertFlow = eve.FlowObject(fl)
	}
}
