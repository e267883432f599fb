package eve

import (
	"bufio"
	"encoding/json"
	"io"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/rulec/rulec/runtime/inspect"
)

// TimeFormat is Suricata's EVE timestamp layout.
const TimeFormat = "2006-01-02T15:04:05.000000-0700"

// Event is one EVE record. Fields left zero are omitted.
type Event struct {
	Timestamp time.Time
	FlowID    uint64
	InIface   string
	PcapCnt   uint64 // offline runs: 1-based index of the packet in the capture
	// PktSrc is where the record's packet came from, as Suricata 8 names
	// it: "wire/pcap", "defrag", "stream (flow timeout)" for a flow's end.
	PktSrc    string
	EventType string
	LogLevel  string // engine records: the message's level
	// CommunityID is the flow's Community ID, when the output writes it.
	CommunityID string
	SrcIP       netip.Addr
	SrcPort     uint16
	DestIP      netip.Addr
	DestPort    uint16
	Proto       uint8
	AppProto    string
	// AppProtoTS and AppProtoTC are the protocol each direction's data
	// showed, when it differs from AppProto (Suricata's app_proto_ts and
	// app_proto_tc: an SSH banner answering an HTTP request).
	AppProtoTS, AppProtoTC string
	Direction              string   // "to_server" or "to_client"
	XFF                    string   // the X-Forwarded-For address, in XFF extra-data mode; in the alert object
	TxID                   *uint64  // the app-layer transaction, on records of one
	TxGuessed              bool     // an alert of a packet rule names TxID (detect.guess-applayer-tx)
	VLAN                   []uint16 // the packet's VLAN ids, outermost first
	ICMP                   *ICMP    // an ICMP or ICMPv6 packet's (or flow's) type and code
	Alert                  *Alert
	AlertFlow              *AlertFlow // an alert's flow object
	Detail                 *Detail    // an alert's packet, payload and ether fields, as configured
	Tunnel                 *Tunnel    // an alert on a tunnel's inner packet: the outer packet
	// AppProtoOrig is a flow's protocol before a protocol change.
	AppProtoOrig string
	// Sections holds app-layer sections ("http", "dns", "tls", ...) and
	// other event bodies ("block", "stats"). An event with a source and
	// no destination (a block) has no ports and no proto.
	Sections map[string]map[string]any
	// Files is the "files" array of an alert on a transaction.
	Files []File
	// VarsOf is the flow whose variables the record shows ("metadata",
	// "traffic"), read when the record is written.
	VarsOf *inspect.Flow
	// PcapFilename is the capture the record came from, when the output
	// names it (eve-log pcap-file): the last of Suricata's keys.
	PcapFilename string
	// Rulec holds what rulec adds to a record that Suricata does not
	// write: the record's last key, "rulec", never inside an object
	// Suricata defines.
	Rulec *Rulec
	// PktVars are the variables of the record's packet ("pktvars").
	PktVars []inspect.Var
}

// Rulec is the "rulec" object: an alert's tier and severity name.
type Rulec struct {
	Tier         string `json:"tier,omitempty"`          // "kernel" or "userspace"
	SeverityName string `json:"severity_name,omitempty"` // critical, high, medium or low
}

// File is one entry of an alert's "files" array (Suricata's
// EveFileInfo, without hashes and file store).
type File struct {
	Filename string `json:"filename"`
	Gaps     bool   `json:"gaps"`
	State    string `json:"state"`
	Stored   bool   `json:"stored"`
	Size     uint64 `json:"size"`
	TxID     uint64 `json:"tx_id"`
}

// Alert is the "alert" section.
type Alert struct {
	Action      string `json:"action"` // "allowed" or "blocked"
	GID         uint64 `json:"gid"`
	SignatureID uint64 `json:"signature_id"`
	Rev         uint64 `json:"rev"`
	Signature   string `json:"signature"`
	Category    string `json:"category"`
	Severity    int    `json:"severity"`
	// References are the rule's references, when the alert output's
	// metadata: rule: reference: is on.
	References []string `json:"references,omitempty"`
	// Metadata is the rule's metadata keyword (on by default).
	Metadata RuleMetadata `json:"metadata,omitempty"`
}

// protoNames are the EVE names of common IP protocols.
var protoNames = map[uint8]string{1: "ICMP", 2: "IGMP", 4: "IP-in-IP", 6: "TCP", 17: "UDP", 41: "IPv6", 47: "GRE",
	50: "ESP", 51: "AH", 58: "IPv6-ICMP", 103: "PIM", 112: "VRRP", 132: "SCTP"}

