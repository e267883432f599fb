// Package flow turns captured frames into inspection units. Frames are
// Ethernet (runtime/capture makes other link types Ethernet) decoded by
// runtime/decode; it keeps a bounded flow table keyed by the 5-tuple in
// both directions and the VLAN ids, flows identified by runtime/flowid;
// reassembles TCP streams
// (runtime/flow/reasm); detects HTTP, TLS, SSH, DCE/RPC and DNS by content
// or port and parses them (runtime/flow/http, runtime/flow/dns,
// runtime/flow/tls, runtime/flow/ssh, runtime/flow/dcerpc).
//
// For every IP packet the Tracker emits a KindPacket unit ("payload": the
// L4 payload) before any unit the packet completes: KindStream units
// ("payload": reassembled bytes of one direction, emitted when the other
// direction sends data, when MaxStreamBuffer bytes are held and when the
// stream ends, so content split across segments is seen whole) and
// KindApp units (HTTP transaction stages, DNS queries and answers, the
// TLS ClientHello, DCE/RPC request and response PDUs). A TCP flow's end
// emits a KindPseudo unit for each direction that gets Suricata's flow end
// pseudo packet.
//
// Semantics follow Suricata's defaults. Time is packet time. The client
// is the sender of a flow's first packet, or its receiver when that packet
// is a SYN/ACK. A TCP flow is established by SYN, SYN/ACK, ACK (or
// Suricata's four-way handshake: SYN, SYN, SYN/ACK from the client, ACK);
// a flow picked up without its SYN is inspected packet by packet only,
// unless Config.Midstream (Suricata's stream.midstream) reassembles it
// and counts it established at once (at a SYN/ACK: by the client's ACK);
// such a flow picked up at an ACK is turned around when its first data
// is what the other direction sends (an HTTP response going to the
// server), as Suricata's protocol detection reverses it.
// Other flows are established once both sides sent a packet. A SYN on a
// reset or finished TCP flow starts a new flow. A packet is established
// (Packet.Established, what flow:established tests) when its flow was
// before it, as Suricata marks packets before its stream engine runs: the
// ACK completing a handshake only when it carries data. Only data the
// session accepts goes into the stream (Packet.StreamAdded): a SYN's with
// a TCP Fast Open option, data once established, none after a reset;
// other data is inspected as its packet's payload.
//
// Every resource is bounded and every cut counted (Stats, Limits). Flows
// idle past their phase's timeout (new, established, closed; Suricata's
// flow-timeouts) end. A full table (MaxFlows, or FlowMemcap at flowCost a
// flow) enters emergency mode, as does memory within a tenth of the
// stream or HTTP memcap: the shorter emergency timeouts apply, and if no
// flow timed out the least recently used closed or new flow is evicted,
// an established one only when there is none, so a SYN flood evicts its
// own flows. Held stream bytes are bounded by StreamMemcap (past it data is
// inspected as it arrives), out-of-order bytes by MaxOutOfOrderTotal, HTTP
// heads, bodies and open transactions by HTTPMemcap. Config.Set takes
// Suricata's setting names.
//
// In IDS mode (not Config.IPS nor Config.StreamInline) the app layer
// parses a direction's bytes once the other side acknowledged them, on
// the acknowledging packet before it is inspected, and a KindApp unit
// is inspected on its direction's next packet, after that packet's own
// unit, or with the flow's end (Suricata's stream engine and its
// per-direction transaction inspection); inline, data is parsed and
// inspected with the packet carrying it.
//
// A unit's Packet is the packet being processed when it was emitted: a
// stream chunk flushed because the other side spoke carries that side's
// packet, so use Unit.Dir for the chunk's direction. Units emitted because
// a flow timed out, was evicted or was flushed have no Packet.
//
// Units and their buffers are only valid during the emit callback: buffers
// alias the frame, which the caller may reuse, and the tracker's memory.
// Checksums are not verified. Frames are decoded by runtime/decode (once,
// by the caller of Decoded); fragments are inspected as they are, and
// runtime/defrag reassembles them for the caller to feed back.
package flow
