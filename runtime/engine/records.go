package engine

import (
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/inspect"
)

// trackAll reports whether every frame goes through the tracker, for the
// flow and app-layer records.
func (e *Engine) trackAll() bool {
	return e.opts.Records.Any("flow", "http", "dns", "tls", "ssh", "smtp", "ftp", "pop3", "http2", "doh2", "files", "anomaly")
}

// flowRecord writes the EVE flow record of a flow that ended.
func (e *Engine) flowRecord(f *inspect.Flow) {
	if !e.opts.Records.On("flow") {
		return
	}
	ev := eve.FlowEvent(f)
	ev.InIface = e.opts.Iface
	e.write(ev)
}

// appRecord writes the EVE record a unit carries, when its type is on.
func (e *Engine) appRecord(u *inspect.Unit) {
	typ := u.RecordType()
	gate := typ
	if u.LogType != "" {
		gate = u.LogType
	}
	if typ == "" || !e.opts.Records.On(gate) || !txOf(u).logged() {
		return
	}
	ev := eve.RecordEvent(u)
	if gate == "http" && e.opts.Records.On(eve.HTTPBasic) {
		ev.Sections = eve.BasicHTTP(ev.Sections)
	}
	ev.Timestamp = ev.Timestamp.UTC()
	ev.InIface = e.opts.Iface
	if e.opts.Offline && u.Packet != nil {
		ev.PcapCnt = e.pcapCnt
	}
	if e.opts.Records.On(eve.Ethernet) {
		ev.Detail = eve.RecordEther(u.Packet, u.Flow, ev.SrcIP)
	}
	if u.Packet != nil {
		ev.PktSrc = e.pktSrc
	} else {
		ev.PktSrc = eve.PktSrcFlowEnd
	}
	if e.fate.open {
		// written after the packet's inspection, which may still disable
		// the transaction's logging (config rules), as Suricata's
		// transaction loggers run after detection
		e.fate.records = append(e.fate.records, ev)
		e.fate.recordTx = append(e.fate.recordTx, txOf(u))
		return
	}
	e.write(ev)
}

// write appends a record to the EVE output; the first error sticks.
func (e *Engine) write(ev *eve.Event) {
	if e.opts.EVE == nil {
		return
	}
	ev.CommunityID = e.opts.CommunityID.ID(ev)
	e.namePcap(ev)
	if err := e.opts.EVE.Write(ev); err != nil && e.err == nil {
		e.err = err
	}
}

// SetPcapFile names the capture being read, which records name when the
// output's pcap-file is on.
func (e *Engine) SetPcapFile(name string) { e.pcapFile = name }

func (e *Engine) namePcap(ev *eve.Event) {
	if e.opts.Records.On(eve.PcapFile) {
		ev.PcapFilename = e.pcapFile
	}
}
