// Package inspect holds the values the userspace runtime passes between
// its stages: flows, packets and inspection units. The flow tracker
// (runtime/flow) produces units — one per packet, per reassembled stream
// chunk and per app-layer event (an HTTP transaction reaching a stage, a
// DNS query, a TLS hello) — and the matcher (runtime/match) evaluates rules
// against a unit's named buffers.
package inspect
