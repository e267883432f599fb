package flow

import (
	"fmt"
	"time"

	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/flow/dns"
	"github.com/rulec/rulec/runtime/flow/http"
	"github.com/rulec/rulec/runtime/flow/reasm"
	"github.com/rulec/rulec/runtime/flow/tls"
	"github.com/rulec/rulec/runtime/flowid"
	"github.com/rulec/rulec/runtime/inspect"
)

// maxSpareUnits bounds the emitted packet and stream units kept for
// reuse.
const maxSpareUnits = 8

// Tracker turns frames into units. It is not safe for concurrent use.
type Tracker struct {
	cfg Config
	// midPolicy is the midstream exception policy in force.
	midPolicy string
	emit      func(*inspect.Unit)
	onEnd     func(*inspect.Flow)
	onRecord  func(*inspect.Unit)
	spare     []*inspect.Unit // emitted units, for reuse
	dec       decode.Packet   // the frame Frame decodes
	seg       *decode.Packet  // the packet being processed
	dns       dns.Decoder
	table     *table
	pool      *reasm.Pool
	httpMem   *http.Memcap
	// streamMem is the capacity of the stream bytes held; streamHits
	// counts data the stream memcap did not let be held.
	streamMem  int
	streamHits uint64
	// txMem is the capacity of the transaction stream windows (txstream.go).
	txMem int
	txs   txWindows
	// ackFree keeps drained ACK-wait buffers for reuse (ackbuf.go).
	ackFree bufPool
	stats   Stats
	now     time.Time
	cur     *inspect.Packet // the packet being processed
	curFlow *flowState      // its flow
	// ending is the flow whose end is flushing its streams and queued
	// transactions; endSent, by Dir, says which directions that
	// inspected
	ending  *flowState
	endSent [3]bool
	pkt     inspect.Packet // what cur points to: valid until the next packet
	curDir  inspect.Dir    // its direction
	curSent bool           // its packet unit was inspected
	norm    []byte         // the frame Normalise rewrote last
	curApp  bool           // an app unit of its direction was sent for it
	// expects are the ftp-data connections FTP control connections
	// announced, oldest first.
	expects []expectation
}

// FreshPackets makes every tracker give each packet memory of its own
// instead of reusing one: tests set it to find state that keeps a packet
// past its turn.
var FreshPackets bool

// bodyPool bounds the HTTP body buffers a tracker keeps for reuse.
const bodyPool = 4 << 20

// NewTracker returns a tracker that hands every unit to emit. Zero or
// negative bounds in cfg take DefaultConfig's values.
func NewTracker(cfg Config, emit func(*inspect.Unit)) *Tracker {
	cfg = withDefaults(cfg)
	mc := http.NewMemcap(int64(cfg.HTTPMemcap))
	cfg.HTTP.Memcap = mc
	cfg.HTTP.Bodies = http.NewBodies(bodyPool)
	pol, err := cfg.MidstreamPolicy()
	if err != nil {
		// refused where the configuration is read (pipeline.Open)
		pol = PolicyIgnore
	}
	return &Tracker{
		cfg:       cfg,
		midPolicy: pol,
		emit:      emit,
		table:     newTable(cfg),
		pool:      reasm.NewPool(cfg.MaxOutOfOrder, cfg.MaxOutOfOrderTotal),
		httpMem:   mc,
		ackFree:   newAckPool(),
		txs:       txWindows{free: newTxPool(cfg.TxStream)},
	}
}

// OnRecord sets a function called with the units that complete an
// app-layer transaction or message, whose Fields hold its EVE record.
func (t *Tracker) OnRecord(fn func(*inspect.Unit)) { t.onRecord = fn }

// record reports a unit carrying an app-layer record.
func (t *Tracker) record(u *inspect.Unit) {
	if u == nil || t.onRecord == nil {
		return
	}
	if t.cfg.MACs && u.Packet != t.cur {
		// a record written after its unit's frame (a TLS handshake on the
		// client's next packet) shows the Ethernet header of the packet
		// it is logged on, as Suricata's; a unit's earlier frame is gone
		c := *u
		c.Packet = nil
		if t.curFlow != nil && u.Flow == &t.curFlow.Flow {
			c.Packet = t.cur
		}
		u = &c
	}
	t.onRecord(u)
}

// OnFlowEnd sets a function called with every flow that ends (timed out,
// evicted, reused, or flushed), after its last units were emitted.
func (t *Tracker) OnFlowEnd(fn func(*inspect.Flow)) { t.onEnd = fn }

