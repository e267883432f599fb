package suricata

// ip.src and ip.dst are the packet's addresses as raw bytes (4 for IPv4,
// 16 for IPv6), for dataset and content matches.
func init() {
	registerBuffers("", []bufferDef{{name: "ip.src"}, {name: "ip.dst"}})
}
