package kernel

import (
	"net/netip"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/lower"
)

// Tables holds every kernel map's contents for one rule set.
//
// A packet's candidate slots are the AND of five bitsets: source address
// (longest-prefix match in SrcV4/SrcV6), destination address, protocol,
// source port class and destination port class (port 0 for protocols
// without ports). A packet whose address has no matching prefix has no
// candidates.
// Each bitset is Summary words followed by Words words; bit i of summary
// word j is set when word 64*j+i is non-zero.
type Tables struct {
	NSlots   int
	NWords   int // bitset words: ceil(NSlots/64), at least 1
	NSummary int // summary words: ceil(NWords/64)

	Slots []Slot
	// ShapeRules[i] lists, for userspace slot i (a header shape), the
	// userspace rules whose header is that shape; it may be shorter than
	// Slots.
	ShapeRules [][]uint32

	SrcV4, DstV4, SrcV6, DstV6 []PrefixBits // sorted by address then length
	Proto                      [256]Bitset  // by IP protocol number
	SportClass, DportClass     []PortClass  // sorted, covering 0..65535
	SportBits, DportBits       []Bitset     // by class id

	Items     []Item   // kernel contents, deduplicated
	SlotItems []uint32 // item references of all slots: item id | ItemNegated

	Automaton Automaton
}

// Bitset is a slot set: NSummary summary words then NWords words.
type Bitset []uint64

// PrefixBits is one LPM entry.
type PrefixBits struct {
	Prefix netip.Prefix
	Bits   Bitset
}

// PortClass maps the ports [Lo, Hi] to a class.
type PortClass struct {
	Lo, Hi uint16
	Class  uint32
}

// NoRule is the Rule of a userspace slot, which stands for a header shape.
const NoRule = 0xffffffff

// Slot is one kernel rule direction, or one userspace header shape. A
// userspace slot only selects packets to copy up; a kernel slot is
// confirmed in the kernel.
type Slot struct {
	Rule      uint32 // index into the object's rule list
	Action    Action
	Userspace bool
	NoAlert   bool
	Dsize     Cmp
	TTL       Cmp
	IType     Cmp
	ICode     Cmp
	Flags     Flags
	Flow      FlowReq
	// DropScope is what a drop or reject of the rule applies to.
	DropScope DropScope
	ItemStart uint32 // into SlotItems
	ItemCount uint32
	// Buffer is what the slot's items and BLen inspect. A slot on an
	// app-layer buffer matches only packets whose buffer the classifier
	// parsed; the packets it cannot parse faithfully are copied up.
	Buffer Buffer
	BLen   Cmp // the buffer's length (bsize, absolute isdataat)
}

// FlowReq is a slot's flow predicate (Suricata's flow keyword), bits as
// bpf/rulec.h's flow_req: the packet's flow state must say it goes to the
// server (or client), that its flow is (not) established; FlowStateless
// only asks for a flow. A slot with a predicate does not match a packet
// the classifier has no flow state for: that packet is copied up.
type FlowReq uint8

const (
	FlowToServer       FlowReq = 1
	FlowToClient       FlowReq = 2
	FlowEstablished    FlowReq = 4
	FlowNotEstablished FlowReq = 8
	FlowStateless      FlowReq = 16
)

// FlowReqOf is the predicate of a rule's flow keyword.
func FlowReqOf(f ir.Flow) FlowReq {
	var r FlowReq
	for _, b := range []struct {
		on  bool
		bit FlowReq
	}{{f.ToServer, FlowToServer}, {f.ToClient, FlowToClient}, {f.Established, FlowEstablished},
		{f.NotEstablished, FlowNotEstablished}, {f.Stateless, FlowStateless}} {
		if b.on {
			r |= b.bit
		}
	}
	return r
}

func (r FlowReq) String() string {
	var parts []string
	for _, b := range []struct {
		bit  FlowReq
		name string
	}{{FlowToServer, "to_server"}, {FlowToClient, "to_client"}, {FlowEstablished, "established"},
		{FlowNotEstablished, "not_established"}, {FlowStateless, "stateless"}} {
		if r&b.bit != 0 {
			parts = append(parts, b.name)
		}
	}
	return strings.Join(parts, ",")
}

