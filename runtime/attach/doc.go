// Package attach puts a TC classifier on a network interface and takes it
// off again. It uses a TCX link (link.AttachTCX) where the kernel has
// TCX, and otherwise a clsact qdisc with a direct-action bpf filter made
// through netlink, adding the qdisc only when the interface has none and
// removing it on Close only when it added it and no other filter is left.
// Update swaps the program atomically: link.Update for TCX, a filter
// replace for clsact; no packet goes unclassified in between.
package attach