// ProtoName returns the EVE name of an IP protocol number.
func ProtoName(p uint8) string {
	if n, ok := protoNames[p]; ok {
		return n
	}
	return strconv.Itoa(int(p))
}

// MarshalJSON writes the event in EVE's key order.
func (e *Event) MarshalJSON() ([]byte, error) {
	m := orderedObject{}
	m.add("timestamp", e.Timestamp.Format(TimeFormat))
	if e.FlowID != 0 {
		m.add("flow_id", e.FlowID)
	}
	if e.InIface != "" {
		m.add("in_iface", e.InIface)
	}
	if e.PcapCnt != 0 {
		m.add("pcap_cnt", e.PcapCnt)
	}
	if e.LogLevel != "" {
		m.add("log_level", e.LogLevel)
	}
	m.add("event_type", e.EventType)
	if len(e.VLAN) > 0 {
		m.add("vlan", e.VLAN)
	}
	if e.SrcIP.IsValid() && !e.DestIP.IsValid() {
		m.add("src_ip", AddrString(e.SrcIP))
	}
	if e.SrcIP.IsValid() && e.DestIP.IsValid() {
		m.add("ip_v", ipVersion(e.SrcIP))
		m.add("src_ip", AddrString(e.SrcIP))
		if e.Proto == 6 || e.Proto == 17 || e.Proto == 132 {
			m.add("src_port", e.SrcPort)
		}
		m.add("dest_ip", AddrString(e.DestIP))
		if e.Proto == 6 || e.Proto == 17 || e.Proto == 132 {
			m.add("dest_port", e.DestPort)
		}
		m.add("proto", ProtoName(e.Proto))
		e.ICMP.add(&m)
	}
	if e.PktSrc != "" {
		m.add("pkt_src", e.PktSrc)
	}
	e.Detail.addEther(&m)
	if e.CommunityID != "" {
		m.add("community_id", e.CommunityID)
	}
	addVars(&m, e.VarsOf, e.PktVars)
	if e.TxID != nil {
		m.add("tx_id", *e.TxID)
	}
	if e.TxGuessed {
		m.add("tx_guessed", true)
	}
	if e.Direction != "" {
		m.add("direction", e.Direction)
	}
	if e.AlertFlow != nil {
		m.add("flow", e.AlertFlow)
	}
	switch {
	case e.Alert != nil && e.XFF != "":
		// last in the alert object, as Suricata's AlertJsonHeader
		m.add("alert", struct {
			*Alert
			XFF string `json:"xff"`
		}{e.Alert, e.XFF})
	case e.Alert != nil:
		m.add("alert", e.Alert)
	case e.XFF != "":
		m.add("xff", e.XFF)
	}
	e.Tunnel.add(&m)
	if e.AppProto != "" {
		m.add("app_proto", e.AppProto)
	}
	if e.AppProtoTS != "" {
		m.add("app_proto_ts", e.AppProtoTS)
	}
	if e.AppProtoTC != "" {
		m.add("app_proto_tc", e.AppProtoTC)
	}
	if e.AppProtoOrig != "" {
		m.add("app_proto_orig", e.AppProtoOrig)
	}
	for _, k := range sortedKeys(e.Sections) {
		m.add(k, e.Sections[k])
	}
	if len(e.Files) > 0 {
		m.add("files", e.Files)
	}
	e.Detail.addPayload(&m)
	if e.PcapFilename != "" {
		m.add("pcap_filename", e.PcapFilename)
	}
	if e.Rulec != nil {
		m.add("rulec", e.Rulec)
	}
	return m.marshal()
}

func ipVersion(a netip.Addr) int {
	if a.Is4() || a.Is4In6() {
		return 4
	}
	return 6
}

// Writer writes events as JSON lines; it is safe for concurrent use.
type Writer struct {
	mu  sync.Mutex
	w   *bufio.Writer
	err error
}

// NewWriter returns a writer to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: bufio.NewWriter(w)} }

// Write appends one event; the first error sticks and is returned by
// every later call.
func (w *Writer) Write(e *Event) error {
	b, err := json.Marshal(e)
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	if err != nil {
		w.err = err
		return err
	}
	b = append(b, '\n')
	_, w.err = w.w.Write(b)
	return w.err
}

// WriteLine appends one event marshalled before (without its newline).
func (w *Writer) WriteLine(b []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	if _, w.err = w.w.Write(b); w.err == nil {
		w.err = w.w.WriteByte('\n')
	}
	return w.err
}

// Flush writes buffered events out.
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	w.err = w.w.Flush()
	return w.err
}