func withDefaults(cfg Config) Config {
	def := DefaultConfig()
	fix := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	fix(&cfg.MaxFlows, def.MaxFlows)
	if cfg.TLSLog.Fields == 0 {
		cfg.TLSLog = tls.DefaultLog()
	}
	fix(&cfg.FlowMemcap, def.FlowMemcap)
	fix(&cfg.EmergencyRecovery, def.EmergencyRecovery)
	cfg.MaxFlows = min(cfg.MaxFlows, max(cfg.FlowMemcap/flowCost, 1))
	if cfg.TCPTimeouts == (Timeouts{}) {
		cfg.TCPTimeouts = def.TCPTimeouts
	}
	if cfg.OtherTimeouts == (Timeouts{}) {
		cfg.OtherTimeouts = def.OtherTimeouts
	}
	fix(&cfg.MaxStreamBuffer, def.MaxStreamBuffer)
	fix(&cfg.MaxOutOfOrder, def.MaxOutOfOrder)
	fix(&cfg.MaxOutOfOrderTotal, def.MaxOutOfOrderTotal)
	fix(&cfg.StreamMemcap, def.StreamMemcap)
	fix(&cfg.HTTPMemcap, def.HTTPMemcap)
	fix(&cfg.DCERPCMaxStub, def.DCERPCMaxStub)
	fix(&cfg.HTTP.MaxHeaderBytes, def.HTTP.MaxHeaderBytes)
	fix(&cfg.HTTP.BodyLimit, def.HTTP.BodyLimit)
	fix(&cfg.HTTP.EncodedLimit, def.HTTP.EncodedLimit)
	cfg.HTTP.FileHashes, cfg.SMTP.FileHashes = cfg.FileHashes, cfg.FileHashes
	if cfg.Filestore && cfg.FileStore != nil {
		cfg.HTTP.StoreDepth = cfg.storeDepth()
	}
	return cfg
}

// Frame decodes one Ethernet frame captured at ts and emits the units it
// produces. It returns the decoded packet, valid until the next frame, nil
// for a frame without an IP packet, or an error (wrapping decode.ErrTruncated or decode.ErrCorrupt)
// for a frame that cannot be decoded, which leaves every flow as it was.
// An IP packet whose transport header does not decode is inspected as an
// IP packet, as Suricata does.
func (t *Tracker) Frame(ts time.Time, frame []byte) (*inspect.Packet, error) {
	err := decode.Decode(frame, &t.dec)
	return t.Decoded(ts, &t.dec, err)
}

