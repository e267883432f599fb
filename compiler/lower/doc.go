// Package lower decides, for every compiled rule, which tier runs it: the
// kernel classifier when the whole rule can be evaluated exactly on one
// packet with the classifier's tables (header, payload contents with
// absolute positions, dsize, TCP flags, ttl, ICMP type and code), the
// userspace runtime otherwise, always with the reason. Userspace rules
// still have their headers lowered into the kernel as a prefilter.
package lower
