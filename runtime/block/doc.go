// Package block turns alerts into dynamic blocks. Each severity
// (critical, high, medium, low) may have a threshold: Count alerts of that
// severity from one source address within Window block the source for
// TTL. A block is an entry of the classifier's block list whose
// expires_ns the classifier honours by itself; Sweep removes expired
// entries from the map. Both are logged as EVE events, event_type "block"
// and "unblock", with src_ip and a "block" section (reason, sid,
// severity, ttl in seconds). Sources on the allow list are never blocked:
// the classifier lets them through anyway, and the blocker does not add
// entries it would ignore.
package block
