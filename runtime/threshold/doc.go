// Package threshold applies Suricata's threshold, limit, both, backoff,
// detection_filter and rate_filter settings to rule matches, keyed by
// source, destination, both, rule or flow, on packet time. Memory is
// bounded: each entry is dropped when its rule's window ends (a backoff
// counter, which has no window, an hour after its last match; a
// rate_filter's after its timeout), and the table holds at most a
// fixed number of keys. A match of a new key while the table is full is
// neither counted nor alerted (fail closed, as an alert without its count
// would be a false one) and is counted in Stats.Full.
package threshold
