package refeval

import (
	"encoding/binary"
	"sync"
)

// TLSFlows is how many TCP flows the classifier follows for tls.sni, as
// bpf/rulec.h's TLS_FLOWS; past it the oldest goes (the classifier's LRU
// map drops the least recently used).
const TLSFlows = 65536

const (
	maxExts       = 64 // bpf/rulec.h MAX_EXTS
	tlsRecHdr     = 5
	tlsHelloHdr   = 9
	tcpFIN        = 0x01
	tcpSYN        = 0x02
	tcpRST        = 0x04
	tcpACK        = 0x10
	tlsHandshake  = 22
	tlsClientHelo = 1
)

// tlsState is what tls.sni is for one packet, as bpf/tls.h decides it.
type tlsState uint8

const (
	tlsNone      tlsState = iota // no SNI in this packet
	tlsOK                        // a ClientHello's host_name, inspected here
	tlsUndecided                 // copied up for userspace to decide
	tlsProbe                     // the hello's SNI, to probe the slots with
)

// States of a followed flow (bpf/tls.h TF_*).
const (
	tfOpen = iota + 1
	tfDone
	tfPending
	tfUndecided
	tfSplit
)

// tlsFlow is a followed flow, as bpf/tls.h's struct tls_flow.
type tlsFlow struct {
	start, next, end                                             uint32
	clientA                                                      bool
	state                                                        uint8
	serverSYN, established, serverSpoke, hit, answered, complete bool
	sni                                                          []byte
}

// tlsFlows are the followed flows, bounded; safe for concurrent use.
type tlsFlows struct {
	mu    sync.Mutex
	set   map[FlowKey]*tlsFlow
	order []FlowKey
}

// tlsPacket is the outcome of following one packet.
type tlsPacket struct {
	state tlsState
	sni   []byte // tlsOK: "." + host_name
	copy  bool   // the flow is copied up (COPY_APP)
	syn   bool   // a client SYN of a flow not followed yet
}

// track follows the packet's flow as bpf/tls.h's tls_track does.
func (t *tlsFlows) track(p []byte, h *headers, k FlowKey, fwd bool) tlsPacket {
	t.mu.Lock()
	defer t.mu.Unlock()
	syn, ack := h.tcpFlags&tcpSYN != 0, h.tcpFlags&tcpACK != 0
	f := t.set[k]
	if f == nil {
		return tlsPacket{syn: syn && !ack}
	}
	var out tlsPacket
	client := fwd == f.clientA
	if !client && syn {
		f.serverSYN = true
	}
	if client && syn && !ack && f.state != tfOpen {
		f.state = tfUndecided
	}
	if !f.established && f.serverSYN && ack && !syn {
		f.established = true
	}
	if f.state == tfPending {
		switch {
		case !client:
			f.answered = true
		case f.answered:
			f.state = tfDone
			return tlsPacket{state: tlsOK, sni: f.sni}
		}
		return tlsPacket{copy: f.hit}
	}
	if f.state == tfSplit {
		return f.split(h, client)
	}
	if h.payloadLen > 0 && f.state == tfOpen {
		if client {
			out.state, out.sni = tlsFirst(p, h, f)
		} else {
			f.serverSpoke = true
		}
	}
	if client && f.state == tfUndecided {
		out.state = tlsUndecided
	}
	out.copy = f.state == tfOpen || f.state == tfUndecided || out.state == tlsUndecided
	return out
}

// split follows a flow whose hello runs past its first segment, as
// bpf/tls.h's tls_split.
func (f *tlsFlow) split(h *headers, client bool) tlsPacket {
	out := tlsPacket{copy: true}
	if !client {
		f.answered = f.answered || f.complete
		return out
	}
	out.state = tlsUndecided
	if f.answered {
		f.state = tfDone
		return out
	}
	if h.payloadLen == 0 || f.complete {
		return out
	}
	e := h.seq + uint32(h.payloadLen)
	if int32(h.seq-f.next) > 0 {
		f.state = tfUndecided
		return out
	}
	if int32(e-f.next) > 0 {
		f.next = e
	}
	if int32(f.next-f.end) >= 0 {
		f.complete = true
	}
	return out
}

// probed marks the flow whose hello a slot may match, as tls_probed.
func (t *tlsFlows) probed(k FlowKey) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if f := t.set[k]; f != nil {
		f.hit = true
	}
}

