// Package defrag reassembles IP fragments (IPv4 and IPv6) in userspace as
// Suricata's defrag does: fragments are kept per tracker (addresses,
// identification, protocol for IPv4, and VLAN ids) until the packet is
// whole, for at most Config.Timeout of packet time after the tracker's
// last fragment; overlapping data is resolved by the target's policy
// (Suricata's default, BSD: the fragment with the lower offset wins, the
// earlier one on a tie); held fragment bytes are bounded by a memcap and
// trackers and fragments by counts. Every fragment dropped to a bound,
// every tracker timed out, and the events Suricata raises
// (ipv4.frag_overlap, ipv6.frag_overlap, ipv4.frag_pkt_too_large,
// ipv6.frag_pkt_too_large, ipv4.frag_ignored, ipv6.frag_ignored) are
// counted; the events are also set on the fragment that caused them.
//
// The reassembled packet is returned as an Ethernet frame: the first
// fragment's link header and IP header (IPv4: total length and fragment
// field rewritten, checksum recomputed; IPv6: the fragment header removed
// and the payload length rewritten), then the data.
package defrag