// Decoded is Frame for a frame the caller decoded: d and err are what
// decode.Decode gave. d is only read during the call.
func (t *Tracker) Decoded(ts time.Time, d *decode.Packet, err error) (*inspect.Packet, error) {
	t.stats.Frames++
	t.stats.countEvents(d.Events)
	if err != nil {
		t.stats.DecodeErrors++
		return nil, fmt.Errorf("flow: frame of %d bytes: %w", len(d.Frame), err)
	}
	if d.Family == 0 {
		t.stats.NonIP++
		return nil, nil
	}
	t.stats.Packets++
	switch d.L4 {
	case decode.L4Fragment:
		t.stats.Fragments++
	case decode.L4Invalid:
		t.stats.InvalidL4++
	}
	p := &t.pkt
	if FreshPackets {
		p = new(inspect.Packet)
	}
	*p = inspect.Packet{TS: ts, Frame: d.Frame, Link: d.Link, Src: d.Src, Dst: d.Dst, Proto: d.Proto, TTL: d.TTL,
		Sport: d.Sport, Dport: d.Dport, TCPFlags: d.TCPFlags, IType: d.IType, ICode: d.ICode,
		Payload: d.Payload, Events: d.Events,
		Family: d.Family, NetOff: d.NetOff, L4Off: d.L4Off, NetEnd: d.NetEnd, L4: d.L4,
		IgnoreChecksums: t.cfg.IgnoreChecksums}
	if d.L4 == decode.L4Fragment {
		// As in Suricata and the classifier, a fragment has no payload
		// to inspect: its data is inspected once reassembled.
		p.Payload = nil
	}
	if d.NVLANs > 0 {
		p.VLANs = append([]uint16(nil), d.VLANList()...)
	}
	if ts.After(t.now) {
		t.now = ts
	}
	t.expire()
	f, dir := t.lookup(d, p)
	p.Flow = &f.Flow
	t.cur, t.curFlow, t.curDir, t.curSent, t.curApp, t.seg = p, f, dir, false, false, d
	defer func() { t.cur, t.curFlow, t.seg = nil, nil, nil }()
	if f.detectPending[dir] {
		p.ProtoDetect[dir], f.detectPending[dir] = true, false
	}
	p.AppEvents, f.appEventsPending[dir] = f.appEventsPending[dir], 0
	f.guess.done[dir] = f.guess.inspected[dir]
	f.Pkts[dir]++
	f.Bytes[dir] += uint64(d.Len())
	if t.cfg.MACs && p.Link.Ethernet() && len(p.Frame) >= 14 {
		f.AddMAC(dir, p.Frame[6:12])
		f.AddMAC(other(dir), p.Frame[0:6])
	}
	if f.Last.Before(ts) {
		f.Last = ts
	}
	// a flow an inline drop rule dropped counts its packets, which are
	// not processed further
	dropped := t.stopped(f)
	if d.L4 == decode.L4TCP && f.tcp != nil && !dropped {
		t.midstream(f, p)
		dropped = t.stopped(f)
	}
	tcp := d.L4 == decode.L4TCP && f.tcp != nil && !dropped
	if tcp && t.reverses(f, dir, p) {
		t.reverse(f)
		dir = other(dir)
	}
	if tcp {
		t.tcpState(f, dir, p)
	} else {
		if !dropped && f.tcp == nil && f.Pkts[inspect.ToServer] > 0 && f.Pkts[inspect.ToClient] > 0 {
			f.Established = true
		}
		p.Established = f.Established
	}
	t.table.touch(f, t.now)
	// a UDP flow a drop rule dropped, in IDS mode too, has its packets
	// marked dropped: Suricata's app layer takes none of them
	// (FlowHandlePacketUpdate, FlowWorker)
	udpApp := d.L4 == decode.L4UDP && !dropped && f.Action != "drop"
	if d.L4 == decode.L4UDP && !dropped {
		if t.udpReverses(f, dir, p) {
			t.reverse(f)
			dir = other(dir)
			t.curDir = dir
		}
		if udpApp {
			t.udpDetect(f, dir, p)
		}
	}
	// Inline (IPS), Suricata's stream engine hands a segment to the app
	// layer before the packet is inspected (stream.inline: auto); in IDS
	// mode the app layer parses a direction once the other side
	// acknowledged it, after the packet that carried it.
	inline := tcp && t.cfg.IPS
	if inline {
		t.tcpSegment(f, dir, p)
		if f.tcp.reassemble {
			t.emitInline(f, dir, p)
		}
	}
	// A one-sided (async) session in IDS mode hands the packet's own
	// segment to the app layer before the packet is inspected, as
	// Suricata's stream engine does there (UPDATE_DIR_PACKET).
	oneSided := tcp && !inline && f.tcp.reassemble && !t.acked(f)
	if oneSided {
		t.tcpSegment(f, dir, p)
		if t.curApp {
			// the app layer finished something of the packet's
			// direction: Suricata's parsers then trigger the raw stream
			// inspection, with this packet
			t.flushChunk(f, dir)
		}
	}
	acked := tcp && !inline && f.tcp.reassemble
	if acked {
		t.ackPacket(f, dir, p)
	}
	u := t.unit(f, inspect.KindPacket, dir)
	u.SetBuffer("payload", p.Payload)
	t.sendOnce(u)
	if tcp && f.tcp.rawReady[dir] {
		t.flushChunk(f, dir)
	}
	t.curSent = true
	if len(f.app.queued) > 0 {
		t.sendQueued(f, dir)
	}
	if tcp && f.app.kind == appTLS {
		t.tlsPacket(f, dir)
	}
	if tcp && f.app.ftp != nil {
		t.ftpPacket(f, dir, inline)
	}
	if tcp && f.app.http2 != nil {
		t.http2Packet(f, dir)
	}
	switch {
	case tcp && !inline && !oneSided:
		t.tcpSegment(f, dir, p)
		if acked {
			t.ackPacket(f, dir, p) // bytes the ACK made contiguous
		}
	case udpApp:
		t.udpPacket(f, dir, p)
	}
	if tcp {
		t.tlsStateUnit(f, dir)
	}
	return p, nil
}

// Advance moves the clock to ts as a frame of another tracker's flows
// would (workers sharing a capture each track their own flows), ending
// the flows that times out.
func (t *Tracker) Advance(ts time.Time) {
	if ts.After(t.now) {
		t.now = ts
	}
	t.expire()
}

