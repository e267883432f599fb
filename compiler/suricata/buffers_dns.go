package suricata

func init() {
	registerBuffers("dns", []bufferDef{
		{name: "dns.query", aliases: []string{"dns_query"}},
		{name: "dns.queries.rrname"},
		{name: "dns.answers.rrname"},
		{name: "dns.response.rrname"},
	})
}
