package engine

import "github.com/rulec/rulec/runtime/refeval"

// copyReasons names the classifier's copy reasons (refeval.Copy* bits).
var copyReasons = []struct {
	bit  uint8
	name string
}{
	{refeval.CopyUserspace, "userspace_rule"},
	{refeval.CopyScanTruncated, "past_scan_depth"},
	{refeval.CopyFragment, "fragment"},
	{refeval.CopyDecode, "decode"},
	{refeval.CopyApp, "app_undecided"},
	{refeval.CopyDetail, "alert_detail"},
	{refeval.CopyTunnel, "tunnel"},
}

// countCopy adds a copied frame of n bytes to every reason it was copied
// for.
func (s *Stats) countCopy(reason uint8, n int) {
	for _, r := range copyReasons {
		if reason&r.bit != 0 {
			s.CopiedPackets[r.name]++
			s.CopiedBytes[r.name] += uint64(n)
		}
	}
}