// Lookup returns the flow a decoded frame belongs to, if it exists, without
// changing anything.
func (t *Tracker) Lookup(d *decode.Packet) *inspect.Flow {
	if d.Family == 0 {
		return nil
	}
	if f := t.quotedFlow(d); f != nil {
		return &f.Flow
	}
	k, _ := keyOf(d)
	if f := t.table.flows[k]; f != nil {
		return &f.Flow
	}
	return nil
}

// quotedFlow is the flow of the packet an ICMP destination unreachable
// message quotes, if it exists: Suricata looks the message up as a
// packet of that flow.
func (t *Tracker) quotedFlow(d *decode.Packet) *flowState {
	if !d.Quoted.Valid {
		return nil
	}
	return t.table.flows[quotedKey(d)]
}

// lookup finds or creates the packet's flow and gives the packet's
// direction in it.
func (t *Tracker) lookup(d *decode.Packet, p *inspect.Packet) (*flowState, inspect.Dir) {
	if f := t.quotedFlow(d); f != nil {
		// an ICMP message goes to the server when it comes from the client
		if d.Src == f.Client {
			return f, inspect.ToServer
		}
		return f, inspect.ToClient
	}
	k, fromA := keyOf(d)
	f := t.table.flows[k]
	if f != nil && f.tcp != nil && d.L4 == decode.L4TCP && f.tcp.reusedBy(p.TCPFlags) {
		t.stats.Reused++
		t.end(f, "tcp_reuse")
		f = nil
	}
	if f == nil {
		f = t.create(k, fromA, d, p)
	}
	if fromA == f.clientIsA {
		return f, inspect.ToServer
	}
	return f, inspect.ToClient
}

func (t *Tracker) create(k key, fromA bool, d *decode.Packet, p *inspect.Packet) *flowState {
	l4 := d.L4
	if len(t.table.flows) >= t.cfg.MaxFlows {
		t.makeRoom()
	}
	t.stats.Flows++
	f := &flowState{key: k, clientIsA: fromA}
	if l4 == decode.L4TCP && p.TCPFlags&(flagSYN|flagACK) == flagSYN|flagACK {
		f.clientIsA = !fromA
	}
	ca, sa, cp, sp := k.a, k.b, k.ap, k.bp
	if !f.clientIsA {
		ca, sa, cp, sp = sa, ca, sp, cp
	}
	f.Flow = inspect.Flow{ID: flowid.Of(d.FlowKey()), Proto: p.Proto, Client: addr(ca, k.v6), Server: addr(sa, k.v6), Start: p.TS, Last: p.TS,
		VLANs: p.VLANs}
	if l4 == decode.L4ICMP {
		f.ICMPType, f.ICMPCode = p.IType, p.ICode
	}
	if l4 == decode.L4TCP || l4 == decode.L4UDP {
		f.ClientPort, f.ServerPort = cp, sp
	}
	if l4 == decode.L4TCP {
		f.tcp = t.newTCP(f, p)
	}
	t.table.add(f, t.now)
	return f
}

// expire ends the flows idle past their timeout. Emergency mode starts
// under memory pressure (or when the table is full, see makeRoom) and ends
// once the pressure is gone and enough of the table is free.
func (t *Tracker) expire() {
	pressure := t.memoryPressure()
	if pressure && !t.table.emergency {
		t.table.emergency = true
		t.stats.Emergencies++
	}
	for f := t.table.expired(t.now); f != nil; f = t.table.expired(t.now) {
		t.stats.TimedOut++
		t.end(f, "timeout")
	}
	if t.table.emergency && !pressure && len(t.table.flows) <= t.cfg.MaxFlows*(100-t.cfg.EmergencyRecovery)/100 {
		t.table.emergency = false
	}
}

// memoryPressure reports whether the stream or HTTP memory is within a
// tenth of its memcap: emergency mode's short timeouts then end idle
// flows and give their memory back.
func (t *Tracker) memoryPressure() bool {
	return t.httpMem.Use() >= int64(t.cfg.HTTPMemcap)/10*9 || t.streamMem >= t.cfg.StreamMemcap/10*9
}

// makeRoom frees a slot of the full table: emergency mode's shorter
// timeouts first, then the eviction of one flow.
func (t *Tracker) makeRoom() {
	if !t.table.emergency {
		t.table.emergency = true
		t.stats.Emergencies++
		t.expire()
	}
	if len(t.table.flows) < t.cfg.MaxFlows {
		return
	}
	v := t.table.victim()
	t.stats.Evicted++
	if v.Established {
		t.stats.EvictedEstablished++
	}
	t.end(v, "forced")
}

