package engine

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"
)

// Stats counts what an engine saw and did.
type Stats struct {
	Packets, Bytes uint64
	Drops          uint64 // kernel verdict: dropped
	PolicyDrops    uint64 // packets an exception policy dropped (IPS mode)
	Blocked        uint64 // dropped by the block list
	Copies         uint64 // copied up to the userspace tier
	CopiedTotal    uint64 // their bytes
	// Uninspected counts copies no userspace rule could inspect (a TCP
	// direction past the stream depth without userspace packet rules),
	// UninspectedBytes their bytes.
	Uninspected, UninspectedBytes uint64
	// UninspectedBy splits UninspectedBytes by reason: past_stream_depth,
	// encrypted (TLS application data, SSH after NEWKEYS: a flow whose
	// payload is no longer inspected), flow_bypassed.
	UninspectedBy map[string]uint64
	// BypassedDirs counts the flow directions the kernel tier was told to
	// stop copying; BypassedPkts and BypassedBytes the frames it then did
	// not copy.
	BypassedDirs, BypassedPkts, BypassedBytes uint64
	// BypassedBy counts BypassedDirs by reason (as UninspectedBy).
	BypassedBy   map[string]uint64
	BypassErrors uint64 // bypasses the kernel tier refused: the direction stays copied
	Truncated    uint64 // past the kernel scan depth, decided in userspace
	AppUndecided uint64 // copied with a kernel app-layer rule (dns.query) left to userspace
	WAFEvicted   uint64 // HTTP transactions the WAF finished early to bound memory
	Units        uint64
	GroupResets  uint64 // rule groups dropped to bound memory, built again on use
	DecodeErrors uint64
	// Tunneled counts the inner packets of tunnels inspected on their own;
	// TunnelTooDeep those past maxTunnelDepth, not inspected.
	Tunneled, TunnelTooDeep uint64
	Fragments               [2]uint64         // IP fragments taken for reassembly: IPv4, IPv6
	Reassembled             [2]uint64         // packets reassembled from them: IPv4, IPv6
	DecodeEvents            map[string]uint64 // decoder events of copied frames, by Suricata name
	CopiedPackets           map[string]uint64 // copied frames by copy reason (one frame may have several)
	CopiedBytes             map[string]uint64 // their bytes
	BadEvents               uint64            // kernel events naming no rule of the object
	Alerts                  uint64
	Suppressed              uint64 // alerts a threshold.config suppress stopped
	AlertsByTier            map[string]uint64
	BySeverity              map[string]uint64
	BySID                   map[uint64]uint64
	// IPSAccepted and IPSBlocked count the packets an IPS run passed and
	// dropped; DropReasons the dropped ones by EVE drop reason.
	IPSAccepted, IPSBlocked uint64
	DropReasons             map[string]uint64
	// FlowEndStates and FlowEndTCPStates count the flows that ended by
	// their state and, TCP, their TCP state (Suricata's flow.end.state
	// and flow.end.tcp_state).
	FlowEndStates, FlowEndTCPStates map[string]uint64
	// Limits counts, by name, what a bound cut short: flows evicted,
	// memcaps reached, regex budgets spent, a full threshold table.
	Limits      map[string]uint64
	First, Last time.Time // packet time
}

func (s *Stats) init() {
	s.AlertsByTier = map[string]uint64{}
	s.BySeverity = map[string]uint64{}
	s.BySID = map[uint64]uint64{}
	s.DecodeEvents = map[string]uint64{}
	s.CopiedPackets = map[string]uint64{}
	s.CopiedBytes = map[string]uint64{}
	s.UninspectedBy = map[string]uint64{}
	s.BypassedBy = map[string]uint64{}
	s.DropReasons = map[string]uint64{}
	s.FlowEndStates = map[string]uint64{}
	s.FlowEndTCPStates = map[string]uint64{}
}

