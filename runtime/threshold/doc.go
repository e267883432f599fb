// Package threshold applies Suricata's threshold, limit, both, backoff and
// detection_filter settings to rule matches, keyed by source, destination,
// both, rule or flow, on packet time. Memory is bounded: entries whose
// window has passed are swept, and past MaxEntries new keys are counted as
// overflow and the match let through rather than silently dropped.
package threshold
