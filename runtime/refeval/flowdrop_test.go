package refeval

import "testing"

// TestFlowDropsFoundOnceAdded: the dropped-flow set, which packets check
// without its lock while it is empty, finds a flow from the drop that
// adds it on, and no other.
func TestFlowDropsFoundOnceAdded(t *testing.T) {
	var d flowDrops
	k, other := FlowKey{AP: 1, BP: 2, Proto: 6}, FlowKey{AP: 1, BP: 3, Proto: 6}
	if d.has(k) {
		t.Fatal("a flow found in the empty set")
	}
	d.add(k)
	if !d.has(k) {
		t.Error("a dropped flow not found")
	}
	if d.has(other) {
		t.Error("a flow never dropped found")
	}
}
