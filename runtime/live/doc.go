// Package live runs a compiled object on a network interface: the
// classifier is attached with TCX (or a clsact qdisc) through package
// attach, a ring-buffer reader moves its events to a bounded queue, and
// one worker hands them to the engine's events step (engine.Decide):
// alert records become EVE alerts, copy records go to the userspace tier.
// Ring-buffer losses are counted by the classifier (ringbuf_full), the
// queue depth by the reader; both are in every Snapshot.
//
// Alerts go through a block.Blocker: per-severity thresholds add dynamic
// blocks with a TTL to the classifier's block list, swept when they
// expire. Reload swaps in a new object atomically (see Runner.Reload);
// lists, counters and the ring buffer are shared by every generation, so
// dynamic blocks, the allow list and the counts carry over.
//
// Counters are exposed as a Snapshot, a one-line summary (WriteLine) and
// Prometheus text (WriteMetrics, MetricsHandler). A unix control socket
// (ServeControl, RequestReload) takes "reload" requests.
//
// # Configuration file
//
// LoadFile reads YAML; flags override it (File.Apply):
//
//	interface: eth0
//	direction: both            # ingress, egress or both
//	attach: auto               # auto, tcx or clsact
//	eve: /var/log/rulec/eve.json
//	stats: 10s                 # print counters (and write an EVE stats record) this often
//	ring_size: 16M             # classifier event ring buffer (default 4M)
//	metrics_addr: 127.0.0.1:9464  # loopback unless allowed explicitly
//	control: /run/rulec/eth0.sock
//	vars:                      # as suricata.yaml's vars:
//	  address-groups: {HOME_NET: "[10.0.0.0/8]"}
//	  port-groups: {HTTP_PORTS: "80"}
//	severity: {1: critical, 2: high, 3: medium, 4: low}
//	thresholds:                # COUNT alerts from one source within WINDOW block it for TTL
//	  critical: {count: 1, window: 60s, ttl: 10m}
//	  high: {count: 5, window: 60s, ttl: 5m}
//	allow: [10.0.0.1, 192.168.10.0/24]   # always pass; exceptions to blocks
//	block: [198.51.100.0/24]             # static blocks
//	port_blocks: [tcp/23, any/445]       # every packet to the port, unless allowed
//
// docs/rulec.yaml is a commented example.
package live