// Add adds o's counts to s; a live run sums the engines of its reloads.
func (s *Stats) Add(o *Stats) {
	s.Packets += o.Packets
	s.Bytes += o.Bytes
	s.Drops += o.Drops
	s.PolicyDrops += o.PolicyDrops
	s.Blocked += o.Blocked
	s.Copies += o.Copies
	s.CopiedTotal += o.CopiedTotal
	s.Uninspected += o.Uninspected
	s.UninspectedBytes += o.UninspectedBytes
	s.BypassedDirs += o.BypassedDirs
	s.BypassedPkts += o.BypassedPkts
	s.BypassedBytes += o.BypassedBytes
	s.BypassErrors += o.BypassErrors
	s.Truncated += o.Truncated
	s.AppUndecided += o.AppUndecided
	s.WAFEvicted += o.WAFEvicted
	s.Units += o.Units
	s.GroupResets += o.GroupResets
	s.DecodeErrors += o.DecodeErrors
	s.Tunneled += o.Tunneled
	s.TunnelTooDeep += o.TunnelTooDeep
	for i := range s.Fragments {
		s.Fragments[i] += o.Fragments[i]
		s.Reassembled[i] += o.Reassembled[i]
	}
	s.BadEvents += o.BadEvents
	s.Alerts += o.Alerts
	s.Suppressed += o.Suppressed
	if s.AlertsByTier == nil {
		s.init()
	}
	addCounts(s.AlertsByTier, o.AlertsByTier)
	addCounts(s.BySeverity, o.BySeverity)
	addCounts(s.BySID, o.BySID)
	addCounts(s.DecodeEvents, o.DecodeEvents)
	addCounts(s.CopiedPackets, o.CopiedPackets)
	addCounts(s.CopiedBytes, o.CopiedBytes)
	addCounts(s.UninspectedBy, o.UninspectedBy)
	addCounts(s.BypassedBy, o.BypassedBy)
	s.IPSAccepted += o.IPSAccepted
	s.IPSBlocked += o.IPSBlocked
	addCounts(s.DropReasons, o.DropReasons)
	addCounts(s.FlowEndStates, o.FlowEndStates)
	addCounts(s.FlowEndTCPStates, o.FlowEndTCPStates)
	if len(o.Limits) > 0 && s.Limits == nil {
		s.Limits = map[string]uint64{}
	}
	addCounts(s.Limits, o.Limits)
	if s.First.IsZero() || (!o.First.IsZero() && o.First.Before(s.First)) {
		s.First = o.First
	}
	if o.Last.After(s.Last) {
		s.Last = o.Last
	}
}

func (s *Stats) packet(ts time.Time, n int) {
	if s.Packets == 0 {
		s.First = ts
	}
	s.Last = ts
	s.Packets++
	s.Bytes += uint64(n)
}

func (s *Stats) alert(sid uint64, severity, tier string) {
	s.Alerts++
	s.AlertsByTier[tier]++
	s.BySeverity[severity]++
	s.BySID[sid]++
}

