package suricata

func init() {
	registerBuffers("http2", []bufferDef{{name: "http2.header_name"}, {name: "http2.header"}})
}