// Buffer is what a kernel slot inspects.
type Buffer uint8

const (
	BufPayload Buffer = iota // the packet payload
	// BufDNSQuery is dns.query of a DNS-over-UDP query with one
	// question: its name, labels joined by dots, no trailing dot.
	BufDNSQuery
	BufDNSQueryDot // dns.query with the dotprefix transform: "." + name (empty stays empty)
	// BufTLSSNI is tls.sni of a ClientHello the classifier parsed: the
	// host_name of its server_name extension (never empty).
	BufTLSSNI
	BufTLSSNIDot // tls.sni with the dotprefix transform
)

// OnSNI reports whether b is tls.sni.
func (b Buffer) OnSNI() bool { return b == BufTLSSNI || b == BufTLSSNIDot }

func (b Buffer) String() string {
	switch b {
	case BufDNSQuery:
		return "dns.query"
	case BufDNSQueryDot:
		return "dns.query+dotprefix"
	case BufTLSSNI:
		return "tls.sni"
	case BufTLSSNIDot:
		return "tls.sni+dotprefix"
	}
	return "payload"
}

// Action is a slot's verdict; larger wins, as in Suricata's action order
// (pass > drop > reject > alert).
type Action uint8

const (
	ActAlert  Action = 1
	ActReject Action = 2
	ActDrop   Action = 3
	ActPass   Action = 4
)

// Cmp compares a packet value v: none always holds; Range is A < v < B.
type Cmp struct {
	Op   CmpOp
	A, B uint32
}

// CmpOp is a comparison operator.
type CmpOp uint8

const (
	CmpNone CmpOp = iota
	CmpEq
	CmpNe
	CmpLt
	CmpGt
	CmpLe
	CmpGe
	CmpRange
)

// Flags tests TCP flags f (after clearing Ignore): exact f == Set; plus
// f&Set == Set; any f&Set != 0; not f&Set != Set (Suricata's "!": not
// all of them set). Only TCP packets match a
// slot whose Flags.Mod is not FlagsNone.
type Flags struct {
	Mod    FlagsMod
	Set    uint8
	Ignore uint8
}

// FlagsMod is how TCP flags are compared.
type FlagsMod uint8

const (
	FlagsNone FlagsMod = iota
	FlagsExact
	FlagsPlus
	FlagsAny
	FlagsNot
)

// ItemNegated marks a negated item reference in SlotItems.
const ItemNegated = 1 << 31

// Item is one content occurrence condition on a slot's buffer (of
// length n). A match of Pattern ending at e (exclusive) starts at s =
// e-len(Pattern); it counts when s >= Offset, when Depth > 0 implies e <=
// Offset+Depth, when StartsWith implies s == 0, when EndsWith implies e ==
// n, when RestGE > 0 implies n-e >= RestGE (isdataat:RestGE,relative),
// when RestLT > 0 implies n-e < RestLT (isdataat:!RestLT,relative), and
// when, unless Nocase, the buffer bytes equal Pattern exactly.
type Item struct {
	Pattern    []byte
	Nocase     bool
	Offset     uint32
	Depth      uint32
	StartsWith bool
	EndsWith   bool
	Buffer     Buffer
	RestGE     uint32
	RestLT     uint32
}

// Automaton is an Aho-Corasick DFA over case-folded payload bytes (ASCII
// letters folded to lower case). Class maps a byte to its class; the next
// state of s on class c is Delta[s*NClasses+c], with AcceptBit set when the
// next state has outputs. Outputs of state s are OutItems[OutStart[s] :
// OutStart[s+1]], item ids whose folded pattern ends there. State 0 is the
// root. An empty automaton has one state and no outputs.
type Automaton struct {
	Class     [256]uint8
	NClasses  int
	NStates   int
	Delta     []uint32
	OutStart  []uint32 // NStates+1 entries
	OutItems  []uint32
	MaxOutput int // longest output list
}

// AcceptBit flags a transition into a state with outputs.
const AcceptBit = 1 << 31

// MaxScan is how many payload bytes the automaton walks. A packet with more
// payload and a content-bearing candidate slot is copied to userspace,
// which evaluates those slots on the whole payload.
const MaxScan = lower.MaxScan