// end finishes a flow: its streams and app-layer state are flushed, the
// end is reported, then it leaves the table.
func (t *Tracker) end(f *flowState, reason string) {
	f.ending = true
	var pseudo [3]bool
	if f.tcp != nil {
		pseudo = t.pseudoDirs(f)
		t.ending, t.endSent = f, [3]bool{}
		t.closeStreams(f)
		t.sendQueued(f, inspect.ToServer)
		t.sendQueued(f, inspect.ToClient)
		t.ending = nil
		for d, sent := range t.endSent {
			pseudo[d] = pseudo[d] || sent
		}
		t.streamMem -= f.tcp.chunkMem
		t.releaseStreams(f.tcp)
		t.txStreamRelease(f.tcp)
	}
	t.streamMem -= f.app.held
	if f.app.http != nil {
		f.app.http.Release()
	}
	t.flushRecords(f)
	t.sendPseudo(f, pseudo)
	f.End = inspect.End{Reason: reason, State: f.state(), TCPState: f.tcpStateName()}
	if tc := f.tcp; tc != nil {
		f.End.Gap, f.End.UrgentOOB = tc.hadGap, tc.oob
	}
	t.table.remove(f)
	if t.onEnd != nil {
		t.onEnd(&f.Flow)
	}
}

// Flush ends every flow, as at the end of the input: streams are flushed
// and pending transactions reported. The tracker stays usable.
func (t *Tracker) Flush() {
	for f := t.table.oldest(); f != nil; f = t.table.oldest() {
		t.end(f, "shutdown")
	}
}

// Stats returns the counters so far.
func (t *Tracker) Stats() Stats {
	s := t.stats
	s.ActiveFlows = len(t.table.flows)
	s.HTTPMemory, s.StreamMemory, s.ReassemblyMemory = t.httpMem.Use(), t.streamMem+t.txMem, t.pool.Used()
	return s
}

// unit starts a unit of flow f; it carries the packet being processed when
// that packet belongs to f. An app unit is given its direction's
// transaction stream window.
func (t *Tracker) unit(f *flowState, kind inspect.Kind, dir inspect.Dir) *inspect.Unit {
	u := t.plainUnit(f, kind, dir)
	if kind == inspect.KindApp {
		t.setTxStream(f, u)
	}
	return u
}

// plainUnit starts a unit as unit does, without a transaction stream
// window: for app units that are recorded, never inspected.
func (t *Tracker) plainUnit(f *flowState, kind inspect.Kind, dir inspect.Dir) *inspect.Unit {
	var u *inspect.Unit
	if n := len(t.spare); n > 0 && (kind == inspect.KindPacket || kind == inspect.KindStream) {
		// the kinds sendOnce gives back; other units are kept past
		// their emission
		u, t.spare = t.spare[n-1], t.spare[:n-1]
	} else {
		u = &inspect.Unit{}
	}
	u.TS, u.Kind, u.Flow, u.Dir = t.now, kind, &f.Flow, dir
	if f == t.curFlow {
		u.Packet, u.TS = t.cur, t.cur.TS
	}
	if kind != inspect.KindPacket && f.tcp != nil && t.cfg.StreamLog > 0 {
		u.StreamLog = f.tcp.log[dir].render(t.cfg.StreamLog)
	}
	if kind == inspect.KindPacket || kind == inspect.KindStream || kind == inspect.KindPseudo {
		u.Guess = t.guessed(f, dir)
	}
	return u
}

func (t *Tracker) send(u *inspect.Unit) {
	if u.Kind == inspect.KindApp && u.Stage != inspect.RequestLine && t.curFlow != nil && u.Flow == &t.curFlow.Flow && u.Dir == t.curDir {
		t.curApp = true
	}
	if t.queueApp(u) {
		return
	}
	t.stats.Units++
	if f := t.curFlow; f != nil && u.Flow == &f.Flow {
		// sent at once outside the flow's packets only as the flow ends
		t.guessInspected(f, u)
	}
	t.deliver(u)
}

// deliver hands u to the caller for its inspection, then takes back the
// transaction stream window it was lent.
func (t *Tracker) deliver(u *inspect.Unit) {
	if f := t.ending; f != nil && u.Flow == &f.Flow {
		t.endSent[u.Dir] = true
	}
	t.emit(u)
	t.txReturn(u)
}

// sendOnce emits u and keeps it for reuse: for packet and stream units,
// which nothing holds once emitted (app units may wait for their record).
func (t *Tracker) sendOnce(u *inspect.Unit) {
	t.send(u)
	if len(t.spare) < maxSpareUnits {
		u.Reset()
		t.spare = append(t.spare, u)
	}
}