// follow starts following the flow of a client SYN, as tls_follow.
func (t *tlsFlows) follow(h *headers, k FlowKey, fwd bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	f := &tlsFlow{start: h.seq + 1, clientA: fwd, state: tfOpen}
	if h.payloadLen > 0 {
		f.state = tfUndecided
	}
	if t.set == nil {
		t.set = map[FlowKey]*tlsFlow{}
	}
	if _, ok := t.set[k]; !ok {
		if len(t.order) >= TLSFlows {
			delete(t.set, t.order[0])
			t.order = t.order[1:]
		}
		t.order = append(t.order, k)
	}
	t.set[k] = f
}

// tlsFirst decides the client's first payload of an open flow.
func tlsFirst(p []byte, h *headers, f *tlsFlow) (tlsState, []byte) {
	b := p[h.payloadOff : h.payloadOff+h.payloadLen]
	n := len(b)
	f.state = tfDone
	switch {
	case h.seq != f.start:
		f.state = tfUndecided
		return tlsUndecided, nil
	case h.sport == dnsPort || h.dport == dnsPort:
		return tlsNone, nil
	case n < 3:
		f.state = tfUndecided
		return tlsUndecided, nil
	case b[0] != tlsHandshake || b[1] != 3 || b[2] > 4:
		return tlsNone, nil
	case f.serverSpoke || !f.established || h.tcpFlags&(tcpSYN|tcpRST) != 0, n < tlsHelloHdr:
		f.state = tfUndecided
		return tlsUndecided, nil
	}
	rec := int(binary.BigEndian.Uint16(b[3:]))
	size := int(b[6])<<16 | int(binary.BigEndian.Uint16(b[7:]))
	switch {
	case rec >= 4 && b[5] != tlsClientHelo:
		return tlsNone, nil
	case rec < 4 || 4+size > rec:
		f.state = tfUndecided
		return tlsUndecided, nil
	case tlsRecHdr+rec > n:
		f.state, f.next, f.end = tfSplit, f.start+uint32(n), f.start+uint32(tlsRecHdr+rec)
		return tlsUndecided, nil
	}
	st, sni := helloSNI(b[tlsHelloHdr : tlsHelloHdr+size])
	switch st {
	case tlsOK:
		f.state, f.sni = tfPending, sni
		return tlsProbe, sni
	case tlsUndecided:
		f.state = tfUndecided
	}
	return st, sni
}

// helloSNI reads a ClientHello body as bpf/tls.h's hello_sni: its
// host_name after a dot, none, or undecided for anything it does not
// follow.
func helloSNI(body []byte) (tlsState, []byte) {
	end := len(body)
	pos := 34
	if pos+1 > end {
		return tlsUndecided, nil
	}
	pos += 1 + int(body[pos])
	if pos+2 > end {
		return tlsUndecided, nil
	}
	pos += 2 + int(binary.BigEndian.Uint16(body[pos:]))
	if pos+1 > end {
		return tlsUndecided, nil
	}
	pos += 1 + int(body[pos])
	if pos == end {
		return tlsNone, nil
	}
	if pos+2 > end {
		return tlsUndecided, nil
	}
	extEnd := pos + 2 + int(binary.BigEndian.Uint16(body[pos:]))
	if extEnd > end {
		return tlsUndecided, nil
	}
	pos += 2
	var sni []byte
	for i := 0; ; i++ {
		if pos == extEnd {
			break
		}
		if i == maxExts || pos+4 > extEnd {
			return tlsUndecided, nil
		}
		typ, n := binary.BigEndian.Uint16(body[pos:]), int(binary.BigEndian.Uint16(body[pos+2:]))
		data := pos + 4
		if data+n > extEnd {
			return tlsUndecided, nil
		}
		if typ == 0 {
			name, ok := sniExt(body[data:data+n], sni != nil)
			if !ok {
				return tlsUndecided, nil
			}
			sni = name
		}
		pos = data + n
	}
	if sni == nil {
		return tlsNone, nil
	}
	return tlsOK, append([]byte{'.'}, sni...)
}

// sniExt checks a server_name extension as bpf/tls.h's sni_ext: exactly
// one host_name entry of 1 to maxName-1 bytes, and no earlier one.
func sniExt(d []byte, seen bool) ([]byte, bool) {
	if seen || len(d) < 5 {
		return nil, false
	}
	list, name := int(binary.BigEndian.Uint16(d)), int(binary.BigEndian.Uint16(d[3:]))
	if list != len(d)-2 || d[2] != 0 || name != list-3 || name == 0 || name >= maxName {
		return nil, false
	}
	return d[5:], true
}
