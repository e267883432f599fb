package kernel

import (
	"encoding/binary"
	"fmt"
	"net/netip"

	"github.com/rulec/rulec/bpf"
	kernelgen "github.com/rulec/rulec/codegen/kernel"
)

// EventKind is what an event reports.
type EventKind uint8

const (
	Alert = EventKind(bpf.RulecKindEV_ALERT) // a kernel slot matched
	Block = EventKind(bpf.RulecKindEV_BLOCK) // an address is on a block list
	Copy  = EventKind(bpf.RulecKindEV_COPY)  // the packet goes to the userspace tier
)

func (k EventKind) String() string {
	switch k {
	case Alert:
		return "alert"
	case Block:
		return "block"
	case Copy:
		return "copy"
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// CopyReason says why a packet was copied; a bit set.
type CopyReason uint8

const (
	// CopyUserspace: a userspace slot matched the packet's header.
	CopyUserspace = CopyReason(bpf.RulecCopyReasonCOPY_USERSPACE)
	// CopyScanTruncated: a kernel slot with contents was a candidate but
	// the payload is longer than the scan limit; userspace decides it.
	CopyScanTruncated = CopyReason(bpf.RulecCopyReasonCOPY_SCAN_TRUNCATED)
	// CopyFragment: an IP fragment, which userspace reassembles.
	CopyFragment = CopyReason(bpf.RulecCopyReasonCOPY_FRAGMENT)
	// CopyDecode: the classifier's parser gave up within its bounds (more
	// than 3 VLAN tags, more than 8 IPv6 extension headers); userspace
	// decodes the packet whole.
	CopyDecode = CopyReason(bpf.RulecCopyReasonCOPY_DECODE)
	// CopyApp: a kernel rule on an app-layer buffer was a candidate but
	// the classifier cannot parse the packet faithfully (DNS over TCP, a
	// compressed or multi-question query, ...); userspace decides it.
	CopyApp = CopyReason(bpf.RulecCopyReasonCOPY_APP)
	// CopyDetail: a kernel rule on an app-layer buffer alerted; the copy
	// carries the packet for the alert's EVE detail.
	CopyDetail = CopyReason(bpf.RulecCopyReasonCOPY_DETAIL)
	// CopyTunnel: IP-in-IP, IPv6 encapsulation or GRE; userspace
	// decapsulates the packet and inspects the inner one.
	CopyTunnel = CopyReason(bpf.RulecCopyReasonCOPY_TUNNEL)
)

// TC verdicts of a packet.
const (
	VerdictOK   = 0 // TC_ACT_OK
	VerdictShot = 2 // TC_ACT_SHOT
)

// Event is one ring buffer record.
type Event struct {
	Kind    EventKind
	Rule    uint32           // object rule index (block: the list entry's); bpf.NoRule for copies
	Action  kernelgen.Action // the matched slot's action (alerts); ActDrop for blocks
	Verdict int              // the packet's TC verdict
	Reason  CopyReason       // copies only
	Gen     uint16           // Options.Generation of the classifier that emitted it
	Mono    uint64           // bpf_ktime_get_ns() (CLOCK_MONOTONIC) at emission
	Proto   uint8
	VLANs   [3]uint16 // VLAN ids, outermost first; 0: no tag
	IType   uint8     // ICMP type and code (ICMP packets)
	ICode   uint8
	FlowID  uint64 // runtime/flowid.Of the packet's flow key, computed by the classifier
	Flow    uint8  // what the flow map said of the packet: refeval.FlowView bits
	Src     netip.AddrPort
	Dst     netip.AddrPort
	PktLen  int
	Data    []byte // copies: the first min(PktLen, bpf.SnapLen) bytes from the Ethernet header
}

var eventSize = binary.Size(bpf.RulecEvent{})

// DecodeEvent decodes one ring buffer record.
func DecodeEvent(raw []byte) (Event, error) {
	var e bpf.RulecEvent
	if _, err := binary.Decode(raw, binary.NativeEndian, &e); err != nil {
		return Event{}, fmt.Errorf("event of %d bytes: %w", len(raw), err)
	}
	ev := Event{
		Kind:    EventKind(e.Kind),
		Rule:    e.Rule,
		Action:  kernelgen.Action(e.Action),
		Verdict: int(e.Verdict),
		Reason:  CopyReason(e.Reason),
		Gen:     e.Gen,
		Mono:    e.TsNs,
		Proto:   e.Proto,
		VLANs:   e.Vlan,
		IType:   e.IcmpType,
		ICode:   e.IcmpCode,
		FlowID:  e.FlowId,
		Flow:    uint8(e.Flow),
		PktLen:  int(e.PktLen),
	}
	src, dst := netip.AddrFrom16(e.Saddr), netip.AddrFrom16(e.Daddr)
	switch e.Family {
	case 4:
		src = netip.AddrFrom4([4]byte(e.Saddr[:4]))
		dst = netip.AddrFrom4([4]byte(e.Daddr[:4]))
	case 0:
		src, dst = netip.Addr{}, netip.Addr{}
	}
	ev.Src = netip.AddrPortFrom(src, e.Sport)
	ev.Dst = netip.AddrPortFrom(dst, e.Dport)
	if e.CapLen > 0 {
		end := eventSize + int(e.CapLen)
		if end > len(raw) {
			return Event{}, fmt.Errorf("copy event of %d bytes claims %d captured", len(raw), e.CapLen)
		}
		ev.Data = append([]byte(nil), raw[eventSize:end]...)
	}
	return ev, nil
}