// WriteTable prints the run summary; elapsed is the wall time taken.
func (s *Stats) WriteTable(w io.Writer, elapsed time.Duration) {
	pps := 0.0
	if elapsed > 0 {
		pps = float64(s.Packets) / elapsed.Seconds()
	}
	fmt.Fprintf(w, "%-24s %d\n", "packets", s.Packets)
	fmt.Fprintf(w, "%-24s %d\n", "bytes", s.Bytes)
	fmt.Fprintf(w, "%-24s %d\n", "dropped (kernel)", s.Drops)
	if s.PolicyDrops > 0 {
		fmt.Fprintf(w, "%-24s %d\n", "dropped (exc. policy)", s.PolicyDrops)
	}
	fmt.Fprintf(w, "%-24s %d\n", "blocked (block list)", s.Blocked)
	fmt.Fprintf(w, "%-24s %d (%d bytes)\n", "copied to userspace", s.Copies, s.CopiedTotal)
	for _, r := range copyReasons {
		if n := s.CopiedPackets[r.name]; n > 0 {
			fmt.Fprintf(w, "  %-22s %d packets, %d bytes\n", r.name, n, s.CopiedBytes[r.name])
		}
	}
	pct := 0.0
	if s.CopiedTotal > 0 {
		pct = 100 * float64(s.UninspectedBytes) / float64(s.CopiedTotal)
	}
	fmt.Fprintf(w, "%-24s %d packets, %d bytes (%.1f%% of copied bytes)\n", "copied, not inspected", s.Uninspected, s.UninspectedBytes, pct)
	for _, why := range slices.Sorted(maps.Keys(s.UninspectedBy)) {
		fmt.Fprintf(w, "  %-22s %d bytes\n", why, s.UninspectedBy[why])
	}
	fmt.Fprintf(w, "%-24s %d flow directions, %d packets, %d bytes not copied, %d refused\n", "bypassed (kernel)", s.BypassedDirs, s.BypassedPkts, s.BypassedBytes, s.BypassErrors)
	for _, why := range slices.Sorted(maps.Keys(s.BypassedBy)) {
		fmt.Fprintf(w, "  %-22s %d flow directions\n", why, s.BypassedBy[why])
	}
	fmt.Fprintf(w, "%-24s %d\n", "past kernel scan depth", s.Truncated)
	fmt.Fprintf(w, "%-24s %d\n", "app-layer undecided", s.AppUndecided)
	fmt.Fprintf(w, "%-24s %d (reassembled %d)\n", "ip fragments", s.Fragments[0]+s.Fragments[1], s.Reassembled[0]+s.Reassembled[1])
	fmt.Fprintf(w, "%-24s %d (too deep, not inspected: %d)\n", "tunneled packets", s.Tunneled, s.TunnelTooDeep)
	fmt.Fprintf(w, "%-24s %d\n", "decode errors", s.DecodeErrors)
	for _, name := range slices.Sorted(maps.Keys(s.DecodeEvents)) {
		fmt.Fprintf(w, "  %-22s %d\n", name, s.DecodeEvents[name])
	}
	fmt.Fprintf(w, "%-24s %d\n", "WAF txs finished early", s.WAFEvicted)
	fmt.Fprintf(w, "%-24s %d\n", "rule group resets", s.GroupResets)
	fmt.Fprintf(w, "%-24s %d (kernel %d, userspace %d)\n", "alerts", s.Alerts, s.AlertsByTier["kernel"], s.AlertsByTier["userspace"])
	if s.Suppressed > 0 {
		fmt.Fprintf(w, "%-24s %d\n", "alerts suppressed", s.Suppressed)
	}
	for _, sev := range []string{"critical", "high", "medium", "low"} {
		fmt.Fprintf(w, "  %-22s %d\n", sev, s.BySeverity[sev])
	}
	sids := make([]uint64, 0, len(s.BySID))
	for sid := range s.BySID {
		sids = append(sids, sid)
	}
	slices.SortFunc(sids, func(a, b uint64) int { return cmp.Or(cmp.Compare(s.BySID[b], s.BySID[a]), cmp.Compare(a, b)) })
	for _, sid := range sids {
		fmt.Fprintf(w, "  sid %-18d %d\n", sid, s.BySID[sid])
	}
	if len(s.Limits) > 0 {
		fmt.Fprintf(w, "%-24s\n", "limits reached")
		for _, name := range slices.Sorted(maps.Keys(s.Limits)) {
			fmt.Fprintf(w, "  %-26s %d\n", name, s.Limits[name])
		}
	}
	fmt.Fprintf(w, "%-24s %s\n", "time", elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "%-24s %.0f\n", "packets/s", pps)
}

// addCounts adds src's counts to dst's.
func addCounts[K comparable](dst, src map[K]uint64) {
	for k, v := range src {
		dst[k] += v
	}
}
