// Package flowid computes the flow id both tiers report for a flow: the
// EVE flow_id of kernel alerts (from a classifier event) and of userspace
// alerts (from the flow tracker). It is a deterministic, symmetric hash of
// the flow key, defined byte for byte in Of so that the classifier can
// compute the same value in C.
package flowid
